//! The fuzz targets' checks (`fuzz/oracles.rs`) on every input kept in the
//! repository: the seeds each target starts from (`fuzz/seeds/<target>/`)
//! and every input a fuzz run found that once failed
//! (`fuzz/regressions/<target>/`). A normal `cargo test` runs them, with
//! the overflow checks of a test build, so a fixed crash stays fixed
//! without nightly or cargo-fuzz.

#[path = "../fuzz/oracles.rs"]
mod oracles;

use std::path::Path;

/// Run `check` on every file of the seeds and regressions of `target`;
/// returns how many there were.
fn run(target: &str, check: fn(&[u8])) -> usize {
    let mut n = 0;
    for dir in ["seeds", "regressions"] {
        let dir = Path::new("fuzz").join(dir).join(target);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        files.sort();
        for file in files {
            let data = std::fs::read(&file).expect("a kept input");
            let result = std::panic::catch_unwind(|| check(&data));
            assert!(result.is_ok(), "{target}: {} fails", file.display());
            n += 1;
        }
    }
    n
}

#[test]
fn analyze() {
    assert!(run("analyze", oracles::analyze) > 0);
}

#[test]
fn candidates_csv() {
    assert!(run("candidates_csv", oracles::candidates_csv) > 0);
}

#[test]
fn candidates_json() {
    assert!(run("candidates_json", oracles::candidates_json) > 0);
}

#[test]
fn dwellings() {
    assert!(run("dwellings", oracles::dwellings) > 0);
}

#[test]
fn plan_json() {
    assert!(run("plan_json", oracles::plan_json) > 0);
}

#[test]
fn engine() {
    assert!(run("engine", oracles::engine) > 0);
}

#[test]
fn simulate() {
    assert!(run("simulate", oracles::simulate) > 0);
}
