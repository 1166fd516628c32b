//! Reading the dwellings file (`woningen.csv` or `.json`, DATA.md) and
//! finding the dwelling that came free.

use super::candidate::Woning;
use super::fields;
use super::read::Format;
use serde::Deserialize;

/// One row as written, before checking.
#[derive(Debug, Deserialize)]
struct RawWoning {
    woning: Option<String>,
    gemeente: Option<String>,
    slaapkamers: Option<serde_json::Value>,
    #[serde(rename = "type")]
    soort: Option<String>,
    doelgroep: Option<String>,
    vrij_vanaf: Option<String>,
    #[serde(default)]
    bijzonder: Option<String>,
}

fn text(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Where a row of a dwellings file is, for messages: "woningen.csv, regel
/// 26" (CSV, the line the record starts on) or "woningen.json, woning 3",
/// and, in a CSV file, the column of each field.
#[derive(Debug, Clone)]
struct Place {
    row: String,
    columns: Option<std::rc::Rc<Vec<String>>>,
}

impl Place {
    /// "woningen.csv, regel 26, kolom 3 (slaapkamers)".
    fn field(&self, name: &str) -> String {
        match self
            .columns
            .as_ref()
            .and_then(|c| c.iter().position(|h| h == name))
        {
            Some(k) => format!("{}, kolom {} ({name})", self.row, k + 1),
            None => format!("{}, veld '{name}'", self.row),
        }
    }
}

/// The columns a dwellings file must have.
const REQUIRED: [&str; 3] = ["woning", "gemeente", "slaapkamers"];

fn check(raw: &RawWoning, place: &Place) -> Result<Woning, String> {
    let woning = text(&raw.woning)
        .ok_or_else(|| format!("{}: 'woning' is verplicht maar leeg", place.field("woning")))?;
    let at = |name: &str| format!("{}, woning {woning}", place.field(name));
    let gemeente = text(&raw.gemeente)
        .ok_or_else(|| format!("{}: 'gemeente' is verplicht maar leeg", at("gemeente")))?;
    let slaapkamers = match &raw.slaapkamers {
        Some(serde_json::Value::Number(n)) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
        Some(serde_json::Value::String(s)) => fields::parse_count(s.trim().as_bytes(), 0).ok(),
        _ => None,
    }
    .ok_or_else(|| {
        let written = match &raw.slaapkamers {
            Some(serde_json::Value::String(s)) => format!("'{}'", s.trim()),
            Some(v) => v.to_string(),
            None => "leeg".to_string(),
        };
        format!(
            "{}: 'slaapkamers' is {written}; verwacht een geheel getal, 0 of meer (0 = studio)",
            at("slaapkamers")
        )
    })?;
    let vrij_vanaf = match text(&raw.vrij_vanaf) {
        None => None,
        Some(s) => Some(fields::to_date(fields::parse_day(s.as_bytes()).map_err(
            |e| {
                format!(
                    "{}: 'vrij_vanaf' is '{s}'; verwacht {}",
                    at("vrij_vanaf"),
                    e.verwacht
                )
            },
        )?)),
    };
    Ok(Woning {
        woning,
        gemeente,
        slaapkamers,
        soort: text(&raw.soort),
        doelgroep: text(&raw.doelgroep),
        vrij_vanaf,
    })
}

/// The dwelling `id` from a dwellings file. Errors are Dutch messages: an
/// unreadable file, a missing dwelling, or a malformed row of that dwelling.
pub fn find(data: &[u8], format: Format, bestand: &str, id: &str) -> Result<Woning, String> {
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
                .filter_map(|(_, r)| text(&r.woning))
                .take(20)
                .collect();
            Err(format!(
                "woning '{id}' staat niet in {bestand}; het bestand bevat {}",
                if known.is_empty() {
                    "geen woningen".to_string()
                } else {
                    known.join(", ")
                }
            ))
        }
        [(place, raw)] => check(raw, place),
        more => Err(format!(
            "woning '{id}' staat {} keer in {bestand}; een woning is uniek",
            more.len()
        )),
    }
}

/// One row of a dwellings file with its place, for reading a whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WoningRij {
    pub woning: Woning,
    /// The optional column `bijzonder`: a pillar-4 code of the plan
    /// (bijzondere toewijzing or interne mutatie), outside the shares.
    pub bijzonder: Option<String>,
    /// "woningen.csv, regel 3", for messages.
    pub plaats: String,
}

/// Every dwelling of a dwellings file, in file order. Every malformed row
/// and every dwelling written twice is reported (Dutch messages, one per
/// line, with file, line and column); one is enough to refuse the file.
pub fn read_all(data: &[u8], format: Format, bestand: &str) -> Result<Vec<WoningRij>, String> {
    let rows = raw_rows(data, format, bestand)?;
    let mut out: Vec<WoningRij> = Vec::with_capacity(rows.len());
    let mut errors: Vec<String> = Vec::new();
    let mut seen = std::collections::HashMap::new();
    for row in rows {
        let (place, raw) = match row {
            Ok(r) => r,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let woning = match check(&raw, &place) {
            Ok(w) => w,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        if let Some(first) = seen.insert(woning.woning.clone(), place.row.clone()) {
            errors.push(format!(
                "{}, woning {}: staat al eerder in het bestand ({first}); een woning is uniek",
                place.field("woning"),
                woning.woning
            ));
            continue;
        }
        out.push(WoningRij {
            woning,
            bijzonder: text(&raw.bijzonder),
            plaats: place.row,
        });
    }
    if errors.is_empty() {
        return Ok(out);
    }
    Err(errors_message(&errors, bestand))
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

/// A CSV reading error in Dutch, at the line the record starts on.
fn csv_error(e: &csv::Error, bestand: &str, header_len: usize) -> String {
    let line = e.position().map_or(0, |p| p.line());
    match e.kind() {
        csv::ErrorKind::UnequalLengths { len, .. } => format!(
            "{bestand}, regel {line}: {}",
            super::reject::field_count(*len as usize, header_len)
        ),
        csv::ErrorKind::Utf8 { .. } => {
            format!("{bestand}, regel {line}: geen geldige UTF-8; bewaar het bestand als UTF-8")
        }
        _ => format!("{bestand}, regel {line}: geen geldige CSV-rij"),
    }
}

/// The rows of a file with their places; a row that cannot be read is an
/// error of its own, a file that cannot be read at all (no header, the
/// required columns missing, not JSON) is the outer error.
#[allow(clippy::type_complexity)]
fn raw_rows(
    data: &[u8],
    format: Format,
    bestand: &str,
) -> Result<Vec<Result<(Place, RawWoning), String>>, String> {
    match format {
        Format::Csv => {
            let mut rdr = csv::ReaderBuilder::new()
                .trim(csv::Trim::All)
                .from_reader(data);
            let headers: Vec<String> = rdr
                .headers()
                .map_err(|e| csv_error(&e, bestand, 0))?
                .iter()
                .map(str::to_string)
                .collect();
            let missing: Vec<String> = REQUIRED
                .iter()
                .filter(|r| !headers.iter().any(|h| h == *r))
                .map(|r| format!("'{r}'"))
                .collect();
            if !missing.is_empty() {
                return Err(format!(
                    "{bestand}, regel 1: de kop mist {} {}; gevonden: {}. Is dit een woningenbestand met een kop, gescheiden door komma's?",
                    if missing.len() == 1 { "de kolom" } else { "de kolommen" },
                    missing.join(", "),
                    headers.join(", ")
                ));
            }
            let columns = std::rc::Rc::new(headers);
            let column = |name: &str| columns.iter().position(|h| h == name);
            let (iw, ig, is, it, id, iv, ib) = (
                column("woning"),
                column("gemeente"),
                column("slaapkamers"),
                column("type"),
                column("doelgroep"),
                column("vrij_vanaf"),
                column("bijzonder"),
            );
            Ok(rdr
                .records()
                .map(|r| {
                    let r = r.map_err(|e| csv_error(&e, bestand, columns.len()))?;
                    let line = r.position().map_or(0, |p| p.line());
                    let get = |i: Option<usize>| i.and_then(|i| r.get(i)).map(str::to_string);
                    Ok((
                        Place {
                            row: format!("{bestand}, regel {line}"),
                            columns: Some(columns.clone()),
                        },
                        RawWoning {
                            woning: get(iw),
                            gemeente: get(ig),
                            slaapkamers: get(is).map(serde_json::Value::String),
                            soort: get(it),
                            doelgroep: get(id),
                            vrij_vanaf: get(iv),
                            bijzonder: get(ib),
                        },
                    ))
                })
                .collect())
        }
        Format::Json => {
            let v: Vec<RawWoning> = serde_json::from_slice(data).map_err(|e| {
                format!(
                    "{bestand}, regel {}, kolom {}: verwacht een lijst van woningen {{\"woning\", \"gemeente\", \"slaapkamers\", ...}}: {e}",
                    e.line(),
                    e.column()
                )
            })?;
            Ok(v.into_iter()
                .enumerate()
                .map(|(i, w)| {
                    Ok((
                        Place {
                            row: format!("{bestand}, woning {}", i + 1),
                            columns: None,
                        },
                        w,
                    ))
                })
                .collect())
        }
    }
}
