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

pub mod export;
pub mod model;
pub mod page;
pub mod prepared;
pub mod reader;
pub mod site;
pub mod table;

use serde::{Deserialize, Serialize};

pub use model::{Lookup, Model, TermList};
pub use table::{CaseRow, CaseTable, Head};

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
    /// Words named as 关键词 in a case's reasons.
    pub key_terms: usize,
    /// Words starting so are anonymised placeholders (某某, 某机构), never key terms.
    pub placeholder: String,
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
        key_terms: KEY_TERMS,
        placeholder: "某".to_string(),
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

/// The tf weight of a term counted `count` times.
pub fn tf(w: &Weights, count: u32) -> u64 {
    w.tf[(count as usize).min(w.tf.len() - 1)] as u64
}

/// Keeps the `max_query_terms` heaviest of (weight, key, …), heaviest first,
/// ties by key: the one rule of which query terms count (the case pages'
/// queries made from term ids, `site::heaviest`, keep the same ones).
pub fn keep_heaviest<T>(w: &Weights, terms: &mut Vec<(u64, &str, T)>) {
    terms.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    terms.truncate(w.max_query_terms);
}

/// The query's heaviest terms (tf weight × idf), ties by key.
fn kept_terms(w: &Weights, terms: &[(String, u32)], lookup: &mut Lookup) -> Vec<Kept> {
    let mut found: Vec<(u64, &str, std::sync::Arc<TermList>)> = terms
        .iter()
        .filter_map(|(t, c)| {
            let list = lookup(t)?;
            Some((tf(w, *c) * list.idf as u64, t.as_str(), list))
        })
        .collect();
    keep_heaviest(w, &mut found);
    found
        .into_iter()
        .map(|(weight, key, list)| Kept {
            key: key.to_string(),
            weight,
            list,
        })
        .collect()
}

/// Reusable buffers of a ranking: one text score per case, and which are set.
#[derive(Default)]
pub struct Scratch {
    text: Vec<u64>,
    touched: Vec<u32>,
    by_text: Vec<(u64, usize)>,
}

impl Scratch {
    /// The text score of every case holding a kept term (the others stay 0).
    fn accumulate(&mut self, kept: &[Kept], n: usize) {
        // Only the entries the last ranking touched are non-zero: clear those, not
        // all n (at 100k cases, clearing everything per case page dominated).
        for &i in &self.touched {
            self.text[i as usize] = 0;
        }
        self.touched.clear();
        if self.text.len() != n {
            self.text.clear();
            self.text.resize(n, 0);
        }
        for k in kept {
            for &(i, dw) in &k.list.cases {
                let Some(slot) = self.text.get_mut(i as usize) else {
                    continue;
                };
                if *slot == 0 {
                    self.touched.push(i);
                }
                *slot += k.weight * dw as u64;
            }
        }
    }
}

/// Ranks every case of the table but the excluded one; `lookup(key)` gives a
/// term's list (None if the model has no such term). Only cases with a
/// positive score are returned, best first, at most `limit`, each with its reasons.
pub fn rank(table: &CaseTable, query: &Query, lookup: &mut Lookup, limit: usize) -> Vec<Scored> {
    let prepared = prepared::Prepared::new(table);
    rank_table(
        &mut Scratch::default(),
        &prepared,
        table,
        query,
        lookup,
        limit,
    )
}

/// `rank` with buffers kept between calls (a build ranks once per case).
pub fn rank_table(
    s: &mut Scratch,
    prepared: &prepared::Prepared,
    table: &CaseTable,
    query: &Query,
    lookup: &mut Lookup,
    limit: usize,
) -> Vec<Scored> {
    let meta = prepared.query(query);
    let w = &table.head.weights;
    let exclude = query.exclude.as_deref().and_then(|e| table.find(e));
    let ranked = rank_with(
        s,
        &table.head,
        query,
        lookup,
        &|i| prepared.bonus(w, &meta, i),
        exclude,
        limit,
    );
    ranked.scored(&table.head, query, |i| &table.cases[i])
}

/// The best cases of a ranking, before their reasons are written (those need
/// the rows of the shown cases only).
pub struct Ranked {
    kept: Vec<Kept>,
    /// (score, case index), best first.
    pub top: Vec<(u64, usize)>,
}

impl Ranked {
    /// With each case's reasons; `row(i)` is case i's row.
    pub fn scored<'a>(
        &self,
        head: &Head,
        query: &Query,
        row: impl Fn(usize) -> &'a CaseRow,
    ) -> Vec<Scored> {
        self.top
            .iter()
            .map(|&(score, i)| Scored {
                case: i,
                score,
                reasons: reasons(head, query, &self.kept, i, row(i)),
            })
            .collect()
    }
}

/// The ranking over `head.count` cases: the text score from the query's kept
/// terms, times 1000 plus `bonus(i)` (the structured bonus of case i, per
/// mille, uncapped; capped here), or the bonus alone when no term is kept.
pub fn rank_with(
    s: &mut Scratch,
    head: &Head,
    query: &Query,
    lookup: &mut Lookup,
    bonus: &dyn Fn(usize) -> u64,
    exclude: Option<usize>,
    limit: usize,
) -> Ranked {
    let w = &head.weights;
    let n = head.count;
    let kept = kept_terms(w, &query.terms, lookup);
    s.accumulate(&kept, n);
    let order = |a: &(u64, usize), b: &(u64, usize)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
    let mut scored: Vec<(u64, usize)> = Vec::new();
    if kept.is_empty() {
        for i in 0..n {
            let b = bonus(i);
            if b > 0 && Some(i) != exclude {
                scored.push((b, i));
            }
        }
    } else {
        let by_text = &mut s.by_text;
        by_text.clear();
        by_text.extend(
            s.touched
                .iter()
                .map(|&i| (s.text[i as usize], i as usize))
                .filter(|&(_, i)| Some(i) != exclude),
        );
        // The limit best texts first; then a case is weighed only if its text
        // with the largest bonus could still beat the worst of the list so far
        // (an exact cut: the same answer, without a bonus for every candidate).
        if limit > 0 && by_text.len() > limit {
            by_text.select_nth_unstable_by(limit - 1, order);
        }
        let head_len = by_text
            .len()
            .min(if limit > 0 { limit } else { usize::MAX });
        for &(t, i) in &by_text[..head_len] {
            scored.push((t * (w.base + bonus(i).min(w.cap)), i));
        }
        if head_len < by_text.len() {
            let worst_of = |v: &[(u64, usize)]| {
                (0..v.len())
                    .max_by(|&a, &b| order(&v[a], &v[b]))
                    .unwrap_or(0)
            };
            let mut worst = worst_of(&scored);
            for &(t, i) in &by_text[head_len..] {
                if t * (w.base + w.cap) < scored[worst].0 {
                    continue;
                }
                let f = (t * (w.base + bonus(i).min(w.cap)), i);
                if order(&f, &scored[worst]).is_lt() {
                    scored[worst] = f;
                    worst = worst_of(&scored);
                }
            }
        }
    }
    // Case indexes follow ids, so the index breaks ties by id.
    if limit > 0 && scored.len() > limit {
        scored.select_nth_unstable_by(limit - 1, order);
        scored.truncate(limit);
    }
    scored.sort_unstable_by(order);
    scored.truncate(limit);
    Ranked { kept, top: scored }
}

/// Why case `i` (its row: `case`) was chosen, in the order the pages show it.
fn reasons(head: &Head, query: &Query, kept: &[Kept], i: usize, case: &CaseRow) -> Vec<String> {
    let mut reasons = Vec::new();
    let mut terms: Vec<(u64, &str)> = kept
        .iter()
        .filter_map(|k| {
            let word = k.key.strip_prefix('w')?;
            if word.starts_with(head.weights.placeholder.as_str()) {
                return None;
            }
            let at = k
                .list
                .cases
                .binary_search_by_key(&(i as u32), |c| c.0)
                .ok()?;
            Some((k.weight * k.list.cases[at].1 as u64, word))
        })
        .collect();
    terms.sort_unstable_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    if !terms.is_empty() {
        reasons.push(format!(
            "关键词：{}",
            join(terms.iter().take(head.weights.key_terms).map(|t| t.1))
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
            join(shared.iter().map(|e| head.label(e)))
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
            join(arts.iter().map(|a| head.label(a)))
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
            join(risks.iter().map(|r| head.risk_title(r)))
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

fn join<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items.collect::<Vec<_>>().join("、")
}

impl Scored {
    /// What the CLI prints of it; `c` is its row.
    pub fn similar(&self, c: &CaseRow) -> Similar {
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
