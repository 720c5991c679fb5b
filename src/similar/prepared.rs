//! The case table's metadata as small integers, so the structured bonus of a
//! ranking compares numbers, not strings: a build ranks once per case, and at
//! 100k cases each ranking weighs thousands of candidates.

use super::{CaseTable, Query, Weights, article_of};
use rustc_hash::FxHashMap;

pub struct Prepared {
    rows: Vec<Row>,
    names: FxHashMap<String, u32>,
}

/// One case's (or a query's) metadata as interned ids; articles distinct.
#[derive(Default)]
pub struct Row {
    clauses: Vec<u32>,
    articles: Vec<u32>,
    risks: Vec<u32>,
    field: Option<u32>,
    action: Option<u32>,
}

/// Clause eIds, article eIds, risk ids, fields and actions share one map:
/// each is prefixed by its kind, so equal strings of two kinds never meet.
fn key(kind: char, s: &str) -> String {
    format!("{kind}{s}")
}

impl Prepared {
    pub fn new(table: &CaseTable) -> Prepared {
        let mut names: FxHashMap<String, u32> = FxHashMap::default();
        let mut id = |k: String| {
            let next = names.len() as u32;
            *names.entry(k).or_insert(next)
        };
        let rows = table
            .cases
            .iter()
            .map(|c| {
                let mut articles: Vec<u32> = c
                    .clauses
                    .iter()
                    .map(|e| id(key('a', article_of(e))))
                    .collect();
                articles.sort_unstable();
                articles.dedup();
                Row {
                    clauses: c.clauses.iter().map(|e| id(key('c', e))).collect(),
                    articles,
                    risks: c.risks.iter().map(|r| id(key('r', r))).collect(),
                    field: Some(id(key('f', &c.field))),
                    action: Some(id(key('x', &c.action))),
                }
            })
            .collect();
        Prepared { rows, names }
    }

    /// The query's metadata; names no case has match nothing.
    pub fn query(&self, q: &Query) -> Row {
        let look = |k: String| self.names.get(&k).copied();
        let mut articles: Vec<u32> = q
            .clauses
            .iter()
            .filter_map(|c| look(key('a', article_of(c))))
            .collect();
        articles.sort_unstable();
        articles.dedup();
        Row {
            clauses: q.clauses.iter().filter_map(|c| look(key('c', c))).collect(),
            articles,
            risks: q.risks.iter().filter_map(|r| look(key('r', r))).collect(),
            field: q.field.as_deref().and_then(|f| look(key('f', f))),
            action: q.action.as_deref().and_then(|a| look(key('x', a))),
        }
    }

    /// The structured bonus of case `i` for the interned query, per mille, uncapped.
    pub fn bonus(&self, w: &Weights, q: &Row, i: usize) -> u64 {
        let c = &self.rows[i];
        let shared = |a: &[u32], b: &[u32]| a.iter().filter(|x| b.contains(x)).count() as u64;
        let mut b = w.clause * shared(&c.clauses, &q.clauses)
            + w.article * shared(&c.articles, &q.articles)
            + w.risk * shared(&c.risks, &q.risks);
        if q.field.is_some() && q.field == c.field {
            b += w.field;
        }
        if q.action.is_some() && q.action == c.action {
            b += w.action;
        }
        b
    }
}
