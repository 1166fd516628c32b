//! The tokens the formatter moves around: it never looks inside them.
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
