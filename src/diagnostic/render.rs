//! Views of diagnostics: the terminal (through miette) and JSON.

use super::Code;
use super::{Diagnostic, Severity};
use crate::source::Sources;
use crate::span::LineCol;
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};
use serde::Serialize;
use std::fmt;

/// A diagnostic bound to its source text, in the shape miette wants. The
/// help line is not miette's: it heads it in English ("help:"), so
/// [`render_text`] writes it under miette's report itself ([`help_footer`]).
struct MietteView {
    code: String,
    severity: miette::Severity,
    message: String,
    source: NamedSource<String>,
    labels: Vec<LabeledSpan>,
}

impl fmt::Debug for MietteView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for MietteView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for MietteView {}

impl miette::Diagnostic for MietteView {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.code))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}

/// The view miette renders, and the help text (with the places in other
/// files) that [`help_footer`] writes under it.
fn to_miette(d: &Diagnostic, sources: &Sources) -> (MietteView, String) {
    let file = sources.get(d.file());
    let mut help = d.full_help();
    let mut labels = vec![LabeledSpan::new_primary_with_span(
        (!d.primary.message.is_empty()).then(|| d.primary.message.clone()),
        SourceSpan::new(d.primary.span.start.into(), d.primary.span.len()),
    )];
    for r in &d.related {
        if r.file == d.file() {
            labels.push(LabeledSpan::new_with_span(
                Some(r.message.clone()),
                SourceSpan::new(r.span.start.into(), r.span.len()),
            ));
        } else {
            let other = sources.get(r.file);
            let at = other.line_col(r.span.start);
            help.push_str(&format!(
                "\nZie ook {}:{}:{}: {}",
                other.name, at.line, at.column, r.message
            ));
        }
    }
    let view = MietteView {
        code: format!("{} {}: {}", d.code, d.severity.label(), d.info().title),
        severity: match d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Advice => miette::Severity::Advice,
        },
        message: d.message.clone(),
        source: NamedSource::new(file.name.clone(), file.text.clone()),
        labels,
    };
    (view, help)
}

/// The report's width; the help is wrapped two columns narrower, as miette
/// wraps its own lines.
const WIDTH: usize = 100;

/// The help line under a report: "  hulp: " and the text wrapped at the
/// report's width, continued under the text.
fn help_footer(help: &str, color: bool) -> String {
    let heading = if color {
        // the colour miette's unicode theme gives its own help heading (cyan)
        "\u{1b}[36m  hulp: \u{1b}[39m"
    } else {
        "  hulp: "
    };
    let options = textwrap::Options::new(WIDTH - 2)
        .initial_indent(heading)
        .subsequent_indent("        ")
        .break_words(true);
    let mut out = textwrap::fill(help, options);
    out.push('\n');
    out
}

/// Render diagnostics for a person, with the source snippet and labels.
/// Colour only when `color` is set (the CLI sets it on a terminal).
pub fn render_text(diags: &[Diagnostic], sources: &Sources, color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(WIDTH)
        .with_links(false);
    let mut out = String::new();
    for d in diags {
        let (view, help) = to_miette(d, sources);
        let mut one = String::new();
        if handler.render_report(&mut one, &view).is_err() {
            one = format!("{}: {}\n", d.code, d.message);
        }
        out.push_str(&one);
        out.push_str(&help_footer(&help, color));
        out.push('\n');
    }
    out
}

#[derive(Serialize)]
struct JsonPosition {
    byte: usize,
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct JsonSpan {
    file: String,
    start: JsonPosition,
    end: JsonPosition,
    label: String,
}

#[derive(Serialize)]
struct JsonBasis {
    check: Option<&'static str>,
    article: Option<&'static str>,
    confidence: Option<super::Confidence>,
}

#[derive(Serialize)]
struct JsonDiagnostic {
    code: Code,
    severity: Severity,
    title: &'static str,
    message: String,
    help: String,
    basis: JsonBasis,
    span: JsonSpan,
    related: Vec<JsonSpan>,
}

fn json_span(sources: &Sources, label: &super::Label) -> JsonSpan {
    let file = sources.get(label.file);
    let pos = |byte: usize| {
        let LineCol { line, column } = file.line_col(byte);
        JsonPosition { byte, line, column }
    };
    JsonSpan {
        file: file.name.clone(),
        start: pos(label.span.start),
        end: pos(label.span.end),
        label: label.message.clone(),
    }
}

/// The diagnostics as a JSON value, for tools and CI.
pub fn to_json(diags: &[Diagnostic], sources: &Sources) -> serde_json::Value {
    let list: Vec<JsonDiagnostic> = diags
        .iter()
        .map(|d| {
            let info = d.info();
            JsonDiagnostic {
                code: d.code,
                severity: d.severity,
                title: info.title,
                message: d.message.clone(),
                help: d.help.clone(),
                basis: JsonBasis {
                    check: info.check,
                    article: info.article,
                    confidence: info.confidence,
                },
                span: json_span(sources, &d.primary),
                related: d.related.iter().map(|r| json_span(sources, r)).collect(),
            }
        })
        .collect();
    serde_json::to_value(list).unwrap_or(serde_json::Value::Null)
}
