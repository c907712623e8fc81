//! Other languages with the bundled gazetteer: sentences of our own in each
//! packed language, each entity with its label and entry (countries by
//! their code, places by their GeoNames id), inflected names included.

use std::sync::OnceLock;

use gazet::{Extractor, Gazetteer, Language};

fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::new(Gazetteer::bundled()).expect("bundled gazetteer builds"))
}

/// (text, language, [(span text, label, entry id or "" for a rule span)]),
/// every span of the text in order.
type Case = (&'static str, Language, &'static [(&'static str, &'static str, &'static str)]);

const CASES: &[Case] = &[
    (
        // An organisation's acronym after a title ("лидер ХАМАС", Hamas's
        // leader) is the organisation, and an inflected name its entry.
        "Лидер ХАМАС и представители Хезболлы встретились в Дохе, а Талибан отказался от переговоров.",
        Language::Russian,
        &[
            ("ХАМАС", "ORG", "org:hamas"),
            ("Хезболлы", "ORG", "org:hezbollah"),
            ("Дохе", "LOC", "gn:290030"),
            ("Талибан", "ORG", "org:taliban"),
        ],
    ),
    (
        "Министр обороны Азербайджана заявил, что армянские подразделения покинули Лачин и Кельбаджар. Встреча прошла в Москве.",
        Language::Russian,
        &[
            ("Азербайджана", "LOC", "gn:587116"),
            ("армянские", "NORP", "dem:AM:ru"),
            ("Лачин", "LOC", "gn:147625"),
            ("Кельбаджар", "LOC", "gn:586268"),
            ("Москве", "LOC", "gn:524901"),
        ],
    ),
    (
        "Azərbaycan Müdafiə Nazirliyi bildirib ki, Laçın və Kəlbəcər rayonları azad edilib. Prezident İlham Əliyev Bakıda çıxış edib.",
        Language::Azerbaijani,
        &[
            ("Azərbaycan Müdafiə Nazirliyi", "ORG", ""),
            ("Laçın", "LOC", "gn:147626"),
            ("Kəlbəcər", "LOC", "gn:586047"),
            ("İlham Əliyev", "PER", "per:ilham-aliyev"),
            ("Bakıda", "LOC", "gn:587084"),
        ],
    ),
    (
        "Президент России Владимир Путин обсудил с Ильхамом Алиевым в Новой Зеландии поставки из Ереване в Нью-Йорке.",
        Language::Russian,
        &[
            ("России", "LOC", "gn:2017370"),
            ("Владимир Путин", "PER", ""),
            ("Ильхамом Алиевым", "PER", ""),
            ("Новой Зеландии", "LOC", "gn:2186224"),
            ("Ереване", "LOC", "gn:616052"),
            ("Нью-Йорке", "LOC", "gn:5128581"),
        ],
    ),
    (
        "Делегация из Киева прибыла во Львов, а затем провела переговоры в Варшаве.",
        Language::Russian,
        &[("Киева", "LOC", "gn:703448"), ("Львов", "LOC", "gn:702550"), ("Варшаве", "LOC", "gn:756135")],
    ),
    (
        "Президент України Володимир Зеленський приїхав до Києва після зустрічі у Варшаві.",
        Language::Ukrainian,
        &[
            ("України", "LOC", "gn:690791"),
            ("Володимир Зеленський", "PER", ""),
            ("Києва", "LOC", "gn:703448"),
            ("Варшаві", "LOC", "gn:756135"),
        ],
    ),
    (
        "Dışişleri Bakanı Hakan Fidan Ankara'da açıklama yaptı; heyet daha sonra İstanbul'dan Bakü'ye geçti.",
        Language::Turkish,
        &[
            ("Hakan Fidan", "PER", "per:hakan-fidan"),
            ("Ankara'da", "LOC", "gn:323786"),
            ("İstanbul'dan", "LOC", "gn:745044"),
            ("Bakü'ye", "LOC", "gn:587084"),
        ],
    ),
    (
        "Հայաստանի վարչապետը Երևանում հանդիպեց Ռուսաստանի դեսպանին, ապա մեկնեց Մոսկվա։",
        Language::Armenian,
        &[
            ("Հայաստանի", "LOC", "gn:174982"),
            ("Երևանում", "LOC", "gn:616052"),
            ("Ռուսաստանի", "LOC", "gn:2017370"),
            ("Մոսկվա", "LOC", "gn:524901"),
        ],
    ),
    (
        "Le président Emmanuel Macron s'est rendu à Bakou puis à Erevan avec une délégation.",
        Language::French,
        &[
            ("Emmanuel Macron", "PER", "per:emmanuel-macron"),
            ("Bakou", "LOC", "gn:587084"),
            ("Erevan", "LOC", "gn:616052"),
        ],
    ),
    (
        "Die Gespräche über Deutschlands Zukunft gehen in Berlin weiter, sagte Bundeskanzler Olaf Scholz.",
        Language::German,
        &[
            ("Deutschlands", "LOC", "gn:2921044"),
            ("Berlin", "LOC", "gn:2950159"),
            ("Olaf Scholz", "PER", "per:olaf-scholz"),
        ],
    ),
    (
        "La delegación viajó a Bakú y después a Ereván, según fuentes del ministerio.",
        Language::Spanish,
        &[("Bakú", "LOC", "gn:587084"), ("Ereván", "LOC", "gn:616052")],
    ),
    (
        "وصل الوفد إلى باكو ثم سافر إلى موسكو وبالقاهرة عقد اجتماعا مع الأمم المتحدة.",
        Language::Arabic,
        &[
            ("باكو", "LOC", "gn:587084"),
            ("موسكو", "LOC", "gn:524901"),
            ("وبالقاهرة", "LOC", "gn:360630"),
            ("الأمم المتحدة", "ORG", "org:un"),
        ],
    ),
];

#[test]
fn each_packed_language_gives_its_places_people_and_organisations() {
    let ex = extractor();
    for &(text, lang, want) in CASES {
        assert_eq!(ex.language_of(text), lang, "{text}");
        let spans = ex.extract(text);
        let got: Vec<(&str, &str, &str)> =
            spans.iter().map(|s| (s.as_str(), s.label().as_str(), s.entry().map_or("", |e| e.id()))).collect();
        assert_eq!(got, want, "{text}");
    }
}

#[test]
fn an_inflected_span_covers_the_written_word_and_records_the_name() {
    let ex = extractor();
    let text = "Переговоры в Ереване продолжились.";
    let spans = ex.extract(text);
    let yerevan = spans.iter().find(|s| s.as_str() == "Ереване").expect("Ереване");
    assert!(yerevan.inflected());
    assert_eq!(yerevan.chosen().map(|c| c.matched_name().as_str()), Some("Ереван"));
    let text = "Heyet Ankara'da toplandı.";
    let spans = ex.extract(text);
    assert!(spans.iter().any(|s| s.as_str() == "Ankara'da" && s.inflected()), "{spans:?}");
    // A name whose first word alone is in a case form (the accusative of
    // "Организация") is written in another form too.
    let text = "Делегация посетила Организацию по безопасности и сотрудничеству в Европе вчера.";
    let spans = ex.extract(text);
    let osce = spans.iter().find(|s| s.as_str().starts_with("Организацию")).expect("the organisation");
    assert!(osce.inflected(), "{osce:?}");
    assert!(osce.chosen().is_some_and(|c| c.matched_name().as_str().starts_with("Организация")), "{osce:?}");
}

#[test]
fn a_suffix_rule_never_makes_a_place_of_a_common_word() {
    // Capitalised common words at sentence starts and in titles, whose
    // stems are no place names.
    let ex = extractor();
    for text in [
        "Погода в выходные будет тёплой.",
        "Встреча министров завершилась без заявлений.",
        "Bugün hava güzel olacak, dedi yetkililer.",
    ] {
        let places: Vec<&str> = ex.extract(text).iter().map(|s| s.as_str()).collect();
        assert!(places.is_empty(), "{text}: {places:?}");
    }
}

#[test]
fn a_stop_word_at_a_sentence_start_is_no_place() {
    // German "Der" is an alias of Győr, and articles and pronouns of the
    // other packs are villages' names: written capitalised at a sentence's
    // start, they are the word.
    let ex = extractor();
    for (text, want) in [
        ("Der Außenminister traf seinen Amtskollegen in Eriwan.", "Eriwan"),
        ("Les négociations reprendront à Erevan la semaine prochaine.", "Erevan"),
        ("El ministro llegó a Bakú el lunes por la mañana.", "Bakú"),
    ] {
        let places: Vec<&str> =
            ex.extract(text).iter().filter(|s| s.label().as_str() == "LOC").map(|s| s.as_str()).collect();
        assert_eq!(places, [want], "{text}");
    }
}

#[test]
fn spaceless_scripts_match_by_the_longest_name() {
    let ex = extractor();
    let text = "คณะผู้แทนเดินทางไปกรุงเทพมหานครและเชียงใหม่";
    let got: Vec<&str> = ex.extract(text).iter().map(|s| s.as_str()).collect();
    assert_eq!(got, ["กรุงเทพมหานคร", "เชียงใหม่"]);
}

#[test]
fn georgian_names_match_though_unicode_calls_them_lowercase() {
    let ex = extractor();
    let spans = ex.extract("ბაქო და თბილისი");
    let ids: Vec<&str> = spans.iter().filter_map(|s| s.entry()).map(|e| e.id()).collect();
    assert_eq!(ids, ["gn:587084", "gn:611717"]);
}

#[test]
fn a_fixed_language_overrides_detection() {
    let ex = Extractor::builder().language(Some(Language::English)).build(Gazetteer::bundled()).expect("builds");
    assert_eq!(ex.language_of("Heyet Ankara'da toplandı."), Language::English);
    // English has no apostrophe suffixes: the name alone.
    let got: Vec<&str> = ex.extract("Heyet Ankara'da toplandı.").iter().map(|s| s.as_str()).collect();
    assert_eq!(got, ["Ankara"]);
}

#[test]
fn names_record_their_language_when_the_source_says_so() {
    let ex = extractor();
    let spans = ex.extract("Die Gespräche in Russland gehen weiter.");
    let russia = spans.iter().find(|s| s.as_str() == "Russland").expect("Russland");
    let name = russia.chosen().expect("an entry").matched_name();
    assert_eq!((name.as_str(), name.language()), ("Russland", Some("de")));
    let un = ex.gazetteer().iter().find(|(_, e)| e.id() == "org:un").expect("the UN").1;
    assert!(un.names().any(|n| n.as_str() == "Naciones Unidas" && n.language() == Some("es")));
    // A name several languages share records none.
    assert!(un.names().any(|n| n.as_str() == "UN" && n.language().is_none()));
}

/// (text, [(nationality word, entry id)]): the nationality words of a
/// sentence in each pack's language, in any form the language writes.
const NATIONALITIES: &[(&str, &[(&str, &str)])] = &[
    (
        "Российские и армянские дипломаты встретились с азербайджанцами.",
        &[("Российские", "RU"), ("армянские", "AM"), ("азербайджанцами", "AZ")],
    ),
    (
        "Українські та грузинські військові провели навчання з турецькими колегами.",
        &[("Українські", "UA"), ("грузинські", "GE"), ("турецькими", "TR")],
    ),
    ("Gürcü və iranlı nümayəndələr görüşdü.", &[("Gürcü", "GE"), ("iranlı", "IR")]),
    ("Ermeni ve Fransız heyetleri görüştü.", &[("Ermeni", "AM"), ("Fransız", "FR")]),
    ("Հայկական և վրացական պատվիրակությունները հանդիպեցին։", &[("Հայկական", "AM"), ("վրացական", "GE")]),
    ("التقى الوفد الروسي بدبلوماسيين أتراك", &[("الروسي", "RU"), ("أتراك", "TR")]),
    ("Les diplomates françaises ont rencontré la délégation allemande.", &[("françaises", "FR"), ("allemande", "DE")]),
    (
        "Die armenische Delegation traf die georgischen Diplomaten in München.",
        &[("armenische", "AM"), ("georgischen", "GE")],
    ),
    ("Las delegaciones turcas se reunieron con diplomáticos alemanes.", &[("turcas", "TR"), ("alemanes", "DE")]),
    // A Latin word of another language's list is no nationality in an
    // English text (the Turkish Iraklı, the French canadiens), a
    // Cyrillic one is.
    ("Irakli Alasania met Canadiens fans and армянские officials.", &[("армянские", "AM")]),
];

#[test]
fn nationality_words_of_each_language_name_their_country() {
    let ex = extractor();
    for &(text, want) in NATIONALITIES {
        let got: Vec<(&str, &str)> = ex
            .extract(text)
            .iter()
            .filter(|s| s.label().as_str() == "NORP")
            .map(|s| (s.as_str(), s.entry().and_then(|e| e.id().split(':').nth(1)).unwrap_or("")))
            .collect();
        assert_eq!(got, want, "{text}");
    }
    // In Turkish text, the Turkish word is the nationality.
    let spans = ex.extract("Iraklı yetkililer Ankara'ya geldi.");
    assert_eq!(spans.first().map(|s| (s.as_str(), s.entry().map(|e| e.id()))), Some(("Iraklı", Some("dem:IQ:tr"))));
}

#[test]
fn a_surname_in_another_case_is_the_person_named_before() {
    let ex = extractor();
    let text =
        "Журналист Аркадий Стрельцов написал статью. Позже Стрельцову вручили премию, а коллеги поздравили Стрельцова.";
    let people: Vec<&str> =
        ex.extract(text).iter().filter(|s| s.label().as_str() == "PER").map(|s| s.as_str()).collect();
    assert_eq!(people, ["Аркадий Стрельцов", "Стрельцову", "Стрельцова"]);
}
