//! The reference allocator: for every dwelling, the engine ranks the whole
//! list on the dwelling's date (`engine::rank_batch` with the dwelling as
//! target), and the first candidate not yet housed gets the offer. Slow
//! (a full ranking per dwelling) and obviously right; the tests check that
//! the fast allocator ([`super::allocate`]) decides exactly alike.

use super::journal::Journal;
use super::pacing::Pick;
use super::{AllocationPillar, Decision, Kind, Reden, Settings, Setup, Simulation};
use crate::engine::fields;
use crate::engine::{rank_batch, Pillar, Prepared, Request, Target};
use chrono::Datelike;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

pub(crate) fn run(s: &Setup, settings: &Settings) -> Simulation {
    let n = s.batch.records.len();
    let mut housed = vec![false; n];
    let mut urgent = vec![false; n];
    let mut journal = Journal::new(s);
    let mut rng = ChaCha8Rng::seed_from_u64(settings.zaad);
    let kans = settings.weigerkans;
    // urgent: in the pillar-2 list of a gemeente on some day of the period
    // (ceilings change only with the leefloon, a knipperlicht only with an
    // agreement, registrations only add)
    let mut days = super::pillar2_changes(s);
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
        // offer the dwelling down the ranking of `p`: the first candidate
        // not housed yet who does not refuse gets it
        let mut offer = |p: &Prepared, dec: &mut Decision| -> bool {
            let ranked = rank_batch(p, s.batch);
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
                match p.pijler {
                    Pillar::Versneld => dec.totaal = Some(o.total),
                    _ => dec.tier = Some(o.tier),
                }
                dec.pijler = Some(match p.pijler {
                    Pillar::Standaard => AllocationPillar::Standaard,
                    Pillar::Versneld => AllocationPillar::Versneld,
                    Pillar::Doelgroepen => AllocationPillar::Doelgroepen,
                });
                if let Some(g) = p.p3_group() {
                    dec.doelgroep = Some(g.code.clone());
                    dec.stap = g.oudsten_eerst.as_ref().map(|_| o.step);
                }
                return true;
            }
            false
        };
        let prepared = |pijler: Pillar| {
            Prepared::new(
                s.plan,
                &Request {
                    peildatum: d.vrij_vanaf,
                    target: Target::Dwelling {
                        woning: d.woning.clone(),
                        pijler: Some(pijler),
                    },
                    verklaringen: false,
                },
            )
            .ok()
        };
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
            Kind::Voorbehouden { g, .. } => {
                // the group's list, then where the reglement sends the
                // dwelling when no candidate takes it
                let mut p = prepared(Pillar::Doelgroepen);
                let first = p
                    .as_ref()
                    .and_then(|p| p.p3_group())
                    .map(|x| x.code.clone());
                dec.voorbehouden = first.clone();
                // the group's capacity of the year reached: where the reglement sends it
                if let (Some(cur), Some(code)) = (p.as_mut(), &first) {
                    cur.toegewezen = journal.allocated(code, d.vrij_vanaf.year());
                    if cur.capacity_reached() {
                        p = cur.past_capacity().and_then(Result::ok);
                    }
                }
                while let Some(cur) = p {
                    if offer(&cur, &mut dec) {
                        if !cur.doorverwezen.is_empty() {
                            dec.reden = Some(Reden::Doorverwezen {
                                van: first.clone().unwrap_or_default(),
                                naar: super::destination(cur.p3_group().map(|g| g.code.as_str())),
                            });
                        }
                        break;
                    }
                    p = cur.next_in_chain(None).and_then(Result::ok);
                }
                Some(*g)
            }
            Kind::Vrij { g } => {
                let pick = journal.pacing.pick(*g);
                dec.gepland = Some(match pick {
                    Pick::Versneld => AllocationPillar::Versneld,
                    Pick::Standaard => AllocationPillar::Standaard,
                });
                let mut done = pick == Pick::Versneld
                    && prepared(Pillar::Versneld).is_some_and(|p| offer(&p, &mut dec));
                // not pijler 2: an open quota place of pijler 3 where pijler
                // 1 keeps its minimum, the dwelling as if it were labelled
                // for the group (niet-gelabelde woningen)
                let year = d.vrij_vanaf.year();
                if !done && journal.pacing.room_for_quota(*g) {
                    for k in journal.open_quotas(s, *g, year) {
                        let Some(code) = s.doelgroep_codes.get(k as usize) else {
                            continue;
                        };
                        let mut woning = d.woning.clone();
                        woning.doelgroep = Some(code.clone());
                        let request = Request {
                            peildatum: d.vrij_vanaf,
                            target: Target::Dwelling {
                                woning,
                                pijler: Some(Pillar::Doelgroepen),
                            },
                            verklaringen: false,
                        };
                        let Ok(mut p) = Prepared::new(s.plan, &request) else {
                            continue;
                        };
                        p.toegewezen = journal.allocated(code, year);
                        if p.capacity_reached() {
                            continue;
                        }
                        if offer(&p, &mut dec) {
                            dec.quotum = true;
                            done = true;
                            break;
                        }
                    }
                }
                if !done
                    && prepared(Pillar::Standaard).is_some_and(|p| offer(&p, &mut dec))
                    && pick == Pick::Versneld
                {
                    dec.reden = Some(Reden::Uitwijk);
                }
                Some(*g)
            }
        };
        journal.record(dec, g, d.vrij_vanaf.year(), &mut housed);
    }
    journal.finish(s, settings, urgent)
}
