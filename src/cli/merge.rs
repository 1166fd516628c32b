//! `reglement samenvoegen`: merge the approved amendments of the gemeenteraden
//! into the final reglement.

use super::output::{analyze_path, count, write_out};
use super::{use_color, CmdResult, ExitCode, Failure, Stream};
use crate::amend::{self, AmendmentText, MergeOptions, Merged};
use crate::diagnostic::render;
use crate::syntax::ast::Status;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatusArg {
    Ontwerp,
    Goedgekeurd,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Het ontwerp (.reglement) dat naar de gemeenten werd gestuurd.
    #[arg(value_name = "ONTWERP", help_heading = "Argumenten")]
    ontwerp: PathBuf,
    /// De goedgekeurde amendementen van de gemeenteraden.
    #[arg(
        value_name = "AMENDEMENT",
        required = true,
        help_heading = "Argumenten"
    )]
    amendementen: Vec<PathBuf>,
    /// Zet de status van het samengevoegde reglement (standaard: ongewijzigd).
    #[arg(long, value_enum)]
    status: Option<StatusArg>,
    /// Schrijf het samengevoegde reglement naar dit bestand in plaats van naar de standaarduitvoer.
    #[arg(short = 'o', long, value_name = "BESTAND")]
    uitvoer: Option<PathBuf>,
}

pub fn run(args: Args) -> CmdResult {
    let mut inputs = vec![("ONTWERP", Some(args.ontwerp.as_path()))];
    inputs.extend(
        args.amendementen
            .iter()
            .map(|a| ("AMENDEMENT", Some(a.as_path()))),
    );
    super::inputs::check_outputs(&inputs, &[("--uitvoer", args.uitvoer.as_deref())])?;
    let draft = analyze_path(&args.ontwerp)?;
    let mut texts = Vec::new();
    for path in &args.amendementen {
        let text = crate::files::read_text(path, crate::files::MAX_TEKST)
            .map_err(|e| super::inputs::unreadable(path, e))?;
        texts.push(AmendmentText {
            name: path.to_string_lossy().into_owned(),
            text,
        });
    }
    let options = MergeOptions {
        status: args.status.map(|s| match s {
            StatusArg::Ontwerp => Status::Ontwerp,
            StatusArg::Goedgekeurd => Status::Goedgekeurd,
        }),
    };
    match amend::merge(&draft, &texts, options, &crate::FsLoader) {
        Merged::Ok {
            text,
            analysis,
            summary,
        } => {
            write_out(args.uitvoer.as_deref(), &text)?;
            // the regional file is named relative to the reglement
            if let (Some(out), Some(regio)) = (
                &args.uitvoer,
                analysis
                    .model
                    .identity()
                    .and_then(|(_, id)| id.regio.first()),
            ) {
                use crate::Loader;
                let name = out.to_string_lossy();
                if crate::FsLoader.load(&name, &regio.value).is_err() {
                    eprintln!(
                        "waarschuwing: vanuit {} is het regionale bestand \"{}\" niet te vinden; zet het samengevoegde reglement in de map van het ontwerp.",
                        out.display(),
                        regio.value
                    );
                }
            }
            for line in &summary {
                eprintln!("samengevoegd: {line}");
            }
            eprintln!(
                "nieuwe inhoudshash: {}{}",
                analysis.sources.content_hash(),
                args.uitvoer
                    .as_ref()
                    .map(|p| format!(" ({})", p.display()))
                    .unwrap_or_default()
            );
            Ok(ExitCode::Ok)
        }
        Merged::Refused {
            diagnostics,
            sources,
        } => {
            let color = use_color(Stream::Stderr);
            eprint!("{}", render::render_text(&diagnostics, &sources, color));
            let errors = crate::diagnostic::errors(&diagnostics).count();
            Err(Failure {
                message: format!(
                    "niet samengevoegd: {}; er is niets geschreven.",
                    count(errors, "fout", "fouten")
                ),
                code: ExitCode::Problems,
            })
        }
    }
}
