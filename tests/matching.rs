//! Matching behaviour, table by table: folding, word boundaries,
//! possessives, hyphens, case policy, match kinds and candidates.

use gazet::{Extractor, Gazetteer, Loader, MatchKind};

const GAZ: &str = "\
id\tname\tlabel\taliases\tcountry\tfeature_code\tpopulation\tcase_sensitive\tany_case
loc:az\tAzerbaijan\tLOC\t\tAZ\tPCLI\t10000000\t\t
loc:am\tArmenia\tLOC\t\tAM\tPCLI\t3000000\t\t
loc:ru\tRussia\tLOC\t\tRU\tPCLI\t144000000\t\t
loc:baku\tBaku\tLOC\tBakı\tAZ\tPPLC\t2300000\t\t
loc:kalbajar\tKalbajar\tLOC\tKəlbəcər|Kelbajar\tAZ\tPPLA\t8400\t\t
loc:istanbul\tİstanbul\tLOC\tIstanbul\tTR\tPPLA\t15000000\t\t
loc:nk\tNagorno-Karabakh\tLOC\tUpper Karabakh\tAZ\tRGN\t\t\t
loc:karabakh\tKarabakh\tLOC\t\tAZ\tRGN\t\t\t
loc:santiago\tSantiago de Compostela\tLOC\t\tBR\tPPLA\t6000000\t\t
loc:ny\tSalt Lake\tLOC\t\tUS\tPPL\t8000000\t\t
loc:nyc\tSalt Lake City\tLOC\t\tUS\tPPL\t8000000\t\t
loc:ge\tGeorgia\tLOC\t\tGE\tPCLI\t3700000\t\t
loc:us-ga\tGeorgia\tLOC\t\tUS\tADM1\t10500000\t\t
loc:paris\tParis\tLOC\t\tFR\tPPLC\t2100000\t\t
loc:civ\tCôte d'Ivoire\tLOC\tIvory Coast\tCI\tPCLI\t25000000\t\t
loc:strasse\tGroße Straße\tLOC\t\tDE\t\t\t\t
nat:am\tArmenian\tNORP\tArmenians\tAM\t\t\t\t
nat:tr\tTurkish\tNORP\t\tTR\t\t\t\t
nat:ru\tRussian\tNORP\t\tRU\t\t\t\t
org:aa\tAnadolu Agency\tORG\tAA\t\t\t\tAA\t
org:osce\tOSCE\tORG\t\t\t\t\t*\t
org:mg\tOSCE Minsk Group\tORG\tMinsk Group\t\t\t\t\t
org:ebay\teBay\tORG\t\t\t\t\t\t
dis:ebola\tEbola\tDISEASE\t\t\t\t\t\ttrue
dis:birdflu\tbird flu\tDISEASE\tthe avian fever\t\t\t\t\ttrue
loc:iom\tIsle of Man\tLOC\t\tIM\tPCLI\t84000\t\t
per:aliyev\tIlham Aliyev\tPER\tİlham Əliyev\t\t\t\t\t
";

fn extractor(kind: MatchKind) -> Extractor {
    let loaded = Loader::new().tsv_reader(GAZ.as_bytes(), None).expect("test gazetteer is valid");
    let mut gaz = Gazetteer::new();
    gaz.extend(loaded.into_entries()).expect("unique ids");
    Extractor::builder().match_kind(kind).build(gaz).expect("builds")
}

/// Runs a table of (text, expected (matched text, entry id)) rows.
fn check(kind: MatchKind, table: &[(&str, &[(&str, &str)])]) {
    let ex = extractor(kind);
    for (text, want) in table {
        let spans = ex.extract(text);
        let got: Vec<(&str, &str)> = spans
            .iter()
            .map(|s| {
                assert_eq!(&text[s.range()], s.as_str(), "slice of {text:?}");
                (s.as_str(), s.entry().map_or("", |e| e.id()))
            })
            .collect();
        assert_eq!(&got, want, "in {text:?}");
    }
}

/// Lowercase words are filtered before lookup: those that can start an
/// any-case name ("bird", "the") or continue the name before them ("of"
/// after "Isle", "de" after "Santiago") must still reach the automaton, after
/// words of every kind.
#[test]
fn lowercase_words_that_start_or_continue_names() {
    check(
        MatchKind::LeftmostLongest,
        &[
            ("cases of bird flu rose", &[("bird flu", "dis:birdflu")]),
            ("the bird flu and the avian fever", &[("bird flu", "dis:birdflu"), ("the avian fever", "dis:birdflu")]),
            (
                "ferries to the Isle of Man and Santiago de Compostela",
                &[("Isle of Man", "loc:iom"), ("Santiago de Compostela", "loc:santiago")],
            ),
            ("Isle of man", &[]),
            ("flights from Baku of the bird flu era", &[("Baku", "loc:baku"), ("bird flu", "dis:birdflu")]),
            ("Baku's bird flu", &[("Baku", "loc:baku"), ("bird flu", "dis:birdflu")]),
            ("santiago de compostela", &[]),
        ],
    );
}

#[test]
fn folding_finds_spelling_variants() {
    check(
        MatchKind::LeftmostLongest,
        &[
            ("Kəlbəcər", &[("Kəlbəcər", "loc:kalbajar")]),
            ("KƏLBƏCƏR", &[("KƏLBƏCƏR", "loc:kalbajar")]),
            ("Kelbecer", &[("Kelbecer", "loc:kalbajar")]),
            ("Kalbajar", &[("Kalbajar", "loc:kalbajar")]),
            ("BAKU, Azerbaijan", &[("BAKU", "loc:baku"), ("Azerbaijan", "loc:az")]),
            ("BAKI", &[("BAKI", "loc:baku")]),
            ("Istanbul", &[("Istanbul", "loc:istanbul")]),
            ("İSTANBUL", &[("İSTANBUL", "loc:istanbul")]),
            ("İİİ Paris", &[("Paris", "loc:paris")]),
            ("GROSSE STRASSE", &[("GROSSE STRASSE", "loc:strasse")]),
            ("Grosse Strasse", &[("Grosse Strasse", "loc:strasse")]),
            ("Ｐａｒｉｓ", &[("Ｐａｒｉｓ", "loc:paris")]),
            ("İlham Əliyev", &[("İlham Əliyev", "per:aliyev")]),
            ("ILHAM ALIYEV", &[("ILHAM ALIYEV", "per:aliyev")]),
            ("Côte d’Ivoire", &[("Côte d’Ivoire", "loc:civ")]),
            ("Cote d'Ivoire", &[("Cote d'Ivoire", "loc:civ")]),
            ("COTE D'IVOIRE", &[("COTE D'IVOIRE", "loc:civ")]),
        ],
    );
}

#[test]
fn word_boundaries() {
    check(
        MatchKind::LeftmostLongest,
        &[
            ("Armenian troops", &[("Armenian", "nat:am")]),
            ("Armenians and Armenia", &[("Armenians", "nat:am"), ("Armenia", "loc:am")]),
            ("Bakuvian Armeniaa", &[]),
            ("Baku2020 Baku 2020", &[("Baku", "loc:baku")]),
            ("(Baku)", &[("Baku", "loc:baku")]),
            ("“Baku”", &[("Baku", "loc:baku")]),
            ("Baku.", &[("Baku", "loc:baku")]),
            ("ParisBaku", &[]),
            ("Parisé", &[]),
        ],
    );
}

#[test]
fn possessives_and_hyphens() {
    check(
        MatchKind::LeftmostLongest,
        &[
            ("Azerbaijan’s borders", &[("Azerbaijan", "loc:az")]),
            ("Azerbaijan's borders", &[("Azerbaijan", "loc:az")]),
            ("Azerbaijanʼs borders", &[("Azerbaijan", "loc:az")]),
            ("AZERBAIJAN’S", &[("AZERBAIJAN", "loc:az")]),
            ("a Russia-brokered truce", &[("Russia", "loc:ru")]),
            ("a Turkish-Russian center", &[("Turkish", "nat:tr"), ("Russian", "nat:ru")]),
            ("Nagorno-Karabakh", &[("Nagorno-Karabakh", "loc:nk")]),
            ("Nagorno Karabakh", &[("Nagorno Karabakh", "loc:nk")]),
            ("Nagorno–Karabakh", &[("Nagorno–Karabakh", "loc:nk")]),
            ("Nagorno — Karabakh", &[("Nagorno — Karabakh", "loc:nk")]),
            ("Nagorno-\nKarabakh", &[("Nagorno-\nKarabakh", "loc:nk")]),
            ("Nagorno   Karabakh", &[("Nagorno   Karabakh", "loc:nk")]),
            ("Upper Karabakh’s", &[("Upper Karabakh", "loc:nk")]),
            // A blank line stops a name; the second word still matches alone.
            ("Nagorno\n\nKarabakh", &[("Karabakh", "loc:karabakh")]),
            // Punctuation that no name has breaks a name.
            ("Nagorno, Karabakh", &[("Karabakh", "loc:karabakh")]),
        ],
    );
}

#[test]
fn case_policy() {
    check(
        MatchKind::LeftmostLongest,
        &[
            // Proper-name case or all caps, not lowercase.
            ("baku", &[]),
            ("Baku", &[("Baku", "loc:baku")]),
            ("BAKU", &[("BAKU", "loc:baku")]),
            ("kelbecer", &[]),
            // Lowercase words of the name match in any case.
            ("Santiago de Compostela", &[("Santiago de Compostela", "loc:santiago")]),
            ("Santiago De Compostela", &[("Santiago De Compostela", "loc:santiago")]),
            ("SANTIAGO DE COMPOSTELA", &[("SANTIAGO DE COMPOSTELA", "loc:santiago")]),
            ("santiago de compostela", &[]),
            ("Santiago de compostela", &[]),
            // Case-sensitive acronyms match their exact case only.
            ("Anadolu Agency (AA)", &[("Anadolu Agency", "org:aa"), ("AA", "org:aa")]),
            ("Aa aa", &[]),
            ("OSCE", &[("OSCE", "org:osce")]),
            ("Osce osce", &[]),
            // The name's own mixed case.
            ("eBay", &[("eBay", "org:ebay")]),
            ("Ebay ebay EBAY", &[]),
            // An entry that opts into any case.
            ("ebola Ebola EBOLA", &[("ebola", "dis:ebola"), ("Ebola", "dis:ebola"), ("EBOLA", "dis:ebola")]),
            // A longer name that fails the case policy leaves the shorter one.
            ("Salt Lake city", &[("Salt Lake", "loc:ny")]),
            ("Salt Lake City", &[("Salt Lake City", "loc:nyc")]),
        ],
    );
}

#[test]
fn match_kinds() {
    check(
        MatchKind::LeftmostLongest,
        &[
            ("OSCE Minsk Group", &[("OSCE Minsk Group", "org:mg")]),
            ("Nagorno-Karabakh", &[("Nagorno-Karabakh", "loc:nk")]),
        ],
    );
    check(
        MatchKind::Overlapping,
        &[
            ("OSCE Minsk Group", &[("OSCE Minsk Group", "org:mg"), ("OSCE", "org:osce"), ("Minsk Group", "org:mg")]),
            ("Nagorno-Karabakh", &[("Nagorno-Karabakh", "loc:nk"), ("Karabakh", "loc:karabakh")]),
            ("Salt Lake City", &[("Salt Lake City", "loc:nyc"), ("Salt Lake", "loc:ny")]),
        ],
    );
}

#[test]
fn candidates_keep_every_entry_in_default_order() {
    let ex = extractor(MatchKind::LeftmostLongest);
    let spans = ex.extract("Georgia");
    assert_eq!(spans.len(), 1);
    let ids: Vec<&str> = spans[0].candidates().iter().map(|c| c.entry().id()).collect();
    // A country before a first-level division, whatever the population.
    assert_eq!(ids, ["loc:ge", "loc:us-ga"]);
    assert_eq!(spans[0].entry().map(|e| e.id()), Some("loc:ge"));
    assert_eq!(spans[0].country().map(|c| c.to_string()), Some("GE".to_string()));

    // The matched name is recorded per candidate.
    let spans = ex.extract("Kəlbəcər");
    assert_eq!(spans[0].chosen().map(|c| c.matched_name().as_str()), Some("Kəlbəcər"));
    let spans = ex.extract("KELBAJAR");
    assert_eq!(spans[0].chosen().map(|c| c.matched_name().as_str()), Some("Kelbajar"));
}

#[test]
fn batch_equals_one_by_one() {
    let ex = extractor(MatchKind::LeftmostLongest);
    let texts: Vec<String> = (0..200)
        .map(|i| format!("Doc {i}: BAKU – Azerbaijan’s envoy met Armenian officials in Nagorno-Karabakh {i}."))
        .collect();
    let batch = ex.extract_batch(&texts);
    assert_eq!(batch.len(), texts.len());
    for (text, spans) in texts.iter().zip(&batch) {
        let one: Vec<_> = ex.extract(text).iter().map(|s| (s.range(), s.entry_id())).collect();
        let many: Vec<_> = spans.iter().map(|s| (s.range(), s.entry_id())).collect();
        assert_eq!(one, many);
        assert_eq!(one.len(), 4);
    }
}

/// The buffers kept between calls on one thread hold nothing over: a short
/// text after a long one, two extractors taking turns, and a text large
/// enough that its buffers are released after it, each find what they find
/// on a thread of their own.
#[test]
fn calls_in_turn_find_what_a_first_call_finds() {
    let ex = extractor(MatchKind::LeftmostLongest);
    let other = extractor(MatchKind::Overlapping);
    let long =
        "BAKU – Azerbaijan’s envoy met Armenian officials in Nagorno-Karabakh and Santiago de Compostela. ".repeat(200);
    let huge = long.repeat(80);
    let short = "Ilham Aliyev flew to Paris.";
    let spans = |ex: &Extractor, text: &str| -> Vec<(std::ops::Range<usize>, Option<gazet::EntryId>)> {
        ex.extract(text).iter().map(|s| (s.range(), s.entry_id())).collect()
    };
    let first = |kind: MatchKind, text: String| {
        std::thread::spawn(move || {
            let ex = extractor(kind);
            ex.extract(&text).iter().map(|s| (s.range(), s.entry_id())).collect::<Vec<_>>()
        })
        .join()
        .expect("thread")
    };
    let fresh_long = first(MatchKind::LeftmostLongest, long.clone());
    let fresh_short = first(MatchKind::LeftmostLongest, short.to_string());
    let fresh_other = first(MatchKind::Overlapping, short.to_string());
    assert_eq!(fresh_short.len(), 2);
    assert_eq!(fresh_long.len(), 200 * 5);
    for _ in 0..2 {
        assert_eq!(spans(&ex, &long), fresh_long);
        assert_eq!(spans(&ex, short), fresh_short);
        assert_eq!(spans(&other, short), fresh_other);
        assert_eq!(spans(&ex, &huge).len(), 80 * fresh_long.len());
        assert_eq!(spans(&ex, short), fresh_short);
    }
}

#[test]
fn extractor_is_send_sync_and_cheap_to_clone() {
    fn assert_send_sync<T: Send + Sync + Clone>() {}
    assert_send_sync::<Extractor>();
    let ex = extractor(MatchKind::LeftmostLongest);
    let copy = ex.clone();
    let handle = std::thread::spawn(move || copy.extract("Baku").len());
    assert_eq!(handle.join().expect("thread"), 1);
    assert!(ex.memory_usage() > 0);
}

#[test]
fn empty_gazetteer_and_empty_text() {
    let ex = Extractor::new(Gazetteer::new()).expect("empty gazetteer builds");
    assert!(ex.extract("Baku").is_empty());
    let ex = extractor(MatchKind::LeftmostLongest);
    assert!(ex.extract("").is_empty());
    assert!(ex.extract(" \n\n\t ").is_empty());
}

#[test]
fn char_offsets() {
    let ex = extractor(MatchKind::LeftmostLongest);
    let text = "Şuşa yolu: Kəlbəcər, BAKU";
    let spans = ex.extract(text);
    let index = gazet::CharIndex::new(text);
    let chars: Vec<char> = text.chars().collect();
    for s in &spans {
        let r = index.char_range(s);
        assert_eq!(r, s.char_range(text));
        let via_chars: String = chars[r].iter().collect();
        assert_eq!(via_chars, s.as_str());
    }
    assert_eq!(spans.len(), 2);
}

#[test]
fn json_output_has_the_documented_fields() {
    let tsv = "id\tname\tlabel\tlat\tlon\tcountry\tfeature_code\n\
               gn:587084\tBaku\tLOC\t40.37767\t49.89201\tAZ\tPPLC\n\
               gn:614540\tGeorgia\tLOC\t42.0\t43.5\tGE\tPCLI\n\
               gn:4197000\tGeorgia\tLOC\t32.75042\t-83.50018\tUS\tADM1\n";
    let mut gaz = Gazetteer::new();
    gaz.extend(Loader::new().tsv_reader(tsv.as_bytes(), None).expect("valid").into_entries()).expect("unique");
    let ex = Extractor::new(gaz).expect("builds");
    let text = "Talks in Georgia and Baku.";
    let json = serde_json::to_value(ex.extract(text)).expect("serialises");
    let baku = &json[1];
    assert_eq!(baku["start"], 21);
    assert_eq!(baku["end"], 25);
    assert_eq!(baku["text"], "Baku");
    assert_eq!(baku["label"], "LOC");
    assert_eq!(baku["id"], "gn:587084");
    assert_eq!(baku["name"], "Baku");
    assert_eq!(baku["country"], "AZ");
    assert!((baku["lat"].as_f64().expect("lat") - 40.37767).abs() < 1e-9);
    assert!(baku.get("candidates").is_none());
    let georgia = &json[0];
    assert_eq!(georgia["candidates"], serde_json::json!(["gn:614540", "gn:4197000"]));
}

/// Extractors on one thread share its buffers, which remember what the
/// vocabulary said of short words: each extractor must hear its own
/// vocabulary's answers, whatever the other asked before ("Baku" is a
/// city to one, unknown to the other, a person's name to a third).
#[test]
fn extractors_on_one_thread_read_their_own_vocabularies() {
    let city = extractor(MatchKind::LeftmostLongest);
    let none = Extractor::new(Gazetteer::new()).expect("builds");
    let per = Extractor::new({
        let loaded = Loader::new()
            .tsv_reader("id\tname\tlabel\nper:baku\tBaku Smith\tPER\nper:x\tBaku\tPER\n".as_bytes(), None)
            .expect("valid");
        let mut gaz = Gazetteer::new();
        gaz.extend(loaded.into_entries()).expect("unique ids");
        gaz
    })
    .expect("builds");
    let text = "Talks in Baku and Baku again.";
    let ids = |ex: &Extractor| -> Vec<String> {
        ex.extract(text).iter().map(|s| s.entry().map_or(String::new(), |e| e.id().to_owned())).collect()
    };
    for _ in 0..2 {
        assert_eq!(ids(&city), ["loc:baku", "loc:baku"]);
        assert_eq!(ids(&none), Vec::<String>::new());
        assert_eq!(ids(&per), ["per:x", "per:x"]);
    }
    // Two extractors built from the same gazetteer agree.
    let twin = extractor(MatchKind::LeftmostLongest);
    assert_eq!(ids(&twin), ids(&city));
}
