//! Numbers as a Flemish drafter writes them: `16.023`, `123,40`, `20%`,
//! `1.379,13 euro`, `1 januari 2024`.

use crate::syntax::ast::Hundredths;
use chrono::{Datelike, NaiveDate};

/// 100% in hundredths of a percent, as the AST holds percentages.
pub const HUNDRED_PERCENT: Hundredths = 10_000;

/// 16023 → "16.023".
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Hundredths as a decimal with a comma, without trailing zeros:
/// 12340 → "123,4", 2000 → "20", 137913 → "1.379,13".
pub fn decimal(v: Hundredths) -> String {
    let sign = if v < 0 { "-" } else { "" };
    let a = v.unsigned_abs();
    let (int, frac) = (a / 100, a % 100);
    match frac {
        0 => format!("{sign}{}", count(int)),
        f if f.is_multiple_of(10) => format!("{sign}{},{}", count(int), f / 10),
        f => format!("{sign}{},{f:02}", count(int)),
    }
}

/// Hundredths of a percent: 2000 → "20%", 1250 → "12,5%".
pub fn percent(v: Hundredths) -> String {
    format!("{}%", decimal(v))
}

/// Cents: 137913 → "1.379,13 euro".
pub fn euro(cents: Hundredths) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let a = cents.unsigned_abs();
    format!("{sign}{},{:02} euro", count(a / 100), a % 100)
}

/// Cents, without ",00" for whole euros: 26400 → "264 euro",
/// 137913 → "1.379,13 euro".
pub fn euro_short(cents: Hundredths) -> String {
    if cents % 100 == 0 {
        format!("{} euro", decimal(cents))
    } else {
        euro(cents)
    }
}

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// 2024-01-01 → "1 januari 2024".
pub fn date(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

/// "a", "a en b", "a, b en c".
pub fn list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => format!(
            "{} en {}",
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
    fn dutch_numbers() {
        assert_eq!(count(16_023), "16.023");
        assert_eq!(count(0), "0");
        assert_eq!(count(1_000_000), "1.000.000");
        assert_eq!(decimal(12_340), "123,4");
        assert_eq!(decimal(2_000), "20");
        assert_eq!(decimal(137_913), "1.379,13");
        assert_eq!(decimal(5), "0,05");
        assert_eq!(percent(1_250), "12,5%");
        assert_eq!(euro(137_913), "1.379,13 euro");
        assert_eq!(euro(100), "1,00 euro");
        assert_eq!(euro_short(26_400), "264 euro");
        assert_eq!(euro_short(137_913), "1.379,13 euro");
        assert_eq!(
            date(NaiveDate::from_ymd_opt(2024, 1, 1).expect("valid")),
            "1 januari 2024"
        );
        assert_eq!(list(&["a", "b", "c"]), "a, b en c");
        assert_eq!(quoted_list(&["a"]), "'a'");
        assert_eq!(n(1, "punt", "punten"), "1 punt");
        assert_eq!(n(3, "punt", "punten"), "3 punten");
    }
}
