//! Who adopted the regional frame (`aangenomen door …`), checked in the
//! regional file itself: once the frame records adoptions, every listed
//! woonmaatschappij's toewijzingsraad has a record (R0256); an adoption is
//! not dated after the frame comes into force (R0257), is not recorded
//! twice (R0258), and a toewijzingsraad that adopts is one of the frame's
//! woonmaatschappijen (R0259).

use super::Ctx;
use crate::diagnostic::Code;
use crate::diagnostic::Diagnostic;
use crate::syntax::ast::*;

pub(super) fn check(cx: &mut Ctx<'_>) {
    // the frame's own file: a member's check does not repeat the frame's record
    if !cx.regional_only {
        return;
    }
    let m = cx.m;
    let Some((s, r)) = m.main_sections().find_map(|s| match &s.body {
        SectionBody::Regio(r) => Some((s, r)),
        _ => None,
    }) else {
        return;
    };
    if r.adoptions.is_empty() {
        return;
    }
    let mut found = Vec::new();
    let is_raad = |a: &Adoption, name: &str| {
        a.role.value == Adopter::Toewijzingsraad && a.name.value.eq_ignore_ascii_case(name)
    };
    // R0256: a listed woonmaatschappij whose toewijzingsraad has no record
    for w in &r.woonmaatschappijen {
        if !r.adoptions.iter().any(|a| is_raad(a, &w.value)) {
            found.push(
                Diagnostic::new(
                    Code::R0256,
                    m.main,
                    w.span,
                    format!(
                        "Het kader vermeldt wie het heeft aangenomen, maar niet de toewijzingsraad van {}.",
                        w.value
                    ),
                )
                .label("geen aanneming vermeld")
                .related(m.main, s.header, "dit kader")
                .help(format!(
                    "Vermeld 'aangenomen door toewijzingsraad {0} op JJJJ-MM-DD', of 'nog niet aangenomen door toewijzingsraad {0}' zolang de beslissing er niet is.",
                    quoted(&w.value)
                )),
            );
        }
    }
    // R0257: adopted after the frame comes into force
    if let Some(from) = r.geldig.first() {
        for a in &r.adoptions {
            let Some(d) = &a.date else { continue };
            if d.value > from.from.value {
                found.push(
                    Diagnostic::new(
                        Code::R0257,
                        m.main,
                        d.span,
                        format!(
                            "De {} {} nam het kader aan op {}, na de datum waarop het ingaat ({}).",
                            a.role.value.label(),
                            a.name.value,
                            crate::nl::date(d.value),
                            crate::nl::date(from.from.value)
                        ),
                    )
                    .label("na 'geldig vanaf'")
                    .related(m.main, from.span, "het kader gaat hier in"),
                );
            }
        }
    }
    // R0258: the same adopter twice
    for (i, a) in r.adoptions.iter().enumerate() {
        let earlier = r.adoptions[..i].iter().find(|b| {
            b.role.value == a.role.value && b.name.value.eq_ignore_ascii_case(&a.name.value)
        });
        if let Some(b) = earlier {
            found.push(
                Diagnostic::new(
                    Code::R0258,
                    m.main,
                    a.span,
                    format!(
                        "De aanneming door de {} {} staat twee keer in het kader.",
                        a.role.value.label(),
                        a.name.value
                    ),
                )
                .label("tweede keer")
                .related(m.main, b.span, "eerste keer"),
            );
        }
    }
    // R0259: a toewijzingsraad outside the frame's list
    for a in &r.adoptions {
        if a.role.value == Adopter::Toewijzingsraad
            && !r
                .woonmaatschappijen
                .iter()
                .any(|w| w.value.eq_ignore_ascii_case(&a.name.value))
        {
            found.push(
                Diagnostic::new(
                    Code::R0259,
                    m.main,
                    a.name.span,
                    format!(
                        "De toewijzingsraad {} staat niet in de lijst van woonmaatschappijen van het kader.",
                        a.name.value
                    ),
                )
                .label("niet in 'woonmaatschappijen'"),
            );
        }
    }
    for d in found {
        cx.push(d);
    }
}

/// A name as the drafter writes it: in quotes when it holds a space.
fn quoted(name: &str) -> String {
    if name.contains(' ') {
        format!("\"{name}\"")
    } else {
        name.to_string()
    }
}
