//! Seeded synthetic candidates of any size, realistic for a plan: the codes
//! its tables declare, the gemeenten of its werkingsgebied (weighted by the
//! number of dwellings) and gemeenten elsewhere in the residence history.
//! The same profile, count and seed give the same file, byte for byte
//! (ChaCha8, whose stream is fixed across platforms). Every generated
//! record is valid: generated files rank without rejections.
//!
//! Shape of the data (per candidate): registration in the 10 years before
//! the reference date; 63% one adult, of whom 24% with children (a single
//! parent is a `gezin`, as in the leefloon: only one adult without
//! children is an `alleenstaande`, 48% of all), households of 2–3 adults mostly with
//! 0–4 children (rarely up to 12); monthly income around the income
//! brackets (4% unknown); a housing need for 40%, drawn by
//! [`WoonnoodVerdeling`] (by default the Kempen homelessness count of the
//! note; the never-scored codes rarer); guidance for 45%; a pillar-3 attest for ~5%; mantelzorg
//! for 6%; a preference of 1–3 gemeenten for 75%; a residence history of
//! 1–4 periods going back from the reference date, mostly adjacent, some
//! with gaps, a quarter outside the werkingsgebied; a birth date for each
//! adult (about one household in six with an adult of 65 or older, a
//! partner within a few years of the first adult, a third adult as a
//! grown-up child; 3% of the households without birth dates), drawn from
//! a stream of its own so that the other fields are those of a file made
//! without them.
//!
//! As an extract of the central register: 15% of the preferences add a
//! Flemish gemeente outside the werkingsgebied and 3% name only such
//! gemeenten (a candidate of other woonmaatschappijen, excluded here), a
//! fifth of the mantelzorg lies outside; and a residence period in a
//! merged gemeente (2019, 2025) carries, for the days before the merger,
//! the name of one of the gemeenten that merged ("Ham@2016-03-01..2024-12-31;
//! Tessenderlo-Ham@2025-01-01.."), as the register kept it. These choices
//! come from a second seeded stream, so that the rest of a generated file
//! is the same as before they existed.

use super::candidate::{Candidate, ResidencePeriod};
use crate::plan::{Kenmerk, Plan, PuntenTabel};
use crate::vocab::Household;
use chrono::NaiveDate;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::io::{self, Write};

/// Gemeenten outside a Kempen werkingsgebied that residence histories name.
const ELDERS: &[&str] = &[
    "Antwerpen",
    "Mol",
    "Geel",
    "Herentals",
    "Brussel",
    "Gent",
    "Mechelen",
    "Lier",
    "Leuven",
    "Hasselt",
    "Eindhoven",
    "Tilburg",
    "Breda",
    "Kasterlee",
    "Lille",
    "Retie",
    "Dessel",
];

/// How the housing-need situations are drawn, in percent of the candidates
/// with a housing need. The codes it names get their share; the plan's
/// other codes share what is left of 100% equally (a code that is never
/// scored at a third of that weight); nothing is left when the named
/// shares reach 100%.
///
/// The default is the dak- en thuislozentelling of the Kempen note
/// (28/10/2022): "personen die verblijven in opvang en doorgangswoningen
/// (19.8%)", "een instelling binnen de maand zonder woonoplossing moeten
/// verlaten of hier langer dan nodig verblijven (20,4%)", "bij familie of
/// vrienden verblijven (36%)", "binnen de maand dreigen uit huis gezet te
/// worden (9,4%)" and without any shelter "(1,3%)"; codes of the note's
/// table that a plan lacks are left out.
#[derive(Debug, Clone, PartialEq)]
pub struct WoonnoodVerdeling {
    pub shares: Vec<(String, f64)>,
    /// Whether the codes were given (then a code the plan lacks is an
    /// error) or are the default (then it is left out).
    pub given: bool,
}

impl Default for WoonnoodVerdeling {
    fn default() -> Self {
        WoonnoodVerdeling {
            shares: [
                ("familie", 36.0),
                ("instelling", 20.4),
                ("opvang", 19.8),
                ("opzeg", 9.4),
                ("geen-opvang", 1.3),
            ]
            .iter()
            .map(|(c, w)| (c.to_string(), *w))
            .collect(),
            given: false,
        }
    }
}

impl WoonnoodVerdeling {
    /// `familie=36,instelling=20.4,...` (a decimal point or comma: `20,4`
    /// after `=` is read as 20.4 when no `=` follows in that part).
    pub fn parse(text: &str) -> Result<WoonnoodVerdeling, String> {
        let mut shares: Vec<(String, f64)> = Vec::new();
        let mut parts: Vec<String> = Vec::new();
        for piece in text.split([',', ';']) {
            // "20,4": a decimal comma splits a number in two
            match parts.last_mut() {
                Some(last)
                    if !piece.contains('=')
                        && !piece.trim().is_empty()
                        && piece.trim().bytes().all(|b| b.is_ascii_digit()) =>
                {
                    last.push('.');
                    last.push_str(piece.trim());
                }
                _ => parts.push(piece.to_string()),
            }
        }
        for part in parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
            let Some((code, share)) = part.split_once('=') else {
                return Err(format!(
                    "'{part}' is geen 'code=percentage' (bv. familie=36)"
                ));
            };
            let code = code.trim();
            let share: f64 = share
                .trim()
                .trim_end_matches('%')
                .parse()
                .map_err(|_| format!("'{}' is geen percentage (bv. 20.4)", share.trim()))?;
            if !share.is_finite() || !(0.0..=100.0).contains(&share) {
                return Err(format!(
                    "het percentage van '{code}' ligt niet tussen 0 en 100"
                ));
            }
            if shares.iter().any(|(c, _)| c == code) {
                return Err(format!("'{code}' staat twee keer in de verdeling"));
            }
            shares.push((code.to_string(), share));
        }
        if shares.is_empty() {
            return Err("geef minstens één 'code=percentage'".into());
        }
        Ok(WoonnoodVerdeling {
            shares,
            given: true,
        })
    }

    /// The weights of the plan's codes (`scored`: whether the code gets
    /// points), in the plan's order.
    fn weights(&self, codes: &[(String, bool)]) -> Result<Vec<(String, f64)>, String> {
        if self.given {
            let unknown: Vec<&str> = self
                .shares
                .iter()
                .map(|(c, _)| c.as_str())
                .filter(|c| !codes.iter().any(|(k, _)| k == c))
                .collect();
            if !unknown.is_empty() {
                let known: Vec<&str> = codes.iter().map(|(c, _)| c.as_str()).collect();
                return Err(format!(
                    "{} {} geen woonnood van het reglement (wel: {})",
                    unknown.join(", "),
                    if unknown.len() == 1 { "is" } else { "zijn" },
                    known.join(", ")
                ));
            }
        }
        let named = |c: &str| self.shares.iter().find(|(k, _)| k == c).map(|s| s.1);
        let used: f64 = codes.iter().filter_map(|(c, _)| named(c)).sum();
        let rest = (100.0 - used).max(0.0);
        let unnamed: f64 = codes
            .iter()
            .filter(|(c, _)| named(c).is_none())
            .map(|(_, scored)| if *scored { 1.0 } else { 0.3 })
            .sum();
        Ok(codes
            .iter()
            .map(|(c, scored)| {
                let w = named(c).unwrap_or_else(|| {
                    if unnamed > 0.0 {
                        rest * if *scored { 1.0 } else { 0.3 } / unnamed
                    } else {
                        0.0
                    }
                });
                (c.clone(), w)
            })
            .collect())
    }
}

/// What a generated file may contain, taken from a plan.
#[derive(Debug, Clone)]
pub struct Profile {
    /// Gemeenten of the werkingsgebied with their weight (dwellings).
    pub gemeenten: Vec<(String, u64)>,
    pub elders: Vec<String>,
    /// Flemish gemeenten outside the werkingsgebied on the reference date
    /// (nearby ones from `elders` first): other woonmaatschappijen'.
    pub buiten: Vec<String>,
    /// Per merged gemeente on the reference date (lower case): the merger
    /// date and the names of the gemeenten that merged.
    pub fusies: Vec<(String, NaiveDate, Vec<String>)>,
    /// Housing-need codes with their relative weight.
    pub woonnood: Vec<(String, f64)>,
    pub begeleiding: Vec<String>,
    pub doelgroepen: Vec<String>,
    /// Every date is on or before this day.
    pub peildatum: NaiveDate,
}

impl Profile {
    /// The profile of a plan with the default housing-need distribution.
    pub fn from_plan(plan: &Plan, peildatum: NaiveDate) -> Profile {
        match Profile::with_woonnood(plan, peildatum, &WoonnoodVerdeling::default()) {
            Ok(p) => p,
            // the default never names a code as given, so it cannot fail
            Err(_) => unreachable!("the default distribution leaves out unknown codes"),
        }
    }

    /// The profile of a plan with a housing-need distribution; an error
    /// when a given code is not one of the plan's.
    pub fn with_woonnood(
        plan: &Plan,
        peildatum: NaiveDate,
        verdeling: &WoonnoodVerdeling,
    ) -> Result<Profile, String> {
        let mut gemeenten: Vec<(String, u64)> = plan
            .werkingsgebied
            .gemeenten
            .iter()
            .map(|g| (g.naam.clone(), g.woningen.max(1)))
            .collect();
        if gemeenten.is_empty() {
            gemeenten.push(("Turnhout".into(), 1));
        }
        let mut woonnood = Vec::new();
        let mut begeleiding = Vec::new();
        for c in plan.versneld.iter().flat_map(|v| &v.wegingskader.criteria) {
            if let PuntenTabel::Codes { rijen } = &c.tabel {
                for r in rijen {
                    match c.kenmerk {
                        Kenmerk::Begeleiding => begeleiding.push(r.code.clone()),
                        _ => woonnood.push((r.code.clone(), r.punten.is_some())),
                    }
                }
            }
        }
        let doelgroepen = plan
            .doelgroepen
            .iter()
            .flat_map(|d| d.groepen.iter().map(|g| g.code.clone()))
            .collect();
        let elders: Vec<String> = ELDERS.iter().map(|s| s.to_string()).collect();
        let inside: Vec<super::prepare::Ident> = gemeenten
            .iter()
            .map(|(g, _)| super::prepare::ident(g, peildatum))
            .collect();
        let outside = |g: &str| {
            crate::gemeenten::on(g, peildatum)
                .is_some_and(|i| crate::gemeenten::row(i).bestaat_op(peildatum))
                && !inside.contains(&super::prepare::ident(g, peildatum))
        };
        let mut buiten: Vec<String> = elders.iter().filter(|g| outside(g)).cloned().collect();
        let rest: Vec<String> = crate::gemeenten::op(peildatum)
            .map(|g| g.naam.to_string())
            .filter(|g| outside(g) && !buiten.contains(g))
            .collect();
        buiten.extend(rest);
        let mut fusies = Vec::new();
        for g in crate::gemeenten::op(peildatum) {
            if let Some(f) = crate::gemeenten::fusie_of(g.naam, peildatum) {
                let mut parts: Vec<String> = f
                    .delen
                    .iter()
                    .map(|&i| crate::gemeenten::row(i).naam.to_string())
                    .collect();
                parts.dedup();
                fusies.push((g.naam.to_lowercase(), f.datum, parts));
            }
        }
        let woonnood = verdeling.weights(&woonnood)?;
        Ok(Profile {
            gemeenten,
            elders,
            buiten,
            fusies,
            woonnood,
            begeleiding,
            doelgroepen,
            peildatum,
        })
    }
}

fn days_before(d: NaiveDate, days: i64) -> NaiveDate {
    d - chrono::Duration::days(days)
}

/// An endless, seeded stream of candidates.
pub struct Generator<'a> {
    profile: &'a Profile,
    rng: ChaCha8Rng,
    /// The central register's and the mergers' choices (see the module doc).
    aux: ChaCha8Rng,
    /// Birth dates only: a stream of its own, so the other fields do not change.
    ages: ChaCha8Rng,
    next: u64,
    total_weight: u64,
}

impl<'a> Generator<'a> {
    pub fn new(profile: &'a Profile, seed: u64) -> Self {
        Generator {
            profile,
            rng: ChaCha8Rng::seed_from_u64(seed),
            aux: ChaCha8Rng::seed_from_u64(seed ^ 0x5EED_F051_0E5E),
            ages: ChaCha8Rng::seed_from_u64(seed ^ 0x6765_626f_6f72_7465),
            next: 0,
            total_weight: profile.gemeenten.iter().map(|g| g.1).sum::<u64>().max(1),
        }
    }

    fn gemeente(&mut self) -> &'a str {
        let mut k = self.rng.random_range(0..self.total_weight);
        for (g, w) in &self.profile.gemeenten {
            if k < *w {
                return g;
            }
            k -= w;
        }
        &self.profile.gemeenten[0].0
    }

    /// A Flemish gemeente outside the werkingsgebied: mostly a nearby one.
    fn buiten(&mut self) -> Option<String> {
        let b = &self.profile.buiten;
        if b.is_empty() {
            return None;
        }
        let near = self.profile.elders.iter().filter(|e| b.contains(e)).count();
        let i = if near > 0 && self.aux.random_bool(0.7) {
            self.aux.random_range(0..near)
        } else {
            self.aux.random_range(0..b.len())
        };
        Some(b[i].clone())
    }

    /// The register's names for a period in `gemeente`: for a merged
    /// gemeente, one of the gemeenten that merged until the day before the
    /// merger, the merged gemeente from then on.
    fn register_names(&mut self, p: ResidencePeriod, out: &mut Vec<ResidencePeriod>) {
        let key = p.gemeente.to_lowercase();
        let Some((_, datum, parts)) = self.profile.fusies.iter().find(|f| f.0 == key) else {
            out.push(p);
            return;
        };
        if p.van >= *datum || parts.is_empty() {
            out.push(p);
            return;
        }
        let old = parts[self.aux.random_range(0..parts.len())].clone();
        let last_old = datum.pred_opt().unwrap_or(*datum);
        if p.tot.is_some_and(|t| t < *datum) {
            out.push(ResidencePeriod { gemeente: old, ..p });
            return;
        }
        // most recent first, as the history is built
        out.push(ResidencePeriod {
            gemeente: p.gemeente,
            van: *datum,
            tot: p.tot,
        });
        out.push(ResidencePeriod {
            gemeente: old,
            van: p.van,
            tot: Some(last_old),
        });
    }

    fn pick<'s>(&mut self, list: &'s [String]) -> Option<&'s str> {
        (!list.is_empty()).then(|| list[self.rng.random_range(0..list.len())].as_str())
    }

    /// Birth dates for the adults of a household (none for 3% of them):
    /// the first adult 18–95 years old on the reference date (one in six
    /// 65 or older), a partner within 8 years of the first adult (at least
    /// 18), a third adult 18–30 (a grown-up child).
    fn birth_dates(&mut self, adults: u32) -> Vec<NaiveDate> {
        let peil = self.profile.peildatum;
        let r = &mut self.ages;
        if r.random_bool(0.03) {
            return Vec::new();
        }
        let first_age: i64 = if r.random_bool(0.17) {
            r.random_range(65..=95)
        } else {
            r.random_range(18..=64)
        };
        let born =
            |age: i64, r: &mut ChaCha8Rng| days_before(peil, age * 365 + r.random_range(0..365));
        let mut out = vec![born(first_age, r)];
        if adults >= 2 {
            let partner = (first_age + r.random_range(-8..=8)).max(18);
            out.push(born(partner, r));
        }
        for _ in 2..adults {
            let child = r.random_range(18..=30);
            out.push(born(child, r));
        }
        out
    }

    fn normal(&mut self, mean: f64, sd: f64) -> f64 {
        // Box–Muller
        let u1: f64 = self.rng.random::<f64>().max(1e-12);
        let u2: f64 = self.rng.random::<f64>();
        mean + sd * (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }
}

impl Iterator for Generator<'_> {
    type Item = Candidate;

    fn next(&mut self) -> Option<Candidate> {
        self.next += 1;
        let peil = self.profile.peildatum;
        let inschrijving = {
            let k = self.rng.random_range(1..3653);
            days_before(peil, k)
        };
        // one adult (63%): 76% without children (an alleenstaande, 48% of
        // all), 24% a single parent (a gezin, as in the leefloon); more
        // adults: a gezin
        let adults = match self.rng.random_range(0..100) {
            0..63 => 1,
            63..97 => 2,
            _ => 3,
        };
        let childless = adults == 1 && self.rng.random_bool(0.76);
        let single = adults == 1 && childless;
        let (gezinstype, volwassenen, kinderen) = if single {
            (Household::Alleenstaande, 1, 0)
        } else {
            let kids = match self
                .rng
                .random_range(if adults == 1 { 180 } else { 0 }..1000)
            {
                0..180 => 0,
                180..480 => 1,
                480..740 => 2,
                740..880 => 3,
                880..950 => 4,
                950..980 => 5,
                980..990 => 6,
                990..995 => 7,
                995..997 => 8,
                997..998 => 9,
                998..999 => 10,
                _ => self.rng.random_range(11..=12),
            };
            (Household::Gezin, adults, kids)
        };
        let single_parent = adults == 1 && !single;
        let inkomen_cent = if self.rng.random_bool(0.04) {
            None
        } else {
            let (mean, sd) = if single {
                (1500.0, 330.0)
            } else if single_parent {
                (1800.0, 400.0)
            } else {
                (2050.0, 480.0)
            };
            let euro = self.normal(mean, sd).clamp(450.0, 6000.0);
            Some((euro * 100.0).round() as i64)
        };
        let total: f64 = self.profile.woonnood.iter().map(|w| w.1).sum();
        let woonnood = if self.rng.random_bool(0.40) && total > 0.0 {
            let mut k = self.rng.random::<f64>() * total;
            let mut chosen = self
                .profile
                .woonnood
                .iter()
                .rev()
                .find(|w| w.1 > 0.0)
                .map_or(&self.profile.woonnood[0].0, |w| &w.0);
            for (code, w) in &self.profile.woonnood {
                if k < *w {
                    chosen = code;
                    break;
                }
                k -= w;
            }
            Some(chosen.clone())
        } else {
            None
        };
        let begeleiding = if self.rng.random_bool(0.45) {
            self.pick(&self.profile.begeleiding.clone())
                .map(str::to_string)
        } else {
            None
        };
        let mut doelgroepen = Vec::new();
        if self.rng.random_bool(0.05) {
            if let Some(d) = self.pick(&self.profile.doelgroepen.clone()) {
                doelgroepen.push(d.to_string());
            }
            if self.rng.random_bool(0.1) {
                if let Some(d) = self.pick(&self.profile.doelgroepen.clone()) {
                    if !doelgroepen.iter().any(|x| x == d) {
                        doelgroepen.push(d.to_string());
                    }
                }
            }
        }
        let mut mantelzorg = if self.rng.random_bool(0.06) {
            vec![self.gemeente().to_string()]
        } else {
            Vec::new()
        };
        if !mantelzorg.is_empty() && self.aux.random_bool(0.2) {
            if let Some(g) = self.buiten() {
                mantelzorg = vec![g];
            }
        }
        let mut voorkeur: Vec<String> = Vec::new();
        if self.rng.random_bool(0.75) {
            for _ in 0..self.rng.random_range(1..=3) {
                let g = self.gemeente().to_string();
                if !voorkeur.contains(&g) {
                    voorkeur.push(g);
                }
            }
        }
        // the central register: preferences across woonmaatschappijen
        if !voorkeur.is_empty() {
            let roll = self.aux.random_range(0..100);
            if roll < 3 {
                voorkeur.clear();
                for _ in 0..self.aux.random_range(1..=2) {
                    if let Some(g) = self.buiten() {
                        if !voorkeur.contains(&g) {
                            voorkeur.push(g);
                        }
                    }
                }
            } else if roll < 18 {
                if let Some(g) = self.buiten() {
                    if !voorkeur.contains(&g) {
                        voorkeur.push(g);
                    }
                }
            }
        }
        // residence history, backwards from the reference date
        let mut woonhistoriek = Vec::new();
        let periods = match self.rng.random_range(0..100) {
            0..40 => 1,
            40..75 => 2,
            75..92 => 3,
            _ => 4,
        };
        let mut end: Option<NaiveDate> = if self.rng.random_bool(0.9) {
            None
        } else {
            {
                let k = self.rng.random_range(1..200);
                Some(days_before(peil, k))
            }
        };
        let floor = NaiveDate::from_ymd_opt(1975, 1, 1).unwrap_or(peil);
        for _ in 0..periods {
            let last = end.unwrap_or(peil);
            let k = self.rng.random_range(120..5000);
            let start = days_before(last, k);
            if start < floor {
                break;
            }
            let gemeente = if self.rng.random_bool(0.75) {
                self.gemeente().to_string()
            } else {
                self.pick(&self.profile.elders.clone())
                    .unwrap_or("Antwerpen")
                    .to_string()
            };
            self.register_names(
                ResidencePeriod {
                    gemeente,
                    van: start,
                    tot: end,
                },
                &mut woonhistoriek,
            );
            let gap = if self.rng.random_bool(0.8) {
                1
            } else {
                self.rng.random_range(2..400)
            };
            end = Some(days_before(start, gap));
        }
        let geboortedata = self.birth_dates(volwassenen);
        Some(Candidate {
            dossier: format!("K-{:07}", self.next),
            inschrijvingsdatum: inschrijving,
            gezinstype,
            volwassenen,
            kinderen,
            inkomen_cent,
            woonnood,
            begeleiding,
            doelgroepen,
            mantelzorg,
            voorkeur,
            woonhistoriek,
            geboortedata,
            knipperlicht: false,
            begeleidingsovereenkomst: None,
            sociaal_verslag: None,
        })
    }
}

/// The CSV header of a candidates file (docs/gegevens.md order).
pub const CSV_HEADER: &str = "dossier,inschrijvingsdatum,gezinstype,volwassenen,kinderen,inkomen,woonnood,begeleiding,doelgroepen,mantelzorg,voorkeur,woonhistoriek,geboortedata";

fn csv_field(out: &mut String, s: &str) {
    if s.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

/// One candidate as a CSV row (docs/gegevens.md), with a final newline.
pub fn csv_row(c: &Candidate, out: &mut String) {
    use std::fmt::Write as _;
    csv_field(out, &c.dossier);
    let _ = write!(
        out,
        ",{},{},{},{},",
        c.inschrijvingsdatum,
        c.gezinstype.label(),
        c.volwassenen,
        c.kinderen
    );
    if let Some(i) = c.inkomen_cent {
        let _ = write!(out, "{}.{:02}", i / 100, i % 100);
    }
    out.push(',');
    csv_field(out, c.woonnood.as_deref().unwrap_or(""));
    out.push(',');
    csv_field(out, c.begeleiding.as_deref().unwrap_or(""));
    out.push(',');
    csv_field(out, &c.doelgroepen.join(";"));
    out.push(',');
    csv_field(out, &c.mantelzorg.join(";"));
    out.push(',');
    csv_field(out, &c.voorkeur.join(";"));
    out.push(',');
    let hist: Vec<String> = c
        .woonhistoriek
        .iter()
        .map(|p| {
            format!(
                "{}@{}..{}",
                p.gemeente,
                p.van,
                p.tot.map(|t| t.to_string()).unwrap_or_default()
            )
        })
        .collect();
    csv_field(out, &hist.join(";"));
    out.push(',');
    let births: Vec<String> = c.geboortedata.iter().map(|d| d.to_string()).collect();
    out.push_str(&births.join(";"));
    out.push('\n');
}

/// Write `n` candidates as CSV.
pub fn write_csv<W: Write>(profile: &Profile, n: usize, seed: u64, w: &mut W) -> io::Result<()> {
    let mut buf = String::with_capacity(1 << 20);
    buf.push_str(CSV_HEADER);
    buf.push('\n');
    for c in Generator::new(profile, seed).take(n) {
        csv_row(&c, &mut buf);
        if buf.len() > (1 << 20) - 1024 {
            w.write_all(buf.as_bytes())?;
            buf.clear();
        }
    }
    w.write_all(buf.as_bytes())
}

/// One candidate as a JSON object (docs/gegevens.md): lists as arrays, the
/// residence history as objects, the income as a number.
pub fn json_value(c: &Candidate) -> serde_json::Value {
    serde_json::json!({
        "dossier": c.dossier,
        "inschrijvingsdatum": c.inschrijvingsdatum.to_string(),
        "gezinstype": c.gezinstype.label(),
        "volwassenen": c.volwassenen,
        "kinderen": c.kinderen,
        "inkomen": c.inkomen_cent.map(|i| format!("{}.{:02}", i / 100, i % 100)),
        "woonnood": c.woonnood,
        "begeleiding": c.begeleiding,
        "doelgroepen": c.doelgroepen,
        "mantelzorg": c.mantelzorg,
        "voorkeur": c.voorkeur,
        "woonhistoriek": c.woonhistoriek.iter().map(|p| serde_json::json!({
            "gemeente": p.gemeente,
            "van": p.van.to_string(),
            "tot": p.tot.map(|t| t.to_string()),
        })).collect::<Vec<_>>(),
        "geboortedata": c.geboortedata.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
    })
}

/// Write `n` candidates as a JSON array, one object per line.
pub fn write_json<W: Write>(profile: &Profile, n: usize, seed: u64, w: &mut W) -> io::Result<()> {
    w.write_all(b"[")?;
    for (i, c) in Generator::new(profile, seed).take(n).enumerate() {
        w.write_all(if i == 0 { b"\n  " } else { b",\n  " })?;
        serde_json::to_writer(&mut *w, &json_value(&c)).map_err(io::Error::other)?;
    }
    w.write_all(if n == 0 { b"]\n" } else { b"\n]\n" })
}
