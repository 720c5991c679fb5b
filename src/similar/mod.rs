//! Similar cases (类案检索): one integer ranking of the bundled cases against a
//! query — a case's own facts and metadata (case pages, `regkb similar ID`) or
//! a pasted description and picked filters (`similar.html`, `regkb similar
//! --text`). `assets/similar.js` is a line-by-line port of `rank`; both only
//! add integers read from the search export, so they order alike.
//!
//! Score of a case = text part + structured part.
//! - Text: Σ over the query's distinct analyzer terms t (count capped at
//!   `MAX_COUNT`; terms held by more than half the cases ignored, they say
//!   nothing about *this* situation; of the rest only the `max_terms` rarest in
//!   the index, ties by order of appearance — what keeps 10k case pages fast)
//!   of count(t) × impact(t, case), the BM25
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
mod prepared;
pub mod site;
pub mod table;

use crate::search::analyzer;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Arc;

pub use prepared::Prepared;
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
    /// How many of the query's terms are used: the rarest (see above).
    pub max_terms: usize,
}

pub const WEIGHTS: Weights = Weights {
    text_scale: 10,
    clause: 60,
    article: 30,
    field: 40,
    action: 15,
    risk: 60,
    implied_risk: 40,
    max_terms: 128,
};

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

/// A term's postings: (doc number, impact) over all search documents.
pub type Postings = Arc<Vec<(u32, u32)>>;

/// Ranks every case but the excluded one; `postings(term)` gives the term's
/// postings (empty if unknown). Only cases with a positive score are returned,
/// best first, at most `limit`, each with its reasons.
pub fn rank(
    table: &CaseTable,
    query: &Query,
    postings: &mut dyn FnMut(&str) -> Postings,
    limit: usize,
) -> Vec<Scored> {
    Prepared::new(table).rank(query, postings, limit)
}

impl Prepared<'_> {
    /// `rank` over a table prepared once (a build ranks once per case).
    pub fn rank(
        &self,
        query: &Query,
        postings: &mut dyn FnMut(&str) -> Postings,
        limit: usize,
    ) -> Vec<Scored> {
        let table = self.table;
        let n = table.cases.len();
        let w = table.weights;
        // The rarest terms first (shortest postings, then order of appearance).
        let mut candidates: Vec<(usize, String, u32, Postings)> = query_terms(&query.text)
            .into_iter()
            .enumerate()
            .map(|(k, (t, c))| {
                let l = postings(&t);
                (k, t, c, l)
            })
            .collect();
        candidates.sort_by_key(|(k, _, _, l)| (l.len(), *k));
        let mut kept = Vec::new();
        for cand in candidates {
            if kept.len() == w.max_terms {
                break;
            }
            let df = self.case_df(&cand.1, &cand.3);
            if cand.3.is_empty() || df * 2 > n {
                continue;
            }
            kept.push(cand);
        }
        let mut text = vec![0u64; n];
        let mut risk_text = vec![0u64; table.risk_docs.len()];
        let mut total: u64 = 0;
        for (_, _, count, list) in &kept {
            total += *count as u64;
            for &(num, imp) in list.iter() {
                let c = *count as u64 * imp as u64;
                if let Some(i) = self.case_of(num) {
                    text[i] += c;
                } else if let Some(r) = self.risk_of(num) {
                    risk_text[r] += c;
                }
            }
        }
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
        let q = self.intern(query, implied);
        // Scores first, in integers; reasons only for what is shown.
        let mut scored: Vec<(u64, usize)> = Vec::new();
        for (i, row) in self.rows.iter().enumerate() {
            if q.exclude == Some(i) {
                continue;
            }
            let mut score = if total == 0 {
                0
            } else {
                text[i] * w.text_scale / total
            };
            score += w.clause * row.clauses.iter().filter(|c| q.clauses.contains(c)).count() as u64;
            score += w.article
                * row
                    .articles
                    .iter()
                    .filter(|a| q.articles.contains(a))
                    .count() as u64;
            score += w.risk * row.risks.iter().filter(|r| q.risks.contains(r)).count() as u64;
            if q.implied.is_some_and(|r| row.risks.contains(&r)) {
                score += w.implied_risk;
            }
            if q.field == Some(row.field) {
                score += w.field;
            }
            if q.action == Some(row.action) {
                score += w.action;
            }
            if score > 0 {
                scored.push((score, i));
            }
        }
        // The table is sorted by id, so the index breaks ties by id; only the
        // first `limit` need ordering.
        let order = |a: &(u64, usize), b: &(u64, usize)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        if scored.len() > limit && limit > 0 {
            scored.select_nth_unstable_by(limit - 1, order);
            scored.truncate(limit);
        }
        scored.sort_unstable_by(order);
        scored.truncate(limit);
        scored
            .into_iter()
            .map(|(score, i)| Scored {
                case: i,
                score,
                reasons: reasons(table, query, &kept, implied, i),
            })
            .collect()
    }
}

/// Why case `i` was chosen, in the order the pages show it.
fn reasons(
    table: &CaseTable,
    query: &Query,
    kept: &[(usize, String, u32, Postings)],
    implied: Option<&str>,
    i: usize,
) -> Vec<String> {
    let case = &table.cases[i];
    let mut reasons = Vec::new();
    let shared: Vec<&String> = case
        .clauses
        .iter()
        .filter(|c| query.clauses.contains(c))
        .collect();
    if !shared.is_empty() {
        reasons.push(format!(
            "同引条款：{}",
            join(shared.iter().map(|e| table.label(e)))
        ));
    }
    let mut articles: Vec<&str> = case.clauses.iter().map(|c| article_of(c)).collect();
    articles.sort_unstable();
    articles.dedup();
    let arts: Vec<&str> = articles
        .into_iter()
        .filter(|a| query.clauses.iter().any(|q| article_of(q) == *a))
        .collect();
    if !arts.is_empty() {
        reasons.push(format!(
            "同一条文：{}",
            join(arts.iter().map(|a| table.label(a)))
        ));
    }
    let risks: Vec<&String> = case
        .risks
        .iter()
        .filter(|r| query.risks.contains(r))
        .collect();
    if !risks.is_empty() {
        reasons.push(format!(
            "同一风险点：{}",
            join(risks.iter().map(|r| table.risk_title(r)))
        ));
    }
    if let Some(r) = implied.filter(|r| case.risks.iter().any(|x| x == r)) {
        reasons.push(format!("描述接近风险点：{}", table.risk_title(r)));
    }
    if query.field.as_deref() == Some(case.field.as_str()) {
        reasons.push(format!("同一领域：{}", case.field));
    }
    if query.action.as_deref() == Some(case.action.as_str()) {
        reasons.push(format!("同类执法：{}", case.action));
    }
    let mut terms: Vec<(u64, &str)> = kept
        .iter()
        .filter_map(|(_, t, count, list)| {
            // Postings are sorted by doc number.
            let at = list.binary_search_by_key(&case.num, |&(num, _)| num).ok()?;
            Some((*count as u64 * list[at].1 as u64, t.as_str()))
        })
        .collect();
    terms.sort_unstable_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    if !terms.is_empty() {
        reasons.push(format!(
            "关键词：{}",
            join(terms.iter().take(KEY_TERMS).map(|t| t.1))
        ));
    }
    reasons
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
