//! Properties of every ranking: the order is total (no two candidates tie),
//! the output does not depend on the order of the input rows (byte for
//! byte), and every input row is accounted for (read = ranked + excluded +
//! rejected, one output row each), also when rows are broken or duplicated.

mod common;
use common::*;
use proptest::prelude::*;
use reglement::engine::generate::{csv_row, Generator, Profile, CSV_HEADER};
use reglement::engine::read::{read, Format};
use reglement::engine::{self, output, Pillar, Request};
use reglement::plan::Plan;
use std::sync::OnceLock;

fn plan() -> &'static Plan {
    static PLAN: OnceLock<Plan> = OnceLock::new();
    PLAN.get_or_init(kempen)
}

fn rows(n: usize, seed: u64) -> Vec<String> {
    let profile = Profile::from_plan(plan(), d("2024-06-30"));
    Generator::new(&profile, seed)
        .take(n)
        .map(|c| {
            let mut s = String::new();
            csv_row(&c, &mut s);
            s
        })
        .collect()
}

fn csv(rows: &[String]) -> String {
    format!("{CSV_HEADER}\n{}", rows.concat())
}

fn requests() -> Vec<Request> {
    vec![
        list("2024-06-30", Pillar::Versneld, "Turnhout"),
        dwelling("2024-06-30", "W-1", "Turnhout", 2, None),
        dwelling("2024-06-30", "W-2", "Beerse", 3, Some("doorstromer")),
    ]
}

fn rank_csv(text: &str, req: &Request) -> (String, engine::RankingSummary, engine::Ranking) {
    let batch = read(text.as_bytes(), Format::Csv, "kandidaten.csv").expect("readable");
    let prepared = engine::Prepared::new(plan(), req).expect("request");
    let ranked = engine::rank_batch(&prepared, &batch);
    let mut out = Vec::new();
    output::write_csv(&ranked, &mut out).expect("write");
    (
        String::from_utf8(out).expect("utf-8"),
        ranked.samenvatting(),
        ranked.to_ranking(false),
    )
}

/// The documented order key of a ranked row.
fn key(r: &engine::Row, tiers: &[&str]) -> (i64, i64, chrono::NaiveDate, String) {
    let tier = r.woonbinding.as_deref().map_or(0, |w| {
        tiers.iter().position(|t| *t == w).unwrap_or(tiers.len()) as i64
    });
    (
        -(r.totaal.unwrap_or(0) as i64),
        tier,
        r.inschrijvingsdatum.expect("date"),
        r.dossier.clone().expect("dossier"),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn shuffled_input_gives_byte_identical_output(n in 0usize..160, seed in any::<u64>(), perm in any::<u64>()) {
        let original = rows(n, seed);
        let mut shuffled = original.clone();
        shuffle(&mut shuffled, perm);
        for req in requests() {
            let (a, _, _) = rank_csv(&csv(&original), &req);
            let (b, _, _) = rank_csv(&csv(&shuffled), &req);
            prop_assert_eq!(a, b);
        }
    }

    #[test]
    fn the_order_is_total(n in 0usize..200, seed in any::<u64>()) {
        let text = csv(&rows(n, seed));
        for req in requests() {
            let (_, _, ranking) = rank_csv(&text, &req);
            let tiers = ["strengere-woonbinding", "woonbinding-gemeente", "woonbinding-werkingsgebied",
                         "woonbinding-deelwerkingsgebied", "mantelzorg", "geen"];
            let ranked: Vec<&engine::Row> = ranking.rijen.iter().filter(|r| r.rang.is_some()).collect();
            for (i, w) in ranked.windows(2).enumerate() {
                // strictly increasing: never a tie
                prop_assert!(key(w[0], &tiers) < key(w[1], &tiers), "{:?} !< {:?}", key(w[0], &tiers), key(w[1], &tiers));
                prop_assert_eq!(w[0].rang, Some(i as u32 + 1));
            }
        }
    }

    #[test]
    fn every_row_is_accounted_for(n in 1usize..120, seed in any::<u64>(), damage in proptest::collection::vec((any::<prop::sample::Index>(), 0usize..12, 0usize..12), 0..25)) {
        const BAD: [&str; 12] = ["", "x", "-1", "2021-13-01", "opvnag", "1.234,5", "Antwerpen", "Geel@2020..", "x\"y", "0", "a,b", "gezin;alleenstaande"];
        let mut lines = rows(n, seed);
        for (at, field, bad) in damage {
            let i = at.index(lines.len());
            let mut cells: Vec<String> = lines[i].trim_end().split(',').map(str::to_string).collect();
            if field < cells.len() {
                cells[field] = BAD[bad].to_string();
            }
            if bad == 9 {
                // also duplicate this row
                lines.push(lines[i].clone());
            }
            lines[i] = cells.join(",") + "\n";
        }
        let text = csv(&lines);
        for req in requests() {
            let (_, s, ranking) = rank_csv(&text, &req);
            prop_assert_eq!(s.gelezen, lines.len());
            prop_assert_eq!(s.gelezen, s.gerangschikt + s.uitgesloten + s.geweigerd);
            prop_assert_eq!(ranking.rijen.len(), lines.len());
        }
    }
}

#[test]
fn the_result_does_not_depend_on_how_the_file_is_cut() {
    // quoted fields with commas and line ends, stray quotes, blank lines
    let mut lines = rows(3000, 3);
    for (i, line) in lines.iter_mut().enumerate() {
        match i % 97 {
            // a quoted first field and a stray quote after a non-empty last
            // field (after an empty one it would open a quoted field)
            0 => {
                let t = line.trim_end();
                let stray = if t.ends_with(',') { "" } else { "\"" };
                *line = format!("\"{}{stray}", t.replacen(',', "\",", 1)) + "\n"
            }
            1 => *line = line.replacen("K-", "K\"-", 1),
            2 => *line = line.trim_end().to_string() + "\n\n",
            3 => *line = line.replacen(",gezin,", ",\"ge\nzin\",", 1),
            _ => {}
        }
    }
    let text = csv(&lines);
    let prepared = engine::Prepared::new(plan(), &list("2024-06-30", Pillar::Versneld, "Turnhout"))
        .expect("request");
    let out = |chunks: usize| {
        let batch =
            reglement::engine::read::read_csv_in_chunks(text.as_bytes(), "k.csv", Some(chunks))
                .expect("readable");
        let ranked = engine::rank_batch(&prepared, &batch);
        let mut out = Vec::new();
        output::write_csv(&ranked, &mut out).expect("write");
        (out, ranked.samenvatting())
    };
    let (one, s) = out(1);
    // a line end inside quotes ends the record (no value holds one): the
    // rows cut in two by "ge\nzin" are two records each
    let cut = lines.iter().filter(|l| l.contains("\"ge\nzin\"")).count();
    assert!(cut > 0);
    assert_eq!(s.gelezen, 3000 + cut);
    assert!(s.geweigerd > 0, "some damaged rows are rejected");
    for n in [2, 3, 7, 16, 64] {
        assert_eq!(out(n).0, one, "{n} chunks");
    }
}

#[test]
fn generated_files_are_valid_and_reproducible() {
    let a = csv(&rows(3000, 11));
    assert_eq!(a, csv(&rows(3000, 11)));
    assert_ne!(a, csv(&rows(3000, 12)));
    let (_, s, _) = rank_csv(&a, &list("2024-06-30", Pillar::Versneld, "Turnhout"));
    assert_eq!((s.gelezen, s.geweigerd), (3000, 0));
    assert!(s.gerangschikt > 0 && s.uitgesloten > 0);
}

#[test]
fn json_and_csv_of_the_same_candidates_rank_the_same() {
    let profile = Profile::from_plan(plan(), d("2024-06-30"));
    let mut json = Vec::new();
    reglement::engine::generate::write_json(&profile, 500, 5, &mut json).expect("json");
    let mut csv_bytes = Vec::new();
    reglement::engine::generate::write_csv(&profile, 500, 5, &mut csv_bytes).expect("csv");
    for req in requests() {
        let prepared = engine::Prepared::new(plan(), &req).expect("request");
        let out = |data: &[u8], f: Format| {
            let batch = read(data, f, "k").expect("readable");
            let ranked = engine::rank_batch(&prepared, &batch);
            let mut out = Vec::new();
            output::write_csv(&ranked, &mut out).expect("write");
            out
        };
        assert_eq!(out(&json, Format::Json), out(&csv_bytes, Format::Csv));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    /// Any bytes, as CSV or as JSON: no panic; either a file error or every
    /// record accounted for.
    #[test]
    fn arbitrary_bytes_never_panic(data in proptest::collection::vec(any::<u8>(), 0..600), header in any::<bool>()) {
        let mut bytes = if header { format!("{CSV_HEADER}\n").into_bytes() } else { Vec::new() };
        bytes.extend_from_slice(&data);
        for format in [Format::Csv, Format::Json] {
            if let Ok(batch) = read(&bytes, format, "k") {
                for req in requests() {
                    let prepared = engine::Prepared::new(plan(), &req).expect("request");
                    let ranked = engine::rank_batch(&prepared, &batch);
                    let s = ranked.samenvatting();
                    prop_assert_eq!(s.gelezen, s.gerangschikt + s.uitgesloten + s.geweigerd);
                    let mut out = Vec::new();
                    output::write_csv(&ranked, &mut out).expect("write");
                    let _ = output::table(&ranked);
                }
            }
        }
    }

    /// Mutations of a valid file (bytes replaced): no panic, all accounted.
    #[test]
    fn mutated_files_never_panic(seed in any::<u64>(), edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..40)) {
        let mut bytes = csv(&rows(40, seed)).into_bytes();
        for (at, b) in edits {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        if let Ok(batch) = read(&bytes, Format::Csv, "k") {
            for req in requests() {
                let prepared = engine::Prepared::new(plan(), &req).expect("request");
                let ranked = engine::rank_batch(&prepared, &batch);
                let s = ranked.samenvatting();
                prop_assert_eq!(s.gelezen, s.gerangschikt + s.uitgesloten + s.geweigerd);
                for r in ranked.rows(true) {
                    let _ = r.verklaring.map(|t| t.render());
                }
            }
        }
    }
}
