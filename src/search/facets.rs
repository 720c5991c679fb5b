//! Facet codes for the browser: every document's kind, 领域, outcome, year and
//! cited articles, packed so the counts over *all* matching documents can be
//! computed without loading any document. A document's signature is five
//! numbers (kind, field, outcome, year, article set), the article set being an
//! index into a list of the distinct sets. Doc numbers follow the signature
//! (`indexer::doc_numbers` sorts by `order_key`), so documents alike are one run
//! of numbers and the table is a list of runs: its size grows with the number of
//! distinct signatures, not with the number of documents.

use super::encode;
use super::{ClauseEntry, DocKind, SearchDoc};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};

/// Facet value names; a code `i > 0` in a signature means `names[i - 1]`.
#[derive(Debug, Serialize)]
pub struct Names {
    pub kinds: Vec<&'static str>,
    pub fields: Vec<String>,
    pub outcomes: Vec<String>,
    pub years: Vec<String>,
    /// (eId, label) of each cited article, in article order.
    pub articles: Vec<(String, String)>,
}

#[derive(Debug, Serialize)]
pub struct Codes {
    /// Article sets: indexes into `Names::articles`.
    pub sets: Vec<Vec<usize>>,
    /// The runs in doc-number order, six VLQ numbers each: the run's length,
    /// then kind, field, outcome, year and article set of its documents.
    pub runs: String,
}

/// Kind, field, outcome, year and cited articles (in article order).
pub type OrderKey = (
    usize,
    Option<String>,
    Option<String>,
    Option<String>,
    Vec<(u32, u32, String)>,
);

/// What documents are sorted by before their id: equal keys, equal signatures.
pub fn order_key(d: &SearchDoc) -> OrderKey {
    let kind = DocKind::ALL.iter().position(|k| *k == d.kind).unwrap_or(0);
    let arts: BTreeSet<(u32, u32, String)> = d
        .clauses
        .iter()
        .map(|c| article_order(article_of(c)))
        .collect();
    (
        kind,
        d.field.clone(),
        d.outcome.clone(),
        year(d),
        arts.into_iter().collect(),
    )
}

fn article_of(eid: &str) -> &str {
    eid.split("__").next().unwrap_or(eid)
}

/// (number, suffix) of "art_10-1", for ordering; unknown shapes sort last.
fn article_order(eid: &str) -> (u32, u32, String) {
    let rest = eid.strip_prefix("art_").unwrap_or("");
    let (n, s) = rest.split_once('-').unwrap_or((rest, "0"));
    (
        n.parse().unwrap_or(u32::MAX),
        s.parse().unwrap_or(0),
        eid.to_string(),
    )
}

fn index_of(names: &[String], v: &Option<String>) -> usize {
    v.as_ref()
        .and_then(|v| names.iter().position(|n| n == v))
        .map_or(0, |i| i + 1)
}

/// The values each facet can take, in the order the page lists them.
fn names_of(docs: &[SearchDoc], clauses: &[ClauseEntry], declared: &[String]) -> Names {
    let mut fields: Vec<String> = docs
        .iter()
        .filter_map(|d| d.field.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    fields.sort();
    let present: BTreeSet<&str> = docs.iter().filter_map(|d| d.outcome.as_deref()).collect();
    let mut outcomes: Vec<String> = declared
        .iter()
        .filter(|o| present.contains(o.as_str()))
        .cloned()
        .collect();
    outcomes.extend(
        present
            .iter()
            .filter(|o| !declared.iter().any(|d| d == *o))
            .map(|o| o.to_string()),
    );
    let years: Vec<String> = docs
        .iter()
        .filter_map(year)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut arts: Vec<&str> = docs
        .iter()
        .flat_map(|d| d.clauses.iter().map(|c| article_of(c)))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    arts.sort_by_key(|a| article_order(a));
    let label = |eid: &str| {
        clauses
            .iter()
            .find(|c| c.eid == eid)
            .map_or_else(|| eid.to_string(), |c| c.label.clone())
    };
    let articles: Vec<(String, String)> = arts.iter().map(|a| (a.to_string(), label(a))).collect();
    Names {
        kinds: DocKind::ALL.iter().map(|k| k.as_str()).collect(),
        fields,
        outcomes,
        years,
        articles,
    }
}

/// A document's year, the facet value of its date.
fn year(d: &SearchDoc) -> Option<String> {
    d.date
        .as_ref()
        .and_then(|s| s.get(0..4))
        .map(str::to_string)
}

pub fn build(
    docs: &[SearchDoc],
    nums: &[u64],
    clauses: &[ClauseEntry],
    outcomes: &[String],
) -> (Names, Codes) {
    let names = names_of(docs, clauses, outcomes);
    let (fields, outcomes, years) = (&names.fields, &names.outcomes, &names.years);
    let arts: Vec<&str> = names.articles.iter().map(|(a, _)| a.as_str()).collect();
    let art_index: HashMap<&str, usize> = arts.iter().enumerate().map(|(i, a)| (*a, i)).collect();

    let mut sets: Vec<Vec<usize>> = Vec::new();
    let mut set_ids: HashMap<Vec<usize>, usize> = HashMap::new();
    let mut records = vec![[0usize; 5]; docs.len()];
    // Walk in doc-number order so set numbering is deterministic.
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by_key(|&i| nums[i]);
    for i in order {
        let d = &docs[i];
        let set: Vec<usize> = d
            .clauses
            .iter()
            .map(|c| art_index[article_of(c)])
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let next = sets.len();
        let set_id = *set_ids.entry(set.clone()).or_insert_with(|| {
            sets.push(set);
            next
        });
        let kind = DocKind::ALL.iter().position(|k| *k == d.kind).unwrap_or(0);
        records[nums[i] as usize] = [
            kind,
            index_of(fields, &d.field),
            index_of(outcomes, &d.outcome),
            index_of(years, &year(d)),
            set_id,
        ];
    }
    let mut runs = String::new();
    let mut i = 0;
    while i < records.len() {
        let len = records[i..]
            .iter()
            .take_while(|r| **r == records[i])
            .count();
        encode::vlq(&mut runs, len as u32);
        for v in records[i] {
            encode::vlq(&mut runs, v as u32);
        }
        i += len;
    }
    (names, Codes { sets, runs })
}
