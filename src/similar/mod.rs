//! Similar cases (类案检索): one integer ranking of the bundled cases against a
//! query — a case's own facts and metadata (case pages, `regkb similar ID`) or
//! a pasted description and picked filters (`similar.html`, `regkb similar
//! --text`). `assets/similar.js` is a line-by-line port of `rank`; both only
//! add integers read from the search export, so they order alike.
//!
//! Score of a case = text part + structured part.
//! - Text: Σ over the query's distinct analyzer terms t (count capped at
//!   `MAX_COUNT`; terms held by more than half the cases ignored, they say
//!   nothing about *this* situation) of count(t) × impact(t, case), the BM25
//!   impact the search export carries, × `TEXT_SCALE` / Σ counts. Dividing by
//!   the query's size keeps a 40-character description and a 400-character
//!   case on one scale against the fixed structured bonuses.
//! - Structured: bonuses for each shared clause eId, each shared article, the
//!   same field, the same action, each shared risk point.
//! - A description with no risk point picked is read against the risk points'
//!   own documents (same terms, same impacts): cases under the closest one get
//!   `implied_risk`, since the authors tagged cases with the risk behind them.
//!
//! Ties by case id; the query's own case is excluded.

pub mod page;
pub mod site;
pub mod table;

use crate::search::analyzer;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

pub use table::{CaseRow, CaseTable};

/// A query term's count is capped: a description that repeats 台账 five times
/// is not five times about 台账.
pub const MAX_COUNT: u32 = 3;
/// How many similar cases a case page lists.
pub const PAGE_LIST: usize = 5;
/// Matching terms named in the reasons.
pub const KEY_TERMS: usize = 4;

/// The integer weights, written into `cases.js` so the browser uses these very numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Weights {
    pub text_scale: u64,
    pub clause: u64,
    pub article: u64,
    pub field: u64,
    pub action: u64,
    pub risk: u64,
    pub implied_risk: u64,
}

pub const WEIGHTS: Weights = Weights { text_scale: 10, clause: 60, article: 30, field: 40, action: 15, risk: 60, implied_risk: 40 };

/// What a ranking starts from.
#[derive(Debug, Clone, Default)]
pub struct Query {
    pub text: String,
    pub field: Option<String>,
    pub action: Option<String>,
    /// Clause eIds (as in the search documents: `art_10__para_1__point_5`).
    pub clauses: Vec<String>,
    /// Risk point ids.
    pub risks: Vec<String>,
    /// A case id left out (the case a page is about).
    pub exclude: Option<String>,
}

/// One ranked case: an index into the table, its score and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scored {
    pub case: usize,
    pub score: u64,
    pub reasons: Vec<String>,
}

/// What `regkb similar --json` prints, one per case.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Similar {
    pub id: String,
    pub title: String,
    pub url: String,
    pub outcome: String,
    pub score: u64,
    pub reasons: Vec<String>,
}

/// The distinct terms of a text with their counts capped at `MAX_COUNT`, in
/// order of first appearance.
pub fn query_terms(text: &str) -> Vec<(String, u32)> {
    let mut out: Vec<(String, u32)> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    for t in analyzer::analyze(text) {
        match at.get(&t.text) {
            Some(&i) => out[i].1 = (out[i].1 + 1).min(MAX_COUNT),
            None => {
                at.insert(t.text.clone(), out.len());
                out.push((t.text, 1));
            }
        }
    }
    out
}

/// The article of a clause eId (`art_10__para_1` → `art_10`, `slug/art_3__para_2` → `slug/art_3`).
pub fn article_of(eid: &str) -> &str {
    eid.split("__").next().unwrap_or(eid)
}

/// Ranks every case but the excluded one; `postings(term)` gives the term's
/// (doc number, impact) list over all search documents (empty if unknown).
/// Only cases with a positive score are returned, best first.
pub fn rank(table: &CaseTable, query: &Query, postings: &mut dyn FnMut(&str) -> Vec<(u32, u32)>) -> Vec<Scored> {
    let n = table.cases.len();
    let by_num: HashMap<u32, usize> = table.cases.iter().enumerate().map(|(i, c)| (c.num, i)).collect();
    let mut text = vec![0u64; n];
    // Per case: (contribution, term) of each matching term, for the reasons.
    let mut hits: Vec<Vec<(u64, String)>> = vec![Vec::new(); n];
    let risk_by_num: HashMap<u32, usize> = table.risk_docs.iter().enumerate().map(|(i, r)| (r.1, i)).collect();
    let mut risk_text = vec![0u64; table.risk_docs.len()];
    let mut total: u64 = 0;
    for (term, count) in query_terms(&query.text) {
        let all = postings(&term);
        let list: Vec<(usize, u32)> = all.iter().filter_map(|(num, imp)| by_num.get(num).map(|&i| (i, *imp))).collect();
        if list.len() * 2 > n {
            continue;
        }
        total += count as u64;
        for (num, imp) in &all {
            if let Some(&r) = risk_by_num.get(num) {
                risk_text[r] += count as u64 * *imp as u64;
            }
        }
        for (i, imp) in list {
            let c = count as u64 * imp as u64;
            text[i] += c;
            hits[i].push((c, term.clone()));
        }
    }
    let w = table.weights;
    // The closest risk point (ties by id: risk_docs is sorted), only when none was picked.
    let mut implied: Option<&str> = None;
    if query.risks.is_empty() {
        let mut best = 0;
        for (i, r) in table.risk_docs.iter().enumerate() {
            if risk_text[i] > best {
                best = risk_text[i];
                implied = Some(r.0.as_str());
            }
        }
    }
    let mut out = Vec::new();
    for (i, case) in table.cases.iter().enumerate() {
        if query.exclude.as_deref() == Some(case.id.as_str()) {
            continue;
        }
        let mut reasons = Vec::new();
        let mut score = if total == 0 { 0 } else { text[i] * w.text_scale / total };
        let shared: Vec<&String> = case.clauses.iter().filter(|c| query.clauses.contains(c)).collect();
        score += w.clause * shared.len() as u64;
        if !shared.is_empty() {
            reasons.push(format!("同引条款：{}", join(shared.iter().map(|e| table.label(e)))));
        }
        let mut articles: Vec<&str> = case.clauses.iter().map(|c| article_of(c)).collect();
        articles.sort_unstable();
        articles.dedup();
        let arts: Vec<&str> =
            articles.into_iter().filter(|a| query.clauses.iter().any(|q| article_of(q) == *a)).collect();
        score += w.article * arts.len() as u64;
        if !arts.is_empty() {
            reasons.push(format!("同一条文：{}", join(arts.iter().map(|a| table.label(a)))));
        }
        let risks: Vec<&String> = case.risks.iter().filter(|r| query.risks.contains(r)).collect();
        score += w.risk * risks.len() as u64;
        if !risks.is_empty() {
            reasons.push(format!("同一风险点：{}", join(risks.iter().map(|r| table.risk_title(r)))));
        }
        if let Some(r) = implied.filter(|r| case.risks.iter().any(|x| x == r)) {
            score += w.implied_risk;
            reasons.push(format!("描述接近风险点：{}", table.risk_title(r)));
        }
        if query.field.as_deref() == Some(case.field.as_str()) {
            score += w.field;
            reasons.push(format!("同一领域：{}", case.field));
        }
        if query.action.as_deref() == Some(case.action.as_str()) {
            score += w.action;
            reasons.push(format!("同类执法：{}", case.action));
        }
        if score == 0 {
            continue;
        }
        let mut terms = std::mem::take(&mut hits[i]);
        terms.sort_unstable_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        if !terms.is_empty() {
            reasons.push(format!("关键词：{}", join(terms.iter().take(KEY_TERMS).map(|t| t.1.as_str()))));
        }
        out.push(Scored { case: i, score, reasons });
    }
    out.sort_unstable_by(|a, b| b.score.cmp(&a.score).then_with(|| table.cases[a.case].id.cmp(&table.cases[b.case].id)));
    out
}

fn join<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items.collect::<Vec<_>>().join("、")
}

impl Scored {
    pub fn similar(&self, table: &CaseTable) -> Similar {
        let c = &table.cases[self.case];
        Similar {
            id: c.id.clone(),
            title: c.title.clone(),
            url: c.url.clone(),
            outcome: c.outcome.clone(),
            score: self.score,
            reasons: self.reasons.clone(),
        }
    }
}

#[cfg(test)]
mod tests;
