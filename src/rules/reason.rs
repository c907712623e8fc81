//! Why a span is reported: the rule that found or kept it.

/// Why a span is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Reason {
    /// A name of the gazetteer, with no rule needed.
    Gazetteer,
    /// A common word kept because a locative preposition precedes it.
    Preposition,
    /// A common word kept because `, Place` follows it.
    PlaceAfterComma,
    /// A division's code written in capitals kept because `Place, `
    /// precedes it ("Dallas, TX").
    AfterPlaceComma,
    /// Words after a person title (President, Defense Minister).
    Title,
    /// A known given name followed by capitalised words.
    GivenName,
    /// Initials followed by a capitalised surname (J. K. Varden).
    Initials,
    /// The surname of a person named earlier in the text.
    SurnameLink,
    /// Capitalised words ending in an organisation head noun, or a head noun
    /// followed by `of` and capitalised words.
    OrgHead,
    /// Capitalised words ending in a legal suffix.
    LegalSuffix,
    /// Coordinates written in the text (the span's entry is the nearest
    /// populated place, when the gazetteer has one).
    Coordinates,
    /// An emoji flag (🇦🇿): the country its letters' code names.
    Flag,
    /// An acronym in capitals defined in the text after an organisation's
    /// name ("Anadolu Agency (AA)") or used more than once.
    Acronym,
    /// A place name widened by the word that makes it a longer place name:
    /// a direction before it (West Germany, South Kelso) or a geographic
    /// head around it (Niger River, Lake Chad, Kolar District). The span
    /// keeps the place's entry.
    PlaceHead,
    /// A sports club named after its place: the place with a capitalised
    /// plural or a club word (Tulsa Hornets, FC Basel), or alone after
    /// "played for", "signed with", a coaching verb or a minor-league class
    /// ("played for Ashwell", "AAA Wichita").
    Team,
    /// Capitalised words ending in the head word of a facility or a natural
    /// feature (Marlow Brook, Ada Kessler Stadium, Kent Valley Railroad,
    /// Dover and Ashford Railroad, Western Front), or after a head
    /// that comes first (Camp Ridley, River Mersey): a place the gazetteer
    /// does not know, with no entry.
    FeatureHead,
    /// Two or three capitalised words listed next to a person ("Vera
    /// Tamsin, Joel Marchetti and Ada Kerrow"): a person too.
    ListOfPeople,
    /// A capital "The" inside a sentence and the capitalised words after
    /// it (told The Harwick Gazette, toured with The Marbletons): the name of
    /// an organisation, a band or a newspaper, "The" included. An
    /// organisation the gazetteer knows by those words is its name alone,
    /// with its entry (told The Anadolu Agency: "Anadolu Agency"): a span
    /// with an entry never takes in a word that is not part of the name.
    TheName,
    /// A capitalised head noun alone after "the" ("the League", "the
    /// Ministry") when an organisation named earlier in the text has that
    /// head: a shorter mention of it.
    OrgLink,
    /// Capitalised words a text describes as a person: by a country in
    /// brackets after them ("Vera Tamsin ( Moldova )", a results row) or by
    /// an age between commas ("Tamsin, 34, said").
    Described,
    /// Capitalised words nothing else explains, in a language whose running
    /// text capitalises only names and sentence starts (Russian): two or
    /// three of them are a person's name ("Михаэль Вайнрайх"); a word in
    /// capitals, an organisation's acronym ("ФИДЕ").
    Capitals,
    /// A span given to [`crate::Extractor::resolve_spans`] by the caller.
    Given,
    /// A common word or a surname that is a place, kept because it is
    /// listed with a place that needs no evidence ("Moonbi, Parkes",
    /// "Eastland and Callahan").
    ListedPlace,
}

impl Reason {
    /// A short name for output (`gazetteer`, `title`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Gazetteer => "gazetteer",
            Reason::Preposition => "preposition",
            Reason::PlaceAfterComma => "place-after-comma",
            Reason::AfterPlaceComma => "after-place-comma",
            Reason::Title => "title",
            Reason::GivenName => "given-name",
            Reason::Initials => "initials",
            Reason::SurnameLink => "surname-link",
            Reason::OrgHead => "org-head",
            Reason::LegalSuffix => "legal-suffix",
            Reason::Coordinates => "coordinates",
            Reason::Flag => "flag",
            Reason::Acronym => "acronym",
            Reason::PlaceHead => "place-head",
            Reason::Team => "team",
            Reason::FeatureHead => "feature-head",
            Reason::ListOfPeople => "list",
            Reason::TheName => "the-name",
            Reason::OrgLink => "org-link",
            Reason::Described => "described",
            Reason::Capitals => "capitals",
            Reason::Given => "given",
            Reason::ListedPlace => "listed-place",
        }
    }
}
