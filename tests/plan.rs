//! The compiled plan: the Kempen example compiles, the plan validates
//! against the published JSON Schema, carries the note's numbers, and is
//! byte-identical from run to run and from folder to folder.

use reglement::plan::{self, Kenmerk, PuntenTabel};
use std::path::Path;

fn compile(path: &str) -> plan::Plan {
    let analysis = reglement::analyze_file(Path::new(path)).expect("readable example");
    plan::compile(&analysis)
        .unwrap_or_else(|e| panic!("{path} compileert niet: {e}: {:#?}", analysis.diagnostics))
}

#[test]
fn kempen_plan_snapshot() {
    let plan = compile("examples/kempen.reglement");
    insta::assert_snapshot!("kempen_plan", plan::to_json(&plan));
}

#[test]
fn kempen_plan_validates_against_the_published_schema() {
    let plan = compile("examples/kempen.reglement");
    let schema = plan::json_schema();
    let validator =
        jsonschema::JSONSchema::compile(&schema).expect("the schema is a valid JSON Schema");
    let value = serde_json::to_value(&plan).expect("plan serialises");
    let errors: Vec<String> = match validator.validate(&value) {
        Ok(()) => Vec::new(),
        Err(errs) => errs
            .map(|e| format!("{} at {}", e, e.instance_path))
            .collect(),
    };
    assert!(errors.is_empty(), "{errors:#?}");
    // and a plan that breaks the schema is refused by it
    let mut broken = value.clone();
    broken["versneld"]["aandeel"] = serde_json::json!("twintig");
    assert!(validator.validate(&broken).is_err());
}

#[test]
fn kempen_plan_carries_the_notes_numbers() {
    let plan = compile("examples/kempen.reglement");
    let v = plan.versneld.as_ref().expect("pillar 2");
    assert_eq!(v.aandeel, 20_00);
    let frame = &v.wegingskader;
    assert_eq!(frame.naam, "kempen");
    assert_eq!(frame.max_totaal, 20 + 20 + 5 + 5);
    let by = |k: Kenmerk| {
        frame
            .criteria
            .iter()
            .find(|c| c.kenmerk == k)
            .expect("criterion")
    };
    match &by(Kenmerk::Inkomen).tabel {
        PuntenTabel::Bedragen { rijen, anders, .. } => {
            let ceilings: Vec<(i64, u32)> =
                rijen.iter().map(|r| (r.plafond_cent, r.punten)).collect();
            assert_eq!(
                ceilings,
                vec![(137_913, 20), (154_413, 15), (190_483, 20), (210_283, 15)]
            );
            assert_eq!(*anders, 0);
        }
        other => panic!("inkomen is geen bedragentabel: {other:?}"),
    }
    match &by(Kenmerk::Kinderen).tabel {
        PuntenTabel::Aantallen { rijen } => {
            let points: Vec<u32> = rijen.iter().map(|r| r.punten).collect();
            assert_eq!(points, vec![0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
            assert_eq!(rijen.last().map(|r| (r.van, r.tot)), Some((10, None)));
        }
        other => panic!("kinderlast is geen aantallentabel: {other:?}"),
    }
    match &by(Kenmerk::Woonnood).tabel {
        PuntenTabel::Codes { rijen } => {
            let points: Vec<(&str, Option<u32>)> =
                rijen.iter().map(|r| (r.code.as_str(), r.punten)).collect();
            assert!(points.contains(&("geen-opvang", Some(15))));
            assert!(points.contains(&("opvang", Some(20))));
            assert!(points.contains(&("bijzonder", None)));
            assert_eq!(rijen.len(), 12);
        }
        other => panic!("woonnood is geen codetabel: {other:?}"),
    }
    match &by(Kenmerk::Begeleiding).tabel {
        PuntenTabel::Codes { rijen } => {
            let points: Vec<(&str, Option<u32>)> =
                rijen.iter().map(|r| (r.code.as_str(), r.punten)).collect();
            assert_eq!(
                points,
                vec![
                    ("gemeente", Some(5)),
                    ("werkingsgebied", Some(3)),
                    ("arrondissement", Some(1))
                ]
            );
        }
        other => panic!("begeleiding is geen codetabel: {other:?}"),
    }
    // every rule points back into the regional file, with its article
    let inkomen = by(Kenmerk::Inkomen);
    assert_eq!(inkomen.herkomst.bestand, "kempen-regio.reglement");
    assert_eq!(inkomen.herkomst.artikel.as_deref(), Some("art. 3.2"));
    let p3 = plan.doelgroepen.as_ref().expect("pillar 3");
    let codes: Vec<&str> = p3.groepen.iter().map(|g| g.code.as_str()).collect();
    assert_eq!(codes, vec!["housing-first", "doorstromer", "kansarmoede"]);
    assert!(p3.groepen.iter().all(|g| g.begeleiding_maanden == Some(12)));
    let reserved: u64 = p3.voorbehouden.iter().map(|r| r.totaal).sum();
    assert_eq!(reserved, 1 + 14 + 6);
}

#[test]
fn compiling_twice_and_from_another_folder_gives_identical_bytes() {
    let a = plan::to_json(&compile("examples/kempen.reglement"));
    let b = plan::to_json(&compile("examples/kempen.reglement"));
    assert_eq!(a, b);
    let abs = std::fs::canonicalize("examples/kempen.reglement").expect("example exists");
    let c = plan::to_json(&compile(abs.to_str().expect("utf-8 path")));
    assert_eq!(a, c);
}

#[test]
fn a_plan_round_trips_through_json() {
    let plan = compile("examples/kempen.reglement");
    let json = plan::to_json(&plan);
    let back: plan::Plan = serde_json::from_str(&json).expect("plan JSON reads back");
    assert_eq!(back, plan);
}

#[test]
fn leefloon_ceilings_follow_the_reference_date() {
    let row = plan::BedragRij {
        gezinstype: reglement::syntax::ast::Household::Alleenstaande,
        categorie: 1,
        plafond_cent: 137_913,
        leefloon_plus_cent: Some(16_500),
        punten: 20,
        herkomst: plan::Herkomst {
            bestand: "x".into(),
            regel: 1,
            kolom: 1,
            artikel: None,
            document: None,
        },
    };
    let date = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
    let periods = vec![
        plan::LeefloonPeriode {
            vanaf: date("2024-01-01"),
            alleenstaande_cent: Some(121_413),
            gezin_cent: Some(164_083),
        },
        plan::LeefloonPeriode {
            vanaf: date("2025-01-01"),
            alleenstaande_cent: Some(123_620),
            gezin_cent: Some(167_070),
        },
    ];
    assert_eq!(
        row.ceiling_on(&periods, date("2024-06-30")),
        121_413 + 16_500
    );
    assert_eq!(
        row.ceiling_on(&periods, date("2025-01-01")),
        123_620 + 16_500
    );
    // before any leefloon is known, the compiled ceiling holds
    assert_eq!(row.ceiling_on(&periods, date("2023-12-31")), 137_913);
}
