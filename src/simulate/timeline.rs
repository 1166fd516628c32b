//! A candidate's lokale-binding tier for a gemeente over the simulated
//! period, as dated events: the tier on the first day, then each day it
//! changes. A woonbinding is reached when a run of residence reaches N
//! years and lost when the window of the last M years slides past the end
//! of a run ([`woonbinding::satisfied_between`]); mantelzorg does not
//! change. The tiers are the engine's ([`Prepared::tiers`] for a dwelling
//! in that gemeente) and the tier on a day is the first that holds, as
//! [`crate::engine::pillar1::tier`] computes it on that reference date.

use crate::engine::batch::Record;
use crate::engine::fields::Day;
use crate::engine::prepare::{Tier, TierCheck};
use crate::engine::woonbinding;
use crate::engine::{Batch, Resolved};

/// The tier on `from`, then `(day, tier)` for each day in `from+1 ..= to`
/// on which it changes.
#[allow(clippy::too_many_arguments)]
pub fn tiers_over(
    tiers: &[Tier],
    g: usize,
    rec: &Record,
    batch: &Batch,
    res: &Resolved,
    from: Day,
    to: Day,
    scratch: &mut Vec<(Day, Day)>,
) -> (u8, Vec<(Day, u8)>) {
    let none = tiers.len() as u8;
    // per tier: the days it holds (inclusive intervals)
    let mut holds: Vec<Vec<(Day, Day)>> = Vec::with_capacity(tiers.len());
    for t in tiers {
        let iv = match &t.check {
            TierCheck::Woonbinding { scope, regel, .. } => {
                let periods =
                    woonbinding::in_scope(batch.history(rec.historiek), &res.gemeente, scope);
                woonbinding::satisfied_between(periods, *regel, from, to, scratch)
            }
            TierCheck::Mantelzorg => {
                let ok = batch
                    .list(rec.mantelzorg)
                    .iter()
                    .any(|&s| res.gemeente[s as usize] == g as u16);
                if ok {
                    vec![(from, to)]
                } else {
                    Vec::new()
                }
            }
            TierCheck::NotApplicable(_) => Vec::new(),
        };
        holds.push(iv);
    }
    let tier_on = |day: Day| -> u8 {
        holds
            .iter()
            .position(|iv| iv.iter().any(|&(lo, hi)| lo <= day && day <= hi))
            .map_or(none, |i| i as u8)
    };
    let first = tier_on(from);
    let mut days: Vec<Day> = holds
        .iter()
        .flatten()
        .flat_map(|&(lo, hi)| [lo, hi.saturating_add(1)])
        .filter(|&d| d > from && d <= to)
        .collect();
    if days.is_empty() {
        return (first, Vec::new());
    }
    days.sort_unstable();
    days.dedup();
    let mut changes = Vec::new();
    let mut cur = first;
    for d in days {
        let t = tier_on(d);
        if t != cur {
            changes.push((d, t));
            cur = t;
        }
    }
    (first, changes)
}
