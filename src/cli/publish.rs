//! `reglement publiceer`: each legal document of a reglement as printable
//! HTML and as Markdown.

use super::output::{analyze_path, count, write_out};
use super::{CmdResult, ExitCode, Failure};

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
}

impl From<DocumentArg> for DocumentKind {
    fn from(d: DocumentArg) -> Self {
        match d {
            DocumentArg::Toewijzingsreglement => DocumentKind::Toewijzingsreglement,
            DocumentArg::InternHuurreglement => DocumentKind::InternHuurreglement,
            DocumentArg::HuishoudelijkReglement => DocumentKind::HuishoudelijkReglement,
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
    /// Het reglement (.reglement) om te publiceren.
    #[arg(value_name = "BESTAND", help_heading = "Argumenten")]
    bestand: PathBuf,
    /// Enkel dit document (standaard: elk document waarvoor het reglement bepalingen bevat).
    #[arg(long, value_enum)]
    document: Option<DocumentArg>,
    /// Uitvoerformaat (standaard: beide met --uitvoer, markdown zonder).
    #[arg(long, value_enum)]
    formaat: Option<FormaatArg>,
    /// Schrijf de documenten in deze map (BESTANDSNAAM-DOCUMENT.html/.md)
    /// in plaats van naar de standaarduitvoer.
    #[arg(short = 'o', long, value_name = "MAP")]
    uitvoer: Option<PathBuf>,
}

pub fn run(args: Args) -> CmdResult {
    let analysis = analyze_path(&args.bestand)?;
    if analysis.has_errors() {
        let errors = super::output::print_errors(&analysis);
        return Err(Failure {
            message: format!(
                "{} heeft {} en wordt niet gepubliceerd: een gemeenteraad stemt niet over een reglement met fouten.",
                args.bestand.display(),
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
    let documents = match args.document {
        Some(d) => {
            let doc = publish::build(&analysis, d.into());
            if doc.articles.is_empty() {
                eprintln!(
                    "waarschuwing: {} bevat geen bepalingen voor het {}.",
                    args.bestand.display(),
                    DocumentKind::from(d).label()
                );
            }
            vec![doc]
        }
        None => publish::documents(&analysis),
    };
    match &args.uitvoer {
        None => {
            let [doc] = documents.as_slice() else {
                return Err(Failure::usage(format!(
                    "{} bevat {} documenten; kies er één met --document, of schrijf ze allemaal met --uitvoer MAP.",
                    args.bestand.display(),
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
            let stem = file_stem(&args.bestand);
            for doc in &documents {
                for &format in &formats {
                    let path = dir.join(format!(
                        "{stem}-{}.{}",
                        publish::slug(doc.kind),
                        format.extension()
                    ));
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
