//! The fast allocator: static keys, dated events, ordered lists (see
//! [`super::lists`]). Decides exactly as [`super::reference`], which ranks
//! the whole list with the engine for every dwelling.

use super::journal::Journal;
use super::lists::OrderedList;
use super::pacing::Pick;
use super::timeline;
use super::{leefloon_changes, list_request, pillar2_ranking_all, Decision, Kind, Pijler, Reden};
use super::{Settings, Setup, Simulation};
use crate::engine::bezetting::persons_range;
use crate::engine::fields::{self, Day};
use crate::engine::outcome::NOT_EVALUATED;
use crate::engine::prepare::UNKNOWN;
use crate::engine::{Pillar, Prepared};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

const ABSENT: u32 = u32::MAX;

/// Per record: its tier per slot on the first day, and (day, slot, tier) changes.
type Timeline = (Vec<u8>, Vec<(Day, u32, u8)>);

/// The `(tier, persons, key)` entries of one list, before it is built.
type Entries = Vec<(u8, u32, u32)>;

/// The state of the waiting lists on a day.
struct State<'s, 'a, 'p> {
    s: &'s Setup<'a, 'p>,
    /// Per record: position in the chronological order (pijler 1 and 3 key).
    chrono: Vec<u32>,
    persons: Vec<u32>,
    /// Per record: its slots (gemeenten it may be housed in) in `slot_g`.
    slot_start: Vec<u32>,
    slot_g: Vec<u16>,
    /// The current tier per slot.
    slot_tier: Vec<u8>,
    /// Per record: the pillar-3 code indices it holds an attest for.
    attests: Vec<Vec<u16>>,
    registered: Vec<bool>,
    housed: Vec<bool>,
    lokale3: bool,
    p1: Vec<OrderedList>,
    p2: Vec<OrderedList>,
    p3: FxHashMap<(u16, u16), OrderedList>,
    /// Pijler 2, one order for every gemeente: record by position,
    /// position by record.
    p2_order: Vec<u32>,
    p2_pos: Vec<u32>,
    p2_total: Vec<u32>,
    urgent: Vec<bool>,
}

impl State<'_, '_, '_> {
    fn slots(&self, c: usize) -> std::ops::Range<usize> {
        self.slot_start[c] as usize..self.slot_start[c + 1] as usize
    }

    fn tier3(&self, t: u8) -> u8 {
        if self.lokale3 {
            t
        } else {
            0
        }
    }

    /// A candidate who registers during the period enters its lists.
    fn enter(&mut self, c: usize) {
        let persons = self.persons[c];
        let key = self.chrono[c];
        for k in self.slots(c) {
            let g = self.slot_g[k] as usize;
            let t = self.slot_tier[k];
            let p2 = self.p2_pos.get(c).copied().unwrap_or(ABSENT);
            let t3 = self.tier3(t);
            self.p1[g].insert(t, persons, key);
            if p2 != ABSENT {
                self.p2[g].insert(0, persons, p2);
            }
            for &code in &self.attests[c] {
                self.p3
                    .entry((code, g as u16))
                    .or_default()
                    .insert(t3, persons, key);
            }
        }
    }

    fn retier(&mut self, slot: usize, c: usize, tier: u8) {
        let old = self.slot_tier[slot];
        if old == tier {
            return;
        }
        if self.registered[c] && !self.housed[c] {
            let g = self.slot_g[slot] as usize;
            let persons = self.persons[c];
            let key = self.chrono[c];
            self.p1[g].remove(old, persons, key);
            self.p1[g].insert(tier, persons, key);
            if self.lokale3 {
                for &code in &self.attests[c] {
                    if let Some(l) = self.p3.get_mut(&(code, g as u16)) {
                        l.remove(old, persons, key);
                        l.insert(tier, persons, key);
                    }
                }
            }
        }
        self.slot_tier[slot] = tier;
    }

    /// Who is in the pillar-2 ranking of an epoch no dwelling falls in
    /// (the lists are not needed then, but its candidates were urgent).
    fn mark_urgent(&mut self, on: Day) {
        if let Some((order, _)) = pillar2_ranking_all(self.s, on) {
            for c in order {
                self.urgent[c as usize] = true;
            }
        }
    }

    /// The pillar-2 lists of a new epoch, ranked on its last day.
    fn rebuild_p2(&mut self, on: Day) {
        for l in &mut self.p2 {
            l.clear();
        }
        let n = self.s.batch.records.len();
        self.p2_pos = vec![ABSENT; n];
        let Some((order, totals)) = pillar2_ranking_all(self.s, on) else {
            self.p2_order.clear();
            return;
        };
        for (i, &c) in order.iter().enumerate() {
            self.p2_pos[c as usize] = i as u32;
            self.urgent[c as usize] = true;
            self.p2_total[c as usize] = totals[c as usize];
        }
        self.p2_order = order;
        let mut entries: Vec<Entries> = vec![Vec::new(); self.p2.len()];
        // in key order, so that each group's keys come sorted
        for (p, &c) in self.p2_order.iter().enumerate() {
            let (p, c) = (p as u32, c as usize);
            if !self.registered[c] || self.housed[c] {
                continue;
            }
            for k in self.slots(c) {
                entries[self.slot_g[k] as usize].push((0, self.persons[c], p));
            }
        }
        self.p2 = entries
            .into_par_iter()
            .map(OrderedList::from_entries)
            .collect();
    }

    fn slot_of(&self, c: usize, g: usize) -> Option<usize> {
        self.slots(c).find(|&k| self.slot_g[k] as usize == g)
    }
}

/// Offer the dwelling down a list: the first who does not refuse gets it.
/// Candidates housed since they entered the list are skipped and noted in
/// `stale`, to be taken out of that list afterwards: a housed candidate
/// leaves only the lists a dwelling actually reads (lazy removal), not the
/// lists of every gemeente in its voorkeur.
#[allow(clippy::too_many_arguments)]
fn offer(
    list: &OrderedList,
    (lo, hi): (u32, u32),
    record_of: impl Fn(u32) -> u32,
    housed: &[bool],
    persons: &[u32],
    rng: &mut ChaCha8Rng,
    kans: f64,
    refused: &mut Vec<u32>,
    stale: &mut Entries,
) -> Option<u32> {
    for (tier, key) in list.iter(lo, hi) {
        let c = record_of(key);
        if housed[c as usize] {
            stale.push((tier, persons[c as usize], key));
            continue;
        }
        if kans > 0.0 && rng.random_bool(kans) {
            refused.push(c);
            continue;
        }
        return Some(c);
    }
    None
}

fn clean(list: Option<&mut OrderedList>, stale: &mut Entries) {
    if let Some(l) = list {
        for (t, p, k) in stale.drain(..) {
            l.remove(t, p, k);
        }
    }
    stale.clear();
}

pub(crate) fn run(s: &Setup, settings: &Settings) -> Simulation {
    let n = s.batch.records.len();
    let g_count = s.gemeenten.len();
    let van = fields::to_date(s.from);
    // the tiers of pijler 1 per gemeente (also pijler 3's lokale binding)
    let tier_prep: Vec<Option<Prepared>> = s
        .gemeenten
        .iter()
        .map(|g| Prepared::new(s.plan, &list_request(g, Pillar::Standaard, van)).ok())
        .collect();
    // chronological order of the records the plan accepts
    let mut order: Vec<u32> = (0..n as u32).filter(|&c| s.valid[c as usize]).collect();
    order.par_sort_unstable_by(|&a, &b| {
        let (ra, rb) = (&s.batch.records[a as usize], &s.batch.records[b as usize]);
        ra.inschrijving
            .cmp(&rb.inschrijving)
            .then_with(|| s.batch.dossier_bytes(ra).cmp(s.batch.dossier_bytes(rb)))
    });
    let mut chrono = vec![ABSENT; n];
    for (i, &c) in order.iter().enumerate() {
        chrono[c as usize] = i as u32;
    }
    // slots: the gemeenten in the voorkeur (all when empty)
    let mut slot_start = Vec::with_capacity(n + 1);
    let mut slot_g: Vec<u16> = Vec::new();
    for (c, rec) in s.batch.records.iter().enumerate() {
        slot_start.push(slot_g.len() as u32);
        if !s.valid[c] || rec.inschrijving > s.to {
            continue;
        }
        let voorkeur = s.batch.list(rec.voorkeur);
        if voorkeur.is_empty() {
            slot_g.extend(0..g_count as u16);
        } else {
            let start = slot_g.len();
            for &sym in voorkeur {
                let g = s.res.gemeente[sym as usize];
                if g != UNKNOWN {
                    slot_g.push(g);
                }
            }
            slot_g[start..].sort_unstable();
            let mut k = start;
            for j in start..slot_g.len() {
                if j == start || slot_g[j] != slot_g[k - 1] {
                    slot_g[k] = slot_g[j];
                    k += 1;
                }
            }
            slot_g.truncate(k);
        }
    }
    slot_start.push(slot_g.len() as u32);
    // tier timelines, in parallel
    let timelines: Vec<Timeline> = (0..n)
        .into_par_iter()
        .map_init(Vec::new, |scratch, c| {
            let range = slot_start[c] as usize..slot_start[c + 1] as usize;
            let mut first = Vec::with_capacity(range.len());
            let mut events = Vec::new();
            for k in range {
                let g = slot_g[k] as usize;
                let (t, changes) = match &tier_prep[g] {
                    Some(p) => timeline::tiers_over(
                        &p.tiers,
                        g,
                        &s.batch.records[c],
                        s.batch,
                        &s.res,
                        s.from,
                        s.to,
                        scratch,
                    ),
                    None => (0, Vec::new()),
                };
                first.push(t);
                events.extend(changes.into_iter().map(|(d, t)| (d, k as u32, t)));
            }
            (first, events)
        })
        .collect();
    let mut slot_tier = Vec::with_capacity(slot_g.len());
    let mut tier_events: Vec<(Day, u32, u32, u8)> = Vec::new();
    for (c, (first, events)) in timelines.into_iter().enumerate() {
        slot_tier.extend(first);
        tier_events.extend(events.into_iter().map(|(d, k, t)| (d, c as u32, k, t)));
    }
    tier_events.par_sort_unstable();
    let attests: Vec<Vec<u16>> = s
        .batch
        .records
        .iter()
        .map(|r| {
            let mut v: Vec<u16> = s
                .batch
                .list(r.doelgroepen)
                .iter()
                .map(|&sym| {
                    s.res
                        .doelgroep
                        .get(sym as usize)
                        .copied()
                        .unwrap_or(UNKNOWN)
                })
                .filter(|&x| x != UNKNOWN)
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        })
        .collect();
    let mut registrations: Vec<(Day, u32)> = (0..n)
        .filter(|&c| s.valid[c])
        .map(|c| (s.batch.records[c].inschrijving, c as u32))
        .filter(|&(d, _)| d > s.from && d <= s.to)
        .collect();
    registrations.sort_unstable();
    let persons: Vec<u32> = (0..n).map(|c| s.persons(c)).collect();
    let mut st = State {
        s,
        chrono,
        persons,
        slot_start,
        slot_g,
        slot_tier,
        attests,
        registered: vec![false; n],
        housed: vec![false; n],
        lokale3: s
            .plan
            .doelgroepen
            .as_ref()
            .is_some_and(|d| d.lokale_binding),
        p1: vec![OrderedList::default(); g_count],
        p2: vec![OrderedList::default(); g_count],
        p3: FxHashMap::default(),
        p2_order: Vec::new(),
        p2_pos: Vec::new(),
        p2_total: vec![0; n],
        urgent: vec![false; n],
    };
    // the first day
    let boundaries = leefloon_changes(s.plan, s.from, s.to);
    let epoch_end = |start: Day| {
        boundaries
            .iter()
            .find(|&&b| b > start)
            .map_or(s.to, |&b| b - 1)
    };
    for c in 0..n {
        if s.valid[c] && s.batch.records[c].inschrijving <= s.from {
            st.registered[c] = true;
        }
    }
    st.rebuild_p2(epoch_end(s.from));
    // pijler 1 and 3 (pijler 2 was filled by the rebuild), built at once
    let mut p1_entries: Vec<Entries> = vec![Vec::new(); g_count];
    let mut p3_entries: FxHashMap<(u16, u16), Entries> = FxHashMap::default();
    // in key order, so that each group's keys come sorted
    for &c in &order {
        let c = c as usize;
        if !st.registered[c] {
            continue;
        }
        let persons = st.persons[c];
        let key = st.chrono[c];
        for k in st.slots(c) {
            let g = st.slot_g[k] as usize;
            let t = st.slot_tier[k];
            p1_entries[g].push((t, persons, key));
            let t3 = st.tier3(t);
            for &code in &st.attests[c] {
                p3_entries
                    .entry((code, g as u16))
                    .or_default()
                    .push((t3, persons, key));
            }
        }
    }
    st.p1 = p1_entries
        .into_par_iter()
        .map(OrderedList::from_entries)
        .collect();
    st.p3 = p3_entries
        .into_iter()
        .map(|(k, v)| (k, OrderedList::from_entries(v)))
        .collect();
    let mut next_boundary = 0;
    let mut next_tier = 0;
    let mut next_reg = 0;
    let mut journal = Journal::new(s);
    let mut rng = ChaCha8Rng::seed_from_u64(settings.zaad);
    let kans = settings.weigerkans;
    let mut stale: Entries = Vec::new();
    for (d, kind) in s.dwellings.iter().zip(&s.kinds) {
        let day = fields::from_date(d.vrij_vanaf);
        // the events up to this day: a new pillar-2 epoch, tiers, registrations
        let mut rebuild = None;
        while next_boundary < boundaries.len() && boundaries[next_boundary] <= day {
            // an epoch passed without a dwelling: its candidates were urgent
            if let Some(skipped) = rebuild {
                st.mark_urgent(epoch_end(skipped));
            }
            rebuild = Some(boundaries[next_boundary]);
            next_boundary += 1;
        }
        while next_tier < tier_events.len() && tier_events[next_tier].0 <= day {
            let (_, c, k, t) = tier_events[next_tier];
            st.retier(k as usize, c as usize, t);
            next_tier += 1;
        }
        if let Some(b) = rebuild {
            st.rebuild_p2(epoch_end(b));
        }
        while next_reg < registrations.len() && registrations[next_reg].0 <= day {
            let c = registrations[next_reg].1 as usize;
            st.registered[c] = true;
            st.enter(c);
            next_reg += 1;
        }
        let (lo, hi, _) = persons_range(s.plan, d.woning.slaapkamers);
        let mut dec = Decision::default();
        let g = match kind {
            Kind::Fout(msg) => {
                dec.reden = Some(Reden::Fout(msg.clone()));
                None
            }
            Kind::Bijzonder { g } => {
                dec.pijler = Some(Pijler::Bijzonder);
                dec.reden = Some(Reden::BuitenWachtlijst);
                Some(*g)
            }
            Kind::Voorbehouden { g, code } => {
                let list_key = (*code, *g as u16);
                let got = st.p3.get(&list_key).and_then(|l| {
                    offer(
                        l,
                        (lo, hi),
                        |key| order[key as usize],
                        &st.housed,
                        &st.persons,
                        &mut rng,
                        kans,
                        &mut dec.weigeraars,
                        &mut stale,
                    )
                });
                clean(st.p3.get_mut(&list_key), &mut stale);
                if let Some(c) = got {
                    dec.pijler = Some(Pijler::Doelgroepen);
                    dec.kandidaat = Some(c);
                    let t = st
                        .slot_of(c as usize, *g)
                        .map_or(NOT_EVALUATED, |k| st.slot_tier[k]);
                    dec.tier = Some(if st.lokale3 { t } else { NOT_EVALUATED });
                }
                Some(*g)
            }
            Kind::Vrij { g } => {
                let g = *g;
                let pick = journal.pacing.pick(g);
                dec.gepland = Some(match pick {
                    Pick::Versneld => Pijler::Versneld,
                    Pick::Standaard => Pijler::Standaard,
                });
                if pick == Pick::Versneld {
                    let got = offer(
                        &st.p2[g],
                        (lo, hi),
                        |key| st.p2_order[key as usize],
                        &st.housed,
                        &st.persons,
                        &mut rng,
                        kans,
                        &mut dec.weigeraars,
                        &mut stale,
                    );
                    clean(st.p2.get_mut(g), &mut stale);
                    if let Some(c) = got {
                        dec.pijler = Some(Pijler::Versneld);
                        dec.kandidaat = Some(c);
                        dec.totaal = Some(st.p2_total[c as usize]);
                    }
                }
                if dec.pijler.is_none() && tier_prep[g].is_some() {
                    let got = offer(
                        &st.p1[g],
                        (lo, hi),
                        |key| order[key as usize],
                        &st.housed,
                        &st.persons,
                        &mut rng,
                        kans,
                        &mut dec.weigeraars,
                        &mut stale,
                    );
                    clean(st.p1.get_mut(g), &mut stale);
                    if let Some(c) = got {
                        dec.pijler = Some(Pijler::Standaard);
                        dec.kandidaat = Some(c);
                        dec.tier = st.slot_of(c as usize, g).map(|k| st.slot_tier[k]);
                        if pick == Pick::Versneld {
                            dec.reden = Some(Reden::Uitwijk);
                        }
                    }
                }
                Some(g)
            }
        };
        // the housed candidate leaves the lists lazily, see `offer`
        journal.record(dec, g, &mut st.housed);
    }
    // the epochs after the last dwelling
    for &b in &boundaries[next_boundary..] {
        st.mark_urgent(epoch_end(b));
    }
    journal.finish(s, settings, st.urgent)
}
