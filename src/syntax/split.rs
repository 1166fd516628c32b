//! Splitting a file into sections before parsing, so that one broken section
//! never hides the others.
//!
//! A section starts on a line that begins at column 0 with a section keyword
//! and holds an opening brace; it runs until the next such line. Text before
//! the first section that is not blank or a comment becomes a chunk of its
//! own, so that it is reported rather than ignored.

use crate::span::Span;

/// The first words that open a section.
pub const SECTION_STARTERS: &[&str] = &[
    "reglement",
    "regio",
    "werkingsgebied",
    "deelwerkingsgebied",
    "toewijzingshistoriek",
    "standaardtoewijzing",
    "versnelde",
    "wegingskader",
    "specifieke",
    "verdeelsleutel",
    "bijzondere",
    "rationele",
    "gemeente",
    "amendement",
    "test",
    "evaluatie",
];

fn starts_section(line: &str) -> bool {
    if line.starts_with(char::is_whitespace) {
        return false;
    }
    let word: String = line
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '-')
        .collect::<String>()
        .to_lowercase();
    if !SECTION_STARTERS.contains(&word.as_str()) {
        return false;
    }
    // the brace must come before any comment
    let code = line.split('#').next().unwrap_or("");
    code.contains('{')
}

fn is_blank_or_comment(text: &str) -> bool {
    text.lines().all(|l| {
        let t = l.trim();
        t.is_empty() || t.starts_with('#')
    })
}

/// The byte ranges of the sections of `text`, in order.
pub fn split_sections(text: &str) -> Vec<Span> {
    let mut starts = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if starts_section(line) {
            starts.push(offset);
        }
        offset += line.len();
    }
    let mut chunks = Vec::new();
    let first = starts.first().copied().unwrap_or(text.len());
    if !is_blank_or_comment(&text[..first]) {
        chunks.push(Span::new(0, first));
    }
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(text.len());
        chunks.push(Span::new(start, end));
    }
    chunks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_section_lines_only() {
        let text = "# kop\nreglement {\n  x\n}\n  gemeente A woningen 3\ngemeente Geel {\n}\n";
        let chunks = split_sections(text);
        assert_eq!(chunks.len(), 2);
        assert!(text[chunks[0].start..chunks[0].end].starts_with("reglement"));
        assert!(text[chunks[1].start..chunks[1].end].starts_with("gemeente Geel"));
    }

    #[test]
    fn keeps_stray_text_before_the_first_section() {
        let chunks = split_sections("rommel\nreglement {\n}\n");
        assert_eq!(chunks.len(), 2);
        assert_eq!(chunks[0], Span::new(0, 7));
    }
}
