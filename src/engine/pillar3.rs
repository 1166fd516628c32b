//! Pijler 3, specifieke doelgroepen.
//!
//! **Who belongs to the group**: a group with an age condition (`leeftijd
//! minstens 65 jaar op de datum van toewijzing, bij een koppel volstaat één
//! partner`) takes the candidates old enough on the reference date (the
//! dwelling's allocation date), by the birth dates of the `geboortedata`
//! column; no attest is asked. Any other group takes the candidates with an
//! attest for it (the `doelgroepen` column).
//!
//! **Age** is counted in whole years, as terms in years are ("van datum
//! tot datum"): N years are reached on the N-th birthday; someone born on
//! 29 February reaches them on 28 February in a year without one. With
//! "één volwassene volstaat" the oldest adult with a known birth date
//! counts, with "alle volwassenen" the youngest, and every adult must have
//! a known birth date. A candidate without any birth date does not meet an
//! age condition (excluded, with that reason).
//!
//! **The order** within the group: (1) with `eerst de oudsten`, the age
//! step (80 and older first, then 75–79, …; unknown ages last), of the same
//! adult whose age counts for the condition (the oldest, or with "alle
//! volwassenen" the youngest); (2) lokale binding when the plan says it
//! applies (the pillar-1 tiers, see [`super::pillar1`]); (3) the
//! registration date; (4) the dossier. See [`super::order`].
//!
//! **No candidate**: the reglement's `zonder kandidaat` sends a reserved
//! dwelling to the standaardtoewijzing or to another group
//! ([`Prepared::next_in_chain`], followed by [`follow`]).

use super::batch::{Batch, Record};
use super::fields::{civil_from_day, day_from_civil, to_date, Day};
use super::outcome::{AgeFail, Exclusion, NOT_EVALUATED};
use super::prepare::{Prepared, RequestError, Voorbehoud};
use super::trace::{stap, Sink, Uitkomst};
use super::{pillar1, rank_batch, Ctx};
use crate::plan::{AgeOf, PlanOudstenEerst, PlanP3Doelgroep};

/// The attest for the dwelling's target group; a group with an age
/// condition asks none (its members are who are old enough).
pub fn attest(ctx: &Ctx, rec: &Record, sink: &mut Sink) -> Option<Exclusion> {
    let p = ctx.p;
    let group = p.p3_group();
    if group.is_some_and(|g| g.leeftijd.is_some()) {
        return None;
    }
    let held = ctx
        .batch
        .list(rec.doelgroepen)
        .iter()
        .any(|&s| ctx.res.doelgroep[s as usize] == p.doelgroep_code);
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

/// Whole years from `born` to `on`: N years are reached on the N-th
/// birthday (29 February: on 28 February in a year without one); 0 before
/// the birth date.
pub fn age_on(born: Day, on: Day) -> u32 {
    if on < born {
        return 0;
    }
    let (by, bm, bd) = civil_from_day(born);
    let (y, m, d) = civil_from_day(on);
    let leap = |y: i32| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    // the birthday in year `y`
    let (bm, bd) = if bm == 2 && bd == 29 && !leap(y) {
        (2, 28)
    } else {
        (bm, bd)
    };
    let years = y - by - i32::from((m, d) < (bm, bd));
    years.max(0) as u32
}

/// The age that counts for the group, of which adult (1-based), and
/// whether every adult's birth date is known: with "alle volwassenen" the
/// youngest adult, else the oldest. `None` when no birth date is known.
fn counting_age(batch: &Batch, rec: &Record, of: AgeOf, on: Day) -> Option<(u32, usize)> {
    let dates = batch.birth_dates(rec);
    let ages = dates.iter().map(|&b| age_on(b, on)).enumerate();
    let pick = match of {
        AgeOf::AlleVolwassenen => ages.min_by_key(|&(i, a)| (a, i)),
        // the oldest; the first written among equals
        AgeOf::EenVolwassene => ages.max_by_key(|&(i, a)| (a, std::cmp::Reverse(i))),
    }?;
    Some((pick.1, pick.0 + 1))
}

/// The step of a candidate in an order by age: its counting age's step, or
/// one after every step when its age is unknown.
fn step_of(o: &PlanOudstenEerst, age: Option<u32>) -> u8 {
    match age {
        Some(a) => o.step_of(a) as u8,
        None => o.steps() as u8,
    }
}

/// "volwassene 1 (geboren 1950-04-02): 74 jaar; volwassene 2: geboortedatum onbekend".
fn ages_text(batch: &Batch, rec: &Record, on: Day) -> String {
    let dates = batch.birth_dates(rec);
    let mut parts: Vec<String> = dates
        .iter()
        .enumerate()
        .map(|(i, &b)| {
            format!(
                "volwassene {} (geboren {}): {} jaar",
                i + 1,
                to_date(b),
                age_on(b, on)
            )
        })
        .collect();
    for i in dates.len()..rec.volwassenen as usize {
        parts.push(format!("volwassene {}: geboortedatum onbekend", i + 1));
    }
    parts.join("; ")
}

/// The age condition and the order by age of group `g` for a record on
/// day `on`: the condition's failure (if it has one and it fails), the age
/// step (0 without an order by age), and the counting age with its adult.
fn evaluate(
    g: &PlanP3Doelgroep,
    batch: &Batch,
    rec: &Record,
    on: Day,
    has_attest: bool,
) -> (Option<AgeFail>, u8, Option<(u32, usize)>) {
    let of = g.leeftijd.as_ref().map_or(AgeOf::EenVolwassene, |l| l.wie);
    let counting = counting_age(batch, rec, of, on);
    let fail = g.leeftijd.as_ref().and_then(|rule| {
        let known = batch.birth_dates(rec).len();
        match (counting, of) {
            (None, _) => Some(AgeFail::Onbekend),
            (Some(_), AgeOf::AlleVolwassenen) if known < rec.volwassenen as usize => {
                Some(AgeFail::Onvolledig)
            }
            (Some((a, _)), AgeOf::AlleVolwassenen) if a < rule.minimum => Some(AgeFail::NietAllen),
            (Some((a, _)), AgeOf::EenVolwassene) if a < rule.minimum => Some(AgeFail::TeJong),
            _ => None,
        }
        // "..., of een attest": the attest makes a member too
        .filter(|_| !(rule.of_attest && has_attest))
    });
    let step = g
        .oudsten_eerst
        .as_ref()
        .map_or(0, |o| step_of(o, counting.map(|c| c.0)));
    (fail, step, counting)
}

/// A record's membership of group `g` on day `on`, as the engine decides
/// it ([`attest`] and [`age`]): `None` when it is not a member, else its
/// age step. `has_attest`: the record holds the group's attest.
pub fn membership(
    g: &PlanP3Doelgroep,
    batch: &Batch,
    rec: &Record,
    has_attest: bool,
    on: Day,
) -> Option<u8> {
    if g.leeftijd.is_none() && !has_attest {
        return None;
    }
    let (fail, step, _) = evaluate(g, batch, rec, on, has_attest);
    fail.is_none().then_some(step)
}

/// Whether a group's membership or order depends on the date (an age
/// condition or an order by age).
pub fn by_age(g: &PlanP3Doelgroep) -> bool {
    g.leeftijd.is_some() || g.oudsten_eerst.is_some()
}

/// The days in `from+1 ..= to` on which an adult of the record has a
/// birthday (an age, and so a membership or an age step, may change only
/// then), sorted, without repeats.
pub fn birthdays(batch: &Batch, rec: &Record, from: Day, to: Day) -> Vec<Day> {
    let (fy, _, _) = civil_from_day(from);
    let (ty, _, _) = civil_from_day(to);
    let leap = |y: i32| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let mut days = Vec::new();
    for &b in batch.birth_dates(rec) {
        let (_, bm, bd) = civil_from_day(b);
        for y in fy..=ty {
            let (m, d) = if bm == 2 && bd == 29 && !leap(y) {
                (2, 28)
            } else {
                (bm, bd)
            };
            let day = day_from_civil(y, m, d);
            if day > from && day <= to && day > b {
                days.push(day);
            }
        }
    }
    days.sort_unstable();
    days.dedup();
    days
}

/// The group's age condition and its order by age: the exclusion when
/// the condition is not met, and the age step (0 without an order by age).
pub fn age(ctx: &Ctx, rec: &Record, sink: &mut Sink) -> (u8, Option<Exclusion>) {
    let p = ctx.p;
    let Some(g) = p.p3_group() else {
        return (0, None);
    };
    let on = p.peildatum;
    let has_attest = ctx
        .batch
        .list(rec.doelgroepen)
        .iter()
        .any(|&s| ctx.res.doelgroep[s as usize] == p.doelgroep_code);
    let (fail, step, counting) = evaluate(g, ctx.batch, rec, on, has_attest);
    if let Some(rule) = &g.leeftijd {
        let by_attest =
            rule.of_attest && has_attest && evaluate(g, ctx.batch, rec, on, false).0.is_some();
        let of = rule.wie;
        sink.push(|| {
            let who = match (of, counting) {
                (_, None) => String::new(),
                (AgeOf::EenVolwassene, Some((a, i))) => {
                    format!(", de oudste is volwassene {i} met {a} jaar")
                }
                (AgeOf::AlleVolwassenen, Some((a, i))) => {
                    format!(", de jongste is volwassene {i} met {a} jaar")
                }
            };
            let condition = match of {
                AgeOf::EenVolwassene => format!(
                    "minstens {} jaar op {}, één volwassene volstaat",
                    rule.minimum,
                    to_date(on)
                ),
                AgeOf::AlleVolwassenen => format!(
                    "minstens {} jaar op {}, alle volwassenen",
                    rule.minimum,
                    to_date(on)
                ),
            };
            let ages = ages_text(ctx.batch, rec, on);
            let ages = if ages.is_empty() {
                "geen geboortedatum bekend".to_string()
            } else {
                ages
            };
            match fail {
                None if by_attest => stap(
                    "leeftijd",
                    Uitkomst::Voldaan,
                    None,
                    format!(
                        "leeftijd {condition}: niet voldaan ({ages}{who}), maar attest voor doelgroep '{}': lid door het attest",
                        g.code
                    ),
                    Some(&rule.herkomst),
                ),
                None => stap(
                    "leeftijd",
                    Uitkomst::Voldaan,
                    None,
                    format!(
                        "leeftijd {condition}: voldaan ({ages}{who}); lid van doelgroep '{}' door de leeftijd, zonder attest",
                        g.code
                    ),
                    Some(&rule.herkomst),
                ),
                Some(f) => {
                    let (_, tekst, h) = p.reden(Exclusion::Leeftijd(f));
                    stap(
                        "leeftijd",
                        Uitkomst::Uitgesloten,
                        None,
                        format!("{tekst} ({ages})"),
                        h,
                    )
                }
            }
        });
    }
    if let Some(o) = &g.oudsten_eerst {
        sink.push(|| {
            let (label, whose) = match counting {
                Some((a, i)) => (
                    o.label(step as u32),
                    format!(" (volwassene {i}, {a} jaar op {})", to_date(on)),
                ),
                None => (
                    "leeftijd onbekend".to_string(),
                    ": geen geboortedatum bekend, na alle leeftijden".to_string(),
                ),
            };
            stap(
                "eerst-de-oudsten",
                Uitkomst::Info,
                None,
                format!(
                    "eerst de oudsten: leeftijdsgroep {} van {}: {label}{whose}",
                    step as u32 + 1,
                    o.steps() + 1
                ),
                Some(&o.herkomst),
            )
        });
    }
    (step, fail.map(Exclusion::Leeftijd))
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

/// The explanation's notes on the list itself: where the dwelling's
/// reservation comes from, the way it came here, and the group's
/// conditions in words, which the engine does not execute.
pub fn notes(p: &Prepared, sink: &mut Sink) {
    if !sink.on() {
        return;
    }
    for d in &p.doorverwezen {
        sink.push(|| {
            stap(
                "zonder-kandidaat",
                Uitkomst::Info,
                None,
                format!("de woning kwam hier: {}", d.line()),
                Some(&d.herkomst),
            )
        });
    }
    let Some(g) = p.p3_group() else {
        return;
    };
    if let (Some(Voorbehoud::Reglement(h)), Some(w)) = (&p.voorbehoud, &p.woning) {
        sink.push(|| {
            stap(
                "voorbehouden",
                Uitkomst::Info,
                None,
                format!(
                    "woning {} is voorbehouden voor doelgroep '{}': het reglement noemt ze bij de voorbehouden woningen",
                    w.woning, g.code
                ),
                Some(h),
            )
        });
    }
    for v in &g.voorwaarden {
        sink.push(|| {
            stap(
                "voorwaarde",
                Uitkomst::Info,
                None,
                format!(
                    "voorwaarde in woorden, niet uitgevoerd door de rangschikking: \"{v}\"; de toewijzingsambtenaar controleert ze"
                ),
                Some(&g.herkomst),
            )
        });
    }
}

/// For a reserved dwelling: when its group's `capaciteit` of the year is
/// reached, the list it names (`daarna`); then, while nobody is ranked for its group and the
/// reglement says where it goes then (`zonder kandidaat`), the next list.
/// The way is kept in [`Prepared::doorverwezen`]; a list with candidates,
/// or one the reglement says nothing more about, ends it.
pub fn follow<'p>(mut p: Prepared<'p>, batch: &Batch) -> Result<Prepared<'p>, RequestError> {
    // a group whose capacity of the year is reached sends the dwelling on first
    if let Some(next) = p.past_capacity() {
        p = next?;
    }
    // a group is never visited twice (next_in_chain refuses), so this ends
    while p.fallback().is_some() {
        let s = rank_batch(&p, batch).samenvatting();
        if s.gerangschikt > 0 {
            break;
        }
        match p.next_in_chain(Some(s)) {
            Some(next) => p = next?,
            None => break,
        }
    }
    Ok(p)
}
