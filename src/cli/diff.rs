//! `reglement verschil OLD NEW`: what changed between two versions, in the
//! reglement's own terms, computed on their compiled plans.

use super::inputs::{load_candidates, load_plan};
use super::output::write_out;
use super::{CmdResult, ExitCode, Failure};

use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Voor mensen: één regel per wijziging.
    Tekst,
    /// Voor programma's: plaats, wat, oud en nieuw per wijziging.
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// De oude versie: een reglement (.reglement) of een gecompileerd plan (.json).
    #[arg(value_name = "OUD", help_heading = "Argumenten")]
    oud: PathBuf,
    /// De nieuwe versie: een reglement (.reglement) of een gecompileerd plan (.json).
    #[arg(value_name = "NIEUW", help_heading = "Argumenten")]
    nieuw: PathBuf,
    /// Uitvoerformaat.
    #[arg(long, value_enum, default_value = "tekst")]
    formaat: OutputFormat,
    /// Schrijf naar dit bestand in plaats van naar de standaarduitvoer.
    #[arg(short = 'o', long, value_name = "BESTAND")]
    uitvoer: Option<PathBuf>,
    /// Toon ook de gevolgen voor de rangschikking van dit kandidatenbestand (CSV of JSON).
    #[arg(long, value_name = "BESTAND", requires = "peildatum")]
    kandidaten: Option<PathBuf>,
    /// De peildatum (JJJJ-MM-DD) van die rangschikking.
    #[arg(long, value_name = "DATUM", requires = "kandidaten", value_parser = super::inputs::parse_date)]
    peildatum: Option<chrono::NaiveDate>,
    /// De lijst die gerangschikt wordt.
    #[arg(long, value_enum, default_value = "versneld")]
    pijler: crate::engine::Pillar,
    /// De gemeente van de lijst (standaard: de eerste gemeente van het werkingsgebied).
    #[arg(long, value_name = "NAAM")]
    gemeente: Option<String>,
    /// De doelgroep (pijler 3).
    #[arg(long, value_name = "CODE")]
    doelgroep: Option<String>,
}

pub fn run(args: Args) -> CmdResult {
    super::inputs::check_outputs(
        &[
            ("OUD", Some(&args.oud)),
            ("NIEUW", Some(&args.nieuw)),
            ("--kandidaten", args.kandidaten.as_deref()),
        ],
        &[("--uitvoer", args.uitvoer.as_deref())],
    )?;
    let old = load_plan(&args.oud)?;
    let new = load_plan(&args.nieuw)?;
    let changes = crate::diff::diff(&old, &new);
    let impact = match (&args.kandidaten, args.peildatum) {
        (Some(path), Some(peildatum)) => {
            use crate::engine::{Request, Target};
            let batch = load_candidates(path, None)?;
            let gemeente = args
                .gemeente
                .clone()
                .or_else(|| new.werkingsgebied.gemeenten.first().map(|g| g.naam.clone()))
                .unwrap_or_default();
            let request = Request {
                peildatum,
                target: Target::Lijst {
                    pijler: args.pijler,
                    gemeente,
                    doelgroep: args.doelgroep.clone(),
                },
                verklaringen: false,
            };
            let impact = crate::impact::impact(&old, &new, &batch, &request)
                .map_err(|e| Failure::usage(e.to_string()))?;
            Some((request, impact))
        }
        _ => None,
    };
    let text = match args.formaat {
        OutputFormat::Tekst => {
            let mut t = crate::diff::render_text(&old, &new, &changes);
            if let Some((request, impact)) = &impact {
                t.push_str(&crate::impact::render_text(request, impact));
            }
            t
        }
        OutputFormat::Json => {
            let value = serde_json::json!({
                "oud": old.reglement.bron_hash,
                "nieuw": new.reglement.bron_hash,
                "wijzigingen": changes,
                "rangschikking": impact.as_ref().map(|(_, i)| i),
            });
            serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
        }
    };
    write_out(args.uitvoer.as_deref(), &text)?;
    Ok(ExitCode::Ok)
}
