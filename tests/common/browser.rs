//! Headless Chromium (Debian package `chromium`) for the tests that open a
//! generated HTML page: find it, run it on a file, read what it logged.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The Chromium binary (`REGLEMENT_CHROMIUM` names another one), or `None`
/// when a local run asked to skip the browser tests with
/// `REGLEMENT_ZONDER_CHROMIUM`; missing otherwise is a failure, so CI cannot
/// pass without having looked.
pub fn chromium() -> Option<PathBuf> {
    let name = std::env::var("REGLEMENT_CHROMIUM").unwrap_or_else(|_| "chromium".into());
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(&name))
            .find(|p| p.is_file())
    });
    match found {
        Some(p) => Some(p),
        None if std::env::var_os("REGLEMENT_ZONDER_CHROMIUM").is_some() => {
            eprintln!("chromium ontbreekt: browsertest overgeslagen (REGLEMENT_ZONDER_CHROMIUM)");
            None
        }
        None => panic!(
            "chromium is niet gevonden: installeer het (apt-get install -y --no-install-recommends chromium), \
             of zet enkel lokaal REGLEMENT_ZONDER_CHROMIUM=1"
        ),
    }
}

/// Chromium headless on `page` with its own profile folder, no network
/// services, logging to stderr, and the `extra` switches (`--dump-dom`,
/// `--screenshot=…`, `--print-to-pdf=…`).
pub fn headless(chromium: &Path, profile: &Path, extra: &[String], page: &Path) -> Output {
    let mut args: Vec<String> = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--enable-logging=stderr",
        "--v=0",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.push(format!("--user-data-dir={}", profile.display()));
    args.extend(extra.iter().cloned());
    args.push(format!("file://{}", page.display()));
    Command::new(chromium)
        .args(&args)
        .output()
        .expect("chromium runs")
}

/// Console messages (script errors, failed loads) Chromium logged for the page.
pub fn console_lines(o: &Output) -> Vec<String> {
    String::from_utf8_lossy(&o.stderr)
        .lines()
        .filter(|l| l.contains(":CONSOLE") || l.contains("Failed to load"))
        .map(str::to_string)
        .collect()
}

/// Width and height from a PNG's header.
pub fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    assert_eq!(&bytes[12..16], b"IHDR");
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&bytes[16..20]), be(&bytes[20..24]))
}

/// A screenshot of the first `width`×`height` of `page` into `shot`: Chromium
/// succeeds, the PNG has that size and is not blank (a blank page compresses
/// to a few kilobytes; text and tables do not); its path is printed to look at.
pub fn screenshot(chromium: &Path, profile: &Path, page: &Path, shot: &Path, size: (u32, u32)) {
    let o = headless(
        chromium,
        profile,
        &[
            format!("--screenshot={}", shot.display()),
            format!("--window-size={},{}", size.0, size.1),
        ],
        page,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let bytes = std::fs::read(shot).expect("screenshot written");
    assert_eq!(png_size(&bytes), size);
    assert!(
        bytes.len() > 30_000,
        "screenshot looks empty: {} bytes",
        bytes.len()
    );
    eprintln!("schermafdruk: {}", shot.display());
}
