//! The front door of the library: text in, model and diagnostics out.
//!
//! `analyze` parses the reglement, loads and parses the regional file it
//! uses and the other documents of its woonmaatschappij it names
//! (`gebruikt intern huurreglement "…"`), through a [`Loader`] (so that the
//! language server can supply unsaved texts), builds the [`Model`] and runs
//! every check.

use crate::checks;
use crate::diagnostic::Code;
use crate::diagnostic::{self, Diagnostic};
use crate::format::lexer::{self, Kind};
use crate::model::{FileAst, Model};
use crate::source::{FileId, SourceFile, Sources};
use crate::span::{Span, Spanned};
use crate::syntax;
use crate::syntax::ast::{DocumentKind, Text};
use crate::syntax::split::SECTION_STARTERS;
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

/// How a reglement is analysed: with the documents it links, and with
/// documents given alongside it.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Check the reglement alone: do not load the documents its header
    /// names with `gebruikt intern huurreglement "…"`.
    pub alone: bool,
    /// Other documents of the same woonmaatschappij, given with it (the
    /// command line's `controleer a.reglement b.reglement`): name, text and
    /// the document each stands for.
    pub with: Vec<(String, String, DocumentKind)>,
}

/// Analyse a reglement given as text, with the regional file and the
/// documents of its woonmaatschappij that it names.
pub fn analyze(name: &str, text: &str, loader: &dyn Loader) -> Analysis {
    analyze_with(name, text, loader, &Options::default())
}

/// Analyse a reglement given as text, as `options` say.
pub fn analyze_with(name: &str, text: &str, loader: &dyn Loader, options: &Options) -> Analysis {
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
    let header = |ast: &syntax::ast::Ast| {
        ast.sections.iter().find_map(|s| match &s.body {
            syntax::ast::SectionBody::Reglement(id) => Some(id.clone()),
            _ => None,
        })
    };
    let main_header = header(&files[0].ast);
    explain_indented_sections(text, main, &mut diagnostics);
    // also when the identity section has a syntax error elsewhere: every name
    // from the regional file would otherwise lose its hover, definition and checks
    let regio_ref = regio_reference(&files[0], text);
    let mut regio = None;
    if let Some(r) = regio_ref {
        regio = load_regio(
            name,
            main,
            &r,
            loader,
            &mut sources,
            &mut files,
            &mut diagnostics,
        );
    }

    // the other documents of the woonmaatschappij: named in the header, or given alongside
    let mut linked: Vec<(DocumentKind, FileId)> = Vec::new();
    // (the document, its name and text or why it could not be read, where the header names it)
    type Wanted = (DocumentKind, Result<(String, String), String>, Option<Text>);
    let mut wanted: Vec<Wanted> = Vec::new();
    if !options.alone {
        for u in main_header.iter().flat_map(|id| &id.uses) {
            wanted.push((
                u.kind.value,
                loader.load(name, &u.file.value),
                Some(u.file.clone()),
            ));
        }
    }
    for (n, t, kind) in &options.with {
        wanted.push((*kind, Ok((n.clone(), t.clone())), None));
    }
    for (kind, loaded, named) in wanted {
        let (lname, ltext) = match loaded {
            Ok(x) => x,
            Err(message) => {
                if let Some(n) = &named {
                    diagnostics.push(
                        Diagnostic::new(
                            Code::R0222,
                            main,
                            n.span,
                            format!("Het {} is niet bruikbaar: {message}.", kind.label()),
                        )
                        .label("dit bestand")
                        .help(format!(
                            "Zet het {} naast dit bestand, of verbeter de naam. Om dit document alleen te controleren: 'reglement controleer --alleen'.",
                            kind.label()
                        )),
                    );
                }
                continue;
            }
        };
        if sources.files.iter().any(|f| f.name == lname) {
            continue;
        }
        let id = sources.add(SourceFile::new(lname.clone(), ltext));
        let parsed = syntax::parse(id, &sources.get(id).text);
        diagnostics.extend(parsed.diagnostics);
        let lheader = header(&parsed.ast);
        files.push(FileAst {
            file: id,
            ast: parsed.ast,
            broken: parsed.broken,
        });
        sources.linked.push(id);
        linked.push((kind, id));
        // a linked document may bring the regional file the reglement lacks
        if let (None, Some(r)) = (
            regio,
            lheader.as_ref().and_then(|h| h.regio.first().cloned()),
        ) {
            regio = load_regio(
                &lname,
                id,
                &r,
                loader,
                &mut sources,
                &mut files,
                &mut diagnostics,
            );
        }
    }

    let model = Model::build_with(files, main, regio, linked);
    diagnostics.extend(checks::run(&model, &sources));
    diagnostic::sort(&mut diagnostics);
    diagnostics.dedup();
    Analysis {
        sources,
        model,
        diagnostics,
    }
}

/// Load and parse the regional file `r` named by the file `from`.
fn load_regio(
    from_name: &str,
    from: FileId,
    r: &Text,
    loader: &dyn Loader,
    sources: &mut Sources,
    files: &mut Vec<FileAst>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<FileId> {
    match loader.load(from_name, &r.value) {
        Ok((rname, rtext)) => {
            let id = sources.add(SourceFile::new(rname, rtext));
            let parsed = syntax::parse(id, &sources.get(id).text);
            let mut regio_diagnostics = parsed.diagnostics;
            explain_indented_sections(&sources.get(id).text, id, &mut regio_diagnostics);
            diagnostics.extend(regio_diagnostics);
            files.push(FileAst {
                file: id,
                ast: parsed.ast,
                broken: parsed.broken,
            });
            Some(id)
        }
        Err(message) => {
            diagnostics.push(
                Diagnostic::new(
                    Code::R0213,
                    from,
                    r.span,
                    format!("Het regionale bestand is niet bruikbaar: {message}."),
                )
                .label("dit bestand"),
            );
            None
        }
    }
}

/// The regional file a reglement uses: `gebruikt regio "…"` of its identity
/// section, read from the tokens when that section did not parse.
pub fn regio_reference(main: &FileAst, text: &str) -> Option<Text> {
    let parsed = main.ast.sections.iter().find_map(|s| match &s.body {
        syntax::ast::SectionBody::Reglement(id) => id.regio.first().cloned(),
        _ => None,
    });
    parsed.or_else(|| {
        main.broken.iter().find_map(|chunk| {
            let slice = text.get(chunk.start..chunk.end)?;
            let tokens = lexer::tokens(slice);
            let word = |t: &lexer::Token| slice[t.start..t.end].to_lowercase();
            let first = tokens.iter().find(|t| t.kind != Kind::Comment)?;
            if word(first) != "reglement" {
                return None;
            }
            tokens.windows(3).find_map(|w| {
                let quoted = &slice[w[2].start..w[2].end];
                (word(&w[0]) == "gebruikt"
                    && word(&w[1]) == "regio"
                    && w[2].kind == Kind::Str
                    && quoted.len() >= 2
                    && quoted.ends_with('"'))
                .then(|| {
                    Spanned::new(
                        quoted[1..quoted.len() - 1].to_string(),
                        Span::new(chunk.start + w[2].start, chunk.start + w[2].end),
                    )
                })
            })
        })
    })
}

/// A section keyword that does not start its line is read as a statement
/// of the section before it; the parser then reports "the end of the
/// section" as expected. Say what is wrong instead.
fn explain_indented_sections(text: &str, file: FileId, diagnostics: &mut [Diagnostic]) {
    for d in diagnostics
        .iter_mut()
        .filter(|d| d.code == Code::R0001 && d.file() == file)
    {
        let start = d.primary.span.start.min(text.len());
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let indent = &text[line_start..start];
        let rest = &text[start..line_end];
        let word: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '-')
            .collect();
        let opens = rest.split('#').next().unwrap_or("").contains('{');
        if indent.is_empty()
            || !indent.chars().all(lexer::is_space)
            || !opens
            || !SECTION_STARTERS.contains(&word.to_lowercase().as_str())
        {
            continue;
        }
        d.message = format!(
            "Een sectie begint aan het begin van de regel: '{word}' staat hier ingesprongen, en wordt daardoor gelezen als een zin van de sectie erboven."
        );
        d.help = format!("Zet '{word}' helemaal links op de regel, zonder spaties of tabs ervoor.");
        d.primary.message = "sectie ingesprongen".to_string();
    }
}

/// What a file says about itself before it is analysed: the woonmaatschappij
/// its header names, the documents it holds (as its header and sections
/// name them), and whether it names other documents (`gebruikt intern
/// huurreglement "…"`). For the command line, which groups the files it is
/// given into the documents of one woonmaatschappij.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    pub woonmaatschappij: Option<String>,
    pub documents: std::collections::BTreeSet<DocumentKind>,
    pub uses: Vec<(DocumentKind, String)>,
    /// `gebruikt regio "…"`: the regional file it uses, as written.
    pub regio: Option<String>,
    /// The file has a `regio` section: it is a regional frame.
    pub is_regio: bool,
}

/// The [`Outline`] of a text.
pub fn outline(text: &str) -> Outline {
    let parsed = syntax::parse(0, text);
    let mut out = Outline::default();
    let mut declared = None;
    for s in &parsed.ast.sections {
        if let syntax::ast::SectionBody::Reglement(id) = &s.body {
            out.woonmaatschappij = id.woonmaatschappij.first().map(|w| w.value.clone());
            out.uses = id
                .uses
                .iter()
                .map(|u| (u.kind.value, u.file.value.clone()))
                .collect();
            declared = s.documents.first().map(|d| d.value);
            out.regio = id.regio.first().map(|r| r.value.clone());
        }
        out.is_regio |= matches!(s.body, syntax::ast::SectionBody::Regio(_));
        out.documents.extend(s.documents.iter().map(|d| d.value));
    }
    out.documents.extend(declared);
    out
}

/// Analyse a reglement file on disk. A file that is missing, unreadable,
/// not a regular file, too large or not UTF-8 is a [`crate::files::FileError`].
pub fn analyze_file(path: &Path) -> Result<Analysis, crate::files::FileError> {
    analyze_file_with(path, &Options::default())
}

/// Analyse a reglement file on disk as `options` say.
pub fn analyze_file_with(
    path: &Path,
    options: &Options,
) -> Result<Analysis, crate::files::FileError> {
    let text = crate::files::read_text(path, crate::files::MAX_TEKST)?;
    Ok(analyze_with(
        &path.to_string_lossy(),
        &text,
        &FsLoader,
        options,
    ))
}
