//! Compilation: a checked [`Analysis`] → an executable [`Plan`].
//!
//! The compiler resolves everything the engine would otherwise have to
//! re-derive from text: the weighting frame the pillar-2 section uses (also
//! when it lives in the regional file), the candidate field each criterion
//! scores, ceilings in cents, the pillar-1 tiers in their legal order with
//! their woonbinding rule, each gemeente's stricter woonbinding, the reserved
//! dwellings per gemeente with their ceiling. Every rule carries its
//! [`Herkomst`]. A reglement with errors is refused: the checks guarantee
//! what the compiler relies on (no overlapping tables, known names).

use super::*;
use crate::analysis::Analysis;
use crate::model::Model;
use crate::source::FileId;
use crate::span::Span;
use crate::syntax::ast::{self, *};
use std::path::Path;

/// Why a plan could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompileError {
    /// The reglement has errors; the diagnostics say which.
    HasErrors(usize),
    /// The file holds no `reglement` section (e.g. a regional file on its own).
    NoReglement,
}

impl std::fmt::Display for CompileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CompileError::HasErrors(n) => write!(f, "het reglement heeft {n} fout(en)"),
            CompileError::NoReglement => {
                write!(f, "het bestand bevat geen sectie 'reglement' (een regionaal bestand wordt samen met een reglement gecompileerd)")
            }
        }
    }
}

/// Compile an analysed reglement. Refuses a reglement with errors.
pub fn compile(analysis: &Analysis) -> Result<Plan, CompileError> {
    let errors = crate::diagnostic::errors(&analysis.diagnostics).count();
    if errors > 0 {
        return Err(CompileError::HasErrors(errors));
    }
    let c = Compiler {
        analysis,
        model: &analysis.model,
    };
    c.plan()
}

struct Compiler<'a> {
    analysis: &'a Analysis,
    model: &'a Model,
}

/// "3.1" → "art. 3.1".
fn article(text: &Option<Text>) -> Option<String> {
    text.as_ref().map(|t| format!("art. {}", t.value))
}

fn first_text(list: &[Text]) -> Option<String> {
    list.first().map(|t| t.value.clone())
}

impl Compiler<'_> {
    /// The name a file goes by in the plan: the reglement by its file name,
    /// the regional file as the reglement refers to it, so that a plan does
    /// not depend on the folder it was compiled in.
    fn file_name(&self, file: FileId) -> String {
        let name = &self.analysis.sources.get(file).name;
        if Some(file) == self.model.regio {
            if let Some((_, id)) = self.model.identity() {
                if let Some(r) = id.regio.first() {
                    return r.value.clone();
                }
            }
        }
        // a linked document as the reglement names it
        if let Some((kind, _)) = self.model.linked.iter().find(|(_, f)| *f == file) {
            if let Some((_, id)) = self.model.identity() {
                if let Some(u) = id
                    .uses
                    .iter()
                    .find(|u| u.kind.value == *kind && name.ends_with(u.file.value.as_str()))
                {
                    return u.file.value.clone();
                }
            }
        }
        Path::new(name)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| name.clone())
    }

    fn herkomst(
        &self,
        file: FileId,
        span: Span,
        artikel: Option<String>,
        section: &Section,
    ) -> Herkomst {
        let at = self.analysis.sources.get(file).line_col(span.start);
        Herkomst {
            bestand: self.file_name(file),
            regel: at.line,
            kolom: at.column,
            artikel: artikel.or_else(|| article(&section.article)),
            document: section.documents.first().map(|d| d.value),
        }
    }

    /// The file a section belongs to.
    fn file_of(&self, section: &Section) -> FileId {
        self.model.file_of(section)
    }

    fn plan(&self) -> Result<Plan, CompileError> {
        let (id_section, identity) = self.model.identity().ok_or(CompileError::NoReglement)?;
        let params = &self.model.params;
        let default_rule =
            WoonbindingRegel::ononderbroken(params.woonbinding_years, params.woonbinding_window);
        Ok(Plan {
            schema: SCHEMA.to_string(),
            reglement: PlanIdentity {
                titel: id_section.title.as_ref().map(|t| t.value.clone()),
                woonmaatschappij: first_text(&identity.woonmaatschappij).unwrap_or_default(),
                afkorting: identity.afkorting.as_ref().map(|a| a.value.clone()),
                toewijzingsraad: first_text(&identity.toewijzingsraad),
                versie: first_text(&identity.versie),
                geldig_vanaf: identity.geldig.first().map(|g| g.from.value),
                geldig_tot: identity
                    .geldig
                    .first()
                    .and_then(|g| g.until.as_ref().map(|u| u.value)),
                status: identity.status.first().map(|s| match s.value {
                    Status::Ontwerp => "ontwerp".to_string(),
                    Status::Goedgekeurd => "goedgekeurd".to_string(),
                }),
                regio: identity.regio.first().map(|r| r.value.clone()),
                regio_kader: crate::region::frame(self.analysis).map(|f| PlanRegioKader {
                    naam: f.naam,
                    versie: f.versie,
                    bron_hash: f.bron_hash,
                }),
                bron_hash: self.analysis.sources.content_hash(),
                documenten: self
                    .model
                    .linked
                    .iter()
                    .map(|(kind, f)| PlanDocument {
                        document: *kind,
                        bestand: self.file_name(*f),
                        bron_hash: self.analysis.sources.file_hash(*f),
                    })
                    .collect(),
            },
            parameters: PlanParameters {
                parameterset_vanaf: params.applies_from,
                woonbinding: default_rule,
                aandeel_versneld: params.pillar2_share,
                aandeel_standaard_minimaal: params.pillar1_min_share,
                max_personen_per_slaapkamer: params.max_persons_per_bedroom,
            },
            werkingsgebied: self.werkingsgebied(),
            standaard: self.standaard(default_rule),
            versneld: self.versneld(),
            doelgroepen: self.doelgroepen(),
            bijzonder: self.bijzonder(),
            bezetting: self.bezetting(),
            evaluatie: self.evaluatie(),
        })
    }

    fn werkingsgebied(&self) -> PlanWerkingsgebied {
        let Some((_, w)) = self.model.werkingsgebied() else {
            return PlanWerkingsgebied {
                naam: None,
                gemeenten: Vec::new(),
                deelwerkingsgebieden: Vec::new(),
            };
        };
        let naam = self
            .model
            .werkingsgebied()
            .and_then(|(s, _)| s.title.as_ref().map(|t| t.value.clone()));
        let stricter = self.stricter_by_gemeente();
        let area = self.area_binding_by_gemeente();
        let patrimonies = self.model.patrimonies();
        let gemeenten = w
            .gemeenten
            .iter()
            .map(|g| PlanGemeente {
                naam: g.name.value.clone(),
                woningen: patrimonies.get(g.name.value.as_str()).copied().unwrap_or(0),
                strengere_woonbinding: stricter.get(g.name.value.as_str()).cloned(),
                woonbinding_gebied: area.get(g.name.value.as_str()).cloned(),
            })
            .collect();
        let mut deelwerkingsgebieden: Vec<PlanDeelgebied> = w
            .deelgebieden
            .iter()
            .map(|d| PlanDeelgebied {
                naam: d.name.value.clone(),
                gemeenten: d.gemeenten.iter().map(|g| g.value.clone()).collect(),
            })
            .collect();
        // a reglement for a deelwerkingsgebied: its area is that one
        if w.deelgebied.is_some() {
            if let Some((name, list)) = self.model.deelgebied("") {
                deelwerkingsgebieden.push(PlanDeelgebied {
                    naam: name,
                    gemeenten: list.iter().map(|g| g.value.clone()).collect(),
                });
            }
        }
        PlanWerkingsgebied {
            naam,
            gemeenten,
            deelwerkingsgebieden,
        }
    }

    /// The stricter woonbinding that applies to dwellings in each gemeente:
    /// its own section's, or that of a section whose `geldt voor` names it
    /// (the first section that says so wins).
    fn stricter_by_gemeente(&self) -> std::collections::HashMap<&str, PlanStrengereWoonbinding> {
        let mut out = std::collections::HashMap::new();
        for s in self.model.main_sections() {
            let SectionBody::Gemeente(g) = &s.body else {
                continue;
            };
            let file = self.file_of(s);
            let Some(rule) = g.stricter.first() else {
                continue;
            };
            let value = PlanStrengereWoonbinding {
                regel: WoonbindingRegel {
                    jaren: rule.years.value,
                    venster: rule.window.value,
                    ononderbroken: rule.uninterrupted,
                },
                herkomst: self.herkomst(file, rule.span, None, s),
            };
            let names =
                std::iter::once(&g.gemeente).chain(g.applies_to.iter().flat_map(|a| &a.value));
            for n in names {
                out.entry(n.value.as_str()).or_insert_with(|| value.clone());
            }
        }
        out
    }

    /// The woonbinding on the (deel)werkingsgebied a gemeente section chose
    /// for the dwellings in that gemeente (the first one it states).
    fn area_binding_by_gemeente(&self) -> std::collections::HashMap<&str, PlanTier> {
        let params = &self.model.params;
        let mut out = std::collections::HashMap::new();
        for s in self.model.main_sections() {
            let SectionBody::Gemeente(g) = &s.body else {
                continue;
            };
            let file = self.file_of(s);
            let Some(tier) = g.area_bindings.first() else {
                continue;
            };
            let TierKind::Woonbinding { scope, rule, .. } = &tier.kind else {
                continue;
            };
            let regel = rule.as_ref().map_or(
                WoonbindingRegel::ononderbroken(
                    params.woonbinding_years,
                    params.woonbinding_window,
                ),
                |r| WoonbindingRegel {
                    jaren: r.years.value,
                    venster: r.window.value,
                    ononderbroken: r.uninterrupted,
                },
            );
            let (soort, gemeenten) = match &scope.value {
                BindingScope::Deelwerkingsgebied(name) => (
                    PlanTierKind::WoonbindingDeelwerkingsgebied,
                    self.model
                        .deelgebied(&name.value)
                        .map(|(_, d)| d.iter().map(|g| g.value.clone()).collect())
                        .unwrap_or_default(),
                ),
                _ => (
                    PlanTierKind::WoonbindingWerkingsgebied,
                    self.model
                        .gemeenten()
                        .iter()
                        .map(|g| g.name.value.clone())
                        .collect(),
                ),
            };
            out.entry(g.gemeente.value.as_str()).or_insert(PlanTier {
                soort,
                regel: Some(regel),
                gemeenten,
                herkomst: self.herkomst(file, tier.span, None, s),
            });
        }
        out
    }

    fn standaard(&self, default_rule: WoonbindingRegel) -> Option<PlanStandaard> {
        let (section, st) = self.model.standaard()?;
        let file = self.file_of(section);
        let mut rangorde = Vec::new();
        let any_stricter = self
            .model
            .gemeente_secties()
            .any(|(_, g)| !g.stricter.is_empty());
        let all_gemeenten: Vec<String> = self
            .model
            .gemeenten()
            .iter()
            .map(|g| g.name.value.clone())
            .collect();
        for tier in st.rangorde.iter().flat_map(|r| &r.tiers) {
            let herkomst = self.herkomst(file, tier.span, None, section);
            let (soort, regel, gemeenten) = match &tier.kind {
                TierKind::Strenger => (PlanTierKind::StrengereWoonbinding, None, Vec::new()),
                TierKind::Woonbinding { scope, rule, .. } => {
                    let regel = Some(rule.as_ref().map_or(default_rule, |r| WoonbindingRegel {
                        jaren: r.years.value,
                        venster: r.window.value,
                        ononderbroken: r.uninterrupted,
                    }));
                    match &scope.value {
                        BindingScope::Gemeente => {
                            (PlanTierKind::WoonbindingGemeente, regel, Vec::new())
                        }
                        BindingScope::Werkingsgebied => (
                            PlanTierKind::WoonbindingWerkingsgebied,
                            regel,
                            all_gemeenten.clone(),
                        ),
                        BindingScope::Deelwerkingsgebied(name) => {
                            let gemeenten = self
                                .model
                                .deelgebied(&name.value)
                                .map(|(_, d)| d.iter().map(|g| g.value.clone()).collect())
                                .unwrap_or_default();
                            (
                                PlanTierKind::WoonbindingDeelwerkingsgebied,
                                regel,
                                gemeenten,
                            )
                        }
                    }
                }
                TierKind::Mantelzorg => (PlanTierKind::Mantelzorg, None, Vec::new()),
                TierKind::Chronologie => (PlanTierKind::Inschrijvingsdatum, None, Vec::new()),
            };
            rangorde.push(PlanTier {
                soort,
                regel,
                gemeenten,
                herkomst,
            });
        }
        // A gemeente's stricter woonbinding is the first tier by law, even
        // when the rangorde does not list it (the gemeente section says it).
        if any_stricter
            && !rangorde
                .iter()
                .any(|t| t.soort == PlanTierKind::StrengereWoonbinding)
        {
            if let Some((s, g)) = self
                .model
                .gemeente_secties()
                .find(|(_, g)| !g.stricter.is_empty())
            {
                let span = g.stricter.first().map(|r| r.span).unwrap_or(s.header);
                rangorde.insert(
                    0,
                    PlanTier {
                        soort: PlanTierKind::StrengereWoonbinding,
                        regel: None,
                        gemeenten: Vec::new(),
                        herkomst: self.herkomst(self.file_of(s), span, None, s),
                    },
                );
            }
        }
        // chronology closes every ranking, stated or not
        if !rangorde
            .iter()
            .any(|t| t.soort == PlanTierKind::Inschrijvingsdatum)
        {
            rangorde.push(PlanTier {
                soort: PlanTierKind::Inschrijvingsdatum,
                regel: None,
                gemeenten: Vec::new(),
                herkomst: self.herkomst(file, section.header, None, section),
            });
        }
        Some(PlanStandaard {
            aandeel_minimaal: st.aandeel.first().map(|a| a.percent.value),
            rangorde,
            herkomst: self.herkomst(file, section.header, None, section),
        })
    }

    fn versneld(&self) -> Option<PlanVersneld> {
        let (section, v) = self.model.versneld()?;
        let file = self.file_of(section);
        let (frame_file, frame_section, frame) = self.model.used_wegingskader()?;
        // the reglement's own groups, then the regional frame's it uses by
        // name (issue 16), each with the place it is written
        let doelgroepen = self
            .model
            .pillar2_groups()
            .into_iter()
            .map(|g| {
                let (gf, gs) = self.model.p2_group_place(g).unwrap_or((file, section));
                PlanP2Doelgroep {
                    code: g.code.value.clone(),
                    titel: g.title.as_ref().map(|t| t.value.clone()),
                    wettelijke_groep: g.legal_group.first().map(|n| n.value.clone()),
                    situaties: g.situations.iter().map(|s| s.value.clone()).collect(),
                    aandeel: g.aandeel.first().map(|a| a.percent.value),
                    voorwaarden: g.conditions.iter().map(|c| c.value.clone()).collect(),
                    herkomst: self.herkomst(gf, g.code.span, None, gs),
                }
            })
            .collect();
        Some(PlanVersneld {
            aandeel: v
                .aandeel
                .first()
                .map_or(self.model.params.pillar2_share, |a| a.percent.value),
            basis: self.basis(),
            verdeling: match v.verdeling.first().map(|d| d.value) {
                Some(Verdeling::PerDoelgroep) => "per-doelgroep".to_string(),
                _ => "gezamenlijk".to_string(),
            },
            doelgroepen,
            wegingskader: self.wegingskader(frame_file, frame_section, frame),
            knipperlicht: v.knipperlicht.first().map(|&span| PlanKnipperlicht {
                herkomst: self.herkomst(file, span, None, section),
            }),
            sociaal_verslag: v.sociaal_verslag.first().map(|p| PlanSociaalVerslag {
                plaats: match p.value {
                    ast::VerslagPlaats::Vooraan => super::VerslagPlaats::Vooraan,
                    ast::VerslagPlaats::Achteraan => super::VerslagPlaats::Achteraan,
                },
                herkomst: self.herkomst(file, p.span, None, section),
            }),
            herkomst: self.herkomst(file, section.header, None, section),
        })
    }

    /// The pillar-2 base (C3): the average of the stated years, without the
    /// allocations of the pillar-4 kinds named in `basis ... zonder`.
    fn basis(&self) -> Option<PlanBasis> {
        let b = self.model.pillar2_base()?;
        Some(PlanBasis {
            jaren: b.years,
            toewijzingen: b.allocations,
            uitgesloten: b.excluded,
            gemiddelde: b.average,
            versneld_per_jaar: b.pillar2_per_year,
        })
    }

    fn wegingskader(
        &self,
        file: FileId,
        section: &Section,
        frame: &ast::Wegingskader,
    ) -> PlanWegingskader {
        let valid_from = self
            .model
            .valid_from()
            .unwrap_or(self.model.params.applies_from);
        let criteria = frame
            .criteria
            .iter()
            .map(|c| self.criterion(file, section, c, valid_from))
            .collect();
        let drempels = frame
            .thresholds
            .iter()
            .map(|t| PlanDrempel {
                minimum: t.minimum.value,
                criteria: match &t.scope {
                    ThresholdScope::Criteria(list) => {
                        list.iter().map(|n| n.value.clone()).collect()
                    }
                    ThresholdScope::Total => Vec::new(),
                },
                herkomst: self.herkomst(file, t.span, article(&t.article), section),
            })
            .collect();
        let mut volgorde: Vec<PlanTieBreak> = frame
            .tiebreaks
            .iter()
            .flat_map(|t| &t.value)
            .map(|t| match &t.value {
                TieBreak::Inschrijvingsdatum => PlanTieBreak::Inschrijvingsdatum,
                TieBreak::MostPoints(c) => PlanTieBreak::MeestePunten {
                    criterium: c.value.clone(),
                },
            })
            .collect();
        if !volgorde.contains(&PlanTieBreak::Inschrijvingsdatum) {
            volgorde.push(PlanTieBreak::Inschrijvingsdatum);
        }
        PlanWegingskader {
            naam: frame.name.value.clone(),
            criteria,
            drempels,
            volgorde,
            max_totaal: frame.max_total(),
            herkomst: self.herkomst(file, section.header, None, section),
        }
    }

    fn criterion(
        &self,
        file: FileId,
        section: &Section,
        c: &Criterion,
        valid_from: chrono::NaiveDate,
    ) -> PlanCriterium {
        let art = article(&c.article);
        let here = |span: Span| self.herkomst(file, span, art.clone(), section);
        let anders = c.otherwise.first().and_then(|(p, _)| p.value).unwrap_or(0);
        let tabel = match c.shape() {
            crate::model::TableShape::Bedragen => {
                let mut rijen: Vec<BedragRij> = c
                    .brackets
                    .iter()
                    .map(|r| BedragRij {
                        gezinstype: r.household.value,
                        categorie: r.category.value,
                        plafond_cent: c.ceiling_on(r, valid_from).unwrap_or(0),
                        // an amount that disagrees with "leefloon + X" (R0208)
                        // is what the ranking uses: the supplement is dropped
                        leefloon_plus_cent: r
                            .ceiling
                            .leefloon_plus
                            .as_ref()
                            .filter(|p| {
                                match (
                                    &r.ceiling.amount,
                                    c.leefloon_on(r.household.value, valid_from),
                                ) {
                                    (Some(a), Some(l)) => a.value == l + p.value,
                                    _ => true,
                                }
                            })
                            .map(|p| p.value),
                        punten: r.points.value.unwrap_or(0),
                        herkomst: here(r.span),
                    })
                    .collect();
                rijen.sort_by_key(|r| (r.gezinstype, r.plafond_cent, r.categorie));
                let leefloon = c
                    .leefloon
                    .iter()
                    .map(|l| LeefloonPeriode {
                        vanaf: l.from.value,
                        alleenstaande_cent: l
                            .amounts
                            .iter()
                            .find(|(h, _)| h.value == Household::Alleenstaande)
                            .map(|(_, a)| a.value),
                        gezin_cent: l
                            .amounts
                            .iter()
                            .find(|(h, _)| h.value == Household::Gezin)
                            .map(|(_, a)| a.value),
                    })
                    .collect();
                PuntenTabel::Bedragen {
                    rijen,
                    anders,
                    leefloon,
                }
            }
            crate::model::TableShape::Aantallen => {
                let mut rijen: Vec<AantalRij> = c
                    .counts
                    .iter()
                    .map(|r| {
                        let (van, tot) = r.range();
                        AantalRij {
                            van,
                            tot,
                            punten: r.points.value.unwrap_or(0),
                            herkomst: here(r.span),
                        }
                    })
                    .collect();
                rijen.sort_by_key(|r| r.van);
                PuntenTabel::Aantallen { rijen }
            }
            _ => PuntenTabel::Codes {
                rijen: c
                    .situations
                    .iter()
                    .map(|r| CodeRij {
                        code: r.code.value.clone(),
                        omschrijving: r.description.as_ref().map(|d| d.value.clone()),
                        groep: r.group.as_ref().map(|g| g.value.clone()),
                        punten: r.points.value,
                        toelichting: r.points.note.as_ref().map(|n| n.value.clone()),
                        herkomst: here(r.span),
                    })
                    .collect(),
            },
        };
        let (min_punten, max_punten) = c.point_range();
        PlanCriterium {
            code: c.code.value.clone(),
            titel: c.title.as_ref().map(|t| t.value.clone()),
            // the checks refuse a criterion whose field cannot be told
            kenmerk: c.kenmerk().unwrap_or(Kenmerk::Woonnood),
            tabel,
            min_punten,
            max_punten,
            herkomst: here(c.code.span),
        }
    }

    fn doelgroepen(&self) -> Option<PlanDoelgroepen> {
        let (section, d) = self.model.doelgroepen()?;
        let file = self.file_of(section);
        let section_months = d.guidance.first().map(|g| g.months.value);
        let section_referrers: Vec<String> = d.referrers.iter().map(|r| r.value.clone()).collect();
        let groepen = self
            .model
            .pillar3_groups()
            .into_iter()
            .map(|(gemeente, g)| {
                // a group of the regional frame: its own section and file
                let frame = self.model.frame_section_of(g);
                let file = frame.map_or(file, |_| self.model.group_file(g));
                let section_months = match frame {
                    Some((_, fd)) => fd.guidance.first().map(|x| x.months.value),
                    None => section_months,
                };
                let section_referrers: Vec<String> = match frame {
                    Some((_, fd)) => fd.referrers.iter().map(|r| r.value.clone()).collect(),
                    None => section_referrers.clone(),
                };
                let section_no_guidance = match frame {
                    Some((_, fd)) => !fd.no_guidance.is_empty(),
                    None => !d.no_guidance.is_empty(),
                };
                let owner = match gemeente {
                    Some(gs) => self
                        .model
                        .main_sections()
                        .find(
                            |s| matches!(&s.body, SectionBody::Gemeente(x) if std::ptr::eq(x, gs)),
                        )
                        .unwrap_or(section),
                    None => frame.map_or(section, |(fs, _)| fs),
                };
                let (wettelijke_doelgroep, ministeriele_toetsing) =
                    match g.category.first().map(|c| &c.value) {
                        Some(Category::Legal(n)) => (Some(n.value.clone()), false),
                        Some(Category::Local { review }) => (None, *review),
                        None => (None, false),
                    };
                let referrers: Vec<String> = g.referrers.iter().map(|r| r.value.clone()).collect();
                let section_none = section_no_guidance && g.guidance.is_empty();
                let here = |span: Span| self.herkomst(file, span, None, owner);
                let min_age = g.age.first().map(|a| a.minimum.value);
                PlanP3Doelgroep {
                    leeftijd: g.age.first().map(|a| PlanLeeftijd {
                        minimum: a.minimum.value,
                        wie: a.of.as_ref().map_or(AgeOf::EenVolwassene, |o| o.value),
                        of_attest: a.or_attest,
                        herkomst: here(a.span),
                    }),
                    oudsten_eerst: g.oldest_first.first().map(|o| PlanOudstenEerst {
                        vanaf: o.from.value,
                        stap: o.step.as_ref().map(|s| s.value),
                        ondergrens: min_age.unwrap_or(18).min(o.from.value),
                        herkomst: here(o.span),
                    }),
                    woningen: g
                        .dwellings
                        .iter()
                        .map(|l| PlanWoningenLijst {
                            gemeente: l
                                .gemeente
                                .as_ref()
                                .or(gemeente.map(|gs| &gs.gemeente))
                                .map(|n| n.value.clone())
                                .unwrap_or_default(),
                            woningen: l.dwellings.iter().map(|w| w.value.clone()).collect(),
                            herkomst: here(l.span),
                        })
                        .collect(),
                    zonder_kandidaat: g.fallback.first().map(|f| PlanZonderKandidaat {
                        naar: doorverwijzing(Some(&f.value)),
                        herkomst: here(f.span),
                    }),
                    capaciteit: g.capacity.first().map(|c| PlanCapaciteit {
                        per_jaar: c.per_year.value,
                        daarna: doorverwijzing(c.then.as_ref().map(|t| &t.value)),
                        herkomst: here(c.span),
                    }),
                    geen_begeleiding: !g.no_guidance.is_empty() || section_none,
                    voorwaarden: g.conditions.iter().map(|c| c.value.clone()).collect(),
                    code: g.code.value.clone(),
                    titel: g.title.as_ref().map(|t| t.value.clone()),
                    wettelijke_doelgroep,
                    ministeriele_toetsing,
                    begeleiding_maanden: g
                        .guidance
                        .first()
                        .map(|x| x.months.value)
                        .or(section_months),
                    verwijzers: if referrers.is_empty() {
                        section_referrers
                    } else {
                        referrers
                    },
                    gemeente: gemeente.map(|gs| gs.gemeente.value.clone()),
                    herkomst: self.herkomst(file, g.code.span, None, owner),
                }
            })
            .collect();
        let (num, den) = self.model.params.pillar3_max_fraction;
        // each gemeente's dwellings by name (the first row of a name, as a
        // search finds it), so that the rows are not a search each
        let mut stock: rustc_hash::FxHashMap<&str, u64> = Default::default();
        for g in self.model.gemeenten() {
            stock
                .entry(g.name.value.as_str())
                .or_insert(g.woningen.value);
        }
        let voorbehouden = self
            .model
            .reserved_counts()
            .into_iter()
            .map(|(gemeente, per_doelgroep)| {
                let dwellings = stock.get(gemeente.as_str()).copied().unwrap_or(0);
                PlanVoorbehouden {
                    totaal: per_doelgroep.values().sum(),
                    plafond: dwellings.saturating_mul(num) / den.max(1),
                    gemeente,
                    per_doelgroep,
                }
            })
            .collect();
        Some(PlanDoelgroepen {
            lokale_binding: d.lokale_binding.first().is_none_or(|l| l.value),
            groepen,
            voorbehouden,
            herkomst: self.herkomst(file, section.header, None, section),
            // issue 15: the reading the reglement states, the first if twice
            quotum: d.quotum.first().map(|q| match q.value {
                crate::syntax::ast::Quotum::PerJaar => super::PlanQuotum::PerJaar,
                crate::syntax::ast::Quotum::Voorraad => super::PlanQuotum::Voorraad,
            }),
        })
    }

    fn evaluatie(&self) -> Option<super::PlanEvaluatie> {
        use crate::syntax::ast::{Bound, Evaluator, IndicatorKind, TargetUnit};
        let (section, e) = self.model.evaluatie()?;
        let file = self.file_of(section);
        Some(super::PlanEvaluatie {
            indicatoren: e
                .indicators
                .iter()
                .map(|i| super::PlanIndicator {
                    indicator: match i.kind.value {
                        IndicatorKind::Aandeel(pijler) => super::IndicatorSoort::Aandeel { pijler },
                        IndicatorKind::Wachttijd(pijler) => {
                            super::IndicatorSoort::Wachttijd { pijler }
                        }
                        IndicatorKind::DringendNietBereikt => {
                            super::IndicatorSoort::DringendNietBereikt
                        }
                    },
                    grens: match i.bound {
                        Bound::Minimaal => "minimaal",
                        Bound::Maximaal => "maximaal",
                        Bound::Exact => "gelijk",
                    }
                    .to_string(),
                    doel: match i.unit {
                        TargetUnit::Procent => i.target.value,
                        TargetUnit::Dagen => i.target.value / 100,
                    },
                    maanden: i.months.value,
                    herkomst: self.herkomst(file, i.span, None, section),
                })
                .collect(),
            evaluatoren: e
                .evaluators
                .iter()
                .map(|r| super::PlanEvaluator {
                    wie: match r.who.value {
                        Evaluator::Toewijzingsraad => "toewijzingsraad",
                        Evaluator::LokaalWoonoverleg => "lokaal woonoverleg",
                        Evaluator::RegionaleWerkgroep => "regionale werkgroep",
                    }
                    .to_string(),
                    elke_maanden: r.months.value,
                })
                .collect(),
        })
    }

    fn bijzonder(&self) -> Vec<PlanBijzonder> {
        let Some((section, b)) = self.model.bijzonder() else {
            return Vec::new();
        };
        let file = self.file_of(section);
        b.kinds
            .iter()
            .map(|k| PlanBijzonder {
                code: k.code.value.clone(),
                soort: k.tag,
                titel: k.title.as_ref().map(|t| t.value.clone()),
                herkomst: self.herkomst(file, k.span, None, section),
            })
            .collect()
    }

    fn bezetting(&self) -> Vec<PlanBezetting> {
        let Some((section, b)) = self.model.bezetting() else {
            return Vec::new();
        };
        let file = self.file_of(section);
        let mut rows: Vec<PlanBezetting> = b
            .rows
            .iter()
            .map(|r| PlanBezetting {
                slaapkamers: r.bedrooms.value,
                min_personen: r.min_persons.value,
                max_personen: r.max_persons.value,
                herkomst: self.herkomst(file, r.span, None, section),
            })
            .collect();
        rows.sort_by_key(|r| r.slaapkamers);
        rows
    }
}

/// Where a reserved dwelling goes (`zonder kandidaat`, `capaciteit … daarna`);
/// nothing said: it stays reserved.
fn doorverwijzing(f: Option<&Fallback>) -> Doorverwijzing {
    match f {
        Some(Fallback::Standaard) => Doorverwijzing::Standaardtoewijzing,
        Some(Fallback::Doelgroep(n)) => Doorverwijzing::Doelgroep {
            code: n.value.clone(),
        },
        Some(Fallback::BlijftVoorbehouden) | None => Doorverwijzing::BlijftVoorbehouden,
    }
}
