//! The `lsp_framing` fuzz target's check (`fuzz/oracles_lsp.rs`) on its
//! seeds and on every input a fuzz run kept (`fuzz/seeds/lsp_framing/`,
//! `fuzz/regressions/lsp_framing/`), in a normal `cargo test`.

#[path = "../../fuzz/oracles_lsp.rs"]
mod oracles_lsp;

#[test]
fn lsp_framing() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let mut n = 0;
    for dir in ["seeds", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir).join("lsp_framing")) else {
            continue;
        };
        let mut files: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        files.sort();
        for file in files {
            let data = std::fs::read(&file).expect("a kept input");
            let result = std::panic::catch_unwind(|| oracles_lsp::framing(&data));
            assert!(result.is_ok(), "{} fails", file.display());
            n += 1;
        }
    }
    assert!(n > 0, "the seeds are there");
}
