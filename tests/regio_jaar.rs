//! A regional year (issue 16, item 7): `simuleer --regio` over the members
//! of the Kempen frame on one candidates list, the central register. A
//! candidate is on the list of every member whose werkingsgebied holds a
//! gemeente of his voorkeur (no voorkeur: every member) and leaves them all
//! when one member houses him.

mod common;
use common::cli::{reglement, stderr, stdout, temp_dir};
use reglement::engine::read::{self, Format};
use reglement::simulate::region::{self, Lid, RegionSummary};
use reglement::simulate::{dwellings, Settings};
use std::path::Path;

const FRAME: &str = "examples/kempen-regio.reglement";

/// Ten rows: a candidate on the lists of DNK and Woonboog, one on
/// both LeefGoed zones, one without a voorkeur (every list), one
/// outside the region, one registered after the period, one unreadable,
/// one that no dwelling suits.
const KANDIDATEN: &str = "dossier,inschrijvingsdatum,gezinstype,volwassenen,kinderen,voorkeur
R-01,2010-01-01,alleenstaande,1,0,Turnhout;Geel
R-02,2012-01-01,alleenstaande,1,0,Turnhout
R-03,2012-02-01,alleenstaande,1,0,Geel
R-04,2013-01-01,alleenstaande,1,0,Herentals;Heist-op-den-Berg
R-05,2013-02-01,alleenstaande,1,0,Herentals
R-06,2014-01-01,alleenstaande,1,0,
R-07,2014-06-01,alleenstaande,1,0,Antwerpen
R-08,2025-03-01,alleenstaande,1,0,Turnhout
R-09,gisteren,alleenstaande,1,0,Turnhout
R-10,2015-01-01,gezin,2,4,Geel
";

/// A dwelling in each member, and a second one in Geel.
const WONINGEN: &str = "woning,gemeente,slaapkamers,vrij_vanaf
T-1,Turnhout,1,2024-02-01
G-1,Geel,1,2024-03-01
H-1,Herentals,1,2024-04-01
HB-1,Heist-op-den-Berg,1,2024-05-01
G-2,Geel,1,2024-06-01
";

fn files(name: &str) -> (String, String) {
    let dir = temp_dir(name);
    let k = dir.join("kandidaten.csv");
    let w = dir.join("woningen.csv");
    std::fs::write(&k, KANDIDATEN).expect("write");
    std::fs::write(&w, WONINGEN).expect("write");
    (k.display().to_string(), w.display().to_string())
}

fn run(k: &str, w: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "simuleer",
        "--regio",
        FRAME,
        "--kandidaten",
        k,
        "--woningen",
        w,
        "--van",
        "2024-01-01",
    ];
    args.extend(extra);
    reglement(&args)
}

#[test]
fn the_regional_summary_through_the_binary() {
    let (k, w) = files("tekst");
    let out = run(&k, &w, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("regel 10, kolom 2 (inschrijvingsdatum), dossier R-09"),
        "{}",
        stderr(&out)
    );
    let text = stdout(&out);
    let head: String = text.split("\n== ").next().unwrap_or_default().to_string();
    insta::assert_snapshot!("regio_jaar_samenvatting", head);
    // every member's own summary follows, in the frame's order
    let members: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("== ")?.strip_suffix(" =="))
        .collect();
    assert_eq!(
        members,
        [
            "DNK",
            "Woonboog",
            "LeefGoed Neteland",
            "LeefGoed Zuiderkempen"
        ]
    );
}

#[test]
fn the_counts_add_up_and_the_same_seed_gives_the_same_bytes() {
    let (k, w) = files("json");
    for kans in ["0", "0,5"] {
        let out = run(&k, &w, &["--formaat", "json", "--weigerkans", kans]);
        assert!(out.status.success(), "{}", stderr(&out));
        let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
        let n = |key: &str| v[key].as_u64().expect(key);
        assert_eq!(n("kandidaten_gelezen"), 10);
        assert_eq!(
            n("kandidaten_gelezen"),
            n("gehuisvest")
                + n("wachtend")
                + n("ingeschreven_na_periode")
                + n("voorkeur_buiten_regio")
                + n("geweigerd"),
            "{kans}"
        );
        assert_eq!(n("voorkeur_buiten_regio"), 1);
        assert_eq!(n("ingeschreven_na_periode"), 1);
        assert_eq!(n("geweigerd"), 1);
        // housed once: the members' allocations are the region's housed
        let leden = v["leden"].as_array().expect("leden");
        let by_members: u64 = leden
            .iter()
            .map(|l| l["toegewezen"].as_u64().expect("toegewezen"))
            .sum();
        assert_eq!(by_members, n("gehuisvest"), "{kans}");
        assert_eq!(n("toegewezen"), n("gehuisvest"));
    }
    // byte-identical report and summary for the same seed
    let dir = temp_dir("bytes");
    let (a, b) = (dir.join("a.html"), dir.join("b.html"));
    let one = run(
        &k,
        &w,
        &[
            "--zaad",
            "5",
            "--weigerkans",
            "0,3",
            "--rapport",
            &a.display().to_string(),
        ],
    );
    let two = run(
        &k,
        &w,
        &[
            "--zaad",
            "5",
            "--weigerkans",
            "0,3",
            "--rapport",
            &b.display().to_string(),
        ],
    );
    assert_eq!(one.stdout, two.stdout);
    let html = std::fs::read(&a).expect("report");
    assert_eq!(html, std::fs::read(&b).expect("report"));
    let html = String::from_utf8(html).expect("utf-8");
    assert!(html.contains("<h2>De regio</h2>"));
    assert!(html.contains("op meer dan één lijst"));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "offline"
    );
}

fn plan(path: &str) -> reglement::plan::Plan {
    let a = reglement::analyze_file(Path::new(path)).expect("reads");
    reglement::plan::compile(&a).expect("compiles")
}

#[test]
fn a_candidate_on_two_lists_is_housed_once() {
    let plans = [
        plan("examples/kempen.reglement"),
        plan("examples/kempen-leden/woonboog.reglement"),
        plan("examples/kempen-leden/leefgoed-neteland.reglement"),
        plan("examples/kempen-leden/leefgoed-zuiderkempen.reglement"),
    ];
    let names = [
        "DNK",
        "Woonboog",
        "LeefGoed Neteland",
        "LeefGoed Zuiderkempen",
    ];
    let leden: Vec<Lid> = names
        .iter()
        .zip(&plans)
        .map(|(naam, plan)| Lid { naam, plan })
        .collect();
    let batch = read::read(KANDIDATEN.as_bytes(), Format::Csv, "kandidaten.csv").expect("reads");
    let lists = dwellings::read_region(WONINGEN.as_bytes(), Format::Csv, "woningen.csv", &leden)
        .expect("reads");
    assert_eq!(lists.iter().map(Vec::len).collect::<Vec<_>>(), [1, 2, 1, 1]);
    let settings = Settings {
        van: common::d("2024-01-01"),
        tot: common::d("2024-12-31"),
        zaad: 1,
        weigerkans: 0.0,
    };
    let jaar = region::simulate(&leden, &batch, &lists, &settings).expect("runs");
    let rec = |id: &str| {
        batch
            .records
            .iter()
            .position(|r| batch.dossier(r) == id)
            .expect("record") as u32
    };
    let r01 = rec("R-01");
    // on the lists of DNK and Woonboog
    assert_eq!(jaar.lijsten[r01 as usize], 0b0011);
    // housed by DNK in February, not again by Woonboog in March
    let housings: Vec<(usize, &str)> = jaar
        .leden
        .iter()
        .enumerate()
        .flat_map(|(m, sim)| {
            sim.decisions
                .iter()
                .zip(&sim.dwellings)
                .filter(move |(x, _)| x.kandidaat == Some(r01))
                .map(move |(_, w)| (m, w.woning.woning.as_str()))
        })
        .collect();
    assert_eq!(housings, [(0, "T-1")]);
    assert_eq!(jaar.gehuisvest_door[r01 as usize], Some(0));
    // Geel's first dwelling went to the next on Woonboog's list
    let woonboog = &jaar.leden[1];
    assert_eq!(woonboog.decisions[0].kandidaat, Some(rec("R-03")));
    // nobody housed twice in the region
    let mut all: Vec<u32> = jaar.leden.iter().flat_map(|s| s.housed()).collect();
    let n = all.len();
    all.sort_unstable();
    all.dedup();
    assert_eq!(all.len(), n);
    let s = RegionSummary::new("Kempen", &leden, &jaar, &batch);
    assert_eq!(s.shoppers.op_meerdere_lijsten, 3);
    assert_eq!(s.shoppers.gehuisvest, 3);
    assert_eq!(s.leden[0].shoppers_gehuisvest, 1);
    assert_eq!(s.leden[1].elders_gehuisvest, 2);
}

#[test]
fn a_dwelling_of_no_member_is_refused_with_its_row() {
    let dir = temp_dir("buiten");
    let (k, _) = files("buiten-k");
    let w = dir.join("woningen.csv");
    std::fs::write(
        &w,
        "woning,gemeente,slaapkamers,vrij_vanaf\nA-1,Antwerpen,1,2024-02-01\n",
    )
    .expect("write");
    let out = run(&k, &w.display().to_string(), &[]);
    assert!(!out.status.success());
    assert!(
        stderr(&out)
            .contains("gemeente 'Antwerpen' ligt in het werkingsgebied van geen lid van de regio"),
        "{}",
        stderr(&out)
    );
}

/// `simuleer --regio --toewijzingen` writes one register for the region
/// (the members' logs in the frame's order); `reglement monitor` over the
/// same members reads it: every row used by the member that allocated it,
/// none refused, and per member and pillar the monitor counts what the
/// regional year allocated.
#[test]
fn the_regional_register_is_what_the_monitor_reads() {
    let (k, w) = files("register");
    let dir = temp_dir("register-uit");
    let register = dir.join("toewijzingen.csv");
    let register_s = register.display().to_string();
    let out = run(
        &k,
        &w,
        &["--formaat", "json", "--toewijzingen", &register_s],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let year: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    let text = std::fs::read_to_string(&register).expect("register written");
    let rows = text.lines().count() as u64 - 1;
    assert_eq!(
        Some(rows),
        year["woningen"].as_u64(),
        "one row per dwelling"
    );
    let json = dir.join("toewijzingen.json");
    let json_s = json.display().to_string();
    let again = run(&k, &w, &["--toewijzingen", &json_s]);
    assert!(again.status.success(), "{}", stderr(&again));
    let log: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("json log")).expect("json");
    assert_eq!(log["schema"], "reglement-regiosimulatie/1");
    let per_member: Vec<u64> = log["leden"]
        .as_array()
        .expect("leden")
        .iter()
        .map(|l| l["toewijzingen"].as_array().map_or(0, |t| t.len() as u64))
        .collect();
    assert_eq!(
        per_member.iter().sum::<u64>(),
        rows,
        "the JSON log holds the same rows"
    );

    let members = [
        "examples/kempen.reglement",
        "examples/kempen-leden/woonboog.reglement",
        "examples/kempen-leden/leefgoed-neteland.reglement",
        "examples/kempen-leden/leefgoed-zuiderkempen.reglement",
    ];
    let mut args = vec!["monitor"];
    args.extend(members);
    args.extend([
        "--register",
        &register_s,
        "--kandidaten",
        &k,
        "--van",
        "2024-01-01",
        "--tot",
        "2024-12-31",
        "--formaat",
        "json",
    ]);
    let mon = reglement(&args);
    assert!(mon.status.success(), "{}", stderr(&mon));
    let m: serde_json::Value = serde_json::from_str(&stdout(&mon)).expect("monitor json");
    assert_eq!(m["rijen"]["gelezen"].as_u64(), Some(rows));
    assert_eq!(
        m["rijen"]["geweigerd"].as_u64(),
        Some(0),
        "{:#}",
        m["geweigerd"]
    );
    assert_eq!(m["rijen"]["gebruikt"].as_u64(), Some(rows));
    // per member: the rows it allocated, pillar by pillar, as the year counted them
    let leden = year["leden"].as_array().expect("leden");
    let cijfers = m["per_lid"].as_array().expect("per_lid");
    assert_eq!(leden.len(), cijfers.len());
    let mut used = 0;
    for (l, c) in leden.iter().zip(cijfers) {
        let p = &l["per_pijler"];
        for (i, key) in ["standaard", "versneld", "doelgroepen", "bijzonder"]
            .into_iter()
            .enumerate()
        {
            assert_eq!(c[key], p[i], "{} {key}", l["naam"]);
        }
        assert_eq!(c["rijen_gebruikt"], l["woningen"], "{}", l["naam"]);
        used += c["rijen_gebruikt"].as_u64().unwrap_or(0);
    }
    assert_eq!(used, rows);
}
