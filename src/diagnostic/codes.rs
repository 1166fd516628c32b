//! The catalogue of diagnostic codes: one entry per check, with its legal
//! basis and confidence. The README's list of checks, the `reglement codes`
//! command and the language server's hovers are generated from this table.
//!
//! Numbering: `R00xx` syntax, `R01xx` the legal checks (R01NN is check CNN of
//! docs/regels.md), `R02xx` internal consistency. Rejected input rows carry
//! no code: they are typed in `src/engine/reject.rs` (file, line, column, reason).

use super::Severity;
use serde::Serialize;

/// How sure we are of a legal rule (docs/regels.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Confidence {
    /// Seen in an official or company text.
    V,
    /// From the Kempen note only, not yet confirmed in the law text.
    K,
    /// Inferred.
    I,
}

impl Confidence {
    pub fn label(self) -> &'static str {
        match self {
            // the letter is named as what it is (how sure the rule is), so a
            // drafter who never saw the README's table can read it
            Confidence::V => "zekerheid V: bevestigd in een officiële tekst",
            Confidence::K => {
                "zekerheid K: enkel op basis van de Kempense visienota, nog niet bevestigd in de wettekst"
            }
            Confidence::I => "zekerheid I: afgeleid, niet letterlijk in een bron",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct CodeInfo {
    pub code: &'static str,
    /// The check id of docs/regels.md (C1..C20), for legal checks.
    pub check: Option<&'static str>,
    pub title: &'static str,
    pub severity: Severity,
    /// The article the check rests on.
    pub article: Option<&'static str>,
    pub confidence: Option<Confidence>,
    /// The default help line: how to fix it.
    pub help: &'static str,
    /// An error that some of its cases report as a warning (an ontwerp that
    /// may still go to the gemeenteraden, a rule that does nothing); the
    /// checks' fixtures test that no other code changes its severity.
    pub also_warning: bool,
}

impl CodeInfo {
    /// The code also warns (see [`CodeInfo::also_warning`]).
    const fn warns_too(mut self) -> CodeInfo {
        self.also_warning = true;
        self
    }

    /// "fout", or "fout of waarschuwing".
    pub fn severity_text(&self) -> String {
        if self.also_warning && self.severity == Severity::Error {
            format!("{} of {}", self.severity.label(), Severity::Warning.label())
        } else {
            self.severity.label().to_string()
        }
    }

    /// "art. 6.24 §1 BVCW (zekerheid V: bevestigd ...)".
    pub fn basis_text(&self) -> Option<String> {
        match (self.article, self.confidence) {
            (Some(a), Some(c)) => Some(format!("{a} ({})", c.label())),
            (Some(a), None) => Some(a.to_string()),
            (None, Some(c)) => Some(c.label().to_string()),
            (None, None) => None,
        }
    }
}

const fn legal(
    code: &'static str,
    check: &'static str,
    title: &'static str,
    article: &'static str,
    confidence: Confidence,
    help: &'static str,
) -> CodeInfo {
    CodeInfo {
        code,
        check: Some(check),
        title,
        severity: Severity::Error,
        article: Some(article),
        confidence: Some(confidence),
        help,
        also_warning: false,
    }
}

/// A consistency check that rests on a source (e.g. a choice of the Kempen
/// model) rather than on a check of docs/regels.md.
const fn noted(
    code: &'static str,
    severity: Severity,
    title: &'static str,
    article: &'static str,
    confidence: Confidence,
    help: &'static str,
) -> CodeInfo {
    CodeInfo {
        code,
        check: None,
        title,
        severity,
        article: Some(article),
        confidence: Some(confidence),
        help,
        also_warning: false,
    }
}

const fn plain(
    code: &'static str,
    severity: Severity,
    title: &'static str,
    help: &'static str,
) -> CodeInfo {
    CodeInfo {
        code,
        check: None,
        title,
        severity,
        article: None,
        confidence: None,
        help,
        also_warning: false,
    }
}

use Confidence::{I, K, V};
use Severity::{Advice, Error, Warning};

pub static CODES: &[CodeInfo] = &[
    // ---- syntax
    plain("R0001", Error, "Syntaxfout", "Kijk na of de zin volledig is (tekst tussen aanhalingstekens, getallen, ':' waar nodig) en of elke '{' een '}' heeft; een sectie begint links op een nieuwe regel. In de editor toont de aanvulling (Ctrl+Spatie) welke zinnen hier passen."),
    plain("R0002", Error, "Bestand niet leesbaar", "Controleer het pad en of het bestand UTF-8-tekst is."),
    plain("R0003", Error, "Ongeldige waarde", "Schrijf datums als JJJJ-MM-DD en bedragen als 1.379,13 euro (komma voor de decimalen)."),
    // ---- legal checks: R01NN is check CNN of docs/regels.md
    legal("R0101", "C1", "Sectie in het verkeerde document", "Boek 6 BVCW; VMSW-draaiboek toewijzingsraad", V,
        "Verplaats de sectie naar het document dat haar mag bevatten, of pas 'document' aan."),
    legal("R0102", "C2", "Aandeel versnelde toewijzing is niet 20%", "art. 6.24 §1 BVCW", V,
        "Zet het aandeel van de versnelde toewijzing op exact 20%: dat is een vast percentage, geen bereik."),
    legal("R0103", "C3", "Basis van de versnelde toewijzing", "art. 6.24 §1 BVCW", V,
        "Geef de toewijzingen van de vijf vorige jaren in 'toewijzingshistoriek', met de verhuizingen wegens renovatie of sloop apart.").warns_too(),
    legal("R0104", "C4", "Verdeling over de doelgroepen van pijler 2", "art. 6.26 BVCW", V,
        "Laat de aandelen van de doelgroepen samen 100% zijn, of kies 'verdeling: gezamenlijk'; geef elke doelgroep een voorwaarde en een motivering."),
    legal("R0105", "C5", "Doelgroep van pijler 2 buiten de wettelijke hoofdgroepen", "art. 6.24-6.26 BVCW", K,
        "Kies een wettelijke hoofdgroep: dak-en-thuisloos, jongere, geestelijke-gezondheid, slechte-huisvesting of bijzondere-omstandigheden."),
    legal("R0106", "C6", "Lokale binding in pijler 2", "Boek 6 BVCW (versnelde toewijzing); Kempense visienota", K,
        "Schrap de lokale binding: in de versnelde toewijzing geldt geen lokale binding.").warns_too(),
    legal("R0107", "C7", "Meer dan een derde van het patrimonium voorbehouden", "Boek 6 BVCW (specifieke doelgroepen); Kempense visienota", K,
        "Verminder de voorbehouden woningen in deze gemeente tot hoogstens een derde van de sociale huurwoningen van de woonmaatschappij daar."),
    legal("R0108", "C8", "Doelgroep van pijler 3 buiten de wettelijke lijst", "art. 6.22 §3 BVCW", K,
        "Kies een wettelijke doelgroep, of markeer de doelgroep als 'lokale doelgroep met doelgroepenplan en ministeriële toetsing'.").warns_too(),
    legal("R0109", "C9", "Lokale binding in pijler 3", "Boek 6 BVCW (specifieke doelgroepen); Kempense visienota", K,
        "Schrap 'lokale binding geldt niet': bij specifieke doelgroepen geldt de lokale binding."),
    legal("R0110", "C10", "Aandeel standaardtoewijzing onder 50%", "Boek 6 BVCW (standaardtoewijzing)", K,
        "Zet het aandeel van de standaardtoewijzing op minimaal 50%."),
    legal("R0111", "C11", "Volgorde van de standaardtoewijzing", "Boek 6 BVCW (standaardtoewijzing)", V,
        "Houd de wettelijke volgorde aan: strengere woonbinding, woonbinding gemeente, woonbinding (deel)werkingsgebied, mantelzorg, inschrijvingsdatum. Alleen de optionele trappen mogen wegvallen.").warns_too(),
    legal("R0112", "C12", "Strengere woonbinding is niet strenger", "Boek 6 BVCW (standaardtoewijzing)", I,
        "Een strengere woonbinding vraagt minstens 5 jaar ononderbroken en een venster dat hoogstens 5 jaar langer is dan die duur (bv. 6 jaar in 10 jaar).").warns_too(),
    legal("R0113", "C13", "Woonbinding op het (deel)werkingsgebied zonder consensus", "Boek 6 BVCW (standaardtoewijzing)", V,
        "Voeg een blok 'consensus { ... }' toe met de beslissing van elke gemeente van het (deel)werkingsgebied.").warns_too(),
    legal("R0114", "C14", "Gemeentelijke regel buiten het eigen grondgebied", "Boek 6 BVCW (standaardtoewijzing)", V,
        "Zonder consensus gelden de eigen regels van een gemeente enkel voor woningen op haar grondgebied: schrap de andere gemeenten."),
    legal("R0115", "C15", "Gemeenteraad wijzigt iets wat hij niet mag wijzigen", "Boek 6 BVCW (toewijzingsreglement); Kempense visienota", K,
        "Een gemeenteraad mag enkel een strengere woonbinding en de toewijzing aan specifieke doelgroepen wijzigen; verplaats de rest naar het gemeenschappelijke reglement."),
    legal("R0116", "C16", "Rationele bezetting: te veel personen per slaapkamer", "Boek 6 BVCW (rationele bezetting, intern huurreglement)", I,
        "Hoogstens 2 personen per slaapkamer (een studio telt als één kamer)."),
    // C17 is a warning: the gap is in the compiler's parameter set, not in the reglement
    CodeInfo {
        severity: Warning,
        ..legal("R0117", "C17", "Inschrijvingsvoorwaarden ontbreken voor dit jaar", "Boek 6 BVCW (inschrijvingsvoorwaarden)", V,
            "Dit is een tekort van deze versie van het programma, niet van het reglement: de inkomensgrenzen van dat jaar zijn er nog niet in opgenomen. Tot een nieuwere versie ze kent, worden de inschrijvingsvoorwaarden van dat jaar niet getoetst.")
    },
    legal("R0118", "C18", "Geldigheidsdatum voor de start van het nieuwe model", "BVR 17 december 2021, inwerkingtreding", V,
        "Het toewijzingsmodel met vier pijlers geldt vanaf 1 januari 2024: kies een geldigheidsdatum vanaf die dag."),
    legal("R0119", "C19", "Vermeld totaal klopt niet met de rijen", "gezond verstand (de tabel van de Kempense visienota faalt hierop)", I,
        "Verbeter het totaal of de rijen: het totaal moet de som van de rijen zijn."),
    legal("R0120", "C20", "Pijler 4 niet afgezonderd", "art. 6.24 §1 BVCW (basis zonder herhuisvestingen)", I,
        "Verwijs in de historiek en in 'basis ... zonder' enkel naar soorten uit 'bijzondere toewijzingen', zodat ze buiten de aandelen en de basis blijven."),
    // ---- internal consistency
    plain("R0201", Error, "Gat in een puntentabel", "Voeg de ontbrekende rij toe, of laat een rij 'of meer' lopen."),
    plain("R0202", Error, "Overlap in een puntentabel", "Maak de rijen disjunct: elke waarde mag maar in één rij vallen."),
    plain("R0203", Error, "Onbekende naam", "Controleer de spelling, of definieer de naam eerst."),
    plain("R0204", Warning, "Ongebruikte naam", "Gebruik de naam, of schrap de definitie."),
    plain("R0205", Error, "Dubbele definitie", "Schrap een van beide, of geef ze een andere naam."),
    plain("R0206", Error, "Percentage buiten bereik", "Een percentage ligt tussen 0% en 100%."),
    plain("R0207", Error, "Datums in de verkeerde volgorde", "Zet de datums in chronologische volgorde.").warns_too(),
    plain("R0208", Warning, "Plafond klopt niet met leefloon + toeslag", "Verbeter het plafond of de toeslag (plafond = leefloon + toeslag), of zeg met 'lezing' welk van beide de toewijzingsraad bedoelt: de rangschikking gebruikt het vermelde bedrag."),
    plain("R0209", Error, "Onbereikbare drempel", "Verlaag de drempel tot hoogstens het maximum aantal punten dat te halen is."),
    plain("R0210", Error, "Ontbrekend onderdeel", "Voeg het ontbrekende onderdeel toe."),
    noted("R0211", Error, "Doelgroep zonder begeleidingsregel", "het regionale kader van het reglement ('begeleidingsovereenkomst verplicht voor specifieke doelgroepen'; Kempense visienota: altijd een begeleidingsovereenkomst)", K,
        "Geef de doelgroep een 'begeleidingsovereenkomst', of één voor de hele sectie 'specifieke doelgroepen'."),
    plain("R0212", Error, "Ontbrekend document", "Zeg met 'document ...' tot welk document de sectie behoort."),
    plain("R0213", Error, "Regionaal bestand niet bruikbaar", "Controleer het pad in 'gebruikt regio' (relatief ten opzichte van dit bestand)."),
    plain("R0214", Error, "Tabel met verkeerd aantal kolommen", "Geef elke rij evenveel getallen als er kolommen zijn."),
    plain("R0215", Error, "Ongeldige waarde", "Kies een waarde binnen het toegelaten bereik.").warns_too(),
    plain("R0216", Warning, "Motivering ontbreekt", "Voeg een 'motivering' toe: de toewijzingsraad beslist met redenen."),
    plain("R0217", Advice, "Berekende waarde", "Ter informatie: zo rekent de compiler."),
    plain("R0218", Error, "Onduidelijk gegeven van een criterium", "Zeg met 'gegeven woonnood', 'gegeven begeleiding', 'gegeven inkomen' of 'gegeven kinderen' welk gegeven van de kandidaat het criterium scoort, en gebruik de tabelvorm die daarbij past."),
    plain("R0219", Error, "Amendement op een andere versie", "Een amendement noemt het ontwerp bij zijn inhoudshash (bovenaan het gepubliceerde document): laat de gemeenteraad beslissen over de versie die de toewijzingsraad verstuurde, of voeg samen met het ontwerp dat het amendement noemt."),
    noted("R0221", Error, "Vorm van lokale binding die niet toegelaten is", "Boek 6 BVCW (standaardtoewijzing: woonbinding is verblijf in de gemeente binnen een periode)", I,
        "Schrijf de strengere woonbinding als 'N jaar ononderbroken in de laatste M jaar' (met N minstens 5); mantelzorg is een eigen trap van de rangorde."),
    plain("R0222", Error, "Document van de woonmaatschappij niet bruikbaar", "Controleer de naam in 'gebruikt intern huurreglement \"…\"' (relatief ten opzichte van dit bestand), of controleer dit document alleen met '--alleen'."),
    plain("R0223", Error, "Onderdeel in het verkeerde document", "Zet elk onderdeel in het document waar het hoort, en in één document."),
    plain("R0224", Warning, "Beslissing van een gemeenteraad ontbreekt", "Vermeld in de sectie 'reglement' per gemeente 'gemeenteraad NAAM JJJJ-MM-DD zonder amendement' of '… met amendement'; 'reglement samenvoegen' doet dat voor elk samengevoegd besluit."),
    // ---- gemeentefusies (src/gemeenten/)
    noted("R0230", Error, "Voormalige gemeente", "gemeentefusies van 1 januari 2019 en 1 januari 2025 (fusiedecreten; Statbel REFNIS)", V,
        "Noem de gemeente zoals ze heet op de geldigheidsdatum van het reglement: de fusiegemeente."),
    noted("R0231", Warning, "Gemeente fuseert terwijl het reglement geldt", "gemeentefusies van 1 januari 2019 en 1 januari 2025 (fusiedecreten; Statbel REFNIS)", V,
        "Leg voor de fusiegemeente een nieuwe versie vast vanaf de fusiedatum, of zet een einddatum voor die dag."),
    noted("R0232", Warning, "Fusiegemeente bestaat nog niet", "gemeentefusies van 1 januari 2019 en 1 januari 2025 (fusiedecreten; Statbel REFNIS)", V,
        "Zet de geldigheidsdatum op de fusiedatum of later, of noem tot dan de gemeenten die fuseren."),
    // ---- pijler 3 naar leeftijd (issue 13 item 5)
    plain("R0235", Warning, "Voorwaarde enkel in woorden", "De engine voert een voorwaarde in woorden niet uit: de toewijzingsambtenaar controleert ze met de hand. Schrijf ze, waar de taal het kan, als regel (bv. 'leeftijd minstens 65 jaar op de datum van toewijzing, bij een koppel volstaat één partner')."),
    plain("R0236", Warning, "Leeftijd zonder regel voor een koppel", "Zeg wie oud genoeg moet zijn: 'bij een koppel volstaat één partner' of 'alle volwassenen'."),
    plain("R0237", Error, "Lijst van voorbehouden woningen klopt niet", "Noem elke woning één keer, zeg in welke gemeente ze ligt, en laat de tabel 'voorbehouden woningen' en de lijst hetzelfde aantal geven."),
    plain("R0238", Error, "Onmogelijke doorverwijzing zonder kandidaat", "Verwijs naar de standaardtoewijzing of naar een andere doelgroep die voor de woningen van die gemeente geldt, zonder kring."),
    plain("R0239", Advice, "Geen regel voor een voorbehouden woning zonder kandidaat", "Zeg met 'zonder kandidaat: standaardtoewijzing', 'zonder kandidaat: doelgroep CODE' of 'zonder kandidaat: blijft voorbehouden' wat er met de woning gebeurt."),
    plain("R0240", Error, "Leeftijd buiten bereik", "Een leeftijd ligt tussen 18 en 120 jaar; een stap is minstens 1 jaar; hoogstens 40 leeftijdsstappen.").warns_too(),
    plain("R0241", Error, "Begeleidingsovereenkomst en geen begeleidingsovereenkomst", "Kies een van beide voor de doelgroep."),
    noted("R0245", Warning, "Drempel die een hele groep kandidaten uitsluit", "art. 6.24 §1 BVCW (20% versnelde toewijzing); Kempense visienota (drempel 'minimaal dienen te scoren op de 4 wegingscriteria')", I,
        "Laat het criterium uit de drempel als het enkel punten toevoegt, of zeg met 'lezing' dat de toewijzingsraad de uitsluiting bedoelt; 'reglement controleer --kandidaten' telt het effect."),
    noted("R0265", Warning, "Capaciteit zonder uitweg", "Kempense visienota (Housing First: 'Mocht de begeleiding niet voorhanden zijn kunnen deze woningen toegewezen worden aan doorstromers')", K,
        "Zeg waar een woning heen gaat als de capaciteit bereikt is: 'capaciteit: 10 trajecten per jaar, daarna doelgroep CODE' of 'daarna standaardtoewijzing'."),
    plain("R0266", Error, "Capaciteit die niet kan", "Een capaciteit is minstens 1 toewijzing per jaar en verwijst naar een andere doelgroep dan zichzelf."),
    // ---- het regionale kader als geheel (issue 16)
    plain("R0250", Error, "Twee regionale kaders met dezelfde naam en versie", "Laat alle leden hetzelfde bestand gebruiken, of geef een gewijzigd kader een nieuwe 'versie'."),
    plain("R0251", Error, "Woonmaatschappij van de regio zonder reglement", "Voeg het reglement van de woonmaatschappij toe aan de regio ('gebruikt regio \"…\"' in zijn sectie 'reglement'), of schrap de woonmaatschappij uit 'woonmaatschappijen'."),
    plain("R0252", Error, "Gedeelde sectie van het regionale kader vervangen", "Gebruik het gedeelde onderdeel van het regionale kader en schrap het eigen onderdeel: wat voor de hele regio anders moet, verandert in het kader zelf (met een nieuwe versie)."),
    plain("R0253", Advice, "Lokale afwijking binnen het regionale kader", "Ter informatie: het regionale kader laat deze afwijking toe ('lokaal: …'); ze staat in het overzicht van de regio."),
    plain("R0254", Error, "Afwijking buiten de ruimte van het regionale kader", "Blijf binnen wat het kader met 'lokaal: …' toelaat, of vraag de regio het kader te wijzigen (met een nieuwe versie)."),
    plain("R0255", Warning, "Begrip anders omschreven dan in het regionale kader", "Gebruik de omschrijving van de begrippenlijst van het kader, of geef het eigen begrip een andere naam: partners van de regio moeten dezelfde taal spreken."),
    // ---- wie het regionale kader aannam (issue 16, item 6)
    plain("R0256", Warning, "Aanneming van het regionale kader niet vermeld", "Vermeld voor elke woonmaatschappij van het kader 'aangenomen door toewijzingsraad NAAM op JJJJ-MM-DD', of 'nog niet aangenomen door toewijzingsraad NAAM'."),
    plain("R0257", Warning, "Kader aangenomen na de ingangsdatum", "Controleer de datum van de aanneming of 'geldig vanaf': een kader geldt pas als de partners het hebben aangenomen."),
    plain("R0258", Warning, "Aanneming twee keer vermeld", "Vermeld elke aanneming één keer; schrap de tweede."),
    plain("R0259", Warning, "Aanneming door een toewijzingsraad buiten de regio", "Voeg de woonmaatschappij toe aan 'woonmaatschappijen', of verbeter de naam van de toewijzingsraad."),
    // ---- a row of an allocation register that `reglement monitor` does not use (src/monitor/register.rs)
    plain("R0340", Error, "Rij van het toewijzingsregister niet leesbaar", "Verbeter de rij: aanhalingstekens, het aantal velden, UTF-8, of in JSON een object per toewijzing."),
    plain("R0341", Error, "Veld van het toewijzingsregister leeg of ongeldig", "Vul het verplichte veld in, in de vorm die de melding noemt (een datum JJJJ-MM-DD, een woning, een gemeente)."),
    plain("R0342", Error, "Onbekende pijler in het toewijzingsregister", "Schrijf de pijler als 1, 2, 3 of 4 (of standaard, versneld, doelgroepen, bijzonder)."),
    plain("R0343", Error, "Dossier niet op de kandidatenlijst", "Geef met --kandidaten-op de lijst zoals ze op die dag stond, of verbeter het dossiernummer."),
    plain("R0344", Error, "Toewijzing zonder dossier of zonder pijler", "Een toewijzing heeft een dossier en een pijler; een woning die niet toegewezen werd, heeft geen van beide."),
    plain("R0345", Error, "Dossier twee keer toegewezen", "Een kandidaat krijgt één woning: verbeter de rij of het dossiernummer."),
    plain("R0346", Error, "Woning past niet bij het reglement", "Verbeter de gemeente, de doelgroep of de code van de woning: ze moeten in het reglement staan."),
    plain("R0347", Error, "Toewijzing buiten de periode", "Kies met --van en --tot de periode van het register, of laat de rij weg."),
    plain("R0348", Error, "Dezelfde woning twee keer op één dag", "Schrap de dubbele rij."),
    plain("R0349", Error, "Rij van het register in geen enkel gegeven werkingsgebied", "Geef ook het reglement van de woonmaatschappij van die gemeente mee aan 'reglement monitor', of verbeter de gemeente."),
    plain("R0350", Error, "Rij van het register in het werkingsgebied van twee reglementen", "Monitor reglementen met een gemeenschappelijke gemeente apart ('reglement monitor' met één reglement)."),
    // ---- evaluatie (issue 20)
    plain("R0275", Error, "Indicator van de evaluatie niet meetbaar", "Een aandeel krijgt een doel in procent (0–100%), een wachttijd een doel in dagen; de pijler is 1, 2 of 3; een periode is minstens 1 maand."),
    plain("R0276", Warning, "Doel van de evaluatie tegen de wettelijke aandelen", "Neem het aandeel van de regel als doel: pijler 2 het aandeel versnelde toewijzing (art. 6.24 §1 BVCW), pijler 1 minstens het minimum (Kempense visienota)."),
    plain("R0277", Error, "Indicator twee keer in de evaluatie", "Schrijf elke indicator één keer, met één doel."),
    plain("R0278", Warning, "Evaluatie zonder wie evalueert", "Zeg wie de cijfers bespreekt en wanneer, bv. 'door toewijzingsraad elke 12 maanden' of 'door lokaal woonoverleg elke 12 maanden'."),
    // ---- bestaande voorbehouden woningen en het sociaal verslag (issue 15.3)
    noted("R0280", Advice, "Bestaande voorbehouden woningen niet vermeld", "Boek 6 BVCW (specifieke doelgroepen: hoogstens een derde van het patrimonium in de gemeente); Kempense visienota ('van 11.6% naar 13%', de bestaande 'lokale' doelgroepen inbegrepen)", K,
        "Geef de woningen die al voor doelgroepen voorbehouden zijn: per gemeente met 'bestaande voorbehouden woningen { GEMEENTE N … }', voor de hele woonmaatschappij met 'bestaande voorbehouden woningen: N' of 'bestaande voorbehouden woningen: P% van het patrimonium', of 'bestaande voorbehouden woningen: 0'. De toets van een derde telt ze dan mee."),
    noted("R0281", Advice, "Bestaande voorbehouden woningen enkel voor de hele woonmaatschappij", "Boek 6 BVCW (specifieke doelgroepen: hoogstens een derde van het patrimonium in de gemeente); Kempense visienota", K,
        "Ter informatie: de toets voor de hele woonmaatschappij telt de bestaande voorbehouden woningen mee; geef ze per gemeente ('bestaande voorbehouden woningen { GEMEENTE N … }') om ook de toets per gemeente volledig te maken."),
    noted("R0282", Advice, "Geen regel voor een kandidaat met een sociaal verslag", "Kempense visienota (bijzondere omstandigheden van sociale aard: 'Deze toewijzingen kunnen enkel gebeuren via een gemotiveerd sociaal verslag goedgekeurd door de woonmaatschappij')", K,
        "Zeg in de versnelde toewijzing waar een kandidaat met een goedgekeurd sociaal verslag komt: 'sociaal verslag: vooraan' (voor de kandidaten met punten) of 'sociaal verslag: achteraan' (erna); de visienota zegt het niet, de toewijzingsraad beslist."),
    plain("R0283", Error, "Bestaande voorbehouden woningen onduidelijk", "Schrijf de bestaande voorbehouden woningen één keer, met elke gemeente van het werkingsgebied hoogstens één keer."),
    plain("R0284", Warning, "Sociaal verslag zonder situatie zonder punten", "Schrap 'sociaal verslag: …', of geef in het wegingskader de situatie die enkel met een sociaal verslag toegelaten wordt 'geen punten'."),
    // ---- het doelgroepenplan van een lokale doelgroep (issue 20, src/checks/doelgroepenplan.rs)
    // ---- hoe de voorbehouden woningen gelezen worden (issue 15)
    noted("R0285", Advice, "Lezing van de voorbehouden woningen niet vermeld", "Boek 6 BVCW (specifieke doelgroepen: hoogstens een derde van het patrimonium in de gemeente, een aantal woningen); Kempense visienota ('150 bijkomende woningen', 'niet-gelabelde woningen')", K,
        "Zeg hoe de aantallen van 'voorbehouden woningen' gelezen worden: 'quotum: voorraad' (zoveel woningen blijven voor de doelgroep; een plaats komt vrij wanneer een van die woningen vrijkomt, zodat een jaar er maar enkele toewijst) of 'quotum: toewijzingen per jaar' (zoveel toewijzingen per kalenderjaar, die elke geschikte woning kan invullen, zodat pijler 3 elk jaar het volle aantal krijgt). Zegt de bron het niet, schrijf dan de lezing van de toewijzingsraad met 'lezing \"…\" als \"…\" motivering \"…\"'. Zonder vermelding leest de simulatie ze als toewijzingen per jaar, en zegt het."),
    plain("R0286", Error, "Lezing van de voorbehouden woningen twee keer vermeld", "Schrijf 'quotum: …' één keer in de sectie van de specifieke doelgroepen."),
    noted("R0290", Warning, "Doelgroepenplan onvolledig", "art. 6.22 §3 BVCW (doelgroepenplan en ministeriële toetsing); de inhoud volgt de Kempense visienota", I,
        "Vul het doelgroepenplan aan: de behoefte ('behoefte \"…\"'), cijfers met hun bron ('cijfer N \"wat\" bron \"…\"'), een motivering, de voorwaarden, de voorbehouden woningen per gemeente, de verwijzers, de begeleiding, wat er zonder kandidaat gebeurt en een evaluatie van pijler 3; 'reglement publiceer --document doelgroepenplan' maakt er het document van."),
    noted("R0291", Warning, "Doelgroepenplan bij een doelgroep die niet naar de minister gaat", "art. 6.22 §3 BVCW", I,
        "Een doelgroepenplan hoort bij een 'lokale doelgroep met doelgroepenplan en ministeriële toetsing'; markeer de doelgroep zo, of schrap het doelgroepenplan bij een wettelijke doelgroep."),
];

static UNKNOWN: CodeInfo = plain("R9999", Error, "Onbekende code", "");

/// The catalogue entry of a code. Every code used in the program is in
/// [`CODES`]; a test checks it.
pub fn info(code: &str) -> &'static CodeInfo {
    CODES.iter().find(|c| c.code == code).unwrap_or(&UNKNOWN)
}

/// The catalogue as a Markdown table (the README's list of checks).
pub fn markdown_table() -> String {
    let mut s = String::from(
        "| code | check | ernst | wat | grondslag | zekerheid |\n|---|---|---|---|---|---|\n",
    );
    for c in CODES {
        let confidence = match c.confidence {
            Some(Confidence::V) => "V",
            Some(Confidence::K) => "K",
            Some(Confidence::I) => "I",
            None => "",
        };
        s.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            c.code,
            c.check.unwrap_or(""),
            c.severity_text(),
            c.title,
            c.article.unwrap_or(""),
            confidence
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::CODES;
    use std::path::Path;

    /// Every `"RNNNN"` literal in the sources, with where it stands.
    fn literals(dir: &Path, out: &mut Vec<(String, String)>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                literals(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                for (n, line) in text.lines().enumerate() {
                    let b = line.as_bytes();
                    for i in 0..b.len().saturating_sub(6) {
                        if b[i] == b'"'
                            && b[i + 1] == b'R'
                            && b[i + 2..i + 6].iter().all(u8::is_ascii_digit)
                            && b[i + 6] == b'"'
                        {
                            out.push((
                                line[i + 1..i + 6].to_string(),
                                format!("{}:{}", path.display(), n + 1),
                            ));
                        }
                    }
                }
            }
        }
    }

    /// A mistyped code would otherwise become R9999 at run time.
    #[test]
    fn every_code_the_sources_name_is_in_the_catalogue() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut found = Vec::new();
        for dir in ["src", "lsp/src", "web/src"] {
            literals(&root.join(dir), &mut found);
        }
        assert!(
            found.len() > 100,
            "the scan finds the codes ({})",
            found.len()
        );
        let unknown: Vec<String> = found
            .iter()
            .filter(|(code, _)| code != "R9999" && !CODES.iter().any(|c| c.code == code))
            .map(|(code, at)| format!("{code} at {at}"))
            .collect();
        assert!(unknown.is_empty(), "codes not in CODES: {unknown:#?}");
    }
}
