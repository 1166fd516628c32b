//! Small input files read whole, one record per CSV line or JSON array
//! element: the dwellings file and the allocation register. The records
//! come back with their place ("woningen.csv, regel 26", "register.json,
//! toewijzing 3") and the raw value of every column the caller names; a
//! record that cannot be read (quotes, field count, not UTF-8, a JSON
//! element that is not an object or has a key twice) is an error of its
//! own, a file that cannot be read at all is the outer error. The caller
//! checks the values ([`super::woning`], `monitor::register`).

use super::fields;
use super::lines::{self, LineEnds, Lines};
use super::read::Format;
use super::reject::shown;
use std::rc::Rc;

/// What a file holds, for messages: "woning" / "woningenbestand" /
/// "verwacht een lijst van woningen [...]".
#[derive(Debug, Clone, Copy)]
pub struct Kind {
    /// One record: "woning", "toewijzing".
    pub record: &'static str,
    /// The plural, for "een rij per …": "woning", "toewijzing".
    pub per: &'static str,
    /// The file: "woningenbestand", "toewijzingsregister".
    pub file: &'static str,
    /// The columns the file must have.
    pub required: &'static [&'static str],
    /// What a JSON file must be.
    pub json_expected: &'static str,
}

/// Where a record of a file is, for messages, and in a CSV file the column
/// of each field.
#[derive(Debug, Clone)]
pub struct Place {
    /// "woningen.csv, regel 26" or "woningen.json, woning 3".
    pub row: String,
    /// The CSV line (none in JSON).
    pub line: Option<u32>,
    columns: Option<Rc<Vec<String>>>,
}

impl Place {
    /// "woningen.csv, regel 26, kolom 3 (slaapkamers)".
    pub fn field(&self, name: &str) -> String {
        match self.column(name) {
            Some(k) => format!("{}, kolom {k} ({name})", self.row),
            None => format!("{}, veld '{name}'", self.row),
        }
    }

    /// The CSV column number (1-based) of a field.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns
            .as_ref()
            .and_then(|c| c.iter().position(|h| h == name))
            .map(|k| k + 1)
    }
}

/// A record: its place and, per column asked for, its value (CSV: a
/// trimmed string; JSON: the value as written, `null` as none).
#[derive(Debug, Clone)]
pub struct Record {
    pub place: Place,
    pub values: Vec<Option<serde_json::Value>>,
}

impl Record {
    /// Column `i` as text: none when absent or null; an error when JSON
    /// holds another type there.
    pub fn text(&self, i: usize, name: &str) -> Result<Option<String>, String> {
        match self.values.get(i).and_then(Option::as_ref) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(serde_json::Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(format!(
                "{}, veld '{name}': heeft een verkeerd type; verwacht tekst of null",
                self.place.row
            )),
        }
    }
}

/// A record, or why it cannot be read.
pub type Row = Result<Record, String>;

/// The records of a file; `columns` are the columns to return, in that
/// order (names in lower case; a CSV header may write them in any case).
pub fn records(
    data: &[u8],
    format: Format,
    bestand: &str,
    kind: &Kind,
    columns: &[&str],
) -> Result<Vec<Row>, String> {
    let data = data
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .unwrap_or(data);
    match format {
        Format::Csv => csv_rows(data, bestand, kind, columns),
        Format::Json => json_rows(data, bestand, kind, columns),
    }
}

fn csv_rows(data: &[u8], bestand: &str, kind: &Kind, wanted: &[&str]) -> Result<Vec<Row>, String> {
    let ends = LineEnds::of(data);
    let mut lines = Lines::new(data, ends);
    let Some(head) = lines.by_ref().find(|l| !lines::is_blank(l.text)) else {
        return Err(format!(
            "{bestand} is leeg; verwacht een kop met kolomnamen en een rij per {}",
            kind.per
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
    let missing: Vec<String> = kind
        .required
        .iter()
        .filter(|r| !headers.iter().any(|h| h == *r))
        .map(|r| format!("'{r}'"))
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "{bestand}, regel {}: de kop mist {} {}; gevonden: {}. Is dit een {} met een kop, gescheiden door komma's?",
            head.number,
            if missing.len() == 1 { "de kolom" } else { "de kolommen" },
            missing.join(", "),
            written.iter().take(20).cloned().collect::<Vec<_>>().join(", "),
            kind.file
        ));
    }
    let columns = Rc::new(headers);
    let index: Vec<Option<usize>> = wanted
        .iter()
        .map(|name| columns.iter().position(|h| h == name))
        .collect();
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
        let values = index
            .iter()
            .map(|&i| {
                let i = i?;
                let bytes = fields::trim(parts.get(i)?);
                match std::str::from_utf8(bytes) {
                    Ok(s) => Some(serde_json::Value::String(s.to_string())),
                    Err(_) => {
                        not_utf8.get_or_insert(i);
                        None
                    }
                }
            })
            .collect();
        if let Some(i) = not_utf8 {
            out.push(Err(format!(
                "{row}, kolom {} ({}): geen geldige UTF-8; bewaar het bestand als UTF-8",
                i + 1,
                columns[i]
            )));
            continue;
        }
        out.push(Ok(Record {
            place: Place {
                row,
                line: Some(line.number),
                columns: Some(columns.clone()),
            },
            values,
        }));
    }
    Ok(out)
}

fn json_rows(data: &[u8], bestand: &str, kind: &Kind, wanted: &[&str]) -> Result<Vec<Row>, String> {
    let expected = kind.json_expected;
    let text = std::str::from_utf8(data)
        .map_err(|_| format!("{bestand} is geen UTF-8-tekst; sla het op als UTF-8"))?;
    let items: Vec<&serde_json::value::RawValue> = serde_json::from_str(text).map_err(|e| {
        format!(
            "{bestand}, regel {}, kolom {}: {expected}: {}",
            e.line(),
            e.column(),
            crate::files::json_reason(&e)
        )
    })?;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let row = format!("{bestand}, {} {}", kind.record, i + 1);
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
        let values = wanted.iter().map(|name| obj.get(*name).cloned()).collect();
        out.push(Ok(Record {
            place: Place {
                row,
                line: None,
                columns: None,
            },
            values,
        }));
    }
    Ok(out)
}

/// What is wrong with a text value, if anything: a control character or
/// an absurd length (a message never repeats such a value whole).
pub fn text_problem(place: &Place, name: &str, v: &str) -> Option<String> {
    if let Some((pos, c)) = fields::control_char(v.as_bytes()) {
        return Some(format!(
            "{}: '{name}' bevat een stuurteken, {}, op positie {pos}; een waarde bevat enkel gewone tekens",
            place.field(name),
            fields::control_name(c)
        ));
    }
    if v.len() > fields::MAX_NAME {
        return Some(format!(
            "{}: '{name}' heeft een waarde van {} bytes ('{}'); hoogstens {} bytes",
            place.field(name),
            crate::nl::thousands(v.len() as u64),
            shown(v),
            fields::MAX_NAME
        ));
    }
    None
}

/// A count (`slaapkamers`): a JSON number or a text of digits, 0 to
/// [`fields::MAX_COUNT`]; otherwise how it was written, for the message
/// ("'drie'", "leeg", "-1").
pub fn count(value: Option<&serde_json::Value>) -> Result<u32, String> {
    let n = match value {
        Some(serde_json::Value::Number(n)) => n
            .as_u64()
            .filter(|n| *n <= u64::from(fields::MAX_COUNT))
            .map(|n| n as u32),
        Some(serde_json::Value::String(s)) => fields::parse_count(s.trim().as_bytes(), 0).ok(),
        _ => None,
    };
    n.ok_or_else(|| match value {
        Some(serde_json::Value::String(s)) => format!("'{}'", shown(s.trim())),
        Some(v) => shown(&v.to_string()),
        None => "leeg".to_string(),
    })
}
