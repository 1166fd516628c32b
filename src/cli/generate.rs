//! `reglement genereer`: a seeded synthetic candidates file of any size,
//! realistic for a reglement (its codes and gemeenten), for benchmarks and
//! tests. Without a reglement, the bundled Kempen example is used.

use super::inputs::load_plan;
use super::{CmdResult, ExitCode, Failure};
use crate::engine::generate::{self, Profile, WoonnoodVerdeling};
use crate::engine::read::Format;
use chrono::NaiveDate;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Het reglement (.reglement of plan .json) waarvan de codes en gemeenten gebruikt worden; standaard het meegeleverde Kempen-voorbeeld.
    #[arg(value_name = "REGLEMENT", help_heading = "Argumenten")]
    pub reglement: Option<PathBuf>,
    /// Het aantal kandidaten (hoogstens 30.000.000: een bestand dat de engine nog in één keer leest).
    #[arg(long, value_name = "N", value_parser = parse_count)]
    pub aantal: usize,
    /// Het zaad: hetzelfde zaad geeft hetzelfde bestand.
    #[arg(long, value_name = "GETAL", default_value_t = 1)]
    pub zaad: u64,
    /// Alle datums liggen op of voor deze dag (JJJJ-MM-DD).
    #[arg(long, value_name = "DATUM", default_value = "2024-06-30", value_parser = super::inputs::parse_date)]
    pub peildatum: NaiveDate,
    /// csv of json.
    #[arg(long, value_enum, default_value = "csv", value_name = "FORMAAT")]
    pub formaat: Format,
    /// Hoe de woonnood verdeeld is, in procent van de kandidaten met een woonnood, bv. "familie=36,instelling=20.4,opvang=19.8,opzeg=9.4,geen-opvang=1.3" (dat is de standaard: de dak- en thuislozentelling van de Kempense visienota). De andere codes van het reglement delen wat overblijft van 100%.
    #[arg(long, value_name = "LIJST", value_parser = WoonnoodVerdeling::parse)]
    pub woonnood_verdeling: Option<WoonnoodVerdeling>,
    /// Schrijf naar dit bestand in plaats van naar de standaarduitvoer.
    #[arg(short = 'o', long, value_name = "BESTAND")]
    pub uitvoer: Option<PathBuf>,
}

/// The most candidates `genereer` writes: about 3.7 GB of CSV, under the
/// 4 GB a candidates file may hold.
pub const MAX_CANDIDATES: usize = 30_000_000;

fn parse_count(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(n) if n <= MAX_CANDIDATES => Ok(n),
        _ => Err(format!(
            "verwacht een aantal kandidaten van 0 tot en met {}",
            crate::nl::thousands(MAX_CANDIDATES as u64)
        )),
    }
}

/// The bundled Kempen plan.
pub(crate) fn kempen_plan() -> Result<crate::plan::Plan, Failure> {
    let loader = crate::MemoryLoader::default().with(
        "kempen-regio.reglement",
        include_str!("../../examples/kempen-regio.reglement"),
    );
    let analysis = crate::analyze(
        "kempen.reglement",
        include_str!("../../examples/kempen.reglement"),
        &loader,
    );
    crate::plan::compile(&analysis).map_err(|e| Failure {
        message: format!("het meegeleverde Kempen-voorbeeld compileert niet: {e}"),
        code: ExitCode::Problems,
    })
}

pub fn run(args: Args) -> CmdResult {
    super::inputs::check_outputs(
        &[("REGLEMENT", args.reglement.as_deref())],
        &[("--uitvoer", args.uitvoer.as_deref())],
    )?;
    let plan = match &args.reglement {
        Some(p) => load_plan(p)?,
        None => kempen_plan()?,
    };
    let verdeling = args.woonnood_verdeling.clone().unwrap_or_default();
    let profile = Profile::with_woonnood(&plan, args.peildatum, &verdeling)
        .map_err(|e| Failure::usage(format!("--woonnood-verdeling: {e}")))?;
    let write = |w: &mut dyn Write| match args.formaat {
        Format::Csv => generate::write_csv(&profile, args.aantal, args.zaad, &mut &mut *w),
        Format::Json => generate::write_json(&profile, args.aantal, args.zaad, &mut &mut *w),
    };
    match &args.uitvoer {
        Some(path) => {
            let file = std::fs::File::create(path).map_err(|e| {
                Failure::usage(format!(
                    "{} kan niet geschreven worden: {}",
                    path.display(),
                    crate::files::io_reason(&e)
                ))
            })?;
            let mut w = std::io::BufWriter::new(file);
            write(&mut w).and_then(|_| w.flush()).map_err(|e| {
                Failure::usage(format!(
                    "{} kan niet geschreven worden: {}",
                    path.display(),
                    crate::files::io_reason(&e)
                ))
            })?;
        }
        None => {
            let stdout = std::io::stdout();
            let mut w = std::io::BufWriter::new(stdout.lock());
            let _ = write(&mut w).and_then(|_| w.flush());
        }
    }
    Ok(ExitCode::Ok)
}
