//! Reading a candidates file (CSV or JSON, DATA.md) into a [`Batch`].
//!
//! Every record ends in the batch as a record or as a rejection with its
//! place (file, line, column or field) and what was expected; a file that
//! cannot be read at all is a [`ReadError`].
//!
//! CSV is read with the `csv` crate's `ByteRecord` over the whole file in
//! memory, in parallel: the body is cut into chunks at record boundaries
//! (a newline outside quotes: the number of `"` before it is even, which
//! holds for RFC 4180 quoting), each chunk is parsed on its own thread into
//! its own arenas, and the chunks are merged in file order, so the result
//! does not depend on the number of threads.

use super::batch::{Batch, Builder, Field, Slice};
use super::fields::{self, FieldError};
use super::reject::{Fout, Plaats, ReadError, Rejection};
use rayon::prelude::*;
use std::borrow::Cow;

/// The format of a candidates (or dwellings) file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Csv,
    Json,
}

impl Format {
    /// From the file's extension: `.json` is JSON, anything else CSV.
    pub fn from_path(path: &std::path::Path) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("json") => Format::Json,
            _ => Format::Csv,
        }
    }
}

/// Read candidates from the bytes of a file.
pub fn read(data: &[u8], format: Format, bestand: &str) -> Result<Batch, ReadError> {
    match format {
        Format::Csv => read_csv(data, bestand),
        Format::Json => read_json(data, bestand),
    }
}

fn strip_bom(data: &[u8]) -> Result<&[u8], ReadError> {
    if data.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Ok(&data[3..]);
    }
    if data.starts_with(&[0xFF, 0xFE]) || data.starts_with(&[0xFE, 0xFF]) {
        return Err(ReadError::Utf16);
    }
    Ok(data)
}

/// The column index (0-based) of each field, if present.
#[derive(Debug, Clone, Copy)]
struct Columns {
    idx: [Option<usize>; 12],
    width: usize,
}

fn header(names: &[String]) -> Result<(Columns, Vec<String>), ReadError> {
    let mut idx = [None; 12];
    let mut warnings = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let name = name.trim();
        match Field::from_name(name) {
            Some(f) => {
                if idx[f as usize].is_some() {
                    return Err(ReadError::DubbeleKolom {
                        kolom: name.to_string(),
                    });
                }
                idx[f as usize] = Some(i);
            }
            None => warnings.push(format!(
                "kolom {} '{}' is geen veld van het kandidatenformaat en wordt genegeerd",
                i + 1,
                name
            )),
        }
    }
    let missing: Vec<&'static str> = Field::ALL
        .into_iter()
        .filter(|f| f.required() && idx[*f as usize].is_none())
        .map(Field::name)
        .collect();
    if !missing.is_empty() {
        return Err(ReadError::OntbrekendeKolommen {
            kolommen: missing,
            gevonden: names.iter().map(|n| n.trim().to_string()).collect(),
        });
    }
    Ok((
        Columns {
            idx,
            width: names.len(),
        },
        warnings,
    ))
}

/// Read a CSV candidates file.
pub fn read_csv(data: &[u8], bestand: &str) -> Result<Batch, ReadError> {
    let data = strip_bom(data)?;
    if data.iter().all(u8::is_ascii_whitespace) {
        return Err(ReadError::Leeg);
    }
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(data);
    let mut rec = csv::ByteRecord::new();
    match rdr.read_byte_record(&mut rec) {
        Ok(true) => {}
        Ok(false) => return Err(ReadError::Leeg),
        Err(e) => {
            return Err(ReadError::Csv {
                fout: e.to_string(),
            })
        }
    }
    let names: Vec<String> = rec
        .iter()
        .map(|f| String::from_utf8_lossy(f).into_owned())
        .collect();
    let (cols, warnings) = header(&names)?;
    let body_start = rdr.position().byte() as usize;
    let body_line = rdr.position().line() as u32;
    let body = data.get(body_start..).unwrap_or(&[]);

    let chunks = split(body, chunk_count(body.len()));
    let parsed: Vec<(Builder, u32)> = chunks
        .par_iter()
        .map(|&(start, end)| {
            let part = &body[start..end];
            let lines = memchr::memchr_iter(b'\n', part).count() as u32;
            (parse_chunk(part, &cols), lines)
        })
        .collect();
    // chunk-relative lines → file lines
    let mut line = body_line;
    let mut builders = Vec::with_capacity(parsed.len());
    for (mut b, lines) in parsed {
        let shift = line - 1;
        for r in &mut b.records {
            if let Plaats::Regel(l) = &mut r.plaats {
                *l += shift;
            }
        }
        for r in &mut b.rejected {
            if let Plaats::Regel(l) = &mut r.plaats {
                *l += shift;
            }
        }
        line += lines;
        builders.push(b);
    }
    Ok(Builder::merge(bestand, builders, warnings))
}

fn chunk_count(len: usize) -> usize {
    if len < 1 << 20 {
        1
    } else {
        (rayon::current_num_threads() * 4).clamp(1, 256)
    }
}

/// Cut `body` into about `n` pieces that each end just after a newline
/// outside quotes (or at the end).
fn split(body: &[u8], n: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(n);
    let mut start = 0;
    let mut quotes_before_start = 0usize;
    for k in 1..n {
        let target = (body.len() * k / n).max(start);
        if target >= body.len() {
            break;
        }
        let mut quotes =
            quotes_before_start + memchr::memchr_iter(b'"', &body[start..target]).count();
        let mut pos = target;
        let mut cut = None;
        while let Some(nl) = memchr::memchr(b'\n', &body[pos..]) {
            let at = pos + nl;
            quotes += memchr::memchr_iter(b'"', &body[pos..at]).count();
            if quotes.is_multiple_of(2) {
                cut = Some(at + 1);
                break;
            }
            pos = at + 1;
        }
        let Some(cut) = cut else { break };
        if cut >= body.len() {
            break;
        }
        out.push((start, cut));
        quotes_before_start = quotes;
        start = cut;
    }
    out.push((start, body.len()));
    out
}

fn parse_chunk(part: &[u8], cols: &Columns) -> Builder {
    let estimate = part.len() / 100 + 16;
    let mut b = Builder::with_capacity(estimate);
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(part);
    let mut rec = csv::ByteRecord::new();
    loop {
        match rdr.read_byte_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                // csv only fails on I/O or UTF-8 for string records; keep going
                let line = e.position().map_or(0, |p| p.line() as u32);
                b.rejected.push(Rejection {
                    plaats: Plaats::Regel(line),
                    dossier: None,
                    veld: None,
                    kolom: None,
                    fout: Fout::Ongeldig {
                        waarde: String::new(),
                        verwacht: format!("een geldige CSV-rij ({e})"),
                    },
                });
                continue;
            }
        }
        let (byte, mut line) = rec
            .position()
            .map_or((0, 1), |p| (p.byte() as usize, p.line() as u32));
        // csv places a record after blank lines at the first blank line
        for &c in part.get(byte..).unwrap_or(&[]) {
            match c {
                b'\n' => line += 1,
                b'\r' => {}
                _ => break,
            }
        }
        let plaats = Plaats::Regel(line);
        if rec.len() != cols.width {
            let dossier = cols.idx[Field::Dossier as usize]
                .and_then(|i| rec.get(i))
                .and_then(|d| std::str::from_utf8(fields::trim(d)).ok())
                .filter(|d| !d.is_empty())
                .map(str::to_string);
            b.rejected.push(Rejection {
                plaats,
                dossier,
                veld: None,
                kolom: None,
                fout: Fout::AantalVelden {
                    gevonden: rec.len(),
                    verwacht: cols.width,
                },
            });
            continue;
        }
        let mut values: [&[u8]; 12] = [b""; 12];
        for f in Field::ALL {
            if let Some(i) = cols.idx[f as usize] {
                values[f as usize] = fields::trim(rec.get(i).unwrap_or(b""));
            }
        }
        let kolom = |f: Field| cols.idx[f as usize].map(|i| i as u32 + 1);
        push_fields(&mut b, plaats, &values, &kolom);
    }
    b
}

/// One record's field values (trimmed text) → a record or a rejection.
/// Shared by the CSV and JSON readers.
fn push_fields(
    b: &mut Builder,
    plaats: Plaats,
    v: &[&[u8]; 12],
    kolom: &dyn Fn(Field) -> Option<u32>,
) {
    let get = |f: Field| v[f as usize];
    let dossier_ok = std::str::from_utf8(get(Field::Dossier)).ok();
    let dossier_owned = || dossier_ok.filter(|d| !d.is_empty()).map(str::to_string);
    let reject = |b: &mut Builder, f: Field, fout: Fout| {
        b.rejected.push(Rejection {
            plaats,
            dossier: dossier_owned(),
            veld: Some(f.name()),
            kolom: kolom(f),
            fout,
        });
    };
    let invalid = |f: Field, e: FieldError| Fout::Ongeldig {
        waarde: String::from_utf8_lossy(v[f as usize]).into_owned(),
        verwacht: e.verwacht,
    };
    let Some(dossier) = dossier_ok else {
        return reject(b, Field::Dossier, Fout::GeenUtf8);
    };
    if dossier.is_empty() {
        return reject(b, Field::Dossier, Fout::Ontbreekt);
    }
    // scalar fields
    let required = |f: Field| -> Result<&[u8], Fout> {
        let x = v[f as usize];
        if x.is_empty() {
            Err(Fout::Ontbreekt)
        } else {
            Ok(x)
        }
    };
    let inschrijving = match required(Field::Inschrijvingsdatum)
        .and_then(|x| fields::parse_day(x).map_err(|e| invalid(Field::Inschrijvingsdatum, e)))
    {
        Ok(d) => d,
        Err(f) => return reject(b, Field::Inschrijvingsdatum, f),
    };
    let gezinstype = match required(Field::Gezinstype)
        .and_then(|x| fields::parse_household(x).map_err(|e| invalid(Field::Gezinstype, e)))
    {
        Ok(g) => g,
        Err(f) => return reject(b, Field::Gezinstype, f),
    };
    let volwassenen = match required(Field::Volwassenen)
        .and_then(|x| fields::parse_count(x, 1).map_err(|e| invalid(Field::Volwassenen, e)))
    {
        Ok(n) => n,
        Err(f) => return reject(b, Field::Volwassenen, f),
    };
    let kinderen = match required(Field::Kinderen)
        .and_then(|x| fields::parse_count(x, 0).map_err(|e| invalid(Field::Kinderen, e)))
    {
        Ok(n) => n,
        Err(f) => return reject(b, Field::Kinderen, f),
    };
    let inkomen = match get(Field::Inkomen) {
        b"" => -1,
        x => match fields::parse_cents(x) {
            Ok(c) => c,
            Err(e) => return reject(b, Field::Inkomen, invalid(Field::Inkomen, e)),
        },
    };
    // text fields
    let mut texts: [&str; 12] = [""; 12];
    for f in [
        Field::Woonnood,
        Field::Begeleiding,
        Field::Doelgroepen,
        Field::Mantelzorg,
        Field::Voorkeur,
        Field::Woonhistoriek,
    ] {
        match std::str::from_utf8(get(f)) {
            Ok(s) => texts[f as usize] = s,
            Err(_) => return reject(b, f, Fout::GeenUtf8),
        }
    }
    let mark = b.mark();
    let h_start = b.periods.len() as u32;
    for item in fields::list_items(texts[Field::Woonhistoriek as usize]) {
        match fields::parse_period(item) {
            Ok((g, van, tot)) => b.push_period(g, van, tot),
            Err(e) => {
                b.undo(mark);
                return reject(
                    b,
                    Field::Woonhistoriek,
                    Fout::Ongeldig {
                        waarde: item.to_string(),
                        verwacht: e.verwacht,
                    },
                );
            }
        }
    }
    let historiek = Slice {
        start: h_start,
        len: b.periods.len() as u32 - h_start,
    };
    let dossier = b.push_text(dossier);
    let woonnood = b.code(texts[Field::Woonnood as usize]);
    let begeleiding = b.code(texts[Field::Begeleiding as usize]);
    let doelgroepen = b.push_list(fields::list_items(texts[Field::Doelgroepen as usize]));
    let mantelzorg = b.push_list(fields::list_items(texts[Field::Mantelzorg as usize]));
    let voorkeur = b.push_list(fields::list_items(texts[Field::Voorkeur as usize]));
    b.records.push(super::batch::Record {
        plaats,
        dossier,
        inschrijving,
        gezinstype,
        volwassenen,
        kinderen,
        inkomen,
        woonnood,
        begeleiding,
        doelgroepen,
        mantelzorg,
        voorkeur,
        historiek,
    });
}

/// Read a JSON candidates file: an array of objects with the DATA.md names;
/// lists as arrays (or `;`-separated text), the residence history as objects
/// `{ "gemeente", "van", "tot" }` (or the CSV text form).
pub fn read_json(data: &[u8], bestand: &str) -> Result<Batch, ReadError> {
    let data = strip_bom(data)?;
    let text = std::str::from_utf8(data).map_err(|e| {
        let idx = crate::span::LineIndex::new(&String::from_utf8_lossy(&data[..e.valid_up_to()]));
        ReadError::Json {
            regel: idx.line_count(),
            kolom: 1,
            fout: "het bestand is geen UTF-8; sla het op als UTF-8".into(),
        }
    })?;
    if text.trim().is_empty() {
        return Err(ReadError::Leeg);
    }
    let raw: Vec<&serde_json::value::RawValue> = serde_json::from_str(text).map_err(|e| {
        let fout = if e.classify() == serde_json::error::Category::Data {
            "verwacht een lijst [ {...}, {...} ] met een object per kandidaat".to_string()
        } else {
            e.to_string()
        };
        ReadError::Json {
            regel: e.line(),
            kolom: e.column(),
            fout,
        }
    })?;
    let index = crate::span::LineIndex::new(text);
    let mut b = Builder::with_capacity(raw.len());
    let mut unknown: std::collections::BTreeSet<String> = Default::default();
    for (i, r) in raw.iter().enumerate() {
        let offset = r.get().as_ptr() as usize - text.as_ptr() as usize;
        let plaats = Plaats::Json {
            regel: index.line_col(text, offset).line as u32,
            kandidaat: i as u32 + 1,
        };
        let value: serde_json::Value = match serde_json::from_str(r.get()) {
            Ok(v) => v,
            Err(_) => serde_json::Value::Null,
        };
        let Some(obj) = value.as_object() else {
            b.rejected.push(Rejection {
                plaats,
                dossier: None,
                veld: None,
                kolom: None,
                fout: Fout::GeenObject,
            });
            continue;
        };
        for k in obj.keys() {
            if Field::from_name(k).is_none() {
                unknown.insert(k.clone());
            }
        }
        let mut values: [Cow<str>; 12] = Default::default();
        let mut bad: Option<(Field, Fout)> = None;
        for f in Field::ALL {
            let key = obj
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(f.name()))
                .map(|(_, v)| v);
            match json_text(f, key) {
                Ok(s) => values[f as usize] = s,
                Err(fout) => {
                    bad = Some((f, fout));
                    break;
                }
            }
        }
        if let Some((f, fout)) = bad {
            let dossier = values[Field::Dossier as usize].trim();
            b.rejected.push(Rejection {
                plaats,
                dossier: (!dossier.is_empty()).then(|| dossier.to_string()),
                veld: Some(f.name()),
                kolom: None,
                fout,
            });
            continue;
        }
        let v: [&[u8]; 12] = std::array::from_fn(|i| values[i].trim().as_bytes());
        push_fields(&mut b, plaats, &v, &|_| None);
    }
    let warnings = unknown
        .into_iter()
        .map(|k| format!("veld '{k}' is geen veld van het kandidatenformaat en wordt genegeerd"))
        .collect();
    Ok(Builder::merge(bestand, vec![b], warnings))
}

/// A JSON value as the text the CSV form would hold.
fn json_text(f: Field, v: Option<&serde_json::Value>) -> Result<Cow<'_, str>, Fout> {
    use serde_json::Value;
    let list = matches!(
        f,
        Field::Doelgroepen | Field::Mantelzorg | Field::Voorkeur | Field::Woonhistoriek
    );
    let wrong = |verwacht: &str| Fout::VerkeerdType {
        verwacht: verwacht.to_string(),
    };
    match v {
        None | Some(Value::Null) => Ok(Cow::Borrowed("")),
        Some(Value::String(s)) => Ok(Cow::Borrowed(s)),
        Some(Value::Number(n)) if !list => Ok(Cow::Owned(n.to_string())),
        Some(Value::Array(items)) if list => {
            let mut parts = Vec::with_capacity(items.len());
            for item in items {
                match (f, item) {
                    (Field::Woonhistoriek, Value::Object(p)) => {
                        let s = |k: &str| p.get(k).and_then(Value::as_str).unwrap_or("").trim();
                        if s("gemeente").contains(['@', ';']) {
                            return Err(wrong("een gemeentenaam zonder '@' of ';'"));
                        }
                        parts.push(format!("{}@{}..{}", s("gemeente"), s("van"), s("tot")));
                    }
                    (_, Value::String(s)) if !s.contains(';') => parts.push(s.clone()),
                    (Field::Woonhistoriek, _) => {
                        return Err(wrong(
                            "een lijst van objecten {\"gemeente\": ..., \"van\": \"JJJJ-MM-DD\", \"tot\": \"JJJJ-MM-DD\" of null}",
                        ))
                    }
                    _ => return Err(wrong("een lijst van codes of gemeenten (tekst, zonder ';')")),
                }
            }
            Ok(Cow::Owned(parts.join(";")))
        }
        Some(_) if list => Err(wrong(
            "een lijst (array) of tekst met ';' tussen de waarden",
        )),
        Some(_) => Err(wrong(match f {
            Field::Volwassenen | Field::Kinderen => "een geheel getal",
            Field::Inkomen => "een bedrag (getal of tekst) of null",
            _ => "tekst",
        })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_respects_quotes() {
        let body = b"a,\"x\ny\"\nb,c\n\"q\n\",d\ne,f\n";
        for n in 1..8 {
            let parts = split(body, n);
            let mut joined = Vec::new();
            for (s, e) in &parts {
                let part = &body[*s..*e];
                // every part holds whole records: an even number of quotes
                assert_eq!(
                    memchr::memchr_iter(b'"', part).count() % 2,
                    0,
                    "{n}: {parts:?}"
                );
                joined.extend_from_slice(part);
            }
            assert_eq!(joined, body);
        }
    }
}
