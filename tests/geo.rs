//! Toponym resolution on the famous failures of gazetteer geoparsers,
//! with the bundled gazetteer: (text, place, expected country, expected
//! feature code prefix or "" for any, expected evidence).

use std::sync::OnceLock;

use gazet::{Evidence, Extractor, Gazetteer};

fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::new(Gazetteer::bundled()).expect("bundled gazetteer builds"))
}

#[test]
fn famous_failures() {
    let table: &[(&str, &str, &str, &str, Evidence)] = &[
        ("Talks in Georgia resumed as Tbilisi hosted envoys.", "Georgia", "GE", "PCL", Evidence::Prior),
        ("Storms hit Georgia overnight; Atlanta lost power.", "Georgia", "US", "ADM1", Evidence::Division),
        ("The fair in Paris, Texas drew crowds.", "Paris", "US", "PPL", Evidence::Container),
        ("Paris hosted the summit.", "Paris", "FR", "PPLC", Evidence::Prior),
        ("He grew up in Bangor, Maine.", "Bangor", "US", "PPL", Evidence::Container),
        ("Lawmakers met in Albany on Monday.", "Albany", "US", "PPL", Evidence::Prior),
        ("Exports to the USA grew.", "USA", "US", "PCL", Evidence::Prior),
        ("Shelling near Lachin and Kalbajar was reported.", "Lachin", "AZ", "ADM1", Evidence::Prior),
        ("Officials in Yerevan said", "Yerevan", "AM", "PPLC", Evidence::Prior),
        // A city of millions named like its state is the bare name's
        // meaning; places across the state bring the state back (which is
        // first in the default order, so its evidence reads "prior").
        ("Flights to New York were delayed.", "New York", "US", "PPL", Evidence::Prior),
        ("Snow closed roads in New York, Syracuse and Buffalo.", "New York", "US", "ADM1", Evidence::Prior),
        // Divisions GeoNames writes inverted ("Dagestan, Respublika") and
        // the abbreviations news writes for them.
        ("Violence in Dagestan rose.", "Dagestan", "RU", "ADM1", Evidence::Prior),
        ("Aid convoys reached Darfur last week.", "Darfur", "SD", "RGN", Evidence::Prior),
        ("He lives in Vancouver, B.C. now.", "B.C.", "CA", "ADM1", Evidence::Prior),
        ("She moved to Vienna, W.Va. last year.", "Vienna", "US", "PPL", Evidence::Container),
        // The capital's name written with its comma is one place.
        ("Talks resumed in Washington, D.C. today.", "Washington, D.C.", "US", "PPLC", Evidence::Prior),
    ];
    // Rivers and lakes (Natural Earth, no country), at a point on the
    // water.
    for (text, place, id, lat) in [
        ("Barges sailed down the Danube to the sea.", "Danube", "ne:river:danube", 45.3),
        ("Fishing boats left Lake Titicaca at dawn.", "Lake Titicaca", "ne:lake:lake-titicaca", -15.8),
    ] {
        let spans = extractor().extract(text);
        let span = spans.iter().find(|s| s.as_str() == place).unwrap_or_else(|| panic!("{place} in {text:?}"));
        assert_eq!(span.entry().map(|e| e.id()), Some(id), "{text:?}");
        let coord = span.coord().expect("a point");
        assert!((coord.lat - lat).abs() < 1.0, "{place}: {coord:?}");
    }
    for &(text, place, country, code, evidence) in table {
        let spans = extractor().extract(text);
        let span = spans.iter().find(|s| s.as_str() == place).unwrap_or_else(|| panic!("{place} in {text:?}"));
        let entry = span.entry().expect("an entry");
        assert_eq!(entry.country().map(|c| c.to_string()).as_deref(), Some(country), "{place} in {text:?}");
        let fc = entry.place().and_then(|p| p.feature_code).map(|c| c.to_string()).unwrap_or_default();
        assert!(fc.starts_with(code), "{place} in {text:?}: feature {fc}, want {code}");
        assert_eq!(span.evidence(), evidence, "{place} in {text:?}");
    }
}

/// A place the text names by its own name beats one it names only by an
/// alternate (a former or foreign name), and "St." reads as "Saint".
#[test]
fn own_names_before_alternate_names() {
    for (text, place, name) in [
        ("Police in Middletown, Ohio said the roads were icy.", "Middletown", "Middletown"),
        ("Officials in Middletown said the roads were icy near Dayton.", "Middletown", "Middletown"),
        ("Grantville residents met on Monday.", "Grantville", "Grantville"),
        ("Flights to St. Petersburg resumed.", "St. Petersburg", "Saint Petersburg"),
    ] {
        let spans = extractor().extract(text);
        let span = spans.iter().find(|s| s.as_str() == place).unwrap_or_else(|| panic!("{place} in {text:?}"));
        assert_eq!(span.entry().map(|e| e.name()), Some(name), "in {text:?}");
    }
}

/// Continental groups carry their continent's point, as geoparsing corpora
/// place them.
#[test]
fn continental_nationalities_have_a_point() {
    for (text, lat, lon) in [("European ministers met.", 48.69, 9.14), ("African leaders met.", 7.19, 21.09)] {
        let spans = extractor().extract(text);
        let c = spans[0].coord().unwrap_or_else(|| panic!("a point for {text:?}"));
        assert!((c.lat - lat).abs() < 0.01 && (c.lon - lon).abs() < 0.01, "{text:?}: {c:?}");
    }
}

#[test]
fn resolution_can_be_turned_off() {
    let ex = Extractor::builder().resolve(false).build(extractor().gazetteer().clone()).expect("builds");
    let spans = ex.extract("Storms hit Georgia overnight; Atlanta lost power.");
    let georgia = spans.iter().find(|s| s.as_str() == "Georgia").expect("found");
    assert_eq!(georgia.country().map(|c| c.to_string()).as_deref(), Some("GE"));
    assert_eq!(georgia.evidence(), Evidence::Prior);
}

#[test]
fn nationalities_carry_their_countrys_point() {
    let spans = extractor().extract("Azerbaijani and Armenian officials met.");
    let countries: Vec<String> = spans.iter().filter_map(|s| s.country()).map(|c| c.to_string()).collect();
    assert_eq!(countries, ["AZ", "AM"]);
    assert!(spans.iter().all(|s| s.coord().is_some()));
}

#[test]
fn coordinates_in_text_are_places_in_their_country() {
    let table: &[(&str, &str, f64, f64, &str)] = &[
        ("The tanker was at 40°24′53″N 49°52′3″E at dawn.", "40°24′53″N 49°52′3″E", 40.41472, 49.8675, "AZ"),
        ("Drop point: 39.8177 N, 46.7528 E.", "39.8177 N, 46.7528 E", 39.8177, 46.7528, "AZ"),
        ("Seen at 51°30'N 0°7'W by ships.", "51°30'N 0°7'W", 51.5, -0.11667, "GB"),
    ];
    for &(text, written, lat, lon, country) in table {
        let spans = extractor().extract(text);
        let span = spans.iter().find(|s| s.reason() == gazet::Reason::Coordinates).expect("coordinates found");
        assert_eq!(span.as_str(), written);
        assert_eq!(span.label().as_str(), "LOC");
        let c = span.coord().expect("a point");
        assert!((c.lat - lat).abs() < 1e-4 && (c.lon - lon).abs() < 1e-4, "{c:?}");
        assert_eq!(span.country().map(|c| c.to_string()).as_deref(), Some(country), "{text}");
    }
    for text in ["The score was 3-2 on Nov. 10, 2020.", "It was 40°C in the shade at 12:30."] {
        assert!(extractor().extract(text).iter().all(|s| s.reason() != gazet::Reason::Coordinates), "{text}");
    }
}

#[test]
fn geojson_is_a_valid_feature_collection() {
    let mut geo = gazet::GeoJson::new();
    geo.add(
        "a",
        &extractor().extract("Azerbaijani troops left Lachin; Baku and Lachin agreed at 40°24′53″N 49°52′3″E."),
    );
    geo.add("b", &extractor().extract("Talks in Baku."));
    let fc = geo.to_value();
    assert_eq!(fc["type"], "FeatureCollection");
    let features = fc["features"].as_array().expect("features");
    assert!(features.len() >= 4, "{fc}");
    for f in features {
        assert_eq!(f["type"], "Feature");
        assert_eq!(f["geometry"]["type"], "Point");
        let c = f["geometry"]["coordinates"].as_array().expect("coordinates");
        assert_eq!(c.len(), 2);
        let (lon, lat) = (c[0].as_f64().expect("lon"), c[1].as_f64().expect("lat"));
        assert!((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat));
        let p = &f["properties"];
        let spans = p["spans"].as_array().expect("spans");
        assert_eq!(p["mentions"].as_u64(), Some(spans.len() as u64));
        assert!(p["name"].is_string());
    }
    let baku = features.iter().find(|f| f["properties"]["id"] == "gn:587084").expect("Baku");
    assert_eq!(baku["properties"]["mentions"], 2);
    assert_eq!(baku["properties"]["spans"][1][0], "b");
    // The nationality stands for its country.
    assert!(features.iter().any(|f| f["properties"]["name"] == "AZ" && f["properties"]["label"] == "NORP"));
    // Coordinates in text are their own point.
    assert!(features.iter().any(|f| f["properties"]["id"].is_null() && f["properties"]["label"] == "LOC"));
}

#[test]
fn candidates_are_ranked_with_a_confidence() {
    let spans = extractor().extract("Storms hit Georgia overnight; Atlanta lost power.");
    let georgia = spans.iter().find(|s| s.as_str() == "Georgia").expect("found");
    let ids: Vec<&str> = georgia.candidates().iter().map(|c| c.entry().id()).collect();
    assert_eq!(ids[0], "gn:4197000", "the chosen state first");
    assert!(ids.contains(&"gn:614540"), "the country kept among the candidates");
    assert_eq!(georgia.entry().map(|e| e.id()), Some("gn:4197000"));
    assert!(georgia.confidence() > 0.5 && georgia.confidence() <= 1.0, "{}", georgia.confidence());
    let baku = extractor().extract("Baku");
    assert_eq!(baku[0].entry().map(|e| e.id()), Some("gn:587084"));
    assert!(baku[0].confidence() > 0.5);
    let custom = {
        let mut g = Gazetteer::new();
        g.push(gazet::Entry::builder("x", "Shushakend", gazet::Label::Place).build().expect("valid")).expect("unique");
        Extractor::new(g).expect("builds")
    };
    assert_eq!(custom.extract("Shushakend")[0].confidence(), 1.0, "one candidate, full confidence");
}

/// A town and the second-level division it lies in, named apart in one
/// text, choose each other, whatever the default order says: here the
/// bigger Athens is in Alabama and the first Clarke County in Georgia.
#[test]
fn a_town_and_its_county_choose_each_other() {
    let tsv = "id\tname\tlabel\taliases\tlat\tlon\tcountry\tadmin1\tfeature_code\tpopulation\tadmin2\n\
               t:athens-al\tAthens\tLOC\t\t34.80\t-86.97\tUS\tAL\tPPL\t25000\t083\n\
               t:athens-ga\tAthens\tLOC\t\t33.96\t-83.38\tUS\tGA\tPPL\t24000\t059\n\
               t:clarke-ga\tClarke County\tLOC\tClarke\t33.95\t-83.37\tUS\tGA\tADM2\t\t059\n\
               t:clarke-al\tClarke County\tLOC\tClarke\t31.68\t-87.83\tUS\tAL\tADM2\t\t025\n";
    let choose = |tsv: &str, text: &str| -> Vec<(String, String, Evidence)> {
        let loaded = gazet::Loader::new().tsv_reader(tsv.as_bytes(), None).expect("valid");
        let gaz = Gazetteer::from_entries(loaded.into_entries()).expect("unique ids");
        let ex = Extractor::new(gaz).expect("builds");
        ex.extract(text)
            .iter()
            .map(|s| (s.as_str().to_string(), s.entry().map(|e| e.id().to_string()).unwrap_or_default(), s.evidence()))
            .collect()
    };
    let text = "Floods closed two bridges in Athens, and crews worked across Clarke County overnight.";
    let got = choose(tsv, text);
    assert_eq!(
        got,
        [
            ("Athens".to_string(), "t:athens-ga".to_string(), Evidence::County),
            // (First in the default order.)
            ("Clarke County".to_string(), "t:clarke-ga".to_string(), Evidence::Prior),
        ]
    );
    // Without the second-level codes the pair is not found (the two
    // defaults pull towards their own states).
    let bare: String =
        tsv.lines().map(|l| l.rsplit_once('\t').map_or(l, |(head, _)| head).to_string() + "\n").collect();
    let without = choose(&bare, text);
    assert_ne!(without, got, "{without:?}");
    assert!(without.iter().all(|(_, _, evidence)| *evidence != Evidence::County));
    // A division named by its bare alias ("Clarke") or a town named like
    // it is no evidence: either may be the other's name.
    for text in [
        "Floods closed two bridges in Athens, and crews worked across Clarke overnight.",
        "Floods closed two bridges in Clarke, and crews worked across Clarke County overnight.",
    ] {
        let got = choose(tsv, text);
        assert!(got.iter().all(|(_, _, evidence)| *evidence != Evidence::County), "{got:?}");
    }
}
