//! Synthetic reglementen of any size, for benchmarks and robustness tests:
//! a realistic shape (a large werkingsgebied, a gemeente section with a
//! stricter woonbinding per gemeente, a reserved-dwellings row per gemeente,
//! a full weighting frame) that checks clean, scaled by the number of
//! gemeenten. Deterministic: the same size gives the same text.

use std::fmt::Write;

const PREFIXES: &[&str] = &[
    "Heide", "Bos", "Beek", "Veld", "Laar", "Meer", "Berg", "Hout", "Broek", "Donk", "Rode", "Zand",
];
const SUFFIXES: &[&str] = &[
    "dorp", "hoven", "kerke", "gem", "lo", "rade", "zele", "akker",
];

/// The name of the `i`-th synthetic gemeente (unique for every `i`).
pub fn gemeente_name(i: usize) -> String {
    let p = PREFIXES[i % PREFIXES.len()];
    let s = SUFFIXES[(i / PREFIXES.len()) % SUFFIXES.len()];
    let n = i / (PREFIXES.len() * SUFFIXES.len());
    if n == 0 {
        format!("{p}{s}")
    } else {
        format!("{p}{s}-{n}")
    }
}

/// Lines a reglement of `gemeenten` gemeenten has, about: the fixed part
/// plus nine lines per gemeente.
const FIXED_LINES: usize = 110;
const LINES_PER_GEMEENTE: usize = 9;

/// A clean reglement of about `lines` lines (at least one gemeente).
pub fn reglement_of_lines(lines: usize) -> String {
    let gemeenten = (lines.saturating_sub(FIXED_LINES) / LINES_PER_GEMEENTE).max(1);
    reglement(gemeenten)
}

/// A clean reglement with `gemeenten` gemeenten.
pub fn reglement(gemeenten: usize) -> String {
    let mut s = String::with_capacity(400 * gemeenten + 8_000);
    let names: Vec<String> = (0..gemeenten).map(gemeente_name).collect();
    let dwellings = |i: usize| 90 + (i * 37) % 400;
    let _ = writeln!(
        s,
        "# Synthetisch reglement met {gemeenten} gemeenten (voor benchmarks en robuustheidstests)\n\n\
reglement \"Synthetisch toewijzingsreglement\" {{\n    woonmaatschappij \"Woonmaatschappij Synthese\" afkorting SYN\n    \
toewijzingsraad \"Toewijzingsraad Synthese\"\n    versie \"1.0\"\n    geldig vanaf 2024-01-01\n    status ontwerp\n}}\n"
    );
    s.push_str("werkingsgebied \"Synthese\" {\n");
    for (i, n) in names.iter().enumerate() {
        let _ = writeln!(s, "    gemeente {n} woningen {}", dwellings(i));
    }
    let total: usize = (0..gemeenten).map(dwellings).sum();
    let _ = writeln!(
        s,
        "    totaal woningen {}\n}}\n",
        dutch_thousands(total as u64)
    );
    s.push_str(
        "toewijzingshistoriek artikel 1 \"Toewijzingen van de vijf vorige jaren\" {\n    document intern huurreglement\n",
    );
    for (k, y) in (2019..2024).enumerate() {
        let _ = writeln!(
            s,
            "    {y}: {} toewijzingen, waarvan {} renovatie",
            gemeenten * 10 + k,
            gemeenten + k
        );
    }
    s.push_str("}\n\n");
    s.push_str(
        "standaardtoewijzing artikel 2 \"Standaardtoewijzing\" {\n    document toewijzingsreglement\n    aandeel minimaal 50%\n    rangorde {\n        1. strengere woonbinding\n        2. woonbinding gemeente 5 jaar ononderbroken in de laatste 10 jaar\n        3. mantelzorg\n        4. inschrijvingsdatum\n    }\n    motivering \"De wettelijke volgorde.\"\n}\n\n",
    );
    s.push_str(
        "versnelde toewijzing artikel 3 \"Versnelde toewijzing\" {\n    document intern huurreglement\n    aandeel 20%\n    basis: gemiddelde van 5 jaar zonder renovatie\n    wegingskader synthese\n    lokale binding geldt niet\n    verdeling: gezamenlijk\n    doelgroep dak-en-thuisloos \"Dak- en thuislozen\" {\n        wettelijke groep dak-en-thuisloos\n        situaties: geen-opvang, opvang, familie, opzeg\n        voorwaarde \"een gestaafde woonnood\"\n        motivering \"Wettelijke doelgroep.\"\n    }\n    doelgroep slechte-huisvesting \"Slechte huisvesting\" {\n        wettelijke groep slechte-huisvesting\n        situaties: pv, onbewoonbaar, ongeschikt, overbewoond\n        voorwaarde \"een pv of besluit\"\n        motivering \"Wettelijke doelgroep.\"\n    }\n    motivering \"Eén rangschikking voor alle doelgroepen.\"\n}\n\n",
    );
    s.push_str(
        "wegingskader synthese artikel 3 \"Wegingskader\" {\n    document intern huurreglement\n    motivering \"Een objectief wegingskader.\"\n    criterium woonnood artikel 3.1 \"Actuele woonnood\" {\n        geen-opvang \"geen opvang\": 15 punten\n        opvang \"in opvang\": 20 punten\n        familie \"bij familie\": 20 punten\n        opzeg \"huur opgezegd\": 20 punten\n        pv \"pv\": 20 punten\n        onbewoonbaar \"onbewoonbaar\": 20 punten\n        ongeschikt \"ongeschikt\": 20 punten\n        overbewoond \"overbewoond\": 20 punten\n        motivering \"Alle woonnood weegt even zwaar.\"\n    }\n    criterium inkomen artikel 3.2 \"Actueel inkomen\" {\n        alleenstaande categorie 1: maximaal 1.379,13 euro: 20 punten\n        alleenstaande categorie 2: maximaal 1.544,13 euro: 15 punten\n        gezin categorie 1: maximaal 1.904,83 euro: 20 punten\n        gezin categorie 2: maximaal 2.102,83 euro: 15 punten\n        anders: 0 punten\n        motivering \"Het inkomen bepaalt de toegang tot de private markt.\"\n    }\n    criterium begeleiding artikel 3.3 \"Begeleiding\" {\n        gemeente \"in de gemeente\": 5 punten\n        werkingsgebied \"in het werkingsgebied\": 3 punten\n        arrondissement \"in het arrondissement\": 1 punt\n        motivering \"Nabijheid van het netwerk.\"\n    }\n    criterium kinderlast artikel 3.4 \"Kinderlast\" {\n        0 kinderen: 0 punten\n        1 tot 2 kinderen: 1 punt\n        3 tot 4 kinderen: 2 punten\n        5 of meer kinderen: 3 punten\n        motivering \"Kinderlast telt mee.\"\n    }\n    drempel artikel 3.5: minimaal 1 punt op woonnood, inkomen\n    bij gelijke punten: inschrijvingsdatum\n}\n\n",
    );
    s.push_str(
        "specifieke doelgroepen artikel 4 \"Specifieke doelgroepen\" {\n    document toewijzingsreglement\n    lokale binding geldt\n    doelgroep housing-first \"Housing First\" {\n        wettelijke doelgroep dak-en-thuisloos\n        begeleidingsovereenkomst 1 jaar\n        verwijzers \"CAW\"\n        motivering \"Langdurig daklozen.\"\n    }\n    doelgroep senioren \"Senioren\" {\n        wettelijke doelgroep ouderen\n        leeftijd minstens 65 jaar op de datum van toewijzing, bij een koppel volstaat één partner\n        begeleidingsovereenkomst 1 jaar\n        verwijzers \"OCMW\"\n        motivering \"Aangepaste woningen.\"\n    }\n    voorbehouden woningen {\n        kolommen: housing-first, senioren\n",
    );
    let (mut hf, mut sen) = (0u64, 0u64);
    for (i, n) in names.iter().enumerate() {
        let (a, b) = ((i % 2) as u64, (1 + i % 3) as u64);
        hf += a;
        sen += b;
        let _ = writeln!(s, "        {n} {a} {b}");
    }
    let _ = writeln!(
        s,
        "        totaal {} {}\n    }}\n    motivering \"Enkel via welzijnspartners.\"\n}}\n",
        dutch_thousands(hf),
        dutch_thousands(sen)
    );
    for (i, n) in names.iter().enumerate() {
        let _ = writeln!(
            s,
            "gemeente {n} artikel 7.{} \"Eigen regels van {n}\" {{\n    document toewijzingsreglement\n    strengere woonbinding: {} jaar ononderbroken in de laatste 10 jaar\n    gemeenteraad 2023-0{}-1{} \"goedgekeurd\"\n    motivering \"Een grote lokale vraag.\"\n}}\n",
            i + 1,
            6 + i % 3,
            1 + i % 9,
            i % 10
        );
    }
    s.push_str(
        "bijzondere toewijzingen artikel 5 \"Bijzondere toewijzingen\" {\n    document intern huurreglement\n    bijzondere toewijzing renovatie \"Herhuisvesting bij renovatie\"\n    interne mutatie onderbezetting \"Verhuis bij onderbezetting\"\n    motivering \"Buiten de aandelen.\"\n}\n\n",
    );
    s.push_str(
        "rationele bezetting artikel 6 \"Rationele bezetting\" {\n    document intern huurreglement\n    0 slaapkamers: 1 tot 2 personen\n    1 slaapkamer: 1 tot 2 personen\n    2 slaapkamers: 2 tot 4 personen\n    3 slaapkamers: 3 tot 6 personen\n    4 slaapkamers: 4 tot 8 personen\n    motivering \"Hoogstens twee personen per slaapkamer.\"\n}\n",
    );
    s
}

/// 16023 → "16.023", as drafters write counts.
fn dutch_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique() {
        let names: std::collections::BTreeSet<String> = (0..2_000).map(gemeente_name).collect();
        assert_eq!(names.len(), 2_000);
    }

    #[test]
    fn size_scales_with_the_request() {
        for lines in [1_000, 10_000] {
            let n = reglement_of_lines(lines).lines().count();
            assert!(
                n > lines * 9 / 10 && n < lines * 11 / 10,
                "{lines} gevraagd, {n} gemaakt"
            );
        }
    }

    #[test]
    fn thousands_dots() {
        assert_eq!(dutch_thousands(16_023), "16.023");
        assert_eq!(dutch_thousands(999), "999");
        assert_eq!(dutch_thousands(1_000_000), "1.000.000");
    }

    #[test]
    fn a_synthetic_reglement_parses_and_compiles() {
        let text = reglement(25);
        let analysis = crate::analyze("synthetisch.reglement", &text, &crate::FsLoader);
        // clean: no errors and no warnings (only the computed pillar-2 base as advice)
        let problems: Vec<_> = analysis
            .diagnostics
            .iter()
            .filter(|d| d.severity != crate::diagnostic::Severity::Advice)
            .collect();
        assert!(problems.is_empty(), "{problems:#?}");
        let plan = crate::plan::compile(&analysis).expect("compiles");
        assert_eq!(plan.werkingsgebied.gemeenten.len(), 25);
        assert!(plan
            .werkingsgebied
            .gemeenten
            .iter()
            .all(|g| g.strengere_woonbinding.is_some()));
    }
}
