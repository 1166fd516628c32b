//! `reglement monitor` on a Flanders-sized year, measured with criterion:
//! a register of 20,000 allocations over 200,000 candidates (the year the
//! simulation allocates under the Kempen example, written as its log and
//! read back as a register), with the default 2% audit sample (400
//! decisions, each re-ranked by the engine on its day's list). Timed:
//! reading the register, the replay with every indicator, and the audit;
//! not timed: reading the candidates file (the engine's benchmark).
//! Target: under 2 s.
//!
//! Run: `cargo bench --bench monitor`

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use reglement::engine::generate::{Generator, Profile};
use reglement::engine::read::Format;
use reglement::engine::Batch;
use reglement::monitor::{self, register, Options};
use reglement::simulate::{self, dwellings, Generation, Settings};
use reglement::{analyze, MemoryLoader};

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn benches(c: &mut Criterion) {
    let loader = MemoryLoader::default().with(
        "kempen-regio.reglement",
        include_str!("../examples/kempen-regio.reglement"),
    );
    let a = analyze(
        "kempen.reglement",
        include_str!("../examples/kempen.reglement"),
        &loader,
    );
    let plan = reglement::plan::compile(&a).expect("Kempen compiles");
    let (van, tot) = (date("2024-01-01"), date("2024-12-31"));
    let profile = Profile::from_plan(&plan, tot);
    let all: Vec<_> = Generator::new(&profile, 1).take(200_000).collect();
    let batch = Batch::from_candidates("kandidaten", &all);
    let gen = Generation {
        per_gemeente: dwellings::spread_by_patrimony(&plan, 20_000),
        bijzonder_promille: 10,
    };
    let list = dwellings::generate(&plan, &gen, van, tot, 1).expect("a year");
    let settings = Settings {
        van,
        tot,
        zaad: 1,
        weigerkans: 0.0,
    };
    let sim = simulate::simulate(&plan, &batch, &list, &settings).expect("runs");
    let log = simulate::write::log_csv(&sim.log(&plan, &batch));
    let options = Options {
        van: Some(van),
        tot: Some(tot),
        steekproef: 200,
        zaad: 1,
    };
    let mut group = c.benchmark_group("monitor");
    group.sample_size(10);
    group.bench_function(
        format!(
            "{} toewijzingen, {} kandidaten, steekproef 2%",
            list.len(),
            all.len()
        ),
        |b| {
            b.iter(|| {
                let reg =
                    register::read(log.as_bytes(), Format::Csv, "register.csv").expect("register");
                let m = monitor::run(&plan, &batch, reg, &[], &options).expect("monitor");
                assert_eq!(m.rijen.geweigerd, 0);
                m.steekproef.getrokken
            })
        },
    );
    group.finish();
}

criterion_group!(monitor_benches, benches);
criterion_main!(monitor_benches);
