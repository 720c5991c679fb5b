//! Similar cases (类案检索): one integer ranking of the cases against a query —
//! a case's own text and metadata (case pages, `regkb similar ID`) or a
//! description and picked filters (`similar.html`, `regkb similar --text`).
//! `assets/similar.js` ranks the same way over what the export ships.
//!
//! The facts decide: the text score is the dot product of the query's TF-IDF
//! weights with each case's normalised vector (`model`), over the query's
//! `max_query_terms` heaviest terms. Shared clauses, articles, risk points,
//! field and action then add at most `cap`/`base` (12 %) to it: they reorder
//! cases whose texts are about equally close, and never lift a case with no
//! text in common. Only when the query has no text do they rank alone.
//!
//! Ties by case id; the query's own case is excluded.

pub mod model;
pub mod page;
pub mod site;
pub mod table;

use serde::{Deserialize, Serialize};

pub use model::{Lookup, Model, TermList};
pub use table::{CaseRow, CaseTable};

/// How many similar cases a case page lists.
pub const PAGE_LIST: usize = 5;
/// Matching words named in the reasons.
pub const KEY_TERMS: usize = 4;

/// The integer weights, written into `cases.js` so the browser uses these very numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Weights {
    /// Per mille of the text score, per shared clause eId.
    pub clause: u64,
    pub article: u64,
    pub risk: u64,
    pub field: u64,
    pub action: u64,
    /// The structured part adds at most `cap` per mille.
    pub cap: u64,
    pub base: u64,
    /// Query terms used: the heaviest (tf weight × idf), ties by key.
    pub max_query_terms: usize,
    /// `TF_WEIGHT`.
    pub tf: Vec<u32>,
}

pub fn weights() -> Weights {
    Weights {
        clause: 40,
        article: 20,
        risk: 40,
        field: 20,
        action: 10,
        cap: 120,
        base: 1000,
        max_query_terms: 48,
        tf: model::TF_WEIGHT.to_vec(),
    }
}

/// What a ranking starts from.
#[derive(Debug, Clone, Default)]
pub struct Query {
    /// Term keys (`w` word, `b` bigram) with counts (`model::text_terms`).
    pub terms: Vec<(String, u32)>,
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

/// The article of a clause eId (`art_10__para_1` → `art_10`, `slug/art_3__para_2` → `slug/art_3`).
pub fn article_of(eid: &str) -> &str {
    eid.split("__").next().unwrap_or(eid)
}

/// A query term kept for scoring: key, weight, postings.
struct Kept {
    key: String,
    weight: u64,
    list: std::sync::Arc<TermList>,
}

/// The query's heaviest terms (tf weight × idf), ties by key.
fn kept_terms(w: &Weights, terms: &[(String, u32)], lookup: &mut Lookup) -> Vec<Kept> {
    let mut kept: Vec<Kept> = terms
        .iter()
        .filter_map(|(t, c)| {
            let list = lookup(t)?;
            let tf = w.tf[(*c as usize).min(w.tf.len() - 1)] as u64;
            Some(Kept {
                key: t.clone(),
                weight: tf * list.idf as u64,
                list,
            })
        })
        .collect();
    kept.sort_by(|a, b| b.weight.cmp(&a.weight).then_with(|| a.key.cmp(&b.key)));
    kept.truncate(w.max_query_terms);
    kept
}

/// Reusable buffers of a ranking: one text score per case, and which are set.
#[derive(Default)]
pub struct Scratch {
    text: Vec<u64>,
    touched: Vec<u32>,
}

/// Ranks every case but the excluded one; `lookup(key)` gives a term's list
/// (None if the model has no such term). Only cases with a positive score are
/// returned, best first, at most `limit`, each with its reasons.
pub fn rank(table: &CaseTable, query: &Query, lookup: &mut Lookup, limit: usize) -> Vec<Scored> {
    rank_with(&mut Scratch::default(), table, query, lookup, limit)
}

/// `rank` with buffers kept between calls (a build ranks once per case).
pub fn rank_with(
    s: &mut Scratch,
    table: &CaseTable,
    query: &Query,
    lookup: &mut Lookup,
    limit: usize,
) -> Vec<Scored> {
    let w = &table.weights;
    let n = table.cases.len();
    let kept = kept_terms(w, &query.terms, lookup);
    let exclude = query.exclude.as_deref().and_then(|e| table.find(e));
    s.text.clear();
    s.text.resize(n, 0);
    s.touched.clear();
    for k in &kept {
        for &(i, dw) in &k.list.cases {
            let Some(slot) = s.text.get_mut(i as usize) else {
                continue;
            };
            if *slot == 0 {
                s.touched.push(i);
            }
            *slot += k.weight * dw as u64;
        }
    }
    let meta = Meta::of(query);
    let order = |a: &(u64, usize), b: &(u64, usize)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
    let mut scored: Vec<(u64, usize)> = Vec::new();
    if kept.is_empty() {
        for i in 0..n {
            let bonus = meta.bonus(w, &table.cases[i]);
            if bonus > 0 && Some(i) != exclude {
                scored.push((bonus, i));
            }
        }
    } else {
        let mut by_text: Vec<(u64, usize)> = s
            .touched
            .iter()
            .map(|&i| (s.text[i as usize], i as usize))
            .filter(|&(_, i)| Some(i) != exclude)
            .collect();
        // A case whose text score, with the largest bonus, stays below the
        // limit-th text score without one cannot reach the list: skip its
        // metadata (the same answer, without a bonus for every case).
        if limit > 0 && by_text.len() > limit {
            by_text.select_nth_unstable_by(limit - 1, order);
            let floor = by_text[limit - 1].0 * w.base;
            by_text.retain(|&(t, _)| t * (w.base + w.cap) >= floor);
        }
        for (t, i) in by_text {
            let bonus = meta.bonus(w, &table.cases[i]).min(w.cap);
            scored.push((t * (w.base + bonus), i));
        }
    }
    // The table is sorted by id, so the index breaks ties by id.
    if limit > 0 && scored.len() > limit {
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
            reasons: reasons(table, query, &kept, i),
        })
        .collect()
}

/// The query's metadata, with the articles of its clauses.
struct Meta<'a> {
    query: &'a Query,
    articles: Vec<&'a str>,
}

impl<'a> Meta<'a> {
    fn of(query: &'a Query) -> Meta<'a> {
        let mut articles: Vec<&str> = query.clauses.iter().map(|c| article_of(c)).collect();
        articles.sort_unstable();
        articles.dedup();
        Meta { query, articles }
    }

    /// Per mille, uncapped.
    fn bonus(&self, w: &Weights, c: &CaseRow) -> u64 {
        let q = self.query;
        let clauses = c.clauses.iter().filter(|e| q.clauses.contains(e)).count() as u64;
        let mut arts: Vec<&str> = c.clauses.iter().map(|e| article_of(e)).collect();
        arts.sort_unstable();
        arts.dedup();
        let articles = arts.iter().filter(|a| self.articles.contains(a)).count() as u64;
        let risks = c.risks.iter().filter(|r| q.risks.contains(r)).count() as u64;
        let mut b = w.clause * clauses + w.article * articles + w.risk * risks;
        if q.field.as_deref() == Some(c.field.as_str()) {
            b += w.field;
        }
        if q.action.as_deref() == Some(c.action.as_str()) {
            b += w.action;
        }
        b
    }
}

/// Why case `i` was chosen, in the order the pages show it.
fn reasons(table: &CaseTable, query: &Query, kept: &[Kept], i: usize) -> Vec<String> {
    let case = &table.cases[i];
    let mut reasons = Vec::new();
    let mut terms: Vec<(u64, &str)> = kept
        .iter()
        .filter_map(|k| {
            let word = k.key.strip_prefix('w')?;
            if !shown_as_key_term(word) {
                return None;
            }
            let at = k.list.cases.binary_search_by_key(&(i as u32), |c| c.0).ok()?;
            Some((k.weight * k.list.cases[at].1 as u64, word))
        })
        .collect();
    terms.sort_unstable_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    if !terms.is_empty() {
        reasons.push(format!(
            "关键词：{}",
            join(terms.iter().take(KEY_TERMS).map(|t| t.1))
        ));
    }
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
    if query.field.as_deref() == Some(case.field.as_str()) {
        reasons.push(format!("同一领域：{}", case.field));
    }
    if query.action.as_deref() == Some(case.action.as_str()) {
        reasons.push(format!("同类执法：{}", case.action));
    }
    reasons
}

/// Anonymised placeholders (某某, 某培训机构's 某…) are words to jieba but say
/// nothing about a situation.
pub fn shown_as_key_term(word: &str) -> bool {
    !word.starts_with('某')
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
