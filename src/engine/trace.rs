//! The explanation of one candidate's place: every rule applied, the points
//! it gave or the reason it excluded, with the plan's source location and
//! article. Built only when asked ([`Sink`] is a no-op otherwise), by the
//! same code that ranks, so the explanation cannot drift from the ranking.

use super::candidate::Pillar;
use super::prepare::cite;
use crate::plan::Herkomst;
use chrono::NaiveDate;
use serde::Serialize;

/// What a step did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Uitkomst {
    /// Points on a criterion.
    Punten,
    /// A condition met (a threshold, a woonbinding tier, a target group).
    Voldaan,
    /// A condition not met that does not exclude (a woonbinding tier).
    NietVoldaan,
    /// The rule that excluded the candidate.
    Uitgesloten,
    /// How the order is decided.
    Volgorde,
    /// Information (a rule that does not apply here).
    Info,
}

/// One rule applied to a candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stap {
    /// The rule, as a short name (`woonnood`, `drempel`, `woonbinding-gemeente`, …).
    pub regel: String,
    pub uitkomst: Uitkomst,
    /// Points, for [`Uitkomst::Punten`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub punten: Option<u32>,
    /// The step in Dutch, for a person.
    pub tekst: String,
    /// Where the rule is written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub herkomst: Option<Herkomst>,
}

impl Stap {
    /// One line for a person: the text and, in brackets, article and line.
    pub fn line(&self) -> String {
        match &self.herkomst {
            Some(h) => format!("{} ({})", self.tekst, cite(h)),
            None => self.tekst.clone(),
        }
    }
}

/// A candidate's explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Trace {
    pub dossier: String,
    pub pijler: Pillar,
    pub gemeente: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub woning: Option<String>,
    pub peildatum: NaiveDate,
    /// `gerangschikt`, `uitgesloten` or `geweigerd`.
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rang: Option<u32>,
    /// How many candidates are ranked in this list.
    pub gerangschikt: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub totaal: Option<u32>,
    /// Excluded or rejected: why, in one line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reden: Option<String>,
    pub stappen: Vec<Stap>,
}

impl Trace {
    /// The explanation in Dutch, one step per line.
    pub fn render(&self) -> String {
        self.render_with(true, Stap::line)
    }

    /// The explanation without the candidate's data: the rules applied,
    /// their points and where they are written, never the values they
    /// were applied to (incomes, dates, places of residence). For a report
    /// that leaves the allocation office (the monitor's audit).
    pub fn render_rules(&self) -> String {
        self.render_with(false, |st| {
            let mut s = st.regel.clone();
            if let Some(p) = st.punten {
                s.push_str(&format!(": {}", points(p)));
            }
            if let Some(h) = &st.herkomst {
                s.push_str(&format!(" ({})", cite(h)));
            }
            s
        })
    }

    fn render_with(&self, reasons: bool, line: impl Fn(&Stap) -> String) -> String {
        let mut s = format!(
            "Dossier {} — {}, {}",
            self.dossier,
            self.pijler.title(),
            self.gemeente
        );
        if let Some(w) = &self.woning {
            s.push_str(&format!(", woning {w}"));
        }
        s.push_str(&format!(", peildatum {}\n", self.peildatum));
        match (self.status.as_str(), self.rang) {
            ("gerangschikt", Some(r)) => {
                s.push_str(&format!("Plaats {r} van {}", self.gerangschikt));
                if let Some(t) = self.totaal {
                    s.push_str(&format!(", {} in totaal", points(t)));
                }
                s.push('\n');
            }
            ("uitgesloten", _) if reasons => s.push_str(&format!(
                "Uitgesloten: {}\n",
                self.reden.as_deref().unwrap_or("niet gerangschikt")
            )),
            ("uitgesloten", _) => s.push_str("Uitgesloten: zie de regel met ✗\n"),
            _ => s.push_str("Geweigerd: de gegevens van dit dossier zijn niet bruikbaar\n"),
        }
        for st in &self.stappen {
            let mark = match st.uitkomst {
                Uitkomst::Punten => "  +",
                Uitkomst::Voldaan => "  ✓",
                Uitkomst::NietVoldaan => "  –",
                Uitkomst::Uitgesloten => "  ✗",
                Uitkomst::Volgorde => "  →",
                Uitkomst::Info => "  ·",
            };
            s.push_str(&format!("{mark} {}\n", line(st)));
        }
        s
    }
}

/// "1 punt", "20 punten".
pub fn points(n: u32) -> String {
    if n == 1 {
        "1 punt".to_string()
    } else {
        format!("{n} punten")
    }
}

/// Where steps go: nowhere when no explanation is asked (the closures that
/// build the text never run).
pub struct Sink<'a>(pub Option<&'a mut Vec<Stap>>);

impl Sink<'_> {
    pub fn none() -> Sink<'static> {
        Sink(None)
    }

    #[inline]
    pub fn on(&self) -> bool {
        self.0.is_some()
    }

    #[inline]
    pub fn push(&mut self, step: impl FnOnce() -> Stap) {
        if let Some(v) = self.0.as_mut() {
            v.push(step());
        }
    }

    /// Several steps (none is fine), computed only when explaining.
    pub fn push_all(&mut self, steps: impl FnOnce() -> Vec<Stap>) {
        if let Some(v) = self.0.as_mut() {
            v.extend(steps());
        }
    }
}

/// A step.
pub fn stap(
    regel: impl Into<String>,
    uitkomst: Uitkomst,
    punten: Option<u32>,
    tekst: impl Into<String>,
    herkomst: Option<&Herkomst>,
) -> Stap {
    Stap {
        regel: regel.into(),
        uitkomst,
        punten,
        tekst: tekst.into(),
        herkomst: herkomst.cloned(),
    }
}

/// An amount in cents, Dutch style: 1.710,50 euro (see [`crate::nl::euro_word`]).
pub fn euro(cents: i64) -> String {
    crate::nl::euro_word(cents)
}

#[cfg(test)]
mod tests {
    #[test]
    fn euro_is_dutch() {
        assert_eq!(super::euro(171050), "1.710,50 euro");
        assert_eq!(super::euro(137913), "1.379,13 euro");
        assert_eq!(super::euro(5), "0,05 euro");
        assert_eq!(super::euro(123456789), "1.234.567,89 euro");
        assert_eq!(super::euro(-5), "-0,05 euro");
        assert_eq!(super::euro(-171050), "-1.710,50 euro");
    }
}
