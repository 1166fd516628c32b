//! The existing reserved dwellings in the ⅓ check and in the published
//! toewijzingsreglement (issue 15, item 3): per gemeente the table shows
//! new, existing, both and the ceiling; for the whole woonmaatschappij a
//! paragraph gives the same numbers.

use reglement::publish::{self, Format};
use reglement::syntax::ast::DocumentKind;
use std::path::Path;

const DIR: &str = "tests/fixtures/checks";

fn toewijzingsreglement(fixture: &str) -> String {
    let a = reglement::analyze_file(Path::new(&format!("{DIR}/{fixture}"))).expect("readable");
    assert!(!a.has_errors(), "{fixture}: {:#?}", a.diagnostics);
    let docs = publish::documents(&a);
    let d = docs
        .iter()
        .find(|d| d.kind == DocumentKind::Toewijzingsreglement)
        .expect("a toewijzingsreglement");
    publish::render(d, Format::Markdown)
}

/// The lines of the pillar-3 article from the reserved-dwellings table on.
fn reserved_part(md: &str) -> String {
    let start = md
        .find("Voorbehouden woningen per gemeente")
        .expect("the table of reserved dwellings");
    md[start..]
        .lines()
        .take_while(|l| !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn per_gemeente_the_table_shows_existing_new_and_both() {
    let part = reserved_part(&toewijzingsreglement("R0280-goed.reglement"));
    assert!(
        part.contains("| Nieuw | Bestaand | Samen | Hoogstens (1/3) |"),
        "{part}"
    );
    // Aaldorp: 2 new, 40 existing, of 300 at most 100
    assert!(
        part.contains("| Aaldorp | 300 | 2 | 2 | 40 | 42 | 100 |"),
        "{part}"
    );
    insta::assert_snapshot!("bestaande_woningen_per_gemeente_md", part);
}

#[test]
fn for_the_whole_a_paragraph_gives_the_numbers() {
    let part = reserved_part(&toewijzingsreglement("R0281-fout.reglement"));
    assert!(
        part.contains("Bestaande voorbehouden woningen, voor doelgroepen van vroegere beslissingen: 11,6% van de 450 sociale huurwoningen, of 52,2 woningen. Met de 52 nieuwe voorbehouden woningen van dit reglement zijn samen 104,2 van de 450 sociale huurwoningen voorbehouden (23,16%); hoogstens 1/3 mag: 150 woningen."),
        "{part}"
    );
    // without the statement, the table keeps its one column of reserved dwellings
    let plain = reserved_part(&toewijzingsreglement("R0280-fout.reglement"));
    assert!(
        plain.contains("| Voorbehouden | Hoogstens (1/3) |"),
        "{plain}"
    );
    assert!(
        !plain.contains("Bestaande voorbehouden woningen"),
        "{plain}"
    );
}

#[test]
fn the_schema_documents_the_sociaal_verslag_of_the_plan() {
    let schema = serde_json::to_string(&reglement::plan::json_schema()).expect("json");
    assert!(schema.contains("sociaal_verslag"), "{schema}");
    assert!(
        schema.contains("vooraan") && schema.contains("achteraan"),
        "{schema}"
    );
}
