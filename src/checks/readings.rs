//! The toewijzingsraad's stated readings (`lezing "…" als "…"`) and the rows
//! it puts outside a stated total (`buiten het totaal`) carry their reasons
//! (R0216): an open question of a source is decided with a motivering, in
//! the text the gemeenteraad and the minister read. A row outside the total
//! may take its reason from a motivated `lezing` of its section.

use super::Ctx;
use crate::diagnostic::Code;
use crate::diagnostic::Diagnostic;
use crate::syntax::ast::*;

pub(super) fn check(cx: &mut Ctx<'_>) {
    let m = cx.m;
    let mut found = Vec::new();
    for (file, s) in m.sections() {
        for r in s.readings.iter().filter(|r| r.motivation.is_none()) {
            found.push(
                Diagnostic::new(
                    Code::R0216,
                    file,
                    r.span,
                    format!(
                        "Er staat geen motivering bij de lezing van \"{}\".",
                        r.quote.value
                    ),
                )
                .label("geen motivering")
                .help("Voeg 'motivering \"...\"' toe aan de lezing: waarom de toewijzingsraad de bron zo leest, met de woorden van de bron."),
            );
        }
        let tables: Vec<&Table> = match &s.body {
            SectionBody::Verdeelsleutel(v) => vec![&v.table],
            SectionBody::Doelgroepen(d) => d.reserved.iter().collect(),
            _ => Vec::new(),
        };
        for t in tables {
            for r in &t.rows {
                let Some(o) = &r.outside_total else {
                    continue;
                };
                // the section's stated reading may give the reason for its rows
                if o.motivation.is_none() && !s.readings.iter().any(|r| r.motivation.is_some()) {
                    found.push(
                        Diagnostic::new(
                            Code::R0216,
                            file,
                            o.span,
                            format!(
                                "Er staat geen motivering bij de rij '{}' buiten het totaal.",
                                r.name.value
                            ),
                        )
                        .label("geen motivering")
                        .help("Schrijf 'buiten het totaal motivering \"...\"', of zeg in een 'lezing' van de sectie, met motivering, waarom deze rij niet meetelt in het vermelde totaal."),
                    );
                }
            }
        }
    }
    for d in found {
        cx.push(d);
    }
}
