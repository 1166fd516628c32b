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

use super::candidate::Candidate;
use super::fields::{self, Day, OPEN};
use super::reject::{Fout, Plaats, Rejection};
use crate::syntax::ast::Household;
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
    pub plaats: Plaats,
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
}

impl Record {
    pub fn inkomen(&self) -> Option<i64> {
        (self.inkomen >= 0).then_some(self.inkomen)
    }
}

/// The columns of a candidates file (DATA.md), in the documented order.
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
}

impl Field {
    pub const ALL: [Field; 12] = [
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

/// Interned strings of a batch.
#[derive(Debug, Clone, Default)]
pub struct Symbols {
    map: FxHashMap<Box<str>, Sym>,
    names: Vec<Box<str>>,
}

impl Symbols {
    pub fn intern(&mut self, s: &str) -> Sym {
        if let Some(&id) = self.map.get(s) {
            return id;
        }
        let id = self.names.len() as Sym;
        self.names.push(s.into());
        self.map.insert(s.into(), id);
        id
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
    pub text: String,
    pub syms: Vec<Sym>,
    pub periods: Vec<Period>,
    pub symbols: Symbols,
    /// Records that could not be read, in source order.
    pub rejected: Vec<Rejection>,
    /// Notes about the file that reject nothing (e.g. an unknown column that is ignored).
    pub warnings: Vec<String>,
}

impl Batch {
    /// Records read = records kept + records rejected.
    pub fn read_count(&self) -> usize {
        self.records.len() + self.rejected.len()
    }

    pub fn dossier(&self, r: &Record) -> &str {
        self.text.get(r.dossier.range()).unwrap_or("")
    }

    pub fn list(&self, s: Slice) -> &[Sym] {
        &self.syms[s.range()]
    }

    pub fn history(&self, s: Slice) -> &[Period] {
        &self.periods[s.range()]
    }

    pub fn name(&self, sym: Sym) -> &str {
        self.symbols.name(sym)
    }

    /// A batch of candidates given in memory. Values the types cannot rule
    /// out (no adults, an empty dossier, a period that ends before it
    /// starts, a negative income) are rejected like a file's.
    pub fn from_candidates(bestand: &str, candidates: &[Candidate]) -> Batch {
        let mut b = Builder::default();
        for (i, c) in candidates.iter().enumerate() {
            b.push_candidate(Plaats::Kandidaat(i as u32 + 1), c);
        }
        b.finish(bestand, Vec::new())
    }
}

/// Builds the compact records of one chunk of input.
#[derive(Debug, Default)]
pub struct Builder {
    pub records: Vec<Record>,
    pub text: String,
    pub syms: Vec<Sym>,
    pub periods: Vec<Period>,
    pub symbols: Symbols,
    pub rejected: Vec<Rejection>,
}

/// The arena lengths before a record, to undo a record that is rejected halfway.
#[derive(Clone, Copy)]
pub struct Mark {
    text: usize,
    syms: usize,
    periods: usize,
}

impl Builder {
    pub fn with_capacity(records: usize) -> Self {
        Builder {
            records: Vec::with_capacity(records),
            text: String::with_capacity(records * 10),
            syms: Vec::with_capacity(records * 3),
            periods: Vec::with_capacity(records * 3),
            symbols: Symbols::default(),
            rejected: Vec::new(),
        }
    }

    pub fn mark(&self) -> Mark {
        Mark {
            text: self.text.len(),
            syms: self.syms.len(),
            periods: self.periods.len(),
        }
    }

    pub fn undo(&mut self, m: Mark) {
        self.text.truncate(m.text);
        self.syms.truncate(m.syms);
        self.periods.truncate(m.periods);
    }

    pub fn push_text(&mut self, s: &str) -> Slice {
        let start = self.text.len() as u32;
        self.text.push_str(s);
        Slice {
            start,
            len: s.len() as u32,
        }
    }

    /// Intern the items of a `;`-separated list.
    pub fn push_list<'a>(&mut self, items: impl Iterator<Item = &'a str>) -> Slice {
        let start = self.syms.len() as u32;
        for item in items {
            let s = self.symbols.intern(item);
            self.syms.push(s);
        }
        Slice {
            start,
            len: self.syms.len() as u32 - start,
        }
    }

    pub fn push_period(&mut self, gemeente: &str, van: Day, tot: Day) {
        let g = self.symbols.intern(gemeente);
        self.periods.push(Period {
            gemeente: g,
            van,
            tot,
        });
    }

    pub fn code(&mut self, s: &str) -> Sym {
        if s.is_empty() {
            NONE
        } else {
            self.symbols.intern(s)
        }
    }

    /// A candidate given in memory, checked like a file's record.
    pub fn push_candidate(&mut self, plaats: Plaats, c: &Candidate) {
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
        if c.volwassenen < 1 {
            self.rejected.push(reject(
                Field::Volwassenen,
                Fout::Ongeldig {
                    waarde: c.volwassenen.to_string(),
                    verwacht: "een geheel getal, 1 of meer".into(),
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
        let m = self.mark();
        for p in &c.woonhistoriek {
            let van = fields::from_date(p.van);
            let tot = p.tot.map_or(OPEN, fields::from_date);
            if tot < van || p.gemeente.trim().is_empty() {
                self.undo(m);
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
            self.push_period(p.gemeente.trim(), van, tot);
        }
        let historiek = Slice {
            start: m.periods as u32,
            len: (self.periods.len() - m.periods) as u32,
        };
        let dossier_slice = self.push_text(dossier);
        let woonnood = self.code(c.woonnood.as_deref().unwrap_or("").trim());
        let begeleiding = self.code(c.begeleiding.as_deref().unwrap_or("").trim());
        let doelgroepen = self.push_list(
            c.doelgroepen
                .iter()
                .map(|s| s.trim())
                .filter(|s| !s.is_empty()),
        );
        let mantelzorg = self.push_list(
            c.mantelzorg
                .iter()
                .map(|s| s.trim())
                .filter(|s| !s.is_empty()),
        );
        let voorkeur = self.push_list(
            c.voorkeur
                .iter()
                .map(|s| s.trim())
                .filter(|s| !s.is_empty()),
        );
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
        });
    }

    /// Merge chunks (in input order) into one batch and reject duplicate dossiers.
    pub fn merge(bestand: &str, chunks: Vec<Builder>, warnings: Vec<String>) -> Batch {
        let mut chunks = chunks.into_iter();
        let Some(first) = chunks.next() else {
            return Builder::default().finish(bestand, warnings);
        };
        let mut all = first;
        for c in chunks {
            all.append(c);
        }
        all.finish(bestand, warnings)
    }

    fn append(&mut self, other: Builder) {
        let remap: Vec<Sym> = other
            .symbols
            .iter()
            .map(|(_, name)| self.symbols.intern(name))
            .collect();
        let map = |s: Sym| if s == NONE { NONE } else { remap[s as usize] };
        let text_base = self.text.len() as u32;
        let syms_base = self.syms.len() as u32;
        let periods_base = self.periods.len() as u32;
        self.text.push_str(&other.text);
        self.syms.extend(other.syms.iter().map(|&s| map(s)));
        self.periods.extend(other.periods.iter().map(|p| Period {
            gemeente: map(p.gemeente),
            ..*p
        }));
        let shift = |s: Slice, base: u32| Slice {
            start: s.start + base,
            len: s.len,
        };
        self.records.extend(other.records.iter().map(|r| Record {
            dossier: shift(r.dossier, text_base),
            woonnood: map(r.woonnood),
            begeleiding: map(r.begeleiding),
            doelgroepen: shift(r.doelgroepen, syms_base),
            mantelzorg: shift(r.mantelzorg, syms_base),
            voorkeur: shift(r.voorkeur, syms_base),
            historiek: shift(r.historiek, periods_base),
            ..*r
        }));
        self.rejected.extend(other.rejected);
    }

    /// The batch, with every record whose dossier occurs more than once
    /// moved to the rejected (all of them: which one is right cannot be known).
    pub fn finish(self, bestand: &str, warnings: Vec<String>) -> Batch {
        let mut batch = Batch {
            bestand: bestand.to_string(),
            records: self.records,
            text: self.text,
            syms: self.syms,
            periods: self.periods,
            symbols: self.symbols,
            rejected: self.rejected,
            warnings,
        };
        reject_duplicates(&mut batch);
        batch.rejected.sort_by_key(|r| r.plaats.order());
        batch
    }
}

fn reject_duplicates(batch: &mut Batch) {
    let mut seen: FxHashMap<&str, u32> = FxHashMap::default();
    seen.reserve(batch.records.len());
    let mut dup_first: Vec<u32> = Vec::new();
    let mut is_dup = vec![false; batch.records.len()];
    for (i, r) in batch.records.iter().enumerate() {
        let d = batch.text.get(r.dossier.range()).unwrap_or("");
        match seen.entry(d) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(i as u32);
            }
            std::collections::hash_map::Entry::Occupied(o) => {
                let first = *o.get() as usize;
                if !is_dup[first] {
                    is_dup[first] = true;
                    dup_first.push(first as u32);
                }
                is_dup[i] = true;
            }
        }
    }
    if dup_first.is_empty() {
        return;
    }
    // places of every record per duplicated dossier
    let mut places: FxHashMap<&str, Vec<Plaats>> = FxHashMap::default();
    for (i, r) in batch.records.iter().enumerate() {
        if is_dup[i] {
            let d = batch.text.get(r.dossier.range()).unwrap_or("");
            places.entry(d).or_default().push(r.plaats);
        }
    }
    let mut rejected = Vec::new();
    for (i, r) in batch.records.iter().enumerate() {
        if !is_dup[i] {
            continue;
        }
        let d = batch.text.get(r.dossier.range()).unwrap_or("");
        let andere = places
            .get(d)
            .map(|v| v.iter().copied().filter(|p| *p != r.plaats).collect())
            .unwrap_or_default();
        rejected.push(Rejection {
            plaats: r.plaats,
            dossier: Some(d.to_string()),
            veld: Some(Field::Dossier.name()),
            kolom: None,
            fout: Fout::DubbelDossier { andere },
        });
    }
    drop(places);
    drop(seen);
    let mut keep = is_dup.iter().map(|d| !d);
    batch.records.retain(|_| keep.next().unwrap_or(true));
    batch.rejected.extend(rejected);
}
