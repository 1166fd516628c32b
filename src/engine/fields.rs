//! Parsing one field of a candidate record: dates, counts, amounts, codes
//! and lists, from the bytes of a CSV field or the text of a JSON value.
//!
//! Every parser returns what it expected when it fails ([`FieldError`]), so
//! that the rejection can say it in Dutch. Dates are handled as day numbers
//! (`NaiveDate::num_days_from_ce`), so the hot path does no calendar object
//! work; [`to_date`] and [`from_date`] convert at the edges.

use chrono::{Datelike, NaiveDate};

/// A day as `NaiveDate::num_days_from_ce` counts it (0001-01-01 is day 1).
pub type Day = i32;

/// The end of a period that is still running ("still living there").
pub const OPEN: Day = Day::MAX;

/// Why a field could not be read: what was expected there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// What the field should hold, in Dutch ("een datum JJJJ-MM-DD").
    pub verwacht: String,
}

impl FieldError {
    fn new(verwacht: impl Into<String>) -> Self {
        FieldError {
            verwacht: verwacht.into(),
        }
    }
}

/// The earliest and latest year a date in a candidate file may have.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2199;

pub const DATE_EXPECTED: &str = "een datum JJJJ-MM-DD (bv. 2021-03-15)";

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(y) => 29,
        _ => 28,
    }
}

/// Days before the first of each month in a common year.
const MONTH_START: [i32; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/// Day number of a valid civil date (proleptic Gregorian, year ≥ 1), equal
/// to `NaiveDate::num_days_from_ce`.
#[inline]
pub fn day_from_civil(y: i32, m: u32, d: u32) -> Day {
    let p = y - 1;
    let before_year = 365 * p + p / 4 - p / 100 + p / 400;
    let leap_day = i32::from(m > 2 && is_leap(y));
    before_year + MONTH_START[(m - 1) as usize] + leap_day + d as i32
}

fn digits<const N: usize>(b: &[u8]) -> Option<u32> {
    if b.len() != N {
        return None;
    }
    let mut v = 0u32;
    for &c in b {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + (c - b'0') as u32;
    }
    Some(v)
}

/// `YYYY-MM-DD` → day number. Only this form: a date is never guessed.
pub fn parse_day(b: &[u8]) -> Result<Day, FieldError> {
    let err = || FieldError::new(DATE_EXPECTED);
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(err());
    }
    let y = digits::<4>(&b[0..4]).ok_or_else(err)? as i32;
    let m = digits::<2>(&b[5..7]).ok_or_else(err)?;
    let d = digits::<2>(&b[8..10]).ok_or_else(err)?;
    if !(1..=12).contains(&m) {
        return Err(FieldError::new(format!(
            "{DATE_EXPECTED}; maand {m:02} bestaat niet"
        )));
    }
    if d == 0 || d > days_in_month(y, m) {
        return Err(FieldError::new(format!(
            "{DATE_EXPECTED}; {y:04}-{m:02} heeft geen dag {d:02}"
        )));
    }
    if !YEARS.contains(&y) {
        return Err(FieldError::new(format!(
            "{DATE_EXPECTED} tussen {} en {}",
            YEARS.start(),
            YEARS.end()
        )));
    }
    Ok(day_from_civil(y, m, d))
}

/// Day number → date. Day numbers come from [`parse_day`] or [`from_date`],
/// so they are always valid dates.
pub fn to_date(day: Day) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(day).unwrap_or(NaiveDate::MIN)
}

pub fn from_date(date: NaiveDate) -> Day {
    date.num_days_from_ce()
}

/// The civil date (year, month, day) of a day number; the inverse of
/// [`day_from_civil`] (Howard Hinnant's civil_from_days).
pub fn civil_from_day(day: Day) -> (i32, u32, u32) {
    let z = day - 719_163 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i32::from(m <= 2);
    (y, m, d)
}

/// Write `day` as `YYYY-MM-DD` (fast path for output).
pub fn write_day(out: &mut Vec<u8>, day: Day) {
    let (y, m, dd) = civil_from_day(day);
    let y = y.clamp(0, 9999) as u32;
    out.extend_from_slice(&[
        b'0' + (y / 1000) as u8,
        b'0' + (y / 100 % 10) as u8,
        b'0' + (y / 10 % 10) as u8,
        b'0' + (y % 10) as u8,
        b'-',
        b'0' + (m / 10) as u8,
        b'0' + (m % 10) as u8,
        b'-',
        b'0' + (dd / 10) as u8,
        b'0' + (dd % 10) as u8,
    ]);
}

/// The same calendar day `years` later; 29 February becomes 28 February in
/// a year without one (the last day of that month, as terms in years are
/// counted "van datum tot datum").
pub fn add_years(day: Day, years: u32) -> Day {
    let d = to_date(day);
    years
        .checked_mul(12)
        .and_then(|m| d.checked_add_months(chrono::Months::new(m)))
        .map(from_date)
        .unwrap_or(Day::MAX - 1)
}

/// The same calendar day `years` earlier (29 February → 28 February).
pub fn sub_years(day: Day, years: u32) -> Day {
    let d = to_date(day);
    years
        .checked_mul(12)
        .and_then(|m| d.checked_sub_months(chrono::Months::new(m)))
        .map(from_date)
        .unwrap_or(Day::MIN + 1)
}

/// The largest count a file may give (volwassenen, kinderen, slaapkamers):
/// far above any household or dwelling, and small enough that every sum of
/// counts stays exact.
pub const MAX_COUNT: u32 = 999;

/// The longest dossier, code or gemeente name, in bytes.
pub const MAX_NAME: usize = 100;
/// The longest residence period (`Gemeente@JJJJ-MM-DD..JJJJ-MM-DD`), in bytes.
pub const MAX_PERIOD: usize = MAX_NAME + 40;
/// The longest value of any other field, in bytes.
pub const MAX_VALUE: usize = 1000;
/// The most items a list may hold (codes, gemeenten, residence periods).
pub const MAX_ITEMS: usize = 1000;

/// What a count field expects, with its bounds.
pub fn count_expected(min: u32) -> String {
    format!("een geheel getal van {min} tot en met {MAX_COUNT}")
}

/// A whole number from `min` to [`MAX_COUNT`].
pub fn parse_count(b: &[u8], min: u32) -> Result<u32, FieldError> {
    let expected = || FieldError::new(count_expected(min));
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return Err(expected());
    }
    // leading zeros say nothing; the rest must fit the bound
    let digits = &b[b.iter().position(|&c| c != b'0').unwrap_or(b.len())..];
    if digits.len() > 3 {
        return Err(expected());
    }
    let v = digits
        .iter()
        .fold(0u32, |v, &c| v * 10 + u32::from(c - b'0'));
    if v < min || v > MAX_COUNT {
        return Err(expected());
    }
    Ok(v)
}

/// A control character as a message names it: "NUL (U+0000)", "een
/// regeleinde (CR, U+000D)", "een tab (U+0009)", or its code point.
pub fn control_name(code: u32) -> String {
    match code {
        0 => "NUL (U+0000)".to_string(),
        9 => "een tab (U+0009)".to_string(),
        10 => "een regeleinde (LF, U+000A)".to_string(),
        13 => "een regeleinde (CR, U+000D)".to_string(),
        c => format!("U+{c:04X}"),
    }
}

/// Whether `b` may hold a control character ([`control_char`] finds it): a
/// byte below 0x20, DEL, or the lead byte of a C1 character. One pass that
/// the compiler vectorises; most lines of a file have none of these.
#[inline]
pub fn may_hold_control(b: &[u8]) -> bool {
    b.iter().fold(false, |any, &c| {
        any | (c < 0x20) | (c == 0x7f) | (c == 0xc2)
    })
}

/// The first control character in `b` (C0 U+0000–U+001F, DEL U+007F, or
/// C1 U+0080–U+009F written as UTF-8): its position (1-based, in
/// characters) and code point.
pub fn control_char(b: &[u8]) -> Option<(usize, u32)> {
    let at = b.iter().enumerate().position(|(i, &c)| {
        c < 0x20
            || c == 0x7f
            || (c == 0xc2 && b.get(i + 1).is_some_and(|n| (0x80..0xa0).contains(n)))
    })?;
    let code = match b[at] {
        0xc2 => u32::from(b[at + 1]),
        c => u32::from(c),
    };
    let position = String::from_utf8_lossy(&b[..at]).chars().count() + 1;
    Some((position, code))
}

pub const AMOUNT_EXPECTED: &str =
    "een bedrag in euro per maand, 0 of meer, met een punt als decimaalteken (bv. 1710.50), of leeg als het onbekend is";

/// A monthly amount with `.` as decimal separator → cents.
pub fn parse_cents(b: &[u8]) -> Result<i64, FieldError> {
    let (int, frac) = match memchr::memchr(b'.', b) {
        Some(i) => (&b[..i], &b[i + 1..]),
        None => (b, &b[b.len()..]),
    };
    let dot = int.len() < b.len();
    if int.len() > 9 && int.iter().all(u8::is_ascii_digit) && frac.iter().all(u8::is_ascii_digit) {
        return Err(FieldError::new(format!(
            "{AMOUNT_EXPECTED}; hoogstens 999999999.99 euro"
        )));
    }
    if int.is_empty()
        || int.len() > 9
        || frac.len() > 2
        || (dot && frac.is_empty())
        || !int.iter().all(u8::is_ascii_digit)
        || !frac.iter().all(u8::is_ascii_digit)
    {
        if b.contains(&b',') {
            return Err(FieldError::new(format!(
                "{AMOUNT_EXPECTED}; een komma is geen decimaalteken"
            )));
        }
        if b.first() == Some(&b'-') {
            return Err(FieldError::new(format!(
                "{AMOUNT_EXPECTED}; een inkomen is nooit negatief"
            )));
        }
        if frac.len() > 2 && frac.iter().all(u8::is_ascii_digit) {
            return Err(FieldError::new(format!(
                "{AMOUNT_EXPECTED}; hoogstens twee cijfers na de punt"
            )));
        }
        return Err(FieldError::new(AMOUNT_EXPECTED));
    }
    let mut cents = 0i64;
    for &c in int {
        cents = cents * 10 + (c - b'0') as i64;
    }
    let mut f = 0i64;
    for &c in frac {
        f = f * 10 + (c - b'0') as i64;
    }
    if frac.len() == 1 {
        f *= 10;
    }
    Ok(cents * 100 + f)
}

/// A household type as docs/gegevens.md names it.
pub fn parse_household(b: &[u8]) -> Result<crate::vocab::Household, FieldError> {
    use crate::vocab::Household;
    if b.eq_ignore_ascii_case(b"alleenstaande") {
        Ok(Household::Alleenstaande)
    } else if b.eq_ignore_ascii_case(b"gezin") {
        Ok(Household::Gezin)
    } else {
        Err(FieldError::new("'alleenstaande' of 'gezin'"))
    }
}

/// A paper that is recorded from the first day on (`ja` without a date).
pub const ALWAYS: Day = Day::MIN;
/// A paper that is not recorded (`nee` or empty).
pub const NEVER: Day = Day::MAX;

pub const YES_NO_EXPECTED: &str = "'ja' of 'nee' (leeg = nee)";

/// `ja` or `nee` (`knipperlicht`).
pub fn parse_yes_no(b: &[u8]) -> Result<bool, FieldError> {
    if b.eq_ignore_ascii_case(b"ja") {
        Ok(true)
    } else if b.eq_ignore_ascii_case(b"nee") {
        Ok(false)
    } else {
        Err(FieldError::new(YES_NO_EXPECTED))
    }
}

pub const RECORDED_EXPECTED: &str =
    "'ja', 'nee' of de datum JJJJ-MM-DD waarop het is vastgelegd (bv. 2024-02-01; leeg = nee)";

/// `ja` ([`ALWAYS`]), `nee` ([`NEVER`]) or the day from which a paper is
/// recorded (`begeleidingsovereenkomst`, `sociaal_verslag`).
pub fn parse_recorded(b: &[u8]) -> Result<Day, FieldError> {
    if b.eq_ignore_ascii_case(b"ja") {
        return Ok(ALWAYS);
    }
    if b.eq_ignore_ascii_case(b"nee") {
        return Ok(NEVER);
    }
    parse_day(b).map_err(|e| {
        let why = e
            .verwacht
            .strip_prefix(DATE_EXPECTED)
            .unwrap_or(&e.verwacht);
        FieldError::new(format!("{RECORDED_EXPECTED}{why}"))
    })
}

pub const PERIOD_EXPECTED: &str =
    "Gemeente@JJJJ-MM-DD..JJJJ-MM-DD, perioden gescheiden door ';' (het einde mag leeg zijn: woont er nog)";

pub const BIRTH_EXPECTED: &str =
    "geboortedatums JJJJ-MM-DD, één per volwassene, gescheiden door ';' (leeg als ze onbekend zijn)";

/// What a `geboortedata` field with more dates than adults should hold.
pub fn birth_dates_expected(volwassenen: u32) -> String {
    format!("{BIRTH_EXPECTED}; hoogstens {volwassenen} (het aantal volwassenen)")
}

/// One residence period `Gemeente@YYYY-MM-DD..YYYY-MM-DD` (end may be empty):
/// the gemeente (trimmed), the first and the last day lived there.
pub fn parse_period(item: &str) -> Result<(&str, Day, Day), FieldError> {
    let Some((name, dates)) = item.split_once('@') else {
        return Err(FieldError::new(format!("{PERIOD_EXPECTED}; '@' ontbreekt")));
    };
    let name = name.trim();
    if name.is_empty() {
        return Err(FieldError::new(format!(
            "{PERIOD_EXPECTED}; de gemeente ontbreekt"
        )));
    }
    let Some((from, to)) = dates.trim().split_once("..") else {
        return Err(FieldError::new(format!(
            "{PERIOD_EXPECTED}; '..' tussen begin en einde ontbreekt"
        )));
    };
    let from = parse_day(from.trim().as_bytes())
        .map_err(|e| FieldError::new(format!("{PERIOD_EXPECTED}; begin: {}", e.verwacht)))?;
    let to = to.trim();
    let to = if to.is_empty() {
        OPEN
    } else {
        parse_day(to.as_bytes())
            .map_err(|e| FieldError::new(format!("{PERIOD_EXPECTED}; einde: {}", e.verwacht)))?
    };
    if to < from {
        return Err(FieldError::new(format!(
            "{PERIOD_EXPECTED}; het einde ligt voor het begin"
        )));
    }
    Ok((name, from, to))
}

/// A residence period in its exact form `Gemeente@YYYY-MM-DD..YYYY-MM-DD`
/// (or with an empty end), from bytes: the fast path. `None` for anything
/// else, which [`parse_period`] then reads (tolerating spaces) or explains.
#[inline]
pub fn parse_period_fast(item: &[u8]) -> Option<(&[u8], Day, Day)> {
    let at = item.iter().position(|&c| c == b'@')?;
    let name = trim(&item[..at]);
    let rest = &item[at + 1..];
    if name.is_empty() || rest.len() < 12 || &rest[10..12] != b".." {
        return None;
    }
    let from = parse_day(&rest[..10]).ok()?;
    let to = match rest.len() {
        12 => OPEN,
        22 => parse_day(&rest[12..]).ok()?,
        _ => return None,
    };
    (to >= from).then_some((name, from, to))
}

/// The parts of `b` between `;` separators (untrimmed; an empty input
/// gives one empty part). Found with memchr, not byte by byte.
#[inline]
pub fn semicolon_parts(b: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = Some(b);
    std::iter::from_fn(move || {
        let r = rest?;
        // items are short: a plain loop beats a vectorised search here
        match r.iter().position(|&c| c == b';') {
            Some(i) => {
                rest = Some(&r[i + 1..]);
                Some(&r[..i])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// The items of a `;`-separated list, trimmed, empty items skipped (a
/// trailing `;` loses nothing).
pub fn list_items(text: &str) -> impl Iterator<Item = &str> {
    text.split(';').map(str::trim).filter(|s| !s.is_empty())
}

/// Trim ASCII whitespace from both ends of a field.
pub fn trim(b: &[u8]) -> &[u8] {
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    let end = b
        .iter()
        .rposition(|c| !c.is_ascii_whitespace())
        .map_or(start, |e| e + 1);
    &b[start..end.max(start)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_agree_with_chrono() {
        let mut d = NaiveDate::from_ymd_opt(1900, 1, 1).expect("date");
        let end = NaiveDate::from_ymd_opt(2200, 12, 31).expect("date");
        while d <= end {
            assert_eq!(
                day_from_civil(d.year(), d.month(), d.day()),
                d.num_days_from_ce(),
                "{d}"
            );
            assert_eq!(
                civil_from_day(d.num_days_from_ce()),
                (d.year(), d.month(), d.day()),
                "{d}"
            );
            d = d.succ_opt().expect("next day");
        }
    }

    #[test]
    fn dates_are_strict() {
        assert_eq!(
            parse_day(b"2024-02-29").map(to_date),
            Ok(NaiveDate::from_ymd_opt(2024, 2, 29).expect("date"))
        );
        assert!(parse_day(b"2023-02-29").is_err());
        assert!(parse_day(b"2023-13-01").is_err());
        assert!(parse_day(b"2023-1-01").is_err());
        assert!(parse_day(b"15/03/2021").is_err());
        assert!(parse_day(b"0201-03-15").is_err());
    }

    #[test]
    fn amounts_in_cents() {
        assert_eq!(parse_cents(b"1710.50"), Ok(171050));
        assert_eq!(parse_cents(b"1710.5"), Ok(171050));
        assert_eq!(parse_cents(b"1710"), Ok(171000));
        assert_eq!(parse_cents(b"0.01"), Ok(1));
        assert!(parse_cents(b"1710,50").is_err());
        assert!(parse_cents(b"-5").is_err());
        assert!(parse_cents(b"1.234.5").is_err());
        assert!(parse_cents(b"12.345").is_err());
        assert!(parse_cents(b"12.").is_err());
        assert!(parse_cents(b".5").is_err());
    }

    #[test]
    fn years_from_29_february() {
        let leap = parse_day(b"2020-02-29").expect("date");
        assert_eq!(to_date(add_years(leap, 5)).to_string(), "2025-02-28");
        assert_eq!(to_date(add_years(leap, 4)).to_string(), "2024-02-29");
        assert_eq!(to_date(sub_years(leap, 10)).to_string(), "2010-02-28");
    }

    #[test]
    fn periods() {
        let (g, a, b) = parse_period("Geel@2016-02-01..").expect("period");
        assert_eq!(
            (g, to_date(a).to_string(), b),
            ("Geel", "2016-02-01".into(), OPEN)
        );
        assert!(parse_period("Geel 2016-02-01..").is_err());
        assert!(parse_period("Geel@2016-02-01..2015-01-01").is_err());
        assert!(parse_period("@2016-02-01..").is_err());
        assert!(parse_period("Geel@2016-02-01-2017-01-01").is_err());
    }
}
