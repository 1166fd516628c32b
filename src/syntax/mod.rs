//! The syntax layer: text → typed AST with byte spans, plus syntax errors.
//!
//! Parsing never fails: [`parse`] always returns a tree (of the sections that
//! parsed) and the list of problems. The file is split into sections first
//! (see [`split`]); each section is parsed on its own with pest, so a syntax
//! error in one section never hides the diagnostics of another.

pub mod ast;
pub mod grammar;
pub mod lexer;
mod lower;
pub mod split;

use crate::diagnostic::Code;
use crate::diagnostic::Diagnostic;
use crate::source::FileId;
use crate::span::Span;
use grammar::{ReglementParser, Rule};
use pest::Parser;

pub use ast::Ast;
pub use lexer::meaning_tokens;
pub use lower::MAX_INTEGER;

/// The result of parsing one file.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    pub ast: Ast,
    pub diagnostics: Vec<Diagnostic>,
    /// Spans of the sections that did not parse.
    pub broken: Vec<Span>,
}

pub fn parse(file: FileId, text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    // a UTF-8 byte-order mark (as Windows editors write one) is not text:
    // the sections start after it, and every span stays an offset into
    // `text`
    let bom = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    for chunk in split::split_sections(&text[bom..]) {
        let chunk = Span::new(chunk.start + bom, chunk.end + bom);
        let slice = &text[chunk.start..chunk.end];
        match ReglementParser::parse(Rule::section_chunk, slice) {
            Ok(pairs) => {
                let mut lowerer = lower::Lowerer {
                    base: chunk.start,
                    file,
                    diags: &mut parsed.diagnostics,
                };
                let sections = lower::lower_chunk(&mut lowerer, pairs);
                parsed.ast.sections.extend(sections);
            }
            Err(err) => {
                parsed
                    .diagnostics
                    .push(syntax_error(file, slice, chunk.start, &err));
                parsed.broken.push(chunk);
            }
        }
    }
    parsed
}

/// The Dutch description of what a grammar rule stands for, as a syntax
/// error lists it ("Hier verwachtte ik …"): a keyword in quotes, or what the
/// drafter writes there. Never the name of a grammar rule.
pub fn describe_rule(rule: Rule) -> String {
    let name = format!("{rule:?}");
    if let Some(kw) = name.strip_prefix("kw_") {
        let kw = match kw {
            "ministeriele" => "ministeriële",
            other => other,
        };
        return format!("'{kw}'");
    }
    description(rule).unwrap_or("een bepaling").to_string()
}

/// What each rule of the grammar stands for; `None` for a rule without a
/// description (a test checks there is none).
fn description(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::EOI => "het einde van de sectie",
        Rule::code => "een naam",
        Rule::place => "een naam (tussen aanhalingstekens als er een spatie in staat)",
        Rule::string | Rule::string_inner => "een tekst tussen aanhalingstekens",
        Rule::title => "een titel tussen aanhalingstekens",
        Rule::integer => "een geheel getal",
        Rule::decimal => "een getal",
        Rule::percent => "een percentage (bv. 20%)",
        Rule::amount => "een bedrag (bv. 1.379,13 euro)",
        Rule::date => "een datum (JJJJ-MM-DD)",
        Rule::year => "een jaartal",
        Rule::artikel_num => "een artikelnummer (bv. 3.1)",
        Rule::code_list => "een of meer namen, gescheiden door komma's",
        Rule::place_list => "een of meer namen, gescheiden door komma's",
        Rule::string_list => "een of meer teksten tussen aanhalingstekens, gescheiden door komma's",
        Rule::file | Rule::section_chunk => "een sectie (bv. 'reglement {')",
        Rule::artikel_ref => "'artikel N'",
        Rule::open => "'{'",
        Rule::close => "'}'",
        Rule::motivering => "'motivering'",
        Rule::omschrijving => "'omschrijving'",
        Rule::document_stmt => "'document'",
        Rule::document_kind => "'toewijzingsreglement', 'intern huurreglement' of 'huishoudelijk reglement'",
        Rule::aandeel_stmt => "'aandeel'",
        Rule::bound => "'minimaal' of 'maximaal'",
        Rule::lokale_binding_stmt => "'lokale binding geldt'",
        Rule::negation => "'niet'",
        Rule::voorwaarde => "'voorwaarde'",
        Rule::binding_rule => "een woonbinding 'N jaar ononderbroken in de laatste M jaar'",
        Rule::uninterrupted => "'ononderbroken'",
        Rule::bijlage_stmt => "'bijlage'",
        Rule::reglement_sec => "'reglement'",
        Rule::woonmaatschappij_stmt => "'woonmaatschappij'",
        Rule::versie_stmt => "'versie'",
        Rule::geldig_stmt => "'geldig vanaf'",
        Rule::status_stmt => "'status'",
        Rule::status_value => "'ontwerp' of 'goedgekeurd'",
        Rule::toewijzingsraad_stmt => "'toewijzingsraad'",
        Rule::regio_use_stmt => "'gebruikt regio \"bestand\"'",
        Rule::document_use_stmt => "'gebruikt intern huurreglement \"bestand\"'",
        Rule::vergaderingen_stmt => "'vergaderingen: JJJJ-MM-DD, …'",
        Rule::council_decision_stmt => "'gemeenteraad NAAM JJJJ-MM-DD zonder amendement'",
        Rule::council_outcome => "'zonder amendement' of 'met amendement'",
        Rule::regio_sec => "'regio'",
        Rule::woonmaatschappijen_stmt => "'woonmaatschappijen'",
        Rule::werkingsgebied_sec => "'werkingsgebied'",
        Rule::gemeente_row => "een rij 'gemeente NAAM woningen N'",
        Rule::deelwerkingsgebied_stmt => "'deelwerkingsgebied NAAM: gemeenten'",
        Rule::totaal_woningen => "'totaal woningen N'",
        Rule::deelwerkingsgebied_sec => "'deelwerkingsgebied'",
        Rule::parent_stmt => "'werkingsgebied \"naam\"'",
        Rule::historiek_sec => "'toewijzingshistoriek'",
        Rule::evaluatie_sec => "'evaluatie'",
        Rule::indicator_stmt => "'indicator aandeel pijler 2: doel 20% per 12 maanden'",
        Rule::indicator_kind => "een indicator: 'aandeel pijler N', 'wachttijd pijler N' of 'dringend niet bereikt'",
        Rule::share_indicator => "'aandeel pijler N'",
        Rule::wait_indicator => "'wachttijd pijler N'",
        Rule::urgent_indicator => "'dringend niet bereikt'",
        Rule::indicator_target => "een doel: een percentage (bv. '20%') of 'N dagen'",
        Rule::days => "'N dagen'",
        Rule::evaluator_stmt => "'door toewijzingsraad elke 12 maanden'",
        Rule::evaluator => "'toewijzingsraad', 'lokaal woonoverleg' of 'regionale werkgroep'",
        Rule::historiek_row => "een rij 'JJJJ: N toewijzingen'",
        Rule::excluded_count => "'N soort' (bv. '6 renovatie')",
        Rule::standaard_sec => "'standaardtoewijzing'",
        Rule::geen_strenger_stmt => "'geen strengere woonbinding'",
        Rule::rangorde_block => "'rangorde'",
        Rule::tier => "een trap van de rangorde (bv. '1. woonbinding gemeente')",
        Rule::tier_num => "een rangnummer (bv. 1.)",
        Rule::tier_strenger => "'strengere woonbinding'",
        Rule::tier_woonbinding => "'woonbinding gemeente', 'woonbinding werkingsgebied' of 'woonbinding deelwerkingsgebied'",
        Rule::binding_scope => "'gemeente', 'werkingsgebied' of 'deelwerkingsgebied'",
        Rule::consensus_block => "'consensus { Gemeente JJJJ-MM-DD … }'",
        Rule::consensus_raad => "'consensus toewijzingsraad JJJJ-MM-DD'",
        Rule::consensus_pending => "'mits consensus'",
        Rule::consensus_row => "een rij 'Gemeente JJJJ-MM-DD'",
        Rule::tier_mantelzorg => "'mantelzorg'",
        Rule::tier_chronologie => "'inschrijvingsdatum'",
        Rule::versneld_sec => "'versnelde toewijzing'",
        Rule::basis_stmt => "'basis: gemiddelde van N jaar'",
        Rule::wegingskader_use => "'wegingskader NAAM'",
        Rule::verdeling_stmt => "'verdeling: gezamenlijk' of 'verdeling: per doelgroep'",
        Rule::knipperlicht_stmt => "'knipperlicht: enkel met begeleidingsovereenkomst'",
        Rule::p2_doelgroep | Rule::p3_doelgroep => "'doelgroep'",
        Rule::wettelijke_groep => "'wettelijke groep'",
        Rule::situaties_stmt => "'situaties'",
        Rule::wegingskader_sec => "'wegingskader'",
        Rule::criterium => "'criterium'",
        Rule::gegeven_stmt => "'gegeven'",
        Rule::leefloon_stmt => "'leefloon vanaf'",
        Rule::situation_group => "'groep'",
        Rule::situation_row => "een rij 'code \"omschrijving\": N punten'",
        Rule::bracket_row => "een rij 'alleenstaande categorie 1: maximaal ... euro: N punten'",
        Rule::household => "'alleenstaande' of 'gezin'",
        Rule::ceiling => "'maximaal … euro'",
        Rule::leefloon_plus => "'leefloon + … euro'",
        Rule::count_row => "een rij 'N kinderen: N punten'",
        Rule::count_unit => "'kinderen', 'kind', 'personen' of 'persoon'",
        Rule::anders_row => "'anders: N punten'",
        Rule::points => "'N punten' of 'geen punten'",
        Rule::no_points => "'geen punten'",
        Rule::drempel_stmt => "'drempel'",
        Rule::lezing_stmt => "'lezing \"tekst van de bron\" als \"onze lezing\"'",
        Rule::buiten_totaal => "'buiten het totaal'",
        Rule::volgorde_stmt => "'bij gelijke punten'",
        Rule::tiebreak => "'inschrijvingsdatum' of 'meeste punten op CRITERIUM'",
        Rule::doelgroepen_sec => "'specifieke doelgroepen'",
        Rule::categorie_stmt => "'wettelijke doelgroep' of 'lokale doelgroep'",
        Rule::toetsing => "'met doelgroepenplan en ministeriële toetsing'",
        Rule::doelgroepenplan_block => "'doelgroepenplan { … }'",
        Rule::behoefte_stmt => "'behoefte \"…\"'",
        Rule::cijfer_stmt => "'cijfer N \"wat\" bron \"…\"'",
        Rule::begeleiding_stmt => "'begeleidingsovereenkomst'",
        Rule::begeleiding_verplicht_stmt => "'begeleidingsovereenkomst verplicht voor specifieke doelgroepen'",
        Rule::lokaal_stmt => "'lokaal: punten per criterium maximaal N meer of minder', 'lokaal: drempel' of 'lokaal: verdeling'",
        Rule::lokaal_punten => "'punten per criterium maximaal N meer of minder'",
        Rule::lokaal_drempel => "'drempel'",
        Rule::lokaal_verdeling => "'verdeling'",
        Rule::regio_verdeling_stmt => "'verdeling: standaardtoewijzing minimaal N%, versnelde toewijzing N%'",
        Rule::pijler_aandeel => "'standaardtoewijzing minimaal N%' of 'versnelde toewijzing N%'",
        Rule::pijler_naam => "'standaardtoewijzing' of 'versnelde toewijzing'",
        Rule::begrip_stmt => "'begrip \"term\": \"omschrijving\" bron \"…\"'",
        Rule::aanneming_stmt => "'aangenomen door toewijzingsraad NAAM op JJJJ-MM-DD' of 'nog niet aangenomen door toewijzingsraad NAAM'",
        Rule::aanneming_gedaan => "'aangenomen door toewijzingsraad NAAM op JJJJ-MM-DD'",
        Rule::aanneming_open => "'nog niet aangenomen door toewijzingsraad NAAM'",
        Rule::aannemer => "'toewijzingsraad', 'welzijnspartner', 'huurdersorganisatie' of 'corporatie'",
        Rule::geen_begeleiding_stmt => "'geen begeleidingsovereenkomst'",
        Rule::leeftijd_stmt => "'leeftijd minstens N jaar'",
        Rule::of_attest => "'of een attest'",
        Rule::toewijzingsdatum => "'op de datum van toewijzing'",
        Rule::leeftijd_wie => "'bij een koppel volstaat één partner' of 'alle volwassenen'",
        Rule::wie_een => "'bij een koppel volstaat één partner'",
        Rule::wie_alle => "'alle volwassenen'",
        Rule::oudsten_stmt => "'eerst de oudsten: N jaar en ouder, dan telkens N jaar jonger'",
        Rule::p3_woningen_stmt => "'voorbehouden woningen in GEMEENTE: \"adres\", …'",
        Rule::zonder_kandidaat_stmt => "'zonder kandidaat: …'",
        Rule::capaciteit_stmt => "'capaciteit: N trajecten per jaar, daarna doelgroep CODE'",
        Rule::fallback_target => "'standaardtoewijzing', 'doelgroep CODE' of 'blijft voorbehouden'",
        Rule::duration => "een duur (bv. '1 jaar' of '6 maanden')",
        Rule::verwijzers_stmt => "'verwijzers'",
        Rule::verdeelsleutel_use => "'verdeelsleutel NAAM'",
        Rule::voorbehouden_block => "'voorbehouden woningen'",
        Rule::table_header => "'kolommen:'",
        Rule::table_row => "een rij met een naam en getallen",
        Rule::totaal_row => "'totaal'",
        Rule::verdeelsleutel_sec => "'verdeelsleutel'",
        Rule::bijzonder_sec => "'bijzondere toewijzingen'",
        Rule::soort_stmt | Rule::soort_kind => "'bijzondere toewijzing' of 'interne mutatie'",
        Rule::bezetting_sec => "'rationele bezetting'",
        Rule::bezetting_row => "een rij 'N slaapkamers: N tot M personen'",
        Rule::gemeente_sec => "'gemeente'",
        Rule::strenger_stmt => "'strengere woonbinding: N jaar ononderbroken in de laatste M jaar'",
        Rule::since_birth => "'sinds de geboorte'",
        Rule::ever_rule => "'ooit N jaar'",
        Rule::school_rule => "'school in de gemeente'",
        Rule::work_rule => "'werk in de gemeente'",
        Rule::geldt_voor => "'geldt voor'",
        Rule::gemeenteraad_stmt => "'gemeenteraad JJJJ-MM-DD'",
        Rule::foreign_stmt => "een bepaling",
        Rule::amendement_sec => "'amendement'",
        Rule::unamended_stmt => "'goedgekeurd zonder amendement'",
        Rule::ontwerp_stmt => "'ontwerp sha256:…'",
        Rule::content_hash => "een inhoudshash (sha256: gevolgd door 64 hexadecimale tekens)",
        Rule::amend_gemeente_stmt => "'gemeente NAAM'",
        Rule::test_sec => "'test'",
        Rule::peildatum_stmt => "'peildatum'",
        Rule::lijst_stmt => "'lijst'",
        Rule::lijst_kind => "'standaardtoewijzing', 'versnelde toewijzing' of 'specifieke doelgroepen'",
        Rule::kandidaat_block => "'kandidaat'",
        Rule::kenmerk_stmt => "een kenmerk 'naam waarde'",
        Rule::kenmerk_value => "een waarde (een bedrag, datum, tekst, getal of namen)",
        Rule::verwacht_block => "'verwacht'",
        Rule::verwacht_rang => "'gerangschikt'",
        Rule::verwacht_uitgesloten => "'uitgesloten'",
        Rule::verwacht_punten => "'N punten op CRITERIUM'",
        Rule::verwacht_totaal => "'totaal N punten'",
        Rule::test_volgorde => "'volgorde'",
        // silent rules: pest names what they hold, never themselves; kept
        // here so that no rule is without a description
        Rule::WHITESPACE => "een spatie of regeleinde",
        Rule::COMMENT => "commentaar ('# …')",
        Rule::ident_char => "een letter, cijfer of '-'",
        Rule::section => "een sectie (bv. 'reglement {')",
        Rule::reglement_item
        | Rule::regio_item
        | Rule::wg_item
        | Rule::dwg_item
        | Rule::historiek_item
        | Rule::evaluatie_item
        | Rule::standaard_item
        | Rule::versneld_item
        | Rule::p2_dg_item
        | Rule::wk_item
        | Rule::crit_item
        | Rule::p3_item
        | Rule::p3_dg_item
        | Rule::doelgroepenplan_item
        | Rule::table_body
        | Rule::p4_item
        | Rule::bez_item
        | Rule::gem_item
        | Rule::amendement_item
        | Rule::test_item => "een bepaling van deze sectie",
        Rule::binding_form => "een woonbinding 'N jaar ononderbroken in de laatste M jaar'",
        Rule::in_gemeente => "'in de gemeente'",
        Rule::expectation => "een verwachting ('gerangschikt', 'uitgesloten', 'N punten op …')",
        // existing reserved dwellings and the sociaal verslag (issue 15.3)
        Rule::bestaand_block => "'bestaande voorbehouden woningen { … }'",
        Rule::bestaand_stmt => "'bestaande voorbehouden woningen: N' of 'bestaande voorbehouden woningen: P% van het patrimonium'",
        Rule::bestaand_share => "'P% van het patrimonium'",
        Rule::quotum_stmt => "'quotum: toewijzingen per jaar' of 'quotum: voorraad'",
        Rule::quotum_per_jaar => "'toewijzingen per jaar'",
        Rule::quotum_voorraad => "'voorraad'",
        Rule::sociaal_verslag_stmt => "'sociaal verslag: vooraan' of 'sociaal verslag: achteraan'",
        Rule::verslag_plaats => "'vooraan' of 'achteraan'",
        _ => return None,
    })
}

/// A name with a space written without quotes ("gemeente Sint Truiden"):
/// the word before the error is a name (a capital) and so is the word
/// found. The hint shows the name quoted.
fn space_hint(slice: &str, pos: usize) -> Option<String> {
    let before = slice.get(..pos.min(slice.len()))?.trim_end();
    let prev: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '-' | '\'' | '_'))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if prev.is_empty() || before.len() == slice.get(..pos.min(slice.len()))?.len() {
        return None; // no word right before, or no space between
    }
    if !prev.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let rest = slice.get(pos.min(slice.len())..)?.trim_start();
    let next: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '-' | '\'' | '_'))
        .collect();
    if !next.chars().next().is_some_and(char::is_alphabetic) {
        return None;
    }
    Some(format!(
        "Staat hier een naam met een spatie? Zet die dan tussen aanhalingstekens: \"{prev} {next}\". Zonder aanhalingstekens is een naam één woord."
    ))
}

fn found_at(slice: &str, pos: usize) -> String {
    let rest = &slice[pos.min(slice.len())..];
    let rest = rest.trim_start();
    if rest.is_empty() {
        return "het einde van de sectie".to_string();
    }
    let word: String = rest
        .chars()
        .take_while(|c| !c.is_whitespace())
        .take(30)
        .collect();
    format!("'{word}'")
}

fn syntax_error(
    file: FileId,
    slice: &str,
    base: usize,
    err: &pest::error::Error<Rule>,
) -> Diagnostic {
    use pest::error::{ErrorVariant, InputLocation};
    let pos = match err.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    // point at the offending word, not at the whitespace before it
    let skipped = slice[pos.min(slice.len())..]
        .len()
        .saturating_sub(slice[pos.min(slice.len())..].trim_start().len());
    let start = base + pos + skipped;
    let word_len = slice[(pos + skipped).min(slice.len())..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .map(char::len_utf8)
        .sum::<usize>()
        .max(if start < base + slice.len() { 1 } else { 0 });
    let span = Span::new(start, start + word_len);
    let found = found_at(slice, pos);
    let message = match &err.variant {
        ErrorVariant::ParsingError { positives, .. } if !positives.is_empty() => {
            let mut wanted: Vec<String> = positives.iter().map(|r| describe_rule(*r)).collect();
            wanted.sort();
            wanted.dedup();
            let list = if wanted.len() == 1 {
                wanted[0].clone()
            } else if wanted.len() <= 8 {
                let last = wanted.pop().unwrap_or_default();
                format!("{} of {}", wanted.join(", "), last)
            } else {
                format!(
                    "een van {} en nog {} andere",
                    wanted[..8].join(", "),
                    wanted.len() - 8
                )
            };
            format!("Hier verwachtte ik {list}, maar ik vond {found}.")
        }
        _ => format!("Deze zin begrijp ik niet: ik vond {found}."),
    };
    let d = Diagnostic::new(Code::R0001, file, span, message).label("hier loopt het mis");
    match space_hint(slice, pos) {
        Some(hint) => d.help(hint),
        None => d,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_kempen_example() {
        let text = include_str!("../../examples/kempen.reglement");
        let parsed = parse(0, text);
        assert!(parsed.diagnostics.is_empty(), "{:#?}", parsed.diagnostics);
        assert_eq!(parsed.ast.sections.len(), 8);
    }

    #[test]
    fn parses_the_regional_file() {
        let text = include_str!("../../examples/kempen-regio.reglement");
        let parsed = parse(0, text);
        assert!(parsed.diagnostics.is_empty(), "{:#?}", parsed.diagnostics);
        // regio, wegingskader, the shared pillar-2 groups, the shared
        // pillar-3 groups and verdeelsleutel
        assert_eq!(parsed.ast.sections.len(), 5);
    }

    #[test]
    fn every_rule_is_described_in_dutch() {
        let mut missing = Vec::new();
        for &rule in Rule::all_rules() {
            let text = describe_rule(rule);
            if !format!("{rule:?}").starts_with("kw_") && description(rule).is_none() {
                missing.push(format!("{rule:?}"));
            }
            assert!(!text.contains('_'), "{rule:?}: {text}");
        }
        assert!(
            missing.is_empty(),
            "no Dutch description: {}",
            missing.join(" ")
        );
    }

    #[test]
    fn a_name_with_a_space_gets_a_hint() {
        let text = "werkingsgebied \"W\" {\n  gemeente Sint Truiden woningen 10\n}\n";
        let parsed = parse(0, text);
        assert_eq!(parsed.diagnostics.len(), 1, "{:#?}", parsed.diagnostics);
        let help = parsed.diagnostics[0].help.clone();
        assert!(help.contains("\"Sint Truiden\""), "{help}");
    }

    #[test]
    fn a_broken_section_does_not_hide_the_next() {
        let text =
            "reglement {\n  versie 12\n}\nwerkingsgebied \"W\" {\n  gemeente Geel woningen 10\n}\n";
        let parsed = parse(0, text);
        assert_eq!(parsed.diagnostics.len(), 1);
        assert_eq!(parsed.ast.sections.len(), 1);
        assert!(parsed.diagnostics[0]
            .message
            .contains("tekst tussen aanhalingstekens"));
    }
}

#[cfg(test)]
mod test_case_tests {
    use super::ast::*;
    use super::*;

    #[test]
    fn parses_the_kempen_test_cases() {
        let text = include_str!("../../examples/kempen.testen");
        let parsed = parse(0, text);
        assert!(parsed.diagnostics.is_empty(), "{:#?}", parsed.diagnostics);
        let tests: Vec<&TestCase> = parsed
            .ast
            .sections
            .iter()
            .filter_map(|s| match &s.body {
                SectionBody::Test(t) => Some(t),
                _ => None,
            })
            .collect();
        assert_eq!(tests.len(), 7);
        let first = tests[0];
        assert_eq!(first.candidates[0].dossier.value, "K-001");
        let inkomen = first.candidates[0]
            .fields
            .iter()
            .find(|(n, _)| n.value == "inkomen")
            .map(|(_, v)| v.value.clone());
        assert_eq!(inkomen, Some(FieldValue::Amount(137_913)));
        assert!(first.expectations[0].items.iter().any(|e| e.value
            == Expect::Points {
                criterion: "inkomen".into(),
                points: 20
            }));
        assert_eq!(tests[4].order[0].value.len(), 3);
        assert!(matches!(
            &tests[5].expectations[0].items[0].value,
            Expect::Excluded { article: Some(a) } if a == "3.5"
        ));
    }
}
