//! From pest's parse tree to the typed AST ([`super::ast`]).
//!
//! The grammar guarantees the shape of the tree, so a node that is not where
//! the grammar puts it is a bug in this file, not in the input; such nodes are
//! skipped. Values that the grammar cannot check (a date like 2023-02-30, a
//! number too large, three decimals in an amount) become diagnostics R0003.

use super::ast::*;
use super::grammar::Rule;
use crate::diagnostic::Code;
use crate::diagnostic::Diagnostic;
use crate::source::FileId;
use crate::span::{Span, Spanned};
use chrono::NaiveDate;
use pest::iterators::{Pair, Pairs};

/// The largest whole number a reglement may write (1.000.000.000), and the
/// largest whole part of an amount or percentage. Every sum the compiler
/// makes adds numbers of one text; a text of less than 18 GB holds fewer
/// than 2^64 / 10^9 numbers, so no such sum can overflow a `u64`. Products
/// are computed wider (`u128`, `i128`) or checked.
pub const MAX_INTEGER: u64 = 1_000_000_000;

/// "Het getal 18446744073709551615 is te groot: hoogstens 1.000.000.000."
fn too_large(written: &str) -> String {
    let shown: String = written.chars().take(40).collect();
    let more = if written.chars().count() > 40 {
        "…"
    } else {
        ""
    };
    format!(
        "Het getal {shown}{more} is te groot: hoogstens {}.",
        crate::nl::thousands(MAX_INTEGER)
    )
}

pub(super) struct Lowerer<'d> {
    pub base: usize,
    pub file: FileId,
    pub diags: &'d mut Vec<Diagnostic>,
}

type P<'i> = Pair<'i, Rule>;

fn is_keyword(rule: Rule) -> bool {
    format!("{rule:?}").starts_with("kw_")
}

/// The children of a pair without keywords and braces.
fn items(pair: P<'_>) -> impl Iterator<Item = P<'_>> {
    pair.into_inner()
        .filter(|p| !is_keyword(p.as_rule()) && !matches!(p.as_rule(), Rule::open | Rule::close))
}

/// `minimaal` or `maximaal`.
fn bound_of(pair: &P<'_>) -> Bound {
    if has_kw(pair, Rule::kw_minimaal) {
        Bound::Minimaal
    } else {
        Bound::Maximaal
    }
}

/// Whether a pair holds a keyword child with this rule.
fn has_kw(pair: &P<'_>, rule: Rule) -> bool {
    pair.clone().into_inner().any(|p| p.as_rule() == rule)
}

impl Lowerer<'_> {
    /// The pair's span without trailing whitespace (pest includes the
    /// whitespace it skipped before a failed optional part), so that labels
    /// end where the statement ends.
    fn span(&self, p: &P<'_>) -> Span {
        let s = p.as_span();
        let len = p.as_str().trim_end().len();
        Span::new(self.base + s.start(), self.base + s.start() + len)
    }

    fn text(&self, p: &P<'_>) -> Text {
        // a `string` pair: the inner text without quotes
        let inner = p
            .clone()
            .into_inner()
            .next()
            .map(|i| i.as_str().to_string())
            .unwrap_or_default();
        Spanned::new(inner, self.span(p))
    }

    fn name(&self, p: &P<'_>) -> Name {
        match p.as_rule() {
            Rule::place => match p.clone().into_inner().next() {
                Some(inner) if inner.as_rule() == Rule::string => self.text(&inner),
                Some(inner) => Spanned::new(inner.as_str().to_string(), self.span(&inner)),
                None => Spanned::new(String::new(), self.span(p)),
            },
            Rule::string => self.text(p),
            _ => Spanned::new(p.as_str().to_string(), self.span(p)),
        }
    }

    fn names(&self, p: P<'_>) -> Vec<Name> {
        items(p).map(|i| self.name(&i)).collect()
    }

    fn invalid(&mut self, p: &P<'_>, message: String) {
        let span = self.span(p);
        self.diags
            .push(Diagnostic::new(Code::R0003, self.file, span, message).label("ongeldige waarde"));
    }

    /// A whole number, at most [`MAX_INTEGER`]: far above any number of
    /// dwellings, allocations, points or years, and small enough that no
    /// sum of the numbers of a text can overflow (see [`MAX_INTEGER`]).
    fn integer(&mut self, p: &P<'_>) -> Spanned<u64> {
        let digits: String = p.as_str().chars().filter(|c| c.is_ascii_digit()).collect();
        let value = match digits.parse::<u64>() {
            Ok(v) if v <= MAX_INTEGER => v,
            _ => {
                self.invalid(p, too_large(p.as_str()));
                0
            }
        };
        Spanned::new(value, self.span(p))
    }

    fn small(&mut self, p: &P<'_>) -> Spanned<u32> {
        let v = self.integer(p);
        // MAX_INTEGER fits a u32
        Spanned::new(u32::try_from(v.value).unwrap_or(0), v.span)
    }

    /// A Dutch decimal (`1.379,13`) in hundredths.
    fn decimal(&mut self, p: &P<'_>) -> Spanned<Hundredths> {
        let s = p.as_str().trim();
        let (int_part, frac) = match s.split_once(',') {
            Some((i, f)) => (i, f),
            None => (s, ""),
        };
        let int_digits: String = int_part.chars().filter(|c| c.is_ascii_digit()).collect();
        let int: Option<i64> = int_digits.parse().ok();
        let frac_value: Option<i64> = match frac.len() {
            0 => Some(0),
            1 => frac.parse::<i64>().ok().map(|f| f * 10),
            2 => frac.parse::<i64>().ok(),
            _ => None,
        };
        let value = match (int, frac_value) {
            (Some(i), Some(f)) if i <= MAX_INTEGER as i64 => Some(i * 100 + f),
            _ => None,
        };
        let value = match value {
            Some(v) => v,
            None => {
                let message = if frac.len() > 2 {
                    format!("{s}: hoogstens twee cijfers na de komma.")
                } else {
                    too_large(s)
                };
                self.invalid(p, message);
                0
            }
        };
        Spanned::new(value, self.span(p))
    }

    fn find<'i>(&self, p: &P<'i>, rule: Rule) -> Option<P<'i>> {
        p.clone().into_inner().find(|c| c.as_rule() == rule)
    }

    fn date(&mut self, p: &P<'_>) -> Spanned<NaiveDate> {
        let span = self.span(p);
        match NaiveDate::parse_from_str(p.as_str(), "%Y-%m-%d") {
            Ok(d) => Spanned::new(d, span),
            Err(_) => {
                self.invalid(p, format!("{} is geen geldige datum.", p.as_str()));
                Spanned::new(NaiveDate::MIN, span)
            }
        }
    }

    fn amount(&mut self, p: &P<'_>) -> Spanned<Hundredths> {
        match self.find(p, Rule::decimal) {
            Some(d) => {
                let v = self.decimal(&d);
                Spanned::new(v.value, self.span(p))
            }
            None => Spanned::new(0, self.span(p)),
        }
    }

    fn share(&mut self, p: P<'_>) -> Share {
        let span = self.span(&p);
        let mut bound = Bound::Exact;
        let mut percent = Spanned::new(0, span);
        for c in items(p) {
            match c.as_rule() {
                Rule::bound => bound = bound_of(&c),
                Rule::percent => {
                    if let Some(d) = self.find(&c, Rule::decimal) {
                        let v = self.decimal(&d);
                        percent = Spanned::new(v.value, self.span(&c));
                    }
                }
                _ => {}
            }
        }
        Share {
            bound,
            percent,
            span,
        }
    }

    fn binding_rule(&mut self, p: P<'_>) -> BindingRule {
        let span = self.span(&p);
        let uninterrupted = self.find(&p, Rule::uninterrupted).is_some();
        let nums: Vec<P<'_>> = items(p).filter(|c| c.as_rule() == Rule::integer).collect();
        let years = nums
            .first()
            .map(|n| self.small(n))
            .unwrap_or(Spanned::new(0, span));
        let window = nums
            .get(1)
            .map(|n| self.small(n))
            .unwrap_or(Spanned::new(0, span));
        BindingRule {
            years,
            window,
            uninterrupted,
            span,
        }
    }

    fn document(&self, p: &P<'_>) -> Option<Spanned<DocumentKind>> {
        let kind = self.find(p, Rule::document_kind)?;
        let value = if has_kw(&kind, Rule::kw_toewijzingsreglement) {
            DocumentKind::Toewijzingsreglement
        } else if has_kw(&kind, Rule::kw_intern) {
            DocumentKind::InternHuurreglement
        } else {
            DocumentKind::HuishoudelijkReglement
        };
        Some(Spanned::new(value, self.span(&kind)))
    }

    fn lokale_binding(&self, p: &P<'_>) -> Spanned<bool> {
        Spanned::new(
            !has_kw(p, Rule::kw_niet) && self.find(p, Rule::negation).is_none(),
            self.span(p),
        )
    }

    /// Lower one `section` pair.
    pub fn section(&mut self, p: P<'_>) -> Option<Section> {
        let span = self.span(&p);
        let rule = p.as_rule();
        let mut s = Section {
            span,
            header: span,
            article: None,
            title: None,
            documents: Vec::new(),
            motivations: Vec::new(),
            descriptions: Vec::new(),
            annexes: Vec::new(),
            readings: Vec::new(),
            body: SectionBody::Reglement(Identity::default()),
        };
        // header: everything before the opening brace
        let header_end = p
            .clone()
            .into_inner()
            .find(|c| c.as_rule() == Rule::open)
            .map(|o| self.span(&o).start)
            .unwrap_or(span.end);
        s.header = Span::new(span.start, header_end.max(span.start));
        let children: Vec<P<'_>> = items(p).collect();
        let mut body_children = Vec::new();
        let mut name_pair = None;
        for c in children {
            match c.as_rule() {
                Rule::artikel_ref => {
                    if let Some(n) = self.find(&c, Rule::artikel_num) {
                        s.article = Some(Spanned::new(n.as_str().to_string(), self.span(&n)));
                    }
                }
                Rule::title => {
                    if let Some(t) = self.find(&c, Rule::string) {
                        s.title = Some(self.text(&t));
                    }
                }
                Rule::document_stmt => {
                    if let Some(d) = self.document(&c) {
                        s.documents.push(d);
                    }
                }
                Rule::motivering => {
                    if let Some(t) = self.find(&c, Rule::string) {
                        s.motivations.push(self.text(&t));
                    }
                }
                Rule::omschrijving => {
                    if let Some(t) = self.find(&c, Rule::string) {
                        s.descriptions.push(self.text(&t));
                    }
                }
                Rule::bijlage_stmt => {
                    if let Some(t) = self.find(&c, Rule::string) {
                        s.annexes.push(self.text(&t));
                    }
                }
                Rule::lezing_stmt => {
                    if let Some(r) = self.reading(c) {
                        s.readings.push(r);
                    }
                }
                Rule::code | Rule::place if name_pair.is_none() && body_children.is_empty() => {
                    name_pair = Some(c)
                }
                _ => body_children.push(c),
            }
        }
        let name = name_pair.map(|n| self.name(&n));
        s.body = match rule {
            Rule::reglement_sec => SectionBody::Reglement(self.identity(body_children)),
            Rule::regio_sec => SectionBody::Regio(self.regio(body_children)),
            Rule::werkingsgebied_sec => {
                SectionBody::Werkingsgebied(self.werkingsgebied(body_children))
            }
            Rule::deelwerkingsgebied_sec => {
                // the area's name: the title, or a name written without quotes
                if s.title.is_none() {
                    s.title = name.clone();
                }
                let keyword = Span::new(span.start, span.start + "deelwerkingsgebied".len());
                let mut w = self.werkingsgebied(body_children);
                w.deelgebied = Some(keyword);
                SectionBody::Werkingsgebied(w)
            }
            Rule::historiek_sec => SectionBody::Historiek(self.historiek(body_children)),
            Rule::evaluatie_sec => SectionBody::Evaluatie(self.evaluatie(body_children)),
            Rule::standaard_sec => SectionBody::Standaard(self.standaard(body_children)),
            Rule::versneld_sec => SectionBody::Versneld(self.versneld(body_children)),
            Rule::wegingskader_sec => {
                SectionBody::Wegingskader(self.wegingskader(name?, body_children))
            }
            Rule::doelgroepen_sec => SectionBody::Doelgroepen(self.doelgroepen(body_children)),
            Rule::verdeelsleutel_sec => {
                let table = self.table(body_children, span);
                SectionBody::Verdeelsleutel(Verdeelsleutel { name: name?, table })
            }
            Rule::bijzonder_sec => SectionBody::Bijzonder(self.bijzonder(body_children)),
            Rule::bezetting_sec => SectionBody::Bezetting(self.bezetting(body_children)),
            Rule::gemeente_sec => SectionBody::Gemeente(self.gemeente(name?, body_children)),
            Rule::amendement_sec => SectionBody::Amendement(self.amendement(body_children)),
            Rule::test_sec => SectionBody::Test(self.test_case(body_children)),
            _ => return None,
        };
        Some(s)
    }

    fn validity(&mut self, c: P<'_>) -> Validity {
        let span = self.span(&c);
        let dates: Vec<P<'_>> = items(c).filter(|d| d.as_rule() == Rule::date).collect();
        let from = dates
            .first()
            .map(|d| self.date(d))
            .unwrap_or(Spanned::new(NaiveDate::MIN, span));
        let until = dates.get(1).map(|d| self.date(d));
        Validity { from, until, span }
    }

    fn identity(&mut self, children: Vec<P<'_>>) -> Identity {
        let mut id = Identity::default();
        for c in children {
            match c.as_rule() {
                Rule::woonmaatschappij_stmt => {
                    if let Some(t) = self.find(&c, Rule::string) {
                        id.woonmaatschappij.push(self.text(&t));
                    }
                    if let Some(a) = self.find(&c, Rule::code) {
                        id.afkorting = Some(self.name(&a));
                    }
                }
                Rule::versie_stmt => {
                    if let Some(t) = self.find(&c, Rule::string) {
                        id.versie.push(self.text(&t));
                    }
                }
                Rule::toewijzingsraad_stmt => {
                    if let Some(t) = self.find(&c, Rule::string) {
                        id.toewijzingsraad.push(self.text(&t));
                    }
                }
                Rule::regio_use_stmt => {
                    if let Some(t) = self.find(&c, Rule::string) {
                        id.regio.push(self.text(&t));
                    }
                }
                Rule::document_use_stmt => {
                    let span = self.span(&c);
                    if let (Some(kind), Some(t)) = (self.document(&c), self.find(&c, Rule::string))
                    {
                        id.uses.push(DocumentUse {
                            kind,
                            file: self.text(&t),
                            span,
                        });
                    }
                }
                Rule::begrip_stmt => id.terms.extend(self.term(&c)),
                Rule::vergaderingen_stmt => {
                    let span = self.span(&c);
                    let dates: Vec<Spanned<NaiveDate>> = items(c)
                        .filter(|d| d.as_rule() == Rule::date)
                        .map(|d| self.date(&d))
                        .collect();
                    id.meetings.push(Spanned::new(dates, span));
                }
                Rule::council_decision_stmt => {
                    let span = self.span(&c);
                    let gemeente = self
                        .find(&c, Rule::place)
                        .map(|p| self.name(&p))
                        .unwrap_or(Spanned::new(String::new(), span));
                    let date = self
                        .find(&c, Rule::date)
                        .map(|d| self.date(&d))
                        .unwrap_or(Spanned::new(NaiveDate::MIN, span));
                    let amended = self
                        .find(&c, Rule::council_outcome)
                        .is_some_and(|o| has_kw(&o, Rule::kw_met));
                    let note = self.find(&c, Rule::string).map(|s| self.text(&s));
                    id.decisions.push(GemeenteraadBesluit {
                        gemeente,
                        date,
                        amended,
                        note,
                        span,
                    });
                }
                Rule::geldig_stmt => id.geldig.push(self.validity(c)),
                Rule::status_stmt => {
                    if let Some(v) = self.find(&c, Rule::status_value) {
                        let status = if has_kw(&v, Rule::kw_ontwerp) {
                            Status::Ontwerp
                        } else {
                            Status::Goedgekeurd
                        };
                        id.status.push(Spanned::new(status, self.span(&v)));
                    }
                }
                _ => {}
            }
        }
        id
    }

    /// `begrip "term": "omschrijving" bron "…"`.
    fn term(&self, c: &P<'_>) -> Option<Term> {
        let strings: Vec<Text> = c
            .clone()
            .into_inner()
            .filter(|p| p.as_rule() == Rule::string)
            .map(|p| self.text(&p))
            .collect();
        let mut it = strings.into_iter();
        Some(Term {
            name: it.next()?,
            definition: it.next()?,
            source: it.next(),
            span: self.span(c),
        })
    }

    fn regio(&mut self, children: Vec<P<'_>>) -> Regio {
        let mut r = Regio::default();
        for c in children {
            match c.as_rule() {
                Rule::woonmaatschappijen_stmt => {
                    if let Some(l) = self.find(&c, Rule::place_list) {
                        r.woonmaatschappijen = self.names(l);
                    }
                }
                Rule::versie_stmt => {
                    if let Some(t) = self.find(&c, Rule::string) {
                        r.versie.push(self.text(&t));
                    }
                }
                Rule::geldig_stmt => r.geldig.push(self.validity(c)),
                Rule::begeleiding_verplicht_stmt => r.guidance_required.push(self.span(&c)),
                Rule::begrip_stmt => r.terms.extend(self.term(&c)),
                Rule::aanneming_stmt => r.adoptions.extend(self.adoption(&c)),
                Rule::lokaal_stmt => {
                    let span = self.span(&c);
                    let kind = if let Some(p) = self.find(&c, Rule::lokaal_punten) {
                        let n = self.find(&p, Rule::integer).map(|i| self.integer(&i));
                        match n {
                            Some(n) => FreedomKind::Points(n),
                            None => continue,
                        }
                    } else if self.find(&c, Rule::lokaal_verdeling).is_some() {
                        FreedomKind::Verdeling
                    } else {
                        FreedomKind::Threshold
                    };
                    r.freedom.push(Freedom { kind, span });
                }
                Rule::regio_verdeling_stmt => {
                    let span = self.span(&c);
                    let mut shares = Vec::new();
                    for p in items(c).filter(|p| p.as_rule() == Rule::pijler_aandeel) {
                        let Some(naam) = self.find(&p, Rule::pijler_naam) else {
                            continue;
                        };
                        let pillar = if has_kw(&naam, Rule::kw_standaardtoewijzing) {
                            1
                        } else {
                            2
                        };
                        let pillar = Spanned::new(pillar, self.span(&naam));
                        shares.push(PillarShare {
                            pillar,
                            share: self.share(p),
                        });
                    }
                    r.verdeling.push(RegioVerdeling { shares, span });
                }
                _ => {}
            }
        }
        r
    }

    /// `aangenomen door ROL NAAM op DATUM` or `nog niet aangenomen door ROL NAAM`.
    fn adoption(&mut self, c: &P<'_>) -> Option<Adoption> {
        let span = self.span(c);
        // the one alternative: done (with its date) or still to come
        let c = &c.clone().into_inner().next()?;
        let role = self.find(c, Rule::aannemer)?;
        let role_span = self.span(&role);
        let adopter = if has_kw(&role, Rule::kw_welzijnspartner) {
            Adopter::Welzijnspartner
        } else if has_kw(&role, Rule::kw_huurdersorganisatie) {
            Adopter::Huurdersorganisatie
        } else if has_kw(&role, Rule::kw_corporatie) {
            Adopter::Corporatie
        } else {
            Adopter::Toewijzingsraad
        };
        let name = self.find(c, Rule::place).map(|p| self.name(&p))?;
        let date = self.find(c, Rule::date).map(|d| self.date(&d));
        Some(Adoption {
            role: Spanned::new(adopter, role_span),
            name,
            date,
            span,
        })
    }

    fn werkingsgebied(&mut self, children: Vec<P<'_>>) -> Werkingsgebied {
        let mut w = Werkingsgebied::default();
        for c in children {
            let span = self.span(&c);
            match c.as_rule() {
                Rule::gemeente_row => {
                    let place = self.find(&c, Rule::place);
                    let count = self.find(&c, Rule::integer);
                    if let Some(place) = place {
                        let name = self.name(&place);
                        let stated = count.is_some();
                        let woningen = match count {
                            Some(count) => self.integer(&count),
                            None => Spanned::new(0, name.span),
                        };
                        w.gemeenten.push(GemeenteRow {
                            name,
                            woningen,
                            stated,
                            span,
                        });
                    }
                }
                Rule::parent_stmt => {
                    if let Some(place) = self.find(&c, Rule::place) {
                        w.parent.push(self.name(&place));
                    }
                }
                Rule::deelwerkingsgebied_stmt => {
                    let place = self.find(&c, Rule::place);
                    let list = self.find(&c, Rule::place_list);
                    if let (Some(place), Some(list)) = (place, list) {
                        w.deelgebieden.push(Deelgebied {
                            name: self.name(&place),
                            gemeenten: self.names(list),
                            span,
                        });
                    }
                }
                Rule::totaal_woningen => {
                    if let Some(n) = self.find(&c, Rule::integer) {
                        let v = self.integer(&n);
                        w.totaal.push(v);
                    }
                }
                _ => {}
            }
        }
        w
    }

    fn historiek(&mut self, children: Vec<P<'_>>) -> Historiek {
        let mut h = Historiek::default();
        for c in children
            .into_iter()
            .filter(|c| c.as_rule() == Rule::historiek_row)
        {
            let span = self.span(&c);
            let mut year = Spanned::new(0, span);
            let mut allocations = Spanned::new(0, span);
            let mut excluded = Vec::new();
            for i in items(c) {
                match i.as_rule() {
                    Rule::year => {
                        let v = self.small(&i);
                        year = Spanned::new(v.value as i32, v.span);
                    }
                    Rule::integer => allocations = self.integer(&i),
                    Rule::excluded_count => {
                        let n = self.find(&i, Rule::integer);
                        let code = self.find(&i, Rule::code);
                        if let (Some(n), Some(code)) = (n, code) {
                            let count = self.integer(&n);
                            excluded.push((count, self.name(&code)));
                        }
                    }
                    _ => {}
                }
            }
            h.rows.push(HistoriekRow {
                year,
                allocations,
                excluded,
                span,
            });
        }
        h
    }

    fn evaluatie(&mut self, children: Vec<P<'_>>) -> Evaluatie {
        let mut e = Evaluatie::default();
        for c in children {
            let span = self.span(&c);
            match c.as_rule() {
                Rule::indicator_stmt => {
                    let mut kind = Spanned::new(IndicatorKind::DringendNietBereikt, span);
                    let mut bound = Bound::Exact;
                    let mut target = Spanned::new(0, span);
                    let mut unit = TargetUnit::Procent;
                    let mut months = Spanned::new(0, span);
                    for i in items(c) {
                        match i.as_rule() {
                            Rule::indicator_kind => {
                                let Some(k) = i.clone().into_inner().next() else {
                                    continue;
                                };
                                let n = self
                                    .find(&k, Rule::integer)
                                    .map_or(0, |n| self.small(&n).value);
                                let value = match k.as_rule() {
                                    Rule::share_indicator => IndicatorKind::Aandeel(n),
                                    Rule::wait_indicator => IndicatorKind::Wachttijd(n),
                                    _ => IndicatorKind::DringendNietBereikt,
                                };
                                kind = Spanned::new(value, self.span(&i));
                            }
                            Rule::bound => bound = bound_of(&i),
                            Rule::indicator_target => {
                                let t = self.span(&i);
                                if let Some(p) = self.find(&i, Rule::percent) {
                                    if let Some(d) = self.find(&p, Rule::decimal) {
                                        target = Spanned::new(self.decimal(&d).value, t);
                                    }
                                } else if let Some(n) = self
                                    .find(&i, Rule::days)
                                    .and_then(|d| self.find(&d, Rule::integer))
                                {
                                    unit = TargetUnit::Dagen;
                                    let days = self.integer(&n).value as i64;
                                    target = Spanned::new(days * 100, t);
                                }
                            }
                            Rule::integer => months = self.small(&i),
                            _ => {}
                        }
                    }
                    e.indicators.push(Indicator {
                        kind,
                        bound,
                        target,
                        unit,
                        months,
                        span,
                    });
                }
                Rule::evaluator_stmt => {
                    let mut who = Spanned::new(Evaluator::Toewijzingsraad, span);
                    let mut months = Spanned::new(0, span);
                    for i in items(c) {
                        match i.as_rule() {
                            Rule::evaluator => {
                                let value = if has_kw(&i, Rule::kw_lokaal) {
                                    Evaluator::LokaalWoonoverleg
                                } else if has_kw(&i, Rule::kw_regionale) {
                                    Evaluator::RegionaleWerkgroep
                                } else {
                                    Evaluator::Toewijzingsraad
                                };
                                who = Spanned::new(value, self.span(&i));
                            }
                            Rule::integer => months = self.small(&i),
                            _ => {}
                        }
                    }
                    e.evaluators.push(EvaluatorRow { who, months, span });
                }
                _ => {}
            }
        }
        e
    }

    fn standaard(&mut self, children: Vec<P<'_>>) -> Standaard {
        let mut st = Standaard::default();
        for c in children {
            match c.as_rule() {
                Rule::aandeel_stmt => st.aandeel.push(self.share(c)),
                Rule::lokale_binding_stmt => st.lokale_binding.push(self.lokale_binding(&c)),
                Rule::rangorde_block => {
                    let span = self.span(&c);
                    let tiers = items(c)
                        .filter(|t| t.as_rule() == Rule::tier)
                        .map(|t| self.tier(t))
                        .collect();
                    st.rangorde.push(Rangorde { tiers, span });
                }
                Rule::geen_strenger_stmt => st.no_stricter.push(self.no_stricter(c)),
                _ => {}
            }
        }
        st
    }

    fn tier(&mut self, p: P<'_>) -> Tier {
        let span = self.span(&p);
        let mut number = None;
        let mut motivation = None;
        let mut kind = TierKind::Chronologie;
        for c in items(p) {
            match c.as_rule() {
                Rule::tier_num => {
                    let digits = c.as_str().trim_end_matches('.');
                    number = digits
                        .parse::<u32>()
                        .ok()
                        .map(|n| Spanned::new(n, self.span(&c)));
                }
                Rule::tier_strenger => kind = TierKind::Strenger,
                Rule::tier_mantelzorg => kind = TierKind::Mantelzorg,
                Rule::tier_chronologie => kind = TierKind::Chronologie,
                Rule::tier_woonbinding => kind = self.woonbinding(c),
                Rule::motivering => {
                    if let Some(t) = self.find(&c, Rule::string) {
                        motivation = Some(self.text(&t));
                    }
                }
                _ => {}
            }
        }
        Tier {
            number,
            kind,
            motivation,
            span,
        }
    }

    /// `geen strengere woonbinding [{ motivering … bijlage … }]`.
    fn no_stricter(&mut self, c: P<'_>) -> NoStricter {
        let mut n = NoStricter {
            motivations: Vec::new(),
            descriptions: Vec::new(),
            annexes: Vec::new(),
            span: self.span(&c),
        };
        for i in items(c) {
            match i.as_rule() {
                Rule::motivering => push_text(self, &i, &mut n.motivations),
                Rule::omschrijving => push_text(self, &i, &mut n.descriptions),
                Rule::bijlage_stmt => push_text(self, &i, &mut n.annexes),
                _ => {}
            }
        }
        n
    }

    /// A `woonbinding SCOPE [rule] [consensus {...}]` pair (`tier_woonbinding`).
    fn woonbinding(&mut self, c: P<'_>) -> TierKind {
        let mut scope = Spanned::new(BindingScope::Gemeente, self.span(&c));
        let mut rule = None;
        let mut consensus = None;
        for i in items(c) {
            match i.as_rule() {
                Rule::binding_scope => {
                    let value = if has_kw(&i, Rule::kw_gemeente) {
                        BindingScope::Gemeente
                    } else if has_kw(&i, Rule::kw_werkingsgebied) {
                        BindingScope::Werkingsgebied
                    } else {
                        // without a name: the reglement's own area, when
                        // that is a deelwerkingsgebied (an empty name)
                        let n = self
                            .find(&i, Rule::place)
                            .map(|p| self.name(&p))
                            .unwrap_or(Spanned::new(String::new(), self.span(&i)));
                        BindingScope::Deelwerkingsgebied(n)
                    };
                    scope = Spanned::new(value, self.span(&i));
                }
                Rule::binding_rule => rule = Some(self.binding_rule(i)),
                Rule::consensus_block => {
                    let cspan = self.span(&i);
                    let rows = items(i)
                        .filter(|r| r.as_rule() == Rule::consensus_row)
                        .filter_map(|r| self.consensus_row(r))
                        .collect();
                    consensus = Some(Consensus {
                        rows,
                        raad: None,
                        pending: false,
                        span: cspan,
                    });
                }
                Rule::consensus_raad => {
                    let cspan = self.span(&i);
                    let date = self
                        .find(&i, Rule::date)
                        .map(|d| self.date(&d))
                        .unwrap_or(Spanned::new(NaiveDate::MIN, cspan));
                    let note = self.find(&i, Rule::string).map(|s| self.text(&s));
                    consensus = Some(Consensus {
                        rows: Vec::new(),
                        raad: Some(Box::new(CouncilDecision {
                            date,
                            note,
                            span: cspan,
                        })),
                        pending: false,
                        span: cspan,
                    });
                }
                Rule::consensus_pending => {
                    consensus = Some(Consensus {
                        rows: Vec::new(),
                        raad: None,
                        pending: true,
                        span: self.span(&i),
                    });
                }
                _ => {}
            }
        }
        TierKind::Woonbinding {
            scope,
            rule,
            consensus,
        }
    }

    fn consensus_row(&mut self, r: P<'_>) -> Option<ConsensusRow> {
        let span = self.span(&r);
        let place = self.find(&r, Rule::place)?;
        let date = self.find(&r, Rule::date)?;
        let note = self.find(&r, Rule::string).map(|s| self.text(&s));
        Some(ConsensusRow {
            gemeente: self.name(&place),
            date: self.date(&date),
            note,
            span,
        })
    }

    fn versneld(&mut self, children: Vec<P<'_>>) -> Versneld {
        let mut v = Versneld::default();
        for c in children {
            match c.as_rule() {
                Rule::aandeel_stmt => v.aandeel.push(self.share(c)),
                Rule::lokale_binding_stmt => v.lokale_binding.push(self.lokale_binding(&c)),
                Rule::basis_stmt => {
                    let span = self.span(&c);
                    let years = self
                        .find(&c, Rule::integer)
                        .map(|n| self.small(&n))
                        .unwrap_or(Spanned::new(0, span));
                    let without = self
                        .find(&c, Rule::code_list)
                        .map(|l| self.names(l))
                        .unwrap_or_default();
                    v.basis.push(Basis {
                        years,
                        without,
                        span,
                    });
                }
                Rule::wegingskader_use => {
                    if let Some(n) = self.find(&c, Rule::code) {
                        v.wegingskader.push(self.name(&n));
                    }
                }
                Rule::verdeling_stmt => {
                    let value = if has_kw(&c, Rule::kw_gezamenlijk) {
                        Verdeling::Gezamenlijk
                    } else {
                        Verdeling::PerDoelgroep
                    };
                    v.verdeling.push(Spanned::new(value, self.span(&c)));
                }
                Rule::p2_doelgroep => v.groups.push(self.p2_group(c)),
                Rule::knipperlicht_stmt => v.knipperlicht.push(self.span(&c)),
                Rule::sociaal_verslag_stmt => {
                    let plaats = match self.find(&c, Rule::verslag_plaats) {
                        Some(p) if has_kw(&p, Rule::kw_achteraan) => VerslagPlaats::Achteraan,
                        _ => VerslagPlaats::Vooraan,
                    };
                    v.sociaal_verslag.push(Spanned::new(plaats, self.span(&c)));
                }
                _ => {}
            }
        }
        v
    }

    fn p2_group(&mut self, p: P<'_>) -> P2Group {
        let span = self.span(&p);
        let mut g = P2Group {
            code: Spanned::new(String::new(), span),
            title: None,
            legal_group: Vec::new(),
            situations: Vec::new(),
            aandeel: Vec::new(),
            conditions: Vec::new(),
            motivations: Vec::new(),
            descriptions: Vec::new(),
            span,
        };
        for c in items(p) {
            match c.as_rule() {
                Rule::code => g.code = self.name(&c),
                Rule::title => g.title = self.find(&c, Rule::string).map(|t| self.text(&t)),
                Rule::wettelijke_groep => {
                    if let Some(n) = self.find(&c, Rule::code) {
                        g.legal_group.push(self.name(&n));
                    }
                }
                Rule::situaties_stmt => {
                    if let Some(l) = self.find(&c, Rule::code_list) {
                        g.situations.extend(self.names(l));
                    }
                }
                Rule::aandeel_stmt => g.aandeel.push(self.share(c)),
                Rule::voorwaarde => push_text(self, &c, &mut g.conditions),
                Rule::motivering => push_text(self, &c, &mut g.motivations),
                Rule::omschrijving => push_text(self, &c, &mut g.descriptions),
                _ => {}
            }
        }
        g
    }

    /// `doelgroepenplan { … }` of a pillar-3 group.
    fn doelgroepenplan(&mut self, p: P<'_>) -> Doelgroepenplan {
        let span = self.span(&p);
        let keyword = self
            .find(&p, Rule::kw_doelgroepenplan)
            .map_or(span, |k| self.span(&k));
        let mut plan = Doelgroepenplan {
            needs: Vec::new(),
            figures: Vec::new(),
            annexes: Vec::new(),
            motivations: Vec::new(),
            descriptions: Vec::new(),
            keyword,
            span,
        };
        for c in items(p) {
            match c.as_rule() {
                Rule::behoefte_stmt => push_text(self, &c, &mut plan.needs),
                Rule::cijfer_stmt => {
                    let span = self.span(&c);
                    let mut value = Spanned::new(FigureValue::Count(0), span);
                    let mut texts = Vec::new();
                    for i in items(c) {
                        match i.as_rule() {
                            Rule::integer => {
                                let n = self.integer(&i);
                                value = Spanned::new(FigureValue::Count(n.value), n.span);
                            }
                            Rule::percent => {
                                if let Some(d) = self.find(&i, Rule::decimal) {
                                    let v = self.decimal(&d);
                                    value =
                                        Spanned::new(FigureValue::Percent(v.value), self.span(&i));
                                }
                            }
                            Rule::string => texts.push(self.text(&i)),
                            _ => {}
                        }
                    }
                    let mut texts = texts.into_iter();
                    let what = texts
                        .next()
                        .unwrap_or_else(|| Spanned::new(String::new(), span));
                    let source = texts
                        .next()
                        .unwrap_or_else(|| Spanned::new(String::new(), span));
                    plan.figures.push(Figure {
                        value,
                        what,
                        source,
                        span,
                    });
                }
                Rule::bijlage_stmt => push_text(self, &c, &mut plan.annexes),
                Rule::motivering => push_text(self, &c, &mut plan.motivations),
                Rule::omschrijving => push_text(self, &c, &mut plan.descriptions),
                _ => {}
            }
        }
        plan
    }

    fn wegingskader(&mut self, name: Name, children: Vec<P<'_>>) -> Wegingskader {
        let mut w = Wegingskader {
            name,
            criteria: Vec::new(),
            thresholds: Vec::new(),
            tiebreaks: Vec::new(),
            lokale_binding: Vec::new(),
        };
        for c in children {
            match c.as_rule() {
                Rule::criterium => w.criteria.push(self.criterion(c)),
                Rule::lokale_binding_stmt => w.lokale_binding.push(self.lokale_binding(&c)),
                Rule::drempel_stmt => {
                    let span = self.span(&c);
                    let article = self
                        .find(&c, Rule::artikel_ref)
                        .and_then(|a| self.find(&a, Rule::artikel_num))
                        .map(|n| Spanned::new(n.as_str().to_string(), self.span(&n)));
                    let minimum = self
                        .find(&c, Rule::integer)
                        .map(|n| self.small(&n))
                        .unwrap_or(Spanned::new(0, span));
                    let scope = match self.find(&c, Rule::code_list) {
                        Some(l) => ThresholdScope::Criteria(self.names(l)),
                        None => ThresholdScope::Total,
                    };
                    w.thresholds.push(Threshold {
                        article,
                        minimum,
                        scope,
                        span,
                    });
                }
                Rule::volgorde_stmt => {
                    let span = self.span(&c);
                    let list = items(c)
                        .filter(|t| t.as_rule() == Rule::tiebreak)
                        .map(|t| {
                            let tspan = self.span(&t);
                            let value = match self.find(&t, Rule::code) {
                                Some(code) => TieBreak::MostPoints(self.name(&code)),
                                None => TieBreak::Inschrijvingsdatum,
                            };
                            Spanned::new(value, tspan)
                        })
                        .collect();
                    w.tiebreaks.push(Spanned::new(list, span));
                }
                _ => {}
            }
        }
        w
    }

    fn points(&mut self, p: P<'_>) -> Points {
        let span = self.span(&p);
        match self.find(&p, Rule::no_points) {
            Some(np) => Points {
                value: None,
                note: self.find(&np, Rule::string).map(|s| self.text(&s)),
                span,
            },
            None => {
                let value = self
                    .find(&p, Rule::integer)
                    .map(|n| self.small(&n).value)
                    .unwrap_or(0);
                Points {
                    value: Some(value),
                    note: None,
                    span,
                }
            }
        }
    }

    fn household(&self, p: &P<'_>) -> Spanned<Household> {
        let value = if has_kw(p, Rule::kw_alleenstaande) {
            Household::Alleenstaande
        } else {
            Household::Gezin
        };
        Spanned::new(value, self.span(p))
    }

    fn situation_row(&mut self, r: P<'_>, group: Option<Text>) -> SituationRow {
        let span = self.span(&r);
        let mut row = SituationRow {
            code: Spanned::new(String::new(), span),
            description: None,
            group,
            points: Points {
                value: Some(0),
                note: None,
                span,
            },
            span,
        };
        for i in items(r) {
            match i.as_rule() {
                Rule::code => row.code = self.name(&i),
                Rule::string => row.description = Some(self.text(&i)),
                Rule::points => row.points = self.points(i),
                _ => {}
            }
        }
        row
    }

    fn criterion(&mut self, p: P<'_>) -> Criterion {
        let span = self.span(&p);
        let mut cr = Criterion {
            code: Spanned::new(String::new(), span),
            article: None,
            title: None,
            input: None,
            leefloon: Vec::new(),
            situations: Vec::new(),
            brackets: Vec::new(),
            counts: Vec::new(),
            otherwise: Vec::new(),
            motivations: Vec::new(),
            descriptions: Vec::new(),
            span,
        };
        for c in items(p) {
            let cspan = self.span(&c);
            match c.as_rule() {
                Rule::code => cr.code = self.name(&c),
                Rule::artikel_ref => {
                    cr.article = self
                        .find(&c, Rule::artikel_num)
                        .map(|n| Spanned::new(n.as_str().to_string(), self.span(&n)))
                }
                Rule::title => cr.title = self.find(&c, Rule::string).map(|t| self.text(&t)),
                Rule::gegeven_stmt => cr.input = self.find(&c, Rule::code).map(|n| self.name(&n)),
                Rule::motivering => push_text(self, &c, &mut cr.motivations),
                Rule::omschrijving => push_text(self, &c, &mut cr.descriptions),
                Rule::leefloon_stmt => {
                    let mut from = Spanned::new(NaiveDate::MIN, cspan);
                    let mut amounts = Vec::new();
                    let mut pending: Option<Spanned<Household>> = None;
                    for i in items(c) {
                        match i.as_rule() {
                            Rule::date => from = self.date(&i),
                            Rule::household => pending = Some(self.household(&i)),
                            Rule::amount => {
                                if let Some(h) = pending.take() {
                                    let a = self.amount(&i);
                                    amounts.push((h, a));
                                }
                            }
                            _ => {}
                        }
                    }
                    cr.leefloon.push(LeefloonStmt {
                        from,
                        amounts,
                        span: cspan,
                    });
                }
                Rule::situation_group => {
                    let mut label = None;
                    for i in items(c) {
                        match i.as_rule() {
                            Rule::string => label = Some(self.text(&i)),
                            Rule::situation_row => {
                                let row = self.situation_row(i, label.clone());
                                cr.situations.push(row);
                            }
                            Rule::motivering => push_text(self, &i, &mut cr.motivations),
                            Rule::omschrijving => push_text(self, &i, &mut cr.descriptions),
                            _ => {}
                        }
                    }
                }
                Rule::situation_row => {
                    let row = self.situation_row(c, None);
                    cr.situations.push(row);
                }
                Rule::bracket_row => {
                    let mut household = Spanned::new(Household::Alleenstaande, cspan);
                    let mut category = Spanned::new(0, cspan);
                    let mut ceiling = Ceiling {
                        amount: None,
                        leefloon_plus: None,
                        span: cspan,
                    };
                    let mut points = Points {
                        value: Some(0),
                        note: None,
                        span: cspan,
                    };
                    for i in items(c) {
                        match i.as_rule() {
                            Rule::household => household = self.household(&i),
                            Rule::integer => category = self.small(&i),
                            Rule::ceiling => {
                                ceiling.span = self.span(&i);
                                for j in items(i) {
                                    match j.as_rule() {
                                        Rule::amount => ceiling.amount = Some(self.amount(&j)),
                                        Rule::leefloon_plus => {
                                            if let Some(a) = self.find(&j, Rule::amount) {
                                                let v = self.amount(&a);
                                                ceiling.leefloon_plus =
                                                    Some(Spanned::new(v.value, self.span(&j)));
                                            }
                                        }
                                        _ => {}
                                    }
                                }
                            }
                            Rule::points => points = self.points(i),
                            _ => {}
                        }
                    }
                    cr.brackets.push(BracketRow {
                        household,
                        category,
                        ceiling,
                        points,
                        span: cspan,
                    });
                }
                Rule::count_row => {
                    let nums: Vec<P<'_>> = c
                        .clone()
                        .into_inner()
                        .filter(|i| i.as_rule() == Rule::integer)
                        .collect();
                    let from = nums
                        .first()
                        .map(|n| self.integer(n))
                        .unwrap_or(Spanned::new(0, cspan));
                    let upper = if has_kw(&c, Rule::kw_meer) {
                        CountUpper::OrMore
                    } else if let Some(to) = nums.get(1) {
                        CountUpper::Upto(self.integer(to).value)
                    } else {
                        CountUpper::Exactly
                    };
                    let points = self
                        .find(&c, Rule::points)
                        .map(|p| self.points(p))
                        .unwrap_or(Points {
                            value: Some(0),
                            note: None,
                            span: cspan,
                        });
                    cr.counts.push(CountRow {
                        from,
                        upper,
                        points,
                        span: cspan,
                    });
                }
                Rule::anders_row => {
                    if let Some(p) = self.find(&c, Rule::points) {
                        let pts = self.points(p);
                        cr.otherwise.push((pts, cspan));
                    }
                }
                _ => {}
            }
        }
        cr
    }

    fn guidance(&mut self, c: &P<'_>) -> Guidance {
        let span = self.span(c);
        let mut months = Spanned::new(0, span);
        if let Some(d) = self.find(c, Rule::duration) {
            if let Some(n) = self.find(&d, Rule::integer) {
                let v = self.small(&n);
                let factor = if has_kw(&d, Rule::kw_jaar) { 12 } else { 1 };
                // 12 × MAX_INTEGER fits a u32: checked, never saturated
                let value = match v.value.checked_mul(factor) {
                    Some(m) => m,
                    None => {
                        self.invalid(&n, too_large(n.as_str()));
                        0
                    }
                };
                months = Spanned::new(value, self.span(&d));
            }
        }
        let note = self.find(c, Rule::string).map(|s| self.text(&s));
        Guidance { months, note, span }
    }

    fn age_condition(&mut self, c: &P<'_>) -> AgeCondition {
        let span = self.span(c);
        let minimum = self
            .find(c, Rule::integer)
            .map(|n| self.small(&n))
            .unwrap_or(Spanned::new(0, span));
        let wie = self.find(c, Rule::leeftijd_wie);
        let of = wie.as_ref().and_then(|w| {
            let inner = w.clone().into_inner().next()?;
            let value = match inner.as_rule() {
                Rule::wie_alle => AgeOf::AlleVolwassenen,
                _ => AgeOf::EenVolwassene,
            };
            Some(Spanned::new(value, self.span(w)))
        });
        let of_words = wie.map(|w| w.as_str().split_whitespace().collect::<Vec<_>>().join(" "));
        AgeCondition {
            minimum,
            at_allocation: self.find(c, Rule::toewijzingsdatum).is_some(),
            or_attest: self.find(c, Rule::of_attest).is_some(),
            of,
            of_words,
            span,
        }
    }

    fn oldest_first(&mut self, c: &P<'_>) -> OldestFirst {
        let span = self.span(c);
        let mut numbers = c
            .clone()
            .into_inner()
            .filter(|p| p.as_rule() == Rule::integer)
            .collect::<Vec<_>>()
            .into_iter();
        let from = numbers
            .next()
            .map(|n| self.small(&n))
            .unwrap_or(Spanned::new(0, span));
        let step = numbers.next().map(|n| self.small(&n));
        OldestFirst { from, step, span }
    }

    /// `standaardtoewijzing`, `doelgroep CODE` or `blijft voorbehouden`.
    fn fallback_target(&mut self, t: &P<'_>) -> Fallback {
        if has_kw(t, Rule::kw_standaardtoewijzing) {
            Fallback::Standaard
        } else if let Some(code) = self.find(t, Rule::code) {
            Fallback::Doelgroep(self.name(&code))
        } else {
            Fallback::BlijftVoorbehouden
        }
    }

    fn p3_group(&mut self, p: P<'_>) -> P3Group {
        let span = self.span(&p);
        let mut g = P3Group {
            code: Spanned::new(String::new(), span),
            title: None,
            category: Vec::new(),
            guidance: Vec::new(),
            no_guidance: Vec::new(),
            referrers: Vec::new(),
            conditions: Vec::new(),
            age: Vec::new(),
            oldest_first: Vec::new(),
            dwellings: Vec::new(),
            fallback: Vec::new(),
            capacity: Vec::new(),
            plan: Vec::new(),
            motivations: Vec::new(),
            descriptions: Vec::new(),
            span,
        };
        for c in items(p) {
            match c.as_rule() {
                Rule::code => g.code = self.name(&c),
                Rule::title => g.title = self.find(&c, Rule::string).map(|t| self.text(&t)),
                Rule::categorie_stmt => {
                    let value = match self.find(&c, Rule::code) {
                        Some(n) => Category::Legal(self.name(&n)),
                        None => Category::Local {
                            review: self.find(&c, Rule::toetsing).is_some(),
                        },
                    };
                    g.category.push(Spanned::new(value, self.span(&c)));
                }
                Rule::begeleiding_stmt => {
                    let gd = self.guidance(&c);
                    g.guidance.push(gd);
                }
                Rule::geen_begeleiding_stmt => g.no_guidance.push(self.span(&c)),
                Rule::leeftijd_stmt => {
                    let a = self.age_condition(&c);
                    g.age.push(a);
                }
                Rule::oudsten_stmt => {
                    let o = self.oldest_first(&c);
                    g.oldest_first.push(o);
                }
                Rule::p3_woningen_stmt => g.dwellings.push(NamedDwellings {
                    gemeente: self.find(&c, Rule::place).map(|n| self.name(&n)),
                    dwellings: self
                        .find(&c, Rule::place_list)
                        .map(|l| self.names(l))
                        .unwrap_or_default(),
                    span: self.span(&c),
                }),
                Rule::zonder_kandidaat_stmt => {
                    if let Some(t) = self.find(&c, Rule::fallback_target) {
                        let value = self.fallback_target(&t);
                        g.fallback.push(Spanned::new(value, self.span(&c)));
                    }
                }
                Rule::capaciteit_stmt => {
                    let span = self.span(&c);
                    let per_year = self
                        .find(&c, Rule::integer)
                        .map(|n| self.small(&n))
                        .unwrap_or(Spanned::new(0, span));
                    let then = self
                        .find(&c, Rule::fallback_target)
                        .map(|t| Spanned::new(self.fallback_target(&t), self.span(&t)));
                    g.capacity.push(Capacity {
                        per_year,
                        then,
                        span,
                    });
                }
                Rule::verwijzers_stmt => {
                    if let Some(l) = self.find(&c, Rule::string_list) {
                        for s in items(l) {
                            g.referrers.push(self.text(&s));
                        }
                    }
                }
                Rule::voorwaarde => push_text(self, &c, &mut g.conditions),
                Rule::doelgroepenplan_block => {
                    let plan = self.doelgroepenplan(c);
                    g.plan.push(plan);
                }
                Rule::motivering => push_text(self, &c, &mut g.motivations),
                Rule::omschrijving => push_text(self, &c, &mut g.descriptions),
                _ => {}
            }
        }
        g
    }

    fn table_row(&mut self, r: P<'_>) -> TableRow {
        let span = self.span(&r);
        let mut name = Spanned::new("totaal".to_string(), span);
        let mut values = Vec::new();
        let mut outside_total = None;
        for i in items(r) {
            match i.as_rule() {
                Rule::place => name = self.name(&i),
                Rule::integer => values.push(self.integer(&i)),
                Rule::buiten_totaal => {
                    let span = self.span(&i);
                    let motivation = self
                        .find(&i, Rule::motivering)
                        .and_then(|m| self.find(&m, Rule::string))
                        .map(|t| self.text(&t));
                    outside_total = Some(OutsideTotal { motivation, span });
                }
                _ => {}
            }
        }
        TableRow {
            name,
            values,
            outside_total,
            span,
        }
    }

    /// `lezing "…" als "…" motivering "…"`.
    fn reading(&mut self, p: P<'_>) -> Option<Reading> {
        let span = self.span(&p);
        let mut strings = Vec::new();
        let mut motivation = None;
        for i in items(p) {
            match i.as_rule() {
                Rule::string => strings.push(self.text(&i)),
                Rule::motivering => {
                    motivation = self.find(&i, Rule::string).map(|t| self.text(&t));
                }
                _ => {}
            }
        }
        let mut strings = strings.into_iter();
        Some(Reading {
            quote: strings.next()?,
            reading: strings.next()?,
            motivation,
            span,
        })
    }

    fn table<'i>(&mut self, children: impl IntoIterator<Item = P<'i>>, span: Span) -> Table {
        let mut t = Table {
            columns: Vec::new(),
            rows: Vec::new(),
            totals: Vec::new(),
            span,
        };
        for c in children {
            match c.as_rule() {
                Rule::table_header => {
                    if let Some(l) = self.find(&c, Rule::code_list) {
                        t.columns = self.names(l);
                    }
                }
                Rule::table_row => {
                    let row = self.table_row(c);
                    t.rows.push(row);
                }
                Rule::totaal_row => {
                    let row = self.table_row(c);
                    t.totals.push(row);
                }
                _ => {}
            }
        }
        t
    }

    fn doelgroepen(&mut self, children: Vec<P<'_>>) -> Doelgroepen {
        let mut d = Doelgroepen::default();
        for c in children {
            match c.as_rule() {
                Rule::lokale_binding_stmt => d.lokale_binding.push(self.lokale_binding(&c)),
                Rule::verdeelsleutel_use => {
                    if let Some(n) = self.find(&c, Rule::code) {
                        d.verdeelsleutel.push(self.name(&n));
                    }
                }
                Rule::p3_doelgroep => d.groups.push(self.p3_group(c)),
                Rule::voorbehouden_block => {
                    let span = self.span(&c);
                    let t = self.table(items(c), span);
                    d.reserved.push(t);
                }
                Rule::bestaand_block | Rule::bestaand_stmt => d.existing.push(self.existing(c)),
                Rule::quotum_stmt => {
                    let kind = if self.find(&c, Rule::quotum_voorraad).is_some() {
                        Quotum::Voorraad
                    } else {
                        Quotum::PerJaar
                    };
                    d.quotum.push(Spanned::new(kind, self.span(&c)));
                }
                Rule::begeleiding_stmt => {
                    let g = self.guidance(&c);
                    d.guidance.push(g);
                }
                Rule::geen_begeleiding_stmt => d.no_guidance.push(self.span(&c)),
                Rule::verwijzers_stmt => {
                    if let Some(l) = self.find(&c, Rule::string_list) {
                        for s in items(l) {
                            d.referrers.push(self.text(&s));
                        }
                    }
                }
                _ => {}
            }
        }
        d
    }

    /// `bestaande voorbehouden woningen { … }`, `…: N` or `…: P% van het patrimonium`.
    fn existing(&mut self, c: P<'_>) -> Existing {
        let span = self.span(&c);
        let kind = if c.as_rule() == Rule::bestaand_block {
            ExistingKind::PerGemeente(self.table(items(c), span))
        } else if let Some(share) = self.find(&c, Rule::bestaand_share) {
            let pct = self.find(&share, Rule::percent);
            let value = pct
                .as_ref()
                .and_then(|p| self.find(p, Rule::decimal))
                .map(|d| self.decimal(&d).value)
                .unwrap_or(0);
            ExistingKind::Share(Spanned::new(value, self.span(&share)))
        } else {
            let n = self
                .find(&c, Rule::integer)
                .map(|n| self.integer(&n))
                .unwrap_or(Spanned::new(0, span));
            ExistingKind::Count(n)
        };
        Existing { kind, span }
    }

    fn bijzonder(&mut self, children: Vec<P<'_>>) -> Bijzonder {
        let mut b = Bijzonder::default();
        for c in children
            .into_iter()
            .filter(|c| c.as_rule() == Rule::soort_stmt)
        {
            let span = self.span(&c);
            let tag = match self.find(&c, Rule::soort_kind) {
                Some(k) if has_kw(&k, Rule::kw_interne) => Pillar4Tag::InterneMutatie,
                _ => Pillar4Tag::BijzondereToewijzing,
            };
            let code = self
                .find(&c, Rule::code)
                .map(|n| self.name(&n))
                .unwrap_or(Spanned::new(String::new(), span));
            let title = self
                .find(&c, Rule::title)
                .and_then(|t| self.find(&t, Rule::string))
                .map(|s| self.text(&s));
            b.kinds.push(Pillar4Kind {
                tag,
                code,
                title,
                span,
            });
        }
        b
    }

    fn bezetting(&mut self, children: Vec<P<'_>>) -> Bezetting {
        let mut b = Bezetting::default();
        for c in children
            .into_iter()
            .filter(|c| c.as_rule() == Rule::bezetting_row)
        {
            b.rows.push(self.bezetting_row(c));
        }
        b
    }

    fn bezetting_row(&mut self, c: P<'_>) -> BezettingRow {
        let span = self.span(&c);
        let nums: Vec<P<'_>> = items(c).filter(|i| i.as_rule() == Rule::integer).collect();
        let bedrooms = nums
            .first()
            .map(|n| self.small(n))
            .unwrap_or(Spanned::new(0, span));
        let min_persons = nums
            .get(1)
            .map(|n| self.small(n))
            .unwrap_or(Spanned::new(0, span));
        let max_persons = nums
            .get(2)
            .map(|n| self.small(n))
            .unwrap_or(min_persons.clone());
        BezettingRow {
            bedrooms,
            min_persons,
            max_persons,
            span,
        }
    }

    fn test_case(&mut self, children: Vec<P<'_>>) -> TestCase {
        let mut t = TestCase::default();
        for c in children {
            let span = self.span(&c);
            match c.as_rule() {
                Rule::peildatum_stmt => {
                    if let Some(d) = self.find(&c, Rule::date) {
                        let date = self.date(&d);
                        t.peildatum.push(date);
                    }
                }
                Rule::lijst_stmt => {
                    let pillar = match self.find(&c, Rule::lijst_kind) {
                        Some(k) if has_kw(&k, Rule::kw_standaardtoewijzing) => {
                            TestPillar::Standaard
                        }
                        Some(k) if has_kw(&k, Rule::kw_versnelde) => TestPillar::Versneld,
                        _ => TestPillar::Doelgroepen,
                    };
                    let gemeente = self.find(&c, Rule::place).map(|p| self.name(&p));
                    let doelgroep = self.find(&c, Rule::code).map(|p| self.name(&p));
                    t.lijst.push(Spanned::new(
                        TestList {
                            pillar,
                            gemeente,
                            doelgroep,
                        },
                        span,
                    ));
                }
                Rule::kandidaat_block => {
                    let mut dossier = Spanned::new(String::new(), span);
                    let mut fields = Vec::new();
                    for i in items(c) {
                        match i.as_rule() {
                            Rule::place => dossier = self.name(&i),
                            Rule::kenmerk_stmt => {
                                let name = self.find(&i, Rule::code).map(|n| self.name(&n));
                                let value = self
                                    .find(&i, Rule::kenmerk_value)
                                    .map(|v| self.field_value(v));
                                if let (Some(name), Some(value)) = (name, value) {
                                    fields.push((name, value));
                                }
                            }
                            _ => {}
                        }
                    }
                    t.candidates.push(TestCandidate {
                        dossier,
                        fields,
                        span,
                    });
                }
                Rule::verwacht_block => {
                    let mut dossier = Spanned::new(String::new(), span);
                    let mut list = Vec::new();
                    for i in items(c) {
                        let ispan = self.span(&i);
                        let value = match i.as_rule() {
                            Rule::place => {
                                dossier = self.name(&i);
                                continue;
                            }
                            Rule::verwacht_rang => Expect::Ranked {
                                rank: self.find(&i, Rule::integer).map(|n| self.integer(&n).value),
                            },
                            Rule::verwacht_uitgesloten => Expect::Excluded {
                                article: self
                                    .find(&i, Rule::artikel_ref)
                                    .and_then(|a| self.find(&a, Rule::artikel_num))
                                    .map(|n| n.as_str().to_string()),
                            },
                            Rule::verwacht_punten => Expect::Points {
                                points: self
                                    .find(&i, Rule::integer)
                                    .map(|n| self.integer(&n).value)
                                    .unwrap_or(0),
                                criterion: self
                                    .find(&i, Rule::code)
                                    .map(|n| n.as_str().to_string())
                                    .unwrap_or_default(),
                            },
                            Rule::verwacht_totaal => Expect::Total(
                                self.find(&i, Rule::integer)
                                    .map(|n| self.integer(&n).value)
                                    .unwrap_or(0),
                            ),
                            _ => continue,
                        };
                        list.push(Spanned::new(value, ispan));
                    }
                    t.expectations.push(Expectation {
                        dossier,
                        items: list,
                        span,
                    });
                }
                Rule::test_volgorde => {
                    if let Some(l) = self.find(&c, Rule::place_list) {
                        let names = self.names(l);
                        t.order.push(Spanned::new(names, span));
                    }
                }
                _ => {}
            }
        }
        t
    }

    fn field_value(&mut self, v: P<'_>) -> Spanned<FieldValue> {
        let span = self.span(&v);
        let value = match v.clone().into_inner().next() {
            Some(i) => match i.as_rule() {
                Rule::amount => FieldValue::Amount(self.amount(&i).value),
                Rule::date => FieldValue::Date(self.date(&i).value),
                Rule::string => FieldValue::Text(self.text(&i).value),
                Rule::integer => FieldValue::Integer(self.integer(&i).value),
                Rule::code_list => {
                    FieldValue::Codes(self.names(i).into_iter().map(|n| n.value).collect())
                }
                _ => FieldValue::Text(i.as_str().to_string()),
            },
            None => FieldValue::Text(String::new()),
        };
        Spanned::new(value, span)
    }

    fn amendement(&mut self, children: Vec<P<'_>>) -> Amendement {
        let mut a = Amendement::default();
        for c in children {
            let span = self.span(&c);
            match c.as_rule() {
                Rule::ontwerp_stmt => {
                    if let Some(h) = self.find(&c, Rule::content_hash) {
                        a.draft
                            .push(Spanned::new(h.as_str().to_string(), self.span(&h)));
                    }
                }
                Rule::amend_gemeente_stmt => {
                    if let Some(p) = self.find(&c, Rule::place) {
                        a.gemeente.push(self.name(&p));
                    }
                }
                Rule::gemeenteraad_stmt => {
                    let date = self
                        .find(&c, Rule::date)
                        .map(|d| self.date(&d))
                        .unwrap_or(Spanned::new(NaiveDate::MIN, span));
                    let note = self.find(&c, Rule::string).map(|s| self.text(&s));
                    a.council.push(CouncilDecision { date, note, span });
                }
                Rule::unamended_stmt => a.unamended.push(span),
                _ => {}
            }
        }
        a
    }

    fn gemeente(&mut self, gemeente: Name, children: Vec<P<'_>>) -> GemeenteSectie {
        let mut g = GemeenteSectie {
            gemeente,
            stricter: Vec::new(),
            no_stricter: Vec::new(),
            forbidden_bindings: Vec::new(),
            groups: Vec::new(),
            applies_to: Vec::new(),
            council: Vec::new(),
            area_bindings: Vec::new(),
            foreign: Vec::new(),
        };
        for c in children {
            let span = self.span(&c);
            match c.as_rule() {
                Rule::strenger_stmt => {
                    let forms: Vec<P<'_>> = items(c).collect();
                    // alternatives ("… of …"): the statement as a whole is not
                    // a woonbinding, none of its parts is applied
                    let alternatives = forms.len() > 1;
                    if alternatives {
                        g.forbidden_bindings
                            .push(Spanned::new(ForbiddenBinding::Alternatives, span));
                    }
                    for f in forms {
                        let fspan = self.span(&f);
                        let forbidden = match f.as_rule() {
                            Rule::binding_rule if alternatives => continue,
                            Rule::binding_rule => {
                                let rule = self.binding_rule(f);
                                g.stricter.push(rule);
                                continue;
                            }
                            Rule::since_birth => ForbiddenBinding::SinceBirth,
                            Rule::ever_rule => ForbiddenBinding::Ever(
                                self.find(&f, Rule::integer)
                                    .map(|n| self.small(&n).value)
                                    .unwrap_or(0),
                            ),
                            Rule::school_rule => ForbiddenBinding::School,
                            Rule::work_rule => ForbiddenBinding::Work,
                            _ => continue,
                        };
                        g.forbidden_bindings.push(Spanned::new(forbidden, fspan));
                    }
                }
                Rule::geen_strenger_stmt => g.no_stricter.push(self.no_stricter(c)),
                Rule::p3_doelgroep => g.groups.push(self.p3_group(c)),
                Rule::geldt_voor => {
                    if let Some(l) = self.find(&c, Rule::place_list) {
                        let names = self.names(l);
                        g.applies_to.push(Spanned::new(names, span));
                    }
                }
                Rule::gemeenteraad_stmt => {
                    let date = self
                        .find(&c, Rule::date)
                        .map(|d| self.date(&d))
                        .unwrap_or(Spanned::new(NaiveDate::MIN, span));
                    let note = self.find(&c, Rule::string).map(|s| self.text(&s));
                    g.council.push(CouncilDecision { date, note, span });
                }
                Rule::tier_woonbinding => {
                    let kind = self.woonbinding(c);
                    g.area_bindings.push(Tier {
                        number: None,
                        kind,
                        motivation: None,
                        span,
                    });
                }
                Rule::foreign_stmt => {
                    let what = c
                        .as_str()
                        .split_whitespace()
                        .take(2)
                        .collect::<Vec<_>>()
                        .join(" ");
                    g.foreign.push(Spanned::new(what, span));
                }
                _ => {}
            }
        }
        g
    }
}

fn push_text(l: &Lowerer<'_>, c: &P<'_>, into: &mut Vec<Text>) {
    if let Some(t) = l.find(c, Rule::string) {
        into.push(l.text(&t));
    }
}

/// Lower the sections of a successfully parsed chunk.
pub(super) fn lower_chunk(l: &mut Lowerer<'_>, pairs: Pairs<'_, Rule>) -> Vec<Section> {
    let mut out = Vec::new();
    for p in pairs.flatten().filter(|p| {
        matches!(
            p.as_rule(),
            Rule::reglement_sec
                | Rule::regio_sec
                | Rule::werkingsgebied_sec
                | Rule::deelwerkingsgebied_sec
                | Rule::historiek_sec
                | Rule::evaluatie_sec
                | Rule::standaard_sec
                | Rule::versneld_sec
                | Rule::wegingskader_sec
                | Rule::doelgroepen_sec
                | Rule::verdeelsleutel_sec
                | Rule::bijzonder_sec
                | Rule::bezetting_sec
                | Rule::gemeente_sec
                | Rule::amendement_sec
                | Rule::test_sec
        )
    }) {
        if let Some(s) = l.section(p) {
            out.push(s);
        }
    }
    out
}
