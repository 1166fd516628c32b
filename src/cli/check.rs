//! `reglement controleer`: check reglementen and report every problem. The
//! documents of one woonmaatschappij are checked together: through the
//! link in a header (`gebruikt intern huurreglement "…"`), or when a
//! toewijzingsreglement and an intern huurreglement of the same
//! woonmaatschappij are given together; `--alleen` checks each on its own.

use super::output::{count, write_out};
use super::{use_color, CmdResult, ExitCode, Failure, Stream};
use crate::diagnostic::{render, Diagnostic, Severity};
use crate::syntax::ast::DocumentKind;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Formaat {
    /// Voor mensen: met de brontekst en uitleg.
    Tekst,
    /// Voor programma's en CI: code, ernst, boodschap, hulp en posities.
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// De reglementen (.reglement) om te controleren. Een regionaal bestand
    /// en de documenten die een reglement noemt ('gebruikt intern
    /// huurreglement "…"') worden mee gecontroleerd; een toewijzingsreglement
    /// en een intern huurreglement van dezelfde woonmaatschappij die samen
    /// gegeven worden, worden samen gecontroleerd.
    #[arg(value_name = "BESTAND", required = true, help_heading = "Argumenten")]
    bestanden: Vec<PathBuf>,
    /// Controleer elk bestand op zichzelf: zonder de documenten die het noemt
    /// of die samen gegeven worden (de controles van het geheel van de
    /// woonmaatschappij vallen dan weg).
    #[arg(long)]
    alleen: bool,
    /// Uitvoerformaat.
    #[arg(long, value_enum, default_value = "tekst")]
    formaat: Formaat,
    /// Een kandidatenbestand (CSV of JSON): toon per criterium van de drempel van pijler 2 hoeveel kandidaten enkel daardoor uitgesloten worden (zie R0245).
    #[arg(long, value_name = "BESTAND")]
    kandidaten: Option<PathBuf>,
    /// De peildatum voor --kandidaten (JJJJ-MM-DD); standaard de geldigheidsdatum van het reglement.
    #[arg(long, value_name = "DATUM", value_parser = super::inputs::parse_date)]
    peildatum: Option<chrono::NaiveDate>,
}

/// The threshold's effect on a candidates file, for a reglement that
/// compiles; nothing when it does not (its errors are shown already).
fn threshold_effect(
    analysis: &crate::Analysis,
    kandidaten: &std::path::Path,
    peildatum: Option<chrono::NaiveDate>,
) -> Result<String, super::Failure> {
    let Ok(plan) = crate::plan::compile(analysis) else {
        return Ok(String::new());
    };
    let Some(peildatum) = peildatum.or(analysis.model.valid_from()) else {
        return Err(super::Failure::usage(
            "geef --peildatum: het reglement vermeldt geen geldigheidsdatum".to_string(),
        ));
    };
    let batch = super::inputs::load_candidates(kandidaten, None)?;
    let effects = crate::impact::threshold_effects(&plan, &batch, peildatum)
        .map_err(|e| super::Failure::usage(e.to_string()))?;
    Ok(crate::impact::render_threshold_effects(
        &batch.bestand,
        batch.read_count(),
        &effects,
    ))
}

/// One check to run: a file, with the documents given alongside it.
struct Job {
    path: PathBuf,
    with: Vec<(PathBuf, DocumentKind)>,
}

/// The files given, grouped: each toewijzingsreglement with the intern
/// huurreglement of its woonmaatschappij given alongside (unless it names
/// its own); an intern huurreglement that no toewijzingsreglement takes is
/// checked on its own.
fn jobs(paths: &[PathBuf], alone: bool) -> Result<Vec<Job>, Failure> {
    if alone || paths.len() < 2 {
        return Ok(paths
            .iter()
            .map(|p| Job {
                path: p.clone(),
                with: Vec::new(),
            })
            .collect());
    }
    let mut outlines = Vec::new();
    for p in paths {
        let text = crate::files::read_text(p, crate::files::MAX_TEKST)
            .map_err(|e| Failure::usage(format!("{} {e}", p.display())))?;
        outlines.push(crate::outline(&text));
    }
    let tr = DocumentKind::Toewijzingsreglement;
    let ihr = DocumentKind::InternHuurreglement;
    let is_ihr_only = |o: &crate::Outline| o.documents.contains(&ihr) && !o.documents.contains(&tr);
    let mut taken = vec![false; paths.len()];
    let mut out = Vec::new();
    for (i, (p, o)) in paths.iter().zip(&outlines).enumerate() {
        if is_ihr_only(o) {
            continue;
        }
        let mut with = Vec::new();
        // files it names itself are loaded through the link
        for (j, (q, other)) in paths.iter().zip(&outlines).enumerate() {
            if i == j || !is_ihr_only(other) {
                continue;
            }
            let named = o.uses.iter().any(|(_, f)| {
                p.parent()
                    .map(|d| d.join(f))
                    .is_some_and(|f| same_file(&f, q))
            });
            if named {
                taken[j] = true;
            } else if o.uses.iter().all(|(k, _)| *k != ihr)
                && o.woonmaatschappij.is_some()
                && o.woonmaatschappij == other.woonmaatschappij
            {
                taken[j] = true;
                with.push((q.clone(), ihr));
            }
        }
        out.push(Job {
            path: p.clone(),
            with,
        });
    }
    for (j, p) in paths.iter().enumerate() {
        if is_ihr_only(&outlines[j]) && !taken[j] {
            out.push(Job {
                path: p.clone(),
                with: Vec::new(),
            });
        }
    }
    Ok(out)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

pub fn run(args: Args) -> CmdResult {
    let mut any_errors = false;
    let mut json = Vec::new();
    let mut text = String::new();
    // a document checked with two toewijzingsreglementen reports once
    let mut seen: HashSet<(String, usize, usize, &'static str, String)> = HashSet::new();
    for job in jobs(&args.bestanden, args.alleen)? {
        let mut with = Vec::new();
        for (p, kind) in &job.with {
            let t = crate::files::read_text(p, crate::files::MAX_TEKST)
                .map_err(|e| Failure::usage(format!("{} {e}", p.display())))?;
            with.push((p.to_string_lossy().into_owned(), t, *kind));
        }
        let options = crate::Options {
            alone: args.alleen,
            with,
        };
        let path = &job.path;
        let analysis = crate::analyze_file_with(path, &options)
            .map_err(|e| Failure::usage(format!("{} {e}", path.display())))?;
        any_errors |= analysis.has_errors();
        let diagnostics: Vec<Diagnostic> = analysis
            .diagnostics
            .iter()
            .filter(|d| {
                seen.insert((
                    analysis.sources.get(d.file()).name.clone(),
                    d.primary.span.start,
                    d.primary.span.end,
                    d.code,
                    d.message.clone(),
                ))
            })
            .cloned()
            .collect();
        match args.formaat {
            Formaat::Json => {
                if let serde_json::Value::Array(list) =
                    render::to_json(&diagnostics, &analysis.sources)
                {
                    json.extend(list);
                }
            }
            Formaat::Tekst => {
                let color = use_color(Stream::Stdout);
                text.push_str(&render::render_text(&diagnostics, &analysis.sources, color));
                let n = |s: Severity| {
                    analysis
                        .diagnostics
                        .iter()
                        .filter(|d| d.severity == s)
                        .count()
                };
                let together: Vec<String> = analysis
                    .model
                    .linked
                    .iter()
                    .map(|(k, f)| format!("{} ({})", analysis.sources.get(*f).name, k.label()))
                    .collect();
                let with = if together.is_empty() {
                    String::new()
                } else {
                    format!(" (samen met {})", together.join(", "))
                };
                text.push_str(&format!(
                    "{}{with}: {}, {}, {}.\n",
                    path.display(),
                    count(n(Severity::Error), "fout", "fouten"),
                    count(n(Severity::Warning), "waarschuwing", "waarschuwingen"),
                    count(n(Severity::Advice), "advies", "adviezen"),
                ));
                if let Some(k) = &args.kandidaten {
                    text.push_str(&threshold_effect(&analysis, k, args.peildatum)?);
                }
            }
        }
    }
    match args.formaat {
        Formaat::Json => {
            let out = serde_json::to_string_pretty(&json).unwrap_or_else(|_| "[]".into());
            write_out(None, &(out + "\n"))?;
        }
        Formaat::Tekst => write_out(None, &text)?,
    }
    Ok(if any_errors {
        ExitCode::Problems
    } else {
        ExitCode::Ok
    })
}
