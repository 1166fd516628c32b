//! What a code means, for `reglement uitleg CODE`: the catalogue's entry
//! (title, severity, check, grondslag and confidence, help) and the text of
//! the rule in the repository's own documentation of the domain
//! (`docs/regels.md`, compiled in), so both come from one place each.

use super::codes::{Code, CodeInfo, CODES};

/// The domain documentation the explanations quote.
const RULES: &str = include_str!("../../docs/regels.md");

/// The catalogue entry of a code, if the code exists.
pub fn entry(code: &str) -> Option<&'static CodeInfo> {
    Code::parse(code).map(Code::info)
}

/// The catalogue code closest to a mistyped one ("R102" → "R0102").
pub fn closest(code: &str) -> Option<&'static str> {
    let w = code.trim().to_uppercase();
    let padded = match w.strip_prefix('R') {
        Some(n) if n.len() < 4 && n.chars().all(|c| c.is_ascii_digit()) => format!("R{n:0>4}"),
        _ => w.clone(),
    };
    if let Some(c) = entry(&padded) {
        return Some(c.code);
    }
    CODES
        .iter()
        .map(|c| (strsim::levenshtein(&w, c.code), c.code))
        .filter(|(d, _)| *d <= 1)
        .min()
        .map(|(_, c)| c)
}

/// The explanation of a code in Dutch, or `None` for an unknown code.
pub fn explain(code: &str) -> Option<String> {
    let c = entry(code)?;
    let mut out = format!("{} — {}\n", c.code, c.title);
    out.push_str(&format!("Ernst: {}", c.severity_text()));
    if let Some(check) = c.check {
        out.push_str(&format!("; wettelijke controle {check}"));
    }
    out.push('\n');
    if let Some(basis) = c.basis_text() {
        out.push_str(&format!("Grondslag: {basis}\n"));
    }
    if !c.help.is_empty() {
        out.push_str(&format!("Wat te doen: {}\n", c.help));
    }
    if let Some(text) = c
        .check
        .and_then(check_section)
        .or_else(|| table_row(c.code))
    {
        out.push_str("\nUit docs/regels.md:\n\n");
        out.push_str(text.trim_end());
        out.push('\n');
    }
    Some(out)
}

/// The section "### C2 — …" of the rules, up to the next heading.
fn check_section(check: &str) -> Option<String> {
    let head = format!("### {check} —");
    let start = RULES.find(&head)?;
    let rest = &RULES[start..];
    let end = rest[head.len()..]
        .find("\n#")
        .map_or(rest.len(), |i| i + head.len() + 1);
    Some(rest[..end].to_string())
}

/// The row of the rules' table of other checks that names the code
/// ("R0203, R0204", "R0230–R0232"), as "wat (grondslag)".
fn table_row(code: &str) -> Option<String> {
    let number = |c: &str| c.trim().strip_prefix('R')?.parse::<u32>().ok();
    let wanted = number(code)?;
    RULES.lines().find_map(|line| {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() < 4 || !cells[1].starts_with('R') {
            return None;
        }
        let names = cells[1].split(',').any(|part| match part.split_once('–') {
            Some((a, b)) => {
                matches!((number(a), number(b)), (Some(a), Some(b)) if a <= wanted && wanted <= b)
            }
            None => number(part) == Some(wanted),
        });
        names.then(|| format!("{} (grondslag: {})", cells[2], cells[3]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_explained() {
        for c in CODES {
            let text = explain(c.code).expect("a catalogue code");
            assert!(
                text.starts_with(&format!("{} — {}", c.code, c.title)),
                "{text}"
            );
        }
        assert!(explain(&format!("R{}", 4242)).is_none());
    }

    #[test]
    fn a_legal_code_quotes_its_rule_and_another_its_row() {
        let text = explain("r0102").expect("R0102");
        assert!(text.contains("wettelijke controle C2"), "{text}");
        assert!(text.contains("### C2 — pijler 2 is precies 20%"), "{text}");
        assert!(!text.contains("### C3"), "one section only: {text}");
        let text = explain("R0231").expect("R0231");
        assert!(text.contains("fusies 2019 en 2025"), "{text}");
    }

    #[test]
    fn every_legal_check_has_its_section_in_the_rules() {
        for c in CODES.iter().filter(|c| c.check.is_some()) {
            assert!(
                c.check.and_then(check_section).is_some(),
                "docs/regels.md heeft geen sectie voor {} ({})",
                c.code,
                c.check.unwrap_or("")
            );
        }
    }
}
