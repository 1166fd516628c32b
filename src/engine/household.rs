//! Notes about the households of a candidates file that reject nothing,
//! made in a pass over the batch after reading (the readers stay about
//! syntax): an `alleenstaande` with children. In the leefloon a household
//! with a minor child is a gezin, so such a row most likely has the wrong
//! gezinstype; it is ranked as the file says (with the alleenstaande
//! income ceilings), and the note tells the officer where to look.

use super::batch::{Batch, Record};
use crate::vocab::Household;

/// At most this many places are named in the note.
const SHOWN: usize = 5;

/// The note for rows with gezinstype `alleenstaande` and children, if any.
pub fn alleenstaande_met_kinderen(batch: &Batch) -> Option<String> {
    let rows: Vec<&Record> = batch
        .records
        .iter()
        .filter(|r| r.gezinstype == Household::Alleenstaande && r.kinderen > 0)
        .collect();
    if rows.is_empty() {
        return None;
    }
    let mut sorted = rows;
    sorted.sort_by_key(|r| r.plaats.order());
    let first: Vec<String> = sorted
        .iter()
        .take(SHOWN)
        .map(|r| format!("{} (dossier {})", r.plaats, batch.dossier(r)))
        .collect();
    let more = if sorted.len() > SHOWN {
        format!(" en {} andere", sorted.len() - SHOWN)
    } else {
        String::new()
    };
    let (n, rijen, hebben) = if sorted.len() == 1 {
        ("1".to_string(), "rij", "heeft")
    } else {
        (crate::nl::thousands(sorted.len() as u64), "rijen", "hebben")
    };
    Some(format!(
        "{n} {rijen} met gezinstype 'alleenstaande' {hebben} kinderen: {}{more}. In het leefloon is een huishouden met een minderjarig kind een gezin; ze worden gerangschikt zoals het bestand zegt (met de inkomensgrenzen van een alleenstaande). Verbeter het gezinstype als het een gezin is.",
        first.join(", ")
    ))
}

/// Add the household notes to the batch's notes.
pub fn add_notes(batch: &mut Batch) {
    if let Some(note) = alleenstaande_met_kinderen(batch) {
        batch.warnings.push(note);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Candidate;

    fn one(dossier: &str, gezinstype: Household, kinderen: u32) -> Candidate {
        Candidate {
            dossier: dossier.into(),
            inschrijvingsdatum: chrono::NaiveDate::from_ymd_opt(2022, 1, 10).expect("date"),
            gezinstype,
            volwassenen: 1,
            kinderen,
            inkomen_cent: Some(110_000),
            woonnood: Some("opvang".into()),
            begeleiding: None,
            doelgroepen: Vec::new(),
            mantelzorg: Vec::new(),
            voorkeur: Vec::new(),
            woonhistoriek: Vec::new(),
            geboortedata: Vec::new(),
            knipperlicht: false,
            begeleidingsovereenkomst: None,
            sociaal_verslag: None,
        }
    }

    #[test]
    fn an_alleenstaande_with_children_is_noted_and_kept() {
        let mut batch = Batch::from_candidates(
            "k.csv",
            &[
                one("A", Household::Alleenstaande, 0),
                one("B", Household::Alleenstaande, 2),
                one("C", Household::Gezin, 2),
            ],
        );
        add_notes(&mut batch);
        assert_eq!(batch.records.len(), 3);
        assert_eq!(batch.warnings.len(), 1);
        assert!(
            batch.warnings[0].starts_with(
                "1 rij met gezinstype 'alleenstaande' heeft kinderen: kandidaat 2 (dossier B)."
            ),
            "{}",
            batch.warnings[0]
        );
    }

    #[test]
    fn no_note_when_every_alleenstaande_is_childless() {
        let mut batch = Batch::from_candidates(
            "k.csv",
            &[
                one("A", Household::Alleenstaande, 0),
                one("C", Household::Gezin, 1),
            ],
        );
        add_notes(&mut batch);
        assert!(batch.warnings.is_empty());
    }
}
