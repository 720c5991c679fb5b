//! Unit tests of the ranking over a hand-made case table and model.

use super::*;
use std::collections::BTreeMap;

fn row(id: &str, field: &str, action: &str, clauses: &[&str], risks: &[&str]) -> CaseRow {
    CaseRow {
        id: id.into(),
        title: id.into(),
        url: format!("cases/{id}.html"),
        field: field.into(),
        action: action.into(),
        outcome: "容错免责".into(),
        outcome_slug: "tolerated".into(),
        clauses: clauses.iter().map(|c| c.to_string()).collect(),
        risks: risks.iter().map(|r| r.to_string()).collect(),
        holding: String::new(),
        sample: true,
    }
}

fn table() -> CaseTable {
    let labels: BTreeMap<String, String> = [
        ("art_10", "第十条"),
        ("art_10__para_1__point_5", "第十条第一款第（五）项"),
        ("art_12", "第十二条"),
    ]
    .into_iter()
    .map(|(a, b)| (a.into(), b.into()))
    .collect();
    CaseTable::new(
        weights(),
        labels,
        [("hidden".to_string(), "隐匿台账".to_string())].into(),
        vec![
            row(
                "a",
                "培训",
                "行政检查",
                &["art_10__para_1__point_5"],
                &["hidden"],
            ),
            row(
                "b",
                "培训",
                "行政检查",
                &["art_10__para_1__point_5"],
                &["hidden"],
            ),
            row("c", "安全", "其他", &["art_12"], &[]),
            row("d", "安全", "其他", &[], &[]),
        ],
    )
}

fn terms(words: &[&str], text: &str) -> Vec<(String, u32)> {
    let words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
    model::text_terms(&words, text)
}

/// a and b: hidden ledgers; c: a snowstorm; d: a snowstorm that closed a school bus route.
fn model() -> Model {
    Model::build(
        &[
            terms(&["培训", "机构", "隐匿", "台账"], "培训机构隐匿台账"),
            terms(&["培训", "机构", "台账"], "培训机构另设台账"),
            terms(&["暴雪", "封路"], "暴雪封路"),
            terms(&["暴雪", "封路", "校车"], "暴雪封路校车停运"),
        ],
        &[],
    )
}

fn ids(t: &CaseTable, q: &Query) -> Vec<String> {
    let m = model();
    rank(t, q, &mut |k| m.get(k), 10)
        .iter()
        .map(|s| t.cases[s.case].id.clone())
        .collect()
}

#[test]
fn the_facts_decide_and_metadata_does_not_lift_an_unrelated_case() {
    let t = table();
    // A snowstorm description with the clause, risk point, field and action of a and b.
    let q = Query {
        terms: terms(&["暴雪", "封路"], "暴雪封路"),
        field: Some("培训".into()),
        action: Some("行政检查".into()),
        clauses: vec!["art_10__para_1__point_5".into()],
        risks: vec!["hidden".into()],
        exclude: None,
    };
    assert_eq!(
        ids(&t, &q),
        ["c", "d"],
        "a and b share no text: they are not listed"
    );
}

#[test]
fn metadata_reorders_cases_whose_texts_are_equally_close() {
    let mut t = table();
    t.cases[3].clauses = vec!["art_12".into()];
    let q = Query {
        terms: terms(&["暴雪"], "暴雪"),
        ..Query::default()
    };
    // Equal text: by id.
    assert_eq!(ids(&t, &q), ["c", "d"]);
    let q = Query {
        clauses: vec!["art_12".into()],
        action: Some("其他".into()),
        ..q
    };
    let m = model();
    let ranked = rank(&t, &q, &mut |k| m.get(k), 10);
    assert!(ranked[0].score > ranked[1].score || ranked[0].case < ranked[1].case);
    let with_field = Query {
        field: Some("安全".into()),
        ..q.clone()
    };
    let lifted = rank(&t, &with_field, &mut |k| m.get(k), 10);
    assert!(
        lifted[0].score > ranked[0].score,
        "a shared field adds to the score"
    );
}

#[test]
fn without_text_the_metadata_ranks_alone_and_the_own_case_is_left_out() {
    let t = table();
    let q = Query {
        clauses: vec!["art_10__para_1__point_5".into()],
        exclude: Some("a".into()),
        ..Query::default()
    };
    assert_eq!(ids(&t, &q), ["b"]);
}

#[test]
fn the_bonus_is_capped() {
    let w = weights();
    let t = table();
    let q = Query {
        terms: terms(&["台账"], "台账"),
        field: Some("培训".into()),
        action: Some("行政检查".into()),
        clauses: vec!["art_10__para_1__point_5".into()],
        risks: vec!["hidden".into()],
        exclude: None,
    };
    let m = model();
    let ranked = rank(&t, &q, &mut |k| m.get(k), 10);
    let plain = rank(
        &t,
        &Query {
            terms: q.terms.clone(),
            ..Query::default()
        },
        &mut |k| m.get(k),
        10,
    );
    for (r, p) in ranked.iter().zip(&plain) {
        assert_eq!(r.case, p.case);
        assert!(r.score * w.base <= p.score * (w.base + w.cap));
    }
}

#[test]
fn reasons_name_words_and_shared_metadata() {
    let t = table();
    let q = Query {
        terms: terms(&["隐匿", "台账", "某某"], "隐匿台账某某"),
        clauses: vec!["art_10__para_1__point_5".into()],
        risks: vec!["hidden".into()],
        ..Query::default()
    };
    let m = model();
    let ranked = rank(&t, &q, &mut |k| m.get(k), 10);
    let a = ranked.iter().find(|s| s.case == 0).unwrap();
    assert_eq!(
        a.reasons,
        [
            "关键词：隐匿、台账",
            "同引条款：第十条第一款第（五）项",
            "同一条文：第十条",
            "同一风险点：隐匿台账",
        ]
    );
}
