//! How numbers, amounts, percentages, dates and durations are written in
//! Dutch, for everything a person reads: rendered documents, version
//! differences, test reports. Values come in the library's exact units
//! (cents, hundredths); nothing here rounds.

use chrono::{Datelike, NaiveDate};

/// 16023 → "16.023".
pub fn thousands(n: u64) -> String {
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

/// A signed number in hundredths with a decimal comma: 137913 → "1.379,13".
pub fn hundredths(v: i64) -> String {
    let sign = if v < 0 { "-" } else { "" };
    let abs = v.unsigned_abs();
    format!("{sign}{},{:02}", thousands(abs / 100), abs % 100)
}

/// An amount in euro cents: 137913 → "1.379,13 €".
pub fn euro(cents: i64) -> String {
    format!("{} €", hundredths(cents))
}

/// An amount in euro cents with the word, as explanations write it:
/// 171050 → "1.710,50 euro", -5 → "-0,05 euro".
pub fn euro_word(cents: i64) -> String {
    format!("{} euro", hundredths(cents))
}

/// A number in hundredths without needless decimals: 12340 → "123,40",
/// 2000 → "20", 1250 → "12,50".
pub fn decimal(v: i64) -> String {
    if v % 100 == 0 {
        let sign = if v < 0 { "-" } else { "" };
        format!("{sign}{}", thousands(v.unsigned_abs() / 100))
    } else {
        hundredths(v)
    }
}

/// A percentage in hundredths of a percent: 2000 → "20%", 1250 → "12,5%".
pub fn percent(v: i64) -> String {
    let text = decimal(v);
    let text = if text.contains(',') {
        text.trim_end_matches('0').to_string()
    } else {
        text
    };
    format!("{text}%")
}

/// A number in ten-thousandths, exact, without needless decimals:
/// 1_852_520 → "185,252", 1_850_000 → "185", 53_233_333 → "5.323,3333".
pub fn ten_thousandths(v: u128) -> String {
    let int = u64::try_from(v / 10_000).unwrap_or(u64::MAX);
    let frac = format!("{:04}", v % 10_000);
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        thousands(int)
    } else {
        format!("{},{frac}", thousands(int))
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
    format!(
        "{} {} {}",
        d.day(),
        MONTHS[d.month0() as usize % 12],
        d.year()
    )
}

/// A small count as a word ("vijf"), a larger one in digits.
pub fn number_word(n: u32) -> String {
    const WORDS: [&str; 11] = [
        "nul", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien",
    ];
    WORDS
        .get(n as usize)
        .map_or_else(|| n.to_string(), |w| w.to_string())
}

/// A fraction as a drafter says it: (1, 3) → "een derde", (1, 2) → "de
/// helft", otherwise "2/5".
pub fn fraction((num, den): (u64, u64)) -> String {
    match (num, den) {
        (1, 2) => "de helft".to_string(),
        (1, 3) => "een derde".to_string(),
        (1, 4) => "een vierde".to_string(),
        _ => format!("{num}/{den}"),
    }
}

/// A duration in months: 12 → "1 jaar", 24 → "2 jaar", 18 → "18 maanden", 1 → "1 maand".
pub fn months(m: u32) -> String {
    if m > 0 && m.is_multiple_of(12) {
        format!("{} jaar", m / 12)
    } else if m == 1 {
        "1 maand".to_string()
    } else {
        format!("{m} maanden")
    }
}

/// "1 punt", "5 punten".
pub fn points(n: u32) -> String {
    if n == 1 {
        "1 punt".to_string()
    } else {
        format!("{n} punten")
    }
}

/// A list in running text: "a", "a en b", "a, b en c".
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} en {last}", init.join(", ")),
    }
}

/// The first letter in upper case: "werkingsgebied" → "Werkingsgebied".
pub fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_written_the_dutch_way() {
        assert_eq!(euro(137_913), "1.379,13 €");
        assert_eq!(euro(140_120), "1.401,20 €");
        assert_eq!(euro(5), "0,05 €");
        assert_eq!(euro(100_000_000), "1.000.000,00 €");
        assert_eq!(thousands(16_023), "16.023");
        assert_eq!(thousands(999), "999");
        assert_eq!(decimal(12_340), "123,40");
        assert_eq!(decimal(-250), "-2,50");
    }

    #[test]
    fn percentages_drop_needless_decimals() {
        assert_eq!(percent(2000), "20%");
        assert_eq!(percent(1250), "12,5%");
        assert_eq!(percent(3333), "33,33%");
        assert_eq!(percent(10_000), "100%");
    }

    #[test]
    fn dates_and_durations() {
        let d = NaiveDate::from_ymd_opt(2024, 3, 18).expect("date");
        assert_eq!(date(d), "18 maart 2024");
        assert_eq!(months(12), "1 jaar");
        assert_eq!(months(18), "18 maanden");
        assert_eq!(months(1), "1 maand");
        assert_eq!(and_list(&["a".into(), "b".into(), "c".into()]), "a, b en c");
    }
}
