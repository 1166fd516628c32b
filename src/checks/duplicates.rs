//! R0205: a name defined twice, or a statement written twice where one is
//! meant. Both places are shown: the second as the primary label, the first
//! as a related one. The model reads the first; the second would silently
//! be ignored.

use super::documents::section_noun;
use super::Ctx;
use crate::diagnostic::Code;
use crate::diagnostic::Diagnostic;
use crate::source::FileId;
use crate::span::Span;
use crate::syntax::ast::*;
use std::collections::HashMap;

/// One place a name or statement occurs.
struct At {
    file: FileId,
    span: Span,
}

/// Reports every occurrence after the first of the same key.
fn report<K: std::hash::Hash + Eq>(
    cx: &mut Ctx<'_>,
    items: impl IntoIterator<Item = (K, At)>,
    message: impl Fn(&K) -> String,
    help: &str,
) {
    let mut first: HashMap<K, At> = HashMap::new();
    let mut found = Vec::new();
    for (key, at) in items {
        match first.get(&key) {
            Some(f) => found.push(
                Diagnostic::new(Code::R0205, at.file, at.span, message(&key))
                    .label("tweede keer")
                    .related(f.file, f.span, "eerste keer")
                    .help(help),
            ),
            None => {
                first.insert(key, at);
            }
        }
    }
    for d in found {
        cx.push(d);
    }
}

/// A single statement written more than once in one place.
fn twice(cx: &mut Ctx<'_>, file: FileId, spans: &[Span], what: &str, place: &str) {
    if spans.len() < 2 {
        return;
    }
    report(
        cx,
        spans.iter().map(|s| ((), At { file, span: *s })),
        |_| format!("'{what}' staat meer dan één keer in {place}."),
        "Houd er één: bij twee verschillende waarden is niet duidelijk welke geldt (de compiler neemt de eerste).",
    );
}

fn names<'a>(file: FileId, list: impl IntoIterator<Item = &'a Name>) -> Vec<(String, At)> {
    list.into_iter()
        .map(|n| (n.value.clone(), At { file, span: n.span }))
        .collect()
}

pub(super) fn check(cx: &mut Ctx<'_>) {
    sections(cx);
    definitions(cx);
    statements(cx);
}

fn sections(cx: &mut Ctx<'_>) {
    let m = cx.m;
    for f in &m.files {
        let singles = f.ast.sections.iter().filter_map(|s| {
            let k = s.body.kind();
            (k != SectionKind::Gemeente
                && k != SectionKind::Wegingskader
                && k != SectionKind::Verdeelsleutel
                && k != SectionKind::Test)
                .then_some((
                    k,
                    At {
                        file: f.file,
                        span: s.header,
                    },
                ))
        });
        report(
            cx,
            singles.collect::<Vec<_>>(),
            |k| format!("Het bestand bevat {} twee keer.", section_noun(*k)),
            "Voeg beide secties samen tot één: de compiler leest enkel de eerste.",
        );
    }
    let gemeenten: Vec<(String, At)> = m
        .gemeente_secties()
        .map(|(s, g)| {
            (
                g.gemeente.value.clone(),
                At {
                    file: m.file_of(s),
                    span: s.header,
                },
            )
        })
        .collect();
    report(
        cx,
        gemeenten,
        |g| format!("De gemeente {g} heeft twee eigen secties."),
        "Voeg beide samen tot één sectie 'gemeente' per gemeente.",
    );
}

/// Names defined twice, phase by phase (the order of the checks is the
/// order of the diagnostics).
fn definitions(cx: &mut Ctx<'_>) {
    area(cx);
    named_blocks(cx);
    criteria(cx);
    groups(cx);
    region_members(cx);
    history(cx);
    consensus(cx);
    tables(cx);
}

/// The werkingsgebied: its gemeenten and its deelwerkingsgebieden.
fn area(cx: &mut Ctx<'_>) {
    let m = cx.m;
    if let Some((ws, w)) = m.werkingsgebied() {
        let main = m.file_of(ws);
        report(
            cx,
            names(main, w.gemeenten.iter().map(|g| &g.name)),
            |g| format!("De gemeente {g} staat twee keer in het werkingsgebied."),
            "Houd één rij per gemeente, met al haar sociale huurwoningen.",
        );
        report(
            cx,
            names(main, w.deelgebieden.iter().map(|d| &d.name)),
            |d| format!("Het deelwerkingsgebied '{d}' is twee keer vastgelegd."),
            "Houd er één, of geef het andere een andere naam.",
        );
    }
}

/// Wegingskaders and verdeelsleutels, by name, across the reglement and its regional file.
fn named_blocks(cx: &mut Ctx<'_>) {
    let m = cx.m;
    let frames: Vec<(String, At)> = m
        .wegingskaders()
        .map(|(f, _, w)| {
            (
                w.name.value.clone(),
                At {
                    file: f,
                    span: w.name.span,
                },
            )
        })
        .collect();
    report(
        cx,
        frames,
        |n| format!("Er zijn twee wegingskaders met de naam '{n}'."),
        "Geef elk wegingskader een eigen naam; een reglement en zijn regionale bestand mogen geen wegingskader met dezelfde naam hebben.",
    );
    let keys: Vec<(String, At)> = m
        .verdeelsleutels()
        .map(|(f, _, v)| {
            (
                v.name.value.clone(),
                At {
                    file: f,
                    span: v.name.span,
                },
            )
        })
        .collect();
    report(
        cx,
        keys,
        |n| format!("Er zijn twee verdeelsleutels met de naam '{n}'."),
        "Geef elke verdeelsleutel een eigen naam.",
    );
}

/// Within each wegingskader: its criteria, and the rows of each criterion.
fn criteria(cx: &mut Ctx<'_>) {
    let m = cx.m;
    let frames: Vec<_> = m.wegingskaders().collect();
    for (f, _, w) in frames {
        report(
            cx,
            names(f, w.criteria.iter().map(|c| &c.code)),
            |c| format!("Het wegingskader heeft twee criteria '{c}'."),
            "Geef elk criterium een eigen naam, of voeg beide samen.",
        );
        for c in &w.criteria {
            let crit = c.code.value.clone();
            report(
                cx,
                names(f, c.situations.iter().map(|r| &r.code)),
                |code| format!("De code '{code}' staat twee keer in het criterium '{crit}'."),
                "Houd één rij per code: een kandidaat met die code moet precies één aantal punten krijgen.",
            );
            let brackets: Vec<((Household, u32), At)> = c
                .brackets
                .iter()
                .map(|r| {
                    (
                        (r.household.value, r.category.value),
                        At {
                            file: f,
                            span: r.span,
                        },
                    )
                })
                .collect();
            report(
                cx,
                brackets,
                |(h, k)| {
                    format!(
                        "Categorie {k} voor een {} staat twee keer in het criterium '{crit}'.",
                        h.label()
                    )
                },
                "Houd één rij per gezinstype en categorie.",
            );
            let dates: Vec<(chrono::NaiveDate, At)> = c
                .leefloon
                .iter()
                .map(|l| {
                    (
                        l.from.value,
                        At {
                            file: f,
                            span: l.from.span,
                        },
                    )
                })
                .collect();
            report(
                cx,
                dates,
                |d| {
                    format!(
                        "Het leefloon vanaf {} staat twee keer in het criterium '{crit}'.",
                        super::fmt::date(*d)
                    )
                },
                "Houd één regel 'leefloon vanaf' per datum.",
            );
            let otherwise: Vec<Span> = c.otherwise.iter().map(|(_, s)| *s).collect();
            twice(
                cx,
                f,
                &otherwise,
                "anders",
                &format!("het criterium '{crit}'"),
            );
        }
    }
}

/// The target groups of pillar 2 and 3, the situations of pillar 2, the kinds of pillar 4.
fn groups(cx: &mut Ctx<'_>) {
    let m = cx.m;
    let main = m.main;
    if let Some((vs, v)) = m.versneld() {
        let main = m.file_of(vs);
        report(
            cx,
            names(main, v.groups.iter().map(|g| &g.code)),
            |g| format!("De versnelde toewijzing heeft twee doelgroepen '{g}'."),
            "Geef elke doelgroep een eigen code, of voeg beide samen.",
        );
        report(
            cx,
            names(main, v.groups.iter().flat_map(|g| &g.situations)),
            |s| format!("De situatie '{s}' staat bij meer dan één doelgroep."),
            "Een situatie hoort bij één doelgroep: schrap ze bij een van beide.",
        );
    }
    let p3: Vec<(String, At)> = names(
        main,
        m.own_pillar3_groups().into_iter().map(|(_, g)| &g.code),
    );
    report(
        cx,
        p3,
        |g| format!("Er zijn twee specifieke doelgroepen '{g}'."),
        "Geef elke doelgroep een eigen code (ook een lokale doelgroep van een gemeente), of voeg beide samen.",
    );
    if let Some((bs, b)) = m.bijzonder() {
        let main = m.file_of(bs);
        report(
            cx,
            names(main, b.kinds.iter().map(|k| &k.code)),
            |k| format!("De soort '{k}' staat twee keer bij de bijzondere toewijzingen."),
            "Houd er één.",
        );
    }
}

/// The woonmaatschappijen of a regional frame.
fn region_members(cx: &mut Ctx<'_>) {
    let m = cx.m;
    for (f, s) in m.sections() {
        if let SectionBody::Regio(r) = &s.body {
            report(
                cx,
                names(f, &r.woonmaatschappijen),
                |w| format!("De woonmaatschappij '{w}' staat twee keer in de regio."),
                "Houd er één.",
            );
        }
    }
}

/// The years of the allocation history.
fn history(cx: &mut Ctx<'_>) {
    let m = cx.m;
    if let Some((hs, h)) = m.historiek() {
        let main = m.file_of(hs);
        let years: Vec<(i32, At)> = h
            .rows
            .iter()
            .map(|r| {
                (
                    r.year.value,
                    At {
                        file: main,
                        span: r.year.span,
                    },
                )
            })
            .collect();
        report(
            cx,
            years,
            |y| format!("Het jaar {y} staat twee keer in de toewijzingshistoriek."),
            "Houd één rij per jaar, met alle toewijzingen van dat jaar.",
        );
    }
}

/// The gemeenten of a woonbinding's consensus.
fn consensus(cx: &mut Ctx<'_>) {
    let m = cx.m;
    let main = m.main;
    if let Some((_, st)) = m.standaard() {
        for t in st.rangorde.iter().flat_map(|r| &r.tiers) {
            if let TierKind::Woonbinding {
                consensus: Some(c), ..
            } = &t.kind
            {
                report(
                    cx,
                    names(main, c.rows.iter().map(|r| &r.gemeente)),
                    |g| format!("De beslissing van {g} staat twee keer in de consensus."),
                    "Houd één rij per gemeente, met de datum van haar beslissing.",
                );
            }
        }
    }
}

/// The rows and columns of tables (reserved dwellings, verdeelsleutels).
fn tables(cx: &mut Ctx<'_>) {
    let m = cx.m;
    let main = m.main;
    let mut tables: Vec<(FileId, &Table, String)> = Vec::new();
    if let Some((_, d)) = m.doelgroepen() {
        tables.extend(
            d.reserved
                .iter()
                .map(|t| (main, t, "de voorbehouden woningen".to_string())),
        );
    }
    for (f, _, v) in m.verdeelsleutels() {
        tables.push((f, &v.table, format!("de verdeelsleutel '{}'", v.name.value)));
    }
    for (f, t, what) in tables {
        report(
            cx,
            names(f, t.rows.iter().map(|r| &r.name)),
            |r| format!("'{r}' heeft twee rijen in {what}."),
            "Houd één rij per naam.",
        );
        report(
            cx,
            names(f, &t.columns),
            |c| format!("De kolom '{c}' staat twee keer in {what}."),
            "Houd één kolom per doelgroep.",
        );
        let totals: Vec<Span> = t.totals.iter().map(|r| r.span).collect();
        twice(cx, f, &totals, "totaal", &what);
    }
}

fn statements(cx: &mut Ctx<'_>) {
    let m = cx.m;
    let main = m.main;
    for (f, s) in m.sections() {
        let noun = section_noun(s.body.kind());
        let docs: Vec<Span> = s.documents.iter().map(|d| d.span).collect();
        twice(cx, f, &docs, "document", noun);
        match &s.body {
            SectionBody::Reglement(id) => {
                let sp = |v: &[Text]| v.iter().map(|t| t.span).collect::<Vec<_>>();
                twice(cx, f, &sp(&id.woonmaatschappij), "woonmaatschappij", noun);
                twice(cx, f, &sp(&id.toewijzingsraad), "toewijzingsraad", noun);
                twice(cx, f, &sp(&id.versie), "versie", noun);
                twice(cx, f, &sp(&id.regio), "gebruikt regio", noun);
                let g: Vec<Span> = id.geldig.iter().map(|v| v.span).collect();
                twice(cx, f, &g, "geldig vanaf", noun);
                let st: Vec<Span> = id.status.iter().map(|v| v.span).collect();
                twice(cx, f, &st, "status", noun);
            }
            SectionBody::Regio(r) => {
                let v: Vec<Span> = r.versie.iter().map(|t| t.span).collect();
                twice(cx, f, &v, "versie", noun);
                let g: Vec<Span> = r.geldig.iter().map(|v| v.span).collect();
                twice(cx, f, &g, "geldig vanaf", noun);
            }
            SectionBody::Werkingsgebied(w) => {
                let t: Vec<Span> = w.totaal.iter().map(|t| t.span).collect();
                twice(cx, f, &t, "totaal woningen", noun);
            }
            SectionBody::Standaard(st) => {
                let a: Vec<Span> = st.aandeel.iter().map(|a| a.span).collect();
                twice(cx, f, &a, "aandeel", noun);
                let r: Vec<Span> = st.rangorde.iter().map(|r| r.span).collect();
                twice(cx, f, &r, "rangorde", noun);
                let l: Vec<Span> = st.lokale_binding.iter().map(|l| l.span).collect();
                twice(cx, f, &l, "lokale binding", noun);
            }
            SectionBody::Versneld(v) => {
                let a: Vec<Span> = v.aandeel.iter().map(|a| a.span).collect();
                twice(cx, f, &a, "aandeel", noun);
                let b: Vec<Span> = v.basis.iter().map(|b| b.span).collect();
                twice(cx, f, &b, "basis", noun);
                let w: Vec<Span> = v.wegingskader.iter().map(|w| w.span).collect();
                twice(cx, f, &w, "wegingskader", noun);
                let d: Vec<Span> = v.verdeling.iter().map(|d| d.span).collect();
                twice(cx, f, &d, "verdeling", noun);
                let l: Vec<Span> = v.lokale_binding.iter().map(|l| l.span).collect();
                twice(cx, f, &l, "lokale binding", noun);
                for g in &v.groups {
                    let place = format!("de doelgroep '{}'", g.code.value);
                    let lg: Vec<Span> = g.legal_group.iter().map(|n| n.span).collect();
                    twice(cx, f, &lg, "wettelijke groep", &place);
                    let a: Vec<Span> = g.aandeel.iter().map(|a| a.span).collect();
                    twice(cx, f, &a, "aandeel", &place);
                }
            }
            SectionBody::Wegingskader(w) => {
                let l: Vec<Span> = w.lokale_binding.iter().map(|l| l.span).collect();
                twice(cx, f, &l, "lokale binding", noun);
                let t: Vec<Span> = w.tiebreaks.iter().map(|t| t.span).collect();
                twice(cx, f, &t, "bij gelijke punten", noun);
            }
            SectionBody::Doelgroepen(d) => {
                let l: Vec<Span> = d.lokale_binding.iter().map(|l| l.span).collect();
                twice(cx, f, &l, "lokale binding", noun);
                let v: Vec<Span> = d.verdeelsleutel.iter().map(|v| v.span).collect();
                twice(cx, f, &v, "verdeelsleutel", noun);
                let g: Vec<Span> = d.guidance.iter().map(|g| g.span).collect();
                twice(cx, f, &g, "begeleidingsovereenkomst", noun);
                let r: Vec<Span> = d.reserved.iter().map(|t| t.span).collect();
                twice(cx, f, &r, "voorbehouden woningen", noun);
            }
            SectionBody::Gemeente(g) => {
                let st: Vec<Span> = g.stricter.iter().map(|r| r.span).collect();
                twice(cx, f, &st, "strengere woonbinding", noun);
                let a: Vec<Span> = g.applies_to.iter().map(|a| a.span).collect();
                twice(cx, f, &a, "geldt voor", noun);
            }
            _ => {}
        }
    }
    for (_, g) in m.own_pillar3_groups() {
        let place = format!("de doelgroep '{}'", g.code.value);
        let c: Vec<Span> = g.category.iter().map(|c| c.span).collect();
        twice(cx, main, &c, "wettelijke/lokale doelgroep", &place);
        let b: Vec<Span> = g.guidance.iter().map(|b| b.span).collect();
        twice(cx, main, &b, "begeleidingsovereenkomst", &place);
    }
}
