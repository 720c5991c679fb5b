//! Reads the browser export back in Rust and ranks over it step by step as
//! search.js does: a check that the export carries the CLI's ranking.

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

    /// The whole list of a key, however the export cut it (`tiers.rs`).
    fn list(&self, key: &str, impacts: bool) -> Vec<(u32, u32)> {
        let b = crate::search::encode::fnv1a(key) as usize & (self.buckets - 1);
        let text = payload(&self.dir.join(format!("t/{b}.js")), "regkbSearch.terms");
        let obj = text.split_once(',').unwrap().1;
        let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(obj).unwrap();
        let Some(v) = map.get(key) else {
            return Vec::new();
        };
        let piece = |n: u64| {
            let big = payload(&self.dir.join(format!("b/{n}.js")), "regkbSearch.big");
            big.split_once(',').unwrap().1.trim_matches('"').to_string()
        };
        crate::search::tiers::whole(v, impacts, &piece)
    }

    fn has(&self, key: &str) -> bool {
        let b = crate::search::encode::fnv1a(key) as usize & (self.buckets - 1);
        let text = payload(&self.dir.join(format!("t/{b}.js")), "regkbSearch.terms");
        let map: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(text.split_once(',').unwrap().1).unwrap();
        map.contains_key(key)
    }

    fn docs(&self, key: &str) -> Vec<u32> {
        self.list(key, false).into_iter().map(|d| d.0).collect()
    }

    fn id(&self, num: u32) -> String {
        let c = num as usize / self.chunk;
        let rows: Vec<Vec<String>> = serde_json::from_str(
            payload(
                &self.dir.join(crate::search::export::chunk_file(c)),
                "regkbSearch.docs",
            )
            .split_once(',')
            .unwrap()
            .1,
        )
        .unwrap();
        rows[num as usize % self.chunk][0].clone()
    }

    pub fn search(&self, query: &str, limit: usize) -> Vec<String> {
        let plan = plan(query);
        let lists: Vec<Vec<(u32, u32)>> = plan.terms.iter().map(|t| self.list(t, true)).collect();
        let pairs: Vec<Vec<u32>> = plan.pairs.iter().map(|p| self.docs(&p.0)).collect();
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
                let keys: Vec<Vec<u32>> =
                    terms.iter().chain(&pairs).map(|k| self.docs(k)).collect();
                let both = scoring::intersect(keys);
                if terms.len() + pairs.len() > 1 && self.has(&format!("={w}")) {
                    // The word's holder list says the same as its keys.
                    assert_eq!(self.docs(&format!("={w}")), both, "={w}");
                }
                both
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
