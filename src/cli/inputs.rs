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

/// A date option (`--peildatum`, `--van`, …), parsed as the candidates
/// file's dates are: `JJJJ-MM-DD` exactly, in every command.
pub(crate) fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    crate::engine::fields::parse_day(s.trim().as_bytes())
        .map(crate::engine::fields::to_date)
        .map_err(|e| format!("verwacht {}", e.verwacht))
}

/// A file that cannot be read, as the command's failure: "kandidaten.csv
/// bestaat niet", "regio.reglement is geen gewoon bestand maar een pipe".
pub(crate) fn unreadable(path: &Path, e: crate::files::FileError) -> Failure {
    Failure::usage(format!("{} {e}", path.display()))
}

/// Refuse outputs that would overwrite an input (or each other), before
/// anything is read or written. Pairs of (option, path); absent ones are
/// left out.
pub(crate) fn check_outputs(
    inputs: &[(&str, Option<&Path>)],
    outputs: &[(&str, Option<&Path>)],
) -> Result<(), Failure> {
    let present = |v: &[(&str, Option<&Path>)]| -> Vec<(String, std::path::PathBuf)> {
        v.iter()
            .filter_map(|(o, p)| p.map(|p| (o.to_string(), p.to_path_buf())))
            .collect()
    };
    let (i, o) = (present(inputs), present(outputs));
    let i: Vec<(&str, &Path)> = i.iter().map(|(o, p)| (o.as_str(), p.as_path())).collect();
    let o: Vec<(&str, &Path)> = o.iter().map(|(o, p)| (o.as_str(), p.as_path())).collect();
    crate::files::check_outputs(&i, &o).map_err(Failure::usage)
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
    let text =
        crate::files::read_text(path, crate::files::MAX_PLAN).map_err(|e| unreadable(path, e))?;
    let plan: Plan = serde_json::from_str(&text).map_err(|e| {
        Failure::usage(format!(
            "{}, regel {}, kolom {}: geen rangschikkingsplan ({}): {}",
            path.display(),
            e.line(),
            e.column(),
            crate::plan::SCHEMA,
            crate::files::json_reason(&e)
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
    // a plan read from a file may have been edited: its numbers must be
    // ones the compiler could have written
    crate::plan::bounds::check(&plan).map_err(|errors| {
        Failure::usage(format!(
            "{} is geen geldig plan: {}. Compileer het reglement opnieuw.",
            path.display(),
            errors.join("; ")
        ))
    })?;
    Ok(plan)
}

/// What a ranking needs from the plan, said before it runs: a date before
/// the reglement applies is named (a warning: a test of a draft may do
/// that on purpose); a dwelling needs the rationele bezetting and pijler 2
/// the versnelde toewijzing, which are in the intern huurreglement, so a
/// toewijzingsreglement on its own is told where they are.
pub(crate) fn check_request(
    plan: &Plan,
    peildatum: chrono::NaiveDate,
    for_dwelling: bool,
    pijler: Option<crate::engine::Pillar>,
) -> Result<(), Failure> {
    if let Some(from) = plan.reglement.geldig_vanaf.filter(|f| peildatum < *f) {
        eprintln!(
            "let op: de peildatum {} ligt voor de geldigheidsdatum van het reglement ({}): op die dag gold dit reglement nog niet; de rangschikking toont wat het zou geven.",
            crate::nl::date(peildatum),
            crate::nl::date(from)
        );
    }
    let linked = "noem het intern huurreglement in de sectie 'reglement' met 'gebruikt intern huurreglement \"BESTAND\"'";
    if for_dwelling && plan.bezetting.is_empty() {
        return Err(Failure::usage(format!(
            "voor een woning rangschikken vraagt de rationele bezetting (welke gezinnen in de woning passen), en die ontbreekt: ze staat in het intern huurreglement van de woonmaatschappij; {linked}. Een lijst (--pijler standaard|doelgroepen --gemeente NAAM) kan zonder."
        )));
    }
    if pijler == Some(crate::engine::Pillar::Versneld) && plan.versneld.is_none() {
        return Err(Failure::usage(format!(
            "het reglement heeft geen versnelde toewijzing (pijler 2): die staat in het intern huurreglement van de woonmaatschappij; {linked}."
        )));
    }
    Ok(())
}

/// A candidates file as a batch; the format from the extension unless
/// `format` says.
pub(crate) fn load_candidates(path: &Path, format: Option<Format>) -> Result<Batch, Failure> {
    let data = read::Input::open(path).map_err(|e| unreadable(path, e))?;
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
