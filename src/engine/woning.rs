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

fn check(raw: &RawWoning, place: &str) -> Result<Woning, String> {
    let woning = text(&raw.woning)
        .ok_or_else(|| format!("{place}: 'woning' is verplicht maar ontbreekt"))?;
    let gemeente = text(&raw.gemeente).ok_or_else(|| {
        format!("{place} (woning {woning}): 'gemeente' is verplicht maar ontbreekt")
    })?;
    let slaapkamers = match &raw.slaapkamers {
        Some(serde_json::Value::Number(n)) => n.as_u64().map(|n| n as u32),
        Some(serde_json::Value::String(s)) => fields::parse_count(s.trim().as_bytes(), 0).ok(),
        _ => None,
    }
    .ok_or_else(|| {
        format!("{place} (woning {woning}): 'slaapkamers' moet een geheel getal zijn, 0 of meer (0 = studio)")
    })?;
    let vrij_vanaf = match text(&raw.vrij_vanaf) {
        None => None,
        Some(s) => Some(fields::to_date(fields::parse_day(s.as_bytes()).map_err(
            |e| {
                format!(
                    "{place} (woning {woning}): 'vrij_vanaf' is '{s}'; verwacht {}",
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
    let rows = raw_rows(data, format, bestand)?;
    let matching: Vec<&(String, RawWoning)> = rows
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

/// Every dwelling of a dwellings file, in file order; the first malformed
/// row or a dwelling written twice is an error (a Dutch message).
pub fn read_all(data: &[u8], format: Format, bestand: &str) -> Result<Vec<WoningRij>, String> {
    let rows = raw_rows(data, format, bestand)?;
    let mut out: Vec<WoningRij> = Vec::with_capacity(rows.len());
    let mut seen = std::collections::HashSet::new();
    for (place, raw) in &rows {
        let woning = check(raw, place)?;
        if !seen.insert(woning.woning.clone()) {
            return Err(format!(
                "{place}: woning '{}' staat meer dan eens in {bestand}; een woning is uniek",
                woning.woning
            ));
        }
        out.push(WoningRij {
            woning,
            bijzonder: text(&raw.bijzonder),
            plaats: place.clone(),
        });
    }
    Ok(out)
}

fn raw_rows(
    data: &[u8],
    format: Format,
    bestand: &str,
) -> Result<Vec<(String, RawWoning)>, String> {
    let rows: Vec<(String, RawWoning)> = match format {
        Format::Csv => {
            let mut rdr = csv::ReaderBuilder::new()
                .trim(csv::Trim::All)
                .from_reader(data);
            let mut out = Vec::new();
            for (i, r) in rdr
                .deserialize::<std::collections::HashMap<String, String>>()
                .enumerate()
            {
                let place = format!("{bestand}, regel {}", i + 2);
                let m = r.map_err(|e| format!("{place}: geen geldige CSV-rij: {e}"))?;
                let get = |k: &str| m.get(k).cloned();
                out.push((
                    place,
                    RawWoning {
                        woning: get("woning"),
                        gemeente: get("gemeente"),
                        slaapkamers: get("slaapkamers").map(serde_json::Value::String),
                        soort: get("type"),
                        doelgroep: get("doelgroep"),
                        vrij_vanaf: get("vrij_vanaf"),
                        bijzonder: get("bijzonder"),
                    },
                ));
            }
            out
        }
        Format::Json => {
            let v: Vec<RawWoning> = serde_json::from_slice(data).map_err(|e| {
                format!(
                    "{bestand}, regel {}, kolom {}: verwacht een lijst van woningen {{\"woning\", \"gemeente\", \"slaapkamers\", ...}}: {e}",
                    e.line(),
                    e.column()
                )
            })?;
            v.into_iter()
                .enumerate()
                .map(|(i, w)| (format!("{bestand}, woning {}", i + 1), w))
                .collect()
        }
    };
    Ok(rows)
}
