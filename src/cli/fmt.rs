//! `reglement opmaak` (alias `fmt`): the canonical layout of `.reglement`
//! and `.testen` files, in place, or checked for CI with `--controleer`.

use super::{CmdResult, ExitCode, Failure};
use crate::format::format_text;
use std::io::{Read, Write};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// De bestanden die opgemaakt worden; '-' of geen bestand: lees de
    /// standaardinvoer en schrijf naar de standaarduitvoer.
    #[arg(value_name = "BESTAND")]
    bestanden: Vec<PathBuf>,
    /// Wijzig niets: meld de bestanden die niet in de vaste opmaak staan en
    /// eindig dan met code 1 (voor CI).
    #[arg(long)]
    controleer: bool,
}

pub fn run(args: Args) -> CmdResult {
    let stdin = args.bestanden.is_empty() || args.bestanden.iter().any(|p| p.as_os_str() == "-");
    if stdin {
        if args.bestanden.len() > 1 {
            return Err(Failure::usage(
                "lees de standaardinvoer ('-') of bestanden, niet beide".to_string(),
            ));
        }
        return run_stdin(args.controleer);
    }
    let mut unformatted = Vec::new();
    for path in &args.bestanden {
        let text = crate::files::read_text(path, crate::files::MAX_TEKST)
            .map_err(|e| super::inputs::unreadable(path, e))?;
        let formatted = format_text(&text);
        if formatted == text {
            continue;
        }
        if args.controleer {
            eprintln!(
                "{}: niet in de vaste opmaak (eerst anders op regel {})",
                path.display(),
                first_difference(&text, &formatted)
            );
        } else {
            std::fs::write(path, &formatted).map_err(|e| {
                Failure::usage(format!(
                    "{} kan niet geschreven worden: {}",
                    path.display(),
                    crate::files::io_reason(&e)
                ))
            })?;
            eprintln!("{}: opgemaakt", path.display());
        }
        unformatted.push(path);
    }
    if args.controleer && !unformatted.is_empty() {
        return Err(Failure {
            message: format!(
                "{} van {} niet in de vaste opmaak; 'reglement opmaak BESTAND' maakt ze op.",
                super::output::count(unformatted.len(), "bestand", "bestanden"),
                args.bestanden.len()
            ),
            code: ExitCode::Problems,
        });
    }
    Ok(ExitCode::Ok)
}

fn run_stdin(check: bool) -> CmdResult {
    let mut bytes = Vec::new();
    std::io::stdin().read_to_end(&mut bytes).map_err(|e| {
        Failure::usage(format!(
            "de standaardinvoer kan niet gelezen worden: {}",
            crate::files::io_reason(&e)
        ))
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Failure::usage(format!(
            "de standaardinvoer is geen UTF-8 (byte {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    let formatted = format_text(&text);
    if check {
        if formatted == text {
            return Ok(ExitCode::Ok);
        }
        return Err(Failure {
            message: format!(
                "de invoer staat niet in de vaste opmaak (eerst anders op regel {})",
                first_difference(&text, &formatted)
            ),
            code: ExitCode::Problems,
        });
    }
    let mut out = std::io::stdout().lock();
    // a closed pipe (e.g. `| head`) is not an error of ours
    let _ = out.write_all(formatted.as_bytes());
    let _ = out.flush();
    Ok(ExitCode::Ok)
}

/// The first line (1-based) where two texts differ.
fn first_difference(a: &str, b: &str) -> usize {
    let mut la = a.lines();
    let mut lb = b.lines();
    let mut n = 1;
    loop {
        match (la.next(), lb.next()) {
            (Some(x), Some(y)) if x == y => n += 1,
            (None, None) => return n,
            _ => return n,
        }
    }
}
