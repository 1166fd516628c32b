//! The dwellings that come free during the simulated period: read from a
//! dwellings file (docs/gegevens.md, with `vrij_vanaf`, and the optional column
//! `bijzonder` for a pillar-4 allocation), or generated from a yearly
//! number per gemeente with a seed.
//!
//! Dwellings are allocated in a fixed total order: by `vrij_vanaf`, then by
//! the dwelling id (byte by byte).
//!
//! **Generation** (seeded ChaCha8, the same stream on every platform):
//! the yearly number per gemeente (given, or a yearly total spread over the
//! gemeenten by their patrimony, largest remainder first) is scaled to the
//! period's length (a period of one year from `van` gets the yearly number); each dwelling gets a day drawn uniformly in the period,
//! a number of bedrooms (studio 6%, 1: 24%, 2: 36%, 3: 26%, 4: 7%, 5: 1%),
//! and is reserved for a pillar-3 target group with the probability that a
//! dwelling of that gemeente is reserved for it (the plan's reserved
//! dwellings over the gemeente's patrimony: a reserved dwelling comes free
//! as often as any other). A share of dwellings (`bijzonder`, per thousand)
//! is tagged with the plan's first pillar-4 code.

use crate::engine::read::Format;
use crate::engine::woning::{self, WoningRij};
use crate::engine::Dwelling;
use crate::plan::Plan;
use chrono::NaiveDate;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// A vacancy: a dwelling that comes free, with its date (and, for pijler 4,
/// its code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vacancy {
    pub woning: Dwelling,
    pub vrij_vanaf: NaiveDate,
    /// A pillar-4 code: allocated outside the waiting list and the shares.
    pub bijzonder: Option<String>,
}

/// The dwellings of a file, checked against the plan in the same pass:
/// every row needs a `vrij_vanaf` (a file without the column says so
/// once), a gemeente of the werkingsgebied, and a `doelgroep` and a
/// `bijzonder` code that the plan knows (codes exactly as the reglement
/// writes them, as in the candidates file). Every error of every row is
/// listed; one is enough to refuse the file, since a dwelling the plan
/// cannot place would silently stay unallocated.
pub fn read(
    data: &[u8],
    format: Format,
    bestand: &str,
    plan: &Plan,
) -> Result<Vec<Vacancy>, String> {
    let check = |r: &WoningRij| {
        let mut problems = Vec::new();
        if r.woning.vrij_vanaf.is_none() {
            problems.push(
                "'vrij_vanaf' is verplicht voor een simulatie: de datum waarop de woning vrijkomt"
                    .to_string(),
            );
        }
        let d = Vacancy {
            woning: r.woning.clone(),
            // the date only picks the ceilings in force, never an error
            vrij_vanaf: r.woning.vrij_vanaf.unwrap_or_default(),
            bijzonder: r.bijzonder.clone(),
        };
        problems.extend(super::dwelling_error(plan, &d));
        problems
    };
    let rows = woning::read_rows(data, format, bestand, &check)?;
    let undated = rows
        .errors
        .iter()
        .filter(|e| e.contains("'vrij_vanaf' is verplicht voor een simulatie"))
        .count();
    if rows.records > 0 && rows.rows.is_empty() && undated == rows.records {
        return Err(format!(
            "{bestand}: geen enkele woning heeft een 'vrij_vanaf'; een simulatie heeft per woning de datum nodig waarop ze vrijkomt (kolom 'vrij_vanaf', JJJJ-MM-DD)"
        ));
    }
    if !rows.errors.is_empty() {
        return Err(woning::errors_message(&rows.errors, bestand));
    }
    Ok(rows
        .rows
        .into_iter()
        .filter_map(
            |WoningRij {
                 woning, bijzonder, ..
             }| {
                Some(Vacancy {
                    vrij_vanaf: woning.vrij_vanaf?,
                    woning,
                    bijzonder,
                })
            },
        )
        .collect())
}

/// The dwellings of one regional file, split over the members of a
/// region: each goes to the member whose werkingsgebied holds its gemeente
/// (see [`super::region::member_of`]) and is checked against that
/// member's plan as [`read`] checks it. A gemeente of no member, or of
/// several, is an error of its row; one error refuses the file.
pub fn read_region(
    data: &[u8],
    format: Format,
    bestand: &str,
    leden: &[super::region::Lid],
) -> Result<Vec<Vec<Vacancy>>, String> {
    let member = |r: &WoningRij| super::region::member_of(leden, &r.woning.gemeente);
    let check = |r: &WoningRij| {
        let mut problems = Vec::new();
        if r.woning.vrij_vanaf.is_none() {
            problems.push(
                "'vrij_vanaf' is verplicht voor een simulatie: de datum waarop de woning vrijkomt"
                    .to_string(),
            );
        }
        match member(r) {
            Ok(m) => {
                let d = Vacancy {
                    woning: r.woning.clone(),
                    vrij_vanaf: r.woning.vrij_vanaf.unwrap_or_default(),
                    bijzonder: r.bijzonder.clone(),
                };
                problems.extend(super::dwelling_error(leden[m].plan, &d));
            }
            Err(several) if several.is_empty() => problems.push(format!(
                "gemeente '{}' ligt in het werkingsgebied van geen lid van de regio",
                crate::engine::reject::shown(&r.woning.gemeente)
            )),
            Err(several) => problems.push(format!(
                "gemeente '{}' ligt in het werkingsgebied van meer dan één lid ({}); een woning hoort bij één woonmaatschappij",
                crate::engine::reject::shown(&r.woning.gemeente),
                several
                    .iter()
                    .map(|&m| leden[m].naam)
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
        problems
    };
    let rows = woning::read_rows(data, format, bestand, &check)?;
    if !rows.errors.is_empty() {
        return Err(woning::errors_message(&rows.errors, bestand));
    }
    let mut out = vec![Vec::new(); leden.len()];
    for r in rows.rows {
        let (Ok(m), Some(vrij_vanaf)) = (member(&r), r.woning.vrij_vanaf) else {
            continue;
        };
        out[m].push(Vacancy {
            vrij_vanaf,
            woning: r.woning,
            bijzonder: r.bijzonder,
        });
    }
    Ok(out)
}

/// The allocation order: by date, then by dwelling id.
pub fn sort(dwellings: &mut [Vacancy]) {
    dwellings.sort_by(|a, b| {
        a.vrij_vanaf
            .cmp(&b.vrij_vanaf)
            .then_with(|| a.woning.woning.as_bytes().cmp(b.woning.woning.as_bytes()))
    });
}

/// How to generate dwellings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generation {
    /// Dwellings coming free per year, per gemeente.
    pub per_gemeente: Vec<(String, u64)>,
    /// Per thousand dwellings: tagged for pijler 4.
    pub bijzonder_promille: u32,
}

/// The most dwellings a simulation generates (over the whole period, all
/// gemeenten together), and the most a yearly number may ask for: all
/// social rental allocations of Flanders over 25 years. Checked before
/// anything is allocated ([`check_size`]).
pub const MAX_DWELLINGS: u64 = 500_000;

/// A yearly total spread over the werkingsgebied by patrimony (largest
/// remainder, ties by the plan's order). Exact for any total: the
/// products are made in 128 bits.
pub fn spread_by_patrimony(plan: &Plan, total: u64) -> Vec<(String, u64)> {
    let gemeenten = &plan.werkingsgebied.gemeenten;
    let weights: Vec<u128> = gemeenten
        .iter()
        .map(|g| u128::from(g.woningen.max(1)))
        .collect();
    let sum: u128 = weights.iter().sum::<u128>().max(1);
    let total_wide = u128::from(total);
    let mut out: Vec<(String, u64)> = gemeenten
        .iter()
        .zip(&weights)
        // at most `total`: fits
        .map(|(g, w)| (g.naam.clone(), (total_wide * w / sum) as u64))
        .collect();
    let mut left = total - out.iter().map(|x| x.1).sum::<u64>();
    let mut order: Vec<usize> = (0..out.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse((total_wide * weights[i]) % sum), i));
    for i in order {
        if left == 0 {
            break;
        }
        out[i].1 += 1;
        left -= 1;
    }
    out
}

const BEDROOMS: [(u32, u32); 6] = [(0, 60), (1, 240), (2, 360), (3, 260), (4, 70), (5, 10)];

/// The days of the period, and the days of the year that starts on `van`
/// (a yearly number is spread over them).
fn period_days(van: NaiveDate, tot: NaiveDate) -> (i64, i64) {
    let days = (tot - van).num_days().max(0) + 1;
    let year_days = van
        .checked_add_months(chrono::Months::new(12))
        .map_or(365, |next| (next - van).num_days().max(1));
    (days, year_days)
}

/// How many dwellings a yearly number makes in the period (rounded).
fn scaled(yearly: u64, days: i64, year_days: i64) -> u128 {
    (u128::from(yearly) * days as u128 + year_days as u128 / 2) / year_days as u128
}

/// How many dwellings [`generate`] would make, refused (before anything is
/// allocated) when it is more than [`MAX_DWELLINGS`].
pub fn check_size(gen: &Generation, van: NaiveDate, tot: NaiveDate) -> Result<u64, String> {
    let (days, year_days) = period_days(van, tot);
    let total: u128 = gen
        .per_gemeente
        .iter()
        .map(|(_, yearly)| scaled(*yearly, days, year_days))
        .sum();
    if total > u128::from(MAX_DWELLINGS) {
        return Err(format!(
            "de simulatie zou {} woningen maken ({} dagen); hoogstens {} per simulatie: kies een kleiner aantal per jaar of een kortere periode",
            crate::nl::thousands(u64::try_from(total).unwrap_or(u64::MAX)),
            days,
            crate::nl::thousands(MAX_DWELLINGS)
        ));
    }
    Ok(total as u64)
}

/// Generate the dwellings of `van ..= tot`, seeded; refused when they
/// would be more than [`MAX_DWELLINGS`] ([`check_size`]).
pub fn generate(
    plan: &Plan,
    gen: &Generation,
    van: NaiveDate,
    tot: NaiveDate,
    seed: u64,
) -> Result<Vec<Vacancy>, String> {
    let size = check_size(gen, van, tot)?;
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x776f_6e69_6e67_656e);
    let (days, year_days) = period_days(van, tot);
    let pillar4 = plan.bijzonder.first().map(|b| b.code.clone());
    let mut out = Vec::with_capacity(size as usize);
    for (name, yearly) in &gen.per_gemeente {
        let g = plan
            .werkingsgebied
            .gemeenten
            .iter()
            .find(|g| g.naam.eq_ignore_ascii_case(name));
        let patrimony = g.map_or(1, |g| g.woningen.max(1));
        let reserved: Vec<(String, u64)> = plan
            .doelgroepen
            .iter()
            .flat_map(|d| &d.voorbehouden)
            .filter(|v| v.gemeente.eq_ignore_ascii_case(name))
            .flat_map(|v| v.per_doelgroep.iter().map(|(k, n)| (k.clone(), *n)))
            .filter(|(_, n)| *n > 0)
            .collect();
        // at most MAX_DWELLINGS (check_size)
        let count = scaled(*yearly, days, year_days) as u64;
        let short: String = name
            .chars()
            .filter(|c| c.is_alphanumeric())
            .take(3)
            .collect::<String>()
            .to_uppercase();
        for i in 0..count {
            let day = van + chrono::Duration::days(rng.random_range(0..days));
            let mut k = rng.random_range(0..1000u32);
            let mut slaapkamers = 2;
            for (n, w) in BEDROOMS {
                if k < w {
                    slaapkamers = n;
                    break;
                }
                k -= w;
            }
            let mut r = rng.random_range(0..patrimony);
            let mut doelgroep = None;
            for (code, n) in &reserved {
                if r < *n {
                    doelgroep = Some(code.clone());
                    break;
                }
                r -= n;
            }
            let tagged = rng.random_range(0..1000u32) < gen.bijzonder_promille;
            let bijzonder = if doelgroep.is_none() && tagged {
                pillar4.clone()
            } else {
                None
            };
            let soort = match slaapkamers {
                0 => "studio",
                1 | 2 => "appartement",
                _ => "huis",
            };
            out.push(Vacancy {
                woning: Dwelling {
                    woning: format!("W-{short}-{:05}", i + 1),
                    gemeente: g.map_or(name.clone(), |g| g.naam.clone()),
                    slaapkamers,
                    soort: Some(soort.to_string()),
                    doelgroep,
                    vrij_vanaf: Some(day),
                },
                vrij_vanaf: day,
                bijzonder,
            });
        }
    }
    sort(&mut out);
    Ok(out)
}

/// The dwellings as a docs/gegevens.md dwellings file (with `bijzonder`), so that a
/// generated year can be read again and every allocation explained with
/// `reglement verklaar --woningen`.
pub fn write_csv(dwellings: &[Vacancy]) -> String {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    let _ = w.write_record([
        "woning",
        "gemeente",
        "slaapkamers",
        "type",
        "doelgroep",
        "vrij_vanaf",
        "bijzonder",
    ]);
    for d in dwellings {
        let _ = w.write_record([
            d.woning.woning.as_str(),
            d.woning.gemeente.as_str(),
            &d.woning.slaapkamers.to_string(),
            d.woning.soort.as_deref().unwrap_or(""),
            d.woning.doelgroep.as_deref().unwrap_or(""),
            &d.vrij_vanaf.to_string(),
            d.bijzonder.as_deref().unwrap_or(""),
        ]);
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}
