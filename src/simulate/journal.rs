//! What both allocators do once a dwelling is decided, in one place: the
//! candidate is housed (leaves every list), the pillar counts for the
//! pacing, a dwelling nobody took gets its reason, and at the end the
//! decisions become a [`Simulation`].

use super::pacing::Pacing;
use super::{Decision, Reden, Settings, Setup, Simulation};

pub(crate) struct Journal {
    /// The pacing counters, updated with every allocation.
    pub pacing: Pacing,
    decisions: Vec<Decision>,
    gemeente: Vec<Option<usize>>,
    /// Allocations per pillar-3 target group and calendar year (a group's `capaciteit`).
    per_group: rustc_hash::FxHashMap<(String, i32), u32>,
    /// Pillar-3 allocations per gemeente, target group and calendar year
    /// (a quota place, [`Setup::quotas`]).
    per_quota: rustc_hash::FxHashMap<(usize, String, i32), u32>,
}

impl Journal {
    pub fn new(s: &Setup) -> Self {
        Journal {
            pacing: Pacing::new(s.plan),
            decisions: Vec::with_capacity(s.dwellings.len()),
            gemeente: Vec::with_capacity(s.dwellings.len()),
            per_group: Default::default(),
            per_quota: Default::default(),
        }
    }

    /// Take down the decision on the next dwelling, in gemeente `g` if it
    /// has one; its candidate is marked in `housed`.
    pub fn record(&mut self, mut dec: Decision, g: Option<usize>, year: i32, housed: &mut [bool]) {
        if let Some(c) = dec.kandidaat {
            housed[c as usize] = true;
        }
        if let (Some(super::AllocationPillar::Doelgroepen), Some(code)) =
            (dec.pijler, &dec.doelgroep)
        {
            *self.per_group.entry((code.clone(), year)).or_default() += 1;
            if let Some(g) = g {
                *self.per_quota.entry((g, code.clone(), year)).or_default() += 1;
            }
        }
        if let (Some(g), Some(p)) = (g, dec.pijler) {
            self.pacing.count(g, p.number());
        }
        if dec.pijler.is_none() && dec.reden.is_none() {
            dec.reden = Some(if dec.weigeraars.is_empty() {
                Reden::GeenKandidaat
            } else {
                Reden::AllenWeigerden
            });
        }
        self.decisions.push(dec);
        self.gemeente.push(g);
    }

    /// The decisions taken down so far, in dwelling order.
    pub fn decisions(&self) -> &[Decision] {
        &self.decisions
    }

    /// Allocations to target group `code` in `year` so far.
    pub fn allocated(&self, code: &str, year: i32) -> u32 {
        self.per_group
            .get(&(code.to_string(), year))
            .copied()
            .unwrap_or(0)
    }

    /// The target groups with an open quota place in gemeente `g` in
    /// `year` (fewer pillar-3 allocations of the group there than the
    /// places its reserved dwellings give that year, [`Setup::quota_limit`]),
    /// in the reglement's order of the groups.
    pub fn open_quotas(&self, s: &Setup, g: usize, year: i32) -> Vec<u16> {
        s.quotas
            .get(g)
            .into_iter()
            .flatten()
            .filter(|&&(k, n)| {
                let code = s
                    .doelgroep_codes
                    .get(k as usize)
                    .cloned()
                    .unwrap_or_default();
                let places = s.quota_limit(g, n, year);
                self.per_quota.get(&(g, code, year)).copied().unwrap_or(0) < places
            })
            .map(|&(k, _)| k)
            .collect()
    }

    /// The simulation: the decisions, who was on the list, who was urgent.
    pub fn finish(self, s: &Setup, settings: &Settings, urgent: Vec<bool>) -> Simulation {
        let listed = |c: usize| s.valid[c] && !s.buiten[c];
        let op_lijst = (0..s.batch.records.len())
            .map(|c| listed(c) && s.batch.records[c].inschrijving <= s.to)
            .collect();
        let na_periode = (0..s.batch.records.len())
            .filter(|&c| listed(c) && s.batch.records[c].inschrijving > s.to)
            .count() as u64;
        let voorkeur_buiten = s.buiten.iter().filter(|&&b| b).count() as u64;
        Simulation {
            settings: settings.clone(),
            dwellings: s.dwellings.clone(),
            buiten_periode: s.buiten_periode,
            decisions: self.decisions,
            urgent,
            op_lijst,
            na_periode,
            voorkeur_buiten,
            geweigerd: s.rejected.clone(),
            gemeente: self.gemeente,
            areas: self.pacing.areas,
            area_of: self.pacing.area_of,
        }
    }
}
