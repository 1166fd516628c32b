//! The files the commands work on, read in one way everywhere: a plan (a
//! reglement compiled on the spot, or a plan JSON) and a candidates file.

use super::output::{analyze_path, count, print_errors};
use super::{ExitCode, Failure};
use crate::engine::read::{self, Format};
use crate::engine::Batch;
use crate::plan::Plan;
use crate::Analysis;
use std::path::Path;

/// A file's name as diagnostics show it.
pub(crate) fn file_label(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// The plan of an analysed reglement; when it has errors, they are printed
/// and the command stops (exit code 1).
pub(crate) fn compile(analysis: &Analysis, path: &Path) -> Result<Plan, Failure> {
    crate::plan::compile(analysis).map_err(|_| {
        let errors = print_errors(analysis);
        Failure {
            message: format!(
                "{} heeft {} en wordt niet gecompileerd.",
                path.display(),
                count(errors, "fout", "fouten")
            ),
            code: ExitCode::Problems,
        }
    })
}

/// A plan from a `.reglement` (analysed and compiled) or a plan JSON of
/// this version's schema.
pub(crate) fn load_plan(path: &Path) -> Result<Plan, Failure> {
    let is_json = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if !is_json {
        return compile(&analyze_path(path)?, path);
    }
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::usage(format!("{} kan niet gelezen worden: {e}", path.display())))?;
    let plan: Plan = serde_json::from_str(&text).map_err(|e| {
        Failure::usage(format!(
            "{}, regel {}, kolom {}: geen rangschikkingsplan ({}): {e}",
            path.display(),
            e.line(),
            e.column(),
            crate::plan::SCHEMA
        ))
    })?;
    if plan.schema != crate::plan::SCHEMA {
        return Err(Failure::usage(format!(
            "{} is een plan met schema '{}'; deze versie leest '{}'. Compileer het reglement opnieuw.",
            path.display(),
            plan.schema,
            crate::plan::SCHEMA
        )));
    }
    Ok(plan)
}

/// A candidates file as a batch; the format from the extension unless
/// `format` says.
pub(crate) fn load_candidates(path: &Path, format: Option<Format>) -> Result<Batch, Failure> {
    let data = read::Input::open(path)
        .map_err(|e| Failure::usage(format!("{} kan niet gelezen worden: {e}", path.display())))?;
    let format = format.unwrap_or_else(|| Format::from_path(path));
    let label = file_label(path);
    let mut batch =
        read::read(&data, format, &label).map_err(|e| Failure::usage(e.render(&label)))?;
    crate::engine::household::add_notes(&mut batch);
    Ok(batch)
}

/// The notes about a candidates file and its first rejected rows, on
/// standard error; `rest` says where the others are.
pub(crate) fn report_rows(
    bestand: &str,
    warnings: &[String],
    rejected: &[crate::engine::Rejection],
    rest: &str,
) {
    for w in warnings {
        eprintln!("let op: {bestand}: {w}");
    }
    const SHOWN: usize = 20;
    for r in rejected.iter().take(SHOWN) {
        eprintln!("geweigerd: {}", r.render(bestand));
    }
    if rejected.len() > SHOWN {
        eprintln!(
            "geweigerd: … en {} andere rijen ({rest})",
            rejected.len() - SHOWN
        );
    }
}
