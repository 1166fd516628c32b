//! Source files: their names, texts and line indexes.

use crate::span::{LineCol, LineIndex, Span};

/// Index of a file in a [`Sources`] set.
pub type FileId = usize;

#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The name as shown to the user (the path as given).
    pub name: String,
    pub text: String,
    pub lines: LineIndex,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let lines = LineIndex::new(&text);
        SourceFile {
            name: name.into(),
            text,
            lines,
        }
    }

    pub fn line_col(&self, offset: usize) -> LineCol {
        self.lines.line_col(&self.text, offset)
    }

    /// 1-based line number of a span's start.
    pub fn line(&self, span: Span) -> usize {
        self.line_col(span.start).line
    }

    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }
}

/// All files of one compilation: the reglement first, then the files it uses.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    pub files: Vec<SourceFile>,
    /// The files that are other documents of the woonmaatschappij, checked
    /// with the reglement (each has its own hash: [`Sources::file_hash`]).
    pub linked: Vec<FileId>,
}

impl Sources {
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        self.files.len() - 1
    }
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id]
    }
}
