//! The one place where byte offsets (the library) meet LSP positions
//! (line and UTF-16 code unit, as the protocol has it by default).
//! Out-of-range positions are clamped: to the end of the line, or of the text.

use tower_lsp_server::ls_types::{Position, Range};

/// The LSP position of a byte offset (clamped to the text, and back to a
/// character boundary).
pub fn position(text: &str, offset: usize) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..line_start].matches('\n').count();
    let character: usize = text[line_start..offset].chars().map(char::len_utf16).sum();
    Position::new(line as u32, character as u32)
}

pub fn range(text: &str, start: usize, end: usize) -> Range {
    Range::new(position(text, start), position(text, end))
}

/// The byte offset of an LSP position; a line past the end gives the end of
/// the text, a character past the end of its line the end of that line, a
/// position inside a surrogate pair the start of the character.
pub fn offset(text: &str, pos: Position) -> usize {
    let mut line_start = 0;
    for _ in 0..pos.line {
        match text[line_start..].find('\n') {
            Some(i) => line_start += i + 1,
            None => return text.len(),
        }
    }
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
    let mut units = 0u32;
    for (i, c) in text[line_start..line_end].char_indices() {
        let next = units + c.len_utf16() as u32;
        if next > pos.character {
            return line_start + i;
        }
        units = next;
    }
    line_end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_letters_and_emoji_count_in_utf16() {
        let text = "motivering \"één 🏠 ï\"\nvolgende";
        // 'é' is 2 bytes and 1 UTF-16 unit; the emoji 4 bytes and 2 units
        let house = text.find('🏠').expect("emoji");
        assert_eq!(position(text, house), Position::new(0, 16));
        let after = house + '🏠'.len_utf8();
        assert_eq!(position(text, after), Position::new(0, 18));
        assert_eq!(offset(text, Position::new(0, 18)), after);
        assert_eq!(offset(text, Position::new(0, 16)), house);
        // inside the surrogate pair: the start of the emoji
        assert_eq!(offset(text, Position::new(0, 17)), house);
        let i = text.find('ï').expect("ï");
        assert_eq!(offset(text, position(text, i)), i);
        assert_eq!(position(text, text.len()), Position::new(1, 8));
    }

    #[test]
    fn out_of_range_is_clamped() {
        let text = "ab\ncd";
        assert_eq!(offset(text, Position::new(0, 99)), 2);
        assert_eq!(offset(text, Position::new(9, 0)), text.len());
        assert_eq!(position(text, 999), Position::new(1, 2));
    }
}
