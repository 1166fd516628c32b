//! `reglement simuleer`: a year of allocations under a reglement, on a
//! waiting list and the dwellings that come free; the allocation log, the
//! summary against the legal shares, a comparison with a second version,
//! and an HTML report for the toewijzingsraad.

use super::inputs::{file_label, load_candidates, load_plan};
use super::output::write_out;
use super::{CmdResult, ExitCode, Failure};
use crate::engine::read::Format;
use crate::plan::Plan;
use crate::simulate::summary::Vergelijking;
use crate::simulate::write::{self, LogHeader};
use crate::simulate::{self, dwellings, Generation, Settings, Summary, Vacancy};
use chrono::NaiveDate;
use std::path::PathBuf;

/// How to show the summary on the standard output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SummaryFormat {
    /// Tekst voor een mens.
    Tekst,
    /// JSON voor programma's.
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Het reglement (.reglement) of een gecompileerd plan (.json). Met --regio: de leden (reglementen); zonder leden elk reglement in de map van het kader dat het kader gebruikt, zoals 'controleer --regio'.
    #[arg(
        value_name = "REGLEMENT",
        help_heading = "Argumenten",
        required_unless_present = "regio"
    )]
    pub reglementen: Vec<PathBuf>,
    /// Een regionaal jaar: het regionale kader (een bestand, of een map met één regionaal bestand) en zijn leden op één kandidatenlijst (het centraal inschrijvingsregister). Een kandidaat staat op de lijst van elk lid met een gemeente van zijn voorkeur in het werkingsgebied (zonder voorkeur: van elk lid) en verlaat alle lijsten wanneer één lid hem huisvest. Een woning hoort bij het lid van haar gemeente. De samenvatting en het rapport tonen elk lid en de regio.
    #[arg(
        long,
        value_name = "KADER",
        conflicts_with_all = ["vergelijk", "per_jaar", "per_gemeente", "schrijf_woningen"]
    )]
    pub regio: Option<PathBuf>,
    /// De wachtlijst: het kandidatenbestand (CSV of JSON, zie README "Kandidaten").
    #[arg(long, value_name = "BESTAND")]
    pub kandidaten: PathBuf,
    /// Het formaat van het kandidatenbestand; standaard volgens de extensie.
    #[arg(long, value_enum, value_name = "FORMAAT")]
    pub invoer_formaat: Option<Format>,
    /// De woningen die vrijkomen (CSV of JSON met 'vrij_vanaf'; optioneel 'bijzonder' voor pijler 4). Zonder dit bestand worden woningen gemaakt met --per-jaar of --per-gemeente.
    #[arg(long, value_name = "BESTAND", conflicts_with_all = ["per_jaar", "per_gemeente"])]
    pub woningen: Option<PathBuf>,
    /// Maak zoveel vrijkomende woningen per jaar, verdeeld over de gemeenten volgens hun patrimonium. Standaard: het gemiddelde van de toewijzingshistoriek van het reglement.
    #[arg(long, value_name = "N", conflicts_with = "per_gemeente", value_parser = parse_yearly)]
    pub per_jaar: Option<u64>,
    /// Maak vrijkomende woningen per gemeente per jaar, bv. "Turnhout=80,Beerse=20".
    #[arg(long, value_name = "LIJST")]
    pub per_gemeente: Option<String>,
    /// Gemaakte woningen: zoveel per duizend voor een bijzondere toewijzing (pijler 4, buiten de aandelen).
    #[arg(long, value_name = "PROMILLE", default_value_t = 0, value_parser = parse_promille)]
    pub bijzonder: u32,
    /// Schrijf de gemaakte woningen naar dit bestand (CSV), om ze later opnieuw te gebruiken of een toewijzing te verklaren.
    #[arg(long, value_name = "BESTAND")]
    pub schrijf_woningen: Option<PathBuf>,
    /// De eerste dag van de periode (JJJJ-MM-DD).
    #[arg(long, value_name = "DATUM", value_parser = super::inputs::parse_date)]
    pub van: NaiveDate,
    /// De laatste dag van de periode (JJJJ-MM-DD); standaard een jaar na --van.
    #[arg(long, value_name = "DATUM", value_parser = super::inputs::parse_date)]
    pub tot: Option<NaiveDate>,
    /// Het zaad voor elke toevalstrekking: hetzelfde zaad geeft hetzelfde resultaat, byte voor byte.
    #[arg(long, value_name = "GETAL", default_value_t = 1)]
    pub zaad: u64,
    /// De kans dat een kandidaat een aangeboden woning weigert (0 tot 1, bv. 0,1); die kandidaat blijft op de lijst.
    #[arg(long, value_name = "KANS", default_value = "0", value_parser = parse_chance)]
    pub weigerkans: f64,
    /// Een tweede versie (reglement of plan) op dezelfde lijst en dezelfde woningen: de samenvatting toont beide naast elkaar.
    #[arg(long, value_name = "REGLEMENT")]
    pub vergelijk: Option<PathBuf>,
    /// Schrijf het toewijzingslogboek naar dit bestand (.csv of .json), elke beslissing met haar verwijzing naar 'reglement verklaar'. Met --regio: één register voor de regio (de logboeken van de leden na elkaar), dat 'reglement monitor LID LID … --register' leest.
    #[arg(long, value_name = "BESTAND")]
    pub toewijzingen: Option<PathBuf>,
    /// Schrijf de cijfers van de samenvatting als CSV naar dit bestand.
    #[arg(long, value_name = "BESTAND")]
    pub samenvatting_csv: Option<PathBuf>,
    /// Schrijf een rapport voor de toewijzingsraad (één HTML-pagina met grafieken, zonder netwerk).
    #[arg(long, value_name = "BESTAND")]
    pub rapport: Option<PathBuf>,
    /// Het formaat van de samenvatting op de standaarduitvoer.
    #[arg(long, value_enum, default_value = "tekst", value_name = "FORMAAT")]
    pub formaat: SummaryFormat,
}

/// A yearly number of dwellings: 0 to [`dwellings::MAX_DWELLINGS`].
fn parse_yearly(s: &str) -> Result<u64, String> {
    let expected = || {
        format!(
            "verwacht een geheel aantal woningen per jaar, van 0 tot en met {}",
            crate::nl::thousands(dwellings::MAX_DWELLINGS)
        )
    };
    let n: u64 = s.trim().parse().map_err(|_| expected())?;
    if n > dwellings::MAX_DWELLINGS {
        return Err(expected());
    }
    Ok(n)
}

/// Per thousand: 0 to 1000.
fn parse_promille(s: &str) -> Result<u32, String> {
    match s.trim().parse::<u32>() {
        Ok(n) if n <= 1000 => Ok(n),
        _ => Err("verwacht een aantal per duizend, van 0 tot en met 1000".to_string()),
    }
}

fn parse_chance(s: &str) -> Result<f64, String> {
    let v: f64 = s
        .trim()
        .replace(',', ".")
        .parse()
        .map_err(|_| "verwacht een kans tussen 0 en 1, bv. 0,1".to_string())?;
    if (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err("verwacht een kans tussen 0 en 1, bv. 0,1".to_string())
    }
}

fn per_gemeente(plan: &Plan, text: &str) -> Result<Vec<(String, u64)>, Failure> {
    let mut out = Vec::new();
    for item in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let (g, n) = item.split_once('=').ok_or_else(|| {
            Failure::usage(format!(
                "--per-gemeente: '{item}' is geen GEMEENTE=AANTAL (bv. Turnhout=80)"
            ))
        })?;
        let n = parse_yearly(n).map_err(|e| {
            Failure::usage(format!(
                "--per-gemeente: '{}' voor {}: {e}",
                crate::engine::reject::shown(n.trim()),
                crate::engine::reject::shown(g.trim())
            ))
        })?;
        let known = plan
            .werkingsgebied
            .gemeenten
            .iter()
            .find(|x| x.naam.eq_ignore_ascii_case(g.trim()))
            .ok_or_else(|| {
                let names: Vec<&str> = plan
                    .werkingsgebied
                    .gemeenten
                    .iter()
                    .map(|x| x.naam.as_str())
                    .collect();
                Failure::usage(format!(
                    "--per-gemeente: gemeente '{}' ligt niet in het werkingsgebied; kies uit {}",
                    g.trim(),
                    names.join(", ")
                ))
            })?;
        out.push((known.naam.clone(), n));
    }
    Ok(out)
}

fn load_dwellings(
    args: &Args,
    plan: &Plan,
    van: NaiveDate,
    tot: NaiveDate,
) -> Result<Vec<Vacancy>, Failure> {
    if let Some(path) = &args.woningen {
        let data = crate::files::read(path, crate::files::MAX_WONINGEN)
            .map_err(|e| super::inputs::unreadable(path, e))?;
        return dwellings::read(&data, Format::from_path(path), &file_label(path), plan)
            .map_err(Failure::usage);
    }
    let yearly = match (&args.per_gemeente, args.per_jaar) {
        (Some(text), _) => per_gemeente(plan, text)?,
        (None, Some(n)) => dwellings::spread_by_patrimony(plan, n),
        (None, None) => {
            let basis = plan
                .versneld
                .as_ref()
                .and_then(|v| v.basis.as_ref())
                .ok_or_else(|| {
                    Failure::usage(
                        "zeg welke woningen vrijkomen: --woningen BESTAND, of --per-jaar N of --per-gemeente GEMEENTE=N,…; het reglement heeft geen toewijzingshistoriek om een jaar op te baseren",
                    )
                })?;
            // the plan's bounds make the average a number ≥ 0
            let yearly = u64::try_from((basis.gemiddelde + 50) / 100).unwrap_or(0);
            dwellings::spread_by_patrimony(plan, yearly)
        }
    };
    let gen = Generation {
        per_gemeente: yearly,
        bijzonder_promille: args.bijzonder,
    };
    let list = dwellings::generate(plan, &gen, van, tot, args.zaad).map_err(Failure::usage)?;
    if let Some(path) = &args.schrijf_woningen {
        write_out(Some(path), &dwellings::write_csv(&list))?;
    }
    Ok(list)
}

pub fn run(args: Args) -> CmdResult {
    if args.regio.is_some() {
        return run_region(args);
    }
    let [reglement] = args.reglementen.as_slice() else {
        return Err(Failure::usage(
            "geef één reglement om te simuleren, of een regionaal kader met --regio KADER en zijn leden",
        ));
    };
    let reglement = reglement.clone();
    let timing = std::env::var_os("REGLEMENT_TIJDEN").is_some();
    let t0 = std::time::Instant::now();
    let lap = |what: &str| {
        if timing {
            eprintln!("tijd: {what}: {:.3} s", t0.elapsed().as_secs_f64());
        }
    };
    super::inputs::check_outputs(
        &[
            ("REGLEMENT", Some(&reglement)),
            ("--kandidaten", Some(&args.kandidaten)),
            ("--woningen", args.woningen.as_deref()),
            ("--vergelijk", args.vergelijk.as_deref()),
        ],
        &[
            ("--toewijzingen", args.toewijzingen.as_deref()),
            ("--samenvatting-csv", args.samenvatting_csv.as_deref()),
            ("--rapport", args.rapport.as_deref()),
            ("--schrijf-woningen", args.schrijf_woningen.as_deref()),
        ],
    )?;
    let plan = load_plan(&reglement)?;
    let other = match &args.vergelijk {
        Some(p) => Some(load_plan(p)?),
        None => None,
    };
    lap("plan");
    let van = args.van;
    // every simulated allocation is for a dwelling
    super::inputs::check_request(&plan, van, true, None)?;
    if let Some(o) = &other {
        super::inputs::check_request(o, van, true, None)?;
    }
    let settings = settings_of(&args);
    let tot = settings.tot;
    let batch = load_candidates(&args.kandidaten, args.invoer_formaat)?;
    lap("kandidaten gelezen");
    let list = load_dwellings(&args, &plan, van, tot)?;
    lap("woningen");
    let sim = simulate::simulate(&plan, &batch, &list, &settings)
        .map_err(|e| Failure::usage(e.to_string()))?;
    lap("gesimuleerd");
    // what could not be read or is not accepted: never on a list, each
    // with its error (they are counted in the summary)
    super::inputs::report_rows(
        &batch.bestand,
        &batch.warnings,
        &sim.geweigerd,
        "'reglement rangschik' met hetzelfde bestand toont ze alle",
    );
    let summary = Summary::new(&sim, &plan, &batch);
    let other_sim = match &other {
        Some(p) => Some(
            simulate::simulate(p, &batch, &list, &settings)
                .map_err(|e| Failure::usage(e.to_string()))?,
        ),
        None => None,
    };
    let mut name_a = file_label(&reglement);
    let mut name_b = args
        .vergelijk
        .as_deref()
        .map(file_label)
        .unwrap_or_default();
    if let (true, Some(b)) = (name_a == name_b, &args.vergelijk) {
        // two versions with the same file name: tell them apart by path
        name_a = reglement.display().to_string();
        name_b = b.display().to_string();
    }
    let comparison = match (&other, &other_sim) {
        (Some(p), Some(s)) => Some(Vergelijking::new((&sim, &plan), (s, p), &batch)),
        _ => None,
    };
    if let Some(path) = &args.toewijzingen {
        let rows = sim.log(&plan, &batch);
        let is_json = Format::from_path(path) == Format::Json;
        let text = if is_json {
            let woningen = match (&args.woningen, &args.schrijf_woningen) {
                (Some(w), _) | (None, Some(w)) => file_label(w),
                _ => "(gemaakt; schrijf ze met --schrijf-woningen)".to_string(),
            };
            let header = LogHeader {
                schema: write::LOG_SCHEMA,
                reglement: name_a.clone(),
                bron_hash: plan.reglement.bron_hash.clone(),
                kandidaten: batch.bestand.clone(),
                verklaar: format!(
                    "reglement verklaar {name_a} --kandidaten {} --woningen {woningen}",
                    batch.bestand
                ),
                woningen,
                van,
                tot,
                zaad: args.zaad,
                weigerkans: args.weigerkans.to_string(),
            };
            write::log_json(&header, &rows)
        } else {
            write::log_csv(&rows)
        };
        write_out(Some(path), &text)?;
    }
    if let Some(path) = &args.samenvatting_csv {
        let text = match &comparison {
            Some(v) => write::summary_csv(&[("A", &v.a), ("B", &v.b)]),
            None => write::summary_csv(&[("A", &summary)]),
        };
        write_out(Some(path), &text)?;
    }
    if let Some(path) = &args.rapport {
        let html = simulate::report::html(&summary, comparison.as_ref(), &name_a, &name_b);
        write_out(Some(path), &html)?;
    }
    lap("geschreven");
    let text = match (args.formaat, &comparison) {
        (SummaryFormat::Tekst, None) => write::summary_text(&summary),
        (SummaryFormat::Tekst, Some(v)) => format!(
            "{}\n{}",
            write::summary_text(&summary),
            write::comparison_text(v, &name_a, &name_b)
        ),
        (SummaryFormat::Json, None) => {
            let mut s = serde_json::to_string_pretty(&summary).unwrap_or_default();
            s.push('\n');
            s
        }
        (SummaryFormat::Json, Some(v)) => {
            let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
            s.push('\n');
            s
        }
    };
    write_out(None, &text)?;
    Ok(ExitCode::Ok)
}

/// `simuleer --regio`: the members of a regional frame on one candidates
/// list (`simulate::region`).
fn run_region(args: Args) -> CmdResult {
    use crate::simulate::region::{self, Lid, RegionSummary};
    let Some(regio) = args.regio.as_deref() else {
        return Err(Failure::usage("--regio KADER ontbreekt"));
    };
    let frame = super::check::frame_file(regio)?;
    let paths = super::check::frame_members(&frame, &args.reglementen)?;
    if paths.is_empty() {
        return Err(Failure::usage(format!(
            "{}: geen enkel reglement gebruikt dit kader; geef de leden na --regio",
            frame.display()
        )));
    }
    let mut inputs: Vec<(&str, Option<&std::path::Path>)> = vec![
        ("--regio", Some(frame.as_path())),
        ("--kandidaten", Some(args.kandidaten.as_path())),
        ("--woningen", args.woningen.as_deref()),
    ];
    inputs.extend(paths.iter().map(|p| ("REGLEMENT", Some(p.as_path()))));
    super::inputs::check_outputs(
        &inputs,
        &[
            ("--toewijzingen", args.toewijzingen.as_deref()),
            ("--samenvatting-csv", args.samenvatting_csv.as_deref()),
            ("--rapport", args.rapport.as_deref()),
        ],
    )?;
    let frame_analysis = super::output::analyze_path(&frame)?;
    let frame_name = crate::region::frame_itself(&frame_analysis)
        .map(|f| f.naam)
        .unwrap_or_else(|| file_label(&frame));
    let mut analyses = Vec::new();
    let mut plans = Vec::new();
    for p in &paths {
        let a = super::output::analyze_path(p)?;
        plans.push(super::inputs::compile(&a, p)?);
        analyses.push(a);
    }
    // the members in the frame's order, each by its name in the frame's
    // list; a member the list does not name comes after, by file
    let refs: Vec<&crate::Analysis> = analyses.iter().collect();
    let (listed, _) = crate::region::members(&frame_analysis, &refs);
    let mut order: Vec<(usize, String)> = Vec::new();
    for m in &listed {
        for &i in &m.reglementen {
            if !order.iter().any(|(j, _)| *j == i) {
                order.push((i, m.naam.clone()));
            }
        }
    }
    for (i, p) in plans.iter().enumerate() {
        if !order.iter().any(|(j, _)| *j == i) {
            let id = &p.reglement;
            order.push((
                i,
                id.titel
                    .clone()
                    .unwrap_or_else(|| id.woonmaatschappij.clone()),
            ));
        }
    }
    let van = args.van;
    for p in &plans {
        super::inputs::check_request(p, van, true, None)?;
    }
    let settings = settings_of(&args);
    let tot = settings.tot;
    let leden: Vec<Lid> = order
        .iter()
        .map(|(i, naam)| Lid {
            naam: naam.as_str(),
            plan: &plans[*i],
        })
        .collect();
    let batch = load_candidates(&args.kandidaten, args.invoer_formaat)?;
    let lists = match &args.woningen {
        Some(path) => {
            let data = crate::files::read(path, crate::files::MAX_WONINGEN)
                .map_err(|e| super::inputs::unreadable(path, e))?;
            dwellings::read_region(&data, Format::from_path(path), &file_label(path), &leden)
                .map_err(Failure::usage)?
        }
        None => leden
            .iter()
            .map(|l| load_dwellings(&args, l.plan, van, tot))
            .collect::<Result<_, _>>()?,
    };
    let jaar = region::simulate(&leden, &batch, &lists, &settings)
        .map_err(|e| Failure::usage(e.to_string()))?;
    // what could not be read, and what a member's reglement does not
    // accept (once, however many members refuse it)
    let mut refused: Vec<crate::engine::Rejection> = Vec::new();
    for sim in &jaar.leden {
        for r in &sim.geweigerd {
            if !refused
                .iter()
                .any(|x| x.plaats == r.plaats && x.veld == r.veld)
            {
                refused.push(r.clone());
            }
        }
    }
    refused.sort_by_key(|r| r.plaats.order());
    super::inputs::report_rows(
        &batch.bestand,
        &batch.warnings,
        &refused,
        "'reglement rangschik' met hetzelfde bestand toont ze alle",
    );
    let summary = RegionSummary::new(&frame_name, &leden, &jaar, &batch);
    if let Some(path) = &args.toewijzingen {
        // one register for the region, as 'reglement monitor LID LID …' reads it
        let text = if Format::from_path(path) == Format::Json {
            let header = region::LogHeader {
                schema: region::LOG_SCHEMA,
                regio: frame_name.clone(),
                kandidaten: batch.bestand.clone(),
                woningen: match &args.woningen {
                    Some(w) => file_label(w),
                    None => "(gemaakt per lid)".to_string(),
                },
                van,
                tot,
                zaad: args.zaad,
                weigerkans: args.weigerkans.to_string(),
            };
            region::log_json(&header, &leden, &jaar, &batch)
        } else {
            write::log_csv(&region::log(&leden, &jaar, &batch))
        };
        write_out(Some(path), &text)?;
    }
    if let Some(path) = &args.samenvatting_csv {
        let versions: Vec<(&str, &Summary)> = summary
            .leden
            .iter()
            .zip(&summary.per_lid)
            .map(|(l, s)| (l.naam.as_str(), s))
            .collect();
        write_out(Some(path), &write::summary_csv(&versions))?;
    }
    if let Some(path) = &args.rapport {
        write_out(Some(path), &region::html(&summary))?;
    }
    let text = match args.formaat {
        SummaryFormat::Tekst => region::text(&summary),
        SummaryFormat::Json => {
            let mut s = serde_json::to_string_pretty(&summary).unwrap_or_default();
            s.push('\n');
            s
        }
    };
    write_out(None, &text)?;
    Ok(ExitCode::Ok)
}

/// The simulation's options from the command line: the period runs from
/// `--van` to `--tot`, by default one year less a day.
fn settings_of(args: &Args) -> Settings {
    let van = args.van;
    let tot = args.tot.unwrap_or_else(|| {
        van.checked_add_months(chrono::Months::new(12))
            .and_then(|d| d.pred_opt())
            .unwrap_or(van)
    });
    Settings {
        van,
        tot,
        zaad: args.zaad,
        weigerkans: args.weigerkans,
    }
}
