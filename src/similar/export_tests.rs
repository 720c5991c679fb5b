//! The export's files read back: the metadata sets hold exactly the cases
//! holding each value (twice-cited values in a second layer), the rows of `c/`
//! hold every case once, and the bonus and terms the reader computes from them
//! are the build's.

use super::*;
use crate::search::sets::{self as keyed, SetReader};
use crate::similar::prepared::Prepared;
use crate::similar::reader::SiteCases;
use crate::similar::{Query, weights};

fn row(id: &str, field: &str, action: &str, clauses: &[&str], risks: &[&str]) -> CaseRow {
    CaseRow {
        id: id.into(),
        title: format!("{id} 标题"),
        url: format!("cases/{id}.html"),
        field: field.into(),
        action: action.into(),
        outcome: "容错免责".into(),
        outcome_slug: "tolerated".into(),
        clauses: clauses.iter().map(|c| c.to_string()).collect(),
        risks: risks.iter().map(|r| r.to_string()).collect(),
        holding: "认定容错。".into(),
        sample: id.ends_with('1'),
    }
}

/// 40 cases: fields, actions, clauses and risks in a pattern; case 7 cites a clause twice.
fn table() -> CaseTable {
    let fields = ["培训", "安全", "收费"];
    let actions = ["行政检查", "行政处罚"];
    let clauses = [
        "art_10__para_1__point_5",
        "art_10__para_2",
        "art_12",
        "art_9__para_1__point_1",
    ];
    let cases = (0..40)
        .map(|i| {
            let mut cited = vec![clauses[i % 4]];
            if i % 3 == 0 {
                cited.push(clauses[(i + 1) % 4]);
            }
            if i == 7 {
                cited.push(clauses[3]);
            }
            let risks: &[&str] = if i % 5 == 0 { &["hidden"] } else { &[] };
            row(
                &format!("2025-{i:03}"),
                fields[i % 3],
                actions[i % 2],
                &cited,
                risks,
            )
        })
        .collect();
    CaseTable::new(
        weights(),
        Default::default(),
        [("hidden".into(), "隐匿台账".into())].into(),
        cases,
    )
}

fn model(n: usize) -> Model {
    let texts: Vec<Vec<(String, u32)>> = (0..n)
        .map(|i| {
            let words = ["台账", "暴雪", "校车", "收费"];
            let w: Vec<String> = vec![words[i % 4].to_string()];
            let text = format!("{}{}", words[i % 4], "检查".repeat(i % 3 + 1));
            crate::similar::model::text_terms(&w, &text)
        })
        .collect();
    Model::build(&texts, &[])
}

/// Writes what a build writes for similar cases (and a meta.js naming the sets).
fn written(t: &CaseTable, m: &Model) -> (tempfile::TempDir, SiteCases) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::create_dir_all(dir.join("index")).unwrap();
    let (model_set, lists) = model_set(m);
    let mut buckets = serde_json::Map::new();
    for set in [model_set, meta_set(t)] {
        let (n, _) = keyed::write(dir, &set.name, &set.entries, set.bucket_bytes).unwrap();
        buckets.insert(set.name.clone(), json!(n));
    }
    std::fs::write(
        dir.join("meta.js"),
        format!("regkbSearch.meta({});\n", json!({"sets": buckets})),
    )
    .unwrap();
    write(t, &lists, &["隐匿台账".to_string()], dir).unwrap();
    let cases = SiteCases::open(dir).unwrap();
    (tmp, cases)
}

#[test]
fn each_metadata_value_lists_the_cases_holding_it() {
    let t = table();
    let (tmp, _) = written(&t, &model(t.cases.len()));
    let reader = SetReader::open(tmp.path()).unwrap();
    let holders = |key: &str| -> Vec<Vec<u32>> {
        let v = reader.get("m", key).unwrap().expect(key);
        let layers = match v {
            Value::Array(a) => a,
            one => vec![one],
        };
        layers
            .iter()
            .map(|l| {
                encode::decode(l.as_str().unwrap(), false)
                    .into_iter()
                    .map(|d| d.0)
                    .collect()
            })
            .collect()
    };
    let want = |f: &dyn Fn(&CaseRow) -> bool| -> Vec<u32> {
        (0..t.cases.len() as u32)
            .filter(|&i| f(&t.cases[i as usize]))
            .collect()
    };
    assert_eq!(holders("f安全"), [want(&|c| c.field == "安全")]);
    assert_eq!(holders("x行政处罚"), [want(&|c| c.action == "行政处罚")]);
    assert_eq!(
        holders("rhidden"),
        [want(&|c| c.risks.contains(&"hidden".into()))]
    );
    assert_eq!(
        holders("aart_10"),
        [want(&|c| c.clauses.iter().any(|e| e.starts_with("art_10")))]
    );
    // Case 7 cites art_9__para_1__point_1 twice: it is in the second layer too.
    let point = holders("cart_9__para_1__point_1");
    assert_eq!(point.len(), 2);
    assert_eq!(
        point[0],
        want(&|c| c.clauses.contains(&"art_9__para_1__point_1".into()))
    );
    assert_eq!(point[1], [7]);
    assert!(reader.get("m", "f没有这个领域").unwrap().is_none());
}

#[test]
fn the_rows_hold_every_case_once_in_order() {
    let t = table();
    let (tmp, cases) = written(&t, &model(t.cases.len()));
    assert_eq!(cases.head, t.head);
    assert!(
        t.head.chunk >= 1 && t.head.chunk < t.cases.len(),
        "{}",
        t.head.chunk
    );
    let files = std::fs::read_dir(tmp.path().join(ROWS_DIR))
        .unwrap()
        .count();
    assert_eq!(files, t.cases.len().div_ceil(t.head.chunk));
    for (i, c) in t.cases.iter().enumerate() {
        assert_eq!(&cases.row(i).unwrap(), c);
        assert_eq!(cases.find(&c.id).unwrap(), Ok(i));
    }
    assert!(cases.row(t.cases.len()).is_err());
    let near = cases.find("2025-0105").unwrap().unwrap_err();
    assert!(near.contains(&"2025-010".to_string()), "{near:?}");
    assert!(tmp.path().join(USER_WORDS).exists());
}

#[test]
fn the_bonus_from_the_sets_is_the_builds() {
    let t = table();
    let (_tmp, cases) = written(&t, &model(t.cases.len()));
    let prepared = Prepared::new(&t);
    let w = weights();
    let queries = [
        Query {
            field: Some("安全".into()),
            ..Query::default()
        },
        Query {
            action: Some("行政检查".into()),
            clauses: vec!["art_12".into(), "art_10__para_2".into(), "art_12".into()],
            ..Query::default()
        },
        Query {
            field: Some("培训".into()),
            action: Some("行政处罚".into()),
            clauses: vec!["art_9__para_1__point_1".into(), "art_10".into()],
            risks: vec!["hidden".into(), "hidden".into()],
            ..Query::default()
        },
        Query {
            field: Some("没有".into()),
            clauses: vec!["art_99".into()],
            ..Query::default()
        },
    ];
    for q in &queries {
        let meta = prepared.query(q);
        let want: Vec<u64> = (0..t.cases.len())
            .map(|i| prepared.bonus(&w, &meta, i))
            .collect();
        assert_eq!(cases.bonus(q).unwrap(), want, "{q:?}");
    }
    assert!(queries[2].clauses.iter().all(|c| !c.is_empty()));
    assert!(cases.bonus(&queries[2]).unwrap()[7] >= 2 * w.clause);
}

#[test]
fn terms_read_back_whole_inline_or_from_their_file() {
    let t = table();
    let m = model(t.cases.len());
    let (tmp, cases) = written(&t, &m);
    let (_, files) = model_set(&m);
    assert!(
        !files.is_empty(),
        "some lists are long enough for a file of their own"
    );
    assert_eq!(
        std::fs::read_dir(tmp.path().join(LISTS_DIR))
            .unwrap()
            .count(),
        files.len()
    );
    for (key, list) in &m.terms {
        assert_eq!(cases.term(key).unwrap().as_deref(), Some(&**list), "{key}");
    }
    assert_eq!(cases.term("w没有").unwrap(), None);
    assert_eq!(group_of("w台账记录"), "台账");
    assert_eq!(group_of("b台账"), "台账");
    assert_eq!(group_of("w某"), "某");
}
