//! The front door of the library: text in, model and diagnostics out.
//!
//! `analyze` parses the reglement, loads and parses the regional file it
//! uses (through a [`Loader`], so that the language server can supply
//! unsaved texts), builds the [`Model`] and runs every check.

use crate::checks;
use crate::diagnostic::{self, Diagnostic};
use crate::model::{FileAst, Model};
use crate::source::{SourceFile, Sources};
use crate::syntax;
use std::path::{Path, PathBuf};

/// Reads the files a reglement refers to.
pub trait Loader {
    /// Load `relative` as referred to from the file named `from`.
    /// Returns the display name and the text, or a Dutch error message.
    fn load(&self, from: &str, relative: &str) -> Result<(String, String), String>;
}

/// Loads from the file system, relative to the referring file's folder.
pub struct FsLoader;

impl Loader for FsLoader {
    fn load(&self, from: &str, relative: &str) -> Result<(String, String), String> {
        let base = Path::new(from)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let path: PathBuf = base.join(relative);
        let name = path.to_string_lossy().into_owned();
        // a regular file of a reasonable size only: a FIFO or /dev/zero
        // named by `gebruikt regio` must not hang or exhaust the reader
        let text = crate::files::read_text(&path, crate::files::MAX_TEKST)
            .map_err(|e| format!("{name} {e}"))?;
        Ok((name, text))
    }
}

/// Loads from texts held in memory, by the name the reglement uses for them
/// (tests, benchmarks, and tools that already hold the texts).
#[derive(Debug, Clone, Default)]
pub struct MemoryLoader {
    pub files: std::collections::BTreeMap<String, String>,
}

impl MemoryLoader {
    pub fn with(mut self, name: impl Into<String>, text: impl Into<String>) -> Self {
        self.files.insert(name.into(), text.into());
        self
    }
}

impl Loader for MemoryLoader {
    fn load(&self, _from: &str, relative: &str) -> Result<(String, String), String> {
        self.files
            .get(relative)
            .map(|t| (relative.to_string(), t.clone()))
            .ok_or_else(|| format!("{relative} is niet beschikbaar"))
    }
}

/// Everything known about one reglement after analysis.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub sources: Sources,
    pub model: Model,
    /// Sorted: file, position, code.
    pub diagnostics: Vec<Diagnostic>,
}

impl Analysis {
    pub fn has_errors(&self) -> bool {
        diagnostic::has_errors(&self.diagnostics)
    }

    /// The errors (not the warnings or advice), for a tool that cannot go on.
    pub fn errors(&self) -> Vec<Diagnostic> {
        diagnostic::errors(&self.diagnostics).cloned().collect()
    }
}

/// Analyse a reglement given as text.
pub fn analyze(name: &str, text: &str, loader: &dyn Loader) -> Analysis {
    let mut sources = Sources::default();
    let main = sources.add(SourceFile::new(name, text));
    let parsed = syntax::parse(main, text);
    let mut diagnostics = parsed.diagnostics;
    let mut files = vec![FileAst {
        file: main,
        ast: parsed.ast,
        broken: parsed.broken,
    }];

    // the regional file, if the identity section names one
    let regio_ref = files[0].ast.sections.iter().find_map(|s| match &s.body {
        syntax::ast::SectionBody::Reglement(id) => id.regio.first().cloned(),
        _ => None,
    });
    let mut regio = None;
    if let Some(r) = regio_ref {
        match loader.load(name, &r.value) {
            Ok((rname, rtext)) => {
                let id = sources.add(SourceFile::new(rname, rtext));
                let parsed = syntax::parse(id, &sources.get(id).text);
                diagnostics.extend(parsed.diagnostics);
                files.push(FileAst {
                    file: id,
                    ast: parsed.ast,
                    broken: parsed.broken,
                });
                regio = Some(id);
            }
            Err(message) => diagnostics.push(
                Diagnostic::new(
                    "R0213",
                    main,
                    r.span,
                    format!("Het regionale bestand is niet bruikbaar: {message}."),
                )
                .label("dit bestand"),
            ),
        }
    }

    let model = Model::build(files, main, regio);
    diagnostics.extend(checks::run(&model, &sources));
    diagnostic::sort(&mut diagnostics);
    diagnostics.dedup();
    Analysis {
        sources,
        model,
        diagnostics,
    }
}

/// Analyse a reglement file on disk. A file that is missing, unreadable,
/// not a regular file, too large or not UTF-8 is a [`crate::files::FileError`].
pub fn analyze_file(path: &Path) -> Result<Analysis, crate::files::FileError> {
    let text = crate::files::read_text(path, crate::files::MAX_TEKST)?;
    Ok(analyze(&path.to_string_lossy(), &text, &FsLoader))
}
