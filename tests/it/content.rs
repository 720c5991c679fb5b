//! The bundled knowledge base meets its coverage requirements: every item of
//! 第九条, 第十条 and 第十一条 and 第十二条 applied by a case, every outcome at least
//! four times, every field at least three cases, dates within the rules' life.

use super::support::repo;
use regkb::content::date::Date;
use std::collections::BTreeMap;

#[test]
fn bundled_cases_cover_the_rules() {
    let (lib, report) = regkb::library::load(&repo()).expect("bundled content loads");
    assert_eq!(report.diagnostics.len(), 0);
    assert!(lib.cases.len() >= 36);
    let reg = &lib.regulations[0].tree;
    let cited: BTreeMap<String, Vec<&str>> = lib.cases.iter().fold(BTreeMap::new(), |mut m, c| {
        for k in &c.clauses {
            m.entry(k.eid.clone()).or_default().push(c.id.as_str());
        }
        m
    });
    let mut required: Vec<String> = Vec::new();
    for (article, paragraph) in [(9, 0), (10, 0), (11, 0)] {
        let a = reg
            .articles
            .iter()
            .find(|a| a.number.number == article)
            .unwrap();
        required.extend(a.paragraphs[paragraph].points.iter().map(|p| p.eid.clone()));
    }
    required.extend(["art_10__para_2".to_string(), "art_12".to_string()]);
    for eid in &required {
        assert!(
            cited.contains_key(eid),
            "no case applies {}",
            reg.label(eid).unwrap()
        );
    }
    for o in lib.config.outcome_names() {
        let n = lib.cases.iter().filter(|c| c.outcome == o).count();
        assert!(n >= 4, "{o} has {n} cases");
    }
    let mut fields: BTreeMap<&str, usize> = BTreeMap::new();
    for c in &lib.cases {
        *fields.entry(c.field.as_str()).or_default() += 1;
    }
    assert!(
        fields.len() >= 6 && fields.values().all(|&n| n >= 3),
        "{fields:?}"
    );
    let (from, to) = (
        Date::parse("2024-10-14").unwrap(),
        Date::parse("2026-10-31").unwrap(),
    );
    assert!(
        lib.cases
            .iter()
            .all(|c| c.sample && c.date >= from && c.date <= to)
    );
    assert!(lib.risks.len() >= 10 && lib.risks.iter().all(|r| !r.cases.is_empty()));
    assert_eq!(lib.annotations.len(), 19 + 9 + 8 + 3 + 3);
}
