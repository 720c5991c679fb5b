//! Similar cases over a built site: term impacts read from the tantivy index
//! the build wrote (`scoring::read_term`, the function the browser export is
//! written with), the case table from `search/cases.js`. Used by the build for
//! the case pages and by `regkb similar`.

use super::table::{CaseTable, query_text};
use super::{PAGE_LIST, Prepared, Query, Similar};
use crate::library::Library;
use crate::search::SearchDoc;
use crate::search::citation_query;
use crate::search::query::read_clauses;
use crate::search::schema::Fields;
use crate::search::scoring::{self, Stats};
use anyhow::bail;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Mutex;
use tantivy::Searcher;

/// Term postings from the index, each term read once.
pub struct IndexTerms {
    searcher: Searcher,
    fields: Fields,
    stats: Stats,
    cache: Mutex<HashMap<String, super::Postings>>,
}

impl IndexTerms {
    pub fn open(search_dir: &Path) -> anyhow::Result<IndexTerms> {
        let (searcher, fields, stats) = crate::search::query::open_reader(search_dir)?;
        Ok(IndexTerms {
            searcher,
            fields,
            stats,
            cache: Mutex::new(HashMap::new()),
        })
    }

    pub fn postings(&self, term: &str) -> anyhow::Result<super::Postings> {
        if let Some(hit) = self.cache.lock().expect("no panics while held").get(term) {
            return Ok(hit.clone());
        }
        let docs = std::sync::Arc::new(
            scoring::read_term(&self.searcher, &self.fields, &self.stats, term, false)?.docs,
        );
        self.cache
            .lock()
            .expect("no panics while held")
            .insert(term.to_string(), docs.clone());
        Ok(docs)
    }

    /// Ranks, failing on the first index error.
    pub fn rank(
        &self,
        prepared: &Prepared,
        query: &Query,
        limit: usize,
    ) -> anyhow::Result<Vec<Similar>> {
        let table = prepared.table;
        let mut error = None;
        let ranked = prepared.rank(
            query,
            &mut |t| {
                self.postings(t).unwrap_or_else(|e| {
                    error.get_or_insert(e);
                    Default::default()
                })
            },
            limit,
        );
        if let Some(e) = error {
            return Err(e);
        }
        Ok(ranked
            .iter()
            .take(limit)
            .map(|s| s.similar(table))
            .collect())
    }
}

/// The query a case page asks: the case's facts, field, action, clauses and risk points.
pub fn case_query(
    table: &CaseTable,
    facts: &BTreeMap<String, String>,
    id: &str,
) -> anyhow::Result<Query> {
    let Some(i) = table.find(id) else {
        let known: Vec<&str> = table.cases.iter().map(|c| c.id.as_str()).collect();
        bail!("no case {id:?}; the site has {}", known.join(", "));
    };
    let c = &table.cases[i];
    Ok(Query {
        text: facts.get(id).cloned().unwrap_or_default(),
        field: Some(c.field.clone()),
        action: Some(c.action.clone()),
        clauses: c.clauses.clone(),
        risks: c.risks.clone(),
        exclude: Some(c.id.clone()),
    })
}

/// At build time, after the index: writes the case table next to the export
/// and returns each case's `PAGE_LIST` most similar cases, by case id.
pub fn for_build(
    lib: &Library,
    docs: &[SearchDoc],
    out: &Path,
) -> anyhow::Result<BTreeMap<String, Vec<Similar>>> {
    let search_dir = out.join("search");
    let table = CaseTable::build(lib, docs);
    let facts: BTreeMap<String, String> = lib
        .cases
        .iter()
        .map(|c| (c.id.clone(), query_text(c)))
        .collect();
    table.write(&facts, &search_dir)?;
    let terms = IndexTerms::open(&search_dir)?;
    let prepared = Prepared::new(&table);
    // Cases are independent queries over a read-only index.
    table
        .cases
        .par_iter()
        .map(|c| {
            Ok((
                c.id.clone(),
                terms.rank(&prepared, &case_query(&table, &facts, &c.id)?, PAGE_LIST)?,
            ))
        })
        .collect()
}

/// What `regkb similar` asks for.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub case: Option<String>,
    pub text: Option<String>,
    pub field: Option<String>,
    pub action: Option<String>,
    /// Citations (第十条第一款第（五）项) or eIds.
    pub clauses: Vec<String>,
    /// Risk point ids.
    pub risks: Vec<String>,
    pub limit: usize,
}

/// `regkb similar` over the site a build wrote.
pub fn similar(site: &Path, req: &Request) -> anyhow::Result<Vec<Similar>> {
    let search_dir = site.join("search");
    let (table, facts) = CaseTable::read(&search_dir)?;
    let terms = IndexTerms::open(&search_dir)?;
    let query = match (&req.case, &req.text) {
        (Some(id), None) => case_query(&table, &facts, id)?,
        (None, Some(text)) => Query {
            text: text.clone(),
            field: req.field.clone(),
            action: req.action.clone(),
            clauses: resolve_clauses(&search_dir, &req.clauses)?,
            risks: req.risks.clone(),
            exclude: None,
        },
        _ => bail!("give either a case id or --text"),
    };
    if let Some(f) = &query.field
        && !table.cases.iter().any(|c| &c.field == f)
    {
        bail!("no case has the field {f:?}");
    }
    if let Some(r) = query.risks.iter().find(|r| !table.risks.contains_key(*r)) {
        bail!("no risk point {r:?}");
    }
    terms.rank(&Prepared::new(&table), &query, req.limit)
}

/// Citations in plain Chinese (or eIds) → eIds, with the clause table of the export.
fn resolve_clauses(search_dir: &Path, given: &[String]) -> anyhow::Result<Vec<String>> {
    if given.is_empty() {
        return Ok(Vec::new());
    }
    let table = read_clauses(search_dir)?;
    let mut out = Vec::new();
    for g in given {
        if table.iter().any(|c| &c.eid == g) {
            out.push(g.clone());
            continue;
        }
        let found = citation_query::jumps(g, &table);
        if found.is_empty() {
            bail!("{g:?} names no clause of the regulation (write it like 第十条第一款第（五）项)");
        }
        out.extend(found.into_iter().map(|c| c.eid.clone()));
    }
    out.dedup();
    Ok(out)
}
