//! Pijler 2, versnelde toewijzing: target-group membership through the
//! housing need, the points of every criterion from the plan's tables, the
//! thresholds, and the sum that ranks. Lokale binding does not apply.
//!
//! A candidate is excluded when it states no housing need, or one that
//! belongs to no pillar-2 target group (or, with a split per target group,
//! not to the one asked for) ([`membership`]); and, after the voorkeur and
//! rationele bezetting, when its housing need is a code that is never
//! scored (Kempen: `bijzonder`, only through a motivated social report) or
//! a threshold is not reached (Kempen: at least 1 point on each of the four
//! criteria, so a household without children is excluded) ([`score`]).
//!
//! Points are computed for every candidate, excluded or not, so that the
//! output shows them. Income brackets: per household type, inclusive
//! ceilings on the reference date, lowest ceiling first; above every
//! ceiling `anders`; an unknown (empty) income gets no points.

use super::batch::{Record, NONE};
use super::outcome::Exclusion;
use super::prepare::{Hit, Table, UNKNOWN};
use super::trace::{euro, points, stap, Sink, Uitkomst};
use super::Ctx;
use crate::plan::{Kenmerk, PuntenTabel};

/// Membership of a pillar-2 target group, through the housing need.
pub fn membership(ctx: &Ctx, rec: &Record, sink: &mut Sink) -> Option<Exclusion> {
    let p = ctx.p;
    let groups = p
        .plan
        .versneld
        .as_ref()
        .map(|v| &v.doelgroepen[..])
        .unwrap_or(&[]);
    if groups.is_empty() {
        return None;
    }
    let code = if rec.woonnood == NONE {
        UNKNOWN
    } else {
        ctx.res.woonnood[rec.woonnood as usize]
    };
    let member_of: &[u16] = p.p2_groups_of.get(code as usize).map_or(&[], |v| &v[..]);
    let ex = if rec.woonnood == NONE {
        Some(Exclusion::GeenWoonnood)
    } else if member_of.is_empty() {
        Some(Exclusion::GeenDoelgroep)
    } else if let Some(want) = p.doelgroep {
        (!member_of.contains(&(want as u16))).then_some(Exclusion::NietInDoelgroep)
    } else {
        None
    };
    match ex {
        Some(ex) => sink.push(|| {
            let (regel, tekst, h) = p.reden(ex);
            stap(regel, Uitkomst::Uitgesloten, None, tekst, h)
        }),
        None => sink.push(|| {
            let g = &groups[member_of[0] as usize];
            stap(
                "doelgroep",
                Uitkomst::Voldaan,
                None,
                format!(
                    "behoort tot doelgroep '{}' door woonnood '{}'",
                    g.code,
                    ctx.batch.name(rec.woonnood)
                ),
                Some(&g.herkomst),
            )
        }),
    }
    ex
}

/// Points per criterion into `out` (one per criterion, in plan order), the
/// never-scored codes and the thresholds; returns the total, the first
/// exclusion, if any, and the route ([`super::outcome::ROUTE_PUNTEN`], or
/// through a sociaal verslag: see [`verslag`]).
#[inline]
pub fn score(
    ctx: &Ctx,
    rec: &Record,
    out: &mut [u32],
    sink: &mut Sink,
) -> (u32, Option<Exclusion>, u8) {
    let p = ctx.p;
    let mut excluded = None;
    let mut route = super::outcome::ROUTE_PUNTEN;
    sink.push(|| {
        stap(
            "lokale-binding",
            Uitkomst::Info,
            None,
            "lokale binding geldt niet in de versnelde toewijzing",
            p.plan.versneld.as_ref().map(|v| &v.herkomst),
        )
    });
    // 2. points per criterion
    let mut total = 0u32;
    for (i, c) in p.criteria.iter().enumerate() {
        let (pts, hit) = p.score(c, rec, ctx.res);
        out[i] = pts;
        // exact: each criterion gives at most its max_punten and their sum,
        // max_totaal, is a u32 (checked by `Prepared::new`)
        total += pts;
        if let Hit::NotScored(row) = hit {
            let ex = match verslag(ctx, rec, i, row, sink) {
                Ok(r) => {
                    route = r;
                    continue;
                }
                Err(Some(ex)) => ex,
                Err(None) => Exclusion::NietGescoord {
                    criterium: i as u16,
                    row,
                },
            };
            if excluded.is_none() {
                excluded = Some(ex);
            }
            // `verslag` explained its own exclusion
            if !matches!(ex, Exclusion::GeenSociaalVerslag { .. }) {
                sink.push(|| {
                    let (regel, tekst, h) = p.reden(ex);
                    stap(regel, Uitkomst::Uitgesloten, None, tekst, h)
                });
            }
        } else if sink.on() {
            sink.push(|| score_step(ctx, i, rec, pts, hit));
        }
    }
    // 3. thresholds
    let drempels = p
        .plan
        .versneld
        .as_ref()
        .map(|v| &v.wegingskader.drempels[..])
        .unwrap_or(&[]);
    if route != super::outcome::ROUTE_PUNTEN {
        // admitted by the report, not by points: the thresholds do not apply
        if !drempels.is_empty() {
            sink.push(|| {
                stap(
                    "drempel",
                    Uitkomst::Info,
                    None,
                    "de drempel geldt niet: de toelating gebeurt niet met punten maar met het sociaal verslag",
                    p.plan.versneld.as_ref().and_then(|v| v.sociaal_verslag.as_ref()).map(|r| &r.herkomst),
                )
            });
        }
        return (total, excluded, route);
    }
    for (di, d) in drempels.iter().enumerate() {
        let short: Vec<(&str, u32)> = if d.criteria.is_empty() {
            if total < d.minimum {
                vec![("totaal", total)]
            } else {
                Vec::new()
            }
        } else {
            d.criteria
                .iter()
                .filter_map(|name| {
                    let i = p.criteria.iter().position(|c| &c.plan.code == name)?;
                    (out[i] < d.minimum).then_some((name.as_str(), out[i]))
                })
                .collect()
        };
        let ex = Exclusion::Drempel { drempel: di as u16 };
        if short.is_empty() {
            sink.push(|| {
                let (regel, tekst, h) = p.reden(ex);
                stap(
                    regel,
                    Uitkomst::Voldaan,
                    None,
                    format!("{tekst}: gehaald"),
                    h,
                )
            });
        } else {
            if excluded.is_none() {
                excluded = Some(ex);
            }
            sink.push(|| {
                let (regel, tekst, h) = p.reden(ex);
                let what: Vec<String> = short
                    .iter()
                    .map(|(n, v)| format!("{} op {n}", points(*v)))
                    .collect();
                stap(
                    regel,
                    Uitkomst::Uitgesloten,
                    None,
                    format!("{tekst}: niet gehaald ({})", what.join(", ")),
                    h,
                )
            });
        }
    }
    (total, excluded, route)
}

/// A situation that gets no points (`punten: null`) under
/// `sociaal verslag: vooraan|achteraan`: with an approved sociaal verslag
/// recorded on or before the reference date the candidate is admitted
/// (`Ok(route)`), without one he is excluded for it (`Err(Some(_))`);
/// without the statement the plan decides nothing and the code stays
/// never scored (`Err(None)`).
fn verslag(
    ctx: &Ctx,
    rec: &Record,
    criterium: usize,
    row: u16,
    sink: &mut Sink,
) -> Result<u8, Option<Exclusion>> {
    let p = ctx.p;
    let Some(rule) = p
        .plan
        .versneld
        .as_ref()
        .and_then(|v| v.sociaal_verslag.as_ref())
    else {
        return Err(None);
    };
    let c = &p.criteria[criterium].plan;
    let code = match &c.tabel {
        PuntenTabel::Codes { rijen } => rijen.get(row as usize).map_or("", |r| r.code.as_str()),
        _ => "",
    };
    if rec.papers.verslag <= p.peildatum {
        let (route, plaats) = match rule.plaats {
            crate::plan::VerslagPlaats::Vooraan => (
                super::outcome::ROUTE_VOORAAN,
                "vooraan, voor de kandidaten met punten",
            ),
            crate::plan::VerslagPlaats::Achteraan => (
                super::outcome::ROUTE_ACHTERAAN,
                "achteraan, na de kandidaten met punten",
            ),
        };
        sink.push(|| {
            let since = if rec.papers.verslag == super::fields::ALWAYS {
                String::new()
            } else {
                format!(" sinds {}", super::fields::to_date(rec.papers.verslag))
            };
            stap(
                "sociaal-verslag",
                Uitkomst::Voldaan,
                None,
                format!(
                    "{} '{code}' wordt niet gescoord, maar een goedgekeurd sociaal verslag is vastgelegd{since}: toegelaten tot de versnelde toewijzing, {plaats}, onderling op inschrijvingsdatum",
                    c.code
                ),
                Some(&rule.herkomst),
            )
        });
        return Ok(route);
    }
    let ex = Exclusion::GeenSociaalVerslag {
        criterium: criterium as u16,
        row,
    };
    sink.push(|| {
        let (regel, tekst, h) = p.reden(ex);
        let later = if rec.papers.verslag == super::fields::NEVER {
            String::new()
        } else {
            format!(
                " (goedgekeurd vanaf {}, na de peildatum)",
                super::fields::to_date(rec.papers.verslag)
            )
        };
        stap(
            regel,
            Uitkomst::Uitgesloten,
            None,
            format!("{tekst}{later}"),
            h,
        )
    });
    Err(Some(ex))
}

/// The explanation of one criterion's points.
fn score_step(ctx: &Ctx, i: usize, rec: &Record, pts: u32, hit: Hit) -> super::trace::Stap {
    let c = &ctx.p.criteria[i];
    let name = c.plan.code.as_str();
    let row_herkomst = |row: u16| match &c.plan.tabel {
        PuntenTabel::Codes { rijen } => rijen.get(row as usize).map(|r| &r.herkomst),
        PuntenTabel::Bedragen { rijen, .. } => rijen.get(row as usize).map(|r| &r.herkomst),
        PuntenTabel::Aantallen { rijen } => rijen.get(row as usize).map(|r| &r.herkomst),
    };
    let value = match c.plan.kenmerk {
        Kenmerk::Woonnood => {
            (rec.woonnood != NONE).then(|| format!("'{}'", ctx.batch.name(rec.woonnood)))
        }
        Kenmerk::Begeleiding => {
            (rec.begeleiding != NONE).then(|| format!("'{}'", ctx.batch.name(rec.begeleiding)))
        }
        Kenmerk::Inkomen => rec
            .inkomen()
            .map(|c| format!("{} per maand ({})", euro(c), rec.gezinstype.label())),
        Kenmerk::Kinderen => Some(format!(
            "{} {}",
            rec.kinderen,
            if rec.kinderen == 1 {
                "kind"
            } else {
                "kinderen"
            }
        )),
    };
    let (tekst, herkomst) = match hit {
        Hit::Row(row) => {
            let detail = match (&c.table, &c.plan.tabel) {
                (
                    Table::Bedragen { .. },
                    PuntenTabel::Bedragen {
                        rijen, leefloon, ..
                    },
                ) => rijen
                    .get(row as usize)
                    .map(|r| {
                        format!(
                            ", categorie {} tot en met {}",
                            r.categorie,
                            euro(r.ceiling_on(leefloon, ctx.p.request.peildatum))
                        )
                    })
                    .unwrap_or_default(),
                _ => String::new(),
            };
            let sep = if matches!(c.table, Table::Codes(_)) {
                " "
            } else {
                ": "
            };
            (
                format!(
                    "{} voor {name}{sep}{}{detail}",
                    points(pts),
                    value.unwrap_or_default()
                ),
                row_herkomst(row),
            )
        }
        Hit::Empty => (
            format!(
                "0 punten voor {name}: {}",
                if c.plan.kenmerk == Kenmerk::Inkomen {
                    "onbekend (leeg)"
                } else {
                    "niet opgegeven"
                }
            ),
            Some(&c.plan.herkomst),
        ),
        Hit::Unlisted => (
            format!(
                "0 punten voor {name} {}: niet in de tabel",
                value.unwrap_or_default()
            ),
            Some(&c.plan.herkomst),
        ),
        Hit::Anders => (
            format!(
                "{} voor {name}: {}, boven elke categorie",
                points(pts),
                value.unwrap_or_default()
            ),
            Some(&c.plan.herkomst),
        ),
        Hit::NotScored(row) => (String::new(), row_herkomst(row)),
    };
    stap(name, Uitkomst::Punten, Some(pts), tekst, herkomst)
}

/// The knipperlicht (`knipperlicht: enkel met begeleidingsovereenkomst`): a
/// candidate with the knipperlicht is skipped unless a
/// begeleidingsovereenkomst is recorded on the reference date. Without the
/// statement in the reglement the columns change nothing.
#[inline]
pub fn knipperlicht(ctx: &Ctx, rec: &Record, sink: &mut Sink) -> Option<Exclusion> {
    let p = ctx.p;
    let rule = p.plan.versneld.as_ref()?.knipperlicht.as_ref()?;
    if !rec.papers.knipperlicht {
        return None;
    }
    if rec.papers.overeenkomst <= p.peildatum {
        sink.push(|| {
            let since = if rec.papers.overeenkomst == super::fields::ALWAYS {
                String::new()
            } else {
                format!(
                    " sinds {}",
                    super::fields::to_date(rec.papers.overeenkomst)
                )
            };
            stap(
                "knipperlicht",
                Uitkomst::Voldaan,
                None,
                format!("knipperlicht: een begeleidingsovereenkomst is vastgelegd{since}, dus toe te wijzen"),
                Some(&rule.herkomst),
            )
        });
        return None;
    }
    let ex = Exclusion::Knipperlicht;
    sink.push(|| {
        let (regel, tekst, h) = p.reden(ex);
        let later = if rec.papers.overeenkomst == super::fields::NEVER {
            String::new()
        } else {
            format!(
                " (vastgelegd vanaf {}, na de peildatum)",
                super::fields::to_date(rec.papers.overeenkomst)
            )
        };
        stap(
            regel,
            Uitkomst::Uitgesloten,
            None,
            format!("{tekst}{later}"),
            h,
        )
    });
    Some(ex)
}
