//! Parse + check + compile, measured with criterion:
//! the Kempen example (target under 1 ms) and synthetic reglementen of
//! 1,000, 10,000 and 100,000 lines (target linear, 10,000 lines under 50 ms).
//!
//! Run: `cargo bench --bench compile`

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use reglement::{analyze, plan, synthetic, MemoryLoader};

fn compile_text(name: &str, text: &str, loader: &MemoryLoader) -> usize {
    let analysis = analyze(name, text, loader);
    match plan::compile(&analysis) {
        Ok(p) => p.werkingsgebied.gemeenten.len(),
        Err(e) => panic!("het benchmarkreglement compileert niet: {e}"),
    }
}

fn kempen(c: &mut Criterion) {
    let main = include_str!("../examples/kempen.reglement");
    let loader = MemoryLoader::default().with(
        "kempen-regio.reglement",
        include_str!("../examples/kempen-regio.reglement"),
    );
    c.bench_function("kempen: parse+check+compile", |b| {
        b.iter(|| compile_text("kempen.reglement", black_box(main), &loader))
    });
}

fn synthetic_sizes(c: &mut Criterion) {
    let loader = MemoryLoader::default();
    let mut group = c.benchmark_group("synthetisch: parse+check+compile");
    group.sample_size(10);
    for lines in [1_000usize, 10_000, 100_000] {
        let text = synthetic::reglement_of_lines(lines);
        group.throughput(Throughput::Elements(text.lines().count() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(lines), &text, |b, text| {
            b.iter(|| compile_text("synthetisch.reglement", black_box(text), &loader))
        });
    }
    group.finish();
}

criterion_group!(benches, kempen, synthetic_sizes);
criterion_main!(benches);
