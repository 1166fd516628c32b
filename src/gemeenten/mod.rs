//! The gemeenten of Flanders and their mergers, as data: every Flemish
//! gemeente since 1 January 2018 with its NIS code and its dates, and the
//! mergers of 1 January 2019 and 1 January 2025 (`gemeenten.tsv`, Statbel's
//! REFNIS code list; its header names the sources).
//!
//! A name means a gemeente on a date. "Ham" on 2024-06-01 is Ham; on
//! 2025-03-01 it is Tessenderlo-Ham, into which Ham merged ([`on`]). Years
//! lived in a former gemeente count for its successor, so the engine
//! resolves every name of a candidates file (residence history, voorkeur,
//! mantelzorg) to the gemeente it means on the reference date, once per
//! distinct name.
//!
//! Names are matched without regard to case and surrounding spaces, as the
//! engine matches the gemeenten of a werkingsgebied; no Flemish gemeente
//! name carries a diacritic, so accents need no folding, and a misspelt
//! name is met by a suggestion, not by a looser match.
//!
//! The mergers are the dated parameter set of this module ([`fusies`]): a
//! new merger is a row per new gemeente and, on each gemeente that merges,
//! its last day and successor; the tests check the counts per date (308
//! before 2019, 300 until 2024, 285 from 2025).

use chrono::NaiveDate;
use std::collections::HashMap;
use std::sync::OnceLock;

const DATA: &str = include_str!("gemeenten.tsv");

/// One gemeente over one period of its existence (one row of the data).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gemeente {
    /// The NIS code (REFNIS). A gemeente that absorbed another and kept its
    /// code (Antwerpen, 2025) has two rows with the same code.
    pub nis: u32,
    pub naam: &'static str,
    /// The first day; `None`: it existed on 1 January 2018.
    pub van: Option<NaiveDate>,
    /// The last day; `None`: it still exists.
    pub tot: Option<NaiveDate>,
    /// The row of the gemeente it merged into (on the day after `tot`).
    pub opvolger: Option<usize>,
}

impl Gemeente {
    /// Whether the gemeente exists on this day.
    pub fn bestaat_op(&self, d: NaiveDate) -> bool {
        self.van.is_none_or(|v| v <= d) && self.tot.is_none_or(|t| d <= t)
    }
}

/// A merger: on `datum` the gemeenten `delen` became `gemeente` (rows of [`all`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fusie {
    pub datum: NaiveDate,
    pub gemeente: usize,
    pub delen: Vec<usize>,
}

struct Data {
    rows: Vec<Gemeente>,
    /// Lower-case name → rows with that name, earliest first.
    by_name: HashMap<String, Vec<usize>>,
    fusies: Vec<Fusie>,
    /// Every distinct name, in the data's spelling, sorted.
    names: Vec<String>,
}

fn key(name: &str) -> String {
    name.trim().to_lowercase()
}

fn parse() -> Data {
    let date = |s: &str| -> Option<NaiveDate> {
        (!s.is_empty()).then(|| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .unwrap_or_else(|e| panic!("gemeenten.tsv: datum '{s}': {e}"))
        })
    };
    let mut raw: Vec<(Gemeente, Option<u32>)> = Vec::new();
    for line in DATA.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(
            f.len(),
            5,
            "gemeenten.tsv: vijf kolommen verwacht in '{line}'"
        );
        let nis = f[0]
            .parse()
            .unwrap_or_else(|e| panic!("gemeenten.tsv: NIS-code '{}': {e}", f[0]));
        let opvolger = (!f[4].is_empty()).then(|| {
            f[4].parse::<u32>()
                .unwrap_or_else(|e| panic!("gemeenten.tsv: opvolger '{}': {e}", f[4]))
        });
        raw.push((
            Gemeente {
                nis,
                naam: f[1],
                van: date(f[2]),
                tot: date(f[3]),
                opvolger: None,
            },
            opvolger,
        ));
    }
    // a successor is the row with that code that starts the day after
    let mut rows: Vec<Gemeente> = raw.iter().map(|(g, _)| g.clone()).collect();
    for (i, (g, opv)) in raw.iter().enumerate() {
        if let Some(code) = opv {
            let next = g.tot.and_then(|t| t.succ_opt());
            let j = raw
                .iter()
                .position(|(h, _)| h.nis == *code && h.van == next)
                .unwrap_or_else(|| {
                    panic!(
                        "gemeenten.tsv: {} verwijst naar {code}, die niet op {next:?} begint",
                        g.naam
                    )
                });
            rows[i].opvolger = Some(j);
        }
    }
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, g) in rows.iter().enumerate() {
        by_name.entry(key(g.naam)).or_default().push(i);
    }
    for list in by_name.values_mut() {
        list.sort_by_key(|&i| rows[i].van);
    }
    let mut fusies: Vec<Fusie> = rows
        .iter()
        .enumerate()
        .filter_map(|(i, g)| {
            let datum = g.van?;
            let delen: Vec<usize> = (0..rows.len())
                .filter(|&j| rows[j].opvolger == Some(i))
                .collect();
            (!delen.is_empty()).then_some(Fusie {
                datum,
                gemeente: i,
                delen,
            })
        })
        .collect();
    fusies.sort_by_key(|f| (f.datum, rows[f.gemeente].naam));
    let mut names: Vec<String> = rows.iter().map(|g| g.naam.to_string()).collect();
    names.sort();
    names.dedup();
    Data {
        rows,
        by_name,
        fusies,
        names,
    }
}

fn data() -> &'static Data {
    static DATA_CELL: OnceLock<Data> = OnceLock::new();
    DATA_CELL.get_or_init(parse)
}

/// Every row of the data, in NIS order.
pub fn all() -> &'static [Gemeente] {
    &data().rows
}

/// The row with this index (from [`Gemeente::opvolger`], [`Fusie`]).
pub fn row(i: usize) -> &'static Gemeente {
    &data().rows[i]
}

/// The mergers, by date: the dated parameter set.
pub fn fusies() -> &'static [Fusie] {
    &data().fusies
}

/// The gemeenten that exist on a day.
pub fn op(d: NaiveDate) -> impl Iterator<Item = &'static Gemeente> {
    all().iter().filter(move |g| g.bestaat_op(d))
}

/// Every distinct name, current and former, sorted: what a misspelt name
/// is compared with.
pub fn names() -> &'static [String] {
    &data().names
}

/// Whether a name is a Flemish gemeente, now or before (any case).
pub fn is_gemeente(name: &str) -> bool {
    data().by_name.contains_key(&key(name))
}

/// The rows with this name, earliest first (empty if none).
pub fn rows_named(name: &str) -> &'static [usize] {
    data().by_name.get(&key(name)).map_or(&[], |v| &v[..])
}

/// The gemeente this name means on a day: the gemeente of that name if it
/// exists then, else, for a former gemeente, the gemeente it merged into
/// (followed through every later merger). A name that exists only from a
/// later day (Tessenderlo-Ham before 2025) means that later gemeente, which
/// matches none of its parts. `None` if the name is no Flemish gemeente.
pub fn on(name: &str, d: NaiveDate) -> Option<usize> {
    let rows = rows_named(name);
    let all = all();
    if let Some(&i) = rows.iter().find(|&&i| all[i].bestaat_op(d)) {
        return Some(i);
    }
    // the latest period of this name that ended before the day
    let ended = rows
        .iter()
        .rev()
        .find(|&&i| all[i].tot.is_some_and(|t| t < d));
    match ended {
        Some(&i) => {
            let mut at = i;
            while let Some(next) = all[at].opvolger {
                at = next;
                if all[at].bestaat_op(d) {
                    break;
                }
            }
            Some(at)
        }
        None => rows.first().copied(),
    }
}

/// How a name that is not the name of the gemeente it means on a day came
/// to mean it: the former gemeente's last day and the gemeente it is part
/// of now ("Ham (tot 2024-12-31, nu Tessenderlo-Ham)").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Voormalig {
    pub naam: &'static str,
    /// The last day of the former gemeente.
    pub tot: NaiveDate,
    /// The gemeente it is part of on the day asked about.
    pub nu: &'static str,
}

impl std::fmt::Display for Voormalig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (tot {}, nu {})", self.naam, self.tot, self.nu)
    }
}

/// `Some` when `name` is a former gemeente on `d` (merged into a gemeente
/// of another name, or into one that kept its name but not its extent,
/// like Aalter in 2019); `None` for a current name or no gemeente.
pub fn voormalig(name: &str, d: NaiveDate) -> Option<Voormalig> {
    let rows = rows_named(name);
    let all = all();
    if rows.iter().any(|&i| all[i].bestaat_op(d)) {
        return None;
    }
    let &i = rows
        .iter()
        .rev()
        .find(|&&i| all[i].tot.is_some_and(|t| t < d))?;
    let now = on(name, d)?;
    Some(Voormalig {
        naam: all[i].naam,
        tot: all[i].tot?,
        nu: all[now].naam,
    })
}

/// The former gemeenten that a gemeente existing on `d` took in, with the
/// last day of each, earliest merger first (Pelt on 2025-01-01: Neerpelt
/// and Overpelt until 2018-12-31). A gemeente that kept its name (Antwerpen)
/// lists the other parts only.
pub fn former_names(name: &str, d: NaiveDate) -> Vec<(&'static str, NaiveDate)> {
    let Some(now) = rows_named(name)
        .iter()
        .copied()
        .find(|&i| all()[i].bestaat_op(d))
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut stack = vec![now];
    while let Some(i) = stack.pop() {
        for (j, g) in all().iter().enumerate() {
            if g.opvolger == Some(i) {
                if !g.naam.eq_ignore_ascii_case(all()[now].naam) {
                    if let Some(t) = g.tot {
                        out.push((g.naam, t));
                    }
                }
                stack.push(j);
            }
        }
    }
    out.sort_by_key(|&(n, t)| (t, n));
    out.dedup();
    out
}

/// The merger by which the gemeente of this name on `d` came to be, if it
/// is a merged gemeente (from 2019 or 2025) existing on `d`.
pub fn fusie_of(name: &str, d: NaiveDate) -> Option<&'static Fusie> {
    let i = rows_named(name)
        .iter()
        .copied()
        .find(|&i| all()[i].bestaat_op(d))?;
    fusies().iter().find(|f| f.gemeente == i)
}

/// The same gemeente on a day, for comparing two names: its NIS code
/// (names that mean the same gemeente get the same code).
pub fn nis_on(name: &str, d: NaiveDate) -> Option<u32> {
    on(name, d).map(|i| all()[i].nis)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn counts_per_date() {
        assert_eq!(op(d("2018-12-31")).count(), 308);
        assert_eq!(op(d("2019-01-01")).count(), 300);
        assert_eq!(op(d("2024-12-31")).count(), 300);
        assert_eq!(op(d("2025-01-01")).count(), 285);
        assert_eq!(op(d("2026-06-30")).count(), 285);
    }

    #[test]
    fn names_are_unique_on_every_date() {
        for day in ["2018-06-01", "2019-01-01", "2024-12-31", "2025-01-01"] {
            let mut names: Vec<String> = op(d(day)).map(|g| key(g.naam)).collect();
            let n = names.len();
            names.sort();
            names.dedup();
            assert_eq!(names.len(), n, "{day}");
        }
    }

    fn parts(datum: &str, nieuw: &str) -> Vec<&'static str> {
        let f = fusies()
            .iter()
            .find(|f| f.datum == d(datum) && row(f.gemeente).naam == nieuw)
            .unwrap_or_else(|| panic!("geen fusie {nieuw} op {datum}"));
        let mut p: Vec<&str> = f.delen.iter().map(|&i| row(i).naam).collect();
        p.sort();
        p
    }

    #[test]
    fn every_merger_of_2019() {
        let want: &[(&str, &[&str])] = &[
            ("Aalter", &["Aalter", "Knesselare"]),
            ("Deinze", &["Deinze", "Nevele"]),
            ("Kruisem", &["Kruishoutem", "Zingem"]),
            ("Lievegem", &["Lovendegem", "Waarschoot", "Zomergem"]),
            ("Oudsbergen", &["Meeuwen-Gruitrode", "Opglabbeek"]),
            ("Pelt", &["Neerpelt", "Overpelt"]),
            ("Puurs-Sint-Amands", &["Puurs", "Sint-Amands"]),
        ];
        let in_2019 = fusies()
            .iter()
            .filter(|f| f.datum == d("2019-01-01"))
            .count();
        assert_eq!(in_2019, want.len());
        for (nieuw, delen) in want {
            assert_eq!(parts("2019-01-01", nieuw), *delen, "{nieuw}");
        }
    }

    #[test]
    fn every_merger_of_2025() {
        let want: &[(&str, &[&str])] = &[
            ("Antwerpen", &["Antwerpen", "Borsbeek"]),
            (
                "Beveren-Kruibeke-Zwijndrecht",
                &["Beveren", "Kruibeke", "Zwijndrecht"],
            ),
            ("Bilzen-Hoeselt", &["Bilzen", "Hoeselt"]),
            ("Hasselt", &["Hasselt", "Kortessem"]),
            ("Lochristi", &["Lochristi", "Wachtebeke"]),
            ("Lokeren", &["Lokeren", "Moerbeke"]),
            ("Merelbeke-Melle", &["Melle", "Merelbeke"]),
            ("Nazareth-De Pinte", &["De Pinte", "Nazareth"]),
            ("Pajottegem", &["Galmaarden", "Gooik", "Herne"]),
            ("Tessenderlo-Ham", &["Ham", "Tessenderlo"]),
            ("Tielt", &["Meulebeke", "Tielt"]),
            ("Tongeren-Borgloon", &["Borgloon", "Tongeren"]),
            ("Wingene", &["Ruiselede", "Wingene"]),
        ];
        let in_2025 = fusies()
            .iter()
            .filter(|f| f.datum == d("2025-01-01"))
            .count();
        assert_eq!(in_2025, want.len());
        for (nieuw, delen) in want {
            assert_eq!(parts("2025-01-01", nieuw), *delen, "{nieuw}");
        }
        // every former gemeente ends the day before its merger
        for f in fusies() {
            for &p in &f.delen {
                assert_eq!(row(p).tot.and_then(|t| t.succ_opt()), Some(f.datum));
            }
        }
    }

    #[test]
    fn a_name_means_a_gemeente_on_a_day() {
        let name = |n: &str, day: &str| on(n, d(day)).map(|i| row(i).naam);
        assert_eq!(name("Ham", "2024-12-31"), Some("Ham"));
        assert_eq!(name("Ham", "2025-01-01"), Some("Tessenderlo-Ham"));
        assert_eq!(name("ham", "2025-01-01"), Some("Tessenderlo-Ham"));
        assert_eq!(name(" Neerpelt ", "2025-06-30"), Some("Pelt"));
        assert_eq!(name("Borsbeek", "2025-06-30"), Some("Antwerpen"));
        assert_eq!(name("Knesselare", "2019-01-01"), Some("Aalter"));
        assert_eq!(
            name("Tessenderlo-Ham", "2024-06-01"),
            Some("Tessenderlo-Ham")
        );
        assert_eq!(name("Tessenderloo", "2025-06-30"), None);
        // the same gemeente, whatever name a history uses
        assert_eq!(
            nis_on("Ham", d("2025-03-01")),
            nis_on("Tessenderlo-Ham", d("2025-03-01"))
        );
        assert_eq!(
            nis_on("Tessenderlo", d("2025-03-01")),
            nis_on("Ham", d("2025-03-01"))
        );
        assert_ne!(
            nis_on("Tessenderlo", d("2024-03-01")),
            nis_on("Ham", d("2024-03-01"))
        );
        assert_eq!(nis_on("Aalter", d("2018-03-01")), Some(44001));
        assert_eq!(nis_on("Aalter", d("2019-03-01")), Some(44084));
        assert_eq!(
            nis_on("Antwerpen", d("2024-03-01")),
            nis_on("Antwerpen", d("2025-03-01"))
        );
        assert!(is_gemeente("NAZARETH-DE PINTE"));
        assert!(!is_gemeente("Brussel"));
    }

    #[test]
    fn former_gemeenten() {
        let v = voormalig("Ham", d("2025-02-01")).expect("Ham is voormalig");
        assert_eq!(v.to_string(), "Ham (tot 2024-12-31, nu Tessenderlo-Ham)");
        assert_eq!(voormalig("Ham", d("2024-02-01")), None);
        assert_eq!(voormalig("Tessenderlo-Ham", d("2025-02-01")), None);
        assert_eq!(
            voormalig("Aalter", d("2019-02-01")),
            None,
            "Aalter is the name of the new gemeente too"
        );
        assert_eq!(
            former_names("Pelt", d("2025-01-01")),
            vec![("Neerpelt", d("2018-12-31")), ("Overpelt", d("2018-12-31"))]
        );
        assert_eq!(
            former_names("Antwerpen", d("2025-01-01")),
            vec![("Borsbeek", d("2024-12-31"))]
        );
        assert_eq!(
            former_names("Aalter", d("2024-01-01")),
            vec![("Knesselare", d("2018-12-31"))]
        );
        assert!(former_names("Turnhout", d("2025-01-01")).is_empty());
        assert_eq!(
            fusie_of("Tessenderlo-Ham", d("2025-01-01")).map(|f| f.datum),
            Some(d("2025-01-01"))
        );
        assert_eq!(fusie_of("Tessenderlo-Ham", d("2024-01-01")), None);
    }

    #[test]
    fn names_for_suggestions_hold_current_and_former() {
        let n = names();
        assert!(n.iter().any(|x| x == "Ham"));
        assert!(n.iter().any(|x| x == "Tessenderlo-Ham"));
        assert!(n.windows(2).all(|w| w[0] < w[1]));
        // 308 + 7 + 12 rows, minus the names used twice (Aalter, Deinze,
        // Antwerpen, Hasselt, Lochristi, Lokeren, Tielt, Wingene)
        assert_eq!(all().len(), 328);
        assert_eq!(n.len(), 320);
    }
}
