//! The keywords of the language, read from the pest grammar itself (its
//! `kw_*` rules), and what the main ones mean for a drafter.

use std::sync::OnceLock;

/// Every keyword of the grammar, lower case, sorted.
pub fn all() -> &'static [String] {
    static KEYWORDS: OnceLock<Vec<String>> = OnceLock::new();
    KEYWORDS.get_or_init(|| super::grammar::grammar().keywords())
}

pub fn is_keyword(word: &str) -> bool {
    all().binary_search(&word.to_lowercase()).is_ok()
}

/// What a keyword means, with the article it rests on, for a hover.
pub fn explain(word: &str) -> Option<&'static str> {
    let w = word.to_lowercase();
    let text = match w.as_str() {
        "reglement" => "**reglement**: de identiteit van het toewijzingsreglement: woonmaatschappij, toewijzingsraad, versie, geldigheidsdatum en status.",
        "werkingsgebied" => "**werkingsgebied**: de gemeenten van de woonmaatschappij, met haar sociale huurwoningen per gemeente (het patrimonium).",
        "deelwerkingsgebied" => "**deelwerkingsgebied**: een deel van het werkingsgebied; een woonbinding ermee vraagt de consensus van al zijn gemeenten (Boek 6 BVCW, standaardtoewijzing; C13).",
        "toewijzingshistoriek" => "**toewijzingshistoriek**: de toewijzingen van de vorige jaren, de basis van het aandeel versnelde toewijzing (art. 6.24 §1 BVCW; C3).",
        "standaardtoewijzing" => "**standaardtoewijzing** (pijler 1): minstens 50% van de toewijzingen, volgens lokale binding en chronologie (Boek 6 BVCW; C10, C11).",
        "versnelde" | "toewijzing" => "**versnelde toewijzing** (pijler 2): 20% van de toewijzingen voor kandidaten met een dringende woonnood, gerangschikt met een wegingskader (art. 6.24-6.26 BVCW; C2-C6).",
        "wegingskader" => "**wegingskader**: de criteria en puntentabellen van de versnelde toewijzing; in de Kempen gedeeld door vijf woonmaatschappijen.",
        "criterium" => "**criterium**: één criterium van het wegingskader met zijn puntentabel.",
        "drempel" => "**drempel**: het minimum aantal punten om gerangschikt te worden.",
        "specifieke" | "doelgroepen" => "**specifieke doelgroepen** (pijler 3): woningen voorbehouden aan doelgroepen, samen hoogstens een derde van het patrimonium (C7, C8).",
        "doelgroep" => "**doelgroep**: een doelgroep van de versnelde toewijzing of van de specifieke doelgroepen.",
        "voorbehouden" => "**voorbehouden woningen**: per gemeente het aantal woningen voor elke doelgroep; samen hoogstens een derde van haar sociale huurwoningen (C7).",
        "begeleidingsovereenkomst" => "**begeleidingsovereenkomst**: de begeleiding die bij een specifieke doelgroep hoort, met haar duur.",
        "bijzondere" | "toewijzingen" => "**bijzondere toewijzingen** (pijler 4): herhuisvesting en interne mutaties, buiten de aandelen (art. 6.24 §1 BVCW; C20).",
        "rationele" | "bezetting" => "**rationele bezetting**: hoeveel personen een woning met zoveel slaapkamers krijgt (intern huurreglement; C16).",
        "gemeente" => "**gemeente**: een gemeente van het werkingsgebied, of de eigen regels van een gemeente (strengere woonbinding, lokale doelgroepen), die haar gemeenteraad mag wijzigen (C14, C15).",
        "strengere" => "**strengere woonbinding**: een gemeente kan een langere woonbinding vragen dan 5 jaar in de laatste 10 (Boek 6 BVCW; C12).",
        "woonbinding" => "**woonbinding**: ononderbroken in de gemeente (of het werkingsgebied) gewoond: standaard 5 jaar in de laatste 10 (Boek 6 BVCW).",
        "mantelzorg" => "**mantelzorg**: voorrang voor wie mantelzorg geeft of krijgt in de gemeente (standaardtoewijzing).",
        "chronologie" | "inschrijvingsdatum" => "**inschrijvingsdatum**: de chronologie: wie zich eerder inschreef in het centraal inschrijvingsregister, gaat voor.",
        "motivering" => "**motivering**: waarom de toewijzingsraad deze keuze maakt; ze komt mee in het gepubliceerde reglement.",
        "document" => "**document**: in welk juridisch document de sectie staat (toewijzingsreglement, intern huurreglement, huishoudelijk reglement), elk met zijn eigen goedkeuring (C1).",
        "aandeel" => "**aandeel**: het deel van de jaarlijkse toewijzingen voor deze pijler.",
        "consensus" => "**consensus**: de beslissingen van de gemeenteraden die een woonbinding met het (deel)werkingsgebied dragen (C13).",
        "amendement" => "**amendement**: een wijziging van een gemeenteraad op een ontwerp, dat het ontwerp noemt met zijn inhoudshash (C15).",
        "gemeenteraad" => "**gemeenteraad**: de beslissing van de gemeenteraad (datum, zitting) over de eigen regels van de gemeente.",
        _ => return None,
    };
    Some(text)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_grammar_keywords_are_found() {
        let all = super::all();
        assert!(all.len() > 100, "{}", all.len());
        for w in [
            "reglement",
            "wegingskader",
            "ministeriële",
            "ministeriele",
            "slaapkamers",
        ] {
            assert!(super::is_keyword(w), "{w}");
        }
    }
}
