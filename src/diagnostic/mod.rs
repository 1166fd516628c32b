//! One diagnostic model, many views: the terminal (miette), JSON for tools and
//! CI, and the language server all render the same [`Diagnostic`] value.

pub mod codes;
pub mod explanation;
pub mod render;

use crate::source::FileId;
use crate::span::Span;
use serde::Serialize;

pub use codes::{Code, CodeInfo, Confidence};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The reglement breaks a rule: it cannot be adopted or compiled as it is.
    Error,
    /// Allowed, but someone must act (e.g. ministerial review).
    Warning,
    /// A computed fact or a hint.
    Advice,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "fout",
            Severity::Warning => "waarschuwing",
            Severity::Advice => "advies",
        }
    }
}

/// A place in a source file with a short explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub file: FileId,
    pub span: Span,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub help: String,
    /// The main place; its file is the file the diagnostic belongs to.
    pub primary: Label,
    /// Other places: the first definition of a duplicate, the other row of an overlap.
    pub related: Vec<Label>,
}

impl Diagnostic {
    /// A diagnostic with the severity and help of its catalogue entry. A
    /// help that names legal numbers (`{pijler2}`) gets them from the
    /// parameter set of the reglement in [`fill_help`], at the end of the
    /// checks.
    pub fn new(code: Code, file: FileId, span: Span, message: impl Into<String>) -> Self {
        let info = code.info();
        Diagnostic {
            code,
            severity: info.severity,
            message: message.into(),
            help: info.help.to_string(),
            primary: Label {
                file,
                span,
                message: String::new(),
            },
            related: Vec::new(),
        }
    }

    pub fn label(mut self, text: impl Into<String>) -> Self {
        self.primary.message = text.into();
        self
    }

    pub fn help(mut self, text: impl Into<String>) -> Self {
        self.help = text.into();
        self
    }

    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn related(mut self, file: FileId, span: Span, text: impl Into<String>) -> Self {
        self.related.push(Label {
            file,
            span,
            message: text.into(),
        });
        self
    }

    pub fn info(&self) -> &'static CodeInfo {
        self.code.info()
    }

    pub fn file(&self) -> FileId {
        self.primary.file
    }

    /// The help line as shown to the drafter: the fix, then the legal basis.
    pub fn full_help(&self) -> String {
        match self.info().basis_text() {
            Some(basis) => format!("{}\nGrondslag: {}", self.help, basis),
            None => self.help.clone(),
        }
    }
}

/// Put the numbers of a legal parameter set into the catalogue help lines
/// that name them (see [`CodeInfo::help_with`]); a help a check wrote itself
/// is left alone.
pub fn fill_help(diags: &mut [Diagnostic], values: &[(&str, String)]) {
    for d in diags {
        if d.help == d.info().help && d.help.contains('{') {
            d.help = d.info().help_with(values);
        }
    }
}

/// Sort diagnostics in a stable order: file, position, code.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (
            a.primary.file,
            a.primary.span.start,
            a.primary.span.end,
            a.code,
            &a.message,
        )
            .cmp(&(
                b.primary.file,
                b.primary.span.start,
                b.primary.span.end,
                b.code,
                &b.message,
            ))
    });
    // identical diagnostics (same code, place and text) are reported once
}

pub fn has_errors(diags: &[Diagnostic]) -> bool {
    errors(diags).next().is_some()
}

/// The errors among diagnostics (not the warnings or advice).
pub fn errors(diags: &[Diagnostic]) -> impl Iterator<Item = &Diagnostic> {
    diags.iter().filter(|d| d.severity == Severity::Error)
}
