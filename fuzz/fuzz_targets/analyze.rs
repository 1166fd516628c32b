//! Any bytes as a reglement: parse, check, render and compile must never panic.
//! Run: `cargo +nightly fuzz run analyze` (seed the corpus with `examples/`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use reglement::{analyze, plan, MemoryLoader};

const REGIO: &str = include_str!("../../examples/kempen-regio.reglement");

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let loader = MemoryLoader::default().with("kempen-regio.reglement", REGIO);
    let analysis = analyze("fuzz.reglement", &text, &loader);
    let _ = reglement::diagnostic::render::render_text(&analysis.diagnostics, &analysis.sources, false);
    let _ = reglement::diagnostic::render::to_json(&analysis.diagnostics, &analysis.sources);
    if let Ok(p) = plan::compile(&analysis) {
        let _ = plan::to_json(&p);
    }
});
