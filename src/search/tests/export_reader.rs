//! Reads the browser export back in Rust and ranks over it step by step as
//! search.js does: a check that the export carries the CLI's ranking.

use crate::search::query::{plan, read_clauses};
use crate::search::{ClauseEntry, citation_query, scoring};
use std::path::{Path, PathBuf};

const ALPHABET: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

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

fn digit(c: u8) -> u32 {
    ALPHABET.as_bytes().iter().position(|&a| a == c).unwrap() as u32
}

struct Reader<'a> {
    s: &'a [u8],
    i: usize,
}

impl Reader<'_> {
    fn vlq(&mut self) -> u32 {
        let (mut v, mut shift) = (0, 0);
        loop {
            let d = digit(self.s[self.i]);
            self.i += 1;
            v |= (d & 31) << shift;
            shift += 5;
            if d < 32 {
                return v;
            }
        }
    }
}

/// Doc numbers and (for terms) impacts of one encoded list.
pub fn decode(enc: &str, impacts: bool) -> Vec<(u32, u32)> {
    let mut r = Reader {
        s: enc.as_bytes(),
        i: 1,
    };
    let mut docs = Vec::new();
    if enc.starts_with('L') {
        let n = r.vlq();
        let mut prev: i64 = -1;
        for _ in 0..n {
            prev += r.vlq() as i64 + 1;
            docs.push(prev as u32);
        }
    } else {
        let first = r.vlq();
        let span = r.vlq() as usize;
        for k in 0..span.div_ceil(6) {
            let w = digit(r.s[r.i]);
            r.i += 1;
            for b in 0..6 {
                if w & (1 << b) != 0 {
                    docs.push(first + (k * 6 + b) as u32);
                }
            }
        }
    }
    if !impacts {
        return docs.into_iter().map(|d| (d, 0)).collect();
    }
    let width = r.vlq() as usize;
    if width == 0 {
        return docs.into_iter().map(|d| (d, r.vlq())).collect();
    }
    let start = r.i * 6;
    (0..docs.len())
        .map(|k| {
            let v = (0..width).fold(0, |v, b| {
                let bit = start + k * width + b;
                v | (((digit(r.s[bit / 6]) >> (bit % 6)) & 1) << b)
            });
            (docs[k], v)
        })
        .collect()
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
        let mut out: Vec<String> = citation_query::jumps(query, &self.clauses)
            .iter()
            .map(|c| c.eid.clone())
            .collect();
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
