//! Whether a candidate can be considered for this list at all, in every
//! pillar: registered by the reference date, the gemeente in its
//! `voorkeur` (empty = the whole werkingsgebied; a voorkeur with no
//! gemeente of the werkingsgebied excludes from every list), and — for a dwelling —
//! rationele bezetting: persons (volwassenen + kinderen) within the plan's
//! row for the dwelling's number of bedrooms. For a number of bedrooms the
//! plan has no row for, the legal maximum per bedroom applies (a studio
//! counts as one room).

use super::batch::Record;
use super::outcome::{bedrooms, Exclusion};
use super::prepare::UNKNOWN;
use super::trace::{stap, Sink, Uitkomst};
use super::Ctx;

/// The household sizes (volwassenen + kinderen, inclusive bounds) that fit
/// a dwelling with `slaapkamers` bedrooms, and the plan's row that says so
/// ([`UNKNOWN`] when the plan has no row for it and the legal maximum per
/// bedroom applies, a studio counting as one room).
pub fn persons_range(plan: &crate::plan::Plan, slaapkamers: u32) -> (u32, u32, u16) {
    match plan
        .bezetting
        .iter()
        .position(|b| b.slaapkamers == slaapkamers)
    {
        Some(i) => {
            let b = &plan.bezetting[i];
            (b.min_personen, b.max_personen, i as u16)
        }
        None => (
            0,
            slaapkamers
                .max(1)
                .saturating_mul(plan.parameters.max_personen_per_slaapkamer),
            UNKNOWN,
        ),
    }
}

/// A gemeente name of a candidate as an explanation shows it: a former
/// gemeente with what it is now ("Ham (tot 2024-12-31, nu Tessenderlo-Ham)").
pub fn shown(ctx: &Ctx, sym: super::batch::Sym) -> String {
    let name = ctx.batch.name(sym);
    match crate::gemeenten::voormalig(name, ctx.p.request.peildatum) {
        Some(v) => v.to_string(),
        None => name.to_string(),
    }
}

/// Registered in the central register on the reference date.
pub fn registered(ctx: &Ctx, rec: &Record, sink: &mut Sink) -> Option<Exclusion> {
    let p = ctx.p;
    if rec.inschrijving > p.peildatum {
        sink.push(|| {
            let (regel, tekst, h) = p.reden(Exclusion::NietIngeschreven);
            stap(regel, Uitkomst::Uitgesloten, None, tekst, h)
        });
        return Some(Exclusion::NietIngeschreven);
    }
    None
}

/// The gemeente in the candidate's `voorkeur`, and (for a dwelling) the
/// household size within the rationele bezetting; the first that fails.
pub fn fit(ctx: &Ctx, rec: &Record, sink: &mut Sink) -> Option<Exclusion> {
    let p = ctx.p;
    let voorkeur = ctx.batch.list(rec.voorkeur);
    let target = p.gemeente as u16;
    if p.voorkeur && !voorkeur.is_empty() {
        // a voorkeur outside the werkingsgebied is normal (the central
        // register); the candidate is on the lists of the gemeenten it
        // chose that lie inside, and on none if none does
        let (mut inside, mut chosen) = (false, false);
        for &s in voorkeur {
            let g = ctx.res.gemeente[s as usize];
            inside |= g != UNKNOWN;
            chosen |= g == target;
        }
        let ex = match (inside, chosen) {
            (false, _) => Some(Exclusion::VoorkeurBuiten),
            (true, false) => Some(Exclusion::Voorkeur),
            _ => None,
        };
        if let Some(ex) = ex {
            sink.push(|| {
                let (regel, tekst, h) = p.reden(ex);
                let names: Vec<String> = voorkeur.iter().map(|&s| shown(ctx, s)).collect();
                stap(
                    regel,
                    Uitkomst::Uitgesloten,
                    None,
                    format!("{tekst} (voorkeur: {})", names.join(", ")),
                    h,
                )
            });
            return Some(ex);
        }
    }
    sink.push(|| {
        let tekst = if voorkeur.is_empty() {
            "voorkeur: geen opgegeven, dus het hele werkingsgebied".to_string()
        } else {
            let how: Vec<String> = voorkeur
                .iter()
                .filter(|&&s| ctx.res.gemeente[s as usize] == target)
                .filter_map(|&s| {
                    crate::gemeenten::voormalig(ctx.batch.name(s), p.request.peildatum)
                })
                .map(|v| format!(" (als {v})"))
                .collect();
            format!("voorkeur: {} gekozen{}", p.gemeente_name(), how.concat())
        };
        stap("voorkeur", Uitkomst::Voldaan, None, tekst, None)
    });
    let woning = p.woning.as_ref()?;
    let persons = rec.volwassenen.saturating_add(rec.kinderen);
    let (min, max, row) = persons_range(p.plan, woning.slaapkamers);
    let ok = persons >= min && persons <= max;
    let ex = Exclusion::Bezetting { row };
    sink.push(|| {
        let (regel, tekst, h) = p.reden(ex);
        let who = format!(
            "{} {} ({} {}, {} {})",
            persons,
            if persons == 1 { "persoon" } else { "personen" },
            rec.volwassenen,
            if rec.volwassenen == 1 {
                "volwassene"
            } else {
                "volwassenen"
            },
            rec.kinderen,
            if rec.kinderen == 1 {
                "kind"
            } else {
                "kinderen"
            },
        );
        if ok {
            stap(
                regel,
                Uitkomst::Voldaan,
                None,
                format!(
                    "rationele bezetting: {who} past in woning {} met {}",
                    woning.woning,
                    bedrooms(woning.slaapkamers)
                ),
                h,
            )
        } else {
            stap(
                regel,
                Uitkomst::Uitgesloten,
                None,
                format!("{tekst}; het gezin telt {who}"),
                h,
            )
        }
    });
    (!ok).then_some(ex)
}
