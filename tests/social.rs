//! Social-media text: hashtags cut where their case changes, a hashtag's
//! `#` no obstacle to the words before it, handles never places, names in
//! lowercase in hashtags and in posts with few capitals, emoji flags.

use std::sync::LazyLock;

use gazet::{Extractor, Gazetteer};

static EX: LazyLock<Extractor> =
    LazyLock::new(|| Extractor::new(Gazetteer::bundled()).expect("the bundled gazetteer compiles"));

#[test]
fn hashtags_and_handles() {
    // (post, the places it must give, as (text, country))
    let table: &[(&str, &[(&str, &str)])] = &[
        ("Smoke over #SanDiego tonight", &[("SanDiego", "US")]),
        ("Praying for #NagornoKarabakh and #Baku", &[("NagornoKarabakh", "AZ"), ("Baku", "AZ")]),
        // A place and its head word, touching in a hashtag (the river
        // has no country).
        ("Flooding along #MississippiRiver again", &[("MississippiRiver", "")]),
        // A common word needs its locative preposition, which a hashtag's
        // sign does not hide.
        ("Flooding in #Reading this morning", &[("Reading", "GB")]),
        // A name in lowercase: as a hashtag, or after a locative
        // preposition in a post with few capitals; only the strongest places
        // (countries, first-level divisions, big cities) and no common word.
        ("Relief flights to #nigeria and #canada resumed, officials said.", &[("nigeria", "NG"), ("canada", "CA")]),
        ("flooding in miami and across california this week", &[("miami", "US"), ("california", "US")]),
        ("so proud of the team from nigeria today #news", &[("nigeria", "NG")]),
        // Without that evidence, or in a text with capitals, or a small
        // town, or a common word, a lowercase word is no place.
        ("we love nigeria and kenya so much", &[]),
        ("Officials in Lagos confirmed the trip to nigeria was delayed.", &[("Lagos", "NG")]),
        ("moving to ferguson next week", &[]),
        ("roast turkey in the oven, china in the cupboard, we went to nice", &[]),
        ("we sat near george and in victoria park all day", &[]),
        // A '#' inside an address is no hashtag: the text keeps its case rules.
        ("See example.org/page#canada for flights to nigeria from Lagos.", &[("Lagos", "NG")]),
        ("#news see example.org/page#canada today", &[]),
        // In a post, a word capitalised for emphasis is no village of a few
        // hundred people ("Op", in Indonesia) but after a locative
        // preposition; outside posts the gazetteer's reading stands.
        ("@crew Op we go, see you soon", &[]),
        ("@crew we landed in Op today", &[("Op", "ID")]),
        ("Op we go, the editor wrote.", &[("Op", "ID")]),
        // An emoji flag names its country.
        ("Proud of the team 🇦🇿 and friends 🇦🇲🇬🇪", &[("🇦🇿", "AZ"), ("🇦🇲", "AM"), ("🇬🇪", "GE")]),
        // A handle is a user, not a place.
        ("@Baku thanks for the photos", &[]),
        ("thanks @Yerevan_Daily, see you in Yerevan", &[("Yerevan", "AM")]),
        // Every word of it, after its underscores too; an underscore
        // outside a handle joins nothing.
        ("RT @Daily_Baku_UK: news from Ganja", &[("Ganja", "AZ")]),
        ("flights_from Baku resumed", &[("Baku", "AZ")]),
    ];
    for &(text, want) in table {
        let spans = EX.extract(text);
        let got: Vec<(&str, String)> = spans
            .iter()
            .filter(|s| s.label().as_str() == "LOC")
            .map(|s| (s.as_str(), s.country().map(|c| c.to_string()).unwrap_or_default()))
            .collect();
        let want: Vec<(&str, String)> = want.iter().map(|&(t, c)| (t, c.to_string())).collect();
        assert_eq!(got, want, "{text}");
    }
}

#[test]
fn a_hashtags_pieces_are_no_team() {
    // A place and a capitalised plural make a team only with a space
    // between ("the Tulsa Hornets"); the pieces of a hashtag touch, and
    // "#IranTalks" is a topic.
    let table: &[(&str, &[&str])] = &[
        ("Tonight the Tulsa Hornets won again", &["Tulsa Hornets"]),
        ("Reading the news #IranTalks #BakuMeetings", &[]),
    ];
    for &(text, want) in table {
        let teams: Vec<&str> =
            EX.extract(text).iter().filter(|s| s.reason().as_str() == "team").map(|s| s.as_str()).collect();
        assert_eq!(teams, want, "{text}");
    }
}
