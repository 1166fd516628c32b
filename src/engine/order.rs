//! The total order of a ranking, so that no two candidates ever tie.
//!
//! - **Pijler 2**: the highest total first; then the plan's tie-breaks in
//!   order (Kempen: the earliest registration date; "meeste punten op X":
//!   more points on criterion X first); then the dossier.
//! - **Pijler 1 and 3**: the lowest lokale-binding tier first (tier 1 before
//!   tier 2 …, no tier last; in pijler 3 only when lokale binding applies);
//!   then the earliest registration date; then the dossier.
//! - **Pijler 3 with `eerst de oudsten`**: the age step first (the oldest
//!   step, then ever younger, unknown ages last), then as above: the
//!   lokale-binding tier, the registration date, the dossier. The age step
//!   comes first because it is the group's own priority ("eerst 80 jaar en
//!   ouder"); lokale binding orders the candidates of one step, as it
//!   orders a pillar-1 list.
//! - **Pijler 2 with `sociaal verslag: vooraan|achteraan`**: the candidates
//!   admitted through an approved sociaal verslag come before (or after)
//!   every candidate with points; among themselves their points do not
//!   count, so the tie-breaks that count points are equal and the
//!   registration date decides, then the dossier.
//! - **The dossier** closes every order: compared as text, byte by byte
//!   (UTF-8), so `K-10` comes before `K-9`; files from the central register
//!   use zero-padded numbers. Dossiers are unique (duplicates are rejected),
//!   so the order is total and the output does not depend on input order.
//!
//! Excluded candidates follow the ranked ones, in dossier order; rejected
//! records come last, in the order of the file.
//!
//! For speed, each candidate's order components are packed into one
//! 128-bit key (each component as wide as its largest value needs, then as
//! many leading bytes of the dossier as fit), so that the sort compares
//! integers and touches the dossier text only when the keys are equal.

use super::batch::Batch;
use super::candidate::Pillar;
use super::outcome::{Outcome, ROUTE_PUNTEN};
use super::prepare::{tiebreaks, Prepared, TieBreak};
use rayon::prelude::*;
use std::cmp::Ordering;

#[derive(Debug, Clone, Copy)]
enum Comp {
    /// Max total minus total (higher total first).
    TotalDesc,
    /// Lokale-binding tier (lower first).
    Tier,
    /// Pijler 3: the age step (lower = older first).
    Step,
    /// Registration day minus the earliest (earlier first).
    Inschrijving,
    /// Max points minus points on a criterion (more first).
    PointsDesc(usize),
    /// Pijler 2 with `sociaal verslag: …`: the route (admitted by the
    /// report before, with points, after); the points do not order the
    /// candidates admitted by a report.
    Route,
}

struct Keys<'a> {
    batch: &'a Batch,
    outcomes: &'a [Outcome],
    points: &'a [u32],
    stride: usize,
    comps: Vec<(Comp, u64, u32)>,
    min_day: i32,
    /// How many leading components are packed into the key.
    packed: usize,
    /// Bytes of dossier in the key.
    prefix: usize,
    /// Whether the order has [`Comp::Route`].
    route: bool,
}

impl Keys<'_> {
    fn raw(&self, c: Comp, i: usize) -> u64 {
        let o = &self.outcomes[i];
        match c {
            Comp::TotalDesc => o.total as u64,
            Comp::Tier => o.tier as u64,
            Comp::Step => o.step as u64,
            Comp::Inschrijving => (self.batch.records[i].inschrijving - self.min_day) as u64,
            Comp::PointsDesc(k) => self.points[i * self.stride + k] as u64,
            Comp::Route => o.step as u64,
        }
    }

    fn value(&self, k: usize, i: usize) -> u64 {
        let (c, max, _) = self.comps[k];
        let v = self.raw(c, i);
        match c {
            Comp::TotalDesc | Comp::PointsDesc(_)
                if self.route && self.outcomes[i].step != ROUTE_PUNTEN =>
            {
                0
            }
            Comp::TotalDesc | Comp::PointsDesc(_) => max - v,
            _ => v,
        }
    }

    fn key(&self, i: usize) -> u128 {
        let mut key = 0u128;
        let mut used = 0;
        for k in 0..self.packed {
            let bits = self.comps[k].2;
            key = (key << bits) | self.value(k, i) as u128;
            used += bits;
        }
        let d = self.batch.dossier_bytes(&self.batch.records[i]);
        for b in 0..self.prefix {
            key = (key << 8) | *d.get(b).unwrap_or(&0) as u128;
            used += 8;
        }
        if used < 128 {
            key <<= 128 - used;
        }
        key
    }

    fn rest(&self, a: usize, b: usize) -> Ordering {
        for k in self.packed..self.comps.len() {
            match self.value(k, a).cmp(&self.value(k, b)) {
                Ordering::Equal => {}
                o => return o,
            }
        }
        Ordering::Equal
    }
}

fn bits(max: u64) -> u32 {
    64 - max.leading_zeros()
}

/// Sort the ranked records (indices into the batch) in the total order.
pub fn sort_ranked(
    p: &Prepared,
    batch: &Batch,
    outcomes: &[Outcome],
    points: &[u32],
    stride: usize,
    idx: &mut [u32],
) {
    if idx.is_empty() {
        return;
    }
    let mut comps: Vec<Comp> = Vec::new();
    match p.pijler {
        Pillar::Versneld => {
            if p.plan
                .versneld
                .as_ref()
                .is_some_and(|v| v.sociaal_verslag.is_some())
            {
                comps.push(Comp::Route);
            }
            comps.push(Comp::TotalDesc);
            for t in tiebreaks(p) {
                comps.push(match t {
                    TieBreak::Inschrijving => Comp::Inschrijving,
                    TieBreak::MeestePunten(c) => Comp::PointsDesc(c),
                });
            }
            if !comps.iter().any(|c| matches!(c, Comp::Inschrijving)) {
                comps.push(Comp::Inschrijving);
            }
        }
        Pillar::Standaard | Pillar::Doelgroepen => {
            if p.p3_group().is_some_and(|g| g.oudsten_eerst.is_some()) {
                comps.push(Comp::Step);
            }
            comps.push(Comp::Tier);
            comps.push(Comp::Inschrijving);
        }
    }
    let min_day = idx
        .par_iter()
        .map(|&i| batch.records[i as usize].inschrijving)
        .min()
        .unwrap_or(0);
    let mut keys = Keys {
        batch,
        outcomes,
        points,
        stride,
        comps: Vec::new(),
        min_day,
        packed: 0,
        prefix: 0,
        route: comps.iter().any(|c| matches!(c, Comp::Route)),
    };
    let with_max: Vec<(Comp, u64, u32)> = comps
        .iter()
        .map(|&c| {
            let max = idx
                .par_iter()
                .map(|&i| keys.raw(c, i as usize))
                .max()
                .unwrap_or(0);
            (c, max, bits(max))
        })
        .collect();
    keys.comps = with_max;
    let mut used = 0;
    for (_, _, b) in &keys.comps {
        if used + b > 128 {
            break;
        }
        used += b;
        keys.packed += 1;
    }
    if keys.packed == keys.comps.len() {
        keys.prefix = ((128 - used) / 8) as usize;
    }
    let mut pairs: Vec<(u128, u32)> = idx.par_iter().map(|&i| (keys.key(i as usize), i)).collect();
    pairs.par_sort_unstable_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| keys.rest(a.1 as usize, b.1 as usize))
            .then_with(|| dossier_cmp(batch, a.1, b.1))
    });
    for (slot, (_, i)) in idx.iter_mut().zip(pairs) {
        *slot = i;
    }
}

fn dossier_cmp(batch: &Batch, a: u32, b: u32) -> Ordering {
    let ra = &batch.records[a as usize];
    let rb = &batch.records[b as usize];
    batch
        .dossier(ra)
        .as_bytes()
        .cmp(batch.dossier(rb).as_bytes())
}
