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

impl Sources {
    /// The content hash of a reglement: `sha256:` and the hex digest of
    /// what its files *mean*, the reglement then its regional file (not the
    /// linked documents of the woonmaatschappij, which have their own
    /// hash). Plans, published documents and amendments name a version by
    /// this hash.
    ///
    /// The meaning is the sequence of tokens ([`meaning_tokens`]): layout
    /// (spaces, line breaks, indentation) and comments do not count, so
    /// `reglement opmaak` never changes the hash; every word, number and
    /// string does. Each token and each file is preceded by its length, so
    /// that no two different sequences hash alike.
    pub fn content_hash(&self) -> String {
        let ids: Vec<FileId> = (0..self.files.len())
            .filter(|i| !self.linked.contains(i))
            .collect();
        self.hash_of(&ids)
    }

    /// The content hash of one file alone (a linked document).
    pub fn file_hash(&self, file: FileId) -> String {
        self.hash_of(&[file])
    }

    fn hash_of(&self, ids: &[FileId]) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        for &id in ids {
            let tokens = meaning_tokens(&self.files[id].text);
            h.update((tokens.len() as u64).to_le_bytes());
            for t in tokens {
                h.update((t.len() as u64).to_le_bytes());
                h.update(t.as_bytes());
            }
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

/// What a text means to the language, as a sequence of tokens: the
/// formatter's tokens (words, strings byte for byte, braces) without the
/// comments, with `:` and `,` split off the words they follow or precede
/// (the formatter glues them to the word before: `Geel :` and `Geel:` mean
/// the same).
pub fn meaning_tokens(text: &str) -> Vec<&str> {
    use crate::format::lexer::{tokens, Kind};
    let mut out = Vec::new();
    for t in tokens(text) {
        let s = &text[t.start..t.end];
        match t.kind {
            Kind::Comment => {}
            Kind::Word => {
                let mut rest = s;
                while !rest.is_empty() {
                    match rest.find([':', ',']) {
                        Some(0) => {
                            out.push(&rest[..1]);
                            rest = &rest[1..];
                        }
                        Some(i) => {
                            out.push(&rest[..i]);
                            rest = &rest[i..];
                        }
                        None => {
                            out.push(rest);
                            rest = "";
                        }
                    }
                }
            }
            _ => out.push(s),
        }
    }
    out
}
