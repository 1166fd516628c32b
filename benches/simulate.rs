//! A year of allocations, measured with criterion: 10%, 50% and 100% of a
//! Flanders-sized year (200,000 candidates on the list, 20,000 dwellings
//! coming free; target under 5 s on 2 cores), under the Kempen example
//! (10 gemeenten) and under a synthetic reglement of 40 gemeenten with a
//! stricter woonbinding in each (more lists, more tiers).
//!
//! Candidates come from the engine's seeded generator (`reglement
//! genereer`), dwellings from the simulation's own generator. Only the
//! simulation is timed (reading a file is the engine's benchmark).
//!
//! Run: `cargo bench --bench simulate`

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use reglement::engine::generate::{Generator, Profile};
use reglement::engine::Batch;
use reglement::plan::Plan;
use reglement::simulate::{self, dwellings, Generation, Settings};
use reglement::{analyze, synthetic, MemoryLoader};

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn kempen() -> Plan {
    let loader = MemoryLoader::default().with(
        "kempen-regio.reglement",
        include_str!("../examples/kempen-regio.reglement"),
    );
    let a = analyze(
        "kempen.reglement",
        include_str!("../examples/kempen.reglement"),
        &loader,
    );
    reglement::plan::compile(&a).expect("Kempen compiles")
}

fn synthetic_plan(gemeenten: usize) -> Plan {
    let a = analyze(
        "synthetisch.reglement",
        &synthetic::reglement(gemeenten),
        &MemoryLoader::default(),
    );
    reglement::plan::compile(&a).expect("synthetic compiles")
}

fn year(c: &mut Criterion, name: &str, plan: &Plan) {
    let van = date("2024-01-01");
    let tot = date("2024-12-31");
    let profile = Profile::from_plan(plan, tot);
    let all: Vec<_> = Generator::new(&profile, 1).take(200_000).collect();
    let mut group = c.benchmark_group(format!("simuleer een jaar: {name}"));
    group.sample_size(10);
    for pct in [10usize, 50, 100] {
        let n = 200_000 * pct / 100;
        let batch = Batch::from_candidates("kandidaten", &all[..n]);
        let gen = Generation {
            per_gemeente: dwellings::spread_by_patrimony(plan, 20_000 * pct as u64 / 100),
            bijzonder_promille: 10,
        };
        let list = dwellings::generate(plan, &gen, van, tot, 1).expect("a year");
        let settings = Settings {
            van,
            tot,
            zaad: 1,
            weigerkans: 0.1,
        };
        group.throughput(Throughput::Elements(list.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(format!(
                "{pct}% ({n} kandidaten, {} woningen)",
                list.len()
            )),
            &(batch, list),
            |b, (batch, list)| {
                b.iter(|| {
                    simulate::simulate(plan, batch, list, &settings)
                        .expect("runs")
                        .decisions
                        .len()
                })
            },
        );
    }
    group.finish();
}

fn benches(c: &mut Criterion) {
    year(c, "Kempen (10 gemeenten)", &kempen());
    year(c, "synthetisch (40 gemeenten)", &synthetic_plan(40));
}

criterion_group!(simulate_benches, benches);
criterion_main!(simulate_benches);
