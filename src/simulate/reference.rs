//! The reference allocator: for every dwelling, the engine ranks the whole
//! list on the dwelling's date (`engine::rank_batch` with the dwelling as
//! target), and the first candidate not yet housed gets the offer. Slow
//! (a full ranking per dwelling) and obviously right; the tests check that
//! the fast allocator ([`super::allocate`]) decides exactly alike.

use super::pacing::{Pacing, Pick};
use super::{Decision, Kind, Pijler, Reden, Settings, Setup, Simulation};
use crate::engine::fields;
use crate::engine::{rank_batch, Pillar, Prepared, Request, Target};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

pub(crate) fn run(s: &Setup, settings: &Settings) -> Simulation {
    let n = s.batch.records.len();
    let mut housed = vec![false; n];
    let mut urgent = vec![false; n];
    let mut pacing = Pacing::new(s.plan);
    let mut rng = ChaCha8Rng::seed_from_u64(settings.zaad);
    let kans = settings.weigerkans;
    let mut decisions = Vec::new();
    let mut gemeente_of = Vec::new();
    // urgent: in the pillar-2 list of a gemeente on some day of the period
    // (ceilings change only with the leefloon, registrations only add)
    let mut days = super::leefloon_changes(s.plan, s.from, s.to);
    days.retain(|&d| d > s.from);
    let ends: Vec<fields::Day> = days
        .iter()
        .map(|d| d - 1)
        .chain(std::iter::once(s.to))
        .collect();
    for g in 0..s.gemeenten.len() {
        for &e in &ends {
            if let Some((order, _)) = super::pillar2_ranking(s, g, e) {
                for c in order {
                    urgent[c as usize] = true;
                }
            }
        }
    }
    for (d, kind) in s.dwellings.iter().zip(&s.kinds) {
        let mut dec = Decision::default();
        let mut try_pillar = |pijler: Pillar, dec: &mut Decision| -> bool {
            let request = Request {
                peildatum: d.vrij_vanaf,
                target: Target::Woning {
                    woning: d.woning.clone(),
                    pijler: Some(pijler),
                },
                verklaringen: false,
            };
            let Ok(p) = Prepared::new(s.plan, &request) else {
                return false;
            };
            let ranked = rank_batch(&p, s.batch);
            for &c in &ranked.ranked {
                if housed[c as usize] {
                    continue;
                }
                if kans > 0.0 && rng.random_bool(kans) {
                    dec.weigeraars.push(c);
                    continue;
                }
                let o = &ranked.outcomes[c as usize];
                dec.kandidaat = Some(c);
                match pijler {
                    Pillar::Versneld => dec.totaal = Some(o.total),
                    _ => dec.tier = Some(o.tier),
                }
                dec.pijler = Some(match pijler {
                    Pillar::Standaard => Pijler::Standaard,
                    Pillar::Versneld => Pijler::Versneld,
                    Pillar::Doelgroepen => Pijler::Doelgroepen,
                });
                return true;
            }
            false
        };
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
            Kind::Voorbehouden { g, .. } => {
                try_pillar(Pillar::Doelgroepen, &mut dec);
                Some(*g)
            }
            Kind::Vrij { g } => {
                let pick = pacing.pick(*g);
                dec.gepland = Some(match pick {
                    Pick::Versneld => Pijler::Versneld,
                    Pick::Standaard => Pijler::Standaard,
                });
                let done = pick == Pick::Versneld && try_pillar(Pillar::Versneld, &mut dec);
                if !done && try_pillar(Pillar::Standaard, &mut dec) && pick == Pick::Versneld {
                    dec.reden = Some(Reden::Uitwijk);
                }
                Some(*g)
            }
        };
        if let Some(c) = dec.kandidaat {
            housed[c as usize] = true;
        }
        if let (Some(g), Some(p)) = (g, dec.pijler) {
            pacing.count(g, p.number());
        }
        if dec.pijler.is_none() && dec.reden.is_none() {
            dec.reden = Some(if dec.weigeraars.is_empty() {
                Reden::GeenKandidaat
            } else {
                Reden::AllenWeigerden
            });
        }
        decisions.push(dec);
        gemeente_of.push(g);
    }
    let op_lijst = (0..n)
        .map(|c| s.valid[c] && s.batch.records[c].inschrijving <= s.to)
        .collect();
    Simulation {
        settings: settings.clone(),
        dwellings: s.dwellings.clone(),
        buiten_periode: s.buiten_periode,
        decisions,
        urgent,
        op_lijst,
        gemeente: gemeente_of,
        areas: pacing.areas.clone(),
        area_of: pacing.area_of.clone(),
    }
}
