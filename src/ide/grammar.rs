//! The pest grammar read as data, for the editor: its keywords (the
//! literals of the `kw_*` rules) and which statements each block holds,
//! with the keywords a statement opens with. Completion offers what the
//! grammar accepts at the cursor, so a statement added to the grammar is
//! offered without a change here.
//!
//! This reads the subset of pest's syntax the grammar uses: rules
//! `name = modifier{ expression }`, sequences `~`, choices `|`, `?`, `*`,
//! `+`, `{n}`, `!`, `&`, parentheses, literals `"…"` and `^"…"`.

use std::collections::HashMap;
use std::sync::OnceLock;

const GRAMMAR: &str = include_str!("../../grammar/reglement.pest");

/// Statements the grammar parses only to report them (a gemeente section's
/// statements that its gemeenteraad may not amend, check C15): never offered.
const NOT_OFFERED: &[&str] = &["foreign_stmt"];

#[derive(Debug, Clone, PartialEq, Eq)]
enum Expr {
    /// A literal, lower case.
    Lit(String),
    Ident(String),
    Seq(Vec<Expr>),
    Choice(Vec<Expr>),
    Opt(Box<Expr>),
    /// `*`, `+` or `{n}`.
    Rep(Box<Expr>),
    /// `!x` or `&x`: consumes nothing.
    Look,
}

struct Rule {
    silent: bool,
    body: Expr,
}

/// A statement as the drafter starts it, in the block that holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// The keywords it opens with, as written: `basis: gemiddelde van`.
    pub label: String,
    /// The grammar rule it belongs to.
    pub rule: String,
    /// Whether it opens a block of its own (`doelgroep x { … }`).
    pub block: bool,
}

pub struct Grammar {
    rules: HashMap<String, Rule>,
}

/// The grammar of the language, read once.
pub fn grammar() -> &'static Grammar {
    static G: OnceLock<Grammar> = OnceLock::new();
    G.get_or_init(|| Grammar::read(GRAMMAR))
}

impl Grammar {
    fn read(text: &str) -> Grammar {
        let tokens = tokenize(text);
        let mut rules = HashMap::new();
        let mut i = 0;
        while i + 2 < tokens.len() {
            // name = [modifier] { expression }
            let (Tok::Ident(name), Tok::Punct('=')) = (&tokens[i], &tokens[i + 1]) else {
                i += 1;
                continue;
            };
            let mut j = i + 2;
            let silent = tokens.get(j) == Some(&Tok::Punct('_'));
            if matches!(tokens.get(j), Some(Tok::Punct('_' | '@' | '$' | '!'))) {
                j += 1;
            }
            if tokens.get(j) != Some(&Tok::Punct('{')) {
                i += 1;
                continue;
            }
            let mut p = Parser {
                tokens: &tokens,
                at: j + 1,
            };
            let body = p.choice();
            rules.insert(name.clone(), Rule { silent, body });
            i = p.at + 1;
        }
        Grammar { rules }
    }

    /// Every keyword, lower case, sorted and unique.
    pub fn keywords(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (name, rule) in &self.rules {
            if name.starts_with("kw_") {
                literals(&rule.body, &mut out);
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// The keyword a `kw_*` rule stands for (its first spelling).
    fn keyword(&self, rule: &str) -> Option<String> {
        let mut lits = Vec::new();
        literals(&self.rules.get(rule)?.body, &mut lits);
        lits.into_iter().next()
    }

    /// The sections, as statements of the file.
    pub fn sections(&self) -> Vec<Statement> {
        self.rules
            .get("section")
            .map(|r| self.statements_of(&r.body))
            .unwrap_or_default()
    }

    /// The statements that may stand in the block opened by `rule`.
    pub fn items(&self, rule: &str) -> Vec<Statement> {
        let Some(r) = self.rules.get(rule) else {
            return Vec::new();
        };
        let elements = seq(&r.body);
        let (Some(open), Some(close)) = (
            elements.iter().position(|e| is_ident(e, "open")),
            elements.iter().rposition(|e| is_ident(e, "close")),
        ) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for e in elements.get(open + 1..close).unwrap_or_default() {
            out.extend(self.statements_of(&self.resolve(e)));
        }
        out
    }

    /// The statement of `candidates` a block header (`doelgroep jongere
    /// "…"`, lower case words) opens: the one with the longest matching label.
    pub fn opened_by<'a>(
        &self,
        candidates: &'a [Statement],
        header: &[String],
    ) -> Option<&'a Statement> {
        candidates
            .iter()
            .filter(|s| s.block)
            .filter(|s| {
                let words: Vec<&str> = s.label.split_whitespace().collect();
                words.len() <= header.len()
                    && words
                        .iter()
                        .zip(header)
                        .all(|(w, h)| w.trim_end_matches(':') == h.trim_end_matches(':'))
            })
            .max_by_key(|s| s.label.len())
    }

    /// A silent rule stands for its body.
    fn resolve(&self, e: &Expr) -> Expr {
        match e {
            Expr::Ident(n) => match self.rules.get(n) {
                Some(r) if r.silent => self.resolve(&r.body),
                _ => e.clone(),
            },
            other => other.clone(),
        }
    }

    /// The statements an item expression (`x*`, `(a | b)*`, a silent choice)
    /// stands for.
    fn statements_of(&self, e: &Expr) -> Vec<Statement> {
        let mut out = Vec::new();
        self.collect_statements(e, &mut out, 0);
        out.dedup();
        out
    }

    fn collect_statements(&self, e: &Expr, out: &mut Vec<Statement>, depth: usize) {
        if depth > 8 {
            return;
        }
        match e {
            Expr::Rep(x) | Expr::Opt(x) => self.collect_statements(x, out, depth + 1),
            Expr::Choice(alts) => {
                for a in alts {
                    self.collect_statements(a, out, depth + 1);
                }
            }
            Expr::Ident(n) if NOT_OFFERED.contains(&n.as_str()) => {}
            Expr::Ident(n) => match self.rules.get(n) {
                Some(r) if r.silent => self.collect_statements(&r.body, out, depth + 1),
                Some(r) => {
                    let block = seq(&r.body).iter().any(|x| is_ident(x, "open"));
                    for label in self.labels(&seq(&r.body), 0) {
                        out.push(Statement {
                            label,
                            rule: n.clone(),
                            block,
                        });
                    }
                }
                None => {}
            },
            _ => {}
        }
    }

    /// The keywords a sequence opens with, one label per alternative: a
    /// choice or a rule at the head is looked into, a leading optional
    /// part that is no keyword (a tier number `1.`) is skipped.
    fn labels(&self, elements: &[Expr], depth: usize) -> Vec<String> {
        if depth > 6 {
            return Vec::new();
        }
        let head = elements.first();
        let rest = elements.get(1..).unwrap_or_default();
        let then = |first: &[Expr]| -> Vec<Expr> { first.iter().chain(rest).cloned().collect() };
        match head {
            Some(Expr::Choice(alts)) => alts
                .iter()
                .flat_map(|a| self.labels(&then(&seq(a)), depth + 1))
                .collect(),
            Some(Expr::Opt(x)) if !self.is_keyword_rule(x) => self.labels(rest, depth + 1),
            Some(Expr::Ident(n)) if !n.starts_with("kw_") => match self.rules.get(n) {
                Some(r) => self.labels(&then(&seq(&r.body)), depth + 1),
                None => Vec::new(),
            },
            _ => self.keyword_prefix(elements).into_iter().collect(),
        }
    }

    fn is_keyword_rule(&self, e: &Expr) -> bool {
        matches!(e, Expr::Ident(n) if n.starts_with("kw_"))
    }

    /// `kw_basis ~ ":"? ~ kw_gemiddelde ~ kw_van ~ integer` → `basis: gemiddelde van`.
    /// A colon is written where it must stand, or where more keywords follow it.
    fn keyword_prefix(&self, elements: &[Expr]) -> Option<String> {
        let mut label = String::new();
        let mut optional_colon = false;
        for e in elements {
            match e {
                Expr::Ident(n) if n.starts_with("kw_") => {
                    if optional_colon {
                        label.push(':');
                        optional_colon = false;
                    }
                    if !label.is_empty() {
                        label.push(' ');
                    }
                    label.push_str(&self.keyword(n)?);
                }
                Expr::Lit(l) if l == ":" && !label.is_empty() => label.push(':'),
                Expr::Opt(x) if matches!(&**x, Expr::Lit(l) if l == ":") => optional_colon = true,
                _ => break,
            }
        }
        (!label.is_empty()).then_some(label)
    }
}

fn is_ident(e: &Expr, name: &str) -> bool {
    matches!(e, Expr::Ident(n) if n == name)
}

/// The elements of a sequence (one element when it is none).
fn seq(e: &Expr) -> Vec<Expr> {
    match e {
        Expr::Seq(v) => v.clone(),
        other => vec![other.clone()],
    }
}

fn literals(e: &Expr, out: &mut Vec<String>) {
    match e {
        Expr::Lit(l) => out.push(l.clone()),
        Expr::Seq(v) | Expr::Choice(v) => v.iter().for_each(|x| literals(x, out)),
        Expr::Opt(x) | Expr::Rep(x) => literals(x, out),
        Expr::Ident(_) | Expr::Look => {}
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Ident(String),
    Lit(String),
    Punct(char),
}

fn tokenize(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '"' => {
                let mut lit = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => {
                            if let Some(n) = chars.next() {
                                lit.push(match n {
                                    'n' => '\n',
                                    't' => '\t',
                                    'r' => '\r',
                                    other => other,
                                });
                            }
                        }
                        other => lit.push(other),
                    }
                }
                out.push(Tok::Lit(lit.to_lowercase()));
            }
            '^' => {}
            c if c.is_alphabetic() => {
                let mut name = c.to_string();
                while let Some(&n) = chars.peek() {
                    if n.is_alphanumeric() || n == '_' {
                        name.push(n);
                        chars.next();
                    } else {
                        break;
                    }
                }
                out.push(Tok::Ident(name));
            }
            c if c.is_whitespace() => {}
            other => out.push(Tok::Punct(other)),
        }
    }
    out
}

struct Parser<'a> {
    tokens: &'a [Tok],
    at: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.tokens.get(self.at)
    }

    fn choice(&mut self) -> Expr {
        let mut alts = vec![self.sequence()];
        while self.peek() == Some(&Tok::Punct('|')) {
            self.at += 1;
            alts.push(self.sequence());
        }
        if alts.len() == 1 {
            alts.pop().unwrap_or(Expr::Look)
        } else {
            Expr::Choice(alts)
        }
    }

    fn sequence(&mut self) -> Expr {
        let mut items = Vec::new();
        // a leading `|` (a choice written over several lines) is allowed
        loop {
            if let Some(e) = self.term() {
                items.push(e);
            }
            if self.peek() == Some(&Tok::Punct('~')) {
                self.at += 1;
            } else {
                break;
            }
        }
        if items.len() == 1 {
            items.pop().unwrap_or(Expr::Look)
        } else {
            Expr::Seq(items)
        }
    }

    fn term(&mut self) -> Option<Expr> {
        let mut e = match self.peek()?.clone() {
            Tok::Punct('!') | Tok::Punct('&') => {
                self.at += 1;
                self.term();
                Expr::Look
            }
            Tok::Punct('(') => {
                self.at += 1;
                let inner = self.choice();
                if self.peek() == Some(&Tok::Punct(')')) {
                    self.at += 1;
                }
                inner
            }
            Tok::Lit(l) => {
                self.at += 1;
                Expr::Lit(l)
            }
            Tok::Ident(n) => {
                self.at += 1;
                Expr::Ident(n)
            }
            _ => return None,
        };
        loop {
            match self.peek() {
                Some(Tok::Punct('?')) => e = Expr::Opt(Box::new(e)),
                Some(Tok::Punct('*')) | Some(Tok::Punct('+')) => e = Expr::Rep(Box::new(e)),
                // `{3}` or `{2, 4}` after a term: a repetition, not a rule body
                Some(Tok::Punct('{')) => {
                    while !matches!(self.peek(), Some(Tok::Punct('}')) | None) {
                        self.at += 1;
                    }
                    e = Expr::Rep(Box::new(e));
                }
                _ => return Some(e),
            }
            self.at += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(v: &[Statement]) -> Vec<&str> {
        v.iter().map(|s| s.label.as_str()).collect()
    }

    #[test]
    fn the_sections_and_their_statements_come_from_the_grammar() {
        let g = grammar();
        let sections = g.sections();
        for s in [
            "reglement",
            "werkingsgebied",
            "versnelde toewijzing",
            "specifieke doelgroepen",
            "gemeente",
        ] {
            assert!(labels(&sections).contains(&s), "{s}: {sections:?}");
        }
        let versneld = g
            .opened_by(&sections, &["versnelde".into(), "toewijzing".into()])
            .expect("versneld");
        let items = g.items(&versneld.rule);
        for s in [
            "document",
            "aandeel",
            "basis: gemiddelde van",
            "wegingskader",
            "verdeling",
            "doelgroep",
            "lokale binding geldt",
            "motivering",
        ] {
            assert!(labels(&items).contains(&s), "{s}: {:?}", labels(&items));
        }
        // the block of a pillar-2 target group
        let group = g
            .opened_by(&items, &["doelgroep".into(), "jongere".into()])
            .expect("doelgroep");
        let inner = labels(&g.items(&group.rule))
            .into_iter()
            .map(str::to_string)
            .collect::<Vec<_>>();
        assert!(inner.contains(&"wettelijke groep".to_string()), "{inner:?}");
        assert!(inner.contains(&"situaties".to_string()), "{inner:?}");
        // a tier of the rangorde, behind its optional number
        let standaard = g
            .opened_by(&sections, &["standaardtoewijzing".into()])
            .expect("standaard");
        let standaard_items = g.items(&standaard.rule);
        let rangorde = g
            .opened_by(&standaard_items, &["rangorde".into()])
            .expect("rangorde");
        let tiers = g.items(&rangorde.rule);
        assert!(labels(&tiers).contains(&"woonbinding"), "{tiers:?}");
        assert!(labels(&tiers).contains(&"inschrijvingsdatum"), "{tiers:?}");
    }

    #[test]
    fn statements_a_gemeente_may_not_amend_are_not_offered() {
        let g = grammar();
        let sections = g.sections();
        let gemeente = g
            .opened_by(&sections, &["gemeente".into(), "turnhout".into()])
            .expect("gemeente");
        let items = g.items(&gemeente.rule);
        assert!(
            labels(&items).contains(&"strengere woonbinding"),
            "{items:?}"
        );
        assert!(!labels(&items).contains(&"aandeel"), "{items:?}");
    }

    #[test]
    fn every_keyword_literal_is_read() {
        let words = grammar().keywords();
        assert!(words.contains(&"ministeriële".to_string()));
        assert!(words.contains(&"ministeriele".to_string()));
        assert!(words.len() > 100);
    }
}
