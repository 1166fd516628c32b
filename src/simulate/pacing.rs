//! Which pillar a dwelling that is neither reserved nor tagged goes to: the
//! pacing rule.
//!
//! The law fixes pijler 2 at 20% of the year's allocations in the
//! (deel)werkingsgebied (art. 6.24 §1 BVCW) and pijler 1 at no less than
//! 50% (the Kempen note). Allocations are counted per area: each
//! deelwerkingsgebied of the plan is an area, the gemeenten in none of them
//! together form the werkingsgebied's area (one area when the plan has no
//! deelwerkingsgebieden). Pijler 4 is counted nowhere (outside the shares);
//! pijler 3 counts in the total.
//!
//! **The rule.** With `n` allocations so far in the area, `v` of them
//! through pijler 2 and `s` through pijler 1, the next dwelling goes to
//! pijler 2 when
//!
//! - `(v + 1) / (n + 1) <= aandeel` (the reglement's share, 20%): pijler 2
//!   is not ahead of its share once this dwelling is counted; and
//! - `s / (n + 1) >= minimum` (pijler 1's minimum, 50%): pijler 1 stays at
//!   its minimum even when this dwelling is not its;
//!
//! otherwise to pijler 1. In exact integers (hundredths of a percent), so
//! every fifth allocation goes to pijler 2 and after `N` allocations pijler
//! 2 has `floor(N / 5)`: within one allocation of 20% at every moment of
//! the year. A dwelling the rule gives to pijler 2 for which no candidate
//! of pijler 2 fits (voorkeur, rationele bezetting) goes to pijler 1; the
//! next dwelling then makes up the difference, since `v` stayed behind.

use crate::plan::Plan;

/// The per-area counters of the pacing rule.
#[derive(Debug, Clone)]
pub struct Pacing {
    /// Per gemeente of the werkingsgebied: its area.
    pub area_of: Vec<usize>,
    /// Area names: the deelwerkingsgebieden, then the werkingsgebied (the rest).
    pub areas: Vec<String>,
    /// Per area: allocations through pijler 1, 2 and 3.
    pub counts: Vec<[u64; 3]>,
    /// Pijler 2's share, hundredths of a percent (2000 = 20%); 0 without pijler 2.
    pub aandeel: i64,
    /// Pijler 1's minimum share, hundredths of a percent.
    pub minimum: i64,
}

/// The pillar the rule picks for one dwelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    Standaard,
    Versneld,
}

impl Pacing {
    pub fn new(plan: &Plan) -> Pacing {
        let gemeenten = &plan.werkingsgebied.gemeenten;
        let mut areas: Vec<String> = Vec::new();
        let mut area_of = vec![usize::MAX; gemeenten.len()];
        for d in &plan.werkingsgebied.deelwerkingsgebieden {
            let idx = areas.len();
            let mut used = false;
            for (gi, g) in gemeenten.iter().enumerate() {
                if area_of[gi] == usize::MAX
                    && d.gemeenten.iter().any(|n| n.eq_ignore_ascii_case(&g.naam))
                {
                    area_of[gi] = idx;
                    used = true;
                }
            }
            if used {
                areas.push(d.naam.clone());
            }
        }
        if area_of.contains(&usize::MAX) || areas.is_empty() {
            let rest = areas.len();
            areas.push(
                plan.werkingsgebied
                    .naam
                    .clone()
                    .unwrap_or_else(|| "werkingsgebied".to_string()),
            );
            for a in area_of.iter_mut().filter(|a| **a == usize::MAX) {
                *a = rest;
            }
        }
        let minimum = plan
            .standaard
            .as_ref()
            .and_then(|s| s.aandeel_minimaal)
            .unwrap_or(plan.parameters.aandeel_standaard_minimaal);
        Pacing {
            counts: vec![[0; 3]; areas.len()],
            area_of,
            areas,
            aandeel: plan.versneld.as_ref().map_or(0, |v| v.aandeel),
            minimum,
        }
    }

    /// The pillar for the next dwelling in gemeente `g`.
    pub fn pick(&self, g: usize) -> Pick {
        let [s, v, d] = self.counts[self.area_of[g]];
        let n1 = (s + v + d + 1) as i128;
        let behind = (v as i128 + 1) * 10_000 <= self.aandeel as i128 * n1;
        let floor_kept = s as i128 * 10_000 >= self.minimum as i128 * n1;
        if self.aandeel > 0 && behind && floor_kept {
            Pick::Versneld
        } else {
            Pick::Standaard
        }
    }

    /// Whether the next dwelling in gemeente `g` may fill a quota place of
    /// pijler 3 (a dwelling without a label). A quota is filled out of
    /// what pijler 1 has above its minimum, never out of pijler 1's
    /// minimum or pijler 2's turn (the caller asks only when pijler 2 does
    /// not take the dwelling). Pijler 2's next turn needs that room too
    /// (it goes to pijler 2 only when pijler 1 keeps its minimum, see
    /// [`Pacing::pick`]): a quota place that left pijler 1 exactly at its
    /// minimum would send pijler 2's next turn to pijler 1, and quota
    /// places filled at every such moment keep pijler 2 behind its share
    /// until the year ends. So a quota place leaves room for one more
    /// allocation outside pijler 1 after it: `s·10000 ≥ minimum·(n+2)`.
    pub fn room_for_quota(&self, g: usize) -> bool {
        let [s, v, d] = self.counts[self.area_of[g]];
        let n2 = (s + v + d + 2) as i128;
        s as i128 * 10_000 >= self.minimum as i128 * n2
    }

    /// Count an allocation through pijler `pillar` (1, 2 or 3) in gemeente `g`.
    pub fn count(&mut self, g: usize, pillar: usize) {
        if (1..=3).contains(&pillar) {
            self.counts[self.area_of[g]][pillar - 1] += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pacing() -> Pacing {
        Pacing {
            area_of: vec![0],
            areas: vec!["w".into()],
            counts: vec![[0; 3]],
            aandeel: 2000,
            minimum: 5000,
        }
    }

    #[test]
    fn every_fifth_allocation_is_pillar_two() {
        let mut p = pacing();
        let mut picks = Vec::new();
        for _ in 0..20 {
            let k = p.pick(0);
            picks.push(k == Pick::Versneld);
            p.count(0, if k == Pick::Versneld { 2 } else { 1 });
        }
        let fifth: Vec<bool> = (1..=20).map(|i| i % 5 == 0).collect();
        assert_eq!(picks, fifth);
    }

    #[test]
    fn pillar_one_minimum_holds_against_many_reserved() {
        let mut p = pacing();
        // 3 reserved (pijler 3) and 1 pijler 1 so far: pijler 1 at 1/5 after
        // the next, so the next is pijler 1 though pijler 2 is behind
        p.counts[0] = [1, 0, 3];
        assert_eq!(p.pick(0), Pick::Standaard);
    }

    #[test]
    fn a_quota_place_leaves_pillar_one_its_minimum() {
        let mut p = pacing();
        // 3 of pijler 1, 1 of pijler 2: a fifth through pijler 3 leaves 3/5,
        // and 3/6 after pijler 2's next turn
        p.counts[0] = [3, 1, 0];
        assert!(p.room_for_quota(0));
        // 3, 1, 1: a sixth through pijler 3 leaves 3/6, but pijler 2's
        // next turn would find 3/7 < 50% and go to pijler 1
        p.counts[0] = [3, 1, 1];
        assert!(!p.room_for_quota(0));
        // 3, 1, 2: a seventh through pijler 3 would leave 3/7 < 50%
        p.counts[0] = [3, 1, 2];
        assert!(!p.room_for_quota(0));
    }
}
