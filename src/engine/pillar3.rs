//! Pijler 3, specifieke doelgroepen: only candidates with an attest for the
//! dwelling's target group (the `doelgroepen` column); among them lokale
//! binding gives priority when the plan says it applies (the pillar-1 tiers,
//! see [`super::pillar1`]), then the registration date.

use super::batch::Record;
use super::fields::Day;
use super::outcome::Exclusion;
use super::outcome::NOT_EVALUATED;
use super::trace::{stap, Sink, Uitkomst};
use super::{pillar1, Ctx};

/// The attest for the dwelling's target group.
pub fn attest(ctx: &Ctx, rec: &Record, sink: &mut Sink) -> Option<Exclusion> {
    let p = ctx.p;
    let held = ctx
        .batch
        .list(rec.doelgroepen)
        .iter()
        .any(|&s| ctx.res.doelgroep[s as usize] == p.doelgroep_code);
    let group = p
        .doelgroep
        .and_then(|i| p.plan.doelgroepen.as_ref().and_then(|d| d.groepen.get(i)));
    if !held {
        sink.push(|| {
            let (regel, tekst, h) = p.reden(Exclusion::GeenAttest);
            stap(regel, Uitkomst::Uitgesloten, None, tekst, h)
        });
        return Some(Exclusion::GeenAttest);
    }
    sink.push(|| {
        stap(
            "doelgroep",
            Uitkomst::Voldaan,
            None,
            format!(
                "attest voor doelgroep '{}'",
                group.map_or("", |g| g.code.as_str())
            ),
            group.map(|g| &g.herkomst),
        )
    });
    None
}

/// The lokale-binding tier reached, or [`NOT_EVALUATED`] for all when
/// lokale binding does not apply in pijler 3.
pub fn tier(ctx: &Ctx, rec: &Record, scratch: &mut Vec<(Day, Day)>, sink: &mut Sink) -> u8 {
    let p = ctx.p;
    let lokale_binding = p
        .plan
        .doelgroepen
        .as_ref()
        .is_some_and(|d| d.lokale_binding);
    if !lokale_binding {
        sink.push(|| {
            stap(
                "lokale-binding",
                Uitkomst::Info,
                None,
                "lokale binding geldt niet voor de specifieke doelgroepen in dit reglement",
                p.plan.doelgroepen.as_ref().map(|d| &d.herkomst),
            )
        });
        return NOT_EVALUATED;
    }
    pillar1::tier(ctx, rec, scratch, sink)
}
