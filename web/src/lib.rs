//! The `reglement` library for the browser: what the page calls, through
//! wasm-bindgen. Every function takes texts (and a candidates file's bytes)
//! and returns JSON; nothing here reads a file or the clock. The regional
//! file comes from the page through a [`Loader`] over the page's texts.
//!
//! Positions for the editor are UTF-16 offsets (what JavaScript strings and
//! CodeMirror count); lines and columns are the library's (1-based, in
//! characters), as `reglement controleer` prints them.

use reglement::diagnostic::{Diagnostic, Label};
use reglement::engine::{self, read::Format, Batch, Pillar, Request, Target};
use reglement::model::SymbolKind;
use reglement::plan::Plan;
use reglement::publish;
use reglement::source::{FileId, Sources};
use reglement::{analyze, Analysis, Loader};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;

/// The other files the reglement may use, by their name in the page
/// (`{"kempen-regio.reglement": "…", "kempen-leden/woonboog.reglement": "…"}`:
/// paths relative to examples/, `/`-separated). Bad JSON is no files.
struct PageLoader {
    files: BTreeMap<String, String>,
}

impl Loader for PageLoader {
    /// A name in `gebruikt regio "…"` is relative to the folder of the file
    /// that names it, as on disk: `../kempen-regio.reglement` from
    /// `kempen-leden/woonboog.reglement` is `kempen-regio.reglement`.
    fn load(&self, from: &str, relative: &str) -> Result<(String, String), String> {
        let name =
            resolve(from, relative).ok_or_else(|| format!("{relative} is niet beschikbaar"))?;
        self.files
            .get(&name)
            .map(|t| (name.clone(), t.clone()))
            .ok_or_else(|| format!("{relative} is niet beschikbaar"))
    }
}

/// `relative` against the folder of `from`, with `.` and `..` removed;
/// `None` for a name that climbs above the examples' root or is absolute.
fn resolve(from: &str, relative: &str) -> Option<String> {
    if relative.starts_with('/') {
        return None;
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop(); // the file itself
    for part in relative.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

fn loader(bestanden: &str) -> PageLoader {
    PageLoader {
        files: serde_json::from_str::<BTreeMap<String, String>>(bestanden).unwrap_or_default(),
    }
}

fn analysis(naam: &str, tekst: &str, bestanden: &str) -> Analysis {
    analyze(naam, tekst, &loader(bestanden))
}

fn file_id(sources: &Sources, naam: &str) -> Option<FileId> {
    sources.files.iter().position(|f| f.name == naam)
}

/// UTF-16 offset of a byte offset in `text` (clamped to a char boundary).
fn utf16(text: &str, byte: usize) -> usize {
    let mut b = byte.min(text.len());
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    text[..b].encode_utf16().count()
}

/// Byte offset of a UTF-16 offset in `text`.
fn byte_of_utf16(text: &str, offset: usize) -> usize {
    let mut units = 0;
    for (i, c) in text.char_indices() {
        if units >= offset {
            return i;
        }
        units += c.len_utf16();
    }
    text.len()
}

fn place(sources: &Sources, label: &Label) -> Value {
    let file = sources.get(label.file);
    let start = file.line_col(label.span.start);
    let end = file.line_col(label.span.end);
    json!({
        "bestand": file.name,
        "regel": start.line,
        "kolom": start.column,
        "eindregel": end.line,
        "eindkolom": end.column,
        "van": utf16(&file.text, label.span.start),
        "tot": utf16(&file.text, label.span.end),
        "label": label.message,
    })
}

fn diagnostic_json(d: &Diagnostic, sources: &Sources) -> Value {
    let info = d.info();
    json!({
        "code": d.code,
        "ernst": d.severity.label(),
        "titel": info.title,
        "melding": d.message,
        "hulp": d.help,
        "grondslag": info.basis_text(),
        "volledige_hulp": d.full_help(),
        "plaats": place(sources, &d.primary),
        "verwant": d.related.iter().map(|r| place(sources, r)).collect::<Vec<_>>(),
    })
}

fn names(a: &Analysis, kind: SymbolKind) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    for s in a.model.symbols.iter().filter(|s| s.kind == kind) {
        if !v.contains(&s.name) {
            v.push(s.name.clone());
        }
    }
    v
}

/// Analyse `tekst` (the reglement named `naam`) and return its diagnostics
/// in the library's order, with a count per severity, and the gemeenten
/// and specific target groups (for the ranking form).
///
/// `{"diagnostieken": [{code, ernst, titel, melding, hulp, grondslag,
/// volledige_hulp, plaats: {bestand, regel, kolom, eindregel, eindkolom,
/// van, tot, label}, verwant: [...]}], "fouten": n, "waarschuwingen": n,
/// "adviezen": n, "gemeenten": [...], "doelgroepen": [...]}`
#[wasm_bindgen]
pub fn controleer(naam: &str, tekst: &str, bestanden: &str) -> String {
    let a = analysis(naam, tekst, bestanden);
    let count = |label: &str| {
        a.diagnostics
            .iter()
            .filter(|d| d.severity.label() == label)
            .count()
    };
    json!({
        "diagnostieken": a.diagnostics.iter().map(|d| diagnostic_json(d, &a.sources)).collect::<Vec<_>>(),
        "fouten": count("fout"),
        "waarschuwingen": count("waarschuwing"),
        "adviezen": count("advies"),
        "gemeenten": names(&a, SymbolKind::Gemeente),
        "doelgroepen": names(&a, SymbolKind::Pillar3Doelgroep),
    })
    .to_string()
}

/// The hover at UTF-16 offset `positie` of the file `in_bestand` (the
/// reglement itself or its regional file): `{"van", "tot", "tekst"}`
/// (Markdown) or `null`.
#[wasm_bindgen]
pub fn uitleg(
    naam: &str,
    tekst: &str,
    bestanden: &str,
    in_bestand: &str,
    positie: usize,
) -> String {
    let a = analysis(naam, tekst, bestanden);
    let Some(file) = file_id(&a.sources, in_bestand) else {
        return "null".into();
    };
    let text = &a.sources.get(file).text;
    let offset = byte_of_utf16(text, positie);
    match reglement::ide::hover::hover(&a, file, offset) {
        Some(h) => json!({
            "van": utf16(text, h.span.start),
            "tot": utf16(text, h.span.end),
            "tekst": h.text,
        })
        .to_string(),
        None => "null".into(),
    }
}

/// The canonical layout (`reglement opmaak`): `{"tekst", "gewijzigd"}`.
#[wasm_bindgen]
pub fn opmaak(tekst: &str) -> String {
    let out = reglement::format::format_text(tekst);
    json!({ "gewijzigd": out != tekst, "tekst": out }).to_string()
}

/// The published documents, HTML as `reglement publiceer` writes them:
/// `{"documenten": [{"soort", "bestand", "html"}], "fouten": n,
/// "melding"}`. A reglement with errors is not published (as the CLI).
#[wasm_bindgen]
pub fn publiceer(naam: &str, tekst: &str, bestanden: &str) -> String {
    let a = analysis(naam, tekst, bestanden);
    let fouten = a.errors().len();
    if fouten > 0 {
        return json!({
            "documenten": [],
            "fouten": fouten,
            "melding": format!(
                "{naam} heeft {} en wordt niet gepubliceerd: een gemeenteraad stemt niet over een reglement met fouten.",
                count(fouten, "fout", "fouten")
            ),
        })
        .to_string();
    }
    let base = naam.rsplit('/').next().unwrap_or(naam);
    let stem = base.strip_suffix(".reglement").unwrap_or(base);
    let docs: Vec<Value> = publish::documents(&a)
        .iter()
        .map(|d| {
            json!({
                "soort": d.kind.label(),
                "bestand": format!("{stem}-{}.html", publish::slug(d.kind)),
                "html": publish::render(d, publish::Format::Html),
            })
        })
        .collect();
    json!({ "documenten": docs, "fouten": 0, "melding": Value::Null }).to_string()
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// What to rank, from the page's form.
#[derive(Debug, Deserialize)]
struct Verzoek {
    /// `JJJJ-MM-DD`.
    peildatum: String,
    pijler: Pillar,
    gemeente: String,
    #[serde(default)]
    doelgroep: Option<String>,
}

#[derive(Serialize)]
struct Resultaat<'a> {
    samenvatting: engine::RankingSummary,
    /// `gelezen N = gerangschikt … + uitgesloten … + geweigerd …`.
    regel: String,
    criteria: Vec<String>,
    /// The first rows of the ranking (ranked, excluded, rejected), for the table.
    rijen: Vec<engine::Row>,
    /// Notes about the file (ignored columns).
    waarschuwingen: &'a [String],
}

/// A candidates file ranked under a reglement, kept for `verklaar`. The
/// page reads [`Rangschikking::resultaat`] (JSON), the CSV bytes and
/// explanations; the file is read once.
#[wasm_bindgen]
pub struct Rangschikking {
    plan: Option<Plan>,
    request: Option<Request>,
    batch: Option<Batch>,
    resultaat: String,
    csv: Vec<u8>,
}

fn failure(message: impl Into<String>) -> Rangschikking {
    Rangschikking {
        plan: None,
        request: None,
        batch: None,
        resultaat: json!({ "fout": message.into() }).to_string(),
        csv: Vec::new(),
    }
}

#[wasm_bindgen]
impl Rangschikking {
    /// Rank `data` (the bytes of the file `bestand`; `.json` is JSON, else
    /// CSV) under the reglement, for `verzoek` (`{"peildatum",
    /// "pijler": "standaard"|"versneld"|"doelgroepen", "gemeente",
    /// "doelgroep"}`), showing the first `rijen` rows in the result.
    #[wasm_bindgen(constructor)]
    pub fn new(
        naam: &str,
        tekst: &str,
        bestanden: &str,
        data: &[u8],
        bestand: &str,
        verzoek: &str,
        rijen: usize,
    ) -> Rangschikking {
        let a = analysis(naam, tekst, bestanden);
        let Ok(plan) = reglement::plan::compile(&a) else {
            return failure(format!(
                "{naam} heeft {} en wordt niet gecompileerd.",
                count(a.errors().len(), "fout", "fouten")
            ));
        };
        let v: Verzoek = match serde_json::from_str(verzoek) {
            Ok(v) => v,
            Err(e) => return failure(format!("onvolledige vraag: {e}")),
        };
        let Ok(peildatum) = chrono::NaiveDate::parse_from_str(v.peildatum.trim(), "%Y-%m-%d")
        else {
            return failure(format!(
                "de peildatum '{}' is geen datum JJJJ-MM-DD",
                v.peildatum
            ));
        };
        let request = Request {
            peildatum,
            target: Target::Lijst {
                pijler: v.pijler,
                gemeente: v.gemeente,
                doelgroep: v.doelgroep.filter(|d| !d.trim().is_empty()),
            },
            verklaringen: false,
        };
        let format = Format::from_path(std::path::Path::new(bestand));
        let batch = match engine::read::read(data, format, bestand) {
            Ok(b) => b,
            Err(e) => return failure(e.render(bestand)),
        };
        let prepared = match engine::Prepared::new(&plan, &request) {
            Ok(p) => p,
            Err(e) => return failure(e.to_string()),
        };
        let ranked = engine::rank_batch(&prepared, &batch);
        let summary = ranked.samenvatting();
        let mut csv = Vec::new();
        if let Err(e) = engine::output::write_csv(&ranked, &mut csv) {
            return failure(format!("de rangschikking kan niet geschreven worden: {e}"));
        }
        let resultaat = serde_json::to_string(&Resultaat {
            samenvatting: summary,
            regel: summary.line(),
            criteria: ranked.criteria(),
            rijen: ranked.rows(false).take(rijen).collect(),
            waarschuwingen: &batch.warnings,
        })
        .unwrap_or_default();
        drop(ranked);
        drop(prepared);
        Rangschikking {
            plan: Some(plan),
            request: Some(request),
            batch: Some(batch),
            resultaat,
            csv,
        }
    }

    /// `{"fout"}` or `{"samenvatting", "regel", "criteria", "rijen", "waarschuwingen"}`.
    pub fn resultaat(&self) -> String {
        self.resultaat.clone()
    }

    /// The ranking as `reglement rangschik --formaat csv` writes it.
    pub fn csv(&self) -> Vec<u8> {
        self.csv.clone()
    }

    /// `reglement verklaar` for one dossier: `{"tekst", "verklaring"}` or
    /// `{"fout"}`.
    pub fn verklaar(&self, dossier: &str) -> String {
        let (Some(plan), Some(request), Some(batch)) = (&self.plan, &self.request, &self.batch)
        else {
            return self.resultaat.clone();
        };
        let Ok(prepared) = engine::Prepared::new(plan, request) else {
            return json!({ "fout": "de vraag past niet bij het plan" }).to_string();
        };
        let ranked = engine::rank_batch(&prepared, batch);
        match ranked.trace(dossier) {
            Some(t) => json!({ "tekst": t.render(), "verklaring": t }).to_string(),
            None => json!({
                "fout": format!("dossier '{}' staat niet in {}", dossier.trim(), batch.bestand)
            })
            .to_string(),
        }
    }
}

/// The library's version, for the page's footer.
#[wasm_bindgen]
pub fn versie() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn names_resolve_against_the_referring_files_folder() {
        let r = |from, rel| resolve(from, rel);
        assert_eq!(
            r("kempen.reglement", "kempen-regio.reglement").as_deref(),
            Some("kempen-regio.reglement")
        );
        assert_eq!(
            r(
                "kempen-leden/woonboog.reglement",
                "../kempen-regio.reglement"
            )
            .as_deref(),
            Some("kempen-regio.reglement")
        );
        assert_eq!(
            r("kempen-leden/woonboog.reglement", "./buur.reglement").as_deref(),
            Some("kempen-leden/buur.reglement")
        );
        assert_eq!(
            r("a/b/c.reglement", "../../d/e.reglement").as_deref(),
            Some("d/e.reglement")
        );
        // above the root, or absolute: not in the page
        assert_eq!(r("kempen.reglement", "../kempen-regio.reglement"), None);
        assert_eq!(r("kempen.reglement", "/etc/passwd"), None);
    }
}
