//! The browser page (web/, README "In de browser") in headless Chromium:
//! it opens on the Kempen example with the diagnostics `reglement
//! controleer` gives, shows R0102 when `aandeel 25%` is typed in the
//! versnelde toewijzing, publishes the documents, and ranks a generated
//! 1,000-candidate file to the same bytes as `reglement rangschik --formaat
//! csv`, with the same accounting line and the same `verklaar`.
//!
//! The site is built by `bash web/build.sh` (run here when target/web is
//! missing or older than its sources); the page is driven by
//! web/tests/browser.mjs (puppeteer-core from web/node_modules).

mod common;

use common::{browser, cli};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

fn newest(path: &Path) -> SystemTime {
    let Ok(meta) = std::fs::metadata(path) else {
        return SystemTime::UNIX_EPOCH;
    };
    if meta.is_file() {
        return meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
    }
    std::fs::read_dir(path)
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.file_name() != "node_modules")
                .map(|e| newest(&e.path()))
                .max()
                .unwrap_or(SystemTime::UNIX_EPOCH)
        })
        .unwrap_or(SystemTime::UNIX_EPOCH)
}

/// target/web, built when missing or older than what it is built from.
fn site(root: &Path) -> PathBuf {
    let site = root.join("target/web");
    let built = std::fs::metadata(site.join("index.html"))
        .and_then(|m| m.modified())
        .ok();
    let sources = [
        "src",
        "grammar",
        "examples",
        "web/src",
        "web/www",
        "web/build.sh",
        "web/bundle.mjs",
        "web/package-lock.json",
        "Cargo.lock",
    ]
    .iter()
    .map(|p| newest(&root.join(p)))
    .max()
    .unwrap_or(SystemTime::UNIX_EPOCH);
    let fresh = built.is_some_and(|b| b >= sources)
        && root.join("web/node_modules/puppeteer-core").is_dir();
    if !fresh {
        // its own target folder: this test runs inside `cargo test`, which
        // holds the lock on target/
        let status = Command::new("bash")
            .arg("web/build.sh")
            .current_dir(root)
            .env("CARGO_TARGET_DIR", root.join("target/web-cargo"))
            .status()
            .expect("bash runs");
        assert!(status.success(), "web/build.sh faalde");
    }
    site
}

fn texts(v: &Value, key: &str) -> Vec<String> {
    v.as_array()
        .expect("an array")
        .iter()
        .map(|d| d[key].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn the_page_checks_publishes_and_ranks_as_the_cli_does() {
    let Some(chromium) = browser::chromium() else {
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = site(root);
    let dir = cli::temp_dir("web");
    let kandidaten = dir.join("kandidaten-1000.csv");
    let k = kandidaten.to_str().expect("a UTF-8 path");
    let o = cli::reglement(&[
        "genereer",
        "examples/kempen.reglement",
        "--aantal",
        "1000",
        "--zaad",
        "7",
        "-o",
        k,
    ]);
    assert!(o.status.success(), "{}", cli::stderr(&o));
    let rank_args = [
        "--kandidaten",
        k,
        "--peildatum",
        "2024-06-30",
        "--pijler",
        "versneld",
        "--gemeente",
        "Turnhout",
    ];
    let mut args = vec!["rangschik", "examples/kempen.reglement"];
    args.extend(rank_args);
    args.extend(["--formaat", "csv"]);
    let native = cli::reglement(&args);
    assert!(native.status.success(), "{}", cli::stderr(&native));

    let out = root.join("target/web-test");
    let _ = std::fs::remove_dir_all(&out);
    let node = Command::new("node")
        .arg("web/tests/browser.mjs")
        .arg(&site)
        .arg(&chromium)
        .arg(&out)
        .arg(&kandidaten)
        .current_dir(root)
        .output()
        .expect("node runs");
    let result: Value = serde_json::from_slice(
        &std::fs::read(out.join("resultaat.json")).expect("browser.mjs wrote its result"),
    )
    .expect("JSON");
    assert!(
        node.status.success(),
        "browser.mjs faalde:\n{}\n{}\nconsole: {:#}",
        String::from_utf8_lossy(&node.stdout),
        String::from_utf8_lossy(&node.stderr),
        result["console"]
    );
    for line in result["console"].as_array().expect("console lines") {
        let line = line.as_str().unwrap_or_default();
        assert!(
            !line.starts_with("error") && !line.starts_with("pageerror"),
            "{line}"
        );
    }
    // nothing leaves the browser: every request goes to the local server
    // (or is inline data: the editor's icons)
    for url in result["verzoeken"].as_array().expect("requests") {
        let url = url.as_str().unwrap_or_default();
        assert!(
            url.starts_with("http://127.0.0.1:") || url.starts_with("data:"),
            "{url}"
        );
    }

    // on load: the diagnostics of `reglement controleer`, same codes and messages
    let check = cli::reglement(&[
        "controleer",
        "examples/kempen.reglement",
        "--formaat",
        "json",
    ]);
    let cli_diags: Value = serde_json::from_slice(&check.stdout).expect("controleer JSON");
    let page = &result["bijLaden"]["lijst"];
    assert_eq!(texts(page, "code"), texts(&cli_diags, "code"));
    assert_eq!(texts(page, "melding"), texts(&cli_diags, "message"));
    assert_eq!(texts(page, "hulp"), texts(&cli_diags, "help"));
    assert!(!texts(page, "code").is_empty());
    assert!(result["bijLaden"]["onderlijnd"].as_u64().unwrap_or(0) > 0);
    assert!(result["bijLaden"]["status"]
        .as_str()
        .unwrap_or_default()
        .starts_with("kempen.reglement: 0 fouten"));
    assert!(result["uitleg"]
        .as_str()
        .is_some_and(|t| t.contains("kempen")));

    // typing `aandeel 25%`: R0102 with its message and legal basis, shown
    let after = &result["naTypen"];
    let r0102 = after["lijst"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == "R0102")
        .expect("R0102 after typing aandeel 25%");
    assert_eq!(
        r0102["melding"],
        "Het aandeel van de versnelde toewijzing is 25%, maar de wet legt het vast op 20%."
    );
    assert_eq!(r0102["ernst"], "fout");
    assert!(after["getoond"]
        .as_array()
        .expect("shown")
        .iter()
        .any(|li| {
            let li = li.as_str().unwrap_or_default();
            li.contains("R0102") && li.contains("Grondslag: art. 6.24 §1 BVCW")
        }));
    assert!(after["status"]
        .as_str()
        .unwrap_or_default()
        .starts_with("kempen.reglement: 1 fout,"));
    assert!(result["documentMeldingMetFout"]
        .as_str()
        .unwrap_or_default()
        .contains("wordt niet gepubliceerd"));

    // the documents, as `reglement publiceer` writes them
    let docs = result["documenten"]["keuzes"]
        .as_array()
        .expect("documents")
        .len();
    assert!(docs >= 2, "{:#}", result["documenten"]);
    let published = cli::reglement(&[
        "publiceer",
        "examples/kempen.reglement",
        "--document",
        "toewijzingsreglement",
        "--formaat",
        "html",
    ]);
    assert!(
        std::fs::read(out.join("document-0.html")).expect("the page's document")
            == published.stdout,
        "the page's toewijzingsreglement differs from reglement publiceer"
    );
    assert_eq!(result["opmaakOngewijzigd"], true);

    // every example selectable; the regional file analysed through the
    // reglement that uses it; each with the summary `controleer` gives
    let others = result["andereBestanden"].as_array().expect("files");
    let examples: Vec<String> = std::fs::read_dir("examples")
        .expect("examples/")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".reglement"))
        .collect();
    for name in &examples {
        let shown = others
            .iter()
            .find(|o| o["bestand"] == name.as_str())
            .unwrap_or_else(|| panic!("{name} is not selectable"));
        let status = shown["status"].as_str().unwrap_or_default();
        let (analysed, counts) = status.split_once(": ").expect("name: counts");
        if name == "kempen-regio.reglement" {
            assert_eq!(analysed, "kempen.reglement");
        }
        let check = cli::reglement(&["controleer", &format!("examples/{analysed}")]);
        let summary = cli::stdout(&check) + &cli::stderr(&check);
        assert!(
            // "examples/X: counts." or, with the documents it links,
            // "examples/X (samen met …): counts."
            summary
                .lines()
                .any(|l| l.starts_with(&format!("examples/{analysed}"))
                    && l.ends_with(&format!(": {counts}."))),
            "{name}: the page says {status:?}, controleer:\n{summary}"
        );
    }

    // ranking 1,000 candidates: the CLI's bytes, its accounting line, its verklaar
    let ranked = &result["rangschikkingen"][0];
    assert_eq!(ranked["fout"], Value::Null, "{ranked:#}");
    let csv = std::fs::read(out.join("rangschikking-0.csv")).expect("the page's CSV");
    assert!(
        csv == native.stdout,
        "the page's CSV differs from reglement rangschik --formaat csv"
    );
    assert_eq!(
        ranked["telling"].as_str().unwrap_or_default(),
        cli::stderr(&native).trim()
    );
    assert!(ranked["telling"]
        .as_str()
        .unwrap_or_default()
        .starts_with("gelezen 1000 = gerangschikt "));
    assert_eq!(ranked["rijen"], 200);
    let dossier = result["verklaring"]["dossier"].as_str().expect("a dossier");
    let mut args = vec!["verklaar", "examples/kempen.reglement"];
    args.extend(rank_args);
    args.extend(["--dossier", dossier]);
    let explained = cli::reglement(&args);
    assert_eq!(
        result["verklaring"]["tekst"].as_str().unwrap_or_default(),
        cli::stdout(&explained)
    );

    // the screenshots (looked at when this test was written; see the report)
    for shot in [
        "1-kempen-geladen.png",
        "3-aandeel-25.png",
        "4-documenten.png",
        "5-rangschikking.png",
        "6-verklaring.png",
    ] {
        let png = std::fs::read(out.join(shot)).expect(shot);
        assert_eq!(browser::png_size(&png), (1400, 900), "{shot}");
    }
}
