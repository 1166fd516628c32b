//! `reglement monitor` over a region: one register for the four
//! woonmaatschappijen of the Kempen frame (examples/kempen.reglement and
//! examples/kempen-leden/), rolled up per gemeente, per woonmaatschappij and
//! for the region.
//!
//! The register is the four simulations' logs of one year together, over
//! one shared candidate list (the central register): each member's part of
//! the roll-up must be its own simulation's summary, the region the sum,
//! and a row of no member or a dossier housed by two members is refused.

mod common;
use common::cli::{reglement, stderr, stdout, temp_dir};
use reglement::engine::generate::{Generator, Profile};
use reglement::engine::read::Format;
use reglement::engine::Batch;
use reglement::monitor::{regio, register, Options};
use reglement::plan::Plan;
use reglement::simulate::{self, dwellings, AllocationPillar, Generation, Settings, Summary};
use std::path::Path;

const LEDEN: [&str; 4] = [
    "examples/kempen.reglement",
    "examples/kempen-leden/woonboog.reglement",
    "examples/kempen-leden/leefgoed-neteland.reglement",
    "examples/kempen-leden/leefgoed-zuiderkempen.reglement",
];

fn plan(path: &str) -> Plan {
    let a = reglement::analyze_file(Path::new(path)).expect("readable member");
    reglement::plan::compile(&a).expect("the member compiles")
}

struct Year {
    plans: Vec<Plan>,
    candidates: Vec<reglement::engine::candidate::Candidate>,
    batch: Batch,
    sims: Vec<simulate::Simulation>,
    register: String,
}

/// One list for the region (each member's candidates, dossiers prefixed by
/// member), each member's year simulated on it, the logs as one register.
fn year() -> Year {
    let plans: Vec<Plan> = LEDEN.iter().map(|p| plan(p)).collect();
    let (van, tot) = (common::d("2024-01-01"), common::d("2024-12-31"));
    let mut all = Vec::new();
    for (i, p) in plans.iter().enumerate() {
        let profile = Profile::from_plan(p, tot);
        for mut c in Generator::new(&profile, 1 + i as u64).take(1_500) {
            c.dossier = format!("L{i}-{}", c.dossier);
            all.push(c);
        }
    }
    let batch = Batch::from_candidates("kandidaten-regio.csv", &all);
    let settings = Settings {
        van,
        tot,
        zaad: 1,
        weigerkans: 0.0,
    };
    let mut sims = Vec::new();
    let mut register = String::new();
    for (i, p) in plans.iter().enumerate() {
        let gen = Generation {
            per_gemeente: dwellings::spread_by_patrimony(p, 60),
            bijzonder_promille: 10,
        };
        let list = dwellings::generate(p, &gen, van, tot, 1 + i as u64).expect("a year");
        let sim = simulate::simulate(p, &batch, &list, &settings).expect("simulation");
        let log = simulate::write::log_csv(&sim.log(p, &batch));
        let mut lines = log.lines();
        let header = lines.next().expect("header");
        if register.is_empty() {
            register.push_str(header);
            register.push('\n');
        }
        for l in lines {
            register.push_str(l);
            register.push('\n');
        }
        sims.push(sim);
    }
    Year {
        plans,
        candidates: all,
        batch,
        sims,
        register,
    }
}

fn options() -> Options {
    Options {
        van: Some(common::d("2024-01-01")),
        tot: Some(common::d("2024-12-31")),
        steekproef: 200,
        zaad: 1,
    }
}

fn run(y: &Year, text: &str) -> regio::RegioMonitor {
    let refs: Vec<&Plan> = y.plans.iter().collect();
    let reg = register::read(text.as_bytes(), Format::Csv, "register-regio.csv").expect("register");
    regio::run(&refs, &y.batch, reg, &[], &options()).expect("regional monitor")
}

#[test]
fn each_member_is_its_own_year_and_the_region_is_their_sum() {
    let y = year();
    let r = run(&y, &y.register);
    let rows = y.register.lines().count() as u64 - 1;
    assert_eq!(r.rijen.gelezen, rows);
    // four simulations made apart can house one candidate twice (a
    // voorkeur in two members' gemeenten): the region refuses the second
    // allocation, as a real register would never hold it
    assert!(
        r.geweigerd
            .iter()
            .all(|w| w.code == "R0345" && w.melding.contains("kreeg al een woning bij")),
        "{:#?}",
        r.geweigerd
    );
    assert_eq!(r.rijen.geweigerd, r.geweigerd.len() as u64);
    assert_eq!(r.rijen.gebruikt + r.rijen.geweigerd, rows);
    assert_eq!(r.leden.len(), 4);
    let mut whole = 0;
    for ((m, sim), p) in r.leden.iter().zip(&y.sims).zip(&y.plans) {
        assert_eq!(m.rijen.geweigerd, 0);
        if m.rijen.gebruikt == sim.log(p, &y.batch).len() as u64 {
            // every row of the member's own log: its own year
            assert_eq!(
                m.samenvatting,
                Summary::new(sim, p, &y.batch),
                "{}",
                m.woonmaatschappij
            );
            assert_eq!(m.steekproef.alle.afwijkingen, 0, "a simulation's own log");
            whole += 1;
        }
    }
    // which members keep every row depends on the generated year; the
    // member's own figures are its monitor's either way
    let _ = whole;
    // the region: the sums of the members, shares from the sums
    let count = |p: AllocationPillar| -> u64 {
        r.leden
            .iter()
            .flat_map(|m| &m.samenvatting.per_pijler)
            .filter(|x| x.pijler == p)
            .map(|x| x.aantal)
            .sum()
    };
    let t = &r.regio_totaal;
    assert_eq!(t.standaard, count(AllocationPillar::Standaard));
    assert_eq!(t.versneld, count(AllocationPillar::Versneld));
    assert_eq!(t.doelgroepen, count(AllocationPillar::Doelgroepen));
    assert_eq!(t.bijzonder, count(AllocationPillar::Bijzonder));
    let n = t.toewijzingen();
    assert!(n > 0);
    assert_eq!(t.aandeel_versneld, (t.versneld * 10_000 / n) as i64);
    // four reglementen; the two of LeefGoed (Neteland, Zuiderkempen) are one woonmaatschappij
    assert_eq!(r.per_lid.len(), 4);
    let names: Vec<&str> = r
        .per_woonmaatschappij
        .iter()
        .map(|w| w.naam.as_str())
        .collect();
    let mut distinct: Vec<&str> = y
        .plans
        .iter()
        .map(|p| p.reglement.woonmaatschappij.as_str())
        .collect();
    distinct.dedup();
    assert_eq!(names, distinct);
    let gemeenten: usize = y
        .plans
        .iter()
        .map(|p| p.werkingsgebied.gemeenten.len())
        .sum();
    assert!(r.per_gemeente.len() <= gemeenten && !r.per_gemeente.is_empty());
    let sum: u64 = r.per_gemeente.iter().map(|g| g.aandeel.toewijzingen).sum();
    assert_eq!(sum, n);
    // pijler 3: the reserved dwellings of the four reglementen
    let reserved: u64 = y
        .plans
        .iter()
        .flat_map(|p| p.doelgroepen.iter())
        .flat_map(|d| &d.voorbehouden)
        .flat_map(|v| v.per_doelgroep.values())
        .sum();
    assert_eq!(
        r.pijler3.iter().map(|q| q.voorbehouden).sum::<u64>(),
        reserved
    );
    insta::assert_snapshot!("monitor_regio_kempen_tekst", regio::text(&r));
}

#[test]
fn rows_no_member_or_two_members_claim_are_refused() {
    let y = year();
    let mut lines: Vec<&str> = y.register.lines().collect();
    let header = lines[0];
    let col = |name: &str| header.split(',').position(|c| c == name).expect("column");
    let (g, dossier, pijler) = (col("gemeente"), col("dossier"), col("pijler"));
    // a row of Gent: no member's werkingsgebied
    let first = lines
        .iter()
        .skip(1)
        .find(|l| !l.contains('"'))
        .expect("a plain row")
        .to_string();
    let mut gent: Vec<String> = first.split(',').map(String::from).collect();
    gent[g] = "Gent".to_string();
    let gent = gent.join(",");
    // a dossier of one member housed again by another, later in the year
    let housed = lines
        .iter()
        .skip(1)
        .map(|l| l.split(',').collect::<Vec<_>>())
        .find(|f| f[dossier].starts_with("L0-") && f[pijler] == "standaard")
        .expect("a DNK allocation")[dossier]
        .to_string();
    let other = lines
        .iter()
        .rev()
        .find(|l| l.contains(",standaard,") && l.contains("L1-") && !l.contains('"'))
        .expect("a Woonboog allocation")
        .to_string();
    let mut twice: Vec<String> = other.split(',').map(String::from).collect();
    let datum = col("datum");
    twice[datum] = "2024-12-31".to_string();
    twice[col("woning")] = format!("{}-bis", twice[col("woning")]);
    twice[dossier] = housed.clone();
    let twice = twice.join(",");
    lines.push(&gent);
    lines.push(&twice);
    let text = lines.join("\n") + "\n";
    let r = run(&y, &text);
    let rows = lines.len() as u64 - 1;
    assert_eq!(r.rijen.gelezen, rows);
    assert_eq!(r.rijen.gelezen, r.rijen.gebruikt + r.rijen.geweigerd);
    let codes: Vec<&str> = r.geweigerd.iter().map(|w| w.code.as_str()).collect();
    assert!(codes.contains(&"R0349"), "{:#?}", r.geweigerd);
    assert!(
        r.geweigerd.iter().any(|w| w.code == "R0345"
            && w.melding.contains(&housed)
            && w.melding.contains("kreeg al een woning bij")),
        "{:#?}",
        r.geweigerd
    );
    assert_eq!(
        r.rijen.per_code.get(&reglement::diagnostic::Code::R0349),
        Some(&1)
    );
}

/// Through the binary: several reglementen make the regional report; the
/// members' accounting adds up in the JSON.
#[test]
fn the_regional_report_through_the_binary() {
    let y = year();
    let dir = temp_dir("monitor-regio");
    let reg = dir.join("register-regio.csv");
    std::fs::write(&reg, &y.register).expect("write register");
    let cand = dir.join("kandidaten-regio.csv");
    let mut csv = String::from(reglement::engine::generate::CSV_HEADER);
    csv.push('\n');
    for c in &y.candidates {
        reglement::engine::generate::csv_row(c, &mut csv);
    }
    std::fs::write(&cand, csv).expect("write candidates");
    let k = cand.to_string_lossy().into_owned();
    let mut args = vec!["monitor"];
    args.extend(LEDEN);
    let r = reg.to_string_lossy().into_owned();
    args.extend(["--register", &r, "--kandidaten", &k, "--formaat", "json"]);
    let o = reglement(&args);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(v["schema"], "reglement-monitor-regio/1");
    assert_eq!(v["leden"].as_array().map(Vec::len), Some(4));
    let gelezen = v["rijen"]["gelezen"].as_u64().expect("gelezen");
    let gebruikt = v["rijen"]["gebruikt"].as_u64().expect("gebruikt");
    let geweigerd = v["rijen"]["geweigerd"].as_u64().expect("geweigerd");
    assert_eq!(gelezen, gebruikt + geweigerd);
    assert_eq!(geweigerd, run(&y, &y.register).rijen.geweigerd);
    assert_eq!(gelezen, y.register.lines().count() as u64 - 1);
    // --rapport is for one reglement
    let mut bad = args.clone();
    bad.extend(["--rapport", "x.html"]);
    let o = reglement(&bad);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("--rapport en --simulatie gelden voor één reglement"));
}
