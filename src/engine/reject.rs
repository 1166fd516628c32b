//! Rejected records (`geweigerd`): input the engine cannot rank, with where
//! it is (file, line, column or field) and what was expected there, and the
//! file-level errors that stop a reading altogether.

use serde::Serialize;
use std::fmt;

/// Where a record came from (its plaats: line, JSON element or position).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// Line in a CSV file (1-based; the header is line 1).
    Regel(u32),
    /// A JSON file: the line where the object starts and its position in the array (1-based).
    Json { regel: u32, kandidaat: u32 },
    /// Position in a list given in memory (1-based).
    Kandidaat(u32),
}

impl Origin {
    /// The line for the CSV/JSON forms, for sorting and display.
    pub fn regel(self) -> Option<u32> {
        match self {
            Origin::Regel(r) | Origin::Json { regel: r, .. } => Some(r),
            Origin::Kandidaat(_) => None,
        }
    }

    /// A number that orders records as they appear in their source.
    pub(crate) fn order(self) -> u32 {
        match self {
            Origin::Regel(r) | Origin::Json { regel: r, .. } | Origin::Kandidaat(r) => r,
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Regel(r) => write!(f, "regel {r}"),
            Origin::Json { regel, kandidaat } => write!(f, "regel {regel} (kandidaat {kandidaat})"),
            Origin::Kandidaat(k) => write!(f, "kandidaat {k}"),
        }
    }
}

/// What is wrong with a rejected record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "soort", rename_all = "kebab-case")]
pub enum Fout {
    /// A CSV row with another number of fields than the header.
    AantalVelden { gevonden: usize, verwacht: usize },
    /// A JSON array element that is not an object.
    GeenObject,
    /// Bytes that are not UTF-8 text.
    GeenUtf8,
    /// A required field that is empty or absent.
    Ontbreekt,
    /// A value that does not have the field's form.
    Ongeldig { waarde: String, verwacht: String },
    /// A JSON value of the wrong type (e.g. an object where a number belongs).
    VerkeerdType { verwacht: String },
    /// A code the reglement does not declare for this field.
    OnbekendeCode {
        code: String,
        bekend: Vec<String>,
        suggestie: Option<String>,
    },
    /// A `voorkeur` or `mantelzorg` name that is no gemeente: neither of
    /// the werkingsgebied nor of Flanders, now or before a merger.
    OnbekendeGemeente {
        gemeente: String,
        /// The closest gemeente name, if one is close.
        suggestie: Option<String>,
    },
    /// An internal limit was exceeded (should not happen; the record is kept
    /// visible rather than lost).
    Intern,
    /// The same dossier on more than one record: none of them is ranked,
    /// since the engine cannot know which one is right.
    DubbelDossier { andere: Vec<Origin> },
    /// A CSV line whose quotes are wrong (see [`super::lines`]); the
    /// field is in the rejection's `kolom`.
    Aanhalingsteken { probleem: Aanhaling },
    /// A JSON object that names a field twice (serde would keep the last).
    DubbelVeld { veld: String },
    /// A control character (U+0000–U+001F, U+007F–U+009F) in a value:
    /// never written into a ranking or a message.
    Stuurteken { positie: usize, teken: u32 },
    /// A value longer than the format allows (bytes).
    TeLang { lengte: usize, max: usize },
    /// A list with more items than the format allows.
    TeVeel { aantal: usize, max: usize },
}

/// What is wrong with the quotes of a CSV line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "probleem", rename_all = "kebab-case")]
pub enum Aanhaling {
    /// A quote opens a value that the line does not close; a reader that
    /// lets quotes run over line ends would take the next `volgende` lines
    /// into it (to the end of the file if `tot_einde`).
    NietGesloten { volgende: u32, tot_einde: bool },
    /// Text after the closing quote.
    TekstNaSluiten,
    /// A quote inside an unquoted value.
    MiddenInVeld,
}

impl Aanhaling {
    pub fn from_problem(p: super::lines::QuoteProblem, swallowed: (u32, bool)) -> Aanhaling {
        use super::lines::QuoteProblem;
        match p {
            QuoteProblem::NotClosed => Aanhaling::NietGesloten {
                volgende: swallowed.0,
                tot_einde: swallowed.1,
            },
            QuoteProblem::TextAfterClose => Aanhaling::TekstNaSluiten,
            QuoteProblem::InField => Aanhaling::MiddenInVeld,
        }
    }

    fn problem(self) -> (super::lines::QuoteProblem, (u32, bool)) {
        use super::lines::QuoteProblem;
        match self {
            Aanhaling::NietGesloten {
                volgende,
                tot_einde,
            } => (QuoteProblem::NotClosed, (volgende, tot_einde)),
            Aanhaling::TekstNaSluiten => (QuoteProblem::TextAfterClose, (0, false)),
            Aanhaling::MiddenInVeld => (QuoteProblem::InField, (0, false)),
        }
    }
}

/// The longest part of a value a message repeats, in characters.
const SHOWN_CHARS: usize = 60;

/// A value from a file as a message may repeat it: control characters
/// written as `U+0000`, and at most [`SHOWN_CHARS`] characters, the length
/// said when there are more. A message never carries a file's raw bytes.
pub fn shown(value: &str) -> String {
    let mut out = String::new();
    for (n, c) in value.chars().enumerate() {
        if n == SHOWN_CHARS {
            out.push_str(&format!(
                "… ({} tekens)",
                crate::nl::thousands(value.chars().count() as u64)
            ));
            return out;
        }
        if c.is_control() {
            out.push_str(&format!("U+{:04X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// A rejected record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rejection {
    pub plaats: Origin,
    /// The dossier, when it could be read.
    pub dossier: Option<String>,
    /// The field at fault (its column name), if one.
    pub veld: Option<&'static str>,
    /// The CSV column number (1-based) of that field.
    pub kolom: Option<u32>,
    pub fout: Fout,
}

fn list(items: &[String], max: usize) -> String {
    let shown: Vec<String> = items.iter().take(max).map(|s| format!("'{s}'")).collect();
    let mut s = shown.join(", ");
    if items.len() > max {
        s.push_str(&format!(" en {} andere", items.len() - max));
    }
    s
}

/// A CSV row with another number of fields than the header has columns.
pub fn field_count(found: usize, expected: usize) -> String {
    format!(
        "de rij heeft {found} {}, de kop {expected}; verwacht evenveel velden als kolommen (een komma in een waarde moet tussen aanhalingstekens)",
        if found == 1 { "veld" } else { "velden" }
    )
}

impl Rejection {
    /// The error without its place: what a `reden` column shows.
    pub fn message(&self) -> String {
        let veld = self.veld.unwrap_or("");
        match &self.fout {
            Fout::AantalVelden { gevonden, verwacht } => field_count(*gevonden, *verwacht),
            Fout::GeenObject => {
                "verwacht een object {\"dossier\": ..., ...} per kandidaat".to_string()
            }
            Fout::GeenUtf8 => format!(
                "'{veld}' bevat tekens die geen UTF-8 zijn; sla het bestand op als UTF-8"
            ),
            Fout::Ontbreekt => format!("'{veld}' is verplicht maar ontbreekt"),
            Fout::Ongeldig { waarde, verwacht } => {
                format!("'{veld}' is '{}'; verwacht {verwacht}", shown(waarde))
            }
            Fout::VerkeerdType { verwacht } => format!("'{veld}' heeft een verkeerd type; verwacht {verwacht}"),
            Fout::OnbekendeCode {
                code,
                bekend,
                suggestie,
            } => {
                let mut m = format!(
                    "'{veld}' heeft de code '{}', die het reglement niet kent",
                    shown(code)
                );
                if let Some(s) = suggestie {
                    m.push_str(&format!("; bedoelt u '{s}'?"));
                }
                if !bekend.is_empty() {
                    m.push_str(&format!("; het reglement kent {}", list(bekend, 12)));
                }
                m
            }
            Fout::OnbekendeGemeente { gemeente, suggestie } => {
                let mut m = format!(
                    "'{veld}' noemt '{}', dat geen Vlaamse gemeente is (ook geen voormalige)",
                    shown(gemeente)
                );
                match suggestie {
                    Some(s) => m.push_str(&format!("; bedoelt u '{s}'?")),
                    None => m.push_str("; verwacht de naam van een Vlaamse gemeente, gescheiden door ';'"),
                }
                m
            }
            Fout::Intern => "interne fout: de rij past niet in de geheugenruimte die ervoor berekend was; meld dit aan de ontwikkelaars".to_string(),
            Fout::DubbelDossier { andere } => {
                let places: Vec<String> = andere.iter().map(|p| p.to_string()).collect();
                format!(
                    "dossier '{}' komt meer dan eens voor (ook op {}); geen van die rijen wordt gerangschikt: een dossier is uniek",
                    shown(self.dossier.as_deref().unwrap_or("")),
                    places.join(", ")
                )
            }
            Fout::Aanhalingsteken { probleem } => {
                let (p, swallowed) = probleem.problem();
                let kolom = self.kolom.unwrap_or(0) as usize;
                super::lines::quote_message(p, kolom, self.plaats.order(), swallowed)
            }
            Fout::DubbelVeld { veld } => format!(
                "het veld '{}' staat meer dan eens in dit object; welke waarde geldt, is niet te weten: schrijf elk veld één keer",
                shown(veld)
            ),
            Fout::Stuurteken { positie, teken } => format!(
                "'{veld}' bevat een stuurteken, {}, op positie {positie}; een waarde bevat enkel gewone tekens (een regeleinde of tab midden in een waarde is een fout in de export)",
                super::fields::control_name(*teken)
            ),
            Fout::TeLang { lengte, max } => format!(
                "'{veld}' heeft een waarde van {} bytes; hoogstens {} bytes per waarde",
                crate::nl::thousands(*lengte as u64),
                crate::nl::thousands(*max as u64)
            ),
            Fout::TeVeel { aantal, max } => format!(
                "'{veld}' somt {} waarden op; hoogstens {}",
                crate::nl::thousands(*aantal as u64),
                crate::nl::thousands(*max as u64)
            ),
        }
    }

    /// The full message with its place: "kandidaten.csv, regel 17, kolom 6
    /// (inkomen): ...".
    pub fn render(&self, bestand: &str) -> String {
        let mut s = format!("{bestand}, {}", self.plaats);
        match (self.kolom, self.veld) {
            (Some(k), Some(v)) => s.push_str(&format!(", kolom {k} ({v})")),
            (Some(k), None) => s.push_str(&format!(", kolom {k}")),
            (None, Some(v)) => s.push_str(&format!(", veld '{v}'")),
            (None, None) => {}
        }
        if let Some(d) = &self.dossier {
            s.push_str(&format!(", dossier {}", shown(d)));
        }
        s.push_str(": ");
        s.push_str(&self.message());
        s
    }
}

/// A candidates file that cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// The file is empty.
    Leeg,
    /// The file is UTF-16 (or has another byte-order mark than UTF-8).
    Utf16,
    /// The header misses required columns.
    OntbrekendeKolommen {
        kolommen: Vec<&'static str>,
        gevonden: Vec<String>,
    },
    /// The header names a column twice.
    DubbeleKolom { kolom: String },
    /// Not valid JSON, or not an array of objects.
    Json {
        regel: usize,
        kolom: usize,
        fout: String,
    },
    /// CSV that the CSV reader cannot make sense of.
    Csv { fout: String },
    /// Larger than the engine reads in one go (4 GB).
    TeGroot { bytes: usize },
    /// The header line's quotes are wrong.
    Kop { regel: u32, fout: String },
}

impl ReadError {
    pub fn render(&self, bestand: &str) -> String {
        match self {
            ReadError::Leeg => format!(
                "{bestand} is leeg; verwacht een kop met kolomnamen en een rij per kandidaat"
            ),
            ReadError::Utf16 => {
                format!("{bestand} is in UTF-16 opgeslagen; sla het op als UTF-8 (CSV UTF-8)")
            }
            ReadError::OntbrekendeKolommen { kolommen, gevonden } => {
                let missing: Vec<String> = kolommen.iter().map(|k| format!("'{k}'")).collect();
                let found: Vec<String> =
                    gevonden.iter().take(20).map(|k| format!("'{k}'")).collect();
                format!(
                    "{bestand}, regel 1: de kop mist de verplichte {} {}; gevonden: {}. Is dit een kandidatenbestand met een kop, gescheiden door komma's?",
                    if kolommen.len() == 1 { "kolom" } else { "kolommen" },
                    missing.join(", "),
                    if found.is_empty() { "niets".to_string() } else { found.join(", ") }
                )
            }
            ReadError::DubbeleKolom { kolom } => {
                format!("{bestand}, regel 1: de kolom '{kolom}' staat twee keer in de kop")
            }
            ReadError::Json { regel, kolom, fout } => {
                format!("{bestand}, regel {regel}, kolom {kolom}: geen geldige JSON: {fout}")
            }
            ReadError::Csv { fout } => format!("{bestand}: geen geldig CSV-bestand: {fout}"),
            ReadError::Kop { regel, fout } => {
                format!("{bestand}, regel {regel} (de kop): {fout}")
            }
            ReadError::TeGroot { bytes } => format!(
                "{bestand} is {} MB groot; de engine leest bestanden tot 4.096 MB: splits het bestand",
                bytes / 1_000_000
            ),
        }
    }
}
