//! Woonbinding: at least N uninterrupted years of residence within the last
//! M years before the reference date, in a gemeente or a set of gemeenten.
//!
//! The calendar, exactly:
//! - A period's dates are both inclusive (first and last day lived there);
//!   an open end runs to the reference date; a period that starts after the
//!   reference date does not count, one that ends after it is cut there.
//! - Periods in the scope that overlap are merged, and a period that starts
//!   the day after another ends continues it (adjacent periods join, also
//!   across gemeenten of one scope). A gap of one day interrupts.
//! - The window of "the last M years" is the M years up to and including
//!   the reference date: from the day after the same date M years earlier.
//!   For a reference date of 2024-06-01 and M = 10: 2014-06-02 ..= 2024-06-01.
//! - A run from day `a` to day `b` (clipped to the window) lasts N years
//!   when the same date N years after `a` is at most the day after `b`:
//!   2019-06-02 ..= 2024-06-01 is exactly 5 years; one day less is not.
//! - Years are counted "van datum tot datum": from 29 February, the same
//!   date in a year without it is 28 February (chrono's month arithmetic).
//! - A period in a former gemeente counts for the gemeente it merged into
//!   (Ham before 2025 is Tessenderlo-Ham on a 2025 reference date; Neerpelt
//!   before 2019 is Pelt): the scope is a set of gemeenten as they are on the
//!   reference date, and each name of a history is resolved to the gemeente
//!   it means then ([`super::prepare::Resolved::gemeente`]), so periods
//!   under the old and the new name join into one run.
//! - A rule written without "ononderbroken" (`ononderbroken: false`, only a
//!   stricter woonbinding can be one) adds the days up: the days lived in
//!   the scope within the window count, in any number of runs, and N years
//!   are as many days as the N years up to the reference date have
//!   (`peildatum − (peildatum − N jaar)`): one run that ends on the
//!   reference date meets it exactly when it lasts N years.

use super::batch::Period;
use super::fields::{add_years, sub_years, Day, OPEN};
use crate::plan::WoonbindingRegel;

/// The periods `(van, tot)` of a history whose gemeente lies in `scope`
/// (indexed by werkingsgebied position; `gemeente` maps each name of the
/// batch to its position on the reference date, or to none).
#[inline]
pub fn in_scope<'a>(
    history: &'a [Period],
    gemeente: &'a [u16],
    scope: &'a [bool],
) -> impl Iterator<Item = (Day, Day)> + 'a {
    history
        .iter()
        .filter(move |q| {
            let g = gemeente[q.gemeente as usize] as usize;
            scope.get(g).copied().unwrap_or(false)
        })
        .map(|q| (q.van, q.tot))
}

/// The outcome of a woonbinding check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Evaluation {
    /// Whether a run of at least N years lies in the window.
    pub voldaan: bool,
    /// The qualifying run (the latest), or else the longest run in the
    /// window, clipped to it; `None` if no residence in scope falls in the window.
    pub run: Option<(Day, Day)>,
    /// First day of the window.
    pub window_start: Day,
    /// For a rule whose days add up: the days lived in the scope within
    /// the window, and the days it asks.
    pub dagen: Option<(i32, i32)>,
}

/// The first day of the window of the last `venster` years up to `peildatum`.
pub fn window_start(peildatum: Day, venster: u32) -> Day {
    sub_years(peildatum, venster) + 1
}

/// Whether the inclusive run `a ..= b` lasts at least `jaren` years.
pub fn lasts(a: Day, b: Day, jaren: u32) -> bool {
    add_years(a, jaren) <= b.saturating_add(1)
}

/// Evaluate the rule on periods `(van, tot)` (inclusive, [`OPEN`] = still
/// there) that all lie in the scope. `scratch` is reused between calls so
/// that the hot path does not allocate.
pub fn evaluate(
    periods: impl Iterator<Item = (Day, Day)>,
    regel: WoonbindingRegel,
    peildatum: Day,
    scratch: &mut Vec<(Day, Day)>,
) -> Evaluation {
    let start = window_start(peildatum, regel.venster);
    scratch.clear();
    for (van, tot) in periods {
        let tot = if tot == OPEN {
            peildatum
        } else {
            tot.min(peildatum)
        };
        if van > peildatum || tot < start {
            continue;
        }
        scratch.push((van.max(start), tot));
    }
    scratch.sort_unstable();
    if !regel.ononderbroken {
        return cumulative(scratch, regel, peildatum, start);
    }
    let mut best: Option<(Day, Day)> = None;
    let mut found: Option<(Day, Day)> = None;
    let mut consider = |run: (Day, Day)| {
        if lasts(run.0, run.1, regel.jaren) {
            found = Some(run);
        }
        if best.is_none_or(|b| run.1 - run.0 > b.1 - b.0) {
            best = Some(run);
        }
    };
    let mut cur: Option<(Day, Day)> = None;
    for &(a, b) in scratch.iter() {
        cur = match cur {
            Some((ca, cb)) if a <= cb.saturating_add(1) => Some((ca, cb.max(b))),
            Some(run) => {
                consider(run);
                Some((a, b))
            }
            None => Some((a, b)),
        };
    }
    if let Some(run) = cur {
        consider(run);
    }
    Evaluation {
        voldaan: found.is_some(),
        run: found.or(best),
        window_start: start,
        dagen: None,
    }
}

/// The days needed for `jaren` years added up, on `peildatum`: as many as
/// the last `jaren` years up to it have.
pub fn days_needed(peildatum: Day, jaren: u32) -> i32 {
    peildatum - sub_years(peildatum, jaren)
}

/// Merge sorted inclusive periods into disjoint runs (adjacent ones join).
fn merged(sorted: &[(Day, Day)]) -> Vec<(Day, Day)> {
    let mut runs: Vec<(Day, Day)> = Vec::new();
    for &(a, b) in sorted {
        match runs.last_mut() {
            Some(last) if a <= last.1.saturating_add(1) => last.1 = last.1.max(b),
            _ => runs.push((a, b)),
        }
    }
    runs
}

/// The days lived in `runs` (disjoint, inclusive) within `lo ..= hi`.
fn days_within(runs: &[(Day, Day)], lo: Day, hi: Day) -> i32 {
    runs.iter()
        .map(|&(a, b)| {
            let (a, b) = (a.max(lo), b.min(hi));
            if a > b {
                0
            } else {
                b - a + 1
            }
        })
        .sum()
}

/// The added-up rule on periods already clipped to the window and sorted.
fn cumulative(
    clipped: &[(Day, Day)],
    regel: WoonbindingRegel,
    peildatum: Day,
    start: Day,
) -> Evaluation {
    let runs = merged(clipped);
    let lived = days_within(&runs, start, peildatum);
    let needed = days_needed(peildatum, regel.jaren);
    let longest = runs.iter().copied().max_by_key(|r| (r.1 - r.0, r.1));
    Evaluation {
        voldaan: lived >= needed,
        run: longest,
        window_start: start,
        dagen: Some((lived, needed)),
    }
}

/// The days in `from ..= to` on which [`evaluate`] would say `voldaan`
/// for these periods (all in the scope), as sorted, disjoint, inclusive
/// intervals. For the simulation of a year, where the reference date moves
/// with each dwelling: a woonbinding is gained when a run reaches N years
/// and lost when the window of the last M years slides past the end of a
/// run, so each merged run holds on one interval of dates, found by binary
/// search with the same [`lasts`] and [`window_start`] that [`evaluate`]
/// uses (checked day by day against it in the tests).
pub fn satisfied_between(
    periods: impl Iterator<Item = (Day, Day)>,
    regel: WoonbindingRegel,
    from: Day,
    to: Day,
    scratch: &mut Vec<(Day, Day)>,
) -> Vec<(Day, Day)> {
    scratch.clear();
    scratch.extend(periods);
    scratch.sort_unstable();
    let runs = merged(scratch);
    if !regel.ononderbroken {
        // the days added up rise and fall as the window slides: day by day
        let mut out: Vec<(Day, Day)> = Vec::new();
        let mut d = from;
        while d <= to {
            let ok = days_within(&runs, window_start(d, regel.venster), d)
                >= days_needed(d, regel.jaren);
            if ok {
                match out.last_mut() {
                    Some(last) if last.1.saturating_add(1) == d => last.1 = d,
                    _ => out.push((d, d)),
                }
            }
            d += 1;
        }
        return out;
    }
    let holds = |a: Day, b: Day, d: Day| {
        d >= a && lasts(a.max(window_start(d, regel.venster)), b.min(d), regel.jaren)
    };
    // first day in lo..=hi where an increasing predicate holds
    let first_true = |lo: Day, hi: Day, f: &dyn Fn(Day) -> bool| -> Option<Day> {
        if lo > hi || !f(hi) {
            return None;
        }
        let (mut lo, mut hi) = (lo, hi);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if f(mid) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        Some(lo)
    };
    // last day in lo..=hi where a decreasing predicate holds
    let last_true = |lo: Day, hi: Day, f: &dyn Fn(Day) -> bool| -> Option<Day> {
        if lo > hi || !f(lo) {
            return None;
        }
        let (mut lo, mut hi) = (lo, hi);
        while lo < hi {
            let mid = lo + (hi - lo + 1) / 2;
            if f(mid) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        Some(lo)
    };
    let ws = |d: Day| window_start(d, regel.venster);
    let mut out: Vec<(Day, Day)> = Vec::new();
    for (a, b) in runs {
        let f = |d: Day| holds(a, b, d);
        // While the run lasts (d <= b) the run counted starts at `a` until
        // the window starts after `a` (from day `c` on): before `c` the
        // predicate only turns true; from `c` on the whole window lies in
        // the run, which lasts `jaren` whenever the window is longer than
        // that (and is checked day by day when it is exactly as long: the
        // 29 February of "van datum tot datum" makes it flicker).
        let (lo, hi) = (from.max(a), to.min(b));
        if lo <= hi {
            let c = first_true(lo, hi, &|d: Day| ws(d) > a).unwrap_or(hi.saturating_add(1));
            if let Some(x) = first_true(lo, c.saturating_sub(1).min(hi), &f) {
                out.push((x, c - 1));
            }
            if c <= hi {
                match regel.venster.cmp(&regel.jaren) {
                    std::cmp::Ordering::Greater => out.push((c, hi)),
                    std::cmp::Ordering::Equal => {
                        for d in c..=hi {
                            if f(d) {
                                out.push((d, d));
                            }
                        }
                    }
                    std::cmp::Ordering::Less => {}
                }
            }
        }
        // after the run's end, the window only moves away from it
        if b != OPEN && b < to {
            let start = from.max(a).max(b + 1);
            if let Some(y) = last_true(start, to, &f) {
                out.push((start, y));
            }
        }
    }
    out.sort_unstable();
    let mut merged: Vec<(Day, Day)> = Vec::with_capacity(out.len());
    for (lo, hi) in out {
        match merged.last_mut() {
            Some(last) if lo <= last.1.saturating_add(1) => last.1 = last.1.max(hi),
            _ => merged.push((lo, hi)),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::fields::parse_day;

    fn d(s: &str) -> Day {
        parse_day(s.as_bytes()).expect("date")
    }

    const RULE: WoonbindingRegel = WoonbindingRegel::ononderbroken(5, 10);

    fn eval(periods: &[(&str, &str)], peil: &str) -> Evaluation {
        let ps: Vec<(Day, Day)> = periods
            .iter()
            .map(|(a, b)| (d(a), if b.is_empty() { OPEN } else { d(b) }))
            .collect();
        evaluate(ps.into_iter(), RULE, d(peil), &mut Vec::new())
    }

    #[test]
    fn window_is_the_last_ten_years() {
        assert_eq!(window_start(d("2024-06-01"), 10), d("2014-06-02"));
        assert_eq!(window_start(d("2024-02-29"), 10), d("2014-03-01"));
    }

    #[test]
    fn exactly_five_years() {
        assert!(eval(&[("2019-06-02", "2024-06-01")], "2024-06-01").voldaan);
        assert!(!eval(&[("2019-06-03", "2024-06-01")], "2024-06-01").voldaan);
    }

    #[test]
    fn open_end_runs_to_peildatum() {
        assert!(eval(&[("2019-06-02", "")], "2024-06-01").voldaan);
        assert!(!eval(&[("2019-06-02", "")], "2024-05-31").voldaan);
    }

    const ADDED_UP: WoonbindingRegel = WoonbindingRegel {
        jaren: 6,
        venster: 10,
        ononderbroken: false,
    };

    fn eval_with(regel: WoonbindingRegel, periods: &[(&str, &str)], peil: &str) -> Evaluation {
        let ps: Vec<(Day, Day)> = periods
            .iter()
            .map(|(a, b)| (d(a), if b.is_empty() { OPEN } else { d(b) }))
            .collect();
        evaluate(ps.into_iter(), regel, d(peil), &mut Vec::new())
    }

    #[test]
    fn six_years_added_up_in_ten() {
        // 3 years, 2 years elsewhere, 3 more years: 6 years added up, never 5 in one run
        let pieces = [("2015-06-02", "2018-06-01"), ("2021-06-02", "")];
        let e = eval_with(ADDED_UP, &pieces, "2024-06-01");
        assert!(e.voldaan, "{e:?}");
        assert_eq!(e.dagen, Some((1096 + 1096, 2192)));
        // the same history does not meet 6 (nor 5) uninterrupted years
        assert!(
            !eval_with(
                WoonbindingRegel::ononderbroken(6, 10),
                &pieces,
                "2024-06-01"
            )
            .voldaan
        );
        assert!(!eval(&pieces, "2024-06-01").voldaan);
        // one day short
        let short = [("2015-06-03", "2018-06-01"), ("2021-06-02", "")];
        assert!(!eval_with(ADDED_UP, &short, "2024-06-01").voldaan);
        // days outside the window do not count
        let old = [("2005-01-01", "2014-06-01"), ("2020-06-02", "")];
        assert!(!eval_with(ADDED_UP, &old, "2024-06-01").voldaan);
    }

    #[test]
    fn added_up_satisfied_between_matches_evaluate() {
        let periods = [
            (d("2015-06-02"), d("2018-06-01")),
            (d("2020-06-02"), d("2023-01-01")),
        ];
        let (from, to) = (d("2023-01-01"), d("2026-12-31"));
        let got = satisfied_between(periods.iter().copied(), ADDED_UP, from, to, &mut Vec::new());
        for day in from..=to {
            let want = evaluate(periods.iter().copied(), ADDED_UP, day, &mut Vec::new()).voldaan;
            let has = got.iter().any(|&(lo, hi)| lo <= day && day <= hi);
            assert_eq!(has, want, "day {day}");
        }
    }

    #[test]
    fn satisfied_between_matches_evaluate_day_by_day() {
        use proptest::prelude::*;
        use proptest::test_runner::{Config, TestRunner};
        let base = d("2015-01-01");
        let mut runner = TestRunner::new(Config {
            cases: 300,
            ..Config::default()
        });
        let period = (0i32..4000, 0i32..3000, proptest::bool::weighted(0.3));
        runner
            .run(
                &(
                    proptest::collection::vec(period, 0..4),
                    1u32..6,
                    0u32..5,
                    0i32..3000,
                ),
                |(ps, jaren, extra, start)| {
                    let regel = WoonbindingRegel::ononderbroken(jaren, jaren + extra);
                    let periods: Vec<(Day, Day)> = ps
                        .iter()
                        .map(|&(a, len, open)| (base + a, if open { OPEN } else { base + a + len }))
                        .collect();
                    let from = base + start;
                    let to = from + 400;
                    let got = satisfied_between(
                        periods.iter().copied(),
                        regel,
                        from,
                        to,
                        &mut Vec::new(),
                    );
                    for day in from..=to {
                        let want =
                            evaluate(periods.iter().copied(), regel, day, &mut Vec::new()).voldaan;
                        let has = got.iter().any(|&(lo, hi)| lo <= day && day <= hi);
                        prop_assert_eq!(
                            has,
                            want,
                            "day {} periods {:?} got {:?}",
                            day,
                            periods,
                            got
                        );
                    }
                    Ok(())
                },
            )
            .unwrap();
    }
}
