//! Unit tests of the ranking over a hand-made case table and term lists.

use super::*;
use std::collections::BTreeMap;

fn row(num: u32, id: &str, field: &str, action: &str, clauses: &[&str], risks: &[&str]) -> CaseRow {
    CaseRow {
        num,
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
    CaseTable {
        weights: WEIGHTS,
        labels,
        risks: [("hidden".to_string(), "隐匿台账".to_string())].into(),
        risk_docs: vec![("hidden".to_string(), 3)],
        cases: vec![
            row(
                10,
                "a",
                "培训",
                "行政检查",
                &["art_10__para_1__point_5"],
                &["hidden"],
            ),
            row(
                11,
                "b",
                "培训",
                "行政检查",
                &["art_10__para_1__point_5"],
                &["hidden"],
            ),
            row(12, "c", "安全", "其他", &["art_12"], &[]),
            row(13, "d", "安全", "其他", &[], &[]),
        ],
    }
}

/// 台账 in a and b (impacts 40, 20), 暴雪 in c; 培训 in three of four cases (ignored: more than half).
fn postings(term: &str) -> Vec<(u32, u32)> {
    match term {
        "台账" => vec![(3, 99), (10, 40), (11, 20)],
        "暴雪" => vec![(12, 50)],
        "培训" => vec![(10, 5), (11, 5), (12, 5)],
        _ => vec![],
    }
}

fn ranked(q: &Query) -> Vec<(String, u64)> {
    let t = table();
    rank(&t, q, &mut |x| std::sync::Arc::new(postings(x)), usize::MAX)
        .into_iter()
        .map(|s| (t.cases[s.case].id.clone(), s.score))
        .collect()
}

#[test]
fn counts_are_capped_and_common_terms_ignored() {
    assert_eq!(
        query_terms("台账，台账，台账，台账。培训"),
        vec![("台账".into(), 3), ("培训".into(), 1)]
    );
    // 台账 ×3: a = 3·40·10/3 = 400, b = 200; 培训 (3 of 4 cases) does not count, nor does doc 3 (not a case).
    // Doc 3 is the risk point's own document: the description reads like it, so a and b get the implied bonus.
    let q = Query {
        text: "台账，台账，台账，台账。培训".into(),
        ..Query::default()
    };
    let bonus = WEIGHTS.implied_risk;
    assert_eq!(
        ranked(&q),
        vec![("a".into(), 400 + bonus), ("b".into(), 200 + bonus)]
    );
}

#[test]
fn structured_bonuses_and_reasons() {
    let q = Query {
        text: "台账".into(),
        field: Some("培训".into()),
        action: Some("行政检查".into()),
        clauses: vec!["art_10__para_1__point_5".into()],
        risks: vec!["hidden".into()],
        exclude: Some("a".into()),
    };
    let t = table();
    let r = rank(
        &t,
        &q,
        &mut |x| std::sync::Arc::new(postings(x)),
        usize::MAX,
    );
    assert_eq!(r.len(), 1, "a is excluded; c and d share nothing");
    let w = WEIGHTS;
    assert_eq!(
        r[0].score,
        200 + w.clause + w.article + w.risk + w.field + w.action
    );
    assert_eq!(
        r[0].reasons,
        [
            "同引条款：第十条第一款第（五）项",
            "同一条文：第十条",
            "同一风险点：隐匿台账",
            "同一领域：培训",
            "同类执法：行政检查",
            "关键词：台账"
        ]
    );
}

#[test]
fn ties_are_broken_by_id() {
    let q = Query {
        field: Some("安全".into()),
        ..Query::default()
    };
    assert_eq!(
        ranked(&q),
        vec![("c".into(), WEIGHTS.field), ("d".into(), WEIGHTS.field)]
    );
    let q = Query {
        clauses: vec!["art_12__para_1".into()],
        ..Query::default()
    };
    assert_eq!(
        ranked(&q),
        vec![("c".into(), WEIGHTS.article)],
        "same article, not the same clause"
    );
}
