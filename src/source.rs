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

impl Sources {
    /// The content hash of a compilation's sources: `sha256:` and the hex
    /// digest of every file's text in order (the reglement, then the regional
    /// file), each preceded by its length so that no two sets collide. Plans,
    /// rendered documents and amendments name a version by this hash.
    pub fn content_hash(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        for f in &self.files {
            h.update((f.text.len() as u64).to_le_bytes());
            h.update(f.text.as_bytes());
        }
        let digest = h.finalize();
        let mut s = String::with_capacity(7 + 64);
        s.push_str("sha256:");
        for b in digest {
            s.push_str(&format!("{b:02x}"));
        }
        s
    }
}
