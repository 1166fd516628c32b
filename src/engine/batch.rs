//! The compact form of a set of candidates: what the engine ranks.
//!
//! A [`Batch`] holds one fixed-size [`Record`] per readable candidate and
//! arenas for the variable parts (dossier texts, code lists, residence
//! periods), so that reading a million rows allocates a handful of vectors,
//! not millions of strings. Codes and gemeente names are interned as
//! [`Sym`]s: the batch does not depend on any plan, and resolving it against
//! a plan ([`super::prepare`]) looks each distinct symbol up once, not each
//! row. The batch also holds the records that could not be read
//! (`geweigerd`), so that read = records + rejected, always.

use super::candidate::{Candidate, Vastgelegd};
use super::fields::{self, Day, OPEN};
use super::reject::{Fout, Origin, Rejection};
use crate::vocab::Household;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// An interned code or gemeente name.
pub type Sym = u32;
/// No symbol (an empty field).
pub const NONE: Sym = Sym::MAX;

/// A range in one of the batch's arenas.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Slice {
    pub start: u32,
    pub len: u32,
}

impl Slice {
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..(self.start + self.len) as usize
    }
}

/// One residence period: first and last day (inclusive; [`OPEN`] = still there).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub gemeente: Sym,
    pub van: Day,
    pub tot: Day,
}

/// One candidate, compact. Amounts in cents, dates as day numbers.
#[derive(Debug, Clone, Copy)]
pub struct Record {
    pub plaats: Origin,
    /// Into [`Batch::text`].
    pub dossier: Slice,
    pub inschrijving: Day,
    pub gezinstype: Household,
    pub volwassenen: u32,
    pub kinderen: u32,
    /// Cents; negative = unknown.
    pub inkomen: i64,
    pub woonnood: Sym,
    pub begeleiding: Sym,
    /// Into [`Batch::syms`].
    pub doelgroepen: Slice,
    pub mantelzorg: Slice,
    pub voorkeur: Slice,
    /// Into [`Batch::periods`].
    pub historiek: Slice,
    /// Into [`Batch::days`]: one birth date per adult, as far as known.
    pub geboortedata: Slice,
    pub papers: Papers,
}

/// The knipperlicht and the papers of a dossier that can lift a rule
/// (`knipperlicht`, `begeleidingsovereenkomst`, `sociaal_verslag`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Papers {
    pub knipperlicht: bool,
    /// The day from which a begeleidingsovereenkomst is recorded
    /// ([`fields::ALWAYS`], [`fields::NEVER`]).
    pub overeenkomst: Day,
    /// The day from which an approved sociaal verslag is recorded.
    pub verslag: Day,
}

impl Papers {
    pub const NONE: Papers = Papers {
        knipperlicht: false,
        overeenkomst: fields::NEVER,
        verslag: fields::NEVER,
    };
}

impl Record {
    pub fn inkomen(&self) -> Option<i64> {
        (self.inkomen >= 0).then_some(self.inkomen)
    }
}

/// The columns of a candidates file (docs/gegevens.md), in the documented order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Dossier,
    Inschrijvingsdatum,
    Gezinstype,
    Volwassenen,
    Kinderen,
    Inkomen,
    Woonnood,
    Begeleiding,
    Doelgroepen,
    Mantelzorg,
    Voorkeur,
    Woonhistoriek,
    Geboortedata,
    Knipperlicht,
    Begeleidingsovereenkomst,
    SociaalVerslag,
}

/// The number of columns of a candidates file.
pub const FIELDS: usize = 16;

impl Field {
    pub const ALL: [Field; FIELDS] = [
        Field::Dossier,
        Field::Inschrijvingsdatum,
        Field::Gezinstype,
        Field::Volwassenen,
        Field::Kinderen,
        Field::Inkomen,
        Field::Woonnood,
        Field::Begeleiding,
        Field::Doelgroepen,
        Field::Mantelzorg,
        Field::Voorkeur,
        Field::Woonhistoriek,
        Field::Geboortedata,
        Field::Knipperlicht,
        Field::Begeleidingsovereenkomst,
        Field::SociaalVerslag,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Field::Dossier => "dossier",
            Field::Inschrijvingsdatum => "inschrijvingsdatum",
            Field::Gezinstype => "gezinstype",
            Field::Volwassenen => "volwassenen",
            Field::Kinderen => "kinderen",
            Field::Inkomen => "inkomen",
            Field::Woonnood => "woonnood",
            Field::Begeleiding => "begeleiding",
            Field::Doelgroepen => "doelgroepen",
            Field::Mantelzorg => "mantelzorg",
            Field::Voorkeur => "voorkeur",
            Field::Woonhistoriek => "woonhistoriek",
            Field::Geboortedata => "geboortedata",
            Field::Knipperlicht => "knipperlicht",
            Field::Begeleidingsovereenkomst => "begeleidingsovereenkomst",
            Field::SociaalVerslag => "sociaal_verslag",
        }
    }

    pub fn required(self) -> bool {
        matches!(
            self,
            Field::Dossier
                | Field::Inschrijvingsdatum
                | Field::Gezinstype
                | Field::Volwassenen
                | Field::Kinderen
        )
    }

    pub fn from_name(name: &str) -> Option<Field> {
        Field::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name))
    }
}

/// Interned strings of a batch. Looked up by their bytes; names of up to
/// 16 bytes (nearly all codes and gemeenten) by a key of two integers, so
/// that a lookup hashes and compares integers, not strings.
#[derive(Debug, Clone, Default)]
pub struct Symbols {
    short: FxHashMap<(u64, u64, u8), Sym>,
    long: FxHashMap<Box<[u8]>, Sym>,
    names: Vec<Box<str>>,
}

/// A key that determines a name of at most 16 bytes.
#[inline]
fn short_key(b: &[u8]) -> Option<(u64, u64, u8)> {
    let n = b.len();
    let word = |x: &[u8]| {
        let mut w = [0u8; 8];
        w[..x.len()].copy_from_slice(x);
        u64::from_le_bytes(w)
    };
    match n {
        0..=8 => Some((word(b), 0, n as u8)),
        9..=16 => Some((word(&b[..8]), word(&b[n - 8..]), n as u8)),
        _ => None,
    }
}

impl Symbols {
    /// The symbol of these bytes; `None` if they are new and not UTF-8.
    #[inline]
    pub fn intern_bytes(&mut self, b: &[u8]) -> Option<Sym> {
        let id = self.names.len() as Sym;
        match short_key(b) {
            Some(k) => {
                if let Some(&s) = self.short.get(&k) {
                    return Some(s);
                }
                let name = std::str::from_utf8(b).ok()?;
                self.short.insert(k, id);
                self.names.push(name.into());
            }
            None => {
                if let Some(&s) = self.long.get(b) {
                    return Some(s);
                }
                let name = std::str::from_utf8(b).ok()?;
                self.long.insert(b.into(), id);
                self.names.push(name.into());
            }
        }
        Some(id)
    }

    pub fn intern(&mut self, s: &str) -> Sym {
        // text is UTF-8, so interning cannot fail
        self.intern_bytes(s.as_bytes()).unwrap_or(NONE)
    }

    pub fn name(&self, sym: Sym) -> &str {
        self.names.get(sym as usize).map_or("", |s| s)
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (Sym, &str)> {
        self.names.iter().enumerate().map(|(i, s)| (i as Sym, &**s))
    }
}

/// Candidates in compact form, with the records that could not be read.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    /// The file name used in messages.
    pub bestand: String,
    pub records: Vec<Record>,
    /// Dossier texts (UTF-8, checked when written); may hold unused gaps.
    pub text: Vec<u8>,
    pub syms: Vec<Sym>,
    pub periods: Vec<Period>,
    /// Birth dates (day numbers), see [`Record::geboortedata`].
    pub days: Vec<Day>,
    pub symbols: Symbols,
    /// Records that could not be read, in source order.
    pub rejected: Vec<Rejection>,
    /// Indices of the records in dossier order (text, byte by byte).
    pub by_dossier: Vec<u32>,
    /// Notes about the file that reject nothing (e.g. an unknown column that is ignored).
    pub warnings: Vec<String>,
    /// The CSV column number (1-based) of each field, per [`Field`], for messages.
    pub kolommen: [Option<u32>; FIELDS],
}

impl Batch {
    /// Records read = records kept + records rejected.
    pub fn read_count(&self) -> usize {
        self.records.len() + self.rejected.len()
    }

    /// The dossier's bytes (UTF-8, checked when read): for sorting and writing.
    #[inline]
    pub fn dossier_bytes(&self, r: &Record) -> &[u8] {
        self.text.get(r.dossier.range()).unwrap_or(&[])
    }

    pub fn dossier(&self, r: &Record) -> &str {
        self.text
            .get(r.dossier.range())
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }

    pub fn list(&self, s: Slice) -> &[Sym] {
        &self.syms[s.range()]
    }

    pub fn history(&self, s: Slice) -> &[Period] {
        &self.periods[s.range()]
    }

    /// The known birth dates of a record's adults, in the order written.
    pub fn birth_dates(&self, r: &Record) -> &[Day] {
        &self.days[r.geboortedata.range()]
    }

    pub fn name(&self, sym: Sym) -> &str {
        self.symbols.name(sym)
    }

    /// A batch of candidates given in memory. Values the types cannot rule
    /// out (no adults, an empty dossier, a period that ends before it
    /// starts, a negative income) are rejected like a file's.
    pub fn from_candidates(bestand: &str, candidates: &[Candidate]) -> Batch {
        let bounds = Bounds {
            records: candidates.len(),
            text: candidates.iter().map(|c| c.dossier.len()).sum(),
            syms: candidates
                .iter()
                .map(|c| c.doelgroepen.len() + c.mantelzorg.len() + c.voorkeur.len())
                .sum(),
            periods: candidates.iter().map(|c| c.woonhistoriek.len()).sum(),
            days: candidates.iter().map(|c| c.geboortedata.len()).sum(),
        };
        let mut arrays = Arrays::new(&[bounds]);
        let result = {
            let mut b = arrays.builders(&[bounds]).remove(0);
            for (i, c) in candidates.iter().enumerate() {
                b.push_candidate(Origin::Kandidaat(i as u32 + 1), c);
            }
            b.done()
        };
        arrays.assemble(bestand, &[bounds], vec![result], Vec::new(), [None; FIELDS])
    }
}

/// The trimmed, non-empty items of a list.
fn clean(v: &[String]) -> impl Iterator<Item = &str> {
    v.iter().map(|s| s.trim()).filter(|s| !s.is_empty())
}

/// Upper bounds of what one chunk of input can hold: its region in each array.
#[derive(Debug, Clone, Copy, Default)]
pub struct Bounds {
    pub records: usize,
    pub text: usize,
    pub syms: usize,
    pub periods: usize,
    pub days: usize,
}

/// The batch-wide arrays, before they become a [`Batch`]. Each chunk of
/// input writes into its own region of each array (sized by [`Bounds`]), so
/// chunks are parsed in parallel and nothing is copied afterwards; only the
/// records are moved down to close the gaps between regions.
pub struct Arrays {
    records: Vec<Record>,
    text: Vec<u8>,
    syms: Vec<Sym>,
    periods: Vec<Period>,
    days: Vec<Day>,
}

/// What a chunk's builder leaves behind.
#[derive(Debug)]
pub struct ChunkResult {
    pub records: usize,
    pub syms: usize,
    pub periods: usize,
    pub symbols: Symbols,
    pub rejected: Vec<Rejection>,
    /// Added to the chunk's line numbers (its first line in the file, minus 1).
    pub line_shift: u32,
}

fn filled<T: Copy + Send + Sync>(n: usize, value: T) -> Vec<T> {
    (0..n).into_par_iter().map(|_| value).collect()
}

/// Split `v` into consecutive regions of the given lengths.
fn regions<T>(mut v: &mut [T], lens: impl Iterator<Item = usize>) -> Vec<&mut [T]> {
    let mut out = Vec::new();
    for n in lens {
        let (a, rest) = std::mem::take(&mut v).split_at_mut(n);
        out.push(a);
        v = rest;
    }
    out
}

impl Arrays {
    pub fn new(bounds: &[Bounds]) -> Arrays {
        let sum = |f: fn(&Bounds) -> usize| bounds.iter().map(f).sum::<usize>();
        Arrays {
            records: filled(sum(|b| b.records), EMPTY_RECORD),
            // zeroed memory is mapped lazily: unused room costs nothing
            text: vec![0u8; sum(|b| b.text)],
            syms: vec![0; sum(|b| b.syms)],
            periods: filled(sum(|b| b.periods), EMPTY_PERIOD),
            days: vec![0; sum(|b| b.days)],
        }
    }

    /// One builder per chunk, over its regions.
    pub fn builders(&mut self, bounds: &[Bounds]) -> Vec<Builder<'_>> {
        let mut bases = Vec::with_capacity(bounds.len());
        let mut at = Bounds::default();
        for b in bounds {
            bases.push(at);
            at.records += b.records;
            at.text += b.text;
            at.syms += b.syms;
            at.periods += b.periods;
            at.days += b.days;
        }
        let r = regions(&mut self.records, bounds.iter().map(|b| b.records));
        let t = regions(&mut self.text, bounds.iter().map(|b| b.text));
        let s = regions(&mut self.syms, bounds.iter().map(|b| b.syms));
        let p = regions(&mut self.periods, bounds.iter().map(|b| b.periods));
        let d = regions(&mut self.days, bounds.iter().map(|b| b.days));
        r.into_iter()
            .zip(t)
            .zip(s.into_iter().zip(p))
            .zip(d.into_iter().zip(bases))
            .map(|(((r, t), (s, p)), (d, base))| Builder {
                records: Region::new(r, base.records),
                text: Region::new(t, base.text),
                syms: Region::new(s, base.syms),
                periods: Region::new(p, base.periods),
                days: Region::new(d, base.days),
                symbols: Symbols::default(),
                rejected: Vec::new(),
            })
            .collect()
    }

    /// The batch: symbols merged (there are few) and remapped in place in
    /// parallel, lines made file-wide, records moved together, duplicate
    /// dossiers rejected.
    pub fn assemble(
        mut self,
        bestand: &str,
        bounds: &[Bounds],
        chunks: Vec<ChunkResult>,
        warnings: Vec<String>,
        kolommen: [Option<u32>; FIELDS],
    ) -> Batch {
        let mut symbols = Symbols::default();
        let remaps: Vec<Vec<Sym>> = chunks
            .iter()
            .map(|c| {
                c.symbols
                    .iter()
                    .map(|(_, name)| symbols.intern(name))
                    .collect()
            })
            .collect();
        {
            let r = regions(&mut self.records, bounds.iter().map(|b| b.records));
            let s = regions(&mut self.syms, bounds.iter().map(|b| b.syms));
            let p = regions(&mut self.periods, bounds.iter().map(|b| b.periods));
            r.into_par_iter()
                .zip(s.into_par_iter().zip(p))
                .zip(chunks.par_iter().zip(remaps.par_iter()))
                .for_each(|((r, (s, p)), (c, remap))| {
                    let map = |x: Sym| if x == NONE { NONE } else { remap[x as usize] };
                    for x in &mut s[..c.syms] {
                        *x = map(*x);
                    }
                    for q in &mut p[..c.periods] {
                        q.gemeente = map(q.gemeente);
                    }
                    for rec in &mut r[..c.records] {
                        rec.woonnood = map(rec.woonnood);
                        rec.begeleiding = map(rec.begeleiding);
                        if let Origin::Regel(l) = &mut rec.plaats {
                            *l += c.line_shift;
                        }
                    }
                });
        }
        let mut at = 0;
        let mut to = 0;
        for (b, c) in bounds.iter().zip(&chunks) {
            self.records.copy_within(at..at + c.records, to);
            at += b.records;
            to += c.records;
        }
        self.records.truncate(to);
        let rejected = chunks
            .into_iter()
            .flat_map(|c| {
                let shift = c.line_shift;
                c.rejected.into_iter().map(move |mut r| {
                    if let Origin::Regel(l) = &mut r.plaats {
                        *l += shift;
                    }
                    r
                })
            })
            .collect();
        let mut batch = Batch {
            bestand: bestand.to_string(),
            records: self.records,
            text: self.text,
            syms: self.syms,
            periods: self.periods,
            days: self.days,
            symbols,
            rejected,
            by_dossier: Vec::new(),
            warnings,
            kolommen,
        };
        sort_and_reject_duplicates(&mut batch);
        batch.rejected.sort_by_key(|r| r.plaats.order());
        batch
    }
}

/// A growing vector inside a fixed region of a batch-wide array; its
/// offsets are batch-wide. Pushing beyond the region fails (the bounds make
/// that impossible; a failure rejects the record rather than lose it).
pub struct Region<'a, T> {
    buf: &'a mut [T],
    len: usize,
    base: usize,
}

/// A region is full (an upper bound was wrong).
#[derive(Debug, Clone, Copy)]
pub struct Full;

impl<'a, T: Copy> Region<'a, T> {
    fn new(buf: &'a mut [T], base: usize) -> Self {
        Region { buf, len: 0, base }
    }

    #[inline]
    pub fn push(&mut self, v: T) -> Result<(), Full> {
        let slot = self.buf.get_mut(self.len).ok_or(Full)?;
        *slot = v;
        self.len += 1;
        Ok(())
    }

    #[inline]
    pub fn extend(&mut self, v: &[T]) -> Result<(), Full> {
        let dst = self.buf.get_mut(self.len..self.len + v.len()).ok_or(Full)?;
        dst.copy_from_slice(v);
        self.len += v.len();
        Ok(())
    }

    /// The batch-wide offset of the next element.
    #[inline]
    pub fn offset(&self) -> u32 {
        (self.base + self.len) as u32
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn truncate(&mut self, n: usize) {
        self.len = self.len.min(n);
    }
}

/// Builds the compact records of one chunk of input.
pub struct Builder<'a> {
    pub records: Region<'a, Record>,
    pub text: Region<'a, u8>,
    pub syms: Region<'a, Sym>,
    pub periods: Region<'a, Period>,
    pub days: Region<'a, Day>,
    pub symbols: Symbols,
    pub rejected: Vec<Rejection>,
}

/// The arena lengths before a record, to undo a record that is rejected halfway.
#[derive(Clone, Copy)]
pub struct Mark {
    text: usize,
    syms: usize,
    periods: usize,
    days: usize,
}

impl<'a> Builder<'a> {
    pub fn done(self) -> ChunkResult {
        ChunkResult {
            records: self.records.len(),
            syms: self.syms.len(),
            periods: self.periods.len(),
            symbols: self.symbols,
            rejected: self.rejected,
            line_shift: 0,
        }
    }

    pub fn mark(&self) -> Mark {
        Mark {
            text: self.text.len(),
            syms: self.syms.len(),
            periods: self.periods.len(),
            days: self.days.len(),
        }
    }

    pub fn undo(&mut self, m: Mark) {
        self.text.truncate(m.text);
        self.syms.truncate(m.syms);
        self.periods.truncate(m.periods);
        self.days.truncate(m.days);
    }

    #[inline]
    pub fn push_text(&mut self, s: &str) -> Result<Slice, Full> {
        let start = self.text.offset();
        self.text.extend(s.as_bytes())?;
        Ok(Slice {
            start,
            len: s.len() as u32,
        })
    }

    /// Intern the items of a list.
    pub fn push_list<'s>(&mut self, items: impl Iterator<Item = &'s str>) -> Result<Slice, Full> {
        let start = self.syms.offset();
        for item in items {
            let s = self.symbols.intern(item);
            self.syms.push(s)?;
        }
        Ok(Slice {
            start,
            len: self.syms.offset() - start,
        })
    }

    /// Intern the items of a `;`-separated list given as bytes (trimmed,
    /// empty items skipped). `Ok(None)` if an item is not UTF-8.
    #[inline]
    pub fn push_list_bytes(&mut self, text: &[u8]) -> Result<Option<Slice>, Full> {
        let start = self.syms.offset();
        if !text.is_empty() {
            for item in fields::semicolon_parts(text) {
                let item = fields::trim(item);
                if item.is_empty() {
                    continue;
                }
                let Some(s) = self.symbols.intern_bytes(item) else {
                    return Ok(None);
                };
                self.syms.push(s)?;
            }
        }
        Ok(Some(Slice {
            start,
            len: self.syms.offset() - start,
        }))
    }

    #[inline]
    pub fn push_period(&mut self, gemeente: Sym, van: Day, tot: Day) -> Result<(), Full> {
        self.periods.push(Period { gemeente, van, tot })
    }

    /// A code given as bytes; [`NONE`] when empty, `None` if not UTF-8.
    #[inline]
    pub fn code_bytes(&mut self, b: &[u8]) -> Option<Sym> {
        if b.is_empty() {
            Some(NONE)
        } else {
            self.symbols.intern_bytes(b)
        }
    }

    pub fn code(&mut self, s: &str) -> Sym {
        if s.is_empty() {
            NONE
        } else {
            self.symbols.intern(s)
        }
    }

    /// A candidate given in memory, checked like a file's record.
    pub fn push_candidate(&mut self, plaats: Origin, c: &Candidate) {
        let dossier = c.dossier.trim();
        let reject = |veld: Field, fout: Fout| Rejection {
            plaats,
            dossier: (!dossier.is_empty()).then(|| dossier.to_string()),
            veld: Some(veld.name()),
            kolom: None,
            fout,
        };
        if dossier.is_empty() {
            self.rejected.push(reject(Field::Dossier, Fout::Ontbreekt));
            return;
        }
        if let Some((positie, teken)) = fields::control_char(dossier.as_bytes()) {
            self.rejected.push(Rejection {
                dossier: None,
                ..reject(Field::Dossier, Fout::Stuurteken { positie, teken })
            });
            return;
        }
        if dossier.len() > fields::MAX_NAME {
            self.rejected.push(Rejection {
                dossier: None,
                ..reject(
                    Field::Dossier,
                    Fout::TeLang {
                        lengte: dossier.len(),
                        max: fields::MAX_NAME,
                    },
                )
            });
            return;
        }
        for (field, n, min) in [
            (Field::Volwassenen, c.volwassenen, 1),
            (Field::Kinderen, c.kinderen, 0),
        ] {
            if n < min || n > fields::MAX_COUNT {
                self.rejected.push(reject(
                    field,
                    Fout::Ongeldig {
                        waarde: n.to_string(),
                        verwacht: fields::count_expected(min),
                    },
                ));
                return;
            }
        }
        if c.geboortedata.len() > c.volwassenen as usize {
            let dates: Vec<String> = c.geboortedata.iter().map(|d| d.to_string()).collect();
            self.rejected.push(reject(
                Field::Geboortedata,
                Fout::Ongeldig {
                    waarde: dates.join(";"),
                    verwacht: fields::birth_dates_expected(c.volwassenen),
                },
            ));
            return;
        }
        if let Some(i) = c.inkomen_cent.filter(|i| *i < 0) {
            self.rejected.push(reject(
                Field::Inkomen,
                Fout::Ongeldig {
                    waarde: format!("{:.2}", i as f64 / 100.0),
                    verwacht: fields::AMOUNT_EXPECTED.into(),
                },
            ));
            return;
        }
        for p in &c.woonhistoriek {
            let van = fields::from_date(p.van);
            let tot = p.tot.map_or(OPEN, fields::from_date);
            if tot < van || p.gemeente.trim().is_empty() {
                let verwacht = if tot < van {
                    format!("{}; het einde ligt voor het begin", fields::PERIOD_EXPECTED)
                } else {
                    format!("{}; de gemeente ontbreekt", fields::PERIOD_EXPECTED)
                };
                self.rejected.push(reject(
                    Field::Woonhistoriek,
                    Fout::Ongeldig {
                        waarde: format!(
                            "{}@{}..{}",
                            p.gemeente,
                            p.van,
                            p.tot.map(|t| t.to_string()).unwrap_or_default()
                        ),
                        verwacht,
                    },
                ));
                return;
            }
        }
        let m = self.mark();
        if self.push_candidate_fields(plaats, dossier, c).is_err() {
            self.undo(m);
            self.rejected.push(reject(Field::Dossier, Fout::Intern));
        }
    }

    fn push_candidate_fields(
        &mut self,
        plaats: Origin,
        dossier: &str,
        c: &Candidate,
    ) -> Result<(), Full> {
        let h_start = self.periods.offset();
        for p in &c.woonhistoriek {
            let g = self.symbols.intern(p.gemeente.trim());
            let tot = p.tot.map_or(OPEN, fields::from_date);
            self.push_period(g, fields::from_date(p.van), tot)?;
        }
        let historiek = Slice {
            start: h_start,
            len: self.periods.offset() - h_start,
        };
        let dossier_slice = self.push_text(dossier)?;
        let woonnood = self.code(c.woonnood.as_deref().unwrap_or("").trim());
        let begeleiding = self.code(c.begeleiding.as_deref().unwrap_or("").trim());
        let doelgroepen = self.push_list(clean(&c.doelgroepen))?;
        let mantelzorg = self.push_list(clean(&c.mantelzorg))?;
        let voorkeur = self.push_list(clean(&c.voorkeur))?;
        let d_start = self.days.offset();
        for d in &c.geboortedata {
            self.days.push(fields::from_date(*d))?;
        }
        let geboortedata = Slice {
            start: d_start,
            len: self.days.offset() - d_start,
        };
        self.records.push(Record {
            plaats,
            dossier: dossier_slice,
            inschrijving: fields::from_date(c.inschrijvingsdatum),
            gezinstype: c.gezinstype,
            volwassenen: c.volwassenen,
            kinderen: c.kinderen,
            inkomen: c.inkomen_cent.unwrap_or(-1),
            woonnood,
            begeleiding,
            doelgroepen,
            mantelzorg,
            voorkeur,
            historiek,
            geboortedata,
            papers: Papers {
                knipperlicht: c.knipperlicht,
                overeenkomst: Vastgelegd::day(c.begeleidingsovereenkomst),
                verslag: Vastgelegd::day(c.sociaal_verslag),
            },
        })
    }
}

/// A record with nothing in it (to fill vectors before copying into them).
const EMPTY_RECORD: Record = Record {
    plaats: Origin::Regel(0),
    dossier: Slice { start: 0, len: 0 },
    inschrijving: 0,
    gezinstype: Household::Alleenstaande,
    volwassenen: 0,
    kinderen: 0,
    inkomen: -1,
    woonnood: NONE,
    begeleiding: NONE,
    doelgroepen: Slice { start: 0, len: 0 },
    mantelzorg: Slice { start: 0, len: 0 },
    voorkeur: Slice { start: 0, len: 0 },
    historiek: Slice { start: 0, len: 0 },
    geboortedata: Slice { start: 0, len: 0 },
    papers: Papers::NONE,
};

const EMPTY_PERIOD: Period = Period {
    gemeente: NONE,
    van: 0,
    tot: 0,
};

/// The first 16 bytes of a text as a number that orders like the text
/// (shorter texts padded with zeros).
pub fn prefix_key(d: &[u8]) -> u128 {
    let mut k = [0u8; 16];
    let n = d.len().min(16);
    k[..n].copy_from_slice(&d[..n]);
    u128::from_be_bytes(k)
}

fn sort_and_reject_duplicates(batch: &mut Batch) {
    let dossier = |i: u32| {
        let r = &batch.records[i as usize];
        batch.text.get(r.dossier.range()).unwrap_or(&[])
    };
    // files exported in dossier order (common) need no sort: one parallel pass
    let n = batch.records.len() as u32;
    if (1..n).into_par_iter().all(|i| dossier(i - 1) < dossier(i)) {
        batch.by_dossier = (0..n).collect();
        return;
    }
    let mut pairs: Vec<(u128, u32)> = (0..batch.records.len() as u32)
        .into_par_iter()
        .map(|i| (prefix_key(dossier(i)), i))
        .collect();
    pairs.par_sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| dossier(a.1).cmp(dossier(b.1))));
    // equal dossiers are now adjacent
    let same =
        |k: usize| pairs[k].0 == pairs[k + 1].0 && dossier(pairs[k].1) == dossier(pairs[k + 1].1);
    let any = (0..pairs.len().saturating_sub(1)).into_par_iter().any(same);
    if !any {
        batch.by_dossier = pairs.into_iter().map(|(_, i)| i).collect();
        return;
    }
    let mut is_dup = vec![false; batch.records.len()];
    let mut rejected = Vec::new();
    let mut k = 0;
    while k < pairs.len() {
        let mut end = k + 1;
        while end < pairs.len()
            && pairs[end].0 == pairs[k].0
            && dossier(pairs[end].1) == dossier(pairs[k].1)
        {
            end += 1;
        }
        if end - k > 1 {
            let group: Vec<u32> = pairs[k..end].iter().map(|p| p.1).collect();
            for &i in &group {
                is_dup[i as usize] = true;
                let r = &batch.records[i as usize];
                rejected.push(Rejection {
                    plaats: r.plaats,
                    dossier: Some(String::from_utf8_lossy(dossier(i)).into_owned()),
                    veld: Some(Field::Dossier.name()),
                    kolom: batch.kolommen[Field::Dossier as usize],
                    fout: Fout::DubbelDossier {
                        andere: group
                            .iter()
                            .filter(|&&j| j != i)
                            .map(|&j| batch.records[j as usize].plaats)
                            .collect(),
                    },
                });
            }
        }
        k = end;
    }
    // keep the others, renumbered
    let mut new_index = vec![u32::MAX; batch.records.len()];
    let mut next = 0u32;
    for (i, d) in is_dup.iter().enumerate() {
        if !d {
            new_index[i] = next;
            next += 1;
        }
    }
    batch.by_dossier = pairs
        .iter()
        .filter(|(_, i)| !is_dup[*i as usize])
        .map(|(_, i)| new_index[*i as usize])
        .collect();
    let mut keep = is_dup.iter().map(|d| !d);
    batch.records.retain(|_| keep.next().unwrap_or(true));
    batch.rejected.extend(rejected);
}
