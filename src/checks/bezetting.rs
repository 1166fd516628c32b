//! The rationele bezetting table: no more persons per bedroom than the law
//! allows (C16, R0116), each bedroom count once (R0205), sensible ranges
//! (R0215) and every household size fits some dwelling (R0201).
//!
//! The rule that a bedroom under 11 m² holds one person cannot be checked:
//! the reglement does not state room sizes.

use super::fmt;
use super::Ctx;
use crate::diagnostic::Code;
use crate::diagnostic::Diagnostic;
use std::collections::HashMap;

fn rooms(b: u32) -> String {
    if b == 0 {
        "een studio".to_string()
    } else {
        format!(
            "een woning met {}",
            fmt::n(b.into(), "slaapkamer", "slaapkamers")
        )
    }
}

pub(super) fn check(cx: &mut Ctx<'_>) {
    let Some((bs, b)) = cx.m.bezetting() else {
        return;
    };
    let file = cx.file_of(bs);
    let per_room = cx.m.params.max_persons_per_bedroom;
    let mut seen: HashMap<u32, &crate::syntax::ast::BezettingRow> = HashMap::new();
    for r in &b.rows {
        let (bed, min, max) = (r.bedrooms.value, r.min_persons.value, r.max_persons.value);
        if let Some(first) = seen.get(&bed) {
            cx.push(
                Diagnostic::new(
                    Code::R0205,
                    file,
                    r.span,
                    format!("De rationele bezetting regelt {} twee keer.", rooms(bed)),
                )
                .label("tweede keer")
                .related(file, first.span, "eerste keer")
                .help("Houd één rij per aantal slaapkamers."),
            );
            continue;
        }
        seen.insert(bed, r);
        if min == 0 || min > max {
            cx.push(
                Diagnostic::new(
                    Code::R0215,
                    file,
                    r.span,
                    format!("{min} tot {max} personen is geen geldig bereik."),
                )
                .label("ongeldig bereik")
                .help("Schrijf het kleinste aantal personen eerst, vanaf 1 persoon: bv. '2 slaapkamers: 2 tot 4 personen'."),
            );
            continue;
        }
        // exact in 64 bits (never saturated)
        let allowed = u64::from(per_room) * u64::from(bed.max(1));
        if u64::from(max) > allowed {
            cx.push(
                Diagnostic::new(
                    Code::R0116,
                    file,
                    r.max_persons.span,
                    format!(
                        "{} voor {} personen: dat is meer dan {} per slaapkamer.",
                        capitalize(&rooms(bed)),
                        max,
                        fmt::n(per_room.into(), "persoon", "personen")
                    ),
                )
                .label(format!("hoogstens {allowed}"))
                .help(format!(
                    "Verlaag het hoogste aantal personen tot {allowed}: hoogstens {} per slaapkamer, een studio telt als één kamer. Een hogere bezetting kan enkel uitzonderlijk, als er geen grotere woning is.",
                    fmt::n(per_room.into(), "persoon", "personen")
                )),
            );
        }
    }
    // every household size from 1 up to the largest fits some dwelling
    let mut ranges: Vec<(u32, u32, &crate::syntax::ast::BezettingRow)> = seen
        .values()
        .filter(|r| r.min_persons.value >= 1 && r.min_persons.value <= r.max_persons.value)
        .map(|r| (r.min_persons.value, r.max_persons.value, *r))
        .collect();
    ranges.sort_by_key(|(a, b, r)| (*a, *b, r.span.start));
    let mut covered = 0u32;
    for (min, max, r) in ranges {
        if min > covered + 1 {
            let (from, to) = (covered + 1, min - 1);
            let size = if from == to {
                fmt::n(from.into(), "persoon", "personen")
            } else {
                format!("{from} tot {to} personen")
            };
            cx.push(
                Diagnostic::new(
                    Code::R0201,
                    file,
                    r.span,
                    format!("Voor een huishouden van {size} past geen enkele woning in de rationele bezetting."),
                )
                .label(format!("gat: {size}"))
                .help(format!(
                    "Laat een rij ook {size} toelaten, zodat elk huishouden een passende woning heeft."
                )),
            );
        }
        covered = covered.max(max);
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
