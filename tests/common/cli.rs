//! Running the real `reglement` binary from a test: one way to call it,
//! read its output and give it a scratch folder.

use std::path::PathBuf;
use std::process::{Command, Output};

/// The binary with these arguments, colour off (snapshots compare plain text).
pub fn reglement(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reglement"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh folder for this test binary and name (the process id keeps
/// parallel runs apart).
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "reglement-{}-{name}-{}",
        env!("CARGO_CRATE_NAME"),
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}
