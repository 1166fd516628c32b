//! The tokens of a text, as layout sees them: the formatter moves them
//! around without looking inside, the editor features (completion,
//! highlighting, hover) and the analysis's front-door repairs read them,
//! and the content hash is over them ([`meaning_tokens`]).
//!
//! Outside strings and comments, whitespace (as the grammar counts it:
//! space, tab, newlines, no-break space, byte-order mark) only separates
//! tokens; the formatter decides where it goes. Strings (which may span
//! lines) and comments are kept byte for byte.

/// What a token is, as far as layout is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `{`: the lines after it are indented one step more.
    Open,
    /// `}`: it and the lines after it one step less.
    Close,
    /// `"…"`, kept as written, line breaks inside included.
    Str,
    /// `# …` up to the end of the line.
    Comment,
    /// Any other run of characters: a keyword, name, number, `:` or `,`.
    Word,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

/// Whitespace as the grammar's `WHITESPACE` rule has it.
pub fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n' | '\u{A0}' | '\u{FEFF}')
}

/// The tokens of `text`, in order; the text between two tokens is
/// whitespace only. An unterminated string runs to the end; a comment runs
/// to the end of its line, without the whitespace that ends it.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if is_space(c) {
            chars.next();
            continue;
        }
        let kind = match c {
            '{' => Kind::Open,
            '}' => Kind::Close,
            '"' => Kind::Str,
            '#' => Kind::Comment,
            _ => Kind::Word,
        };
        chars.next();
        let end = match kind {
            Kind::Open | Kind::Close => start + 1,
            Kind::Str => match text[start + 1..].find('"') {
                Some(i) => start + 1 + i + 1,
                None => text.len(),
            },
            Kind::Comment => {
                let line = text[start..].split('\n').next().unwrap_or("");
                start + line.trim_end_matches(is_space).len()
            }
            Kind::Word => text[start..]
                .char_indices()
                .find(|&(_, c)| is_space(c) || matches!(c, '{' | '}' | '"' | '#'))
                .map_or(text.len(), |(i, _)| start + i),
        };
        while chars.peek().is_some_and(|&(i, _)| i < end) {
            chars.next();
        }
        out.push(Token { kind, start, end });
    }
    out
}

// The content hash lives with the tokens it is computed over (an inherent
// impl of `Sources` may sit in any module of the crate): `source` stays
// below `syntax` in the layer table.
impl crate::source::Sources {
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
        let ids: Vec<crate::source::FileId> = (0..self.files.len())
            .filter(|i| !self.linked.contains(i))
            .collect();
        self.hash_of(&ids)
    }

    /// The content hash of one file alone (a linked document).
    pub fn file_hash(&self, file: crate::source::FileId) -> String {
        self.hash_of(&[file])
    }

    fn hash_of(&self, ids: &[crate::source::FileId]) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        tokens(s).iter().map(|t| &s[t.start..t.end]).collect()
    }

    #[test]
    fn strings_and_comments_are_single_tokens() {
        assert_eq!(
            texts("motivering \"a # b\n c\" # één {\nx{y}"),
            ["motivering", "\"a # b\n c\"", "# één {", "x", "{", "y", "}"]
        );
    }

    #[test]
    fn amounts_and_percentages_stay_whole() {
        assert_eq!(
            texts("maximaal 1.379,13 euro: 20%"),
            ["maximaal", "1.379,13", "euro:", "20%"]
        );
    }

    #[test]
    fn unterminated_runs_to_the_end() {
        assert_eq!(texts("a \"b c"), ["a", "\"b c"]);
        assert_eq!(texts("a # b"), ["a", "# b"]);
    }
}
