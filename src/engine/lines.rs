//! The CSV form of the input files (candidates, dwellings), read as it is
//! meant: **one record per line**.
//!
//! No field of these files can hold a line end, so a line end always ends a
//! record, also inside quotes. A quote that opens a value and is not closed
//! on its line is a quoting error of that line (a forgotten or stray quote),
//! never a value that swallows the rows after it; each following line is
//! read as its own row. That is what keeps every count honest: the records
//! of a file are its non-blank lines after the header, whatever the quotes.
//!
//! Line ends: a file that holds a line feed anywhere has LF or CRLF line
//! ends, and a lone CR in it is a character of a field (which the readers
//! then refuse as a control character, or trim at a value's end); a file
//! without any line feed but with CRs (old Excel for Mac) has CR line ends.
//! Within a line, fields are separated by `,` and a field may be quoted as
//! RFC 4180 says: `"` at its start (spaces before it are allowed), `""` for
//! a quote inside, `"` at its end (spaces after it are allowed).

use std::borrow::Cow;

/// How the lines of a file end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEnds {
    /// LF or CRLF; a lone CR is data.
    Lf,
    /// CR only (no line feed anywhere in the file).
    Cr,
}

impl LineEnds {
    /// The convention of a file: LF (and CRLF) if it holds a line feed,
    /// CR if it holds carriage returns but no line feed.
    pub fn of(data: &[u8]) -> LineEnds {
        if memchr::memchr(b'\n', data).is_none() && memchr::memchr(b'\r', data).is_some() {
            LineEnds::Cr
        } else {
            LineEnds::Lf
        }
    }

    /// The byte that ends a line.
    pub fn byte(self) -> u8 {
        match self {
            LineEnds::Lf => b'\n',
            LineEnds::Cr => b'\r',
        }
    }

    /// The number of line ends in `data`.
    pub fn count(self, data: &[u8]) -> usize {
        memchr::memchr_iter(self.byte(), data).count()
    }
}

/// One line: its number (1-based, from where the iterator started), its
/// text without the line end, and its byte offset.
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    pub number: u32,
    pub text: &'a [u8],
    pub offset: usize,
}

/// The lines of `data`; a last line without a line end is a line, an empty
/// rest after the last line end is not.
pub struct Lines<'a> {
    data: &'a [u8],
    pos: usize,
    number: u32,
    ends: LineEnds,
}

impl<'a> Lines<'a> {
    pub fn new(data: &'a [u8], ends: LineEnds) -> Self {
        Lines {
            data,
            pos: 0,
            number: 0,
            ends,
        }
    }

    /// The offset just after the last line returned.
    pub fn position(&self) -> usize {
        self.pos
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = Line<'a>;

    #[inline]
    fn next(&mut self) -> Option<Line<'a>> {
        let rest = self.data.get(self.pos..)?;
        if rest.is_empty() {
            return None;
        }
        let offset = self.pos;
        let (mut text, next) = match memchr::memchr(self.ends.byte(), rest) {
            Some(i) => (&rest[..i], offset + i + 1),
            None => (rest, self.data.len()),
        };
        if self.ends == LineEnds::Lf {
            if let [head @ .., b'\r'] = text {
                text = head;
            }
        }
        self.pos = next;
        self.number += 1;
        Some(Line {
            number: self.number,
            text,
            offset,
        })
    }
}

/// A line that holds nothing but spaces and tabs (or nothing): not a record.
#[inline]
pub fn is_blank(text: &[u8]) -> bool {
    text.iter().all(|&c| c == b' ' || c == b'\t')
}

/// What is wrong with the quotes of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteProblem {
    /// A quote opens a value and the line ends before it is closed.
    NotClosed,
    /// Text follows the quote that closes a value, before the next `,`.
    TextAfterClose,
    /// A quote in the middle of a value that does not start with one.
    InField,
}

/// A quoting error in a line: the field (0-based) and the problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteError {
    pub field: usize,
    pub problem: QuoteProblem,
    /// Byte offset of the opening (or stray) quote in the line.
    pub at: usize,
}

#[inline]
fn is_space(c: u8) -> bool {
    c == b' ' || c == b'\t'
}

/// Split a line into its fields. Fields without quotes are borrowed;
/// quoted fields lose their quotes and `""` becomes `"`.
#[inline]
pub fn fields<'a>(line: &'a [u8], out: &mut Vec<Cow<'a, [u8]>>) -> Result<(), QuoteError> {
    out.clear();
    if memchr::memchr(b'"', line).is_none() {
        let mut start = 0;
        for comma in memchr::memchr_iter(b',', line) {
            out.push(Cow::Borrowed(&line[start..comma]));
            start = comma + 1;
        }
        out.push(Cow::Borrowed(&line[start..]));
        return Ok(());
    }
    quoted_fields(line, out)
}

fn quoted_fields<'a>(line: &'a [u8], out: &mut Vec<Cow<'a, [u8]>>) -> Result<(), QuoteError> {
    let len = line.len();
    let mut i = 0;
    loop {
        let field = out.len();
        let mut j = i;
        while j < len && is_space(line[j]) {
            j += 1;
        }
        if j < len && line[j] == b'"' {
            let mut value = Vec::new();
            let mut p = j + 1;
            loop {
                let Some(q) = memchr::memchr(b'"', &line[p..]).map(|q| p + q) else {
                    return Err(QuoteError {
                        field,
                        problem: QuoteProblem::NotClosed,
                        at: j,
                    });
                };
                value.extend_from_slice(&line[p..q]);
                if line.get(q + 1) == Some(&b'"') {
                    value.push(b'"');
                    p = q + 2;
                    continue;
                }
                let mut r = q + 1;
                while r < len && is_space(line[r]) {
                    r += 1;
                }
                if r < len && line[r] != b',' {
                    return Err(QuoteError {
                        field,
                        problem: QuoteProblem::TextAfterClose,
                        at: q,
                    });
                }
                out.push(Cow::Owned(value));
                if r >= len {
                    return Ok(());
                }
                i = r + 1;
                break;
            }
        } else {
            let end = memchr::memchr(b',', &line[i..]).map_or(len, |e| i + e);
            if let Some(q) = memchr::memchr(b'"', &line[i..end]) {
                return Err(QuoteError {
                    field,
                    problem: QuoteProblem::InField,
                    at: i + q,
                });
            }
            out.push(Cow::Borrowed(&line[i..end]));
            if end >= len {
                return Ok(());
            }
            i = end + 1;
        }
    }
}

/// For a quote that is not closed on its line: how many of the following
/// lines a reader that lets quotes run over line ends (RFC 4180) would take
/// into this value, and whether it would run to the end of the file.
/// `rest` starts at the opening quote and runs to the end of the file.
pub fn swallowed(rest: &[u8], ends: LineEnds) -> (u32, bool) {
    let mut p = 1;
    while let Some(q) = memchr::memchr(b'"', rest.get(p..).unwrap_or(&[])).map(|q| p + q) {
        if rest.get(q + 1) == Some(&b'"') {
            p = q + 2;
            continue;
        }
        return (ends.count(&rest[..q]) as u32, false);
    }
    let mut n = ends.count(rest);
    if rest.last() == Some(&ends.byte()) {
        n -= 1; // the last line end ends the last line
    }
    (n as u32, true)
}

/// A quoting error in Dutch, for the line `line` and its column `kolom`
/// (1-based); `swallowed` as [`swallowed`] gives it for `NotClosed`.
pub fn quote_message(
    problem: QuoteProblem,
    kolom: usize,
    line: u32,
    swallowed: (u32, bool),
) -> String {
    match problem {
        QuoteProblem::NotClosed => {
            let (n, to_end) = swallowed;
            let mut m = format!(
                "een aanhalingsteken opent de waarde in kolom {kolom} maar sluit ze niet op deze regel; een waarde loopt nooit over het einde van een regel, dus elke volgende regel wordt als eigen rij gelezen"
            );
            if n > 0 {
                let range = if n == 1 {
                    format!("regel {}", line + 1)
                } else {
                    format!("regels {} tot {}", line + 1, line + n)
                };
                m.push_str(&format!(
                    " (een lezer die aanhalingstekens over regels laat lopen, nam {range}{} mee in deze waarde)",
                    if to_end { ", tot het einde van het bestand," } else { "" }
                ));
            }
            m.push_str("; sluit de waarde met een aanhalingsteken of verwijder het");
            m
        }
        QuoteProblem::TextAfterClose => format!(
            "na het aanhalingsteken dat de waarde in kolom {kolom} sluit, volgt nog tekst voor de komma; een aanhalingsteken in een waarde schrijft men dubbel (\"\")"
        ),
        QuoteProblem::InField => format!(
            "een aanhalingsteken midden in de waarde van kolom {kolom}; zet de hele waarde tussen aanhalingstekens en schrijf het aanhalingsteken erin dubbel (\"\"), of verwijder het"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(line: &str) -> Result<Vec<String>, QuoteError> {
        let mut out = Vec::new();
        fields(line.as_bytes(), &mut out)?;
        Ok(out
            .iter()
            .map(|f| String::from_utf8_lossy(f).into_owned())
            .collect())
    }

    #[test]
    fn fields_and_quotes() {
        assert_eq!(split("a,b,,c").unwrap(), ["a", "b", "", "c"]);
        assert_eq!(split("a,").unwrap(), ["a", ""]);
        assert_eq!(split("\"a,b\",c").unwrap(), ["a,b", "c"]);
        assert_eq!(split("x, \"a\"\"b\" ,c").unwrap(), ["x", "a\"b", "c"]);
        assert_eq!(split("\"\"").unwrap(), [""]);
        let e = |s: &str| split(s).unwrap_err();
        assert_eq!(
            e("a,\"b,c"),
            QuoteError {
                field: 1,
                problem: QuoteProblem::NotClosed,
                at: 2
            }
        );
        assert_eq!(e("a,\"b\"c").problem, QuoteProblem::TextAfterClose);
        assert_eq!(e("a,b\"c").problem, QuoteProblem::InField);
        assert_eq!(e("a,b\"").problem, QuoteProblem::InField);
    }

    #[test]
    fn line_ends() {
        let lines = |s: &str| {
            let ends = LineEnds::of(s.as_bytes());
            Lines::new(s.as_bytes(), ends)
                .map(|l| String::from_utf8_lossy(l.text).into_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(lines("a\nb\r\nc"), ["a", "b", "c"]);
        assert_eq!(lines("a\rb\rc\r"), ["a", "b", "c"]);
        // a lone CR in an LF file is data
        assert_eq!(lines("a\rx\nb\n"), ["a\rx", "b"]);
        assert_eq!(lines("a\n\nb"), ["a", "", "b"]);
    }

    #[test]
    fn what_a_lenient_reader_would_swallow() {
        assert_eq!(swallowed(b"\"x\ny\nz\"\nw\n", LineEnds::Lf), (2, false));
        assert_eq!(swallowed(b"\"x\ny\nz\n", LineEnds::Lf), (2, true));
        assert_eq!(swallowed(b"\"x\"\"\ny\"", LineEnds::Lf), (1, false));
    }
}
