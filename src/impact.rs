//! What a new version of a reglement does to a ranking: the same candidates
//! ranked under the old and the new plan, for the same list on the same
//! reference date; who enters, who leaves, who moves up and who moves down.

use crate::engine::{self, Batch, Prepared, Request, RequestError, Row, Status};
use crate::nl;
use crate::plan::Plan;
use serde::Serialize;

/// One candidate whose place changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Move {
    pub dossier: String,
    /// Rank before and after (`None`: not ranked then).
    pub oud: Option<u32>,
    pub nieuw: Option<u32>,
    /// Pillar 2 totals before and after.
    pub oud_totaal: Option<u32>,
    pub nieuw_totaal: Option<u32>,
    /// Pillars 1 and 3: the lokale-binding tier reached before and after.
    pub oud_trap: Option<String>,
    pub nieuw_trap: Option<String>,
    /// Why the candidate is not ranked, on the side where it is not.
    pub reden: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Impact {
    pub gelezen: usize,
    /// Ranked now, not before.
    pub komen_erbij: Vec<Move>,
    /// Ranked before, not now.
    pub vallen_weg: Vec<Move>,
    pub stijgen: Vec<Move>,
    pub dalen: Vec<Move>,
    pub ongewijzigd: usize,
}

fn rows(plan: &Plan, batch: &Batch, request: &Request) -> Result<Vec<Row>, RequestError> {
    let prepared = Prepared::new(plan, request)?;
    Ok(engine::rank_batch(&prepared, batch).to_ranking(false).rijen)
}

/// Rank `batch` under both plans and compare, dossier by dossier.
pub fn impact(
    old: &Plan,
    new: &Plan,
    batch: &Batch,
    request: &Request,
) -> Result<Impact, RequestError> {
    let before = rows(old, batch, request)?;
    let after = rows(new, batch, request)?;
    let by_dossier = |list: &[Row]| -> std::collections::BTreeMap<String, Row> {
        list.iter()
            .filter_map(|r| r.dossier.clone().map(|d| (d, r.clone())))
            .collect()
    };
    let a = by_dossier(&before);
    let b = by_dossier(&after);
    let mut out = Impact {
        gelezen: batch.read_count(),
        komen_erbij: Vec::new(),
        vallen_weg: Vec::new(),
        stijgen: Vec::new(),
        dalen: Vec::new(),
        ongewijzigd: 0,
    };
    let ranked = |r: Option<&Row>| {
        r.filter(|r| r.status == Status::Gerangschikt)
            .and_then(|r| r.rang)
    };
    let dossiers: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    for d in dossiers {
        let (x, y) = (a.get(d), b.get(d));
        let m = |reden: Option<String>| Move {
            dossier: d.clone(),
            oud: ranked(x),
            nieuw: ranked(y),
            oud_totaal: x.and_then(|r| r.totaal),
            nieuw_totaal: y.and_then(|r| r.totaal),
            oud_trap: x.and_then(|r| r.woonbinding.clone()),
            nieuw_trap: y.and_then(|r| r.woonbinding.clone()),
            reden,
        };
        match (ranked(x), ranked(y)) {
            (None, Some(_)) => out.komen_erbij.push(m(x.and_then(|r| r.reden.clone()))),
            (Some(_), None) => out.vallen_weg.push(m(y.and_then(|r| r.reden.clone()))),
            (Some(o), Some(n)) if n < o => out.stijgen.push(m(None)),
            (Some(o), Some(n)) if n > o => out.dalen.push(m(None)),
            _ => out.ongewijzigd += 1,
        }
    }
    out.komen_erbij.sort_by_key(|m| m.nieuw);
    out.vallen_weg.sort_by_key(|m| m.oud);
    out.stijgen.sort_by_key(|m| m.nieuw);
    out.dalen.sort_by_key(|m| m.nieuw);
    Ok(out)
}

fn totals(m: &Move) -> String {
    if let (Some(o), Some(n)) = (&m.oud_trap, &m.nieuw_trap) {
        return if o == n {
            format!(" (trap {n})")
        } else {
            format!(" (trap {o} → {n})")
        };
    }
    match (m.oud_totaal, m.nieuw_totaal) {
        (Some(o), Some(n)) if o != n => format!(" ({o} → {n} punten)"),
        (Some(_), Some(n)) => format!(" ({})", nl::points(n)),
        _ => String::new(),
    }
}

/// The impact as text, for a person.
pub fn render_text(request: &Request, impact: &Impact) -> String {
    let target = match &request.target {
        engine::Target::Lijst {
            pijler,
            gemeente,
            doelgroep,
        } => {
            let mut s = format!("{}, {gemeente}", pijler.title());
            if let Some(d) = doelgroep {
                s.push_str(&format!(", doelgroep {d}"));
            }
            s
        }
        engine::Target::Dwelling { woning, .. } => format!("woning {}", woning.woning),
    };
    let mut s = format!(
        "\nGevolgen voor de rangschikking ({target}, peildatum {}, {} kandidaten):\n",
        nl::date(request.peildatum),
        nl::thousands(impact.gelezen as u64)
    );
    s.push_str(&format!(
        "  {} komen erbij, {} vallen weg, {} stijgen, {} dalen, {} ongewijzigd.\n",
        impact.komen_erbij.len(),
        impact.vallen_weg.len(),
        impact.stijgen.len(),
        impact.dalen.len(),
        impact.ongewijzigd
    ));
    let section = |s: &mut String, title: &str, list: &[Move], line: &dyn Fn(&Move) -> String| {
        if list.is_empty() {
            return;
        }
        s.push_str(&format!("{title}:\n"));
        for m in list {
            s.push_str(&format!("  {}\n", line(m)));
        }
    };
    section(&mut s, "Komen erbij", &impact.komen_erbij, &|m| {
        format!(
            "{}: plaats {}{}; was niet gerangschikt{}",
            m.dossier,
            m.nieuw.unwrap_or_default(),
            totals(m),
            m.reden
                .as_ref()
                .map(|r| format!(" ({r})"))
                .unwrap_or_default()
        )
    });
    section(&mut s, "Vallen weg", &impact.vallen_weg, &|m| {
        format!(
            "{}: was plaats {}{}; nu niet gerangschikt{}",
            m.dossier,
            m.oud.unwrap_or_default(),
            totals(m),
            m.reden
                .as_ref()
                .map(|r| format!(" ({r})"))
                .unwrap_or_default()
        )
    });
    let moved = |m: &Move| {
        format!(
            "{}: plaats {} → {}{}",
            m.dossier,
            m.oud.unwrap_or_default(),
            m.nieuw.unwrap_or_default(),
            totals(m)
        )
    };
    section(&mut s, "Stijgen", &impact.stijgen, &moved);
    section(&mut s, "Dalen", &impact.dalen, &moved);
    s
}

/// What one criterion of a pillar-2 threshold does on a list: how many
/// candidates it alone keeps out (they would be ranked without it in the
/// threshold, every other rule the same). R0245's estimate, for
/// `reglement controleer --kandidaten`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThresholdEffect {
    pub criterium: String,
    pub minimum: u32,
    /// Ranked in pijler 2 (any gemeente) with the threshold as written.
    pub gerangschikt: usize,
    /// The dossiers ranked only once this criterion leaves the threshold.
    pub enkel_hierdoor: Vec<String>,
}

fn ranked_anywhere(
    plan: &Plan,
    batch: &Batch,
    request: &Request,
) -> Result<std::collections::BTreeSet<String>, RequestError> {
    let prepared = Prepared::new(plan, request)?.any_gemeente();
    Ok(engine::rank_batch(&prepared, batch)
        .to_ranking(false)
        .rijen
        .into_iter()
        .filter(|r| r.status == Status::Gerangschikt)
        .filter_map(|r| r.dossier)
        .collect())
}

/// The effect of each criterion named in a per-criterion threshold of
/// pijler 2, on `batch` at `peildatum` (pijler 2 in any gemeente, so a
/// voorkeur does not hide it). Empty without pijler 2 or such a threshold.
pub fn threshold_effects(
    plan: &Plan,
    batch: &Batch,
    peildatum: chrono::NaiveDate,
) -> Result<Vec<ThresholdEffect>, RequestError> {
    let Some(v) = &plan.versneld else {
        return Ok(Vec::new());
    };
    let Some(gemeente) = plan.werkingsgebied.gemeenten.first() else {
        return Ok(Vec::new());
    };
    let request = Request {
        peildatum,
        target: engine::Target::Lijst {
            pijler: engine::Pillar::Versneld,
            gemeente: gemeente.naam.clone(),
            doelgroep: None,
        },
        verklaringen: false,
    };
    let now = ranked_anywhere(plan, batch, &request)?;
    let mut out = Vec::new();
    for (i, d) in v.wegingskader.drempels.iter().enumerate() {
        for c in &d.criteria {
            let mut without = plan.clone();
            if let Some(w) = without.versneld.as_mut() {
                let list = &mut w.wegingskader.drempels[i].criteria;
                list.retain(|x| x != c);
                // an empty list would mean "in totaal": drop the threshold
                if list.is_empty() {
                    w.wegingskader.drempels.remove(i);
                }
            }
            let then = ranked_anywhere(&without, batch, &request)?;
            out.push(ThresholdEffect {
                criterium: c.clone(),
                minimum: d.minimum,
                gerangschikt: now.len(),
                enkel_hierdoor: then.difference(&now).cloned().collect(),
            });
        }
    }
    Ok(out)
}

/// The effects as lines for a person.
pub fn render_threshold_effects(
    bestand: &str,
    gelezen: usize,
    effects: &[ThresholdEffect],
) -> String {
    let Some(first) = effects.first() else {
        return String::new();
    };
    let mut s = format!(
        "Effect van de drempel op {bestand} (pijler 2, elke gemeente): {} van {} kandidaten gerangschikt.\n",
        nl::thousands(first.gerangschikt as u64),
        nl::thousands(gelezen as u64)
    );
    for e in effects {
        let shown: Vec<&str> = e
            .enkel_hierdoor
            .iter()
            .take(5)
            .map(String::as_str)
            .collect();
        let more = if e.enkel_hierdoor.len() > shown.len() {
            format!(", … ({} andere)", e.enkel_hierdoor.len() - shown.len())
        } else {
            String::new()
        };
        let who = if shown.is_empty() {
            String::new()
        } else {
            format!(": {}{more}", shown.join(", "))
        };
        let n = e.enkel_hierdoor.len() as u64;
        s.push_str(&format!(
            "  enkel door minimaal {} op '{}' uitgesloten: {}{who}\n",
            nl::points(e.minimum),
            e.criterium,
            if n == 1 {
                "1 kandidaat".to_string()
            } else {
                format!("{} kandidaten", nl::thousands(n))
            }
        ));
    }
    s
}
