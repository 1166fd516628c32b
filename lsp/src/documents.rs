//! The open documents: their text, version and generation, the analysis
//! cache, the loader that reads referred files from open buffers first,
//! and the text synchronisation (changes applied in version order, gaps
//! and edits that do not fit the text logged, never silently diverging).
//!
//! Concurrency: handlers run concurrently, so every text change is applied
//! synchronously, in version order, under the documents' lock before any
//! `.await`; analysis runs on a snapshot (text + generation) outside the
//! lock. A document's generation moves on with each of its changes and
//! with each change of a file it uses (its regional file, open or on disk),
//! so a reglement is analysed again when its regional file changes.

use crate::position::offset;
use reglement::analysis::{FsLoader, Loader};
use reglement::Analysis;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

/// One open document.
pub struct Doc {
    pub version: i32,
    /// Moves on with every change of this text or of a file it uses.
    pub generation: u64,
    pub text: String,
    /// The analysis of this generation, once computed.
    pub analysis: Option<(u64, Arc<Analysis>)>,
    /// The other files its last analysis read (the regional file); `None`
    /// before the first analysis.
    pub uses: Option<Vec<PathBuf>>,
}

impl Doc {
    pub fn new(version: i32, text: String) -> Doc {
        Doc {
            version,
            generation: 0,
            text,
            analysis: None,
            uses: None,
        }
    }
}

pub type Docs = Arc<Mutex<BTreeMap<String, Doc>>>;

pub fn lock(docs: &Docs) -> MutexGuard<'_, BTreeMap<String, Doc>> {
    // a panic in another handler must not take the server down with it
    docs.lock().unwrap_or_else(|e| e.into_inner())
}

/// What applying a change did, for the log: the server never drops or
/// bends a change without saying so.
#[derive(Debug, PartialEq, Eq)]
pub enum Applied {
    /// Applied; the new generation.
    InOrder(u64),
    /// Applied, but versions were skipped (allowed by the protocol, which
    /// only asks that versions increase): logged.
    AfterGap { generation: u64, expected: i32 },
    /// Applied, but an edit's range lay outside the text as the server has
    /// it: the server's text may differ from the editor's. Logged and shown,
    /// with a request to reopen the file.
    OutOfRange { generation: u64 },
    /// Not applied: a version not newer than the one the server has
    /// (a change delivered twice or out of order).
    Stale { have: i32 },
    /// Not applied: the document is not open.
    NotOpen,
}

/// Apply a change of `uri` (its version and edits) to the open documents.
pub fn apply_change(
    docs: &Docs,
    uri: &str,
    version: i32,
    changes: Vec<TextDocumentContentChangeEvent>,
) -> Applied {
    let mut docs = lock(docs);
    let Some(doc) = docs.get_mut(uri) else {
        return Applied::NotOpen;
    };
    if version <= doc.version {
        return Applied::Stale { have: doc.version };
    }
    let expected = doc.version + 1;
    let mut out_of_range = false;
    for change in changes {
        match change.range {
            Some(r) => {
                out_of_range |= !fits(&doc.text, r.start) || !fits(&doc.text, r.end);
                let start = offset(&doc.text, r.start);
                let end = offset(&doc.text, r.end).max(start);
                doc.text.replace_range(start..end, &change.text);
            }
            None => {
                // the whole text: whatever happened before, in sync again
                out_of_range = false;
                doc.text = change.text;
            }
        }
    }
    doc.version = version;
    doc.generation += 1;
    doc.analysis = None;
    let generation = doc.generation;
    if out_of_range {
        Applied::OutOfRange { generation }
    } else if version != expected {
        Applied::AfterGap {
            generation,
            expected,
        }
    } else {
        Applied::InOrder(generation)
    }
}

/// Whether a position lies within the text (a line that exists, a
/// character within that line or just at its end).
fn fits(text: &str, pos: tower_lsp_server::ls_types::Position) -> bool {
    let Some(line) = text.split('\n').nth(pos.line as usize) else {
        return false;
    };
    let units: usize = line.chars().map(char::len_utf16).sum();
    pos.character as usize <= units
}

/// Reads referred files (the regional file) from open buffers first, then
/// from disk.
pub struct OpenFirst {
    pub open: BTreeMap<PathBuf, String>,
}

impl Loader for OpenFirst {
    fn load(&self, from: &str, relative: &str) -> std::result::Result<(String, String), String> {
        let base = Path::new(from)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let path = normalize(&base.join(relative));
        match self.open.get(&path) {
            Some(text) => Ok((path.to_string_lossy().into_owned(), text.clone())),
            None => FsLoader.load(from, relative),
        }
    }
}

/// `a/./b/../c` → `a/c`, without touching the disk (the file may not exist).
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// The name a document is analysed under: its path when it is a file, so
/// that its regional file is found next to it.
pub fn doc_name(uri: &Uri) -> String {
    uri.to_file_path()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|| uri.as_str().to_string())
}

pub fn doc_path(uri: &str) -> Option<PathBuf> {
    let uri: Uri = uri.parse().ok()?;
    Some(normalize(&uri.to_file_path()?))
}

/// The URI of a file of an analysis: the document itself, an open
/// document with that path (as the client spells its URI), or a file URI.
pub fn uri_of(docs: &Docs, name: &str, main: &Uri, main_name: &str) -> Option<Uri> {
    if name == main_name {
        return Some(main.clone());
    }
    let path = normalize(Path::new(name));
    let open = lock(docs)
        .keys()
        .find(|u| doc_path(u).as_ref() == Some(&path))
        .cloned();
    match open {
        Some(u) => u.parse().ok(),
        None => Uri::from_file_path(&path),
    }
}

fn open_files(docs: &BTreeMap<String, Doc>) -> BTreeMap<PathBuf, String> {
    docs.iter()
        .filter_map(|(uri, d)| Some((doc_path(uri)?, d.text.clone())))
        .collect()
}

/// The current version of an open document, for the diagnostics published to it.
pub fn open_version(docs: &Docs, uri: &str) -> Option<i32> {
    lock(docs).get(uri).map(|d| d.version)
}

/// The analysis of the current generation of a document (cached).
pub fn analysis(docs: &Docs, uri: &Uri) -> Option<(u64, Arc<Analysis>)> {
    let (generation, text, open) = {
        let docs = lock(docs);
        let doc = docs.get(uri.as_str())?;
        if let Some((g, a)) = &doc.analysis {
            if *g == doc.generation {
                return Some((*g, a.clone()));
            }
        }
        (doc.generation, doc.text.clone(), open_files(&docs))
    };
    let analysis = Arc::new(reglement::analyze(
        &doc_name(uri),
        &text,
        &OpenFirst { open },
    ));
    if let Some(doc) = lock(docs).get_mut(uri.as_str()) {
        if doc.generation == generation {
            doc.analysis = Some((generation, analysis.clone()));
            doc.uses = Some(
                analysis.sources.files[1..]
                    .iter()
                    .map(|f| normalize(Path::new(&f.name)))
                    .collect(),
            );
        }
    }
    Some((generation, analysis))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::{Position, Range};

    fn docs_with(text: &str) -> Docs {
        let docs: Docs = Arc::default();
        lock(&docs).insert("file:///a.reglement".into(), Doc::new(1, text.into()));
        docs
    }

    fn edit(line: u32, from: u32, to: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(
                Position::new(line, from),
                Position::new(line, to),
            )),
            range_length: None,
            text: text.into(),
        }
    }

    fn text(docs: &Docs) -> String {
        lock(docs)["file:///a.reglement"].text.clone()
    }

    #[test]
    fn changes_in_order_apply_and_stale_ones_are_refused() {
        let docs = docs_with("ab\ncd");
        let uri = "file:///a.reglement";
        assert_eq!(
            apply_change(&docs, uri, 2, vec![edit(0, 1, 2, "X")]),
            Applied::InOrder(1)
        );
        assert_eq!(text(&docs), "aX\ncd");
        assert_eq!(
            apply_change(&docs, uri, 2, vec![edit(0, 0, 0, "Y")]),
            Applied::Stale { have: 2 }
        );
        assert_eq!(text(&docs), "aX\ncd");
        assert_eq!(
            apply_change(&docs, "file:///b", 3, vec![]),
            Applied::NotOpen
        );
    }

    #[test]
    fn a_gap_is_applied_and_reported() {
        let docs = docs_with("ab\ncd");
        let uri = "file:///a.reglement";
        assert_eq!(
            apply_change(&docs, uri, 5, vec![edit(1, 2, 2, "e")]),
            Applied::AfterGap {
                generation: 1,
                expected: 2
            }
        );
        assert_eq!(text(&docs), "ab\ncde");
    }

    #[test]
    fn an_edit_outside_the_text_is_reported_and_a_full_text_resyncs() {
        let docs = docs_with("ab\ncd");
        let uri = "file:///a.reglement";
        assert_eq!(
            apply_change(&docs, uri, 2, vec![edit(7, 0, 0, "x")]),
            Applied::OutOfRange { generation: 1 }
        );
        let full = TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: "nieuw".into(),
        };
        assert_eq!(
            apply_change(&docs, uri, 3, vec![edit(9, 0, 0, "x"), full]),
            Applied::InOrder(2)
        );
        assert_eq!(text(&docs), "nieuw");
    }
}
