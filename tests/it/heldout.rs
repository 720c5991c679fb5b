//! Retrieval measured on content the ranking was not tuned on
//! (tests/fixtures/heldout/, written blind to the ranking code from a brief):
//! precision@3 of the case pages and of the finder over 35 new cases in 7
//! topics added to the bundled knowledge base, and nDCG@10 and hit counts of
//! 32 search queries with graded judgments over the bundled knowledge base.
//! Prints every figure; fails when one falls more than `MARGIN` below
//! tests/fixtures/heldout/baseline.toml (rewrite it with REGKB_UPDATE_BASELINE=1).
//!
//! `cargo test --release --test it heldout -- --nocapture`

use super::support::*;
use regkb::similar::site::{Request, similar};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const MARGIN: f64 = 0.05;

#[derive(Deserialize)]
struct Labels {
    case: Vec<CaseLabel>,
    description: Vec<Description>,
}

#[derive(Deserialize)]
struct CaseLabel {
    id: String,
    topic: String,
}

#[derive(Deserialize)]
struct Description {
    topic: String,
    text: String,
}

#[derive(Deserialize)]
struct Queries {
    query: Vec<Query>,
}

#[derive(Deserialize)]
struct Query {
    q: String,
    qrels: BTreeMap<String, u32>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Baseline {
    case_page_p3: f64,
    finder_p3: f64,
    search_ndcg10: f64,
}

fn heldout(name: &str) -> PathBuf {
    fixture("heldout").join(name)
}

/// The bundled knowledge base with the held-out cases added, built.
fn site_with_heldout_cases(tmp: &Path) -> PathBuf {
    let root = tmp.join("kb");
    for dir in ["content", "templates"] {
        if repo().join(dir).exists() {
            copy_dir(&repo().join(dir), &root.join(dir));
        }
    }
    std::fs::copy(repo().join("config.toml"), root.join("config.toml")).unwrap();
    copy_dir(&heldout("cases"), &root.join("content/cases"));
    let site = tmp.join("site-heldout");
    build(&root, &site);
    site
}

fn top(site: &Path, req: Request) -> Vec<String> {
    similar(site, &req)
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect()
}

/// DCG over the first ten ids with gains 2^rel − 1.
fn dcg(ids: &[String], qrels: &BTreeMap<String, u32>) -> f64 {
    ids.iter()
        .take(10)
        .enumerate()
        .map(|(i, id)| {
            let rel = *qrels.get(id).unwrap_or(&0);
            ((1u64 << rel) - 1) as f64 / (i as f64 + 2.0).log2()
        })
        .sum()
}

fn ndcg10(ids: &[String], qrels: &BTreeMap<String, u32>) -> f64 {
    let mut ideal: Vec<(String, u32)> = qrels.iter().map(|(k, v)| (k.clone(), *v)).collect();
    ideal.sort_by(|a, b| b.1.cmp(&a.1));
    let ideal_ids: Vec<String> = ideal.into_iter().map(|(k, _)| k).collect();
    let best = dcg(&ideal_ids, qrels);
    if best == 0.0 {
        0.0
    } else {
        dcg(ids, qrels) / best
    }
}

#[test]
fn heldout_retrieval_does_not_fall() {
    let labels: Labels =
        toml::from_str(&std::fs::read_to_string(heldout("labels.toml")).unwrap()).unwrap();
    let queries: Queries =
        toml::from_str(&std::fs::read_to_string(heldout("queries.toml")).unwrap()).unwrap();
    assert!(labels.case.len() >= 24 && labels.description.len() >= 12 && queries.query.len() >= 30);
    let tmp = tempfile::tempdir().unwrap();
    let site = site_with_heldout_cases(tmp.path());
    let topic: BTreeMap<&str, &str> = labels
        .case
        .iter()
        .map(|c| (c.id.as_str(), c.topic.as_str()))
        .collect();

    // Case pages: of each held-out case's top 3, how many share its topic.
    let mut sum = 0.0;
    for c in &labels.case {
        let ids = top(
            &site,
            Request {
                case: Some(c.id.clone()),
                limit: 3,
                ..Request::default()
            },
        );
        let hits = ids
            .iter()
            .filter(|id| topic.get(id.as_str()) == Some(&c.topic.as_str()))
            .count();
        println!("case page {} ({}): {hits}/3  {ids:?}", c.id, c.topic);
        sum += hits as f64 / 3.0;
    }
    let case_page_p3 = sum / labels.case.len() as f64;

    // Finder: of each description's top 3, how many are cases of its topic.
    let mut sum = 0.0;
    for d in &labels.description {
        let ids = top(
            &site,
            Request {
                text: Some(d.text.clone()),
                limit: 3,
                ..Request::default()
            },
        );
        let hits = ids
            .iter()
            .filter(|id| topic.get(id.as_str()) == Some(&d.topic.as_str()))
            .count();
        println!(
            "finder ({}): {hits}/3  {ids:?}  {}",
            d.topic,
            d.text.chars().take(24).collect::<String>()
        );
        sum += hits as f64 / 3.0;
    }
    let finder_p3 = sum / labels.description.len() as f64;

    // Search over the bundled knowledge base alone.
    let bundled = tmp.path().join("site-bundled");
    build(&repo(), &bundled);
    let mut sum = 0.0;
    let mut hits_total = 0;
    for q in &queries.query {
        let all = regkb::search::search(&bundled, &q.q, None, usize::MAX).unwrap();
        let ids: Vec<String> = all.iter().map(|h| h.id.clone()).collect();
        let judged_in_all = ids.iter().filter(|id| q.qrels.contains_key(*id)).count();
        let n = ndcg10(&ids, &q.qrels);
        println!(
            "search {:<16} nDCG@10 {n:.3}  hits {:>3} (judged relevant {} of {})",
            q.q,
            ids.len(),
            judged_in_all,
            q.qrels.len()
        );
        sum += n;
        hits_total += ids.len();
    }
    let search_ndcg10 = sum / queries.query.len() as f64;

    let measured = Baseline {
        case_page_p3,
        finder_p3,
        search_ndcg10,
    };
    println!(
        "held-out: case-page P@3 = {case_page_p3:.3} ({} cases), finder P@3 = {finder_p3:.3} ({} descriptions), \
         search nDCG@10 = {search_ndcg10:.3} ({} queries, mean {:.1} hits of 140 documents)",
        labels.case.len(),
        labels.description.len(),
        queries.query.len(),
        hits_total as f64 / queries.query.len() as f64
    );
    let path = heldout("baseline.toml");
    if std::env::var_os("REGKB_UPDATE_BASELINE").is_some() {
        std::fs::write(&path, toml::to_string(&measured).unwrap()).unwrap();
    }
    let base: Baseline = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert!(
        case_page_p3 >= base.case_page_p3 - MARGIN,
        "case-page P@3 fell to {case_page_p3:.3} from {:.3}",
        base.case_page_p3
    );
    assert!(
        finder_p3 >= base.finder_p3 - MARGIN,
        "finder P@3 fell to {finder_p3:.3} from {:.3}",
        base.finder_p3
    );
    assert!(
        search_ndcg10 >= base.search_ndcg10 - MARGIN,
        "search nDCG@10 fell to {search_ndcg10:.3} from {:.3}",
        base.search_ndcg10
    );
}
