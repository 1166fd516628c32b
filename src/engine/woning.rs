//! Reading the dwellings file (`woningen.csv` or `.json`, docs/gegevens.md) and
//! finding the dwelling that came free.

use super::candidate::Dwelling;
use super::fields;
use super::read::Format;
use super::reject::shown;
use super::table::{self, Place};

/// One row as written, before checking.
#[derive(Debug)]
struct RawWoning {
    woning: Option<String>,
    gemeente: Option<String>,
    slaapkamers: Option<serde_json::Value>,
    soort: Option<String>,
    doelgroep: Option<String>,
    vrij_vanaf: Option<String>,
    bijzonder: Option<String>,
}

fn text(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// The columns a dwellings file must have.
const REQUIRED: [&str; 3] = ["woning", "gemeente", "slaapkamers"];

/// Every problem of one row, in the order of its fields.
fn check(raw: &RawWoning, place: &Place) -> Result<Dwelling, Vec<String>> {
    let mut errors = Vec::new();
    // text fields: no control characters, no absurd lengths (a message
    // never repeats such a value whole)
    let texts = [
        ("woning", &raw.woning),
        ("gemeente", &raw.gemeente),
        ("type", &raw.soort),
        ("doelgroep", &raw.doelgroep),
        ("bijzonder", &raw.bijzonder),
    ];
    for (name, value) in texts {
        if let Some(e) = value
            .as_deref()
            .and_then(|v| table::text_problem(place, name, v.trim()))
        {
            errors.push(e);
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let Some(woning) = text(&raw.woning) else {
        return Err(vec![format!(
            "{}: 'woning' is verplicht maar leeg",
            place.field("woning")
        )]);
    };
    let at = |name: &str| format!("{}, woning {woning}", place.field(name));
    let gemeente = text(&raw.gemeente);
    if gemeente.is_none() {
        errors.push(format!(
            "{}: 'gemeente' is verplicht maar leeg",
            at("gemeente")
        ));
    }
    let slaapkamers = match table::count(raw.slaapkamers.as_ref()) {
        Ok(n) => Some(n),
        Err(written) => {
            errors.push(format!(
                "{}: 'slaapkamers' is {written}; verwacht {} (0 = studio)",
                at("slaapkamers"),
                fields::count_expected(0)
            ));
            None
        }
    };
    let vrij_vanaf = match text(&raw.vrij_vanaf) {
        None => None,
        Some(s) => match fields::parse_day(s.as_bytes()) {
            Ok(d) => Some(fields::to_date(d)),
            Err(e) => {
                errors.push(format!(
                    "{}: 'vrij_vanaf' is '{}'; verwacht {}",
                    at("vrij_vanaf"),
                    shown(&s),
                    e.verwacht
                ));
                None
            }
        },
    };
    match (gemeente, slaapkamers) {
        (Some(gemeente), Some(slaapkamers)) if errors.is_empty() => Ok(Dwelling {
            woning,
            gemeente,
            slaapkamers,
            soort: text(&raw.soort),
            doelgroep: text(&raw.doelgroep),
            vrij_vanaf,
        }),
        _ => Err(errors),
    }
}

/// The dwelling `id` from a dwellings file. Errors are Dutch messages: an
/// unreadable file, a missing dwelling, or a malformed row of that dwelling.
pub fn find(data: &[u8], format: Format, bestand: &str, id: &str) -> Result<Dwelling, String> {
    let rows = raw_rows(data, format, bestand)?
        .into_iter()
        .collect::<Result<Vec<_>, String>>()?;
    let matching: Vec<&(Place, RawWoning)> = rows
        .iter()
        .filter(|(_, r)| r.woning.as_deref().map(str::trim) == Some(id.trim()))
        .collect();
    match matching.as_slice() {
        [] => {
            let known: Vec<String> = rows
                .iter()
                .filter_map(|(_, r)| text(&r.woning).map(|w| shown(&w)))
                .take(20)
                .collect();
            Err(format!(
                "woning '{}' staat niet in {bestand}; het bestand bevat {}",
                shown(id),
                if known.is_empty() {
                    "geen woningen".to_string()
                } else {
                    known.join(", ")
                }
            ))
        }
        [(place, raw)] => check(raw, place).map_err(|e| e.join("\n")),
        more => Err(format!(
            "woning '{}' staat {} keer in {bestand}; een woning is uniek",
            shown(id),
            more.len()
        )),
    }
}

/// One row of a dwellings file with its place, for reading a whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WoningRij {
    pub woning: Dwelling,
    /// The optional column `bijzonder`: a pillar-4 code of the plan
    /// (bijzondere toewijzing or interne mutatie), outside the shares.
    pub bijzonder: Option<String>,
    /// "woningen.csv, regel 3", for messages.
    pub plaats: String,
}

/// Every row of a dwellings file: the rows that are right and the errors
/// of the others. `rows.len() + refused == records`, always: every record
/// of the file (a non-blank line after the header, or an element of the
/// JSON array) is read or refused, none is lost or merged.
#[derive(Debug, Clone, Default)]
pub struct Rows {
    /// The records in the file.
    pub records: usize,
    pub rows: Vec<WoningRij>,
    /// How many records have at least one error.
    pub refused: usize,
    /// Every error, in file order (a record may have several).
    pub errors: Vec<String>,
}

/// Every dwelling of a dwellings file, in file order. Every malformed row
/// and every dwelling written twice is reported (Dutch messages, one per
/// line, with file, line and column); one is enough to refuse the file.
pub fn read_all(data: &[u8], format: Format, bestand: &str) -> Result<Vec<WoningRij>, String> {
    let rows = read_rows(data, format, bestand, &|_| Vec::new())?;
    if rows.errors.is_empty() {
        return Ok(rows.rows);
    }
    Err(errors_message(&rows.errors, bestand))
}

/// Read every row, and check each readable row with `more` too (what the
/// caller knows: a plan, a required column), so that all errors of the file
/// are listed in one pass. A file that cannot be read at all (no header,
/// required columns missing, not JSON) is the outer error.
pub fn read_rows(
    data: &[u8],
    format: Format,
    bestand: &str,
    more: &dyn Fn(&WoningRij) -> Vec<String>,
) -> Result<Rows, String> {
    let raw = raw_rows(data, format, bestand)?;
    let mut out = Rows {
        records: raw.len(),
        ..Rows::default()
    };
    let mut seen = std::collections::HashMap::new();
    for row in raw {
        let (place, raw) = match row {
            Ok(r) => r,
            Err(e) => {
                out.errors.push(e);
                out.refused += 1;
                continue;
            }
        };
        let woning = match check(&raw, &place) {
            Ok(w) => w,
            Err(e) => {
                out.errors.extend(e);
                out.refused += 1;
                continue;
            }
        };
        if let Some(first) = seen.insert(woning.woning.clone(), place.row.clone()) {
            out.errors.push(format!(
                "{}, woning {}: staat al eerder in het bestand ({first}); een woning is uniek",
                place.field("woning"),
                woning.woning
            ));
            out.refused += 1;
            continue;
        }
        let row = WoningRij {
            woning,
            bijzonder: text(&raw.bijzonder),
            plaats: place.row,
        };
        let problems = more(&row);
        if !problems.is_empty() {
            out.errors.extend(
                problems
                    .into_iter()
                    .map(|p| format!("{}, woning {}: {p}", row.plaats, row.woning.woning)),
            );
            out.refused += 1;
            continue;
        }
        out.rows.push(row);
    }
    debug_assert_eq!(out.rows.len() + out.refused, out.records);
    Ok(out)
}

/// The errors of a dwellings file as one message: the first 20, one per
/// line, and how many more there are.
pub fn errors_message(errors: &[String], bestand: &str) -> String {
    const SHOWN: usize = 20;
    let mut message = errors[..errors.len().min(SHOWN)].join("\n");
    if errors.len() > SHOWN {
        message.push_str(&format!(
            "\n… en nog {} fouten in {bestand}",
            errors.len() - SHOWN
        ));
    }
    message
}

type RawRow = Result<(Place, RawWoning), String>;

/// How the table reader names a dwellings file.
const KIND: table::Kind = table::Kind {
    record: "woning",
    per: "woning",
    file: "woningenbestand",
    required: &REQUIRED,
    json_expected: "verwacht een lijst van woningen [{\"woning\": ..., \"gemeente\": ..., \"slaapkamers\": ...}, ...]",
};

/// The columns read, in [`RawWoning`]'s order.
const COLUMNS: [&str; 7] = [
    "woning",
    "gemeente",
    "slaapkamers",
    "type",
    "doelgroep",
    "vrij_vanaf",
    "bijzonder",
];

/// The rows of a file with their places ([`table::records`]: one record
/// per CSV line, JSON with every object's keys checked); a text field of
/// another JSON type is an error of its row.
fn raw_rows(data: &[u8], format: Format, bestand: &str) -> Result<Vec<RawRow>, String> {
    let rows = table::records(data, format, bestand, &KIND, &COLUMNS)?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let r = row?;
            let mut wrong = Vec::new();
            let mut get = |i: usize| {
                r.text(i, COLUMNS[i]).unwrap_or_else(|e| {
                    wrong.push(e);
                    None
                })
            };
            let raw = RawWoning {
                woning: get(0),
                gemeente: get(1),
                slaapkamers: None,
                soort: get(3),
                doelgroep: get(4),
                vrij_vanaf: get(5),
                bijzonder: get(6),
            };
            if !wrong.is_empty() {
                return Err(wrong.join("\n"));
            }
            let slaapkamers = r.values[2].clone();
            Ok((r.place, RawWoning { slaapkamers, ..raw }))
        })
        .collect())
}
