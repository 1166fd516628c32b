//! The formatter (`reglement opmaak`, and the language server's formatting
//! on every save), measured with criterion: the Kempen example and a
//! synthetic reglement of 20,000 lines.
//!
//! Run: `cargo bench --bench format`

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use reglement::format::format_text;
use reglement::synthetic;

fn format(c: &mut Criterion) {
    let kempen = include_str!("../examples/kempen.reglement");
    c.bench_function("opmaak: kempen", |b| {
        b.iter(|| format_text(black_box(kempen)))
    });
    let text = synthetic::reglement_of_lines(20_000);
    let mut group = c.benchmark_group("opmaak: synthetisch");
    group.sample_size(20);
    group.throughput(Throughput::Elements(text.lines().count() as u64));
    group.bench_function("20000 regels", |b| b.iter(|| format_text(black_box(&text))));
    group.finish();
}

criterion_group!(benches, format);
criterion_main!(benches);
