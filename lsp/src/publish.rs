//! Diagnostics, each published to the file it is about.
//!
//! The analysis of a reglement also reports on its regional file; those
//! diagnostics go to the regional file's URI, so they show in the Problems
//! panel (under that file) as they do in `reglement controleer`. A file can
//! hear from several documents (the regional file from every reglement
//! that uses it, and from itself when it is open): what is published for
//! it is the union of what each document says about it, identical ones
//! once. Publishing is serialised, so two documents never overwrite each
//! other's contribution with an older one.

use crate::position::range;
use reglement::diagnostic::{Diagnostic as LibDiagnostic, Severity};
use reglement::Analysis;
use std::collections::{BTreeMap, BTreeSet};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::Client;

/// What each open document last said about each file: origin URI → target
/// URI → diagnostics.
#[derive(Default)]
pub struct Published {
    by_origin: BTreeMap<String, BTreeMap<String, Vec<Diagnostic>>>,
}

impl Published {
    /// Replace (or, with `None`, remove) what `origin` says; the files whose
    /// diagnostics may have changed.
    fn set(
        &mut self,
        origin: &str,
        per_file: Option<BTreeMap<String, Vec<Diagnostic>>>,
    ) -> BTreeSet<String> {
        let mut touched: BTreeSet<String> = self
            .by_origin
            .get(origin)
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        match per_file {
            Some(files) => {
                touched.extend(files.keys().cloned());
                self.by_origin.insert(origin.to_string(), files);
            }
            None => {
                self.by_origin.remove(origin);
                // a closed document is cleared even when nobody else speaks of it
                touched.insert(origin.to_string());
            }
        }
        touched
    }

    /// Everything said about `target`, identical diagnostics once.
    fn union(&self, target: &str) -> Vec<Diagnostic> {
        let mut out: Vec<Diagnostic> = Vec::new();
        for files in self.by_origin.values() {
            for d in files.get(target).into_iter().flatten() {
                if !out.contains(d) {
                    out.push(d.clone());
                }
            }
        }
        out
    }
}

/// Record what `origin` says (if `current()` still holds once it is this
/// document's turn) and publish every file whose diagnostics it touches.
/// `version_of` gives the version of an open document (`None` for a file
/// that is not open).
pub async fn send(
    client: &Client,
    published: &tokio::sync::Mutex<Published>,
    origin: &str,
    per_file: Option<BTreeMap<String, Vec<Diagnostic>>>,
    current: impl Fn() -> bool,
    version_of: impl Fn(&str) -> Option<i32>,
) {
    let mut p = published.lock().await;
    if !current() {
        return;
    }
    for target in p.set(origin, per_file) {
        let Ok(uri) = target.parse::<Uri>() else {
            continue;
        };
        let version = version_of(&target);
        client
            .publish_diagnostics(uri, p.union(&target), version)
            .await;
    }
}

/// A library diagnostic as the protocol has it; `uri_of` gives the URI of
/// a file of the analysis (for related places).
pub fn to_lsp_diagnostic(
    analysis: &Analysis,
    d: &LibDiagnostic,
    uri_of: &dyn Fn(&str) -> Option<Uri>,
) -> Diagnostic {
    let text = &analysis.sources.get(d.file()).text;
    let related: Vec<DiagnosticRelatedInformation> = d
        .related
        .iter()
        .filter_map(|r| {
            let file = analysis.sources.get(r.file);
            Some(DiagnosticRelatedInformation {
                location: Location::new(
                    uri_of(&file.name)?,
                    range(&file.text, r.span.start, r.span.end),
                ),
                message: r.message.clone(),
            })
        })
        .collect();
    let severity = match d.severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Advice => DiagnosticSeverity::INFORMATION,
    };
    Diagnostic {
        range: range(text, d.primary.span.start, d.primary.span.end),
        severity: Some(severity),
        code: Some(NumberOrString::String(d.code.to_string())),
        source: Some("reglement".to_string()),
        message: format!("{}\nhulp: {}", d.message, d.full_help()),
        related_information: (!related.is_empty()).then_some(related),
        ..Diagnostic::default()
    }
}
