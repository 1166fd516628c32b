//! The fast allocator: static keys, dated events, ordered lists (see
//! [`super::lists`]). Decides exactly as [`super::reference`], which ranks
//! the whole list with the engine for every dwelling.

use super::journal::Journal;
use super::lists::OrderedList;
use super::pacing::Pick;
use super::timeline;
use super::{
    list_request, pillar2_changes, pillar2_ranking_all, AllocationPillar, Decision, Kind, Reden,
};
use super::{Settings, Setup, Simulation};
use crate::engine::bezetting::persons_range;
use crate::engine::fields::{self, Day};
use crate::engine::outcome::NOT_EVALUATED;
use crate::engine::pillar3;
use crate::engine::prepare::{same_name, UNKNOWN};
use crate::engine::{Pillar, Prepared};
use crate::plan::{Doorverwijzing, PlanP3Doelgroep};
use chrono::Datelike;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

const ABSENT: u32 = u32::MAX;

/// Per record: its tier per slot on the first day, and (day, slot, tier) changes.
type Timeline = (Vec<u8>, Vec<(Day, u32, u8)>);

/// The `(tier, persons, key)` entries of one list, before it is built.
type Entries = Vec<(u8, u32, u32)>;

/// A target-group code of the batch (an index into `Setup::doelgroep_codes`).
type Code = u16;

/// (day, record, index into its groups, its state from that day): a
/// membership or an age step that changes on a birthday.
type MemberEvent = (Day, u32, u16, Option<u8>);

/// A target group a record may belong to, with its age step there now.
type Member = (Code, Option<u8>);

/// What the reglement says about a pillar-3 group, resolved to code indices.
struct Group3<'p> {
    plan: &'p PlanP3Doelgroep,
    /// `zonder kandidaat`.
    next: Next,
    /// `capaciteit`: allocations per calendar year, and where its dwellings go then.
    cap: Option<(u32, Next)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Next {
    /// Nothing said, or "blijft voorbehouden": the dwelling stays unallocated.
    Stay,
    Standaard,
    Group(Code),
}

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
    /// Per record: the target groups it may be a member of (an attest, or
    /// a group by age), with its age step in each now (`None`: not a
    /// member today, e.g. too young).
    members: Vec<Vec<(Code, Option<u8>)>>,
    /// Lokale-binding tiers per age step in a pillar-3 list's key.
    per_step: u8,
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

    /// A pillar-3 list's tier: the age step first, then lokale binding
    /// when it applies (the engine's order, see `engine::order`).
    fn tier3(&self, step: u8, t: u8) -> u8 {
        let t = if self.lokale3 { t } else { 0 };
        (step as u16 * self.per_step as u16 + t as u16).min(u8::MAX as u16 - 1) as u8
    }

    /// A candidate who registers during the period enters its lists.
    fn enter(&mut self, c: usize) {
        let persons = self.persons[c];
        let key = self.chrono[c];
        for k in self.slots(c) {
            let g = self.slot_g[k] as usize;
            let t = self.slot_tier[k];
            let p2 = self.p2_pos.get(c).copied().unwrap_or(ABSENT);
            self.p1[g].insert(t, persons, key);
            if p2 != ABSENT {
                self.p2[g].insert(0, persons, p2);
            }
            for j in 0..self.members[c].len() {
                if let (code, Some(step)) = self.members[c][j] {
                    let t3 = self.tier3(step, t);
                    self.p3
                        .entry((code, g as u16))
                        .or_default()
                        .insert(t3, persons, key);
                }
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
                for j in 0..self.members[c].len() {
                    if let (code, Some(step)) = self.members[c][j] {
                        let (from, to) = (self.tier3(step, old), self.tier3(step, tier));
                        if let Some(l) = self.p3.get_mut(&(code, g as u16)) {
                            l.remove(from, persons, key);
                            l.insert(to, persons, key);
                        }
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
                self.urgent[c as usize] |= !self.s.buiten[c as usize];
            }
        }
    }

    /// A record's membership of a target group (or its age step there)
    /// changes on a birthday.
    fn remember(&mut self, c: usize, j: usize, state: Option<u8>) {
        let (code, old) = self.members[c][j];
        if old == state {
            return;
        }
        self.members[c][j].1 = state;
        if !self.registered[c] || self.housed[c] {
            return;
        }
        let persons = self.persons[c];
        let key = self.chrono[c];
        for k in self.slots(c) {
            let g = self.slot_g[k];
            let t = self.slot_tier[k];
            let from = old.map(|o| self.tier3(o, t));
            let to = state.map(|n| self.tier3(n, t));
            let l = self.p3.entry((code, g)).or_default();
            if let Some(f) = from {
                l.remove(f, persons, key);
            }
            if let Some(n) = to {
                l.insert(n, persons, key);
            }
        }
    }

    /// The age step of a record in a group, now.
    fn step_in(&self, c: usize, code: Code) -> Option<u8> {
        self.members[c]
            .iter()
            .find(|(k, _)| *k == code)
            .and_then(|(_, s)| *s)
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
            // on a gemeente's list only with a gemeente of the werkingsgebied in the voorkeur
            self.urgent[c as usize] |= !self.s.buiten[c as usize];
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
    run_with(s, settings, None).0
}

/// A register's decisions, replayed: each dwelling goes to the candidate
/// `forced` names (through its pillar), and the lists say who the
/// reglement would have given it to on that day: the first candidate not
/// yet housed of that pillar's list (no refusals drawn). The lists are the
/// simulation's, kept exactly as the engine ranks (the equality tests), so
/// every decision of a year is checked at the simulation's speed.
pub(crate) fn replay(
    s: &Setup,
    settings: &Settings,
    forced: &[Decision],
) -> (Simulation, Vec<Option<u32>>) {
    run_with(s, settings, Some(forced))
}

fn run_with(
    s: &Setup,
    settings: &Settings,
    forced: Option<&[Decision]>,
) -> (Simulation, Vec<Option<u32>>) {
    let mut a = Allocator::new(s, settings);
    let mut rng = ChaCha8Rng::seed_from_u64(settings.zaad);
    let mut expected: Vec<Option<u32>> = Vec::new();
    for i in 0..s.dwellings.len() {
        a.advance(fields::from_date(s.dwellings[i].vrij_vanaf));
        match forced {
            Some(forced) => {
                let dec = forced.get(i).cloned().unwrap_or_default();
                expected.push(a.force(i, dec, &mut rng));
            }
            None => {
                a.decide(i, &mut rng);
            }
        }
    }
    (a.finish(settings), expected)
}

/// A list of the state: which pillar, and its gemeente or (group, gemeente).
#[derive(Clone, Copy)]
enum ListId {
    P1(usize),
    P2(usize),
    P3((Code, u16)),
}

/// One allocation run over a setup, a dwelling at a time (in the order of
/// `Setup::dwellings`): [`Allocator::advance`] applies the events up to a
/// dwelling's day, [`Allocator::decide`] allocates it. A regional year
/// (`super::region`) runs one per member on the same candidates, in date
/// order across the members, and tells every member who was housed
/// ([`Allocator::housed_elsewhere`]).
pub(crate) struct Allocator<'s, 'a, 'p> {
    st: State<'s, 'a, 'p>,
    /// The chronological order: record by key (pijler 1 and 3).
    order: Vec<u32>,
    /// The tiers of pijler 1 per gemeente (also pijler 3's lokale binding).
    tier_prep: Vec<Option<Prepared<'p>>>,
    groups: Vec<Option<Group3<'p>>>,
    boundaries: Vec<Day>,
    tier_events: Vec<(Day, u32, u32, u8)>,
    member_events: Vec<MemberEvent>,
    registrations: Vec<(Day, u32)>,
    next_boundary: usize,
    next_member: usize,
    next_tier: usize,
    next_reg: usize,
    journal: Journal,
    kans: f64,
    stale: Entries,
}

impl<'s, 'a, 'p> Allocator<'s, 'a, 'p> {
    pub(crate) fn new(s: &'s Setup<'a, 'p>, settings: &Settings) -> Self {
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
        // the pillar-3 groups by code, their `zonder kandidaat` resolved
        let code_of = |name: &str| s.doelgroep_codes.iter().position(|c| c == name);
        let groups: Vec<Option<Group3>> = s
            .doelgroep_codes
            .iter()
            .map(|c| {
                let plan = s
                    .plan
                    .doelgroepen
                    .as_ref()?
                    .groepen
                    .iter()
                    .find(|g| g.code == *c)?;
                let next_of = |naar: Option<&Doorverwijzing>| match naar {
                    Some(Doorverwijzing::Standaardtoewijzing) => Next::Standaard,
                    Some(Doorverwijzing::Doelgroep { code }) => {
                        code_of(code).map_or(Next::Stay, |k| Next::Group(k as Code))
                    }
                    _ => Next::Stay,
                };
                let next = next_of(plan.zonder_kandidaat.as_ref().map(|z| &z.naar));
                let cap = plan
                    .capaciteit
                    .as_ref()
                    .map(|c| (c.per_jaar, next_of(Some(&c.daarna))));
                Some(Group3 { plan, next, cap })
            })
            .collect();
        // groups by age take every candidate old enough, attest or not
        let by_age_codes: Vec<Code> = (0..groups.len())
            .filter(|&k| {
                groups[k]
                    .as_ref()
                    .is_some_and(|g| g.plan.leeftijd.is_some())
            })
            .map(|k| k as Code)
            .collect();
        // per record: its groups with the state on the first day, and the
        // birthdays on which a membership or an age step changes
        let member_lists: Vec<(Vec<Member>, Vec<MemberEvent>)> = (0..n)
            .into_par_iter()
            .map(|c| {
                let rec = &s.batch.records[c];
                let mut codes: Vec<Code> = attests[c].clone();
                if s.valid[c] {
                    codes.extend(&by_age_codes);
                }
                codes.sort_unstable();
                codes.dedup();
                let has = |k: Code| attests[c].binary_search(&k).is_ok();
                let state =
                    |k: Code, on: Day| match &groups.get(k as usize).and_then(|g| g.as_ref()) {
                        Some(g) => pillar3::membership(g.plan, s.batch, rec, has(k), on),
                        None => Some(0),
                    };
                let mut first = Vec::with_capacity(codes.len());
                let mut events = Vec::new();
                let mut days: Option<Vec<Day>> = None;
                for (j, &k) in codes.iter().enumerate() {
                    let mut cur = state(k, s.from);
                    first.push((k, cur));
                    let dated = groups
                        .get(k as usize)
                        .and_then(|g| g.as_ref())
                        .is_some_and(|g| pillar3::by_age(g.plan));
                    if !dated || !s.valid[c] {
                        continue;
                    }
                    let days =
                        days.get_or_insert_with(|| pillar3::birthdays(s.batch, rec, s.from, s.to));
                    for &d in days.iter() {
                        let next = state(k, d);
                        if next != cur {
                            events.push((d, c as u32, j as u16, next));
                            cur = next;
                        }
                    }
                }
                (first, events)
            })
            .collect();
        let mut members = Vec::with_capacity(n);
        let mut member_events: Vec<MemberEvent> = Vec::new();
        for (first, events) in member_lists {
            members.push(first);
            member_events.extend(events);
        }
        member_events.par_sort_unstable();
        let per_step = 1 + tier_prep
            .iter()
            .flatten()
            .next()
            .map_or(0, |p| p.tiers.len() as u8);
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
            members,
            per_step,
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
        let boundaries = pillar2_changes(s);
        for c in 0..n {
            if s.valid[c] && s.batch.records[c].inschrijving <= s.from {
                st.registered[c] = true;
            }
        }
        st.rebuild_p2(epoch_end(&boundaries, s.to, s.from));
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
                for &(code, step) in &st.members[c] {
                    if let Some(step) = step {
                        p3_entries.entry((code, g as u16)).or_default().push((
                            st.tier3(step, t),
                            persons,
                            key,
                        ));
                    }
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
        Allocator {
            st,
            order,
            tier_prep,
            groups,
            boundaries,
            tier_events,
            member_events,
            registrations,
            next_boundary: 0,
            next_member: 0,
            next_tier: 0,
            next_reg: 0,
            journal: Journal::new(s),
            kans: settings.weigerkans,
            stale: Vec::new(),
        }
    }

    fn epoch_end(&self, start: Day) -> Day {
        epoch_end(&self.boundaries, self.st.s.to, start)
    }

    /// The events up to `day`: a new pillar-2 epoch, tiers, memberships,
    /// registrations.
    pub(crate) fn advance(&mut self, day: Day) {
        let mut rebuild = None;
        while self.next_boundary < self.boundaries.len()
            && self.boundaries[self.next_boundary] <= day
        {
            // an epoch passed without a dwelling: its candidates were urgent
            if let Some(skipped) = rebuild {
                let end = self.epoch_end(skipped);
                self.st.mark_urgent(end);
            }
            rebuild = Some(self.boundaries[self.next_boundary]);
            self.next_boundary += 1;
        }
        while self.next_tier < self.tier_events.len() && self.tier_events[self.next_tier].0 <= day {
            let (_, c, k, t) = self.tier_events[self.next_tier];
            self.st.retier(k as usize, c as usize, t);
            self.next_tier += 1;
        }
        while self.next_member < self.member_events.len()
            && self.member_events[self.next_member].0 <= day
        {
            let (_, c, j, state) = self.member_events[self.next_member];
            self.st.remember(c as usize, j as usize, state);
            self.next_member += 1;
        }
        if let Some(b) = rebuild {
            let end = self.epoch_end(b);
            self.st.rebuild_p2(end);
        }
        while self.next_reg < self.registrations.len() && self.registrations[self.next_reg].0 <= day
        {
            let c = self.registrations[self.next_reg].1 as usize;
            self.st.registered[c] = true;
            self.st.enter(c);
            self.next_reg += 1;
        }
    }

    /// A candidate housed by another member of the region leaves this
    /// member's lists too (lazily, like a candidate housed here).
    pub(crate) fn housed_elsewhere(&mut self, c: u32) {
        self.st.housed[c as usize] = true;
    }

    /// Offer the dwelling down one list (see [`offer`]), housed candidates
    /// taken out of that list afterwards.
    fn offer_on(
        &mut self,
        id: ListId,
        range: (u32, u32),
        rng: &mut ChaCha8Rng,
        kans: f64,
        refused: &mut Vec<u32>,
    ) -> Option<u32> {
        let stale = &mut self.stale;
        let st = &self.st;
        let (list, keys) = match id {
            ListId::P1(g) => (st.p1.get(g), &self.order),
            ListId::P2(g) => (st.p2.get(g), &st.p2_order),
            ListId::P3(k) => (st.p3.get(&k), &self.order),
        };
        let got = list.and_then(|l| {
            offer(
                l,
                range,
                |key| keys[key as usize],
                &st.housed,
                &st.persons,
                rng,
                kans,
                refused,
                stale,
            )
        });
        let list = match id {
            ListId::P1(g) => self.st.p1.get_mut(g),
            ListId::P2(g) => self.st.p2.get_mut(g),
            ListId::P3(k) => self.st.p3.get_mut(&k),
        };
        clean(list, &mut self.stale);
        got
    }

    /// Pijler 1 of gemeente `g`: the first who does not refuse gets it.
    fn standaard(
        &mut self,
        g: usize,
        range: (u32, u32),
        rng: &mut ChaCha8Rng,
        dec: &mut Decision,
    ) -> bool {
        if self.tier_prep[g].is_none() {
            return false;
        }
        let kans = self.kans;
        let Some(c) = self.offer_on(ListId::P1(g), range, rng, kans, &mut dec.weigeraars) else {
            return false;
        };
        dec.pijler = Some(AllocationPillar::Standaard);
        dec.kandidaat = Some(c);
        dec.tier = self.st.slot_of(c as usize, g).map(|k| self.st.slot_tier[k]);
        true
    }

    /// The list of target group `k` in gemeente `g`: the first who does
    /// not refuse gets it, through that group.
    fn doelgroep(
        &mut self,
        k: Code,
        g: usize,
        range: (u32, u32),
        rng: &mut ChaCha8Rng,
        dec: &mut Decision,
    ) -> bool {
        let kans = self.kans;
        let Some(c) = self.offer_on(
            ListId::P3((k, g as u16)),
            range,
            rng,
            kans,
            &mut dec.weigeraars,
        ) else {
            return false;
        };
        let st = &self.st;
        dec.pijler = Some(AllocationPillar::Doelgroepen);
        dec.kandidaat = Some(c);
        let t = st
            .slot_of(c as usize, g)
            .map_or(NOT_EVALUATED, |j| st.slot_tier[j]);
        dec.tier = Some(if st.lokale3 { t } else { NOT_EVALUATED });
        dec.doelgroep = st.s.doelgroep_codes.get(k as usize).cloned();
        dec.stap = self
            .group(k)
            .and_then(|x| x.plan.oudsten_eerst.as_ref())
            .map(|_| st.step_in(c as usize, k).unwrap_or(0));
        true
    }

    fn group(&self, k: Code) -> Option<&Group3<'p>> {
        self.groups.get(k as usize).and_then(|x| x.as_ref())
    }

    /// A group of this gemeente: not a gemeente's own group elsewhere.
    fn here(&self, k: Code, g: usize) -> bool {
        self.group(k).is_some_and(|x| {
            x.plan
                .gemeente
                .as_ref()
                .is_none_or(|own| same_name(own, &self.st.s.gemeenten[g]))
        })
    }

    /// The group's `capaciteit` of `year` reached.
    fn at_capacity(&self, k: Code, year: i32) -> bool {
        let cap = self.group(k).and_then(|x| x.cap);
        match (cap, self.st.s.doelgroep_codes.get(k as usize)) {
            (Some((max, _)), Some(own)) => self.journal.allocated(own, year) >= max,
            _ => false,
        }
    }

    /// A register's decision on dwelling `i`, taken down; who the
    /// reglement's list had first for it.
    pub(crate) fn force(&mut self, i: usize, dec: Decision, rng: &mut ChaCha8Rng) -> Option<u32> {
        let s = self.st.s;
        let (d, kind) = (&s.dwellings[i], &s.kinds[i]);
        let range = {
            let (lo, hi, _) = persons_range(s.plan, d.woning.slaapkamers);
            (lo, hi)
        };
        let g = match kind {
            Kind::Vrij { g } | Kind::Bijzonder { g } | Kind::Voorbehouden { g, .. } => Some(*g),
            Kind::Fout(_) => None,
        };
        // which list the register's pillar reads
        let which = match (dec.pijler, kind, g) {
            (Some(AllocationPillar::Standaard), _, Some(g)) if self.tier_prep[g].is_some() => {
                Some(ListId::P1(g))
            }
            (Some(AllocationPillar::Versneld), _, Some(g)) => Some(ListId::P2(g)),
            (Some(AllocationPillar::Doelgroepen), Kind::Voorbehouden { g, code }, _) => {
                Some(ListId::P3((*code, *g as u16)))
            }
            _ => None,
        };
        let mut none = Vec::new();
        let first = which.and_then(|id| self.offer_on(id, range, rng, 0.0, &mut none));
        self.journal
            .record(dec, g, d.vrij_vanaf.year(), &mut self.st.housed);
        first
    }

    /// Allocate dwelling `i` and take the decision down.
    pub(crate) fn decide(&mut self, i: usize, rng: &mut ChaCha8Rng) -> &Decision {
        let s = self.st.s;
        let (d, kind) = (&s.dwellings[i], &s.kinds[i]);
        let range = {
            let (lo, hi, _) = persons_range(s.plan, d.woning.slaapkamers);
            (lo, hi)
        };
        let year = d.vrij_vanaf.year();
        let mut dec = Decision::default();
        let g = match kind {
            Kind::Fout(msg) => {
                dec.reden = Some(Reden::Fout(msg.clone()));
                None
            }
            Kind::Bijzonder { g } => {
                dec.pijler = Some(AllocationPillar::Bijzonder);
                dec.reden = Some(Reden::BuitenWachtlijst);
                Some(*g)
            }
            Kind::Voorbehouden { g, code } => {
                self.reserved(*g, *code, range, year, rng, &mut dec);
                Some(*g)
            }
            Kind::Vrij { g } => {
                self.free(*g, range, year, rng, &mut dec);
                Some(*g)
            }
        };
        // the housed candidate leaves the lists lazily, see `offer`
        self.journal.record(dec, g, year, &mut self.st.housed);
        self.journal.decisions().last().expect("just recorded")
    }

    /// A reserved dwelling: the group's list, then where the reglement
    /// sends the dwelling when no candidate takes it (a group is tried once).
    fn reserved(
        &mut self,
        g: usize,
        code: Code,
        range: (u32, u32),
        year: i32,
        rng: &mut ChaCha8Rng,
        dec: &mut Decision,
    ) {
        let s = self.st.s;
        let name = |k: Code| s.doelgroep_codes.get(k as usize).cloned();
        let own = name(code);
        dec.voorbehouden = own.clone();
        let mut at = Next::Group(code);
        let mut tried: Vec<Code> = Vec::new();
        // the group's capacity of the year reached: where the reglement sends it
        if let Some((_, then)) = self.group(code).and_then(|x| x.cap) {
            if self.at_capacity(code, year) {
                tried.push(code);
                at = then;
            }
        }
        loop {
            match at {
                Next::Group(k) => {
                    if tried.contains(&k) || (k != code && !self.here(k, g)) {
                        break;
                    }
                    tried.push(k);
                    if self.doelgroep(k, g, range, rng, dec) {
                        if k != code {
                            dec.reden = Some(Reden::Doorverwezen {
                                van: own.clone().unwrap_or_default(),
                                naar: super::destination(name(k).as_deref()),
                            });
                        }
                        break;
                    }
                    at = self.group(k).map_or(Next::Stay, |x| x.next);
                }
                Next::Standaard => {
                    if self.standaard(g, range, rng, dec) {
                        dec.reden = Some(Reden::Doorverwezen {
                            van: own.clone().unwrap_or_default(),
                            naar: super::destination(None),
                        });
                    }
                    break;
                }
                Next::Stay => break,
            }
        }
    }

    /// A dwelling without a label: the pacing rule's pillar; when that is
    /// not pijler 2 (or pijler 2 has nobody who fits), an open quota place
    /// of pijler 3 in its gemeente where pijler 1 keeps its minimum
    /// ([`super::pacing::Pacing::room_for_quota`]; the groups in the
    /// reglement's order, a group at its capacity skipped, nobody of the
    /// group who fits: the next group); then pijler 1.
    fn free(
        &mut self,
        g: usize,
        range: (u32, u32),
        year: i32,
        rng: &mut ChaCha8Rng,
        dec: &mut Decision,
    ) {
        let pick = self.journal.pacing.pick(g);
        dec.gepland = Some(match pick {
            Pick::Versneld => AllocationPillar::Versneld,
            Pick::Standaard => AllocationPillar::Standaard,
        });
        if pick == Pick::Versneld {
            let kans = self.kans;
            if let Some(c) = self.offer_on(ListId::P2(g), range, rng, kans, &mut dec.weigeraars) {
                dec.pijler = Some(AllocationPillar::Versneld);
                dec.kandidaat = Some(c);
                dec.totaal = Some(self.st.p2_total[c as usize]);
                return;
            }
        }
        if self.journal.pacing.room_for_quota(g) {
            for k in self.journal.open_quotas(self.st.s, g, year) {
                if !self.here(k, g) || self.at_capacity(k, year) {
                    continue;
                }
                if self.doelgroep(k, g, range, rng, dec) {
                    dec.quotum = true;
                    return;
                }
            }
        }
        if self.standaard(g, range, rng, dec) && pick == Pick::Versneld {
            dec.reden = Some(Reden::Uitwijk);
        }
    }

    /// The simulation; the epochs after the last dwelling still tell who
    /// was urgent.
    pub(crate) fn finish(mut self, settings: &Settings) -> Simulation {
        for j in self.next_boundary..self.boundaries.len() {
            let end = self.epoch_end(self.boundaries[j]);
            self.st.mark_urgent(end);
        }
        let s = self.st.s;
        self.journal.finish(s, settings, self.st.urgent)
    }
}

/// The last day of the pillar-2 epoch that starts on `start`.
fn epoch_end(boundaries: &[Day], to: Day, start: Day) -> Day {
    boundaries
        .iter()
        .find(|&&b| b > start)
        .map_or(to, |&b| b - 1)
}
