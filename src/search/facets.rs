//! Facet codes for the browser: every document's kind, 领域, outcome, year and
//! cited articles, packed so the counts over *all* matching documents can be
//! computed without loading any document. Each document is one fixed-width
//! record of five bit fields (kind, field, outcome, year, article set), the
//! article set being an index into a list of the distinct sets; the records are
//! written back to back as a bit stream, 6 bits a character.

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
    /// Bits of each record field: kind, field, outcome, year, article set.
    pub bits: [u32; 5],
    /// Article sets: indexes into `Names::articles`.
    pub sets: Vec<Vec<usize>>,
    /// The records in doc-number order, least significant bit first.
    pub data: String,
}

fn bits_for(values: usize) -> u32 {
    (usize::BITS - values.saturating_sub(1).leading_zeros()).max(1)
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
    let bits = [
        bits_for(DocKind::ALL.len()),
        bits_for(fields.len() + 1),
        bits_for(outcomes.len() + 1),
        bits_for(years.len() + 1),
        bits_for(sets.len()),
    ];
    let mut stream = encode::BitWriter::default();
    for r in &records {
        for (v, &b) in r.iter().zip(&bits) {
            stream.push(*v as u32, b);
        }
    }
    (
        names,
        Codes {
            bits,
            sets,
            data: stream.finish(),
        },
    )
}
