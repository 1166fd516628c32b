//! The catalogue of diagnostic codes: one entry per check, with its legal
//! basis and confidence. The README's list of checks, the `reglement codes`
//! command and the language server's hovers are generated from this table.
//!
//! Numbering: `R00xx` syntax, `R01xx` the legal checks (R01NN is check CNN of
//! docs/regels.md), `R02xx` internal consistency. Rejected input rows carry
//! no code: they are typed in `src/engine/reject.rs` (file, line, column, reason).
//!
//! A code is a [`Code`], declared by its catalogue entry: `Code::R0102`
//! exists because the catalogue has an entry `R0102 => …`, so a mistyped
//! code does not compile and every code has its title, help and basis.

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
    /// An entry of another severity than its constructor's.
    const fn with_severity(mut self, severity: Severity) -> CodeInfo {
        self.severity = severity;
        self
    }

    /// The code also warns (see [`CodeInfo::also_warning`]).
    const fn warns_too(mut self) -> CodeInfo {
        self.also_warning = true;
        self
    }

    /// The help line with the numbers of a legal parameter set in place of
    /// its `{name}`s (`{pijler2}` → "20%"): the catalogue names no legal
    /// number itself, `LegalParams::catalogue_values` gives them.
    pub fn help_with(&self, values: &[(&str, String)]) -> String {
        fill(self.help, values)
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

/// A diagnostic code of the catalogue. The only values are the constants
/// `Code::R0001` … that [`catalogue!`] declares, one per entry, so a code
/// without an entry cannot be written. It compares, sorts, prints and
/// serializes as its text ("R0102").
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Code(u16);

impl Code {
    /// "R0102".
    pub fn as_str(self) -> &'static str {
        CODES[self.0 as usize].code
    }

    /// The code a text names ("R0102", also "r0102"), if the catalogue has it:
    /// for codes that arrive as text (a language-server request, `reglement
    /// uitleg`).
    pub fn parse(text: &str) -> Option<Code> {
        let text = text.trim();
        CODES
            .iter()
            .position(|c| c.code.eq_ignore_ascii_case(text))
            .map(|i| Code(i as u16))
    }

    /// Every code, in the catalogue's order.
    pub fn all() -> impl Iterator<Item = Code> {
        (0..CODES.len()).map(|i| Code(i as u16))
    }

    /// The catalogue entry of the code.
    pub fn info(self) -> &'static CodeInfo {
        &CODES[self.0 as usize]
    }
}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// By the code's text, so diagnostics sort as they always did.
impl Ord for Code {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Debug for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<String> for Code {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Code> for &str {
    fn eq(&self, other: &Code) -> bool {
        *self == other.as_str()
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Declares the catalogue: each entry `RNNNN => constructor(…);` becomes the
/// constant `Code::RNNNN` and the entry of [`CODES`] at the same index.
macro_rules! catalogue {
    ($( $(#[$doc:meta])* $code:ident => $ctor:ident ( $($arg:expr),* $(,)? ) $(. $method:ident ( $($marg:expr),* ))* ; )*) => {
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[repr(u16)]
        enum Index { $($code),* }

        #[allow(non_upper_case_globals)]
        impl Code {
            $( pub const $code: Code = Code(Index::$code as u16); )*
        }

        pub static CODES: &[CodeInfo] = &[
            $( $ctor(stringify!($code), $($arg),*) $(. $method($($marg),*))* ),*
        ];
    };
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

catalogue! {
    // ---- syntax
    R0001 => plain(Error, "Syntaxfout", "Kijk na of de zin volledig is (tekst tussen aanhalingstekens, getallen, ':' waar nodig) en of elke '{' een '}' heeft; een sectie begint links op een nieuwe regel. In de editor toont de aanvulling (Ctrl+Spatie) welke zinnen hier passen.");
    R0002 => plain(Error, "Bestand niet leesbaar", "Controleer het pad en of het bestand UTF-8-tekst is.");
    R0003 => plain(Error, "Ongeldige waarde", "Schrijf datums als JJJJ-MM-DD en bedragen als 1.379,13 euro (komma voor de decimalen).");
    // ---- legal checks: R01NN is check CNN of docs/regels.md
    R0101 => legal("C1", "Sectie in het verkeerde document", "Boek 6 BVCW; VMSW-draaiboek toewijzingsraad", V,
        "Verplaats de sectie naar het document dat haar mag bevatten, of pas 'document' aan.");
    R0102 => legal("C2", "Aandeel versnelde toewijzing is niet 20%", "art. 6.24 §1 BVCW", V,
        "Zet het aandeel van de versnelde toewijzing op exact {pijler2}: dat is een vast percentage, geen bereik.");
    R0103 => legal("C3", "Basis van de versnelde toewijzing", "art. 6.24 §1 BVCW", V,
        "Geef de toewijzingen van de {basisjaren} vorige jaren in 'toewijzingshistoriek', met de verhuizingen wegens renovatie of sloop apart.").warns_too();
    R0104 => legal("C4", "Verdeling over de doelgroepen van pijler 2", "art. 6.26 BVCW", V,
        "Laat de aandelen van de doelgroepen samen 100% zijn, of kies 'verdeling: gezamenlijk'; geef elke doelgroep een voorwaarde en een motivering.");
    R0105 => legal("C5", "Doelgroep van pijler 2 buiten de wettelijke hoofdgroepen", "art. 6.24-6.26 BVCW", K,
        "Kies een wettelijke hoofdgroep: dak-en-thuisloos, jongere, geestelijke-gezondheid, slechte-huisvesting of bijzondere-omstandigheden.");
    R0106 => legal("C6", "Lokale binding in pijler 2", "Boek 6 BVCW (versnelde toewijzing); Kempense visienota", K,
        "Schrap de lokale binding: in de versnelde toewijzing geldt geen lokale binding.").warns_too();
    R0107 => legal("C7", "Meer dan een derde van het patrimonium voorbehouden", "Boek 6 BVCW (specifieke doelgroepen); Kempense visienota", K,
        "Verminder de voorbehouden woningen in deze gemeente tot hoogstens {derde} van de sociale huurwoningen van de woonmaatschappij daar.");
    R0108 => legal("C8", "Doelgroep van pijler 3 buiten de wettelijke lijst", "art. 6.22 §3 BVCW", K,
        "Kies een wettelijke doelgroep, of markeer de doelgroep als 'lokale doelgroep met doelgroepenplan en ministeriële toetsing'.").warns_too();
    R0109 => legal("C9", "Lokale binding in pijler 3", "Boek 6 BVCW (specifieke doelgroepen); Kempense visienota", K,
        "Schrap 'lokale binding geldt niet': bij specifieke doelgroepen geldt de lokale binding.");
    R0110 => legal("C10", "Aandeel standaardtoewijzing onder 50%", "Boek 6 BVCW (standaardtoewijzing)", K,
        "Zet het aandeel van de standaardtoewijzing op minimaal {pijler1}.");
    R0111 => legal("C11", "Volgorde van de standaardtoewijzing", "Boek 6 BVCW (standaardtoewijzing)", V,
        "Houd de wettelijke volgorde aan: strengere woonbinding, woonbinding gemeente, woonbinding (deel)werkingsgebied, mantelzorg, inschrijvingsdatum. Alleen de optionele trappen mogen wegvallen.").warns_too();
    R0112 => legal("C12", "Strengere woonbinding is niet strenger", "Boek 6 BVCW (standaardtoewijzing)", I,
        "Een strengere woonbinding vraagt minstens {woonbinding} jaar ononderbroken en een venster dat hoogstens {speling} jaar langer is dan die duur (bv. {voorbeeld} jaar in {venster} jaar).").warns_too();
    R0113 => legal("C13", "Woonbinding op het (deel)werkingsgebied zonder consensus", "Boek 6 BVCW (standaardtoewijzing)", V,
        "Voeg een blok 'consensus { ... }' toe met de beslissing van elke gemeente van het (deel)werkingsgebied.").warns_too();
    R0114 => legal("C14", "Gemeentelijke regel buiten het eigen grondgebied", "Boek 6 BVCW (standaardtoewijzing)", V,
        "Zonder consensus gelden de eigen regels van een gemeente enkel voor woningen op haar grondgebied: schrap de andere gemeenten.");
    R0115 => legal("C15", "Gemeenteraad wijzigt iets wat hij niet mag wijzigen", "Boek 6 BVCW (toewijzingsreglement); Kempense visienota", K,
        "Een gemeenteraad mag enkel een strengere woonbinding en de toewijzing aan specifieke doelgroepen wijzigen; verplaats de rest naar het gemeenschappelijke reglement.");
    R0116 => legal("C16", "Rationele bezetting: te veel personen per slaapkamer", "Boek 6 BVCW (rationele bezetting, intern huurreglement)", I,
        "Hoogstens {per_slaapkamer} personen per slaapkamer (een studio telt als één kamer).");
    // C17 is a warning: the gap is in the compiler's parameter set, not in the reglement
    R0117 => legal("C17", "Inschrijvingsvoorwaarden ontbreken voor dit jaar", "Boek 6 BVCW (inschrijvingsvoorwaarden)", V,
            "Dit is een tekort van deze versie van het programma, niet van het reglement: de inkomensgrenzen van dat jaar zijn er nog niet in opgenomen. Tot een nieuwere versie ze kent, worden de inschrijvingsvoorwaarden van dat jaar niet getoetst.").with_severity(Warning);
    R0118 => legal("C18", "Geldigheidsdatum voor de start van het nieuwe model", "BVR 17 december 2021, inwerkingtreding", V,
        "Het toewijzingsmodel met vier pijlers geldt vanaf {modelstart}: kies een geldigheidsdatum vanaf die dag.");
    R0119 => legal("C19", "Vermeld totaal klopt niet met de rijen", "gezond verstand (de tabel van de Kempense visienota faalt hierop)", I,
        "Verbeter het totaal of de rijen: het totaal moet de som van de rijen zijn.");
    R0120 => legal("C20", "Pijler 4 niet afgezonderd", "art. 6.24 §1 BVCW (basis zonder herhuisvestingen)", I,
        "Verwijs in de historiek en in 'basis ... zonder' enkel naar soorten uit 'bijzondere toewijzingen', zodat ze buiten de aandelen en de basis blijven.");
    // ---- internal consistency
    R0201 => plain(Error, "Gat in een puntentabel", "Voeg de ontbrekende rij toe, of laat een rij 'of meer' lopen.");
    R0202 => plain(Error, "Overlap in een puntentabel", "Maak de rijen disjunct: elke waarde mag maar in één rij vallen.");
    R0203 => plain(Error, "Onbekende naam", "Controleer de spelling, of definieer de naam eerst.");
    R0204 => plain(Warning, "Ongebruikte naam", "Gebruik de naam, of schrap de definitie.");
    R0205 => plain(Error, "Dubbele definitie", "Schrap een van beide, of geef ze een andere naam.");
    R0206 => plain(Error, "Percentage buiten bereik", "Een percentage ligt tussen 0% en 100%.");
    R0207 => plain(Error, "Datums in de verkeerde volgorde", "Zet de datums in chronologische volgorde.").warns_too();
    R0208 => plain(Warning, "Plafond klopt niet met leefloon + toeslag", "Verbeter het plafond of de toeslag (plafond = leefloon + toeslag), of zeg met 'lezing' welk van beide de toewijzingsraad bedoelt: de rangschikking gebruikt het vermelde bedrag.");
    R0209 => plain(Error, "Onbereikbare drempel", "Verlaag de drempel tot hoogstens het maximum aantal punten dat te halen is.");
    R0210 => plain(Error, "Ontbrekend onderdeel", "Voeg het ontbrekende onderdeel toe.");
    R0211 => noted(Error, "Doelgroep zonder begeleidingsregel", "het regionale kader van het reglement ('begeleidingsovereenkomst verplicht voor specifieke doelgroepen'; Kempense visienota: altijd een begeleidingsovereenkomst)", K,
        "Geef de doelgroep een 'begeleidingsovereenkomst', of één voor de hele sectie 'specifieke doelgroepen'.");
    R0212 => plain(Error, "Ontbrekend document", "Zeg met 'document ...' tot welk document de sectie behoort.");
    R0213 => plain(Error, "Regionaal bestand niet bruikbaar", "Controleer het pad in 'gebruikt regio' (relatief ten opzichte van dit bestand).");
    R0214 => plain(Error, "Tabel met verkeerd aantal kolommen", "Geef elke rij evenveel getallen als er kolommen zijn.");
    R0215 => plain(Error, "Ongeldige waarde", "Kies een waarde binnen het toegelaten bereik.").warns_too();
    R0216 => plain(Warning, "Motivering ontbreekt", "Voeg een 'motivering' toe: de toewijzingsraad beslist met redenen.");
    R0217 => plain(Advice, "Berekende waarde", "Ter informatie: zo rekent de compiler.");
    R0218 => plain(Error, "Onduidelijk gegeven van een criterium", "Zeg met 'gegeven woonnood', 'gegeven begeleiding', 'gegeven inkomen' of 'gegeven kinderen' welk gegeven van de kandidaat het criterium scoort, en gebruik de tabelvorm die daarbij past.");
    R0219 => plain(Error, "Amendement op een andere versie", "Een amendement noemt het ontwerp bij zijn inhoudshash (bovenaan het gepubliceerde document): laat de gemeenteraad beslissen over de versie die de toewijzingsraad verstuurde, of voeg samen met het ontwerp dat het amendement noemt.");
    R0221 => noted(Error, "Vorm van lokale binding die niet toegelaten is", "Boek 6 BVCW (standaardtoewijzing: woonbinding is verblijf in de gemeente binnen een periode)", I,
        "Schrijf de strengere woonbinding als 'N jaar ononderbroken in de laatste M jaar' (met N minstens 5); mantelzorg is een eigen trap van de rangorde.");
    R0222 => plain(Error, "Document van de woonmaatschappij niet bruikbaar", "Controleer de naam in 'gebruikt intern huurreglement \"…\"' (relatief ten opzichte van dit bestand), of controleer dit document alleen met '--alleen'.");
    R0223 => plain(Error, "Onderdeel in het verkeerde document", "Zet elk onderdeel in het document waar het hoort, en in één document.");
    R0224 => plain(Warning, "Beslissing van een gemeenteraad ontbreekt", "Vermeld in de sectie 'reglement' per gemeente 'gemeenteraad NAAM JJJJ-MM-DD zonder amendement' of '… met amendement'; 'reglement samenvoegen' doet dat voor elk samengevoegd besluit.");
    // ---- gemeentefusies (src/gemeenten/)
    R0230 => noted(Error, "Voormalige gemeente", "gemeentefusies van 1 januari 2019 en 1 januari 2025 (fusiedecreten; Statbel REFNIS)", V,
        "Noem de gemeente zoals ze heet op de geldigheidsdatum van het reglement: de fusiegemeente.");
    R0231 => noted(Warning, "Gemeente fuseert terwijl het reglement geldt", "gemeentefusies van 1 januari 2019 en 1 januari 2025 (fusiedecreten; Statbel REFNIS)", V,
        "Leg voor de fusiegemeente een nieuwe versie vast vanaf de fusiedatum, of zet een einddatum voor die dag.");
    R0232 => noted(Warning, "Fusiegemeente bestaat nog niet", "gemeentefusies van 1 januari 2019 en 1 januari 2025 (fusiedecreten; Statbel REFNIS)", V,
        "Zet de geldigheidsdatum op de fusiedatum of later, of noem tot dan de gemeenten die fuseren.");
    // ---- pijler 3 naar leeftijd (issue 13 item 5)
    R0235 => plain(Warning, "Voorwaarde enkel in woorden", "De engine voert een voorwaarde in woorden niet uit: de toewijzingsambtenaar controleert ze met de hand. Schrijf ze, waar de taal het kan, als regel (bv. 'leeftijd minstens 65 jaar op de datum van toewijzing, bij een koppel volstaat één partner').");
    R0236 => plain(Warning, "Leeftijd zonder regel voor een koppel", "Zeg wie oud genoeg moet zijn: 'bij een koppel volstaat één partner' of 'alle volwassenen'.");
    R0237 => plain(Error, "Lijst van voorbehouden woningen klopt niet", "Noem elke woning één keer, zeg in welke gemeente ze ligt, en laat de tabel 'voorbehouden woningen' en de lijst hetzelfde aantal geven.");
    R0238 => plain(Error, "Onmogelijke doorverwijzing zonder kandidaat", "Verwijs naar de standaardtoewijzing of naar een andere doelgroep die voor de woningen van die gemeente geldt, zonder kring.");
    R0239 => plain(Advice, "Geen regel voor een voorbehouden woning zonder kandidaat", "Zeg met 'zonder kandidaat: standaardtoewijzing', 'zonder kandidaat: doelgroep CODE' of 'zonder kandidaat: blijft voorbehouden' wat er met de woning gebeurt.");
    R0240 => plain(Error, "Leeftijd buiten bereik", "Een leeftijd ligt tussen 18 en 120 jaar; een stap is minstens 1 jaar; hoogstens 40 leeftijdsstappen.").warns_too();
    R0241 => plain(Error, "Begeleidingsovereenkomst en geen begeleidingsovereenkomst", "Kies een van beide voor de doelgroep.");
    R0245 => noted(Warning, "Drempel die een hele groep kandidaten uitsluit", "art. 6.24 §1 BVCW (20% versnelde toewijzing); Kempense visienota (drempel 'minimaal dienen te scoren op de 4 wegingscriteria')", I,
        "Laat het criterium uit de drempel als het enkel punten toevoegt, of zeg met 'lezing' dat de toewijzingsraad de uitsluiting bedoelt; 'reglement controleer --kandidaten' telt het effect.");
    R0265 => noted(Warning, "Capaciteit zonder uitweg", "Kempense visienota (Housing First: 'Mocht de begeleiding niet voorhanden zijn kunnen deze woningen toegewezen worden aan doorstromers')", K,
        "Zeg waar een woning heen gaat als de capaciteit bereikt is: 'capaciteit: 10 trajecten per jaar, daarna doelgroep CODE' of 'daarna standaardtoewijzing'.");
    R0266 => plain(Error, "Capaciteit die niet kan", "Een capaciteit is minstens 1 toewijzing per jaar en verwijst naar een andere doelgroep dan zichzelf.");
    // ---- het regionale kader als geheel (issue 16)
    R0250 => plain(Error, "Twee regionale kaders met dezelfde naam en versie", "Laat alle leden hetzelfde bestand gebruiken, of geef een gewijzigd kader een nieuwe 'versie'.");
    R0251 => plain(Error, "Woonmaatschappij van de regio zonder reglement", "Voeg het reglement van de woonmaatschappij toe aan de regio ('gebruikt regio \"…\"' in zijn sectie 'reglement'), of schrap de woonmaatschappij uit 'woonmaatschappijen'.");
    R0252 => plain(Error, "Gedeelde sectie van het regionale kader vervangen", "Gebruik het gedeelde onderdeel van het regionale kader en schrap het eigen onderdeel: wat voor de hele regio anders moet, verandert in het kader zelf (met een nieuwe versie).");
    R0253 => plain(Advice, "Lokale afwijking binnen het regionale kader", "Ter informatie: het regionale kader laat deze afwijking toe ('lokaal: …'); ze staat in het overzicht van de regio.");
    R0254 => plain(Error, "Afwijking buiten de ruimte van het regionale kader", "Blijf binnen wat het kader met 'lokaal: …' toelaat, of vraag de regio het kader te wijzigen (met een nieuwe versie).");
    R0255 => plain(Warning, "Begrip anders omschreven dan in het regionale kader", "Gebruik de omschrijving van de begrippenlijst van het kader, of geef het eigen begrip een andere naam: partners van de regio moeten dezelfde taal spreken.");
    // ---- wie het regionale kader aannam (issue 16, item 6)
    R0256 => plain(Warning, "Aanneming van het regionale kader niet vermeld", "Vermeld voor elke woonmaatschappij van het kader 'aangenomen door toewijzingsraad NAAM op JJJJ-MM-DD', of 'nog niet aangenomen door toewijzingsraad NAAM'.");
    R0257 => plain(Warning, "Kader aangenomen na de ingangsdatum", "Controleer de datum van de aanneming of 'geldig vanaf': een kader geldt pas als de partners het hebben aangenomen.");
    R0258 => plain(Warning, "Aanneming twee keer vermeld", "Vermeld elke aanneming één keer; schrap de tweede.");
    R0259 => plain(Warning, "Aanneming door een toewijzingsraad buiten de regio", "Voeg de woonmaatschappij toe aan 'woonmaatschappijen', of verbeter de naam van de toewijzingsraad.");
    // ---- gedeelde doelgroepen in het regionale kader (issue 16)
    R0260 => noted(Warning, "Doelgroep anders omschreven dan in het regionale kader", "Kempense visienota ('Waarom regionale afstemming?': 'Door af te stemmen vermijden we dat cliënten gaan shoppen tussen woonmaatschappijen.'); art. 6.22 §3 BVCW (de doelgroepen in het toewijzingsreglement)", K,
        "Schrap de eigen omschrijving en gebruik de doelgroep van het kader (de kolom van 'voorbehouden woningen' verwijst er dan naar), of geef de eigen doelgroep een andere code: één doelgroep, één omschrijving in de hele regio.");
    R0261 => noted(Advice, "Doelgroep herhaald uit het regionale kader", "Kempense visienota ('Waarom regionale afstemming?': 'Door af te stemmen vermijden we dat cliënten gaan shoppen tussen woonmaatschappijen.')", K,
        "Schrap de eigen omschrijving: het reglement gebruikt de doelgroep van het kader bij naam, en een latere wijziging van het kader geldt dan ook hier.");
    R0262 => noted(Warning, "Doelgroep van pijler 2 anders omschreven dan in het regionale kader", "Kempense visienota ('Waarom regionale afstemming?': 'Door af te stemmen vermijden we dat cliënten gaan shoppen tussen woonmaatschappijen.'; één wegingskader voor de versnelde toewijzing); art. 6.26 BVCW (de doelgroepen van de versnelde toewijzing)", K,
        "Schrap de eigen omschrijving en gebruik de doelgroep van het kader (de kandidatenlijst verwijst er bij naam naar), of geef de eigen doelgroep een andere code: één doelgroep, één omschrijving in de hele regio.");
    R0263 => noted(Advice, "Doelgroep van pijler 2 herhaald uit het regionale kader", "Kempense visienota ('Waarom regionale afstemming?': 'Door af te stemmen vermijden we dat cliënten gaan shoppen tussen woonmaatschappijen.')", K,
        "Schrap de eigen omschrijving: de versnelde toewijzing gebruikt de doelgroep van het kader bij naam, en een latere wijziging van het kader geldt dan ook hier.");
    // ---- a row of an allocation register that `reglement monitor` does not use (src/monitor/register.rs)
    R0340 => plain(Error, "Rij van het toewijzingsregister niet leesbaar", "Verbeter de rij: aanhalingstekens, het aantal velden, UTF-8, of in JSON een object per toewijzing.");
    R0341 => plain(Error, "Veld van het toewijzingsregister leeg of ongeldig", "Vul het verplichte veld in, in de vorm die de melding noemt (een datum JJJJ-MM-DD, een woning, een gemeente).");
    R0342 => plain(Error, "Onbekende pijler in het toewijzingsregister", "Schrijf de pijler als 1, 2, 3 of 4 (of standaard, versneld, doelgroepen, bijzonder).");
    R0343 => plain(Error, "Dossier niet op de kandidatenlijst", "Geef met --kandidaten-op de lijst zoals ze op die dag stond, of verbeter het dossiernummer.");
    R0344 => plain(Error, "Toewijzing zonder dossier of zonder pijler", "Een toewijzing heeft een dossier en een pijler; een woning die niet toegewezen werd, heeft geen van beide.");
    R0345 => plain(Error, "Dossier twee keer toegewezen", "Een kandidaat krijgt één woning: verbeter de rij of het dossiernummer.");
    R0346 => plain(Error, "Woning past niet bij het reglement", "Verbeter de gemeente, de doelgroep of de code van de woning: ze moeten in het reglement staan.");
    R0347 => plain(Error, "Toewijzing buiten de periode", "Kies met --van en --tot de periode van het register, of laat de rij weg.");
    R0348 => plain(Error, "Dezelfde woning twee keer op één dag", "Schrap de dubbele rij.");
    R0349 => plain(Error, "Rij van het register in geen enkel gegeven werkingsgebied", "Geef ook het reglement van de woonmaatschappij van die gemeente mee aan 'reglement monitor', of verbeter de gemeente.");
    R0350 => plain(Error, "Rij van het register in het werkingsgebied van twee reglementen", "Monitor reglementen met een gemeenschappelijke gemeente apart ('reglement monitor' met één reglement).");
    // ---- evaluatie (issue 20)
    R0275 => plain(Error, "Indicator van de evaluatie niet meetbaar", "Een aandeel krijgt een doel in procent (0–100%), een wachttijd een doel in dagen; de pijler is 1, 2 of 3; een periode is minstens 1 maand.");
    R0276 => plain(Warning, "Doel van de evaluatie tegen de wettelijke aandelen", "Neem het aandeel van de regel als doel: pijler 2 het aandeel versnelde toewijzing (art. 6.24 §1 BVCW), pijler 1 minstens het minimum (Kempense visienota).");
    R0277 => plain(Error, "Indicator twee keer in de evaluatie", "Schrijf elke indicator één keer, met één doel.");
    R0278 => plain(Warning, "Evaluatie zonder wie evalueert", "Zeg wie de cijfers bespreekt en wanneer, bv. 'door toewijzingsraad elke 12 maanden' of 'door lokaal woonoverleg elke 12 maanden'.");
    // ---- bestaande voorbehouden woningen en het sociaal verslag (issue 15.3)
    R0280 => noted(Advice, "Bestaande voorbehouden woningen niet vermeld", "Boek 6 BVCW (specifieke doelgroepen: hoogstens een derde van het patrimonium in de gemeente); Kempense visienota ('van 11.6% naar 13%', de bestaande 'lokale' doelgroepen inbegrepen)", K,
        "Geef de woningen die al voor doelgroepen voorbehouden zijn: per gemeente met 'bestaande voorbehouden woningen { GEMEENTE N … }', voor de hele woonmaatschappij met 'bestaande voorbehouden woningen: N' of 'bestaande voorbehouden woningen: P% van het patrimonium', of 'bestaande voorbehouden woningen: 0'. De toets van een derde telt ze dan mee.");
    R0281 => noted(Advice, "Bestaande voorbehouden woningen enkel voor de hele woonmaatschappij", "Boek 6 BVCW (specifieke doelgroepen: hoogstens een derde van het patrimonium in de gemeente); Kempense visienota", K,
        "Ter informatie: de toets voor de hele woonmaatschappij telt de bestaande voorbehouden woningen mee; geef ze per gemeente ('bestaande voorbehouden woningen { GEMEENTE N … }') om ook de toets per gemeente volledig te maken.");
    R0282 => noted(Advice, "Geen regel voor een kandidaat met een sociaal verslag", "Kempense visienota (bijzondere omstandigheden van sociale aard: 'Deze toewijzingen kunnen enkel gebeuren via een gemotiveerd sociaal verslag goedgekeurd door de woonmaatschappij')", K,
        "Zeg in de versnelde toewijzing waar een kandidaat met een goedgekeurd sociaal verslag komt: 'sociaal verslag: vooraan' (voor de kandidaten met punten) of 'sociaal verslag: achteraan' (erna); de visienota zegt het niet, de toewijzingsraad beslist.");
    R0283 => plain(Error, "Bestaande voorbehouden woningen onduidelijk", "Schrijf de bestaande voorbehouden woningen één keer, met elke gemeente van het werkingsgebied hoogstens één keer.");
    R0284 => plain(Warning, "Sociaal verslag zonder situatie zonder punten", "Schrap 'sociaal verslag: …', of geef in het wegingskader de situatie die enkel met een sociaal verslag toegelaten wordt 'geen punten'.");
    // ---- de lezing van de voorbehouden woningen (issue 15, src/checks/quotum.rs)
    R0285 => noted(Advice, "Lezing van de voorbehouden woningen niet vermeld", "Boek 6 BVCW (specifieke doelgroepen: hoogstens een derde van het patrimonium in de gemeente, een aantal woningen); Kempense visienota ('150 bijkomende woningen', 'niet-gelabelde woningen')", K,
        "Zeg hoe de aantallen van 'voorbehouden woningen' gelezen worden: 'quotum: voorraad' (zoveel woningen blijven voor de doelgroep; een plaats komt vrij wanneer een van die woningen vrijkomt, zodat een jaar er maar enkele toewijst) of 'quotum: toewijzingen per jaar' (zoveel toewijzingen per kalenderjaar, die elke geschikte woning kan invullen, zodat pijler 3 elk jaar het volle aantal krijgt). Zegt de bron het niet, schrijf dan de lezing van de toewijzingsraad met 'lezing \"…\" als \"…\" motivering \"…\"'. Zonder vermelding leest de simulatie ze als toewijzingen per jaar, en zegt het.");
    R0286 => plain(Error, "Lezing van de voorbehouden woningen twee keer vermeld", "Schrijf 'quotum: …' één keer in de sectie van de specifieke doelgroepen.");
    // ---- het doelgroepenplan van een lokale doelgroep (issue 20, src/checks/doelgroepenplan.rs)
    R0290 => noted(Warning, "Doelgroepenplan onvolledig", "art. 6.22 §3 BVCW (doelgroepenplan en ministeriële toetsing); de inhoud volgt de Kempense visienota", I,
        "Vul het doelgroepenplan aan: de behoefte ('behoefte \"…\"'), cijfers met hun bron ('cijfer N \"wat\" bron \"…\"'), een motivering, de voorwaarden, de voorbehouden woningen per gemeente, de verwijzers, de begeleiding, wat er zonder kandidaat gebeurt en een evaluatie van pijler 3; 'reglement publiceer --document doelgroepenplan' maakt er het document van.");
    R0291 => noted(Warning, "Doelgroepenplan bij een doelgroep die niet naar de minister gaat", "art. 6.22 §3 BVCW", I,
        "Een doelgroepenplan hoort bij een 'lokale doelgroep met doelgroepenplan en ministeriële toetsing'; markeer de doelgroep zo, of schrap het doelgroepenplan bij een wettelijke doelgroep.");
}

/// `template` with each `{name}` of `values` replaced by its value.
pub fn fill(template: &str, values: &[(&str, String)]) -> String {
    if !template.contains('{') {
        return template.to_string();
    }
    let mut out = template.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
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
    use super::{Code, CODES};

    #[test]
    fn each_code_has_one_entry_and_names_itself() {
        let mut seen = std::collections::BTreeSet::new();
        for code in Code::all() {
            assert!(seen.insert(code.as_str()), "{code} twice in the catalogue");
            assert_eq!(Code::parse(code.as_str()), Some(code));
            assert_eq!(code.info().code, code.as_str());
        }
        assert_eq!(Code::R0102.as_str(), "R0102");
        assert_eq!(Code::parse("r0102"), Some(Code::R0102));
        assert_eq!(Code::parse(&format!("R{}", 9999)), None);
        assert!(Code::R0102 < Code::R0350 && Code::R0350 > Code::R0291);
    }
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

    /// The codes still written as text (a test's expectation, a list of
    /// codes a document groups) must name entries of the catalogue too.
    #[test]
    fn every_code_the_sources_name_is_in_the_catalogue() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut found = Vec::new();
        for dir in ["src", "lsp/src", "web/src"] {
            literals(&root.join(dir), &mut found);
        }
        assert!(
            found.len() > 5,
            "the scan finds the codes ({})",
            found.len()
        );
        let unknown: Vec<String> = found
            .iter()
            .filter(|(code, _)| !CODES.iter().any(|c| c.code == code))
            .map(|(code, at)| format!("{code} at {at}"))
            .collect();
        assert!(unknown.is_empty(), "codes not in CODES: {unknown:#?}");
    }
}
