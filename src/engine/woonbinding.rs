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

use super::fields::{add_years, sub_years, Day, OPEN};
use crate::plan::WoonbindingRegel;

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
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::fields::parse_day;

    fn d(s: &str) -> Day {
        parse_day(s.as_bytes()).expect("date")
    }

    const RULE: WoonbindingRegel = WoonbindingRegel {
        jaren: 5,
        venster: 10,
    };

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
}
