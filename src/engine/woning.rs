//! Reading the dwellings file (`woningen.csv` or `.json`, docs/gegevens.md) and
//! finding the dwelling that came free.

use super::candidate::Woning;
use super::fields;
use super::lines::{self, LineEnds, Lines};
use super::read::Format;
use super::reject::shown;

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

/// Every problem of one row, in the order of its fields.
fn check(raw: &RawWoning, place: &Place) -> Result<Woning, Vec<String>> {
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
        let Some(v) = value.as_deref().map(str::trim) else {
            continue;
        };
        if let Some((pos, c)) = fields::control_char(v.as_bytes()) {
            errors.push(format!(
                "{}: '{name}' bevat een stuurteken, {}, op positie {pos}; een waarde bevat enkel gewone tekens",
                place.field(name),
                fields::control_name(c)
            ));
        } else if v.len() > fields::MAX_NAME {
            errors.push(format!(
                "{}: '{name}' heeft een waarde van {} bytes ('{}'); hoogstens {} bytes",
                place.field(name),
                crate::nl::thousands(v.len() as u64),
                shown(v),
                fields::MAX_NAME
            ));
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
    let slaapkamers = match &raw.slaapkamers {
        Some(serde_json::Value::Number(n)) => n
            .as_u64()
            .filter(|n| *n <= u64::from(fields::MAX_COUNT))
            .map(|n| n as u32),
        Some(serde_json::Value::String(s)) => fields::parse_count(s.trim().as_bytes(), 0).ok(),
        _ => None,
    };
    if slaapkamers.is_none() {
        let written = match &raw.slaapkamers {
            Some(serde_json::Value::String(s)) => format!("'{}'", shown(s.trim())),
            Some(v) => shown(&v.to_string()),
            None => "leeg".to_string(),
        };
        errors.push(format!(
            "{}: 'slaapkamers' is {written}; verwacht {} (0 = studio)",
            at("slaapkamers"),
            fields::count_expected(0)
        ));
    }
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
        (Some(gemeente), Some(slaapkamers)) if errors.is_empty() => Ok(Woning {
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
    pub woning: Woning,
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

/// The rows of a file with their places; a row that cannot be read is an
/// error of its own, a file that cannot be read at all (no header, the
/// required columns missing or written twice, not JSON) is the outer error.
/// CSV is read one record per line, as the candidates file is
/// ([`super::lines`]); JSON with every object's keys checked.
fn raw_rows(data: &[u8], format: Format, bestand: &str) -> Result<Vec<RawRow>, String> {
    let data = data
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .unwrap_or(data);
    match format {
        Format::Csv => csv_rows(data, bestand),
        Format::Json => json_rows(data, bestand),
    }
}

fn csv_rows(data: &[u8], bestand: &str) -> Result<Vec<RawRow>, String> {
    let ends = LineEnds::of(data);
    let mut lines = Lines::new(data, ends);
    let Some(head) = lines.by_ref().find(|l| !lines::is_blank(l.text)) else {
        return Err(format!(
            "{bestand} is leeg; verwacht een kop met kolomnamen en een rij per woning"
        ));
    };
    let mut parts = Vec::new();
    lines::fields(head.text, &mut parts).map_err(|q| {
        format!(
            "{bestand}, regel {} (de kop): {}",
            head.number,
            lines::quote_message(
                q.problem,
                q.field + 1,
                head.number,
                lines::swallowed(&data[head.offset + q.at..], ends)
            )
        )
    })?;
    let written: Vec<String> = parts
        .iter()
        .map(|f| shown(String::from_utf8_lossy(f).trim()))
        .collect();
    // names in any case, as in the candidates file
    let headers: Vec<String> = written.iter().map(|h| h.to_lowercase()).collect();
    if let Some((k, h)) = headers
        .iter()
        .enumerate()
        .find(|(k, h)| !h.is_empty() && headers[..*k].contains(h))
    {
        return Err(format!(
            "{bestand}, regel {}: de kolom '{h}' staat twee keer in de kop (kolom {} en {})",
            head.number,
            headers[..k]
                .iter()
                .position(|x| x == h)
                .map_or(0, |i| i + 1),
            k + 1
        ));
    }
    let missing: Vec<String> = REQUIRED
        .iter()
        .filter(|r| !headers.iter().any(|h| h == *r))
        .map(|r| format!("'{r}'"))
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "{bestand}, regel {}: de kop mist {} {}; gevonden: {}. Is dit een woningenbestand met een kop, gescheiden door komma's?",
            head.number,
            if missing.len() == 1 { "de kolom" } else { "de kolommen" },
            missing.join(", "),
            written.iter().take(20).cloned().collect::<Vec<_>>().join(", ")
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
    let mut out = Vec::new();
    for line in lines {
        if lines::is_blank(line.text) {
            continue;
        }
        let row = format!("{bestand}, regel {}", line.number);
        if let Err(q) = lines::fields(line.text, &mut parts) {
            let swallowed = match q.problem {
                lines::QuoteProblem::NotClosed => {
                    lines::swallowed(&data[line.offset + q.at..], ends)
                }
                _ => (0, false),
            };
            let name = columns
                .get(q.field)
                .map_or(String::new(), |c| format!(" ({c})"));
            out.push(Err(format!(
                "{row}, kolom {}{name}: {}",
                q.field + 1,
                lines::quote_message(q.problem, q.field + 1, line.number, swallowed)
            )));
            continue;
        }
        if parts.len() != columns.len() {
            out.push(Err(format!(
                "{row}: {}",
                super::reject::field_count(parts.len(), columns.len())
            )));
            continue;
        }
        let mut not_utf8 = None;
        let get = |i: Option<usize>, not_utf8: &mut Option<usize>| {
            let i = i?;
            let bytes = fields::trim(parts.get(i)?);
            match std::str::from_utf8(bytes) {
                Ok(s) => Some(s.to_string()),
                Err(_) => {
                    not_utf8.get_or_insert(i);
                    None
                }
            }
        };
        let raw = RawWoning {
            woning: get(iw, &mut not_utf8),
            gemeente: get(ig, &mut not_utf8),
            slaapkamers: get(is, &mut not_utf8).map(serde_json::Value::String),
            soort: get(it, &mut not_utf8),
            doelgroep: get(id, &mut not_utf8),
            vrij_vanaf: get(iv, &mut not_utf8),
            bijzonder: get(ib, &mut not_utf8),
        };
        if let Some(i) = not_utf8 {
            out.push(Err(format!(
                "{row}, kolom {} ({}): geen geldige UTF-8; bewaar het bestand als UTF-8",
                i + 1,
                columns[i]
            )));
            continue;
        }
        out.push(Ok((
            Place {
                row,
                columns: Some(columns.clone()),
            },
            raw,
        )));
    }
    Ok(out)
}

fn json_rows(data: &[u8], bestand: &str) -> Result<Vec<RawRow>, String> {
    let expected = "verwacht een lijst van woningen [{\"woning\": ..., \"gemeente\": ..., \"slaapkamers\": ...}, ...]";
    let text = std::str::from_utf8(data)
        .map_err(|_| format!("{bestand} is geen UTF-8-tekst; sla het op als UTF-8"))?;
    let items: Vec<&serde_json::value::RawValue> = serde_json::from_str(text).map_err(|e| {
        format!(
            "{bestand}, regel {}, kolom {}: {expected}: {}",
            e.line(),
            e.column(),
            shown(&e.to_string())
        )
    })?;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let row = format!("{bestand}, woning {}", i + 1);
        let (value, twice) = super::json::parse(item.get()).unwrap_or_default();
        if let Some(k) = twice.first() {
            out.push(Err(format!(
                "{row}: het veld '{}' staat meer dan eens in dit object; schrijf elk veld één keer",
                shown(k)
            )));
            continue;
        }
        let Some(obj) = value.as_object() else {
            out.push(Err(format!("{row}: {expected}")));
            continue;
        };
        let mut wrong = Vec::new();
        let mut get = |name: &str| match obj.get(name) {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::String(s)) => Some(s.clone()),
            Some(_) => {
                wrong.push(format!(
                    "{row}, veld '{name}': heeft een verkeerd type; verwacht tekst of null"
                ));
                None
            }
        };
        let raw = RawWoning {
            woning: get("woning"),
            gemeente: get("gemeente"),
            slaapkamers: obj.get("slaapkamers").cloned(),
            soort: get("type"),
            doelgroep: get("doelgroep"),
            vrij_vanaf: get("vrij_vanaf"),
            bijzonder: get("bijzonder"),
        };
        if !wrong.is_empty() {
            out.push(Err(wrong.join("\n")));
            continue;
        }
        out.push(Ok((Place { row, columns: None }, raw)));
    }
    Ok(out)
}
