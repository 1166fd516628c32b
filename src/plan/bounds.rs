//! The bounds of a plan that was not just compiled: a plan JSON read from a
//! file may have been edited by hand or damaged, and the engine and the
//! simulation compute with its numbers. A compiled plan always passes
//! (`syntax::MAX_INTEGER` bounds every number of a reglement, the
//! checks refuse a frame whose total does not fit).
//!
//! - every whole number in the plan is at most [`MAX_NUMBER`] in size (an
//!   amount in cents of at most `MAX_INTEGER` euro), so sums of a few of
//!   them and products with a count stay far inside 64 bits;
//! - shares are between 0% and 100%;
//! - every criterion's table gives at most its `max_punten`, and the
//!   frame's `max_totaal` is the sum of them: a candidate's total can
//!   never pass `max_totaal` nor wrap in the engine's `u32`;
//! - ranges run from low to high (persons per bedroom, counts).

use super::{Plan, PlanWegingskader, PuntenTabel};
use crate::syntax::MAX_INTEGER;
use serde_json::Value;

/// The largest number (in absolute value) a plan may hold: `MAX_INTEGER`
/// euro in cents.
pub const MAX_NUMBER: u64 = MAX_INTEGER * 100;

/// Every problem of a plan, as `path: what` in Dutch (the path as the JSON
/// names it, e.g. `versneld.wegingskader.criteria[2].max_punten`).
pub fn check(plan: &Plan) -> Result<(), Vec<String>> {
    let mut errors = Vec::new();
    match serde_json::to_value(plan) {
        Ok(v) => numbers(&v, &mut String::new(), &mut errors),
        Err(e) => errors.push(format!("het plan is niet te lezen: {e}")),
    }
    let share = |errors: &mut Vec<String>, path: &str, v: i64| {
        if !(0..=10_000).contains(&v) {
            errors.push(format!(
                "{path} is {v}; een aandeel ligt tussen 0 en 10000 (honderdsten van een procent)"
            ));
        }
    };
    share(
        &mut errors,
        "parameters.aandeel_versneld",
        plan.parameters.aandeel_versneld,
    );
    share(
        &mut errors,
        "parameters.aandeel_standaard_minimaal",
        plan.parameters.aandeel_standaard_minimaal,
    );
    if let Some(a) = plan.standaard.as_ref().and_then(|s| s.aandeel_minimaal) {
        share(&mut errors, "standaard.aandeel_minimaal", a);
    }
    if let Some(v) = &plan.versneld {
        share(&mut errors, "versneld.aandeel", v.aandeel);
        for (i, g) in v.doelgroepen.iter().enumerate() {
            if let Some(a) = g.aandeel {
                share(
                    &mut errors,
                    &format!("versneld.doelgroepen[{i}].aandeel"),
                    a,
                );
            }
        }
        if let Some(b) = &v.basis {
            if b.gemiddelde < 0 || b.versneld_per_jaar < 0 {
                errors.push(
                    "versneld.basis: een gemiddelde aantal toewijzingen is nooit negatief"
                        .to_string(),
                );
            }
        }
        if let Err(e) = frame(&v.wegingskader) {
            errors.push(e);
        }
    }
    for (i, b) in plan.bezetting.iter().enumerate() {
        if b.min_personen > b.max_personen {
            errors.push(format!(
                "bezetting[{i}]: min_personen {} is groter dan max_personen {}",
                b.min_personen, b.max_personen
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// The frame's totals: every row of a criterion's table at most its
/// `max_punten`, `min_punten` at most `max_punten`, and `max_totaal` the
/// sum of the `max_punten`. Cheap; the engine checks it for every request.
pub fn frame(w: &PlanWegingskader) -> Result<(), String> {
    let mut sum = 0u64;
    for (i, c) in w.criteria.iter().enumerate() {
        let points: Vec<u32> = match &c.tabel {
            PuntenTabel::Codes { rijen } => rijen.iter().filter_map(|r| r.punten).collect(),
            PuntenTabel::Bedragen { rijen, anders, .. } => {
                rijen.iter().map(|r| r.punten).chain([*anders]).collect()
            }
            PuntenTabel::Aantallen { rijen } => rijen.iter().map(|r| r.punten).collect(),
        };
        if let Some(p) = points.iter().find(|p| **p > c.max_punten) {
            return Err(format!(
                "versneld.wegingskader.criteria[{i}] ({}): een rij geeft {p} punten, meer dan max_punten {}",
                c.code, c.max_punten
            ));
        }
        if c.min_punten > c.max_punten {
            return Err(format!(
                "versneld.wegingskader.criteria[{i}] ({}): min_punten {} is groter dan max_punten {}",
                c.code, c.min_punten, c.max_punten
            ));
        }
        if let PuntenTabel::Aantallen { rijen } = &c.tabel {
            if let Some(r) = rijen.iter().find(|r| r.tot.is_some_and(|t| t < r.van)) {
                return Err(format!(
                    "versneld.wegingskader.criteria[{i}] ({}): een rij loopt van {} tot {:?}",
                    c.code, r.van, r.tot
                ));
            }
        }
        sum += u64::from(c.max_punten);
    }
    if sum != u64::from(w.max_totaal) {
        return Err(format!(
            "versneld.wegingskader.max_totaal is {}, maar de criteria geven samen hoogstens {sum} punten",
            w.max_totaal
        ));
    }
    Ok(())
}

/// Every whole number at most [`MAX_NUMBER`] in size; `path` is the JSON
/// path of `v`.
fn numbers(v: &Value, path: &mut String, errors: &mut Vec<String>) {
    const SHOWN: usize = 20;
    match v {
        Value::Number(n) => {
            let ok = match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => u <= MAX_NUMBER,
                (None, Some(i)) => i.unsigned_abs() <= MAX_NUMBER,
                _ => false,
            };
            if !ok && errors.len() < SHOWN {
                errors.push(format!(
                    "{path} is {n}; een getal in een plan is hoogstens {}",
                    crate::nl::thousands(MAX_NUMBER)
                ));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                numbers(item, path, errors);
                path.truncate(len);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
                numbers(item, path, errors);
                path.truncate(len);
            }
        }
        _ => {}
    }
}
