//! The layer rules of ARCHITECTURE.md, checked: every `crate::module` path
//! in `src/` must be an edge that the table "Layer rules" allows.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The table of ARCHITECTURE.md: module → the modules it may use.
fn allowed() -> BTreeMap<String, BTreeSet<String>> {
    let text = std::fs::read_to_string("ARCHITECTURE.md").expect("ARCHITECTURE.md");
    let start = text
        .find("## Layer rules")
        .expect("ARCHITECTURE.md has a section 'Layer rules'");
    let mut table = BTreeMap::new();
    for line in text[start..].lines().skip(1) {
        if line.starts_with("## ") {
            break;
        }
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() < 4 || !cells[1].starts_with('`') {
            continue;
        }
        let module = cells[1].trim_matches('`').to_string();
        let uses = cells[2]
            .split(',')
            .map(|c| c.trim().trim_matches('`').to_string())
            .filter(|c| !c.is_empty())
            .collect();
        table.insert(module, uses);
    }
    assert!(
        table.len() > 15,
        "the table was read ({} rows)",
        table.len()
    );
    table
}

/// The modules of `src/`: its folders and its files, but lib.rs and main.rs.
fn modules() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for e in std::fs::read_dir("src").expect("src").flatten() {
        let p = e.path();
        let name = p
            .file_stem()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        if p.is_dir()
            || (p.extension().is_some_and(|x| x == "rs") && name != "lib" && name != "main")
        {
            out.insert(name);
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).expect("readable folder").flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Every `crate::name` in a text (comments included: a doc link is a
/// dependency a reader follows too).
fn crate_paths(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i + "crate::".len()..];
        let name: String = after
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            out.insert(name);
        }
        rest = after;
    }
    out
}

#[test]
fn every_module_uses_only_what_the_layer_table_allows() {
    let allowed = allowed();
    let modules = modules();
    for m in &modules {
        assert!(
            allowed.contains_key(m),
            "src/{m} has no row in ARCHITECTURE.md's 'Layer rules': add it, with what it may use"
        );
    }
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    files.sort();
    let mut broken = Vec::new();
    for f in &files {
        let rel = f.strip_prefix("src").expect("under src");
        let Some(top) = rel
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .map(|s| s.trim_end_matches(".rs").to_string())
        else {
            continue;
        };
        let Some(may) = allowed.get(&top) else {
            continue; // lib.rs, main.rs
        };
        let text = std::fs::read_to_string(f).expect("readable source");
        for used in crate_paths(&text) {
            if used != top && modules.contains(&used) && !may.contains(&used) {
                broken.push(format!("{} uses crate::{used}", f.display()));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "edges the layer table of ARCHITECTURE.md does not allow:\n{}",
        broken.join("\n")
    );
}

#[test]
fn the_table_allows_no_edge_nobody_uses() {
    // a row that allows more than the code uses hides a future leak
    let allowed = allowed();
    let modules = modules();
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let mut used: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in &files {
        let rel = f.strip_prefix("src").expect("under src");
        let top = rel
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .map(|s| s.trim_end_matches(".rs").to_string())
            .unwrap_or_default();
        let text = std::fs::read_to_string(f).expect("readable source");
        for u in crate_paths(&text) {
            if u != top && modules.contains(&u) {
                used.entry(top.clone()).or_default().insert(u);
            }
        }
    }
    let mut unused = Vec::new();
    for (m, may) in &allowed {
        for u in may {
            if !used.get(m).is_some_and(|s| s.contains(u)) {
                unused.push(format!("{m} → {u}"));
            }
        }
    }
    assert!(
        unused.is_empty(),
        "edges in ARCHITECTURE.md's layer table that no code uses (remove them):\n{}",
        unused.join("\n")
    );
}

#[test]
fn the_engine_and_the_simulation_never_read_the_syntax_tree() {
    // ARCHITECTURE.md, "Invariants the table keeps": a ranking depends on
    // the plan only, so no row of the layers that rank may allow `syntax`
    let allowed = allowed();
    for m in ["engine", "simulate", "monitor", "impact"] {
        let may = allowed
            .get(m)
            .unwrap_or_else(|| panic!("the layer table has a row for {m}"));
        assert!(
            !may.contains("syntax"),
            "ARCHITECTURE.md lets {m} use syntax: it must read the plan and the vocabulary only"
        );
    }
}
