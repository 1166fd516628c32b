//! What changed between two versions of a reglement, said in the
//! reglement's own terms ("pijler 2, criterium inkomen, alleenstaande
//! categorie 1: plafond 1.379,13 € → 1.401,20 €"). Computed on the compiled
//! plans, not on the text: a moved line, a new comment or reformatting is no
//! change; a changed number in the regional file is. Source locations
//! (`herkomst`) are left out of the comparison.

use crate::nl;
use crate::plan::*;
use crate::syntax::ast::Household;
use serde::Serialize;
use std::collections::BTreeMap;

/// One change: where, what, and the old and new value (absent for an
/// addition or a removal).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// "pijler 2, criterium inkomen".
    pub plaats: String,
    /// "alleenstaande categorie 1: plafond", or the thing added or removed.
    pub wat: String,
    pub oud: Option<String>,
    pub nieuw: Option<String>,
}

impl Change {
    /// The change as one line of Dutch.
    pub fn line(&self) -> String {
        match (&self.oud, &self.nieuw) {
            // "pijler 2, criterium inkomen, alleenstaande categorie 1: plafond 1.379,13 € → 1.401,20 €"
            (Some(o), Some(n)) if self.wat.contains(':') => {
                format!("{}, {} {o} → {n}", self.plaats, self.wat)
            }
            // "pijler 2: aandeel 20% → 25%"
            (Some(o), Some(n)) => format!("{}: {} {o} → {n}", self.plaats, self.wat),
            (None, Some(n)) if n.is_empty() => format!("{}: {} toegevoegd", self.plaats, self.wat),
            (None, Some(n)) => format!("{}: {} toegevoegd ({n})", self.plaats, self.wat),
            (Some(o), None) if o.is_empty() => format!("{}: {} geschrapt", self.plaats, self.wat),
            (Some(o), None) => format!("{}: {} geschrapt ({o})", self.plaats, self.wat),
            (None, None) => format!("{}: {}", self.plaats, self.wat),
        }
    }
}

/// The changes from `old` to `new`, in the order of the plan.
pub fn diff(old: &Plan, new: &Plan) -> Vec<Change> {
    let mut d = Differ::default();
    d.identity(&old.reglement, &new.reglement);
    d.werkingsgebied(&old.werkingsgebied, &new.werkingsgebied);
    d.standaard(old.standaard.as_ref(), new.standaard.as_ref());
    d.versneld(old.versneld.as_ref(), new.versneld.as_ref());
    d.doelgroepen(old.doelgroepen.as_ref(), new.doelgroepen.as_ref());
    d.bijzonder(&old.bijzonder, &new.bijzonder);
    d.bezetting(&old.bezetting, &new.bezetting);
    d.out
}

#[derive(Default)]
struct Differ {
    out: Vec<Change>,
}

fn opt(v: &Option<String>) -> String {
    v.clone().unwrap_or_else(|| "niet vermeld".into())
}

fn list(v: &[String]) -> String {
    if v.is_empty() {
        "geen".into()
    } else {
        v.join(", ")
    }
}

fn rule(r: &WoonbindingRegel) -> String {
    format!(
        "{} jaar ononderbroken in de laatste {} jaar",
        r.jaren, r.venster
    )
}

fn tier(t: &PlanTier) -> String {
    let base = match t.soort {
        PlanTierKind::StrengereWoonbinding => "strengere woonbinding".to_string(),
        PlanTierKind::WoonbindingGemeente => "woonbinding gemeente".to_string(),
        PlanTierKind::WoonbindingWerkingsgebied => "woonbinding werkingsgebied".to_string(),
        PlanTierKind::WoonbindingDeelwerkingsgebied => {
            format!(
                "woonbinding deelwerkingsgebied ({})",
                t.gemeenten.join(", ")
            )
        }
        PlanTierKind::Mantelzorg => "mantelzorg".to_string(),
        PlanTierKind::Inschrijvingsdatum => "inschrijvingsdatum".to_string(),
    };
    match &t.regel {
        Some(r) => format!("{base} {}", rule(r)),
        None => base,
    }
}

fn months(m: Option<u32>) -> String {
    m.map(nl::months).unwrap_or_else(|| "geen".into())
}

/// Points as a value in a change: "15", or "geen" for a row never scored.
fn points(p: Option<u32>) -> String {
    match p {
        Some(n) => n.to_string(),
        None => "geen".into(),
    }
}

fn points_text(p: Option<u32>) -> String {
    match p {
        Some(n) => nl::points(n),
        None => "geen punten".into(),
    }
}

/// Items keyed for comparison, in first-seen order of old then new.
fn keyed<'a, T, K: Ord + Clone>(
    old: &'a [T],
    new: &'a [T],
    key: impl Fn(&T) -> K,
) -> Vec<(K, Option<&'a T>, Option<&'a T>)> {
    let o: BTreeMap<K, &T> = old.iter().map(|x| (key(x), x)).collect();
    let n: BTreeMap<K, &T> = new.iter().map(|x| (key(x), x)).collect();
    let mut order: Vec<K> = old.iter().map(&key).collect();
    for k in new.iter().map(&key) {
        if !order.contains(&k) {
            order.push(k);
        }
    }
    order
        .into_iter()
        .map(|k| {
            let a = o.get(&k).copied();
            let b = n.get(&k).copied();
            (k, a, b)
        })
        .collect()
}

impl Differ {
    fn changed(&mut self, plaats: &str, wat: &str, old: String, new: String) {
        if old != new {
            self.out.push(Change {
                plaats: plaats.to_string(),
                wat: wat.to_string(),
                oud: Some(old),
                nieuw: Some(new),
            });
        }
    }

    fn added(&mut self, plaats: &str, wat: String, detail: String) {
        self.out.push(Change {
            plaats: plaats.to_string(),
            wat,
            oud: None,
            nieuw: Some(detail),
        });
    }

    fn removed(&mut self, plaats: &str, wat: String, detail: String) {
        self.out.push(Change {
            plaats: plaats.to_string(),
            wat,
            oud: Some(detail),
            nieuw: None,
        });
    }

    fn identity(&mut self, o: &PlanIdentity, n: &PlanIdentity) {
        let p = "reglement";
        self.changed(
            p,
            "woonmaatschappij",
            o.woonmaatschappij.clone(),
            n.woonmaatschappij.clone(),
        );
        self.changed(
            p,
            "toewijzingsraad",
            opt(&o.toewijzingsraad),
            opt(&n.toewijzingsraad),
        );
        self.changed(p, "versie", opt(&o.versie), opt(&n.versie));
        let date =
            |d: Option<chrono::NaiveDate>| d.map(nl::date).unwrap_or_else(|| "niet vermeld".into());
        self.changed(
            p,
            "geldig vanaf",
            date(o.geldig_vanaf),
            date(n.geldig_vanaf),
        );
        self.changed(p, "geldig tot", date(o.geldig_tot), date(n.geldig_tot));
        self.changed(p, "status", opt(&o.status), opt(&n.status));
        self.changed(p, "regionaal kader", opt(&o.regio), opt(&n.regio));
    }

    fn werkingsgebied(&mut self, o: &PlanWerkingsgebied, n: &PlanWerkingsgebied) {
        let p = "werkingsgebied";
        for (name, a, b) in keyed(&o.gemeenten, &n.gemeenten, |g| g.naam.clone()) {
            let place = format!("gemeente {name}");
            match (a, b) {
                (None, Some(b)) => self.added(
                    p,
                    format!("gemeente {name}"),
                    format!("{} woningen", nl::thousands(b.woningen)),
                ),
                (Some(a), None) => self.removed(
                    p,
                    format!("gemeente {name}"),
                    format!("{} woningen", nl::thousands(a.woningen)),
                ),
                (Some(a), Some(b)) => {
                    self.changed(
                        &place,
                        "sociale huurwoningen",
                        nl::thousands(a.woningen),
                        nl::thousands(b.woningen),
                    );
                    let s =
                        |x: &PlanGemeente| x.strengere_woonbinding.as_ref().map(|s| rule(&s.regel));
                    match (s(a), s(b)) {
                        (None, Some(r)) => self.added(&place, "strengere woonbinding".into(), r),
                        (Some(r), None) => self.removed(&place, "strengere woonbinding".into(), r),
                        (Some(x), Some(y)) => self.changed(&place, "strengere woonbinding", x, y),
                        (None, None) => {}
                    }
                    let g = |x: &PlanGemeente| x.woonbinding_gebied.as_ref().map(tier);
                    match (g(a), g(b)) {
                        (None, Some(r)) => {
                            self.added(&place, "woonbinding op het (deel)werkingsgebied".into(), r)
                        }
                        (Some(r), None) => self.removed(
                            &place,
                            "woonbinding op het (deel)werkingsgebied".into(),
                            r,
                        ),
                        (Some(x), Some(y)) => {
                            self.changed(&place, "woonbinding op het (deel)werkingsgebied", x, y)
                        }
                        (None, None) => {}
                    }
                }
                (None, None) => {}
            }
        }
        for (name, a, b) in keyed(&o.deelwerkingsgebieden, &n.deelwerkingsgebieden, |d| {
            d.naam.clone()
        }) {
            let wat = format!("deelwerkingsgebied {name}");
            match (a, b) {
                (None, Some(b)) => self.added(p, wat, list(&b.gemeenten)),
                (Some(a), None) => self.removed(p, wat, list(&a.gemeenten)),
                (Some(a), Some(b)) => self.changed(p, &wat, list(&a.gemeenten), list(&b.gemeenten)),
                (None, None) => {}
            }
        }
    }

    fn standaard(&mut self, o: Option<&PlanStandaard>, n: Option<&PlanStandaard>) {
        let p = "pijler 1";
        match (o, n) {
            (None, Some(_)) => self.added(p, "standaardtoewijzing".into(), String::new()),
            (Some(_), None) => self.removed(p, "standaardtoewijzing".into(), String::new()),
            (Some(a), Some(b)) => {
                let share = |x: Option<i64>| {
                    x.map(|v| format!("minimaal {}", nl::percent(v)))
                        .unwrap_or_else(|| "niet vermeld".into())
                };
                self.changed(
                    p,
                    "aandeel",
                    share(a.aandeel_minimaal),
                    share(b.aandeel_minimaal),
                );
                let order =
                    |x: &PlanStandaard| x.rangorde.iter().map(tier).collect::<Vec<_>>().join(" > ");
                self.changed(p, "rangorde", order(a), order(b));
            }
            (None, None) => {}
        }
    }

    fn versneld(&mut self, o: Option<&PlanVersneld>, n: Option<&PlanVersneld>) {
        let p = "pijler 2";
        let (a, b) = match (o, n) {
            (None, Some(_)) => return self.added(p, "versnelde toewijzing".into(), String::new()),
            (Some(_), None) => {
                return self.removed(p, "versnelde toewijzing".into(), String::new())
            }
            (Some(a), Some(b)) => (a, b),
            (None, None) => return,
        };
        self.changed(p, "aandeel", nl::percent(a.aandeel), nl::percent(b.aandeel));
        let basis = |x: &PlanVersneld| {
            x.basis.as_ref().map(|b| {
                format!(
                    "gemiddeld {} toewijzingen per jaar, {} versneld",
                    nl::decimal(b.gemiddelde),
                    nl::decimal(b.versneld_per_jaar)
                )
            })
        };
        self.changed(p, "basis", opt(&basis(a)), opt(&basis(b)));
        self.changed(p, "verdeling", a.verdeling.clone(), b.verdeling.clone());
        for (code, x, y) in keyed(&a.doelgroepen, &b.doelgroepen, |g| g.code.clone()) {
            let wat = format!("doelgroep {code}");
            match (x, y) {
                (None, Some(y)) => self.added(p, wat, opt(&y.titel)),
                (Some(x), None) => self.removed(p, wat, opt(&x.titel)),
                (Some(x), Some(y)) => {
                    let place = format!("{p}, doelgroep {code}");
                    self.changed(&place, "titel", opt(&x.titel), opt(&y.titel));
                    self.changed(
                        &place,
                        "wettelijke groep",
                        opt(&x.wettelijke_groep),
                        opt(&y.wettelijke_groep),
                    );
                    self.changed(&place, "situaties", list(&x.situaties), list(&y.situaties));
                    let share = |v: Option<i64>| {
                        v.map(nl::percent).unwrap_or_else(|| "niet vermeld".into())
                    };
                    self.changed(&place, "aandeel", share(x.aandeel), share(y.aandeel));
                    self.changed(
                        &place,
                        "voorwaarden",
                        list(&x.voorwaarden),
                        list(&y.voorwaarden),
                    );
                }
                (None, None) => {}
            }
        }
        self.wegingskader(&a.wegingskader, &b.wegingskader);
    }

    fn wegingskader(&mut self, a: &PlanWegingskader, b: &PlanWegingskader) {
        let p = "pijler 2";
        self.changed(p, "wegingskader", a.naam.clone(), b.naam.clone());
        for (code, x, y) in keyed(&a.criteria, &b.criteria, |c| c.code.clone()) {
            let wat = format!("criterium {code}");
            match (x, y) {
                (None, Some(y)) => self.added(p, wat, opt(&y.titel)),
                (Some(x), None) => self.removed(p, wat, opt(&x.titel)),
                (Some(x), Some(y)) => {
                    let place = format!("{p}, criterium {code}");
                    self.changed(&place, "titel", opt(&x.titel), opt(&y.titel));
                    self.changed(
                        &place,
                        "gegeven",
                        x.kenmerk.field().into(),
                        y.kenmerk.field().into(),
                    );
                    self.table(&place, &x.tabel, &y.tabel);
                }
                (None, None) => {}
            }
        }
        let drempel = |d: &PlanDrempel| {
            if d.criteria.is_empty() {
                format!("minimaal {} in totaal", nl::points(d.minimum))
            } else {
                format!(
                    "minimaal {} op {}",
                    nl::points(d.minimum),
                    d.criteria.join(", ")
                )
            }
        };
        let drempels = |w: &PlanWegingskader| w.drempels.iter().map(drempel).collect::<Vec<_>>();
        self.changed(p, "drempel", list(&drempels(a)), list(&drempels(b)));
        let order = |w: &PlanWegingskader| {
            w.volgorde
                .iter()
                .map(|t| match t {
                    PlanTieBreak::Inschrijvingsdatum => "inschrijvingsdatum".to_string(),
                    PlanTieBreak::MeestePunten { criterium } => {
                        format!("meeste punten op {criterium}")
                    }
                })
                .collect::<Vec<_>>()
        };
        self.changed(p, "bij gelijke punten", list(&order(a)), list(&order(b)));
        self.changed(
            p,
            "hoogst haalbare totaal",
            nl::points(a.max_totaal),
            nl::points(b.max_totaal),
        );
    }

    fn table(&mut self, place: &str, a: &PuntenTabel, b: &PuntenTabel) {
        match (a, b) {
            (PuntenTabel::Codes { rijen: x }, PuntenTabel::Codes { rijen: y }) => {
                for (code, r, s) in keyed(x, y, |r| r.code.clone()) {
                    match (r, s) {
                        (None, Some(s)) => {
                            self.added(place, format!("code {code}"), points_text(s.punten))
                        }
                        (Some(r), None) => {
                            self.removed(place, format!("code {code}"), points_text(r.punten))
                        }
                        (Some(r), Some(s)) => {
                            self.changed(
                                place,
                                &format!("{code}: punten"),
                                points(r.punten),
                                points(s.punten),
                            );
                            self.changed(
                                place,
                                &format!("{code}: omschrijving"),
                                opt(&r.omschrijving),
                                opt(&s.omschrijving),
                            );
                        }
                        (None, None) => {}
                    }
                }
            }
            (
                PuntenTabel::Bedragen {
                    rijen: x,
                    anders: ax,
                    leefloon: lx,
                },
                PuntenTabel::Bedragen {
                    rijen: y,
                    anders: ay,
                    leefloon: ly,
                },
            ) => {
                let key = |r: &BedragRij| (r.gezinstype, r.categorie);
                let label = |(h, c): (Household, u32)| format!("{} categorie {c}", h.label());
                for (k, r, s) in keyed(x, y, key) {
                    let wat = label(k);
                    match (r, s) {
                        (None, Some(s)) => self.added(
                            place,
                            wat,
                            format!(
                                "plafond {}, {}",
                                nl::euro(s.plafond_cent),
                                nl::points(s.punten)
                            ),
                        ),
                        (Some(r), None) => self.removed(
                            place,
                            wat,
                            format!(
                                "plafond {}, {}",
                                nl::euro(r.plafond_cent),
                                nl::points(r.punten)
                            ),
                        ),
                        (Some(r), Some(s)) => {
                            self.changed(
                                place,
                                &format!("{wat}: plafond"),
                                nl::euro(r.plafond_cent),
                                nl::euro(s.plafond_cent),
                            );
                            let plus = |v: Option<i64>| {
                                v.map(|c| format!("leefloon + {}", nl::euro(c)))
                                    .unwrap_or_else(|| "vast bedrag".into())
                            };
                            self.changed(
                                place,
                                &format!("{wat}: berekening"),
                                plus(r.leefloon_plus_cent),
                                plus(s.leefloon_plus_cent),
                            );
                            self.changed(
                                place,
                                &format!("{wat}: punten"),
                                r.punten.to_string(),
                                s.punten.to_string(),
                            );
                        }
                        (None, None) => {}
                    }
                }
                self.changed(
                    place,
                    "hoger inkomen: punten",
                    ax.to_string(),
                    ay.to_string(),
                );
                for (vanaf, r, s) in keyed(lx, ly, |l| l.vanaf) {
                    let wat = format!("leefloon vanaf {}", nl::date(vanaf));
                    let amounts = |l: &LeefloonPeriode| {
                        format!(
                            "alleenstaande {}, gezin {}",
                            l.alleenstaande_cent
                                .map(nl::euro)
                                .unwrap_or_else(|| "—".into()),
                            l.gezin_cent.map(nl::euro).unwrap_or_else(|| "—".into())
                        )
                    };
                    match (r, s) {
                        (None, Some(s)) => self.added(place, wat, amounts(s)),
                        (Some(r), None) => self.removed(place, wat, amounts(r)),
                        (Some(r), Some(s)) => self.changed(place, &wat, amounts(r), amounts(s)),
                        (None, None) => {}
                    }
                }
            }
            (PuntenTabel::Aantallen { rijen: x }, PuntenTabel::Aantallen { rijen: y }) => {
                let range = |r: &AantalRij| match r.tot {
                    Some(t) if t == r.van => r.van.to_string(),
                    Some(t) => format!("{} tot en met {t}", r.van),
                    None => format!("{} of meer", r.van),
                };
                for (_, r, s) in keyed(x, y, |r| r.van) {
                    match (r, s) {
                        (None, Some(s)) => {
                            self.added(place, format!("rij {}", range(s)), nl::points(s.punten))
                        }
                        (Some(r), None) => {
                            self.removed(place, format!("rij {}", range(r)), nl::points(r.punten))
                        }
                        (Some(r), Some(s)) => {
                            self.changed(
                                place,
                                &format!("rij {}: bereik", r.van),
                                range(r),
                                range(s),
                            );
                            self.changed(
                                place,
                                &format!("{}: punten", range(s)),
                                r.punten.to_string(),
                                s.punten.to_string(),
                            );
                        }
                        (None, None) => {}
                    }
                }
            }
            _ => self.changed(
                place,
                "soort puntentabel",
                table_kind(a).into(),
                table_kind(b).into(),
            ),
        }
    }

    fn doelgroepen(&mut self, o: Option<&PlanDoelgroepen>, n: Option<&PlanDoelgroepen>) {
        let p = "pijler 3";
        let (a, b) = match (o, n) {
            (None, Some(_)) => {
                return self.added(p, "specifieke doelgroepen".into(), String::new())
            }
            (Some(_), None) => {
                return self.removed(p, "specifieke doelgroepen".into(), String::new())
            }
            (Some(a), Some(b)) => (a, b),
            (None, None) => return,
        };
        let yes = |v: bool| if v { "geldt" } else { "geldt niet" }.to_string();
        self.changed(
            p,
            "lokale binding",
            yes(a.lokale_binding),
            yes(b.lokale_binding),
        );
        let describe = |g: &PlanP3Doelgroep| {
            let mut parts = vec![g.titel.clone().unwrap_or_else(|| g.code.clone())];
            match &g.wettelijke_doelgroep {
                Some(w) => parts.push(format!("wettelijke doelgroep {w}")),
                None if g.ministeriele_toetsing => {
                    parts.push("lokale doelgroep met ministeriële toetsing".into())
                }
                None => parts.push("lokale doelgroep".into()),
            }
            if let Some(gm) = &g.gemeente {
                parts.push(format!("gemeente {gm}"));
            }
            parts.join(", ")
        };
        for (code, x, y) in keyed(&a.groepen, &b.groepen, |g| g.code.clone()) {
            let wat = format!("doelgroep {code}");
            match (x, y) {
                (None, Some(y)) => self.added(p, wat, describe(y)),
                (Some(x), None) => self.removed(p, wat, describe(x)),
                (Some(x), Some(y)) => {
                    let place = format!("{p}, doelgroep {code}");
                    self.changed(&place, "titel", opt(&x.titel), opt(&y.titel));
                    self.changed(
                        &place,
                        "wettelijke doelgroep",
                        opt(&x.wettelijke_doelgroep),
                        opt(&y.wettelijke_doelgroep),
                    );
                    let review = |v: bool| if v { "ja" } else { "nee" }.to_string();
                    self.changed(
                        &place,
                        "ministeriële toetsing",
                        review(x.ministeriele_toetsing),
                        review(y.ministeriele_toetsing),
                    );
                    self.changed(
                        &place,
                        "begeleidingsovereenkomst",
                        months(x.begeleiding_maanden),
                        months(y.begeleiding_maanden),
                    );
                    self.changed(
                        &place,
                        "verwijzers",
                        list(&x.verwijzers),
                        list(&y.verwijzers),
                    );
                    self.changed(&place, "gemeente", opt(&x.gemeente), opt(&y.gemeente));
                }
                (None, None) => {}
            }
        }
        for (gemeente, x, y) in keyed(&a.voorbehouden, &b.voorbehouden, |v| v.gemeente.clone()) {
            let place = format!("{p}, voorbehouden woningen in {gemeente}");
            let empty = BTreeMap::new();
            let xm = x.map_or(&empty, |v| &v.per_doelgroep);
            let ym = y.map_or(&empty, |v| &v.per_doelgroep);
            let mut groups: Vec<&String> = xm.keys().collect();
            groups.extend(ym.keys().filter(|k| !xm.contains_key(*k)));
            for g in groups {
                let v = |m: &BTreeMap<String, u64>| {
                    m.get(g)
                        .map(|n| nl::thousands(*n))
                        .unwrap_or_else(|| "0".into())
                };
                self.changed(&place, g, v(xm), v(ym));
            }
        }
    }

    fn bijzonder(&mut self, a: &[PlanBijzonder], b: &[PlanBijzonder]) {
        let p = "pijler 4";
        for (code, x, y) in keyed(a, b, |k| k.code.clone()) {
            let wat = format!("soort {code}");
            match (x, y) {
                (None, Some(y)) => self.added(p, wat, opt(&y.titel)),
                (Some(x), None) => self.removed(p, wat, opt(&x.titel)),
                (Some(x), Some(y)) => {
                    self.changed(p, &format!("{wat}: titel"), opt(&x.titel), opt(&y.titel))
                }
                (None, None) => {}
            }
        }
    }

    fn bezetting(&mut self, a: &[PlanBezetting], b: &[PlanBezetting]) {
        let p = "rationele bezetting";
        let persons = |r: &PlanBezetting| {
            format!("{} tot en met {} personen", r.min_personen, r.max_personen)
        };
        for (rooms, x, y) in keyed(a, b, |r| r.slaapkamers) {
            let wat = format!("{rooms} slaapkamers");
            match (x, y) {
                (None, Some(y)) => self.added(p, wat, persons(y)),
                (Some(x), None) => self.removed(p, wat, persons(x)),
                (Some(x), Some(y)) => self.changed(p, &wat, persons(x), persons(y)),
                (None, None) => {}
            }
        }
    }
}

fn table_kind(t: &PuntenTabel) -> &'static str {
    match t {
        PuntenTabel::Codes { .. } => "codes",
        PuntenTabel::Bedragen { .. } => "bedragen",
        PuntenTabel::Aantallen { .. } => "aantallen",
    }
}

/// The report of a difference as text: a heading naming both versions,
/// then one line per change.
pub fn render_text(old: &Plan, new: &Plan, changes: &[Change]) -> String {
    let name = |p: &Plan| {
        format!(
            "{} versie {} ({})",
            p.reglement.woonmaatschappij,
            p.reglement.versie.as_deref().unwrap_or("zonder nummer"),
            p.reglement.bron_hash
        )
    };
    let mut s = format!("Van {}\nnaar {}\n\n", name(old), name(new));
    if changes.is_empty() {
        s.push_str("Geen inhoudelijke verschillen.\n");
    } else {
        for c in changes {
            s.push_str(&format!("- {}\n", c.line()));
        }
    }
    s
}
