//! Reading an allocation register (`toewijzingen.csv` or `.json`, README
//! "Toewijzingsregister"): one row per dwelling that was allocated (or came
//! free and was not), read with the dwellings file's table reader
//! ([`crate::engine::table`]: one record per CSV line, JSON keys checked).
//! Every record ends as an [`Entry`] or a [`RegisterRejection`] with its code,
//! place and reason; `entries + geweigerd == records`, always.

use crate::diagnostic::Code;
use crate::engine::read::Format;
use crate::engine::reject::shown;
use crate::engine::table::{self, Place};
use crate::engine::{fields, Dwelling};
use crate::simulate::AllocationPillar;
use chrono::NaiveDate;
use serde::Serialize;

/// One allocation as the register states it.
#[derive(Debug, Clone)]
pub struct Entry {
    pub datum: NaiveDate,
    pub woning: Dwelling,
    /// `None`: the dwelling was not allocated.
    pub pijler: Option<AllocationPillar>,
    pub dossier: Option<String>,
    /// A pillar-4 code (bijzondere toewijzing, interne mutatie).
    pub bijzonder: Option<String>,
    /// "toewijzingen.csv, regel 7".
    pub plaats: String,
    /// Where the row is, with its columns, for messages about one field.
    pub place: Place,
}

/// A register row that is not used (geweigerd), and why; the engine's
/// `Rejection` is a candidate record refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegisterRejection {
    /// `R0340`–`R0349`.
    pub code: Code,
    /// The full message: file, line, column (field), dossier, reason.
    pub melding: String,
}

/// The codes of a refused register row.
pub mod codes {
    use crate::diagnostic::Code;

    /// The row cannot be read (quotes, number of fields, not UTF-8, not a JSON object).
    pub const ONLEESBAAR: Code = Code::R0340;
    /// A required field is empty or a value has the wrong form.
    pub const ONGELDIG: Code = Code::R0341;
    /// The pillar is not one of pijler 1–4.
    pub const PIJLER: Code = Code::R0342;
    /// The dossier is not on the candidate list (or the plan refuses its row).
    pub const ONBEKEND_DOSSIER: Code = Code::R0343;
    /// A pillar without a dossier, or a dossier without a pillar.
    pub const ONVOLLEDIG: Code = Code::R0344;
    /// The dossier was allocated a dwelling before in the register.
    pub const DUBBEL_DOSSIER: Code = Code::R0345;
    /// The dwelling does not fit the reglement (gemeente, doelgroep, code).
    pub const WONING: Code = Code::R0346;
    /// The date lies outside the period monitored.
    pub const PERIODE: Code = Code::R0347;
    /// The same dwelling on the same day twice.
    pub const DUBBELE_WONING: Code = Code::R0348;
}

/// Every record of the register, read or refused.
#[derive(Debug, Clone, Default)]
pub struct Register {
    pub bestand: String,
    pub records: usize,
    pub entries: Vec<Entry>,
    pub geweigerd: Vec<RegisterRejection>,
}

const REQUIRED: [&str; 6] = [
    "datum",
    "woning",
    "gemeente",
    "slaapkamers",
    "pijler",
    "dossier",
];

const KIND: table::Kind = table::Kind {
    record: "toewijzing",
    per: "toewijzing",
    file: "toewijzingsregister",
    required: &REQUIRED,
    json_expected: "verwacht een lijst van toewijzingen [{\"datum\": ..., \"woning\": ..., \"gemeente\": ..., \"slaapkamers\": ..., \"pijler\": ..., \"dossier\": ...}, ...]",
};

const COLUMNS: [&str; 9] = [
    "datum",
    "woning",
    "gemeente",
    "slaapkamers",
    "pijler",
    "dossier",
    "doelgroep",
    "bijzonder",
    "type",
];

/// A pillar as a register writes it: `standaard`, `1`, `pijler 1`, … (any case).
pub fn parse_pijler(s: &str) -> Option<AllocationPillar> {
    let s = s.trim().to_lowercase();
    let s = s.strip_prefix("pijler").map(str::trim).unwrap_or(&s);
    AllocationPillar::ALL
        .into_iter()
        .find(|p| s == p.label() || s == p.number().to_string())
}

/// Read a register. A file that cannot be read at all (empty, required
/// columns missing, not JSON) is the error.
pub fn read(data: &[u8], format: Format, bestand: &str) -> Result<Register, String> {
    let rows = table::records(data, format, bestand, &KIND, &COLUMNS)?;
    let mut out = Register {
        bestand: bestand.to_string(),
        records: rows.len(),
        ..Register::default()
    };
    for row in rows {
        match row.map_err(|e| (codes::ONLEESBAAR, e)).and_then(entry) {
            Ok(e) => out.entries.push(e),
            Err((code, melding)) => out.geweigerd.push(RegisterRejection { code, melding }),
        }
    }
    Ok(out)
}

type Refusal = (Code, String);

fn entry(r: table::Record) -> Result<Entry, Refusal> {
    let mut text = Vec::with_capacity(COLUMNS.len());
    for (i, name) in COLUMNS.iter().enumerate() {
        if *name == "slaapkamers" {
            text.push(None);
            continue;
        }
        let v = match &r.values[i] {
            // a pillar may be its number in JSON
            Some(serde_json::Value::Number(n)) if *name == "pijler" => Some(n.to_string()),
            _ => r.text(i, name).map_err(|e| (codes::ONGELDIG, e))?,
        };
        let v = v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        if let Some(v) = &v {
            check_text(&r.place, name, v)?;
        }
        text.push(v);
    }
    let p = &r.place;
    let bad = |name: &str, m: String| (codes::ONGELDIG, format!("{}: {m}", p.field(name)));
    let datum_text = text[0]
        .clone()
        .ok_or_else(|| bad("datum", "'datum' is verplicht maar leeg".into()))?;
    let datum = fields::parse_day(datum_text.as_bytes())
        .map(fields::to_date)
        .map_err(|e| {
            bad(
                "datum",
                format!(
                    "'datum' is '{}'; verwacht {}",
                    shown(&datum_text),
                    e.verwacht
                ),
            )
        })?;
    let woning = text[1]
        .clone()
        .ok_or_else(|| bad("woning", "'woning' is verplicht maar leeg".into()))?;
    let gemeente = text[2]
        .clone()
        .ok_or_else(|| bad("gemeente", "'gemeente' is verplicht maar leeg".into()))?;
    let slaapkamers = table::count(r.values[3].as_ref()).map_err(|written| {
        bad(
            "slaapkamers",
            format!(
                "'slaapkamers' is {written}; verwacht {} (0 = studio)",
                fields::count_expected(0)
            ),
        )
    })?;
    let pijler = match &text[4] {
        None => None,
        Some(s) => Some(parse_pijler(s).ok_or_else(|| {
            (
                codes::PIJLER,
                format!(
                    "{}: 'pijler' is '{}'; verwacht standaard, versneld, doelgroepen of bijzonder (of 1, 2, 3, 4), leeg voor een woning die niet werd toegewezen",
                    p.field("pijler"),
                    shown(s)
                ),
            )
        })?),
    };
    let dossier = text[5].clone();
    match (pijler, &dossier) {
        (Some(AllocationPillar::Bijzonder), _) | (None, None) => {}
        (Some(x), None) => {
            return Err((
                codes::ONVOLLEDIG,
                format!(
                    "{}: toegewezen via pijler {} maar zonder dossier; een toewijzing van de wachtlijst noemt het dossier",
                    p.field("dossier"),
                    x.number()
                ),
            ))
        }
        (None, Some(d)) => {
            return Err((
                codes::ONVOLLEDIG,
                format!(
                    "{}, dossier {}: een dossier zonder pijler; zeg langs welke pijler de woning werd toegewezen",
                    p.field("pijler"),
                    shown(d)
                ),
            ))
        }
        _ => {}
    }
    Ok(Entry {
        datum,
        woning: Dwelling {
            woning,
            gemeente,
            slaapkamers,
            soort: text[8].clone(),
            doelgroep: text[6].clone(),
            vrij_vanaf: Some(datum),
        },
        pijler,
        dossier,
        bijzonder: text[7].clone(),
        plaats: r.place.row.clone(),
        place: r.place,
    })
}

/// No control characters, no absurd lengths (as in every reader).
fn check_text(place: &Place, name: &str, v: &str) -> Result<(), Refusal> {
    match table::text_problem(place, name, v) {
        Some(e) => Err((codes::ONGELDIG, e)),
        None => Ok(()),
    }
}
