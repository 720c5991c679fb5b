//! Similar cases over the bundled site: quality against hand labels
//! (tests/fixtures/similar/labels.toml), the acceptance paragraph, the
//! CLI's JSON and the case pages' lists. The JS ranking is checked against the
//! CLI by tests/js/similar.test.js over a built site.

use super::support::*;
use regkb::similar::site::{Request, similar};
use serde::Deserialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::OnceLock;

/// Measured on the bundled cases with the TF-IDF model of issue 10 (see
/// docs/similar.md; the earlier, tuned ranking had 0.987 and 1.0 here but 0.49 on
/// held-out cases); the tests allow a small margin below these.
const CASE_PAGE_P3: f64 = 0.795;
const FINDER_P3: f64 = 0.944;
const MARGIN: f64 = 0.05;

#[derive(Deserialize)]
struct Labels {
    pair: Vec<Pair>,
    description: Vec<Description>,
}

#[derive(Deserialize)]
struct Pair {
    a: String,
    b: String,
    similar: bool,
}

#[derive(Deserialize)]
struct Description {
    name: String,
    text: String,
    relevant: Vec<String>,
}

fn labels() -> Labels {
    toml::from_str(&std::fs::read_to_string(fixture("similar/labels.toml")).unwrap()).unwrap()
}

/// The bundled site, built once for this module.
fn site() -> &'static Path {
    static SITE: OnceLock<(tempfile::TempDir, std::path::PathBuf)> = OnceLock::new();
    &SITE
        .get_or_init(|| {
            let tmp = tempfile::tempdir().unwrap();
            let site = tmp.path().join("site");
            build(&repo(), &site);
            (tmp, site)
        })
        .1
}

fn ids(req: &Request) -> Vec<String> {
    similar(site(), req)
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect()
}

fn case_req(id: &str, limit: usize) -> Request {
    Request {
        case: Some(id.into()),
        limit,
        ..Request::default()
    }
}

fn text_req(text: &str, limit: usize) -> Request {
    Request {
        text: Some(text.into()),
        limit,
        ..Request::default()
    }
}

/// Precision at 3 with the denominator capped by the number of relevant cases
/// (a case with one labelled partner scores 1 when that partner is in its top 3).
fn precision_at_3(top: &[String], relevant: &BTreeSet<String>) -> f64 {
    let hits = top
        .iter()
        .take(3)
        .filter(|id| relevant.contains(*id))
        .count();
    hits as f64 / relevant.len().min(3) as f64
}

#[test]
fn precision_at_3_does_not_fall() {
    let labels = labels();
    let mut partners: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for p in labels.pair.iter().filter(|p| p.similar) {
        partners.entry(p.a.clone()).or_default().insert(p.b.clone());
        partners.entry(p.b.clone()).or_default().insert(p.a.clone());
    }
    let mut sum = 0.0;
    for (id, rel) in &partners {
        let top = ids(&case_req(id, 3));
        let p = precision_at_3(&top, rel);
        println!("case page {id}: P@3 {p:.2}  top {top:?}  relevant {rel:?}");
        sum += p;
    }
    let case_p3 = sum / partners.len() as f64;
    let mut wrong = 0;
    for p in labels.pair.iter().filter(|p| !p.similar) {
        if ids(&case_req(&p.a, 3)).contains(&p.b) || ids(&case_req(&p.b, 3)).contains(&p.a) {
            println!("labelled dissimilar but in a top 3: {} / {}", p.a, p.b);
            wrong += 1;
        }
    }
    let mut sum = 0.0;
    for d in &labels.description {
        let top = ids(&text_req(&d.text, 3));
        let p = precision_at_3(&top, &d.relevant.iter().cloned().collect());
        println!("finder {:?}: P@3 {p:.2}  top {top:?}", d.name);
        sum += p;
    }
    let finder_p3 = sum / labels.description.len() as f64;
    println!(
        "similar cases: case-page P@3 = {case_p3:.3} over {} cases; finder P@3 = {finder_p3:.3} over {} descriptions; \
         {wrong} of {} dissimilar pairs in a top 3",
        partners.len(),
        labels.description.len(),
        labels.pair.iter().filter(|p| !p.similar).count()
    );
    assert!(labels.pair.len() >= 20 && labels.description.len() >= 10);
    assert!(
        case_p3 >= CASE_PAGE_P3 - MARGIN,
        "case-page P@3 fell to {case_p3:.3}"
    );
    assert!(
        finder_p3 >= FINDER_P3 - MARGIN,
        "finder P@3 fell to {finder_p3:.3}"
    );
    assert_eq!(wrong, 0, "a labelled dissimilar pair ranks in a top 3");
}

/// The acceptance scenario of issue 6: a paragraph about a tutoring institution
/// that hid its records brings the four concealed-records cases into the top 5
/// (2024-001, an institution that opened a class after an inspection, may stand among them).
#[test]
fn hidden_records_paragraph_brings_the_concealed_records_cases_first() {
    let d = labels().description.into_iter().next().unwrap();
    assert!(d.name.starts_with("acceptance"));
    let top: BTreeSet<String> = ids(&text_req(&d.text, 5)).into_iter().collect();
    let want: BTreeSet<String> = ["2025-007", "2025-016", "2026-001", "2024-002"]
        .map(String::from)
        .into();
    assert!(want.is_subset(&top), "{top:?}");
}

#[test]
fn cli_json_is_the_case_page_list_without_the_case_itself() {
    let dir = site().to_str().unwrap();
    let out = regkb(&[
        "similar", "2025-007", "--json", "--limit", "5", "--site", dir,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list.len(), 5);
    for s in &list {
        let keys: BTreeSet<&str> = s.as_object().unwrap().keys().map(|k| k.as_str()).collect();
        assert_eq!(
            keys,
            ["id", "outcome", "reasons", "score", "title", "url"].into()
        );
        assert_ne!(s["id"], "2025-007");
        assert!(!s["reasons"].as_array().unwrap().is_empty());
    }
    let scores: Vec<u64> = list.iter().map(|s| s["score"].as_u64().unwrap()).collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "best first: {scores:?}"
    );
    // The case page lists the same five, in the same order.
    let html = std::fs::read_to_string(site().join("cases/2025-0/2025-007.html")).unwrap();
    let section = &html[html.find("id=\"similar\"").expect("a similar section")..];
    let on_page: Vec<&str> = section
        .match_indices("href=\"../../cases/")
        .map(|(i, _)| {
            let rest = &section[i + 18..];
            let name = &rest[rest.find('/').unwrap() + 1..];
            &name[..name.find(".html").unwrap()]
        })
        .take(5)
        .collect();
    let from_cli: Vec<&str> = list.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(on_page, from_cli);
    // Reasons name shared clauses by label and the shared risk point by title.
    let first = list.iter().find(|s| s["id"] == "2025-016").unwrap();
    let reasons = first["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect::<Vec<_>>()
        .join("；");
    assert!(reasons.contains("第十条第一款第（五）项"), "{reasons}");
    assert!(reasons.contains("培训机构隐匿台账"), "{reasons}");
}

#[test]
fn ranking_is_deterministic_and_filters_count() {
    let text = "培训机构隐匿台账";
    let a = similar(site(), &text_req(text, 36)).unwrap();
    let b = similar(site(), &text_req(text, 36)).unwrap();
    assert_eq!(a, b);
    // Ties are broken by id.
    for w in a.windows(2) {
        assert!(w[0].score > w[1].score || (w[0].score == w[1].score && w[0].id < w[1].id));
    }
    let mut req = text_req(text, 36);
    req.clauses = vec!["第十二条".into()];
    let with = similar(site(), &req).unwrap();
    let refused = with.iter().find(|s| s.id == "2026-001").unwrap();
    let before = a.iter().find(|s| s.id == "2026-001").unwrap();
    assert!(refused.score > before.score);
    assert!(
        refused.reasons.iter().any(|r| r == "同引条款：第十二条"),
        "{:?}",
        refused.reasons
    );
}

#[test]
fn unknown_inputs_are_errors() {
    let dir = site().to_str().unwrap();
    let out = regkb(&["similar", "1999-001", "--site", dir]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error: E0905 没有编号为“1999-001”的案例"),
        "{stderr}"
    );
    let out = regkb(&["similar", "1999-001", "--site", dir, "--lang", "en"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("E0905 no case \"1999-001\""));
    let out = regkb(&[
        "similar",
        "--text",
        "台账",
        "--clause",
        "第九十九条",
        "--site",
        dir,
    ]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error: E0909 “第九十九条”不是该规定中的条款"),
        "{stderr}"
    );
}

/// What only the CLI reads (the cases' comparison texts, the segmenter's user
/// words) sits in the tantivy index folder, which no page loads; `cases.js`,
/// which the finder loads on open, holds no per-case data.
#[test]
fn cli_only_data_stays_beside_the_index() {
    let search = site().join("search");
    assert!(!search.join("case-facts.json").exists());
    let words: Vec<String> = serde_json::from_str(
        &std::fs::read_to_string(search.join("index/user-words.json")).unwrap(),
    )
    .unwrap();
    assert!(words.iter().any(|w| w == "校外培训监管"), "{words:?}");
    let head = std::fs::read_to_string(search.join("cases.js")).unwrap();
    assert!(
        !head.contains("2025-007") && !head.contains("\"holding\""),
        "{head}"
    );
    assert!(head.len() < 8 * 1024, "{} bytes", head.len());
    // The rows are in c/: every bundled case once.
    let mut ids = Vec::new();
    for e in std::fs::read_dir(search.join("c")).unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        ids.extend(
            text.match_indices("[\"20")
                .map(|(i, _)| text[i + 2..i + 10].to_string()),
        );
    }
    ids.sort();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n, "a case in two rows");
    assert_eq!(
        n,
        std::fs::read_dir(repo().join("content/cases"))
            .unwrap()
            .count()
    );
}
