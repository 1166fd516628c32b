//! Reading a candidates file (CSV or JSON, docs/gegevens.md) into a [`Batch`].
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

use super::batch::{
    Arrays, Batch, Bounds, Builder, ChunkResult, Field, Full, Papers, Slice, FIELDS,
};
use super::fields::{self, FieldError};
use super::lines::{self, LineEnds, Lines};
use super::reject::{shown, Aanhaling, Fout, Origin, ReadError, Rejection};
use rayon::prelude::*;
use std::borrow::Cow;

/// The format of a candidates (or dwellings) file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
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

/// The bytes of an input file: memory-mapped when the file system allows
/// it (no copy, pages come straight from the page cache), else read.
pub enum Input {
    Mapped(memmap2::Mmap),
    Read(Vec<u8>),
}

impl Input {
    /// A regular file only (never a pipe or a device: see [`crate::files`]),
    /// of at most [`crate::files::MAX_KANDIDATEN`] bytes.
    pub fn open(path: &std::path::Path) -> Result<Input, crate::files::FileError> {
        use crate::files::{self, FileError};
        let (file, len) = files::open(path)?;
        if len > files::MAX_KANDIDATEN {
            return Err(FileError::TooLarge {
                bytes: len,
                max: files::MAX_KANDIDATEN,
            });
        }
        if len > 0 {
            // SAFETY: the map is only read. The file must not be truncated
            // while it is read (an export from the central register is not).
            if let Ok(map) = unsafe { memmap2::Mmap::map(&file) } {
                return Ok(Input::Mapped(map));
            }
        }
        drop(file);
        Ok(Input::Read(files::read(path, files::MAX_KANDIDATEN)?))
    }
}

impl std::ops::Deref for Input {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Input::Mapped(m) => m,
            Input::Read(v) => v,
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

/// Offsets into a batch's arenas are 32-bit.
fn too_large(data: &[u8]) -> Result<(), ReadError> {
    if data.len() > u32::MAX as usize {
        return Err(ReadError::TeGroot { bytes: data.len() });
    }
    Ok(())
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
    idx: [Option<usize>; FIELDS],
    width: usize,
}

fn header(names: &[String]) -> Result<(Columns, Vec<String>), ReadError> {
    let mut idx = [None; FIELDS];
    let mut warnings = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let name = name.trim();
        match Field::from_name(name) {
            Some(f) => {
                if idx[f as usize].is_some() {
                    return Err(ReadError::DubbeleKolom { kolom: shown(name) });
                }
                idx[f as usize] = Some(i);
            }
            None => warnings.push(format!(
                "kolom {} '{}' is geen veld van het kandidatenformaat en wordt genegeerd",
                i + 1,
                shown(name)
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
            gevonden: names.iter().take(20).map(|n| shown(n.trim())).collect(),
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
    read_csv_in_chunks(data, bestand, None)
}

/// [`read_csv`] with a given number of chunks (tests: the result does not
/// depend on it).
pub fn read_csv_in_chunks(
    data: &[u8],
    bestand: &str,
    chunks: Option<usize>,
) -> Result<Batch, ReadError> {
    too_large(data)?;
    let data = strip_bom(data)?;
    if data.iter().all(u8::is_ascii_whitespace) {
        return Err(ReadError::Leeg);
    }
    // one record per line (see `lines`): the header is the first line that
    // is not blank
    let ends = LineEnds::of(data);
    let mut lines = Lines::new(data, ends);
    let head = lines
        .by_ref()
        .find(|l| !lines::is_blank(l.text))
        .ok_or(ReadError::Leeg)?;
    let mut parts = Vec::new();
    lines::fields(head.text, &mut parts).map_err(|q| ReadError::Kop {
        regel: head.number,
        fout: lines::quote_message(
            q.problem,
            q.field + 1,
            head.number,
            lines::swallowed(&data[head.offset + q.at..], ends),
        ),
    })?;
    let names: Vec<String> = parts
        .iter()
        .map(|f| String::from_utf8_lossy(f).into_owned())
        .collect();
    let (cols, warnings) = header(&names)?;
    let body_line = head.number + 1;
    let body = data.get(lines.position()..).unwrap_or(&[]);

    // cut into chunks at line ends; per chunk, upper bounds of what it can
    // hold (a cheap count of line ends, separators and '@')
    let chunks = split(
        body,
        chunks.unwrap_or_else(|| chunk_count(body.len())),
        ends,
    );
    let counted: Vec<(u32, Bounds)> = chunks
        .par_iter()
        .map(|&(start, end)| {
            let part = &body[start..end];
            let lines = ends.count(part);
            let records = lines + 1;
            let bounds = Bounds {
                records,
                text: part.len(),
                // each list item is followed by ';' or ends one of 3 list fields
                syms: memchr::memchr_iter(b';', part).count() + 3 * records,
                // every residence period holds one '@'
                periods: memchr::memchr_iter(b'@', part).count(),
                // birth dates: one more than the ';' of a record's one date list
                days: memchr::memchr_iter(b';', part).count() + records,
            };
            (lines as u32, bounds)
        })
        .collect();
    let bounds: Vec<Bounds> = counted.iter().map(|c| c.1).collect();
    let mut arrays = Arrays::new(&bounds);
    let mut results: Vec<ChunkResult> = arrays
        .builders(&bounds)
        .into_par_iter()
        .zip(chunks.par_iter())
        .map(|(mut b, &(start, end))| {
            parse_chunk(&body[start..], end - start, ends, &cols, &mut b);
            b.done()
        })
        .collect();
    // chunk-relative lines → file lines
    let mut line = body_line;
    for (r, (lines, _)) in results.iter_mut().zip(&counted) {
        r.line_shift = line - 1;
        line += lines;
    }
    let kolommen = cols.idx.map(|i| i.map(|i| i as u32 + 1));
    Ok(arrays.assemble(bestand, &bounds, results, warnings, kolommen))
}

fn chunk_count(len: usize) -> usize {
    if len < 1 << 20 {
        1
    } else {
        (rayon::current_num_threads() * 4).clamp(1, 256)
    }
}

/// Cut `body` into about `n` pieces that each end just after a line end,
/// or at the end. A line end always ends a record (see `lines`).
fn split(body: &[u8], n: usize, ends: LineEnds) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(n);
    let mut start = 0;
    for k in 1..n {
        let pos = (body.len() / n * k).max(start);
        let Some(at) = memchr::memchr(ends.byte(), body.get(pos..).unwrap_or(&[])) else {
            break;
        };
        let cut = pos + at + 1;
        if cut >= body.len() {
            break;
        }
        out.push((start, cut));
        start = cut;
    }
    out.push((start, body.len()));
    out
}

/// Parse the first `len` bytes of `rest` (a chunk; `rest` runs on to the
/// end of the file, for what a quoting error would affect): every line that
/// is not blank becomes a record or a rejection.
fn parse_chunk(rest: &[u8], len: usize, ends: LineEnds, cols: &Columns, b: &mut Builder) {
    let part = &rest[..len];
    let mut parts = Vec::with_capacity(cols.width);
    for line in Lines::new(part, ends) {
        if lines::is_blank(line.text) {
            continue;
        }
        let plaats = Origin::Regel(line.number);
        let dossier_of = |parts: &[Cow<'_, [u8]>]| {
            cols.idx[Field::Dossier as usize]
                .and_then(|i| parts.get(i))
                .and_then(|d| std::str::from_utf8(fields::trim(d)).ok())
                .filter(|d| valid_dossier(d))
                .map(str::to_string)
        };
        if let Err(q) = lines::fields(line.text, &mut parts) {
            let swallowed = match q.problem {
                lines::QuoteProblem::NotClosed => {
                    lines::swallowed(&rest[line.offset + q.at..], ends)
                }
                _ => (0, false),
            };
            b.rejected.push(Rejection {
                plaats,
                dossier: dossier_of(&parts),
                veld: Field::ALL
                    .into_iter()
                    .find(|f| cols.idx[*f as usize] == Some(q.field))
                    .map(Field::name),
                kolom: Some(q.field as u32 + 1),
                fout: Fout::Aanhalingsteken {
                    probleem: Aanhaling::from_problem(q.problem, swallowed),
                },
            });
            continue;
        }
        if parts.len() != cols.width {
            b.rejected.push(Rejection {
                plaats,
                dossier: dossier_of(&parts),
                veld: None,
                kolom: None,
                fout: Fout::AantalVelden {
                    gevonden: parts.len(),
                    verwacht: cols.width,
                },
            });
            continue;
        }
        let mut values: [&[u8]; FIELDS] = [b""; FIELDS];
        for f in Field::ALL {
            if let Some(i) = cols.idx[f as usize] {
                values[f as usize] = fields::trim(parts.get(i).map_or(b"", |p| &p[..]));
            }
        }
        let kolom = |f: Field| cols.idx[f as usize].map(|i| i as u32 + 1);
        // one pass over the line rules out control characters in every value
        let controls = fields::may_hold_control(line.text);
        push_fields(b, plaats, &values, &kolom, controls);
    }
}

/// A dossier that may be repeated in a message or an output: text without
/// control characters, not too long.
fn valid_dossier(d: &str) -> bool {
    !d.is_empty() && d.len() <= fields::MAX_NAME && fields::control_char(d.as_bytes()).is_none()
}

/// The first value of a record that is not safe to read: a control
/// character, a value longer than its field allows, or a list with too many
/// items. Checked before anything else, so that no such value reaches a
/// ranking or a message.
fn check_values(v: &[&[u8]; FIELDS], controls: bool) -> Option<(Field, Fout)> {
    for f in Field::ALL {
        let x = v[f as usize];
        if x.is_empty() {
            continue;
        }
        if controls {
            if let Some((positie, teken)) = fields::control_char(x) {
                return Some((f, Fout::Stuurteken { positie, teken }));
            }
        }
        let (max_value, max_item) = match f {
            Field::Dossier | Field::Woonnood | Field::Begeleiding => (fields::MAX_NAME, usize::MAX),
            Field::Doelgroepen | Field::Mantelzorg | Field::Voorkeur => {
                (usize::MAX, fields::MAX_NAME)
            }
            Field::Woonhistoriek => (usize::MAX, fields::MAX_PERIOD),
            _ => (fields::MAX_VALUE, usize::MAX),
        };
        if x.len() > max_value {
            let fout = Fout::TeLang {
                lengte: x.len(),
                max: max_value,
            };
            return Some((f, fout));
        }
        // a short list cannot hold a long item or too many items
        if max_item != usize::MAX && x.len() > max_item {
            let mut items = 0;
            for item in fields::semicolon_parts(x) {
                items += 1;
                let n = fields::trim(item).len();
                if n > max_item {
                    return Some((
                        f,
                        Fout::TeLang {
                            lengte: n,
                            max: max_item,
                        },
                    ));
                }
            }
            if items > fields::MAX_ITEMS {
                return Some((
                    f,
                    Fout::TeVeel {
                        aantal: items,
                        max: fields::MAX_ITEMS,
                    },
                ));
            }
        }
    }
    None
}

/// One record's field values (trimmed text) → a record or a rejection.
/// Shared by the CSV and JSON readers.
fn push_fields(
    b: &mut Builder,
    plaats: Origin,
    v: &[&[u8]; FIELDS],
    kolom: &dyn Fn(Field) -> Option<u32>,
    controls: bool,
) {
    let get = |f: Field| v[f as usize];
    let dossier_ok = std::str::from_utf8(get(Field::Dossier)).ok();
    let dossier_owned = || dossier_ok.filter(|d| valid_dossier(d)).map(str::to_string);
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
    if let Some((f, fout)) = check_values(v, controls) {
        return reject(b, f, fout);
    }
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
    // text fields, interned from their bytes (UTF-8 is checked once per distinct name)
    let mark = b.mark();
    match push_texts(
        b,
        plaats,
        dossier,
        &get,
        inschrijving,
        gezinstype,
        volwassenen,
        kinderen,
        inkomen,
    ) {
        Ok(None) => {}
        Ok(Some((f, fout))) => {
            b.undo(mark);
            reject(b, f, fout);
        }
        Err(Full) => {
            b.undo(mark);
            reject(b, Field::Dossier, Fout::Intern);
        }
    }
}

/// The text fields of a record and the record itself; `Ok(Some(..))` names
/// the field at fault.
#[allow(clippy::too_many_arguments)]
#[inline]
fn push_texts<'v>(
    b: &mut Builder,
    plaats: Origin,
    dossier: &str,
    get: &dyn Fn(Field) -> &'v [u8],
    inschrijving: fields::Day,
    gezinstype: crate::vocab::Household,
    volwassenen: u32,
    kinderen: u32,
    inkomen: i64,
) -> Result<Option<(Field, Fout)>, Full> {
    let h_start = b.periods.offset();
    let hist = get(Field::Woonhistoriek);
    if !hist.is_empty() {
        for item in fields::semicolon_parts(hist) {
            let item = fields::trim(item);
            if item.is_empty() {
                continue;
            }
            if let Some((name, van, tot)) = fields::parse_period_fast(item) {
                match b.symbols.intern_bytes(name) {
                    Some(g) => b.push_period(g, van, tot)?,
                    None => return Ok(Some((Field::Woonhistoriek, Fout::GeenUtf8))),
                }
                continue;
            }
            // the slow path reads spaces and says what is wrong
            let Ok(text) = std::str::from_utf8(item) else {
                return Ok(Some((Field::Woonhistoriek, Fout::GeenUtf8)));
            };
            match fields::parse_period(text) {
                Ok((g, van, tot)) => {
                    let g = b.symbols.intern(g);
                    b.push_period(g, van, tot)?;
                }
                Err(e) => {
                    return Ok(Some((
                        Field::Woonhistoriek,
                        Fout::Ongeldig {
                            waarde: text.to_string(),
                            verwacht: e.verwacht,
                        },
                    )))
                }
            }
        }
    }
    let historiek = Slice {
        start: h_start,
        len: b.periods.offset() - h_start,
    };
    let d_start = b.days.offset();
    let births = get(Field::Geboortedata);
    if !births.is_empty() {
        let invalid = |verwacht: String| Fout::Ongeldig {
            waarde: String::from_utf8_lossy(births).into_owned(),
            verwacht,
        };
        for item in fields::semicolon_parts(births) {
            let item = fields::trim(item);
            if item.is_empty() {
                continue;
            }
            match fields::parse_day(item) {
                Ok(d) => b.days.push(d)?,
                Err(e) => {
                    return Ok(Some((
                        Field::Geboortedata,
                        invalid(format!("{}; {}", fields::BIRTH_EXPECTED, e.verwacht)),
                    )))
                }
            }
        }
        if (b.days.offset() - d_start) > volwassenen {
            return Ok(Some((
                Field::Geboortedata,
                invalid(fields::birth_dates_expected(volwassenen)),
            )));
        }
    }
    let geboortedata = Slice {
        start: d_start,
        len: b.days.offset() - d_start,
    };
    let papers = match read_papers(get) {
        Ok(p) => p,
        Err(e) => return Ok(Some(e)),
    };
    let Some(woonnood) = b.code_bytes(get(Field::Woonnood)) else {
        return Ok(Some((Field::Woonnood, Fout::GeenUtf8)));
    };
    let Some(begeleiding) = b.code_bytes(get(Field::Begeleiding)) else {
        return Ok(Some((Field::Begeleiding, Fout::GeenUtf8)));
    };
    let mut lists = [Slice::default(); 3];
    for (k, f) in [Field::Doelgroepen, Field::Mantelzorg, Field::Voorkeur]
        .into_iter()
        .enumerate()
    {
        match b.push_list_bytes(get(f))? {
            Some(sl) => lists[k] = sl,
            None => return Ok(Some((f, Fout::GeenUtf8))),
        }
    }
    let dossier = b.push_text(dossier)?;
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
        doelgroepen: lists[0],
        mantelzorg: lists[1],
        voorkeur: lists[2],
        historiek,
        geboortedata,
        papers,
    })?;
    Ok(None)
}

/// The `knipperlicht`, `begeleidingsovereenkomst` and `sociaal_verslag`
/// fields (empty = nee).
fn read_papers<'v>(get: &dyn Fn(Field) -> &'v [u8]) -> Result<Papers, (Field, Fout)> {
    let invalid = |f: Field, e: FieldError| {
        (
            f,
            Fout::Ongeldig {
                waarde: String::from_utf8_lossy(get(f)).into_owned(),
                verwacht: e.verwacht,
            },
        )
    };
    let recorded = |f: Field| match get(f) {
        b"" => Ok(fields::NEVER),
        x => fields::parse_recorded(x).map_err(|e| invalid(f, e)),
    };
    Ok(Papers {
        knipperlicht: match get(Field::Knipperlicht) {
            b"" => false,
            x => fields::parse_yes_no(x).map_err(|e| invalid(Field::Knipperlicht, e))?,
        },
        overeenkomst: recorded(Field::Begeleidingsovereenkomst)?,
        verslag: recorded(Field::SociaalVerslag)?,
    })
}

/// Read a JSON candidates file: an array of objects with the docs/gegevens.md names;
/// lists as arrays (or `;`-separated text), the residence history as objects
/// `{ "gemeente", "van", "tot" }` (or the CSV text form).
pub fn read_json(data: &[u8], bestand: &str) -> Result<Batch, ReadError> {
    too_large(data)?;
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
            crate::files::json_reason(&e)
        };
        ReadError::Json {
            regel: e.line(),
            kolom: e.column().max(1),
            fout,
        }
    })?;
    let index = crate::span::LineIndex::new(text);
    let mut unknown: std::collections::BTreeSet<String> = Default::default();
    // first each object as the text its CSV row would hold, or its error
    let mut rows: Vec<(Origin, Result<[String; FIELDS], Rejection>)> =
        Vec::with_capacity(raw.len());
    for (i, r) in raw.iter().enumerate() {
        let offset = r.get().as_ptr() as usize - text.as_ptr() as usize;
        let plaats = Origin::Json {
            regel: index.line_col(text, offset).line as u32,
            kandidaat: i as u32 + 1,
        };
        let (value, twice) = super::json::parse(r.get()).unwrap_or_default();
        let reject = |fout: Fout| Rejection {
            plaats,
            dossier: None,
            veld: None,
            kolom: None,
            fout,
        };
        if let Some(veld) = twice.into_iter().next() {
            rows.push((plaats, Err(reject(Fout::DubbelVeld { veld }))));
            continue;
        }
        let Some(obj) = value.as_object() else {
            rows.push((
                plaats,
                Err(Rejection {
                    plaats,
                    dossier: None,
                    veld: None,
                    kolom: None,
                    fout: Fout::GeenObject,
                }),
            ));
            continue;
        };
        for k in obj.keys() {
            if Field::from_name(k).is_none() {
                unknown.insert(super::reject::shown(k));
            }
        }
        // names are read in any case: "Dossier" and "dossier" are the same field
        if let Some(f) = Field::ALL.into_iter().find(|f| {
            obj.keys()
                .filter(|k| k.eq_ignore_ascii_case(f.name()))
                .count()
                > 1
        }) {
            rows.push((
                plaats,
                Err(reject(Fout::DubbelVeld {
                    veld: f.name().to_string(),
                })),
            ));
            continue;
        }
        let mut values: [String; FIELDS] = Default::default();
        let mut bad: Option<(Field, Fout)> = None;
        for f in Field::ALL {
            let key = obj
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(f.name()))
                .map(|(_, v)| v);
            match json_text(f, key) {
                Ok(s) => values[f as usize] = s.trim().to_string(),
                Err(fout) => {
                    bad = Some((f, fout));
                    break;
                }
            }
        }
        rows.push((
            plaats,
            match bad {
                Some((f, fout)) => {
                    let dossier = values[Field::Dossier as usize].trim();
                    Err(Rejection {
                        plaats,
                        dossier: valid_dossier(dossier).then(|| dossier.to_string()),
                        veld: Some(f.name()),
                        kolom: None,
                        fout,
                    })
                }
                None => Ok(values),
            },
        ));
    }
    let count =
        |v: &[String; FIELDS], f: Field, c: u8| v[f as usize].bytes().filter(|&x| x == c).count();
    let ok = || rows.iter().filter_map(|(_, r)| r.as_ref().ok());
    let bounds = [Bounds {
        records: rows.len(),
        text: ok().map(|v| v[Field::Dossier as usize].len()).sum(),
        syms: ok()
            .map(|v| {
                [Field::Doelgroepen, Field::Mantelzorg, Field::Voorkeur]
                    .into_iter()
                    .map(|f| count(v, f, b';') + 1)
                    .sum::<usize>()
            })
            .sum(),
        periods: ok().map(|v| count(v, Field::Woonhistoriek, b'@')).sum(),
        days: ok().map(|v| count(v, Field::Geboortedata, b';') + 1).sum(),
    }];
    let mut arrays = Arrays::new(&bounds);
    let result = {
        let mut b = arrays.builders(&bounds).remove(0);
        for (plaats, row) in &rows {
            match row {
                Ok(values) => {
                    let v: [&[u8]; FIELDS] = std::array::from_fn(|i| values[i].as_bytes());
                    push_fields(&mut b, *plaats, &v, &|_| None, true);
                }
                Err(r) => b.rejected.push(r.clone()),
            }
        }
        b.done()
    };
    let warnings = unknown
        .into_iter()
        .map(|k| format!("veld '{k}' is geen veld van het kandidatenformaat en wordt genegeerd"))
        .collect();
    Ok(arrays.assemble(bestand, &bounds, vec![result], warnings, [None; FIELDS]))
}

/// A JSON value as the text the CSV form would hold.
fn json_text(f: Field, v: Option<&serde_json::Value>) -> Result<Cow<'_, str>, Fout> {
    use serde_json::Value;
    let list = matches!(
        f,
        Field::Doelgroepen
            | Field::Mantelzorg
            | Field::Voorkeur
            | Field::Woonhistoriek
            | Field::Geboortedata
    );
    let wrong = |verwacht: &str| Fout::VerkeerdType {
        verwacht: verwacht.to_string(),
    };
    match v {
        None | Some(Value::Null) => Ok(Cow::Borrowed("")),
        Some(Value::String(s)) => Ok(Cow::Borrowed(s)),
        Some(Value::Number(n)) if !list => Ok(Cow::Owned(n.to_string())),
        Some(Value::Bool(b))
            if matches!(
                f,
                Field::Knipperlicht | Field::Begeleidingsovereenkomst | Field::SociaalVerslag
            ) =>
        {
            Ok(Cow::Borrowed(if *b { "ja" } else { "nee" }))
        }
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
                    (Field::Geboortedata, _) => {
                        return Err(wrong("een lijst van geboortedatums \"JJJJ-MM-DD\" (tekst), één per volwassene"))
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
            Field::Knipperlicht => "true, false, \"ja\" of \"nee\"",
            Field::Begeleidingsovereenkomst | Field::SociaalVerslag => {
                "true, false, \"ja\", \"nee\" of een datum \"JJJJ-MM-DD\""
            }
            _ => "tekst",
        })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Chunks end at line ends, and the same bytes read in any number
        /// of chunks give the same records and rejections.
        #[test]
        fn chunks_do_not_change_the_result(
            rows in proptest::collection::vec("[a-c\",;@\r\n 0-9-]{0,30}", 0..30),
            n in 1usize..6,
        ) {
            let text = format!("dossier,inschrijvingsdatum,gezinstype,volwassenen,kinderen\n{}", rows.join("\n"));
            let body = text.as_bytes();
            for (s, e) in split(body, n, LineEnds::of(body)) {
                proptest::prop_assert!(e == body.len() || body[e - 1] == LineEnds::of(body).byte());
                proptest::prop_assert!(s <= e);
            }
            let one = read_csv_in_chunks(body, "k.csv", Some(1));
            let many = read_csv_in_chunks(body, "k.csv", Some(n));
            match (one, many) {
                (Ok(a), Ok(b)) => {
                    proptest::prop_assert_eq!(a.records.len(), b.records.len());
                    proptest::prop_assert_eq!(a.rejected, b.rejected);
                    let pa: Vec<_> = a.records.iter().map(|r| r.plaats).collect();
                    let pb: Vec<_> = b.records.iter().map(|r| r.plaats).collect();
                    proptest::prop_assert_eq!(pa, pb);
                }
                (a, b) => proptest::prop_assert_eq!(a.is_err(), b.is_err()),
            }
        }
    }
}
