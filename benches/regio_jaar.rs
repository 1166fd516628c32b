//! A regional year, measured with criterion: 200,000 candidates on one
//! list (the central register) over five members, 20,000 dwellings coming
//! free (4,000 per member); target under 2 s. The members: the four
//! reglementen of the Kempen frame and a synthetic reglement of 10
//! gemeenten. Candidates from the engine's seeded generator, 40,000 per
//! member; every fifth also chooses a gemeente of the next member (on two
//! lists). Only the simulation is timed.
//!
//! Run: `cargo bench --bench regio_jaar`

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use reglement::engine::generate::{Generator, Profile};
use reglement::engine::{Batch, Candidate};
use reglement::plan::Plan;
use reglement::simulate::region::{self, Lid};
use reglement::simulate::{dwellings, Generation, Settings};
use reglement::{analyze, synthetic, MemoryLoader};

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn member(name: &str, text: &str) -> Plan {
    let loader = MemoryLoader::default()
        .with(
            "kempen-regio.reglement",
            include_str!("../examples/kempen-regio.reglement"),
        )
        .with(
            "../kempen-regio.reglement",
            include_str!("../examples/kempen-regio.reglement"),
        );
    let a = analyze(name, text, &loader);
    reglement::plan::compile(&a).expect("member compiles")
}

fn benches(c: &mut Criterion) {
    let plans = [
        member(
            "kempen.reglement",
            include_str!("../examples/kempen.reglement"),
        ),
        member(
            "kempen-leden/woonboog.reglement",
            include_str!("../examples/kempen-leden/woonboog.reglement"),
        ),
        member(
            "kempen-leden/leefgoed-neteland.reglement",
            include_str!("../examples/kempen-leden/leefgoed-neteland.reglement"),
        ),
        member(
            "kempen-leden/leefgoed-zuiderkempen.reglement",
            include_str!("../examples/kempen-leden/leefgoed-zuiderkempen.reglement"),
        ),
        member("synthetisch.reglement", &synthetic::reglement(10)),
    ];
    let names = [
        "DNK",
        "Woonboog",
        "LeefGoed Neteland",
        "LeefGoed Zuiderkempen",
        "Synthese",
    ];
    let van = date("2024-01-01");
    let tot = date("2024-12-31");
    let mut all: Vec<Candidate> = Vec::with_capacity(200_000);
    for (m, plan) in plans.iter().enumerate() {
        let profile = Profile::from_plan(plan, tot);
        let next = &plans[(m + 1) % plans.len()].werkingsgebied.gemeenten[0].naam;
        for (i, mut cand) in Generator::new(&profile, m as u64 + 1)
            .take(40_000)
            .enumerate()
        {
            cand.dossier = format!("{m}-{}", cand.dossier);
            if i % 5 == 0 && !cand.voorkeur.is_empty() {
                cand.voorkeur.push(next.clone());
            }
            all.push(cand);
        }
    }
    let batch = Batch::from_candidates("kandidaten", &all);
    let lists: Vec<_> = plans
        .iter()
        .enumerate()
        .map(|(m, plan)| {
            let gen = Generation {
                per_gemeente: dwellings::spread_by_patrimony(plan, 4_000),
                bijzonder_promille: 10,
            };
            dwellings::generate(plan, &gen, van, tot, m as u64 + 1).expect("a year")
        })
        .collect();
    let leden: Vec<Lid> = names
        .iter()
        .zip(&plans)
        .map(|(naam, plan)| Lid { naam, plan })
        .collect();
    let settings = Settings {
        van,
        tot,
        zaad: 1,
        weigerkans: 0.1,
    };
    let n: usize = lists.iter().map(Vec::len).sum();
    let mut group = c.benchmark_group("regionaal jaar");
    group.sample_size(10);
    group.throughput(Throughput::Elements(n as u64));
    group.bench_function(
        format!("5 leden, {} kandidaten, {n} woningen", all.len()),
        |b| {
            b.iter(|| {
                region::simulate(&leden, &batch, &lists, &settings)
                    .expect("runs")
                    .leden
                    .len()
            })
        },
    );
    group.finish();
}

criterion_group!(regio_benches, benches);
criterion_main!(regio_benches);
