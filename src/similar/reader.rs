//! The similar-case data of a built site, read as the finder reads it
//! (`similar::export` wrote it): the head from `cases.js`, a term's idf and
//! list from set `i` (and `s/`), a query's bonus from set `m`, rows from `c/`.
//! `regkb similar` ranks over this, so the CLI and the browser rank the same bytes.

use super::export::{self, CASES_JS, LISTS_DIR, ROWS_DIR, group_of, meta_key};
use super::model::TermList;
use super::table::{CaseRow, Head};
use super::{Query, article_of};
use crate::search::encode;
use crate::search::sets::{SetReader, call_payload, not_ours};
use anyhow::Context;
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub struct SiteCases {
    dir: PathBuf,
    pub head: Head,
    pub sets: SetReader,
    terms: Mutex<HashMap<String, Option<Arc<TermList>>>>,
    chunks: Mutex<HashMap<usize, Arc<Vec<CaseRow>>>>,
}

impl SiteCases {
    /// `search_dir`: the export directory of a built site.
    pub fn open(search_dir: &Path) -> anyhow::Result<SiteCases> {
        let path = search_dir.join(CASES_JS);
        let head = call_payload(&path, "regkbSearch.cases")?;
        let head: Head = serde_json::from_str(&head).with_context(|| not_ours(&path))?;
        Ok(SiteCases {
            dir: search_dir.to_path_buf(),
            head,
            sets: SetReader::open(search_dir)?,
            terms: Mutex::new(HashMap::new()),
            chunks: Mutex::new(HashMap::new()),
        })
    }

    /// A term of the model (None if it has no such term), each read once.
    pub fn term(&self, key: &str) -> anyhow::Result<Option<Arc<TermList>>> {
        if let Some(hit) = self.terms.lock().expect("no panics while held").get(key) {
            return Ok(hit.clone());
        }
        let entry = self
            .sets
            .get("i", &group_of(key))?
            .and_then(|g| g.get(key).cloned());
        let list = match entry {
            None => None,
            Some(v) => {
                let bad = || not_ours(&self.dir.join("i"));
                let idf = v.get(0).and_then(Value::as_u64).with_context(bad)? as u32;
                let list = match v.get(1) {
                    Some(Value::String(s)) => s.clone(),
                    Some(Value::Number(k)) => {
                        let k = k.as_u64().with_context(bad)?;
                        let v = self.sets.value(LISTS_DIR, k)?;
                        v.as_str().with_context(bad)?.to_string()
                    }
                    _ => anyhow::bail!(bad()),
                };
                let cases = encode::decode(&list, true);
                Some(Arc::new(TermList { idf, cases }))
            }
        };
        self.terms
            .lock()
            .expect("no panics while held")
            .insert(key.to_string(), list.clone());
        Ok(list)
    }

    /// Whether some case holds this metadata value (`export::meta_key`).
    pub fn has(&self, kind: char, value: &str) -> anyhow::Result<bool> {
        Ok(self.sets.get("m", &meta_key(kind, value))?.is_some())
    }

    /// Each case's structured bonus for the query, per mille, uncapped
    /// (`Prepared::bonus` from the metadata sets): every distinct clause,
    /// article and risk point of the query adds its weight for each layer of
    /// its set a case is in, the field and the action theirs.
    pub fn bonus(&self, q: &Query) -> anyhow::Result<Vec<u64>> {
        let w = &self.head.weights;
        let mut out = vec![0u64; self.head.count];
        let mut wanted: Vec<(String, u64)> = Vec::new();
        let mut put = |key: String, weight: u64| {
            if !wanted.iter().any(|(k, _)| *k == key) {
                wanted.push((key, weight));
            }
        };
        for c in &q.clauses {
            put(meta_key('c', c), w.clause);
        }
        for c in &q.clauses {
            put(meta_key('a', article_of(c)), w.article);
        }
        for r in &q.risks {
            put(meta_key('r', r), w.risk);
        }
        if let Some(f) = &q.field {
            put(meta_key('f', f), w.field);
        }
        if let Some(a) = &q.action {
            put(meta_key('x', a), w.action);
        }
        for (key, weight) in wanted {
            let layers = match self.sets.get("m", &key)? {
                None => continue,
                Some(Value::Array(layers)) => layers,
                Some(one) => vec![one],
            };
            for layer in layers {
                let enc = layer
                    .as_str()
                    .with_context(|| not_ours(&self.dir.join("m")))?;
                for (i, _) in encode::decode(enc, false) {
                    if let Some(b) = out.get_mut(i as usize) {
                        *b += weight;
                    }
                }
            }
        }
        Ok(out)
    }

    /// The rows of file `k` of `c/`.
    fn chunk(&self, k: usize) -> anyhow::Result<Arc<Vec<CaseRow>>> {
        if let Some(c) = self.chunks.lock().expect("no panics while held").get(&k) {
            return Ok(c.clone());
        }
        let path = self.dir.join(ROWS_DIR).join(format!("{k}.js"));
        let text = call_payload(&path, "regkbSearch.caseRows")?;
        let rows = text
            .split_once(',')
            .and_then(|(_, v)| serde_json::from_str::<Value>(v).ok())
            .and_then(|v| {
                v.as_array()
                    .map(|a| a.iter().map(export::row_of).collect::<Option<Vec<_>>>())
            })
            .flatten()
            .with_context(|| not_ours(&path))?;
        let rows = Arc::new(rows);
        self.chunks
            .lock()
            .expect("no panics while held")
            .insert(k, rows.clone());
        Ok(rows)
    }

    /// The row of case `i`.
    pub fn row(&self, i: usize) -> anyhow::Result<CaseRow> {
        let chunk = self.head.chunk.max(1);
        let rows = self.chunk(i / chunk)?;
        rows.get(i % chunk)
            .cloned()
            .with_context(|| not_ours(&self.dir.join(ROWS_DIR)))
    }

    /// The index of the case with this id, by a binary search over the files of
    /// `c/` (ids ascend); Err(ids near it) when there is none.
    pub fn find(&self, id: &str) -> anyhow::Result<Result<usize, Vec<String>>> {
        let chunk = self.head.chunk.max(1);
        let files = self.head.count.div_ceil(chunk);
        let (mut lo, mut hi) = (0, files);
        // The last file whose first id is ≤ id.
        while hi - lo > 1 {
            let mid = (lo + hi) / 2;
            if self.chunk(mid)?[0].id.as_str() <= id {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        if files == 0 {
            return Ok(Err(Vec::new()));
        }
        let rows = self.chunk(lo)?;
        if let Some(at) = rows.iter().position(|r| r.id == id) {
            return Ok(Ok(lo * chunk + at));
        }
        let mut near: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
        if lo + 1 < files {
            near.extend(self.chunk(lo + 1)?.iter().map(|r| r.id.clone()));
        }
        Ok(Err(near))
    }

    /// Every case id, when there are few (an error message lists them).
    pub fn all_ids(&self, at_most: usize) -> anyhow::Result<Option<Vec<String>>> {
        if self.head.count > at_most {
            return Ok(None);
        }
        (0..self.head.count)
            .map(|i| self.row(i).map(|r| r.id))
            .collect::<anyhow::Result<Vec<_>>>()
            .map(Some)
    }
}
