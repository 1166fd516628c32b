//! Pijler 1, standaardtoewijzing: the lokale-binding tiers in their fixed
//! legal order (the plan's `rangorde`), then the registration date.
//!
//! A candidate's tier is the first that applies: (1) the stricter
//! woonbinding of the dwelling's gemeente, if it has one; (2) woonbinding
//! in the gemeente (5 uninterrupted years in the last 10 by default); (3)
//! optionally woonbinding in the (deel)werkingsgebied (only for a dwelling
//! inside that area); (4) mantelzorg in the gemeente. Woonbinding gives
//! priority; it never excludes. The same tiers are lokale binding in pijler 3.
//!
//! Every tier counts a former gemeente for the gemeente it merged into
//! (the names are resolved on the reference date, see
//! [`super::woonbinding`]); the explanation names each former gemeente that
//! counted ("Ham (tot 2024-12-31, nu Tessenderlo-Ham) telt mee als
//! Tessenderlo-Ham") and each place of the history that is no Flemish
//! gemeente and so counts for no tier.

use super::batch::Record;
use super::batch::Sym;
use super::fields::{to_date, Day};
use super::prepare::{TierCheck, UNKNOWN};
use super::trace::{stap, Sink, Uitkomst};
use super::woonbinding;
use super::Ctx;
use crate::gemeenten;

/// The index of the first tier that applies; the number of tiers if none.
pub fn tier(ctx: &Ctx, rec: &Record, scratch: &mut Vec<(Day, Day)>, sink: &mut Sink) -> u8 {
    let p = ctx.p;
    if p.tiers
        .iter()
        .any(|t| matches!(t.check, TierCheck::Woonbinding { .. }))
    {
        sink.push_all(|| places_elsewhere(ctx, rec));
    }
    for (i, t) in p.tiers.iter().enumerate() {
        let ok = match &t.check {
            TierCheck::Woonbinding {
                scope,
                regel,
                herkomst,
            } => {
                let history = ctx.batch.history(rec.historiek);
                let periods = woonbinding::in_scope(history, &ctx.res.gemeente, scope);
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
                    let run = format!("{run}{}", other_names(ctx, rec, scope));
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
                let mantelzorg = ctx.batch.list(rec.mantelzorg);
                let ok = mantelzorg
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
                            "voorrangsgroep {}: mantelzorg in {}: {}{}",
                            i + 1,
                            p.gemeente_name(),
                            if ok { "voldaan" } else { "niet voldaan" },
                            mantelzorg
                                .iter()
                                .filter(|&&s| ctx.res.gemeente[s as usize] == target)
                                .filter_map(|&s| gemeenten::voormalig(
                                    ctx.batch.name(s),
                                    p.request.peildatum
                                ))
                                .map(|v| format!(" (opgegeven als {v})"))
                                .collect::<String>()
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

pub fn tier_name(s: crate::plan::PlanTierKind) -> &'static str {
    use crate::plan::PlanTierKind::*;
    match s {
        StrengereWoonbinding => "strengere-woonbinding",
        WoonbindingGemeente => "woonbinding-gemeente",
        WoonbindingWerkingsgebied => "woonbinding-werkingsgebied",
        WoonbindingDeelwerkingsgebied => "woonbinding-deelwerkingsgebied",
        Mantelzorg => "mantelzorg",
        Inschrijvingsdatum => "inschrijvingsdatum",
    }
}

/// The distinct names of a history, in the order they first appear.
fn history_names(ctx: &Ctx, rec: &Record) -> Vec<Sym> {
    let mut seen: Vec<Sym> = Vec::new();
    for q in ctx.batch.history(rec.historiek) {
        if !seen.contains(&q.gemeente) {
            seen.push(q.gemeente);
        }
    }
    seen
}

/// "; Ham (tot 2024-12-31, nu Tessenderlo-Ham) telt mee als
/// Tessenderlo-Ham": the names of the history in the scope that are not
/// the name the werkingsgebied uses for that gemeente.
fn other_names(ctx: &Ctx, rec: &Record, scope: &[bool]) -> String {
    let p = ctx.p;
    let mut out = String::new();
    for s in history_names(ctx, rec) {
        let g = ctx.res.gemeente[s as usize] as usize;
        if !scope.get(g).copied().unwrap_or(false) {
            continue;
        }
        let name = ctx.batch.name(s);
        let plan_name = &p.gemeenten[g];
        if name.trim().eq_ignore_ascii_case(plan_name) {
            continue;
        }
        let how = match gemeenten::voormalig(name, p.request.peildatum) {
            Some(v) => v.to_string(),
            None => match gemeenten::voormalig(plan_name, p.request.peildatum) {
                // a reglement of before a merger, ranked after it
                Some(v) => format!(
                    "{} (sinds {}, omvat {})",
                    name.trim(),
                    next_day(v.tot),
                    v.naam
                ),
                None => name.trim().to_string(),
            },
        };
        out.push_str(&format!("; {how} telt mee als {plan_name}"));
    }
    out
}

fn next_day(d: chrono::NaiveDate) -> chrono::NaiveDate {
    d.succ_opt().unwrap_or(d)
}

/// The places of the history that count for no woonbinding: no Flemish
/// gemeente (abroad, Brussels, Wallonia, or misspelt), or a merged gemeente
/// named before it existed.
fn places_elsewhere(ctx: &Ctx, rec: &Record) -> Vec<super::trace::Stap> {
    let p = ctx.p;
    let peil = p.request.peildatum;
    let mut notes = Vec::new();
    for s in history_names(ctx, rec) {
        let name = ctx.batch.name(s).trim();
        if !ctx.res.bekend[s as usize] {
            let hint = super::prepare::suggest_gemeente(p, name)
                .map(|g| format!("; bedoelt u '{g}'?"))
                .unwrap_or_default();
            notes.push(format!(
                "'{name}' is geen Vlaamse gemeente (buitenland of elders): dat verblijf telt voor geen woonbinding{hint}"
            ));
            continue;
        }
        if ctx.res.gemeente[s as usize] != UNKNOWN {
            continue;
        }
        let Some(i) = gemeenten::on(name, peil) else {
            continue;
        };
        let g = gemeenten::row(i);
        if let (Some(van), Some(f)) = (
            g.van.filter(|v| *v > peil),
            gemeenten::fusie_of(g.naam, g.van.unwrap_or(peil)),
        ) {
            let mut delen: Vec<&str> = f.delen.iter().map(|&d| gemeenten::row(d).naam).collect();
            delen.sort_unstable();
            delen.dedup();
            notes.push(format!(
                "{} bestaat pas vanaf {van} (fusie van {}): voor de peildatum {peil} is niet te zeggen in welke van die gemeenten dat verblijf lag; het telt voor geen woonbinding",
                g.naam,
                super::outcome::and_list(&delen.iter().map(|d| d.to_string()).collect::<Vec<_>>())
            ));
        }
    }
    notes
        .into_iter()
        .map(|t| stap("woonhistoriek", Uitkomst::Info, None, t, None))
        .collect()
}
