//! A member against its regional frame: a shared section it replaces with
//! its own (R0252). (Its dwellings and reserved dwellings against its row
//! of the frame's verdeelsleutel: `totals::against_key`, R0119.)

use super::Ctx;
use crate::diagnostic::Diagnostic;

pub(super) fn check(cx: &mut Ctx<'_>) {
    let Some(rf) = cx.m.regio else {
        return;
    };
    if cx.m.identity().is_none() {
        return;
    }
    replaced(cx, rf);
}

/// R0252: the reglement uses the frame but ranks pillar 2 with a
/// wegingskader of its own, or names a verdeelsleutel of its own, while the
/// frame shares one. (The same name in both files is R0205.)
fn replaced(cx: &mut Ctx<'_>, rf: crate::source::FileId) {
    let m = cx.m;
    let frame = match m.regio_section().and_then(|(s, _)| s.title.as_ref()) {
        Some(t) => format!("het regionale kader {}", t.value),
        None => "het regionale kader".to_string(),
    };
    let mut found = Vec::new();
    let shared_frame = m.wegingskaders().find(|(f, _, _)| *f == rf);
    let used = m.versneld().and_then(|(_, v)| v.wegingskader.first());
    if let (Some((_, ss, shared)), Some(name), Some((of, _, own))) =
        (shared_frame, used, m.used_wegingskader())
    {
        if of != rf && own.name.value != shared.name.value {
            found.push(
                Diagnostic::new(
                    "R0252",
                    m.main,
                    name.span,
                    format!(
                        "Dit reglement gebruikt {frame}, maar rangschikt de versnelde toewijzing met een eigen wegingskader '{}' (hoogstens {} punten) in plaats van het gedeelde wegingskader '{}' (hoogstens {} punten).",
                        own.name.value,
                        own.max_total(),
                        shared.name.value,
                        shared.max_total()
                    ),
                )
                .label("eigen wegingskader in plaats van het gedeelde")
                .related(rf, ss.header, "het gedeelde wegingskader"),
            );
        }
    }
    let shared_key = m.verdeelsleutels().find(|(f, _, _)| *f == rf);
    let named = m.doelgroepen().and_then(|(_, d)| d.verdeelsleutel.first());
    if let (Some((_, ks, shared)), Some(name)) = (shared_key, named) {
        let own = m
            .verdeelsleutels()
            .find(|(_, _, k)| k.name.value == name.value);
        if let Some((kf, _, own)) = own {
            if kf != rf && own.name.value != shared.name.value {
                found.push(
                    Diagnostic::new(
                        "R0252",
                        m.main,
                        name.span,
                        format!(
                            "Dit reglement gebruikt {frame}, maar volgt een eigen verdeelsleutel '{}' in plaats van de gedeelde verdeelsleutel '{}'.",
                            own.name.value, shared.name.value
                        ),
                    )
                    .label("eigen verdeelsleutel in plaats van de gedeelde")
                    .related(rf, ks.header, "de gedeelde verdeelsleutel"),
                );
            }
        }
    }
    for d in found {
        cx.push(d);
    }
}
