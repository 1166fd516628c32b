//! Pijler 1, standaardtoewijzing: the lokale-binding tiers in their fixed
//! legal order (the plan's `rangorde`), then the registration date.
//!
//! A candidate's tier is the first that applies: (1) the stricter
//! woonbinding of the dwelling's gemeente, if it has one; (2) woonbinding
//! in the gemeente (5 uninterrupted years in the last 10 by default); (3)
//! optionally woonbinding in the (deel)werkingsgebied (only for a dwelling
//! inside that area); (4) mantelzorg in the gemeente. Woonbinding gives
//! priority; it never excludes. The same tiers are lokale binding in pijler 3.

use super::batch::Record;
use super::fields::{to_date, Day};
use super::prepare::{TierCheck, UNKNOWN};
use super::trace::{stap, Sink, Uitkomst};
use super::woonbinding;
use super::Ctx;

/// The index of the first tier that applies; the number of tiers if none.
pub fn tier(ctx: &Ctx, rec: &Record, scratch: &mut Vec<(Day, Day)>, sink: &mut Sink) -> u8 {
    let p = ctx.p;
    for (i, t) in p.tiers.iter().enumerate() {
        let ok = match &t.check {
            TierCheck::Woonbinding {
                scope,
                regel,
                herkomst,
            } => {
                let history = ctx.batch.history(rec.historiek);
                let periods = history
                    .iter()
                    .filter(|q| {
                        let g = ctx.res.gemeente[q.gemeente as usize];
                        g != UNKNOWN && scope[g as usize]
                    })
                    .map(|q| (q.van, q.tot));
                let ev = woonbinding::evaluate(periods, *regel, p.peildatum, scratch);
                sink.push(|| {
                    let area: Vec<&str> = p
                        .gemeenten
                        .iter()
                        .zip(scope)
                        .filter(|(_, s)| **s)
                        .map(|(g, _)| g.as_str())
                        .collect();
                    let area = if area.len() == 1 {
                        area[0].to_string()
                    } else {
                        format!("{} gemeenten ({})", area.len(), area.join(", "))
                    };
                    let rule = format!(
                        "{} jaar {} in {area} binnen de laatste {} jaar ({} tot en met {})",
                        regel.jaren,
                        if regel.ononderbroken {
                            "ononderbroken"
                        } else {
                            "samengeteld"
                        },
                        regel.venster,
                        to_date(ev.window_start),
                        to_date(p.peildatum)
                    );
                    let run = match (ev.dagen, ev.run) {
                        (Some((lived, needed)), _) => {
                            format!("; {lived} dagen gewoond in die periode, {needed} nodig")
                        }
                        (None, run) => match run {
                            Some((a, b)) => format!(
                                "; {} van {} tot en met {}",
                                if ev.voldaan {
                                    "gewoond"
                                } else {
                                    "langste ononderbroken periode"
                                },
                                to_date(a),
                                to_date(b)
                            ),
                            None => "; geen verblijf daar in die periode".to_string(),
                        },
                    };
                    stap(
                        tier_name(t.plan.soort),
                        if ev.voldaan {
                            Uitkomst::Voldaan
                        } else {
                            Uitkomst::NietVoldaan
                        },
                        None,
                        format!(
                            "voorrangsgroep {}: {rule}: {}{run}",
                            i + 1,
                            if ev.voldaan {
                                "voldaan"
                            } else {
                                "niet voldaan"
                            }
                        ),
                        Some(herkomst),
                    )
                });
                ev.voldaan
            }
            TierCheck::Mantelzorg => {
                let target = p.gemeente as u16;
                let ok = ctx
                    .batch
                    .list(rec.mantelzorg)
                    .iter()
                    .any(|&s| ctx.res.gemeente[s as usize] == target);
                sink.push(|| {
                    stap(
                        "mantelzorg",
                        if ok {
                            Uitkomst::Voldaan
                        } else {
                            Uitkomst::NietVoldaan
                        },
                        None,
                        format!(
                            "voorrangsgroep {}: mantelzorg in {}: {}",
                            i + 1,
                            p.gemeente_name(),
                            if ok { "voldaan" } else { "niet voldaan" }
                        ),
                        Some(&t.plan.herkomst),
                    )
                });
                ok
            }
            TierCheck::NotApplicable(why) => {
                sink.push(|| {
                    stap(
                        tier_name(t.plan.soort),
                        Uitkomst::Info,
                        None,
                        format!("voorrangsgroep {}: geldt hier niet: {why}", i + 1),
                        Some(&t.plan.herkomst),
                    )
                });
                false
            }
        };
        if ok {
            return i as u8;
        }
    }
    sink.push(|| {
        stap(
            "lokale-binding",
            Uitkomst::NietVoldaan,
            None,
            "geen voorrangsgroep: na alle kandidaten met lokale binding",
            None,
        )
    });
    p.tiers.len() as u8
}

pub fn tier_name(s: crate::plan::TierSoort) -> &'static str {
    use crate::plan::TierSoort::*;
    match s {
        StrengereWoonbinding => "strengere-woonbinding",
        WoonbindingGemeente => "woonbinding-gemeente",
        WoonbindingWerkingsgebied => "woonbinding-werkingsgebied",
        WoonbindingDeelwerkingsgebied => "woonbinding-deelwerkingsgebied",
        Mantelzorg => "mantelzorg",
        Inschrijvingsdatum => "inschrijvingsdatum",
    }
}
