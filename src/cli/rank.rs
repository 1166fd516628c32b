//! `reglement rangschik`: rank a candidates file under a reglement (or its
//! compiled plan) for a dwelling or a pillar list, on an explicit reference
//! date. Also the shared parts of `verklaar`: loading the plan, reading the
//! candidates, resolving the target.

use super::inputs::{file_label, load_candidates, load_plan};
use super::output::count;
use super::{CmdResult, ExitCode, Failure};
use crate::engine::output::OutputFormat;
use crate::engine::read::Format;
use crate::engine::{self, Pillar, Request, Target};
use chrono::NaiveDate;
use std::io::Write;
use std::path::PathBuf;

/// What to rank: the candidates, the reference date, and a dwelling or a list.
#[derive(Debug, clap::Args)]
pub struct TargetArgs {
    /// Het reglement (.reglement) of een gecompileerd plan (.json).
    #[arg(value_name = "REGLEMENT", help_heading = "Argumenten")]
    pub reglement: PathBuf,
    /// Het kandidatenbestand (CSV of JSON, zie README "Kandidaten").
    #[arg(long, value_name = "BESTAND")]
    pub kandidaten: PathBuf,
    /// Het formaat van het kandidatenbestand; standaard volgens de extensie (.json is JSON, anders CSV).
    #[arg(long, value_enum, value_name = "FORMAAT")]
    pub invoer_formaat: Option<Format>,
    /// De peildatum (JJJJ-MM-DD): "de laatste 10 jaar" en "ononderbroken" gelden tegen deze datum. Verplicht: een rangschikking leest nooit de klok.
    #[arg(long, value_name = "DATUM", value_parser = super::inputs::parse_date)]
    pub peildatum: NaiveDate,
    /// De vrijgekomen woning (met --woningen); bepaalt gemeente, slaapkamers en doelgroep.
    #[arg(
        long,
        value_name = "ID",
        requires = "woningen",
        conflicts_with = "gemeente"
    )]
    pub woning: Option<String>,
    /// Het woningenbestand (CSV of JSON) waarin --woning staat.
    #[arg(long, value_name = "BESTAND", requires = "woning")]
    pub woningen: Option<PathBuf>,
    /// De pijler: standaard (1), versneld (2) of doelgroepen (3). Met --woning standaard de pijler van de woning.
    #[arg(long, value_enum, value_name = "PIJLER")]
    pub pijler: Option<Pillar>,
    /// De gemeente van de lijst (zonder woning).
    #[arg(long, value_name = "NAAM")]
    pub gemeente: Option<String>,
    /// De doelgroep: verplicht voor pijler 3 zonder woning; voor pijler 2 met een verdeling per doelgroep.
    #[arg(long, value_name = "CODE")]
    pub doelgroep: Option<String>,
    /// Met --woning voor een doelgroep met een capaciteit ('capaciteit: 10 trajecten per jaar, daarna …'): het aantal woningen dat dit kalenderjaar al aan de doelgroep is toegewezen. Is de capaciteit bereikt, dan gaat de woning waar het reglement zegt.
    #[arg(long, value_name = "N", default_value_t = 0, requires = "woning")]
    pub al_toegewezen: u32,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub doel: TargetArgs,
    /// Het uitvoerformaat.
    #[arg(long, value_enum, default_value = "tabel", value_name = "FORMAAT")]
    pub formaat: OutputFormat,
    /// Schrijf de rangschikking naar dit bestand in plaats van naar de standaarduitvoer.
    #[arg(short = 'o', long, value_name = "BESTAND")]
    pub uitvoer: Option<PathBuf>,
    /// Stop met afsluitcode 1 als er ook maar één rij geweigerd wordt (en schrijf dan geen rangschikking).
    #[arg(long)]
    pub strikt: bool,
    /// Neem de verklaring van elke kandidaat op (enkel bij --formaat json).
    #[arg(long)]
    pub verklaringen: bool,
}

/// The request the arguments describe.
pub(crate) fn request(args: &TargetArgs, verklaringen: bool) -> Result<Request, Failure> {
    let target = match (&args.woning, &args.woningen) {
        (Some(id), Some(file)) => {
            let data = crate::files::read(file, crate::files::MAX_WONINGEN)
                .map_err(|e| super::inputs::unreadable(file, e))?;
            let woning =
                engine::woning::find(&data, Format::from_path(file), &file_label(file), id)
                    .map_err(Failure::usage)?;
            Target::Dwelling {
                woning,
                pijler: args.pijler,
            }
        }
        _ => {
            let (Some(pijler), Some(gemeente)) = (args.pijler, &args.gemeente) else {
                return Err(Failure::usage(
                    "zeg waarvoor gerangschikt wordt: --woning ID --woningen BESTAND, of --pijler standaard|versneld|doelgroepen --gemeente NAAM",
                ));
            };
            Target::Lijst {
                pijler,
                gemeente: gemeente.clone(),
                doelgroep: args.doelgroep.clone(),
            }
        }
    };
    if let (Target::Dwelling { .. }, Some(_)) = (&target, &args.doelgroep) {
        return Err(Failure::usage(
            "--doelgroep geldt niet samen met --woning: de doelgroep van de woning staat in het woningenbestand",
        ));
    }
    if let Target::Dwelling { woning, .. } = &target {
        if let Some(v) = woning.vrij_vanaf.filter(|v| *v > args.peildatum) {
            eprintln!(
                "let op: woning {} is pas vrij vanaf {v}, na de peildatum {}",
                woning.woning, args.peildatum
            );
        }
    }
    Ok(Request {
        peildatum: args.peildatum,
        target,
        verklaringen,
    })
}

/// [`super::inputs::check_request`] for a request of `rangschik` or `verklaar`.
pub(crate) fn check(plan: &crate::plan::Plan, request: &Request) -> Result<(), Failure> {
    let (dwelling, pijler) = match &request.target {
        Target::Dwelling { pijler, .. } => (true, *pijler),
        Target::Lijst { pijler, .. } => (false, Some(*pijler)),
    };
    super::inputs::check_request(plan, request.peildatum, dwelling, pijler)
}

/// Print the notes about the file and the rejected rows (the first ones;
/// all of them are in the ranking with status `geweigerd`).
pub(crate) fn report_input(ranked: &engine::Ranked) {
    super::inputs::report_rows(
        &ranked.batch.bestand,
        &ranked.batch.warnings,
        &ranked.rejected,
        "alle staan in de rangschikking met status 'geweigerd'",
    );
}

/// A reserved dwelling that no candidate of its group took: where the
/// reglement sent it (the table shows it above the ranking too).
pub(crate) fn report_way(ranked: &engine::Ranked) {
    let p = ranked.prepared;
    let Some(w) = &p.woning else {
        return;
    };
    for d in &p.doorverwezen {
        eprintln!("let op: woning {}: {}", w.woning, d.line());
    }
    if ranked.ranked.is_empty() {
        if let Some(g) = p.p3_group() {
            eprintln!(
                "let op: woning {} is voorbehouden voor doelgroep '{}' en geen kandidaat van de doelgroep past; {}",
                w.woning,
                g.code,
                match p.fallback().map(|z| &z.naar) {
                    Some(crate::plan::Doorverwijzing::BlijftVoorbehouden) => {
                        "volgens het reglement blijft ze voorbehouden"
                    }
                    Some(_) => "de doorverwijzing van het reglement leidt naar een lijst die al geprobeerd werd: de woning blijft onverhuurd",
                    None => "het reglement zegt niet wat er dan gebeurt: de woning blijft onverhuurd",
                }
            );
        }
    }
}

pub fn run(args: Args) -> CmdResult {
    // REGLEMENT_TIJDEN=1 prints the time of each stage (for profiling)
    let t0 = std::time::Instant::now();
    let timing = std::env::var_os("REGLEMENT_TIJDEN").is_some();
    let lap = |what: &str| {
        if timing {
            eprintln!("tijd: {what}: {:.3} s", t0.elapsed().as_secs_f64());
        }
    };
    super::inputs::check_outputs(
        &[
            ("REGLEMENT", Some(&args.doel.reglement)),
            ("--kandidaten", Some(&args.doel.kandidaten)),
            ("--woningen", args.doel.woningen.as_deref()),
        ],
        &[("--uitvoer", args.uitvoer.as_deref())],
    )?;
    let plan = load_plan(&args.doel.reglement)?;
    let request = request(
        &args.doel,
        args.verklaringen && args.formaat == OutputFormat::Json,
    )?;
    check(&plan, &request)?;
    lap("plan");
    let batch = load_candidates(&args.doel.kandidaten, args.doel.invoer_formaat)?;
    lap("kandidaten gelezen");
    let prepared = prepare(&plan, &request, &args.doel, &batch)?;
    let ranked = engine::rank_batch(&prepared, &batch);
    lap("gerangschikt");
    report_input(&ranked);
    if args.formaat != OutputFormat::Tabel {
        // the table says it above the ranking
        report_way(&ranked);
    }
    let summary = ranked.samenvatting();
    if args.strikt && summary.geweigerd > 0 {
        return Err(Failure {
            message: format!(
                "--strikt: {} geweigerd; er wordt geen rangschikking geschreven. {}",
                count(summary.geweigerd, "rij", "rijen"),
                summary.line()
            ),
            code: ExitCode::Problems,
        });
    }
    let write = |w: &mut (dyn Write + Send)| -> std::io::Result<()> {
        match args.formaat {
            OutputFormat::Csv => engine::output::write_csv(&ranked, &mut &mut *w),
            OutputFormat::Json => {
                engine::output::write_json(&ranked, args.verklaringen, &mut &mut *w)
            }
            OutputFormat::Tabel => {
                w.write_all(engine::output::table(&ranked).as_bytes())?;
                writeln!(w, "\n{}", summary.line())
            }
        }
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
            let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
            write(&mut w).and_then(|_| w.flush()).map_err(|e| {
                Failure::usage(format!(
                    "{} kan niet geschreven worden: {}",
                    path.display(),
                    crate::files::io_reason(&e)
                ))
            })?;
            lap("geschreven");
            eprintln!("{}; geschreven naar {}", summary.line(), path.display());
        }
        None => {
            let mut w = std::io::BufWriter::with_capacity(1 << 20, std::io::stdout());
            // a closed pipe (e.g. `| head`) is not an error of ours
            let _ = write(&mut w).and_then(|_| w.flush());
            if args.formaat != OutputFormat::Tabel {
                eprintln!("{}", summary.line());
            }
        }
    }
    Ok(ExitCode::Ok)
}

/// The request prepared, with the allocations of the year so far, and sent
/// down the way of a reserved dwelling (capacity reached, no candidate).
pub(super) fn prepare<'p>(
    plan: &'p crate::plan::Plan,
    request: &engine::Request,
    doel: &TargetArgs,
    batch: &engine::Batch,
) -> Result<engine::Prepared<'p>, Failure> {
    let mut prepared =
        engine::Prepared::new(plan, request).map_err(|e| Failure::usage(e.to_string()))?;
    prepared.toegewezen = doel.al_toegewezen;
    engine::pillar3::follow(prepared, batch).map_err(|e| Failure::usage(e.to_string()))
}
