//! A case table made ready for many rankings: doc numbers to case indexes, and
//! clauses, articles, risk points, fields and actions as small integers, so the
//! per-case part of a ranking compares numbers, not strings. A build ranks once
//! per case: at 10k cases this is what keeps it within seconds.

use super::Postings;
use super::{CaseTable, Query, article_of};
use std::collections::HashMap;
use std::sync::Mutex;

pub struct Prepared<'a> {
    pub(super) table: &'a CaseTable,
    /// Doc number → case index + 1 (0: not a case).
    case_of: Vec<u32>,
    /// Doc number → risk document index + 1.
    risk_of: Vec<u32>,
    names: HashMap<&'a str, u32>,
    fields: HashMap<&'a str, u32>,
    actions: HashMap<&'a str, u32>,
    pub(super) rows: Vec<Row>,
    /// Term → how many cases hold it; every case page asks again for the same terms.
    case_df: Mutex<HashMap<String, usize>>,
}

/// One case's metadata as interned ids.
pub(super) struct Row {
    pub clauses: Vec<u32>,
    /// Distinct.
    pub articles: Vec<u32>,
    pub risks: Vec<u32>,
    pub field: u32,
    pub action: u32,
}

/// A query's metadata as interned ids (names the table never saw match nothing).
pub(super) struct InternedQuery {
    pub clauses: Vec<u32>,
    pub articles: Vec<u32>,
    pub risks: Vec<u32>,
    pub implied: Option<u32>,
    pub field: Option<u32>,
    pub action: Option<u32>,
    pub exclude: Option<usize>,
}

impl<'a> Prepared<'a> {
    pub fn new(table: &'a CaseTable) -> Prepared<'a> {
        let size = table
            .cases
            .iter()
            .map(|c| c.num)
            .chain(table.risk_docs.iter().map(|r| r.1))
            .filter(|&n| n != u32::MAX)
            .max()
            .map_or(0, |m| m as usize + 1);
        let mut case_of = vec![0u32; size];
        let mut risk_of = vec![0u32; size];
        for (i, c) in table.cases.iter().enumerate() {
            if let Some(slot) = case_of.get_mut(c.num as usize) {
                *slot = i as u32 + 1;
            }
        }
        for (i, r) in table.risk_docs.iter().enumerate() {
            if let Some(slot) = risk_of.get_mut(r.1 as usize) {
                *slot = i as u32 + 1;
            }
        }
        // Clause eIds, article eIds and risk ids never collide (art_… vs. risk slugs), so they share one map.
        let mut names: HashMap<&'a str, u32> = HashMap::new();
        let mut prepared = Prepared {
            table,
            case_of,
            risk_of,
            names: HashMap::new(),
            fields: HashMap::new(),
            actions: HashMap::new(),
            rows: Vec::new(),
            case_df: Mutex::new(HashMap::new()),
        };
        let id = |names: &mut HashMap<&'a str, u32>, s: &'a str| {
            let next = names.len() as u32;
            *names.entry(s).or_insert(next)
        };
        let mut rows = Vec::with_capacity(table.cases.len());
        let mut fields: HashMap<&'a str, u32> = HashMap::new();
        let mut actions: HashMap<&'a str, u32> = HashMap::new();
        for c in &table.cases {
            let clauses = c
                .clauses
                .iter()
                .map(|e| id(&mut names, e.as_str()))
                .collect();
            let mut articles: Vec<u32> = c
                .clauses
                .iter()
                .map(|e| id(&mut names, article_of(e)))
                .collect();
            articles.sort_unstable();
            articles.dedup();
            let risks = c.risks.iter().map(|r| id(&mut names, r.as_str())).collect();
            let field = id(&mut fields, c.field.as_str());
            let action = id(&mut actions, c.action.as_str());
            rows.push(Row {
                clauses,
                articles,
                risks,
                field,
                action,
            });
        }
        prepared.rows = rows;
        prepared.names = names;
        prepared.fields = fields;
        prepared.actions = actions;
        prepared
    }

    pub(super) fn case_of(&self, num: u32) -> Option<usize> {
        self.case_of
            .get(num as usize)
            .filter(|&&i| i > 0)
            .map(|&i| i as usize - 1)
    }

    pub(super) fn case_df(&self, term: &str, list: &Postings) -> usize {
        if let Some(&df) = self.case_df.lock().expect("no panics while held").get(term) {
            return df;
        }
        let df = list
            .iter()
            .filter(|(num, _)| self.case_of(*num).is_some())
            .count();
        self.case_df
            .lock()
            .expect("no panics while held")
            .insert(term.to_string(), df);
        df
    }

    pub(super) fn risk_of(&self, num: u32) -> Option<usize> {
        self.risk_of
            .get(num as usize)
            .filter(|&&i| i > 0)
            .map(|&i| i as usize - 1)
    }

    pub(super) fn intern(&self, q: &Query, implied: Option<&str>) -> InternedQuery {
        let look = |s: &str| self.names.get(s).copied();
        let mut articles: Vec<u32> = q
            .clauses
            .iter()
            .filter_map(|c| look(article_of(c)))
            .collect();
        articles.sort_unstable();
        articles.dedup();
        InternedQuery {
            clauses: q.clauses.iter().filter_map(|c| look(c)).collect(),
            articles,
            risks: q.risks.iter().filter_map(|r| look(r)).collect(),
            implied: implied.and_then(look),
            field: q.field.as_deref().and_then(|f| self.fields.get(f).copied()),
            action: q
                .action
                .as_deref()
                .and_then(|a| self.actions.get(a).copied()),
            exclude: q
                .exclude
                .as_deref()
                .and_then(|e| self.table.cases.iter().position(|c| c.id == e)),
        }
    }
}
