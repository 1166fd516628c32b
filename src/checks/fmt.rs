//! What the checks add to [`crate::nl`] (how numbers, amounts and dates are
//! written in Dutch): counts with their noun, lists of names, and the whole
//! of a percentage.

use crate::nl;
use crate::syntax::ast::Hundredths;

pub use nl::{date, decimal, euro, percent, thousands as count};

/// 100% in hundredths of a percent, as the AST holds percentages.
pub const HUNDRED_PERCENT: Hundredths = 10_000;

/// An amount without ",00" for whole euros: 26400 → "264 €", 137913 →
/// "1.379,13 €" (a supplement reads better as "leefloon + 264 €").
pub fn euro_short(cents: Hundredths) -> String {
    format!("{} €", nl::decimal(cents))
}

/// "a", "a en b", "a, b en c".
pub fn list<S: AsRef<str>>(items: &[S]) -> String {
    let owned: Vec<String> = items.iter().map(|s| s.as_ref().to_string()).collect();
    nl::and_list(&owned)
}

/// "a", "a of b", "a, b of c".
pub fn or_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => format!(
            "{} of {}",
            init.iter()
                .map(|s| s.as_ref())
                .collect::<Vec<_>>()
                .join(", "),
            last.as_ref()
        ),
    }
}

/// "'a'", "'a' en 'b'".
pub fn quoted_list<S: AsRef<str>>(items: &[S]) -> String {
    let q: Vec<String> = items.iter().map(|s| format!("'{}'", s.as_ref())).collect();
    list(&q)
}

/// "1 jaar", "5 jaar", "1 punt", "3 punten" …: the singular or the plural.
pub fn n(value: u64, one: &str, many: &str) -> String {
    if value == 1 {
        format!("1 {one}")
    } else {
        format!("{} {many}", count(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_lists() {
        assert_eq!(euro_short(26_400), "264 €");
        assert_eq!(euro_short(137_913), "1.379,13 €");
        assert_eq!(list(&["a", "b", "c"]), "a, b en c");
        assert_eq!(or_list(&["a", "b", "c"]), "a, b of c");
        assert_eq!(quoted_list(&["a"]), "'a'");
        assert_eq!(n(1, "punt", "punten"), "1 punt");
        assert_eq!(n(1_200, "punt", "punten"), "1.200 punten");
    }
}
