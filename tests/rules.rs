//! The rules, family by family, on sentences we wrote, with the bundled
//! gazetteer: (text, expected (span text, label, reason)).

use std::sync::OnceLock;

use gazet::{Extractor, Gazetteer};

fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::new(Gazetteer::bundled()).expect("bundled gazetteer builds"))
}

type Row<'a> = (&'a str, &'a [(&'a str, &'a str, &'a str)]);

fn check(table: &[Row<'_>]) {
    for (text, want) in table {
        let spans = extractor().extract(text);
        let got: Vec<(&str, &str, &str)> =
            spans.iter().map(|s| (s.as_str(), s.label().as_str(), s.reason().as_str())).collect();
        assert_eq!(&got, want, "in {text:?}");
    }
}

#[test]
fn people_from_titles_and_given_names() {
    check(&[
        ("Defense Minister Arshak Karapetyan ordered the move.", &[("Arshak Karapetyan", "PER", "gazetteer")]),
        (
            "Foreign Minister Vardan Kocharyan spoke in Yerevan.",
            &[("Vardan Kocharyan", "PER", "title"), ("Yerevan", "LOC", "gazetteer")],
        ),
        ("the spokesman Teymur Abdullayev said", &[("Teymur Abdullayev", "PER", "title")]),
        ("Reporters asked Michael Hartwell about the talks.", &[("Michael Hartwell", "PER", "given-name")]),
        // A surname named earlier comes back alone.
        (
            "Gen. Orhan Demirtepe arrived. Later Demirtepe left.",
            &[("Orhan Demirtepe", "PER", "title"), ("Demirtepe", "PER", "surname-link")],
        ),
        // Local government roles are titles in any case.
        (
            "Town councillor Dewly Nelson spoke. Nelson left.",
            &[("Dewly Nelson", "PER", "title"), ("Nelson", "PER", "surname-link")],
        ),
        // A surname with an apostrophe is one word, whichever apostrophe.
        (
            "The tenant, Brian O’Connor, 38, moved. Later O’Connor left, and O'Connor wrote.",
            &[
                ("Brian O’Connor", "PER", "given-name"),
                ("O’Connor", "PER", "surname-link"),
                ("O'Connor", "PER", "surname-link"),
            ],
        ),
        // ...but not when written as a place with its division.
        (
            "Singer Tom Paxton visited. The house is in Paxton, Illinois.",
            &[("Tom Paxton", "PER", "title"), ("Paxton", "LOC", "place-after-comma"), ("Illinois", "LOC", "gazetteer")],
        ),
        // ...nor after a locative word.
        (
            "Coach Ray Boston left. In Boston he became a star; Boston won.",
            &[("Ray Boston", "PER", "title"), ("Boston", "LOC", "gazetteer"), ("Boston", "PER", "surname-link")],
        ),
        // A given name and a feature's head name a place, not a person.
        ("Many live near the Richmond Highway.", &[("Richmond Highway", "LOC", "feature-head")]),
        // A given name alone is a person when a speech verb or a possessive
        // follows.
        ("Later Stan said no.", &[("Stan", "PER", "given-name")]),
        // So is a curated place's alias that is a given name: Mukhtar, of
        // the village Mukhtarkend, needs the evidence any ambiguous name
        // needs.
        ("Later Mukhtar said he would return.", &[("Mukhtar", "PER", "given-name")]),
        ("Mukhtar Velieva opened the clinic.", &[("Mukhtar Velieva", "PER", "given-name")]),
        (
            "Shells fell on Mukhtar, Azerbaijan, before dawn.",
            &[("Mukhtar", "LOC", "place-after-comma"), ("Azerbaijan", "LOC", "gazetteer")],
        ),
        ("Patrols reached Mukhtarkend at noon.", &[("Mukhtarkend", "LOC", "gazetteer")]),
        // A city or a surname after a given name is part of a person's
        // name; a state that is no surname is not.
        (
            "The song was covered by John Denver in Tbilisi.",
            &[("John Denver", "PER", "given-name"), ("Tbilisi", "LOC", "gazetteer")],
        ),
        ("Storms hit North Texas.", &[("North Texas", "LOC", "place-head")]),
        // Two direction words: the place, not a region of the first two
        // ("Far North" is also a region of Cameroon).
        ("Crime rose in Far North Queensland.", &[("Far North Queensland", "LOC", "place-head")]),
        // A given name followed by a facility is no person (the gazetteer
        // knows the place).
        ("The final was played at Stanley Park Arena.", &[("Stanley Park", "LOC", "gazetteer")]),
    ]);
}

#[test]
fn people_after_roles_with_particles_and_hyphens() {
    check(&[
        // Roles, professions and kin written in lowercase are titles too.
        ("The band hired drummer Kellan Voss in 2006.", &[("Kellan Voss", "PER", "title")]),
        ("His brother Toby surfs.", &[("Toby", "PER", "title")]),
        ("A Jesuit teacher Fr Marco Vellani wrote it.", &[("Marco Vellani", "PER", "title")]),
        // Particles and hyphens inside a name.
        ("The historian Jules de Varenne wrote it.", &[("Jules de Varenne", "PER", "title")]),
        ("It was Juan de la Varga who spoke.", &[("Juan de la Varga", "PER", "given-name")]),
        ("A letter from Anton Kessel-Brandt arrived.", &[("Anton Kessel-Brandt", "PER", "given-name")]),
        // An apostrophe after a capital or two joins a surname ("O'Brien").
        ("The seed Alex O'Varden lost.", &[("Alex O'Varden", "PER", "given-name")]),
        ("Coach Liam D’Aubry resigned.", &[("Liam D’Aubry", "PER", "title")]),
        ("Then Marco's brother left.", &[("Marco", "PER", "given-name")]),
        // "A." is an initial; the period of "Jr." is part of the name.
        ("The post went to John A. Corvell in 1987.", &[("John A. Corvell", "PER", "given-name")]),
        ("Command passed to Colonel Clay Tavin Jr. in May.", &[("Clay Tavin Jr.", "PER", "title")]),
        // A country's name starts no person's name, after a title either.
        ("The prize is run by its founder France Sport magazine.", &[]),
    ]);
}

#[test]
fn people_from_initials_lists_and_short_names() {
    check(&[
        ("The theory was set out by J. K. Varden in 1931.", &[("J. K. Varden", "PER", "initials")]),
        // A compass point before a place is no initial.
        ("Officials in W. Columbia said the road was closed.", &[]),
        // Names listed next to a person are people.
        (
            "Guests were Karen Oduya, Zorbek Lanchar and Quillon Darvey.",
            &[
                ("Karen Oduya", "PER", "given-name"),
                ("Zorbek Lanchar", "PER", "list"),
                ("Quillon Darvey", "PER", "list"),
            ],
        ),
        // ...but not places or plurals listed with them.
        (
            "Mirela Tosk visited Gyumri, Lake Sevan and Vanadzor Parks.",
            &[
                ("Mirela Tosk", "PER", "given-name"),
                ("Gyumri", "LOC", "gazetteer"),
                ("Lake Sevan", "LOC", "place-head"),
            ],
        ),
        // Short forms of given names that are also words.
        ("Bob Ezrin produced the album.", &[("Bob Ezrin", "PER", "given-name")]),
        // Two small places side by side are one name of two words.
        ("The warlord Dou Jiande surrendered.", &[]),
        // A known place of several words is no given name and surname.
        ("Sirens sounded in Glen Carbon today.", &[("Glen Carbon", "LOC", "gazetteer")]),
    ]);
}

#[test]
fn people_described_by_a_country_or_an_age() {
    check(&[
        // A results row: a country in brackets after two or three words.
        (
            "Women's 100 metres:\n1. Ondine Kessary ( Moldova ) 11.02",
            &[("Ondine Kessary", "PER", "described"), ("Moldova", "LOC", "gazetteer")],
        ),
        // An age between commas.
        ("Ondine Kessary, 41, told reporters she would stay.", &[("Ondine Kessary", "PER", "described")]),
        // A team's row has a score after the brackets.
        (
            "Ashford Corvid ( Moldova ) 2 Tarrow Heron ( Moldova ) 1",
            &[("Moldova", "LOC", "gazetteer"), ("Moldova", "LOC", "gazetteer")],
        ),
    ]);
}

#[test]
fn organisations_from_heads_and_suffixes() {
    check(&[
        ("He studied at Baku State University.", &[("Baku State University", "ORG", "org-head")]),
        (
            "The Ministry of Foreign Affairs of Azerbaijan said",
            &[("Ministry of Foreign Affairs", "ORG", "gazetteer"), ("Azerbaijan", "LOC", "gazetteer")],
        ),
        ("Shares of Caspian Drilling PJSC fell.", &[("Caspian Drilling PJSC", "ORG", "legal-suffix")]),
        ("a report by Central Bank of Armenia staff", &[("Central Bank of Armenia", "ORG", "org-head")]),
        (
            "She sang with the Ganja Youth Choir and studied at Lankaran Music School.",
            &[("Ganja Youth Choir", "ORG", "org-head"), ("Lankaran Music School", "ORG", "org-head")],
        ),
        ("He joined the Danish Air Force in 1990.", &[("Danish Air Force", "ORG", "org-head")]),
        // A known place the capitalised run stopped short of ("New" is a
        // stop word; the run ends at a period) starts the name.
        (
            "Shares fell on the New Jersey Stock Exchange and the D.C. Board of Elections met.",
            &[("New Jersey Stock Exchange", "ORG", "org-head"), ("D.C. Board of Elections", "ORG", "org-head")],
        ),
        ("She was elected to the Ohio Senate.", &[("Ohio Senate", "ORG", "org-head")]),
        // A sport after a league's head is part of its name.
        ("He played in Major League Rugby and College Football.", &[("Major League Rugby", "ORG", "org-head")]),
        // A unit's ordinal number is part of its name, unless the acronym
        // names something after it.
        (
            "The 41st PVI and the 57th PVI marched with the 4th Infantry Division.",
            &[
                ("41st PVI", "ORG", "acronym"),
                ("57th PVI", "ORG", "acronym"),
                ("4th Infantry Division", "ORG", "org-head"),
            ],
        ),
        ("At the 38th QZR Image Awards, QZR staff spoke.", &[("QZR", "ORG", "acronym"), ("QZR", "ORG", "acronym")]),
        // A place the gazetteer knows by exactly the words of a head-noun
        // run stays that place.
        ("The Soviet Union collapsed in 1991.", &[("Soviet Union", "LOC", "gazetteer")]),
    ]);
}

#[test]
fn names_after_a_capital_the() {
    check(&[
        // Inside a sentence, a capital "The" starts a name: a band, a
        // newspaper, a society; "of" and "for" go on with it.
        ("Tickets for the tour with The Marbletons sold out.", &[("The Marbletons", "ORG", "the-name")]),
        ("She told The Harwick Gazette that talks failed.", &[("The Harwick Gazette", "ORG", "the-name")]),
        ("She told The Harwick Gazette Tuesday that talks failed.", &[("The Harwick Gazette", "ORG", "the-name")]),
        (
            "They joined The Society for Applied Geology in Yerevan.",
            &[("The Society for Applied Geology", "ORG", "the-name"), ("Yerevan", "LOC", "gazetteer")],
        ),
        (
            "Fans of Kettle Drum, The Lords of Ashford Hall and others came.",
            &[("The Lords of Ashford Hall", "ORG", "the-name")],
        ),
        // An organisation the gazetteer knows is its name without the "The"
        // (the article is not part of the name; a span with an entry is
        // always the text of the entry's name).
        ("A spokesman told The Anadolu Agency on Monday.", &[("Anadolu Agency", "ORG", "the-name")]),
        ("Two aid convoys left at dawn; The UN sent a third one.", &[("UN", "ORG", "the-name")]),
        ("By noon The World Bank had frozen the loan.", &[("World Bank", "ORG", "the-name")]),
        (
            "Since March The Anadolu Agency keeps two reporters in Tbilisi.",
            &[("Anadolu Agency", "ORG", "the-name"), ("Tbilisi", "LOC", "gazetteer")],
        ),
        // Not at a sentence start (after a closing quote either), not after
        // a word that announces a work, not in quotes, not for a place, a
        // nationality or a title the words name.
        ("The Marbletons played in Baku.", &[("Baku", "LOC", "gazetteer")]),
        ("\u{201c}We won.\u{201d} The Marbletons left.", &[]),
        ("He starred in the film The Quiet Orchard last year.", &[]),
        ("He sang \"The Quiet Orchard\" twice.", &[]),
        ("Talks were held in The Hague on Monday.", &[("The Hague", "LOC", "gazetteer")]),
        ("Since then The U.S. has recalled its envoy.", &[("U.S.", "LOC", "gazetteer")]),
        ("Since then The Mexican government said so.", &[("Mexican", "NORP", "gazetteer")]),
        ("He met The President today.", &[]),
    ]);
}

#[test]
fn organisations_named_again_by_their_head() {
    check(&[
        (
            "The Caspian Nature League met in Baku. Later the League said no.",
            &[
                ("Caspian Nature League", "ORG", "org-head"),
                ("Baku", "LOC", "gazetteer"),
                ("League", "ORG", "org-link"),
            ],
        ),
        // Only after an organisation with that head, only alone.
        ("Later the League said no.", &[]),
        (
            "The Caspian Nature League met. Then the League of Poets said no.",
            &[("Caspian Nature League", "ORG", "org-head"), ("League of Poets", "ORG", "org-head")],
        ),
        (
            "The Caspian Nature League met. Then a League official said no.",
            &[("Caspian Nature League", "ORG", "org-head")],
        ),
    ]);
}

#[test]
fn acronyms_defined_or_repeated() {
    check(&[
        (
            "The Caspian Energy Agency (CEA) said. Later CEA officials left.",
            &[("Caspian Energy Agency", "ORG", "org-head"), ("CEA", "ORG", "acronym"), ("CEA", "ORG", "acronym")],
        ),
        ("Both QXR teams and QXR fans came.", &[("QXR", "ORG", "acronym"), ("QXR", "ORG", "acronym")]),
        // Once, when it is the initials of an organisation of the text
        // (stop words left out).
        (
            "The Bureau of Caspian Surveys met. BCS staff left.",
            &[("Bureau of Caspian Surveys", "ORG", "org-head"), ("BCS", "ORG", "acronym")],
        ),
        // Once and undefined, or in a heading, it is left alone.
        ("A ZQW report came out.", &[]),
        // Terms and units in capitals are no organisations, repeated or not.
        ("He won by KO in May and by KO again in June; his ERA and his ERA rank fell.", &[]),
        ("BREAKING NEWS TONIGHT", &[]),
    ]);
}

#[test]
fn filters_and_evidence() {
    check(&[
        // A name known first as a company is the town after "in", before
        // ", Place" or before a word for its people, police or unrest;
        // alone, or starting a longer name, it stays the company.
        ("Crowds gathered in Ferguson overnight.", &[("Ferguson", "LOC", "gazetteer")]),
        ("Ferguson, Missouri was quiet.", &[("Ferguson", "LOC", "gazetteer"), ("Missouri", "LOC", "gazetteer")]),
        ("Tear gas drifted as Ferguson police held the line.", &[("Ferguson", "LOC", "gazetteer")]),
        ("Night fell on the #Ferguson protesters again.", &[("Ferguson", "LOC", "gazetteer")]),
        ("Reporters reached the town of Ferguson.", &[("Ferguson", "LOC", "gazetteer")]),
        // A place that is also a surname is the place after a settlement
        // word and "of".
        ("Envoys visited the town of Gori.", &[("Gori", "LOC", "preposition")]),
        ("Ferguson shares fell.", &[("Ferguson", "ORG", "gazetteer")]),
        ("Ferguson Police Chief spoke.", &[("Ferguson Police", "ORG", "org-head")]),
        // Calendar words are not places, holidays of one word included
        // (not the town of Christmas); an island named by one is.
        ("Talks resumed in March and ended on Nov. 10.", &[]),
        ("Flights to Easter Island stop at Christmas and Easter.", &[("Easter Island", "LOC", "gazetteer")]),
        // A small place joined by a hyphen to a word no name explains is
        // part of a compound; places joined to places, or to a party's
        // initial, stay places.
        ("He admired the Pre-Raphaelite painters.", &[]),
        // A one-word organisation beside a capitalised word nothing
        // explains is part of a longer name.
        ("He rode a Veolia Transport bus.", &[]),
        ("The buses are run by Veolia in Paris.", &[("Veolia", "ORG", "gazetteer"), ("Paris", "LOC", "gazetteer")]),
        // A name of several words ending in a lowercase function word is no
        // match (the alias "Wing-on" of a town in China).
        ("The unit became Fighter Wing on 3 April.", &[]),
        ("Fans of the Kelso-Dav album came.", &[]),
        (
            "Oil flows through the Baku-Tbilisi pipeline.",
            &[("Baku", "LOC", "gazetteer"), ("Tbilisi", "LOC", "gazetteer")],
        ),
        ("The senator, D-Charleston, voted no.", &[("Charleston", "LOC", "gazetteer")]),
        // Sentence-initial common words are not places.
        ("We met them. To be fair, nobody came.", &[]),
        // A common-word place needs evidence: a locative preposition...
        ("She moved to Nice last year.", &[("Nice", "LOC", "preposition")]),
        ("Nice weather today.", &[]),
        // ... or ", Place" after it.
        (
            "Reading, Pennsylvania hosted the fair.",
            &[("Reading", "LOC", "place-after-comma"), ("Pennsylvania", "LOC", "gazetteer")],
        ),
        // A US state's postal code in capitals needs a place and a comma
        // before it, or a locative preposition; after a person's name, or
        // alone, it is no state.
        (
            "Crews left Tulsa, OK and Trenton, NJ at dawn.",
            &[
                ("Tulsa", "LOC", "gazetteer"),
                ("OK", "LOC", "after-place-comma"),
                ("Trenton", "LOC", "gazetteer"),
                ("NJ", "LOC", "after-place-comma"),
            ],
        ),
        ("A fire burned in NJ overnight.", &[("NJ", "LOC", "preposition")]),
        // So do AP abbreviations written without their period.
        (
            "Crews from Tulsa, Okla drove on. Tex Ritter sang.",
            &[("Tulsa", "LOC", "gazetteer"), ("Okla", "LOC", "after-place-comma"), ("Tex Ritter", "PER", "given-name")],
        ),
        ("Dr. Lena Marsh, MD said OK and left the PA system on.", &[("Lena Marsh", "PER", "title")]),
        // Australian states as news abbreviates them are places, not
        // organisations in capitals; British Columbia's code needs the same
        // evidence as a postal code ("500 BC" is a year).
        (
            "Floods closed roads in NSW and Qld while Kelowna, BC stayed dry.",
            &[
                ("NSW", "LOC", "gazetteer"),
                ("Qld", "LOC", "gazetteer"),
                ("Kelowna", "LOC", "gazetteer"),
                ("BC", "LOC", "after-place-comma"),
            ],
        ),
        ("The wall was built around 500 BC.", &[]),
        // "The City", an alias of London's City and of some towns, before a
        // capitalised word or "of" names a town's government, no place.
        ("The City of Ashford adopted a plan.", &[("Ashford", "LOC", "gazetteer")]),
        ("Traders left The City after the crash.", &[("The City", "LOC", "gazetteer")]),
        // A name that is an organisation's own and a city's alternate (a
        // joke name of Topeka) is the organisation; a city's former name
        // no entry owns is the city.
        ("Google said profits rose in Gyumri.", &[("Google", "ORG", "gazetteer"), ("Gyumri", "LOC", "gazetteer")]),
        ("Flights to Bombay resumed.", &[("Bombay", "LOC", "gazetteer")]),
        // A surname or common word that is a place, listed with a place
        // that needs no evidence, is a place; not a given name, nor a word
        // before another capitalised one.
        (
            "Fires burned in Eastland and Callahan counties.",
            &[("Eastland", "LOC", "gazetteer"), ("Callahan", "LOC", "listed-place")],
        ),
        ("Envoys of Portugal and Pedro I met.", &[("Portugal", "LOC", "gazetteer")]),
        // A dash between capitalised words ends their run: a dateline is no
        // part of the organisation after it.
        (
            "CROMWELL — Police were called to Gyumri.",
            &[("CROMWELL", "LOC", "gazetteer"), ("Gyumri", "LOC", "gazetteer")],
        ),
        // A currency's sign is no country.
        ("The fund gave US$ 75 million and HK$3 to Gyumri.", &[("Gyumri", "LOC", "gazetteer")]),
        // The two Congos, with or without "the".
        (
            "Aid reached the Democratic Republic of Congo and the Republic of Congo.",
            &[("Democratic Republic of Congo", "LOC", "gazetteer"), ("Republic of Congo", "LOC", "gazetteer")],
        ),
        // A town named with a transliteration's apostrophes (Ts’khinvali,
        // P’ot’i) is found as English writes it.
        ("Troops left Tskhinvali for Poti.", &[("Tskhinvali", "LOC", "gazetteer"), ("Poti", "LOC", "gazetteer")]),
        // A party named with its country is the party; "Sens." is a title,
        // not the French town.
        (
            "Lawmakers from United Russia met Sens. Lena Marsh and Joel Varden in Moscow.",
            &[
                ("United Russia", "ORG", "gazetteer"),
                ("Lena Marsh", "PER", "title"),
                ("Joel Varden", "PER", "given-name"),
                ("Moscow", "LOC", "gazetteer"),
            ],
        ),
        // A person name that is also a small place is the person when a
        // speech verb follows.
        ("Jones said the plan works.", &[("Jones", "PER", "given-name")]),
        // Nationalities are kept, common word or not, but for a common word
        // at the start of a sentence.
        (
            "Envoys of French and Polish firms met Azerbaijani officials.",
            &[("French", "NORP", "gazetteer"), ("Polish", "NORP", "gazetteer"), ("Azerbaijani", "NORP", "gazetteer")],
        ),
        ("Polish the floor.", &[]),
        // Roman numerals are not places.
        ("World War II ended.", &[]),
    ]);
}

/// A place is the core of a longer place name around it, or the team
/// named after it; a longer name the gazetteer knows stays as it is.
#[test]
fn place_names_widened_by_their_heads() {
    check(&[
        ("Trade with West Germany grew.", &[("West Germany", "LOC", "place-head")]),
        // A state or a division named after the place keeps its entry.
        ("He lived in the old Grand Duchy of Tuscany then.", &[("Grand Duchy of Tuscany", "LOC", "place-head")]),
        ("The Kingdom of Poland fell.", &[("Kingdom of Poland", "LOC", "place-head")]),
        ("She was born in Kreis Flensburg.", &[("Kreis Flensburg", "LOC", "place-head")]),
        (
            "Boats sailed up the Kura River to Mingachevir.",
            &[("Kura River", "LOC", "place-head"), ("Mingachevir", "LOC", "gazetteer")],
        ),
        ("Fishing on Lake Sevan resumed.", &[("Lake Sevan", "LOC", "place-head")]),
        (
            "They crossed Lake Ohrid and the Gyumri Province border.",
            &[("Lake Ohrid", "LOC", "place-head"), ("Gyumri Province", "LOC", "place-head")],
        ),
        ("He lived on Ankara Avenue.", &[("Ankara Avenue", "LOC", "place-head")]),
        // Known longer names are not widened from their last word.
        (
            "Floods hit West Virginia and South Carolina.",
            &[("West Virginia", "LOC", "gazetteer"), ("South Carolina", "LOC", "gazetteer")],
        ),
        // A capitalised plural after a place: a team.
        (
            "The Baku Eagles beat the Yerevan Stallions.",
            &[("Baku Eagles", "ORG", "team"), ("Yerevan Stallions", "ORG", "team")],
        ),
        ("FC Baku lost to Ganja United.", &[("FC Baku", "ORG", "team"), ("Ganja United", "ORG", "team")]),
        // A plural the gazetteer or the lists know is not taken for a team.
        ("The Gyumri Hawks lost.", &[("Gyumri", "LOC", "gazetteer")]),
    ]);
    // A street is not the place it is named after: no entry, no point.
    let spans = extractor().extract("He lived on Ankara Avenue.");
    assert!(spans[0].entry().is_none() && spans[0].coord().is_none());
    let spans = extractor().extract("Trade with West Germany grew.");
    assert_eq!(spans[0].country().map(|c| c.to_string()).as_deref(), Some("DE"), "the place's entry is kept");
}

#[test]
fn features_the_gazetteer_does_not_know() {
    check(&[
        (
            "Crews dredged Hancock Brook near Gyumri.",
            &[("Hancock Brook", "LOC", "feature-head"), ("Gyumri", "LOC", "gazetteer")],
        ),
        ("Fans filled Ada Kessler Stadium on Sunday.", &[("Ada Kessler Stadium", "LOC", "feature-head")]),
        (
            "A train left Atlantic City on the Kent Valley Railroad.",
            &[("Atlantic City", "LOC", "gazetteer"), ("Kent Valley Railroad", "LOC", "feature-head")],
        ),
        (
            "She lives on Kessler Road and trains at Davis Gym under the Ottoman Empire mural.",
            &[
                ("Kessler Road", "LOC", "feature-head"),
                ("Davis Gym", "LOC", "feature-head"),
                ("Ottoman Empire", "LOC", "feature-head"),
            ],
        ),
        // A railway named after the places it joins is one name.
        (
            "Coaches came from the Bangor, Orono and Milford Railway and rode the Washington Metro.",
            &[
                ("Bangor, Orono and Milford Railway", "LOC", "feature-head"),
                ("Washington Metro", "LOC", "feature-head"),
            ],
        ),
        // The head first: "Camp Ridley", "River Mersey"; not when more
        // capitalised words follow (a law's or an event's name).
        (
            "The regiment formed at Camp Ridley and sailed up the River Mersey.",
            &[("Camp Ridley", "LOC", "feature-head"), ("River Mersey", "LOC", "feature-head")],
        ),
        ("The Inter-State River Fishing Rights Act passed.", &[]),
        // A numbered road is a route; a place's House its legislature; a
        // known name of several words keeps its reason.
        ("Crews closed County Road 43 in Gyumri.", &[("Gyumri", "LOC", "gazetteer")]),
        ("The Minnesota House voted.", &[("Minnesota", "LOC", "gazetteer")]),
        ("We sailed to Rhode Island.", &[("Rhode Island", "LOC", "gazetteer")]),
        // A small place's House is a building; a determiner starts no name.
        (
            "Volunteers met at the Phillips House on Nagle Place.",
            &[("Phillips House", "LOC", "feature-head"), ("Nagle Place", "LOC", "feature-head")],
        ),
        ("Some Hancock Brook residents left.", &[("Hancock Brook", "LOC", "feature-head")]),
        // At a sentence's start, a listed surname before the head names a
        // facility after a person.
        ("Harris Gym could hold 900 people.", &[("Harris Gym", "LOC", "feature-head")]),
        // A war's front named by its direction is a place with no entry
        // (not the village of Front); a party's front is an organisation.
        (
            "Fighting along the Western Front ended; the Popular Front won near College Street.",
            &[
                ("Western Front", "LOC", "feature-head"),
                ("Popular Front", "ORG", "org-head"),
                ("College Street", "LOC", "place-head"),
            ],
        ),
        // A utility's head word alone is the utility, not the village of
        // Hydro; with its province it is the organisation.
        ("Ridgeway Hydro raised its rates. Hydro officials met the owners.", &[("Ridgeway Hydro", "ORG", "org-head")]),
        // A date is no village named after one; "All-America" is no place.
        (
            "The battle of 28 May 803 was fought; he was All-America twice; snow fell on 28 May village.",
            &[("28 May", "LOC", "gazetteer")],
        ),
        // A time zone after a time of day is no place.
        ("It aired at 9 a.m. EST in Gyumri.", &[("Gyumri", "LOC", "gazetteer")]),
        ("It aired at 9 pm EST in Gyumri.", &[("Gyumri", "LOC", "gazetteer")]),
        // (EST is a region's code, a place, elsewhere.)
        ("It aired at noon EST in Gyumri.", &[("EST", "LOC", "gazetteer"), ("Gyumri", "LOC", "gazetteer")]),
        // A head word alone, or after a sentence's first word, names nothing.
        ("Station staff left early.", &[]),
        ("The Station closed.", &[]),
        // A title in the run makes it a person's name, not a feature's.
        ("President Aliyev Street was renamed.", &[]),
        // A place and "Drive" is a street; "Drive" alone makes no feature
        // of other capitalised words (a product, a film).
        ("Homes on Wichita Drive flooded.", &[("Wichita Drive", "LOC", "place-head")]),
        ("The Sex Drive tour ended.", &[]),
    ]);
    // A street named after a place is not at the place's point.
    let spans = extractor().extract("Homes on Wichita Drive flooded.");
    assert!(spans[0].entry().is_none(), "{:?}", spans[0].entry().map(|e| e.id()));
    // A local feature takes the point of the town named nearest to it; a
    // river is too long for a town's point.
    let spans = extractor().extract("Police closed Lois Street in Gyumri after the crash.");
    assert_eq!(spans[0].as_str(), "Lois Street");
    assert_eq!(spans[0].evidence(), gazet::Evidence::Town);
    assert_eq!(spans[0].coord(), spans[1].coord());
    assert!(spans[0].entry().is_none());
    let spans = extractor().extract("Searchers walked the Neches River near Gyumri.");
    assert_eq!((spans[0].as_str(), spans[0].coord()), ("Neches River", None));
    // Nor is a state or national park (a word of `wide_words.txt`).
    let spans = extractor().extract("Rangers closed Kessler State Park near Gyumri.");
    assert_eq!((spans[0].as_str(), spans[0].coord()), ("Kessler State Park", None));
    let spans = extractor().extract("Rangers closed Kessler Park near Gyumri.");
    assert_eq!(spans[0].as_str(), "Kessler Park");
    assert_eq!(spans[0].coord(), spans[1].coord());
}

#[test]
fn places_that_start_or_end_longer_names() {
    check(&[
        // An event or an army named after a place is not the place.
        ("He fell at the Battle of Hastings in 1066.", &[]),
        ("They served in the Army of the Rhine.", &[]),
        ("He fought in the Tanzania Liberation War and boxed at the Helsinki Olympics.", &[]),
        // A place in the quoted title of a work is part of the title, in
        // straight or curly quotes; in quoted speech it is a place.
        ("Their single \"Anarchy in Tokyo\" and the song “Gyumri” charted.", &[]),
        ("She sang the songs “Gyumri” and “Spitak” in Tbilisi.", &[("Tbilisi", "LOC", "gazetteer")]),
        ("A \"Gyumri, Armenia\" dateline.", &[("Gyumri", "LOC", "gazetteer"), ("Armenia", "LOC", "gazetteer")]),
        (
            "He said “we flew to Tokyo” and \"Baku is calm.\"",
            &[("Tokyo", "LOC", "gazetteer"), ("Baku", "LOC", "gazetteer")],
        ),
        // A disease named after a place is no place.
        ("Cases of Marburg virus and Lassa fever rose in Gyumri.", &[("Gyumri", "LOC", "gazetteer")]),
        // A big place before a capitalised word nothing explains starts a
        // longer name ("Perth Glory", a club); a known name or a cue after
        // it does not.
        ("Perth Glory won again in Sydney.", &[("Sydney", "LOC", "gazetteer")]),
        (
            "He was born in Toronto and moved to Perth.",
            &[("Toronto", "LOC", "gazetteer"), ("Perth", "LOC", "gazetteer")],
        ),
        ("The Toronto Blue Herons signed him.", &[("Toronto Blue Herons", "ORG", "team")]),
        // A place after "played for", "signed with", a coaching verb or a
        // minor-league class is the club; so is one joined to it by "and".
        (
            "He played with Ballarat and North Sydney, then coached Shepparton.",
            &[("Ballarat", "ORG", "team"), ("North Sydney", "ORG", "team"), ("Shepparton", "ORG", "team")],
        ),
        (
            "He pitched at AAA Syracuse and signed for Lausanne in Geneva.",
            &[("Syracuse", "ORG", "team"), ("Lausanne", "ORG", "team"), ("Geneva", "LOC", "gazetteer")],
        ),
        (
            "He moved with Lausanne friends to Shepparton.",
            &[("Lausanne", "LOC", "gazetteer"), ("Shepparton", "LOC", "gazetteer")],
        ),
        ("Baku Mayor Eldar Azizov spoke.", &[("Baku", "LOC", "gazetteer"), ("Eldar Azizov", "PER", "title")]),
        // A headline in title case is no evidence.
        ("Floods Hit Baku Streets Again After Storm", &[("Baku", "LOC", "gazetteer")]),
        // A person or an organisation of a place keeps the place.
        (
            "Ilham Aliyev of Azerbaijan spoke in Ganja.",
            &[("Ilham Aliyev", "PER", "gazetteer"), ("Azerbaijan", "LOC", "gazetteer"), ("Ganja", "LOC", "gazetteer")],
        ),
    ]);
    // Asked for, the place inside the longer name is reported.
    let nested = Extractor::builder().places_in_orgs(true).build(extractor().gazetteer().clone()).expect("builds");
    for (text, place) in [("He fell at the Battle of Hastings in 1066.", "Hastings"), ("Perth Glory won.", "Perth")] {
        let got: Vec<&str> = nested.extract(text).iter().map(|s| s.as_str()).collect();
        assert_eq!(got, [place], "in {text:?}");
    }
    let spans = nested.extract("Traffic on the Ohio Turnpike slowed.");
    let got: Vec<(&str, &str)> = spans.iter().map(|s| (s.as_str(), s.reason().as_str())).collect();
    assert_eq!(got, [("Ohio Turnpike", "feature-head"), ("Ohio", "gazetteer")]);
}

#[test]
fn places_inside_organisations_on_request() {
    let text = "The Nevada Forest Service sent crews.";
    let plain: Vec<&str> = extractor().extract(text).iter().map(|s| s.as_str()).collect();
    assert_eq!(plain, ["Nevada Forest Service"]);
    let nested = Extractor::builder().places_in_orgs(true).build(extractor().gazetteer().clone()).expect("builds");
    let spans = nested.extract(text);
    let got: Vec<(&str, &str)> = spans.iter().map(|s| (s.as_str(), s.label().as_str())).collect();
    assert_eq!(got, [("Nevada Forest Service", "ORG"), ("Nevada", "LOC")]);
}

#[test]
fn rules_can_be_turned_off() {
    let raw = Extractor::builder().rules(false).build(extractor().gazetteer().clone()).expect("builds");
    let spans = raw.extract("We met in March.");
    let got: Vec<&str> = spans.iter().map(|s| s.as_str()).collect();
    assert_eq!(got, ["We", "March"]);
    assert!(spans.iter().all(|s| s.reason() == gazet::Reason::Gazetteer));
}

#[test]
fn towns_as_teams_in_sports_reports() {
    // A sports report (its words and scores): a town followed by a score or
    // a result verb, or after "against", is its team, and so are its
    // other mentions, but after a locative word; countries and the home
    // nations stay places.
    let report = "Norwich 2 Ipswich 1\nBristol 0 Swindon 3\n\
                  The striker scored twice as Norwich beat Ipswich in the league. \
                  The coach praised the squad before the match at Bristol next week.";
    check(&[(
        report,
        &[
            ("Norwich", "ORG", "team"),
            ("Ipswich", "ORG", "team"),
            ("Bristol", "ORG", "team"),
            ("Swindon", "ORG", "team"),
            ("Norwich", "ORG", "team"),
            ("Ipswich", "ORG", "team"),
            ("Bristol", "LOC", "gazetteer"),
        ],
    )]);
    let spans = extractor().extract("England beat Wales 3-1 in the cup final, and the goalkeeper scored a penalty.");
    let got: Vec<(&str, &str)> = spans.iter().map(|s| (s.as_str(), s.label().as_str())).collect();
    assert_eq!(got, [("England", "LOC"), ("Wales", "LOC")]);
    // No sports report: the same towns with numbers are places.
    let spans =
        extractor().extract("Storms cut power to 300 homes in Norwich 2 days ago and closed roads near Bristol.");
    let got: Vec<(&str, &str)> = spans.iter().map(|s| (s.as_str(), s.label().as_str())).collect();
    assert_eq!(got, [("Norwich", "LOC"), ("Bristol", "LOC")]);
}

/// A people of a region is a nationality with the region's point and
/// country; a country's people by their short name too.
#[test]
fn peoples_of_regions() {
    let text = "Chechen and South Ossetian delegates met Serb and Uyghur officials.";
    let spans = extractor().extract(text);
    let got: Vec<(&str, &str, Option<String>)> =
        spans.iter().map(|s| (s.as_str(), s.label().conll(), s.country().map(|c| c.to_string()))).collect();
    let want = [
        ("Chechen", "MISC", Some("RU")),
        ("South Ossetian", "MISC", Some("GE")),
        ("Serb", "MISC", Some("RS")),
        ("Uyghur", "MISC", Some("CN")),
    ];
    assert_eq!(got.len(), want.len(), "{got:?}");
    for ((text, label, country), (wt, wl, wc)) in got.iter().zip(want) {
        assert_eq!((*text, *label, country.as_deref()), (wt, wl, wc));
    }
    // Chechnya's point, not Russia's.
    let chechen = spans[0].coord().expect("a point");
    assert!((chechen.lat - 43.3).abs() < 1.0 && (chechen.lon - 45.7).abs() < 1.0, "{chechen:?}");
}
