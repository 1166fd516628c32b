//! `reglement monitor`: the year as it was allocated. Reads an allocation
//! register and the candidate list, and writes the indicators against the
//! reglement's parameters (and a simulation of the same year), with an
//! audit sample re-derived by the engine.

use super::inputs::{file_label, load_candidates, load_plan, unreadable};
use super::output::write_out;
use super::{CmdResult, ExitCode, Failure};
use crate::engine::read::Format;
use crate::monitor::{self, register, write, Options};
use crate::simulate::Summary;
use chrono::NaiveDate;
use std::path::PathBuf;

/// The report on the standard output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MonitorFormat {
    /// Tekst voor een mens.
    Tekst,
    /// CSV: één rij per cijfer.
    Csv,
    /// JSON voor programma's.
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Het reglement (.reglement) of een gecompileerd plan (.json). Met meer
    /// dan één (de leden van een regio, bv. kempen.reglement kempen-leden/*.reglement)
    /// gaat elke rij van het register naar het lid in wiens werkingsgebied haar
    /// gemeente ligt, en telt de monitor op per gemeente, per woonmaatschappij en
    /// voor de regio.
    #[arg(value_name = "REGLEMENT", help_heading = "Argumenten", required = true, num_args = 1..)]
    pub reglement: Vec<PathBuf>,
    /// Het toewijzingsregister: wat werd toegewezen (CSV of JSON, zie README "Toewijzingsregister").
    #[arg(long, value_name = "BESTAND")]
    pub register: PathBuf,
    /// De kandidatenlijst van het jaar (CSV of JSON, zie README "Kandidaten"): iedere kandidaat die in de periode op de lijst stond, met zijn inschrijvingsdatum.
    #[arg(long, value_name = "BESTAND")]
    pub kandidaten: PathBuf,
    /// De lijst zoals ze op een dag stond, voor de steekproef: DATUM=BESTAND, bv. 2025-07-01=kandidaten-juli.csv (herhaalbaar). Een beslissing wordt nagerekend op de laatste lijst van op of voor haar datum.
    #[arg(long, value_name = "DATUM=BESTAND")]
    pub kandidaten_op: Vec<String>,
    /// De eerste dag van de periode (JJJJ-MM-DD); standaard die van --simulatie, anders de eerste datum van het register.
    #[arg(long, value_name = "DATUM", value_parser = super::inputs::parse_date)]
    pub van: Option<NaiveDate>,
    /// De laatste dag (JJJJ-MM-DD); standaard die van --simulatie, anders een jaar na --van, anders de laatste datum van het register.
    #[arg(long, value_name = "DATUM", value_parser = super::inputs::parse_date)]
    pub tot: Option<NaiveDate>,
    /// De samenvatting van een simulatie van hetzelfde jaar ('reglement simuleer --formaat json'): het register ernaast.
    #[arg(long, value_name = "BESTAND")]
    pub simulatie: Option<PathBuf>,
    /// Het deel van de beslissingen dat de engine narekent, bv. 2% of 0,5% (100% = alle).
    #[arg(long, value_name = "AANDEEL", default_value = "2%", value_parser = parse_share)]
    pub steekproef: u32,
    /// Het zaad van de steekproef: hetzelfde zaad geeft dezelfde steekproef.
    #[arg(long, value_name = "GETAL", default_value_t = 1)]
    pub zaad: u64,
    /// Schrijf een rapport (één HTML-pagina met grafieken, zonder netwerk).
    #[arg(long, value_name = "BESTAND")]
    pub rapport: Option<PathBuf>,
    /// Schrijf de cijfers als CSV naar dit bestand.
    #[arg(long, value_name = "BESTAND")]
    pub csv: Option<PathBuf>,
    /// Het formaat op de standaarduitvoer.
    #[arg(long, value_enum, default_value = "tekst", value_name = "FORMAAT")]
    pub formaat: MonitorFormat,
    /// Stop met afsluitcode 1 als een rij van het register geweigerd wordt of de steekproef een afwijking vindt.
    #[arg(long)]
    pub strikt: bool,
}

/// "2%", "0,5 %", "100": hundredths of a percent, 0 to 10000.
pub fn parse_share(s: &str) -> Result<u32, String> {
    let expected = || "verwacht een percentage van 0 tot 100, bv. 2% of 0,5%".to_string();
    let t = s.trim().trim_end_matches('%').trim().replace(',', ".");
    let (whole, frac) = t.split_once('.').unwrap_or((&t, ""));
    if whole.is_empty() && frac.is_empty() || frac.len() > 2 {
        return Err(expected());
    }
    let w: u32 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| expected())?
    };
    let f: u32 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<2}").parse().map_err(|_| expected())?
    };
    match w.checked_mul(100).and_then(|v| v.checked_add(f)) {
        Some(v) if v <= 10_000 => Ok(v),
        _ => Err(expected()),
    }
}

pub fn run(args: Args) -> CmdResult {
    let snapshots_paths: Vec<(NaiveDate, PathBuf)> = args
        .kandidaten_op
        .iter()
        .map(|s| {
            let (d, f) = s.split_once('=').ok_or_else(|| {
                Failure::usage(format!(
                    "--kandidaten-op: '{}' is geen DATUM=BESTAND (bv. 2025-07-01=kandidaten-juli.csv)",
                    crate::engine::reject::shown(s)
                ))
            })?;
            let d = super::inputs::parse_date(d)
                .map_err(|e| Failure::usage(format!("--kandidaten-op: '{}': {e}", d.trim())))?;
            Ok((d, PathBuf::from(f.trim())))
        })
        .collect::<Result<_, Failure>>()?;
    let mut inputs: Vec<(&str, Option<&std::path::Path>)> = args
        .reglement
        .iter()
        .map(|p| ("REGLEMENT", Some(p.as_path())))
        .collect();
    inputs.extend([
        ("--register", Some(args.register.as_path())),
        ("--kandidaten", Some(args.kandidaten.as_path())),
        ("--simulatie", args.simulatie.as_deref()),
    ]);
    inputs.extend(
        snapshots_paths
            .iter()
            .map(|(_, p)| ("--kandidaten-op", Some(p.as_path()))),
    );
    super::inputs::check_outputs(
        &inputs,
        &[
            ("--rapport", args.rapport.as_deref()),
            ("--csv", args.csv.as_deref()),
        ],
    )?;
    if args.reglement.len() > 1 && (args.rapport.is_some() || args.simulatie.is_some()) {
        return Err(Failure::usage(
            "--rapport en --simulatie gelden voor één reglement; met meer reglementen schrijft de monitor tekst, CSV (--csv) of JSON".to_string(),
        ));
    }
    let mut plans = Vec::with_capacity(args.reglement.len());
    for p in &args.reglement {
        plans.push(load_plan(p)?);
    }
    let batch = load_candidates(&args.kandidaten, None)?;
    let mut snapshots = Vec::with_capacity(snapshots_paths.len());
    for (d, p) in &snapshots_paths {
        snapshots.push((*d, load_candidates(p, None)?));
    }
    let label = file_label(&args.register);
    let data = crate::files::read(&args.register, crate::files::MAX_WONINGEN)
        .map_err(|e| unreadable(&args.register, e))?;
    let reg =
        register::read(&data, Format::from_path(&args.register), &label).map_err(Failure::usage)?;
    let simulated: Option<Summary> = match &args.simulatie {
        None => None,
        Some(p) => {
            let text =
                crate::files::read_text(p, crate::files::MAX_PLAN).map_err(|e| unreadable(p, e))?;
            Some(serde_json::from_str(&text).map_err(|e| {
                Failure::usage(format!(
                    "{}, regel {}, kolom {}: geen samenvatting van 'reglement simuleer --formaat json': {}",
                    p.display(),
                    e.line(),
                    e.column(),
                    crate::files::json_reason(&e)
                ))
            })?)
        }
    };
    // the period of the simulation compared with, unless given
    let options = Options {
        van: args.van.or(simulated.as_ref().map(|s| s.van)),
        tot: args.tot.or(simulated.as_ref().map(|s| s.tot)),
        steekproef: args.steekproef,
        zaad: args.zaad,
    };
    if plans.len() > 1 {
        let refs: Vec<&crate::plan::Plan> = plans.iter().collect();
        let r = monitor::regio::run(&refs, &batch, reg, &snapshots, &options)
            .map_err(Failure::usage)?;
        if let Some(path) = &args.csv {
            write_out(Some(path), &monitor::regio::csv(&r))?;
        }
        let text = match args.formaat {
            MonitorFormat::Tekst => monitor::regio::text(&r),
            MonitorFormat::Csv => monitor::regio::csv(&r),
            MonitorFormat::Json => monitor::regio::json(&r),
        };
        write_out(None, &text)?;
        let afwijkingen: u64 = r.leden.iter().map(|m| m.steekproef.afwijkingen).sum();
        if args.strikt && (r.rijen.geweigerd > 0 || afwijkingen > 0) {
            return Ok(ExitCode::Problems);
        }
        return Ok(ExitCode::Ok);
    }
    let plan = &plans[0];
    let m = monitor::run(plan, &batch, reg, &snapshots, &options).map_err(Failure::usage)?;
    super::inputs::report_rows(
        &batch.bestand,
        &batch.warnings,
        &monitor::candidate_rejections(plan, &batch, m.tot),
        "'reglement rangschik' met hetzelfde bestand toont ze alle",
    );
    let cmp = simulated.as_ref().map(|s| write::comparison(&m, s));
    if let Some(path) = &args.rapport {
        write_out(Some(path), &write::html(&m, cmp.as_ref()))?;
    }
    if let Some(path) = &args.csv {
        write_out(Some(path), &write::csv(&m))?;
    }
    let text = match args.formaat {
        MonitorFormat::Tekst => write::text(&m, cmp.as_ref()),
        MonitorFormat::Csv => write::csv(&m),
        MonitorFormat::Json => write::json(&m, cmp.as_ref()),
    };
    write_out(None, &text)?;
    if args.strikt && (m.rijen.geweigerd > 0 || m.steekproef.afwijkingen > 0) {
        eprintln!("{}", write::accounting(&m));
        return Ok(ExitCode::Problems);
    }
    Ok(ExitCode::Ok)
}

#[cfg(test)]
mod tests {
    use super::parse_share;

    #[test]
    fn shares() {
        assert_eq!(parse_share("2%"), Ok(200));
        assert_eq!(parse_share("0,5 %"), Ok(50));
        assert_eq!(parse_share("100"), Ok(10_000));
        assert_eq!(parse_share("12.25%"), Ok(1225));
        assert!(parse_share("101%").is_err());
        assert!(parse_share("-1").is_err());
        assert!(parse_share("%").is_err());
        assert!(parse_share("1,234").is_err());
    }
}
