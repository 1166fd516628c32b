//! `reglement publiceer`: each legal document of a reglement as printable
//! HTML and as Markdown.

use super::output::{analyze_path, count, write_out};
use super::{CmdResult, ExitCode, Failure};
use crate::diagnostic::Code;

use crate::publish::{self, Format};
use crate::syntax::ast::DocumentKind;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DocumentArg {
    /// Door de toewijzingsraad, voorgelegd aan elke gemeenteraad.
    Toewijzingsreglement,
    /// Door de raad van bestuur van de woonmaatschappij.
    InternHuurreglement,
    /// Hoe de toewijzingsraad pijler 2 en 3 uitvoert.
    HuishoudelijkReglement,
    /// Het doelgroepenplan van elke lokale doelgroep met ministeriële toetsing (art. 6.22 §3 BVCW).
    Doelgroepenplan,
}

impl DocumentArg {
    /// The legal document, or none for the doelgroepenplan (an annex built apart).
    fn kind(self) -> Option<DocumentKind> {
        match self {
            DocumentArg::Toewijzingsreglement => Some(DocumentKind::Toewijzingsreglement),
            DocumentArg::InternHuurreglement => Some(DocumentKind::InternHuurreglement),
            DocumentArg::HuishoudelijkReglement => Some(DocumentKind::HuishoudelijkReglement),
            DocumentArg::Doelgroepenplan => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormaatArg {
    /// Een afdrukbare HTML-pagina (A4).
    Html,
    /// Markdown.
    Markdown,
}

impl From<FormaatArg> for Format {
    fn from(f: FormaatArg) -> Self {
        match f {
            FormaatArg::Html => Format::Html,
            FormaatArg::Markdown => Format::Markdown,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Het reglement (.reglement) om te publiceren; met --regio: de leden
    /// (standaard elk reglement in de map van het kader dat het gebruikt).
    #[arg(
        value_name = "BESTAND",
        required_unless_present = "regio",
        help_heading = "Argumenten"
    )]
    bestanden: Vec<PathBuf>,
    /// Publiceer het regionale document: het kader (een bestand, of een map
    /// met één regionaal bestand) met een tabel van de keuzes en afwijkingen
    /// van elk lid, voor de regionale werkgroep en de gemeenteraden. Met -o
    /// is de uitvoer een bestand (.html of .md) of een map.
    #[arg(long, value_name = "KADER", conflicts_with = "document")]
    regio: Option<PathBuf>,
    /// Enkel dit document (standaard: elk document waarvoor het reglement bepalingen bevat).
    #[arg(long, value_enum)]
    document: Option<DocumentArg>,
    /// Uitvoerformaat (standaard: beide met --uitvoer, markdown zonder).
    #[arg(long, value_enum)]
    formaat: Option<FormaatArg>,
    /// Schrijf de documenten in deze map (BESTANDSNAAM-DOCUMENT.html/.md)
    /// in plaats van naar de standaarduitvoer; met --regio een bestand
    /// (.html of .md) of een map (KADER-regio.html/.md).
    #[arg(short = 'o', long, value_name = "MAP")]
    uitvoer: Option<PathBuf>,
}

pub fn run(args: Args) -> CmdResult {
    if let Some(frame) = &args.regio {
        return run_regio(frame, &args);
    }
    let [bestand] = args.bestanden.as_slice() else {
        return Err(Failure::usage(
            "geef één reglement om te publiceren (of --regio KADER met zijn leden)".to_string(),
        ));
    };
    let analysis = analyze_path(bestand)?;
    if analysis.has_errors() {
        let errors = super::output::print_errors(&analysis);
        return Err(Failure {
            message: format!(
                "{} heeft {} en wordt niet gepubliceerd: een gemeenteraad stemt niet over een reglement met fouten.",
                bestand.display(),
                count(errors, "fout", "fouten")
            ),
            code: ExitCode::Problems,
        });
    }
    for s in publish::unplaced(&analysis.model) {
        eprintln!(
            "waarschuwing: de sectie '{}' zegt niet tot welk document ze behoort en staat in geen enkel document.",
            s.title
                .as_ref()
                .map(|t| t.value.as_str())
                .unwrap_or(s.body.kind().keyword())
        );
    }
    let plan = args.document == Some(DocumentArg::Doelgroepenplan);
    let documents = match args.document.map(|d| (d, d.kind())) {
        Some((_, Some(kind))) => {
            let doc = publish::build(&analysis, kind);
            if doc.articles.is_empty() {
                eprintln!(
                    "waarschuwing: {} bevat geen bepalingen voor het {}.",
                    bestand.display(),
                    kind.label()
                );
            }
            vec![doc]
        }
        Some((_, None)) => {
            // the plan of every local group with ministerial review, with
            // what the reglement does not state for it (R0290, R0291) on stderr
            if publish::doelgroepenplan::groups(&analysis.model).is_empty() {
                return Err(Failure::usage(format!(
                    "{} heeft geen lokale doelgroep met doelgroepenplan en ministeriële toetsing: er is geen doelgroepenplan te publiceren.",
                    bestand.display()
                )));
            }
            for d in analysis
                .diagnostics
                .iter()
                .filter(|d| matches!(d.code, Code::R0290 | Code::R0291))
            {
                eprintln!("waarschuwing[{}]: {}", d.code, d.message);
            }
            vec![publish::doelgroepenplan::build(&analysis)]
        }
        None => publish::documents(&analysis),
    };
    match &args.uitvoer {
        None => {
            let [doc] = documents.as_slice() else {
                return Err(Failure::usage(format!(
                    "{} bevat {} documenten; kies er één met --document, of schrijf ze allemaal met --uitvoer MAP.",
                    bestand.display(),
                    documents.len()
                )));
            };
            let format = args.formaat.map_or(Format::Markdown, Format::from);
            write_out(None, &publish::render(doc, format))?;
        }
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| {
                Failure::usage(format!("{} kan niet gemaakt worden: {e}", dir.display()))
            })?;
            let formats: Vec<Format> = match args.formaat {
                Some(f) => vec![f.into()],
                None => vec![Format::Html, Format::Markdown],
            };
            let stem = file_stem(bestand);
            for doc in &documents {
                for &format in &formats {
                    let slug = if plan {
                        "doelgroepenplan".to_string()
                    } else {
                        publish::slug(doc.kind)
                    };
                    let path = dir.join(format!("{stem}-{slug}.{}", format.extension()));
                    write_out(Some(&path), &publish::render(doc, format))?;
                    println!("geschreven: {}", path.display());
                }
            }
        }
    }
    Ok(ExitCode::Ok)
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "reglement".to_string())
}

// ------------------------------------------------- publiceer --regio (the regional document)

/// `publiceer --regio KADER [LEDEN…]`: the regional document. The members
/// are found as `controleer --regio` finds them; a member with errors is
/// still in the document (its findings are what the working group reads).
fn run_regio(frame: &Path, args: &Args) -> CmdResult {
    let frame = super::check::frame_file(frame)?;
    let members = super::check::frame_members(&frame, &args.bestanden)?;
    let frame_analysis = crate::analyze_file(&frame)
        .map_err(|e| Failure::usage(format!("{} {e}", frame.display())))?;
    let mut analyses = Vec::new();
    for p in &members {
        analyses.push(
            crate::analyze_file(p).map_err(|e| Failure::usage(format!("{} {e}", p.display())))?,
        );
    }
    let refs: Vec<&crate::Analysis> = analyses.iter().collect();
    let Some(doc) = publish::regio::build(&frame_analysis, &refs) else {
        return Err(Failure::usage(format!(
            "{}: geen regionaal bestand (een bestand met een sectie 'regio')",
            frame.display()
        )));
    };
    let by_extension = |p: &Path| match p.extension().and_then(|e| e.to_str()) {
        Some("html") | Some("htm") => Some(Format::Html),
        Some("md") => Some(Format::Markdown),
        _ => None,
    };
    match &args.uitvoer {
        None => {
            let format = args.formaat.map_or(Format::Markdown, Format::from);
            write_out(None, &publish::regio::render(&doc, format))?;
        }
        Some(file) if by_extension(file).is_some() => {
            let format = args
                .formaat
                .map(Format::from)
                .or(by_extension(file))
                .unwrap_or(Format::Html);
            if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| {
                    Failure::usage(format!("{} kan niet gemaakt worden: {e}", dir.display()))
                })?;
            }
            write_out(Some(file), &publish::regio::render(&doc, format))?;
            println!("geschreven: {}", file.display());
        }
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| {
                Failure::usage(format!("{} kan niet gemaakt worden: {e}", dir.display()))
            })?;
            let formats: Vec<Format> = match args.formaat {
                Some(f) => vec![f.into()],
                None => vec![Format::Html, Format::Markdown],
            };
            for format in formats {
                let path = dir.join(format!(
                    "{}-regio.{}",
                    file_stem(&frame),
                    format.extension()
                ));
                write_out(Some(&path), &publish::regio::render(&doc, format))?;
                println!("geschreven: {}", path.display());
            }
        }
    }
    Ok(ExitCode::Ok)
}
