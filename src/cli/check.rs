//! `reglement controleer`: check reglementen and report every problem. The
//! documents of one woonmaatschappij are checked together: through the
//! link in a header (`gebruikt intern huurreglement "…"`), or when a
//! toewijzingsreglement and an intern huurreglement of the same
//! woonmaatschappij are given together; `--alleen` checks each on its own.

use super::output::{count, write_out};
use super::{use_color, CmdResult, ExitCode, Failure, Stream};
use crate::diagnostic::Code;
use crate::diagnostic::{render, Diagnostic, Severity};
use crate::syntax::ast::DocumentKind;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
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
    #[arg(
        value_name = "BESTAND",
        required_unless_present = "regio",
        help_heading = "Argumenten"
    )]
    bestanden: Vec<PathBuf>,
    /// Controleer een regio als geheel: het regionale kader (een bestand, of
    /// een map met één regionaal bestand) en zijn leden. Zonder BESTAND zijn
    /// de leden elk reglement in de map van het kader en haar submappen dat
    /// dit kader gebruikt ('gebruikt regio "…"'). Naast de controles van elk
    /// lid: elke woonmaatschappij van het kader heeft een reglement (R0251),
    /// en leden die een kader met dezelfde naam en versie noemen, noemen
    /// hetzelfde kader (R0250).
    #[arg(long, value_name = "KADER")]
    regio: Option<PathBuf>,
    /// Controleer elk bestand op zichzelf: zonder de documenten die het noemt
    /// of die samen gegeven worden (de controles van het geheel van de
    /// woonmaatschappij vallen dan weg).
    #[arg(long)]
    alleen: bool,
    /// Uitvoerformaat.
    #[arg(long, value_enum, default_value = "tekst")]
    formaat: OutputFormat,
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

/// The regional file `--regio` names: the file itself, or the one file of
/// the folder with a `regio` section.
pub(super) fn frame_file(path: &Path) -> Result<PathBuf, Failure> {
    if !path.is_dir() {
        return Ok(path.to_path_buf());
    }
    let mut found = Vec::new();
    for p in reglement_files(path, false)? {
        if outline_of(&p)?.is_regio {
            found.push(p);
        }
    }
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(Failure::usage(format!(
            "{}: de map bevat geen regionaal bestand (een bestand met een sectie 'regio')",
            path.display()
        ))),
        _ => Err(Failure::usage(format!(
            "{}: de map bevat meer dan één regionaal bestand ({}): geef het kader zelf met --regio",
            path.display(),
            found
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

fn outline_of(p: &Path) -> Result<crate::Outline, Failure> {
    let text = crate::files::read_text(p, crate::files::MAX_TEKST)
        .map_err(|e| Failure::usage(format!("{} {e}", p.display())))?;
    Ok(crate::outline(&text))
}

/// The `.reglement` files of a folder (and its subfolders when `deep`),
/// sorted by path; hidden folders and `target` are skipped.
fn reglement_files(dir: &Path, deep: bool) -> Result<Vec<PathBuf>, Failure> {
    let mut out = Vec::new();
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Failure::usage(format!("{}: map niet leesbaar: {e}", dir.display())))?;
    for entry in entries.flatten() {
        let p = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if p.is_dir() {
            if deep && !name.starts_with('.') && name != "target" {
                out.extend(reglement_files(&p, true)?);
            }
        } else if p.extension().and_then(|e| e.to_str()) == Some("reglement") {
            out.push(p);
        }
    }
    out.sort();
    Ok(out)
}

/// The members of the frame: the files given, or every reglement under the
/// frame's folder that uses a regional frame of the same name (the same
/// file, or a copy; R0250 compares the contents). A file given that uses
/// no frame of that name is refused.
pub(super) fn frame_members(frame: &Path, given: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    let name = crate::analyze_file(frame)
        .ok()
        .and_then(|a| crate::region::frame_itself(&a))
        .map(|f| f.naam)
        .ok_or_else(|| {
            Failure::usage(format!(
                "{}: geen regionaal bestand (een bestand met een sectie 'regio')",
                frame.display()
            ))
        })?;
    let uses_frame = |p: &Path| -> Result<bool, Failure> {
        if outline_of(p)?.regio.is_none() {
            return Ok(false);
        }
        let a = crate::analyze_file_with(
            p,
            &crate::Options {
                alone: true,
                with: Vec::new(),
            },
        )
        .map_err(|e| Failure::usage(format!("{} {e}", p.display())))?;
        Ok(crate::region::frame(&a).is_some_and(|f| f.naam == name))
    };
    if !given.is_empty() {
        for p in given {
            if !uses_frame(p)? {
                return Err(Failure::usage(format!(
                    "{} gebruikt het regionale kader {name} ({}) niet ('gebruikt regio \"…\"' in de sectie 'reglement')",
                    p.display(),
                    frame.display()
                )));
            }
        }
        return Ok(given.to_vec());
    }
    let dir = frame
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut out = Vec::new();
    for p in reglement_files(dir, true)? {
        if !same_file(&p, frame) && uses_frame(&p)? {
            out.push(p);
        }
    }
    Ok(out)
}

pub fn run(args: Args) -> CmdResult {
    let mut any_errors = false;
    let mut json = Vec::new();
    let mut text = String::new();
    // a document checked with two toewijzingsreglementen reports once
    let mut seen: HashSet<(String, usize, usize, Code, String)> = HashSet::new();
    let frame = args.regio.as_deref().map(frame_file).transpose()?;
    let files = match &frame {
        Some(f) => frame_members(f, &args.bestanden)?,
        None => args.bestanden.clone(),
    };
    let mut checked: Vec<(PathBuf, crate::Analysis)> = Vec::new();
    for job in jobs(&files, args.alleen)? {
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
        checked.push((job.path.clone(), analysis));
    }
    // what only the members together show
    let members: Vec<&crate::Analysis> = checked.iter().map(|(_, a)| a).collect();
    let frame_analysis = frame
        .as_deref()
        .map(crate::analyze_file)
        .transpose()
        .map_err(|e| Failure::usage(e.to_string()))?;
    let frame_identity = frame_analysis
        .as_ref()
        .and_then(crate::region::frame_itself);
    let mut extra = crate::region::compare_frames(&members, frame_identity.as_ref());
    let mut region = None;
    if let (Some(f), Some(fa)) = (&frame, frame_analysis) {
        let (listed, diagnostics) = crate::region::members(&fa, &members);
        let mut fa = fa;
        fa.diagnostics.extend(diagnostics);
        crate::diagnostic::sort(&mut fa.diagnostics);
        region = Some((listed, crate::region::frame_itself(&fa)));
        checked.insert(0, (f.clone(), fa));
        extra.insert(0, Vec::new());
    }
    let mut per_member = Vec::new();
    for ((path, mut analysis), extra) in checked.into_iter().zip(extra) {
        let path = &path;
        analysis.diagnostics.extend(extra);
        crate::diagnostic::sort(&mut analysis.diagnostics);
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
            OutputFormat::Json => {
                if let serde_json::Value::Array(list) =
                    render::to_json(&diagnostics, &analysis.sources)
                {
                    json.extend(list);
                }
            }
            OutputFormat::Tekst => {
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
                let counts = format!(
                    "{}, {}, {}",
                    count(n(Severity::Error), "fout", "fouten"),
                    count(n(Severity::Warning), "waarschuwing", "waarschuwingen"),
                    count(n(Severity::Advice), "advies", "adviezen"),
                );
                text.push_str(&format!("{}{with}: {counts}.\n", path.display()));
                per_member.push(format!("{}: {counts}", path.display()));
                if let Some(k) = &args.kandidaten {
                    text.push_str(&threshold_effect(&analysis, k, args.peildatum)?);
                }
            }
        }
    }
    if let (Some((listed, Some(f))), OutputFormat::Tekst) = (&region, args.formaat) {
        text.push_str(&region_summary(listed, f, &per_member));
    }
    match args.formaat {
        OutputFormat::Json => {
            let out = serde_json::to_string_pretty(&json).unwrap_or_else(|_| "[]".into());
            write_out(None, &(out + "\n"))?;
        }
        OutputFormat::Tekst => write_out(None, &text)?,
    }
    Ok(if any_errors {
        ExitCode::Problems
    } else {
        ExitCode::Ok
    })
}

/// The report of `--regio`, per woonmaatschappij of the frame's list.
/// `per_member` holds the frame's line first, then one per member, in the
/// order the members were checked.
fn region_summary(
    listed: &[crate::region::Member],
    frame: &crate::region::Frame,
    per_member: &[String],
) -> String {
    let mut out = format!(
        "\nRegio {} ({}, inhoudshash {}):\n",
        frame.describe(),
        frame.bestand,
        frame.bron_hash
    );
    for m in listed {
        if m.reglementen.is_empty() {
            out.push_str(&format!("  {}: geen reglement (R0251)\n", m.naam));
        }
        for &i in &m.reglementen {
            let line = per_member.get(i + 1).map_or("", String::as_str);
            out.push_str(&format!("  {}: {line}\n", m.naam));
        }
    }
    out
}
