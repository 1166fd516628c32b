//! Real editors as clients: Emacs with Eglot (batch) and Neovim 0.7
//! (headless) start `reglement-lsp`, open the Kempen example and a broken,
//! messy copy, and the test checks the diagnostics, a hover, a completion
//! and a formatting result that the editor received. Both editors are
//! required (CI installs them: `.ci/run`); a missing editor fails the test.

mod common;

use common::{root, scratch};
use std::path::PathBuf;
use std::process::Command;

/// A folder with the example, its regional file and a broken copy whose
/// share of the versnelde toewijzing is 25% and whose line is not indented.
fn workspace(name: &str) -> PathBuf {
    let dir = scratch(name);
    let text = std::fs::read_to_string(root().join("examples/kempen.reglement")).expect("example");
    let broken = text.replacen("    aandeel 20%", "aandeel     25%", 1);
    assert_ne!(broken, text);
    std::fs::write(dir.join("kapot.reglement"), broken).expect("write");
    dir
}

fn check(out: &str, editor: &str) {
    let lines: Vec<&str> = out.lines().collect();
    let has = |prefix: &str| lines.iter().any(|l| l.starts_with(prefix));
    // the example: the local target group under ministerial review (a warning)
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("DIAG kempen.reglement") && l.contains("kansarmoede")),
        "{editor}: {out}"
    );
    // the broken copy: the share of 25% is an error
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("DIAG kapot.reglement") && l.contains("25%")),
        "{editor}: {out}"
    );
    assert!(has("HOVER **kempen** — wegingskader"), "{editor}: {out}");
    assert!(
        lines.iter().any(|l| l.contains("hoogstens 50 punten")),
        "{editor}: {out}"
    );
    // on the werkingsgebied's first line: the Flemish gemeenten, less those
    // declared on its other lines (the one under the cursor stays)
    assert!(
        has("COMPLETION Turnhout")
            && has("COMPLETION Oostende")
            && !has("COMPLETION Baarle-Hertog"),
        "{editor}: {out}"
    );
    assert!(
        lines.contains(&"FORMATTED     aandeel 25%"),
        "{editor}: {out}"
    );
}

fn run(editor: &str, mut cmd: Command, dir: &std::path::Path) -> String {
    let out_file = dir.join("uitkomst.txt");
    let status = cmd
        .env("REGLEMENT_LSP", env!("CARGO_BIN_EXE_reglement-lsp"))
        .env("REGLEMENT_DIR", dir)
        .env("REGLEMENT_OUT", &out_file)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{editor} does not run ({e}); install it (see .ci/run)"));
    assert!(
        status.status.success(),
        "{editor} failed: {}\n{}",
        String::from_utf8_lossy(&status.stdout),
        String::from_utf8_lossy(&status.stderr)
    );
    std::fs::read_to_string(&out_file).unwrap_or_else(|_| {
        panic!(
            "{editor} wrote no results: {}",
            String::from_utf8_lossy(&status.stderr)
        )
    })
}

#[test]
fn emacs_with_eglot() {
    let dir = workspace("emacs");
    let script = root().join("lsp/tests/editors/eglot.el");
    let mut cmd = Command::new("emacs");
    cmd.arg("--batch").arg("-l").arg(script);
    let out = run("emacs", cmd, &dir);
    check(&out, "emacs");
}

#[test]
fn neovim_0_7() {
    let dir = workspace("neovim");
    let script = root().join("lsp/tests/editors/neovim.lua");
    let mut cmd = Command::new("nvim");
    cmd.args(["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c"])
        .arg(format!("luafile {}", script.display()));
    let out = run("nvim", cmd, &dir);
    check(&out, "neovim");
}
