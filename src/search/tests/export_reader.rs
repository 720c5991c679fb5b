//! Reads the browser export back in Rust and ranks over it step by step as
//! search.js does: a check that the export carries the CLI's ranking.

use crate::search::encode::decode;
use crate::search::query::{plan, query_words, read_clauses, word_keys};
use crate::search::sets::SetReader;
use crate::search::{ClauseEntry, citation_query, scoring};
use std::path::{Path, PathBuf};

pub struct Export {
    dir: PathBuf,
    buckets: usize,
    chunk: usize,
    clauses: Vec<ClauseEntry>,
}

fn payload(path: &Path, call: &str) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let inner = text
        .trim()
        .strip_prefix(call)
        .and_then(|s| s.strip_prefix('('))
        .and_then(|s| s.strip_suffix(");"))
        .unwrap();
    inner.to_string()
}

impl Export {
    pub fn open(dir: &Path) -> Export {
        let meta: serde_json::Value =
            serde_json::from_str(&payload(&dir.join("meta.js"), "regkbSearch.meta")).unwrap();
        Export {
            dir: dir.to_path_buf(),
            buckets: meta["buckets"].as_u64().unwrap() as usize,
            chunk: meta["chunk"].as_u64().unwrap() as usize,
            clauses: read_clauses(dir).unwrap(),
        }
    }

    fn entry(&self, key: &str) -> Option<String> {
        let b = crate::search::encode::fnv1a(key) as usize & (self.buckets - 1);
        let text = payload(&self.dir.join(format!("t/{b}.js")), "regkbSearch.terms");
        let obj = text.split_once(',').unwrap().1;
        let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(obj).unwrap();
        match map.get(key)? {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Number(n) => {
                let big = payload(&self.dir.join(format!("b/{n}.js")), "regkbSearch.big");
                Some(big.split_once(',').unwrap().1.trim_matches('"').to_string())
            }
            other => panic!("bad entry {other}"),
        }
    }

    fn id(&self, num: u32) -> String {
        let c = num as usize / self.chunk;
        let rows: Vec<Vec<String>> = serde_json::from_str(
            payload(&self.dir.join(format!("d/{c}.js")), "regkbSearch.docs")
                .split_once(',')
                .unwrap()
                .1,
        )
        .unwrap();
        rows[num as usize % self.chunk][0].clone()
    }

    pub fn search(&self, query: &str, limit: usize) -> Vec<String> {
        let plan = plan(query);
        let lists: Vec<Vec<(u32, u32)>> = plan
            .terms
            .iter()
            .map(|t| self.entry(t).map(|e| decode(&e, true)).unwrap_or_default())
            .collect();
        let pairs: Vec<Vec<u32>> = plan
            .pairs
            .iter()
            .map(|p| {
                self.entry(&p.0)
                    .map(|e| decode(&e, false).into_iter().map(|d| d.0).collect())
                    .unwrap_or_default()
            })
            .collect();
        let refs: Vec<&[(u32, u32)]> = lists.iter().map(Vec::as_slice).collect();
        let ranked = scoring::rank(&refs, pairs.len(), |num, i| {
            pairs[i].binary_search(&num).is_ok()
        });
        let sets = SetReader::open(&self.dir).unwrap();
        let holders: Vec<Vec<u32>> = query_words(&sets, query)
            .unwrap()
            .iter()
            .map(|w| {
                let (terms, pairs) = word_keys(w);
                let keys: Vec<Vec<u32>> = terms
                    .iter()
                    .chain(&pairs)
                    .map(|k| {
                        self.entry(k)
                            .map(|e| decode(&e, false).into_iter().map(|d| d.0).collect())
                            .unwrap_or_default()
                    })
                    .collect();
                scoring::intersect(keys)
            })
            .collect();
        let (ranked, _) = scoring::by_words(ranked, &holders);
        let jumps = citation_query::jumps(query, &self.clauses);
        let mut out: Vec<String> = jumps.iter().map(|c| c.eid.clone()).collect();
        for c in &jumps {
            let related = sets.get("g", &c.eid).unwrap().unwrap_or_default();
            let related = related
                .as_str()
                .map(crate::search::encode::decode_order)
                .unwrap_or_default();
            for n in related {
                let id = self.id(n);
                if !out.contains(&id) {
                    out.push(id);
                }
            }
        }
        for r in ranked {
            if out.len() >= limit {
                break;
            }
            let id = self.id(r.num);
            if !out.contains(&id) {
                out.push(id);
            }
        }
        out.truncate(limit);
        out
    }
}
