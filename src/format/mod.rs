//! The canonical layout of a reglement, shared by `reglement opmaak` and the
//! language server's formatting.
//!
//! # The layout
//!
//! - every statement on its own line, indented four spaces per open brace;
//!   a block's `{` ends its header line, its `}` stands on its own line;
//! - between the words of a statement one space; a statement that a comment
//!   interrupts goes on on the next line, one step further in;
//! - sections start at the beginning of a line, one blank line between them;
//!   one blank line between statements where the drafter left one or more,
//!   never right after `{` or right before `}`;
//! - comments stay where they were: at the end of the line they ended, or on
//!   a line of their own, indented like the statement that follows;
//! - consecutive rows of a table (patrimony, reserved dwellings, history,
//!   rationele bezetting) are aligned in columns, numbers to the right;
//! - `,` and `:` follow the word before them without a space;
//! - strings (titles, motivations) are never touched, line breaks included;
//! - a section that does not parse is left exactly as written (only the
//!   whitespace after it changes), so a drafter's half-written text is never
//!   rearranged;
//! - the file ends with one line break.
//!
//! The grammar gives the statements: the items between a block's `{` and
//! `}` in the pest tree ([`breaks`]). Everything else is done on the tokens
//! of the text ([`crate::syntax::lexer`]), which is why no comment is lost: pest drops
//! comments, the token stream keeps them. Formatting twice changes nothing,
//! and the formatted text parses to the same plan (tests/format.rs).

use crate::syntax::grammar::{ReglementParser, Rule};
use crate::syntax::lexer::{self, Kind, Token};
use crate::syntax::split::split_sections;
use pest::iterators::Pair;
use pest::Parser;
use std::collections::{BTreeMap, BTreeSet};

const INDENT: &str = "    ";

/// The text in canonical layout. Sections that do not parse are left as
/// written; comments are kept; formatting twice changes nothing.
pub fn format_text(text: &str) -> String {
    let mut w = Writer::new(text);
    let mut pos = 0;
    for chunk in split_sections(text) {
        // comments between sections belong to the chunk before; text before
        // the first section is blank or comments (else it is a chunk itself)
        w.tokens(pos, chunk.start, &BTreeMap::new());
        let slice = &text[chunk.start..chunk.end];
        match ReglementParser::parse(Rule::section_chunk, slice) {
            Ok(pairs) => {
                let mut starts = BTreeMap::new();
                for pair in pairs {
                    breaks(pair, chunk.start, &mut starts);
                }
                w.section_start(chunk.start);
                w.tokens(chunk.start, chunk.end, &starts);
            }
            Err(_) => w.verbatim(chunk.start, chunk.end),
        }
        pos = chunk.end;
    }
    w.tokens(pos, text.len(), &BTreeMap::new());
    w.finish()
}

/// Where a line starts (offset in the whole file), with the rule there:
/// a statement (an item between a block's `{` and `}`), or a motivation or
/// description inside a statement, which goes on the next line one step in.
type Starts = BTreeMap<usize, Start>;

#[derive(Debug, Clone, Copy)]
struct Start {
    rule: Rule,
    statement: bool,
}

/// Rows aligned in columns when they follow each other, by family (the
/// rows of a table and its total line align together).
fn row_family(rule: Rule) -> Option<Rule> {
    match rule {
        Rule::table_row | Rule::totaal_row => Some(Rule::table_row),
        Rule::gemeente_row
        | Rule::historiek_row
        | Rule::bezetting_row
        | Rule::situation_row
        | Rule::bracket_row
        | Rule::consensus_row => Some(rule),
        _ => None,
    }
}

/// A column wider than this (a long description) is not padded, and the
/// columns after it are not aligned.
const MAX_ALIGNED_WIDTH: usize = 32;

fn breaks(pair: Pair<'_, Rule>, base: usize, out: &mut Starts) {
    let children: Vec<Pair<'_, Rule>> = pair.into_inner().collect();
    let open = children.iter().position(|c| c.as_rule() == Rule::open);
    let close = children.iter().rposition(|c| c.as_rule() == Rule::close);
    if let (Some(open), Some(close)) = (open, close) {
        for c in &children[open + 1..close] {
            let start = Start {
                rule: c.as_rule(),
                statement: true,
            };
            out.insert(base + c.as_span().start(), start);
        }
    }
    for c in &children {
        if matches!(c.as_rule(), Rule::motivering | Rule::omschrijving) {
            let start = Start {
                rule: c.as_rule(),
                statement: false,
            };
            out.entry(base + c.as_span().start()).or_insert(start);
        }
    }
    for c in children {
        breaks(c, base, out);
    }
}

/// The output being written, token by token.
struct Writer<'t> {
    text: &'t str,
    out: String,
    depth: usize,
    /// The last token written (or the end of a verbatim section).
    prev: Option<Token>,
    /// The offset of the first token of the next section, which starts a
    /// line at column 0 after a blank line.
    section: Option<usize>,
    /// Line breaks written so far (the current line's index).
    line: usize,
    /// Lines that start a table row: (line, rule, depth).
    rows: Vec<(usize, Rule, usize)>,
    /// Lines that go on with the statement of the line before.
    continued: BTreeSet<usize>,
    /// Lines that end in a comment after code.
    trailing: Vec<usize>,
}

impl<'t> Writer<'t> {
    fn new(text: &'t str) -> Self {
        Writer {
            text,
            out: String::with_capacity(text.len() + text.len() / 8),
            depth: 0,
            prev: None,
            section: None,
            line: 0,
            rows: Vec::new(),
            continued: BTreeSet::new(),
            trailing: Vec::new(),
        }
    }

    fn section_start(&mut self, at: usize) {
        self.section = Some(at);
        self.depth = 0;
    }

    /// Write the tokens of `text[from..to]`; `starts` are statement starts.
    fn tokens(&mut self, from: usize, to: usize, starts: &Starts) {
        for t in lexer::tokens(&self.text[from..to]) {
            let t = Token {
                start: from + t.start,
                end: from + t.end,
                ..t
            };
            self.token(t, starts);
        }
    }

    fn newline(&mut self) {
        self.out.push('\n');
        self.line += 1;
    }

    fn token(&mut self, t: Token, starts: &Starts) {
        if t.kind == Kind::Close {
            self.depth = self.depth.saturating_sub(1);
        }
        match self.prev {
            None => {}
            Some(p) => {
                let gap = &self.text[p.end..t.start];
                let newlines = gap.matches('\n').count();
                let new_section = self.section == Some(t.start);
                if new_section {
                    // a comment right above a section stays attached to it
                    let attached = p.kind == Kind::Comment && newlines == 1;
                    self.newline();
                    if !attached {
                        self.newline();
                    }
                } else if t.kind == Kind::Comment && newlines == 0 {
                    self.out.push(' ');
                    self.trailing.push(self.line);
                } else {
                    let start = starts.get(&t.start);
                    let inner = start.is_some_and(|s| !s.statement);
                    let structural = start.is_some_and(|s| s.statement)
                        || p.kind == Kind::Open
                        || p.kind == Kind::Close
                        || matches!(t.kind, Kind::Close | Kind::Comment);
                    let must_break = structural || inner || p.kind == Kind::Comment;
                    let glued = t.kind == Kind::Word
                        && self.text[t.start..].starts_with([',', ':'])
                        && p.kind != Kind::Open;
                    if !must_break {
                        if !glued {
                            self.out.push(' ');
                        }
                    } else {
                        self.newline();
                        // a comment after a section belongs to what follows
                        let after_section =
                            p.kind == Kind::Close && self.depth == 0 && t.kind == Kind::Comment;
                        let keep_blank = after_section
                            || (newlines >= 2 && p.kind != Kind::Open && t.kind != Kind::Close);
                        if keep_blank {
                            self.newline();
                        }
                        let continuation = usize::from(!structural);
                        if !structural {
                            self.continued.insert(self.line);
                        }
                        let row = start
                            .filter(|s| s.statement)
                            .and_then(|s| row_family(s.rule));
                        if let Some(family) = row {
                            self.rows.push((self.line, family, self.depth));
                        }
                        for _ in 0..self.depth + continuation {
                            self.out.push_str(INDENT);
                        }
                    }
                }
            }
        }
        if t.kind == Kind::Open && !self.out.is_empty() && !self.out.ends_with([' ', '\n']) {
            // `kader{` → `kader {`
            self.out.push(' ');
        }
        let token = &self.text[t.start..t.end];
        self.out.push_str(token);
        for _ in token.matches('\n') {
            self.line += 1;
            self.continued.insert(self.line);
        }
        if t.kind == Kind::Open {
            self.depth += 1;
        }
        self.prev = Some(t);
    }

    /// A section that does not parse: as written, up to its trailing whitespace.
    fn verbatim(&mut self, from: usize, to: usize) {
        let body = self.text[from..to].trim_end_matches(lexer::is_space);
        if body.is_empty() {
            return;
        }
        if let Some(p) = self.prev {
            let attached =
                p.kind == Kind::Comment && self.text[p.end..from].matches('\n').count() == 1;
            self.newline();
            if !attached {
                self.newline();
            }
        }
        self.out.push_str(body);
        for _ in body.matches('\n') {
            self.line += 1;
            self.continued.insert(self.line);
        }
        self.depth = 0;
        self.prev = Some(Token {
            kind: Kind::Word,
            start: from,
            end: from + body.len(),
        });
        // what follows a broken section starts a new line
        self.section = None;
    }

    fn finish(mut self) -> String {
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        if self.rows.is_empty() && self.trailing.is_empty() {
            return self.out;
        }
        // split on '\n' only: a '\r' inside a string stays
        let mut lines: Vec<String> = self.out.split('\n').map(str::to_string).collect();
        let mut i = 0;
        while i < self.rows.len() {
            let (first, rule, depth) = self.rows[i];
            let mut j = i + 1;
            while j < self.rows.len() && self.rows[j] == (first + (j - i), rule, depth) {
                j += 1;
            }
            let group: Vec<usize> = (first..first + (j - i)).collect();
            // rows on one line each
            let single = !self.continued.contains(&(first + group.len()));
            if group.len() > 1 && single {
                // a table row may end in 'buiten het totaal': extra cells
                let ragged = rule == Rule::table_row;
                align(&mut lines[first..first + group.len()], depth, ragged);
            }
            i = j;
        }
        // comments at the end of consecutive lines start in one column
        let mut i = 0;
        while i < self.trailing.len() {
            let first = self.trailing[i];
            let mut j = i + 1;
            while j < self.trailing.len() && self.trailing[j] == first + (j - i) {
                j += 1;
            }
            if j - i > 1 {
                align_comments(&mut lines[first..first + (j - i)]);
            }
            i = j;
        }
        lines.join("\n")
    }
}

/// Start the trailing comments of consecutive lines in one column, one
/// space after the longest line's code (when that is not too far).
fn align_comments(lines: &mut [String]) {
    let split: Vec<Option<(String, String)>> = lines
        .iter()
        .map(|l| {
            let last = *lexer::tokens(l).last()?;
            (last.kind == Kind::Comment && last.start > 0).then(|| {
                (
                    l[..last.start].trim_end().to_string(),
                    l[last.start..].to_string(),
                )
            })
        })
        .collect();
    let Some(parts) = split.into_iter().collect::<Option<Vec<_>>>() else {
        return;
    };
    let column = parts
        .iter()
        .map(|(code, _)| code.chars().count())
        .max()
        .unwrap_or(0)
        + 1;
    if column > 80 {
        return;
    }
    for (line, (code, comment)) in lines.iter_mut().zip(parts) {
        let pad = column - code.chars().count();
        *line = format!("{code}{}{comment}", " ".repeat(pad));
    }
}

/// The cells of a row: its tokens, a token written against the one before
/// (`"omschrijving":`) in the same cell; and its trailing comment.
fn cells(row: &str) -> (Vec<&str>, Option<&str>) {
    let mut cells: Vec<(usize, usize)> = Vec::new();
    for t in lexer::tokens(row) {
        if t.kind == Kind::Comment {
            let cells = cells.into_iter().map(|(a, b)| &row[a..b]).collect();
            return (cells, Some(&row[t.start..t.end]));
        }
        match cells.last_mut() {
            Some(last) if last.1 == t.start => last.1 = t.end,
            _ => cells.push((t.start, t.end)),
        }
    }
    (cells.into_iter().map(|(a, b)| &row[a..b]).collect(), None)
}

/// Align rows with the same number of cells in columns: numbers to the
/// right, other cells to the left, up to the first column too wide to pad.
fn align(rows: &mut [String], depth: usize, ragged: bool) {
    let (cells, comments): (Vec<Vec<&str>>, Vec<Option<&str>>) =
        rows.iter().map(|r| cells(r)).unzip();
    // `ragged`: the cells the rows share are aligned, the ones some rows
    // have beyond them follow with one space
    let n = cells.iter().map(Vec::len).min().unwrap_or(0);
    if n == 0 || (!ragged && cells.iter().any(|c| c.len() != n)) {
        return;
    }
    let width = |k: usize| {
        cells
            .iter()
            .map(|c| c[k].chars().count())
            .max()
            .unwrap_or(0)
    };
    let numeric = |k: usize| {
        cells
            .iter()
            .all(|c| c[k].starts_with(|ch: char| ch.is_ascii_digit()))
    };
    let aligned_columns = (0..n)
        .position(|k| width(k) > MAX_ALIGNED_WIDTH)
        .unwrap_or(n);
    // columns after the last aligned one are written as they are (width 0)
    let columns: Vec<(usize, bool)> = (0..n)
        .map(|k| {
            if k < aligned_columns {
                (width(k), numeric(k))
            } else {
                (0, false)
            }
        })
        .collect();
    let aligned: Vec<String> = cells
        .iter()
        .zip(&comments)
        .map(|(c, comment)| {
            let mut line = INDENT.repeat(depth);
            for (k, (cell, &(w, right))) in c.iter().zip(&columns).enumerate() {
                if k > 0 {
                    line.push(' ');
                }
                let pad = w.saturating_sub(cell.chars().count());
                if right {
                    line.push_str(&" ".repeat(pad));
                    line.push_str(cell);
                } else {
                    line.push_str(cell);
                    if k + 1 < n {
                        line.push_str(&" ".repeat(pad));
                    }
                }
            }
            for cell in c.iter().skip(n) {
                line.push(' ');
                line.push_str(cell);
            }
            if let Some(comment) = comment {
                line.push(' ');
                line.push_str(comment);
            }
            line
        })
        .collect();
    for (row, new) in rows.iter_mut().zip(aligned) {
        *row = new;
    }
}

#[cfg(test)]
mod tests {
    use super::format_text;

    #[test]
    fn statements_one_per_line_indented_by_depth() {
        let text = "reglement   \"X\" {  woonmaatschappij \"Y\"\n\n\n   versie \"1\" }\nwerkingsgebied {\ngemeente Geel woningen 10 }";
        assert_eq!(
            format_text(text),
            "reglement \"X\" {\n    woonmaatschappij \"Y\"\n\n    versie \"1\"\n}\n\nwerkingsgebied {\n    gemeente Geel woningen 10\n}\n"
        );
    }

    #[test]
    fn comments_stay_where_they_are() {
        let text = "# kop\n\nreglement { # na de accolade\n  # eigen regel\n  versie # midden\n \"1\"\n  # voor het einde\n}\n# na\n";
        let once = format_text(text);
        assert_eq!(
            once,
            "# kop\n\nreglement { # na de accolade\n    # eigen regel\n    versie # midden\n        \"1\"\n    # voor het einde\n}\n\n# na\n"
        );
        assert_eq!(format_text(&once), once);
    }

    #[test]
    fn a_broken_section_is_left_as_written() {
        let text =
            "reglement {\n  versie \"1\"\n}\nwerkingsgebied {\n   gemeente   Geel ::: \n}\n\n\n";
        assert_eq!(
            format_text(text),
            "reglement {\n    versie \"1\"\n}\n\nwerkingsgebied {\n   gemeente   Geel ::: \n}\n"
        );
    }

    #[test]
    fn empty_and_comment_only_files() {
        assert_eq!(format_text(""), "");
        assert_eq!(format_text("  \n\n"), "");
        assert_eq!(format_text("# a\n\n\n# b  \n"), "# a\n\n# b\n");
    }
}
