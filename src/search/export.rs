//! The browser export: written from the tantivy index through its reader API
//! (term dictionaries, postings, field norms), never from the sources, so the
//! browser ranks exactly what the CLI ranks. Layout (all classic scripts that
//! call `regkbSearch.*`, loadable from file://):
//!
//! - `meta.js`     sizes, bucket count, facet value names (loaded with the page)
//! - `facets.js`   one facet code per document (loaded by the first query)
//! - `clauses.js`  the clause table for citation jumps (loaded for citations)
//! - `t/<b>.js`    bucket `b` of keys (terms, pair keys, `=word` holders) hashed
//!   by FNV-1a; a key whose postings are long points to `b/<n>.js` files
//!   instead, a term by impact tiers and membership (`tiers.rs`)
//! - `d/<f>/<c>.js` id, title, url and text of documents `c*chunk .. (c+1)*chunk`,
//!   and their impacts in the longest lists (`tiers::ROW_LIST_MIN`)
//! - `search.js`, `search.css`: the engine and its styles

use super::encode;
use super::facets;
use super::indexer::doc_numbers;
use super::keys::{clause_chains, entries, holders};
use super::schema::Fields;
use super::scoring::Stats;
use super::tiers::Posting;
use super::{ClauseEntry, Extras, KeyedSet, SearchDoc, sets};
use anyhow::Context;
use serde_json::json;
use std::collections::BTreeMap;
use std::path::Path;
use tantivy::Index;

/// The engine ships as one script: analyzer and ranking, loader, page.
const ENGINE_JS: [&str; 3] = [
    include_str!("../../assets/search/engine.js"),
    include_str!("../../assets/search/store.js"),
    include_str!("../../assets/search/ui.js"),
];
const ENGINE_CSS: &str = include_str!("../../assets/search/search.css");
/// Target bytes of one bucket file: a query loads one bucket per key, so small
/// buckets keep the bytes a query loads close to the bytes it needs.
const BUCKET_BYTES: usize = 2048;
/// Target bytes of one document chunk: shown results load whole chunks.
const CHUNK_BYTES: usize = 2048;
/// Document chunk files per folder of `d/` (`d/<c / 1000>/<c>.js`): a FAT32 stick
/// holds at most 65,536 entries in a folder, and 100k cases make 100,104 chunks.
pub const CHUNKS_PER_FOLDER: usize = 1000;

/// The file of document chunk `c`, relative to `search/`.
pub fn chunk_file(c: usize) -> String {
    format!("d/{}/{c}.js", c / CHUNKS_PER_FOLDER)
}
/// Target bytes of one file of a keyed set (`sets`).
const SET_BYTES: usize = 4096;
/// Target bytes of one file of the lexicon (`w`): a query loads the groups of its
/// characters (the finder: of every character of a description, some sixty), so
/// small files keep what it loads close to what it needs.
const LEXICON_BYTES: usize = 512;
pub const FORMAT_VERSION: u32 = 6;

/// Writes the export next to the index; returns the bytes written.
pub fn write(
    index: &Index,
    docs: &[SearchDoc],
    clauses: &[ClauseEntry],
    extras: &Extras,
    tables: Tables,
    dir: &Path,
) -> anyhow::Result<u64> {
    let f = Fields::of(&index.schema())?;
    let searcher = index.reader()?.searcher();
    let t0 = std::time::Instant::now();
    let lap = |what: &str| {
        if std::env::var_os("REGKB_TIMINGS").is_some() {
            eprintln!("      export {what}: {} ms", t0.elapsed().as_millis());
        }
    };
    let stats = Stats::of(&searcher, &f)?;
    let entries = entries(&searcher, &f, &stats)?;
    lap("entries");

    for sub in ["t", "b", "d"] {
        let p = dir.join(sub);
        if p.exists() {
            std::fs::remove_dir_all(&p)?;
        }
        std::fs::create_dir_all(&p)?;
    }
    let mut written = 0u64;
    let mut put = |rel: &str, text: &str| -> anyhow::Result<()> {
        written += write_file(dir, rel, text)?;
        Ok(())
    };

    let mut pieces: Vec<String> = Vec::new();
    let holders = holders(&entries, extras, &clause_chains(clauses));
    lap("holders");
    // Each document's impacts in the longest lists (tiers::ROW_LIST_MIN), written
    // with its text in `d/`: a query with few matches learns their impacts
    // there, not from every tier of a common term.
    let mut row_impacts: Vec<String> = vec![String::new(); docs.len()];
    let mut row_last: Vec<u32> = vec![u32::MAX; docs.len()];
    let mut row_lists = 0u32;
    // The lists are encoded on every core (order kept); the `b/` files they
    // leave to and the long lists' rows are numbered here, in key order.
    let entries: Vec<(String, Posting)> = entries.into_iter().chain(holders).collect();
    let encoded: Vec<super::tiers::Encoded> = {
        use rayon::prelude::*;
        entries.par_iter().map(|(_, list)| list.encode()).collect()
    };
    // Each entry as (key hash, key JSON, value JSON), in key order.
    let values: Vec<(u32, String, String)> = entries
        .into_iter()
        .zip(encoded)
        .map(|((key, list), encoded)| {
            // A list this long is always cut into tiers (each entry takes at
            // least two characters, far past BIG_ENTRY), so it is numbered here.
            let row = match &list {
                Posting::Term(l) if l.len() >= super::tiers::ROW_LIST_MIN => {
                    let n = row_lists;
                    row_lists += 1;
                    // Per document: (gap to its previous list's number, impact), VLQ.
                    for &(d, imp) in l {
                        let d = d as usize;
                        encode::vlq(
                            &mut row_impacts[d],
                            n.wrapping_sub(row_last[d]).wrapping_sub(1),
                        );
                        encode::vlq(&mut row_impacts[d], imp);
                        row_last[d] = n;
                    }
                    Some(n)
                }
                _ => None,
            };
            drop(list);
            debug_assert!(
                row.is_none() || matches!(encoded, super::tiers::Encoded::Tiers { .. }),
                "{key}: a long list has tiers"
            );
            let value = encoded.json(&mut pieces, row);
            Ok((encode::fnv1a(&key), serde_json::to_string(&key)?, value))
        })
        .collect::<anyhow::Result<_>>()?;
    drop(row_last);
    lap("values");
    let nums = doc_numbers(docs)?;
    let chunk = docs_per_chunk(docs);
    // The document chunks (a file per chunk) are written on a thread of their
    // own while this one writes the buckets: the two share nothing.
    let (chunk_bytes, buckets) = std::thread::scope(|s| -> anyhow::Result<(u64, usize)> {
        let chunks = s.spawn(|| write_chunks(docs, &nums, chunk, row_impacts, dir));
        for (n, piece) in pieces.iter().enumerate() {
            put(
                &format!("b/{n}.js"),
                &format!("regkbSearch.big({n},\"{piece}\");\n"),
            )?;
        }
        use rayon::prelude::*;
        let inline = values;
        let small: usize = inline.iter().map(|(_, k, v)| k.len() + v.len() + 2).sum();
        let buckets = (small / BUCKET_BYTES).max(1).next_power_of_two();
        // Each entry is moved into its bucket (and freed) as it goes: the index data
        // is held once, as entries or as bucket text, never as both.
        let mut files: Vec<String> = vec![String::new(); buckets];
        for (hash, key, value) in inline {
            let file = &mut files[(hash as usize) & (buckets - 1)];
            file.push(if file.is_empty() { '{' } else { ',' });
            file.push_str(&key);
            file.push(':');
            file.push_str(&value);
        }
        lap("bucket text");
        // Written on every core: a rebuild finds most buckets unchanged and
        // reads them back to link them (`publish::write`), which is independent.
        let bucket_bytes = files
            .into_par_iter()
            .enumerate()
            .map(|(b, body)| {
                let close = if body.is_empty() { "{}" } else { "}" };
                let text = format!("regkbSearch.terms({b},{body}{close});\n");
                write_file(dir, &format!("t/{b}.js"), &text)
            })
            .collect::<anyhow::Result<Vec<u64>>>()?;
        lap("buckets");
        let chunk_bytes = chunks.join().expect("the chunk writer does not panic")?;
        lap("chunks");
        Ok((chunk_bytes + bucket_bytes.iter().sum::<u64>(), buckets))
    })?;

    let meta = json!({
        "version": FORMAT_VERSION, "docs": stats.docs, "buckets": buckets, "chunk": chunk, "chunkFolder": CHUNKS_PER_FOLDER, "names": tables.names,
        "sets": tables.sets, "pairBits": super::tiers::PAIR_BITS,
        "lexicon": {"single": extras.lexicon.single, "max": extras.lexicon.max_chars},
    });
    put(
        "meta.js",
        &format!("regkbSearch.meta({});\n", serde_json::to_string(&meta)?),
    )?;
    Ok(written + chunk_bytes + tables.bytes)
}

/// What `write_tables` wrote, for `meta.js`.
pub struct Tables {
    names: serde_json::Value,
    sets: serde_json::Map<String, serde_json::Value>,
    bytes: u64,
}

/// The part of the export that does not read the index (the facet table, the
/// clause table, the keyed sets, the engine): `write_index` writes it while
/// tantivy indexes.
pub fn write_tables(
    docs: &[SearchDoc],
    clauses: &[ClauseEntry],
    extras: &Extras,
    dir: &Path,
) -> anyhow::Result<Tables> {
    let nums = doc_numbers(docs)?;
    let mut written = 0u64;
    let mut put = |rel: &str, text: &str| -> anyhow::Result<()> {
        written += write_file(dir, rel, text)?;
        Ok(())
    };
    let (names, codes) = facets::build(docs, &nums, clauses, &extras.outcomes);
    put(
        "facets.js",
        &format!("regkbSearch.facets({});\n", serde_json::to_string(&codes)?),
    )?;
    // With each clause, the number of its own document (-1 if none), so the
    // browser can drop a jumped-to clause from the ranked list unloaded.
    let num_of: std::collections::HashMap<&str, u64> = docs
        .iter()
        .map(|d| d.id.as_str())
        .zip(nums.iter().copied())
        .collect();
    let table: Vec<_> = clauses
        .iter()
        .map(|c| {
            json!([
                c.eid,
                c.label,
                c.url,
                num_of.get(c.eid.as_str()).map_or(-1, |&n| n as i64)
            ])
        })
        .collect();
    put(
        "clauses.js",
        &format!("regkbSearch.clauses({});\n", serde_json::to_string(&table)?),
    )?;
    let mut set_buckets = serde_json::Map::new();
    let mut set_bytes = 0u64;
    for set in keyed_sets(extras, clauses, &num_of)
        .iter()
        .chain(extras.sets.iter())
    {
        let (n, bytes) = sets::write(dir, &set.name, &set.entries, set.bucket_bytes)?;
        set_bytes += bytes;
        set_buckets.insert(set.name.clone(), json!(n));
    }
    put("search.js", &shipped_js(&ENGINE_JS.concat()))?;
    put("search.css", ENGINE_CSS)?;
    Ok(Tables {
        names: json!(names),
        sets: set_buckets,
        bytes: written + set_bytes,
    })
}

/// Writes one export file at `rel` under `dir` (`publish::write`: linked from
/// the previous site when unchanged); returns its bytes.
fn write_file(dir: &Path, rel: &str, text: &str) -> anyhow::Result<u64> {
    let path = dir.join(rel);
    crate::site::publish::write(&path, text.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(text.len() as u64)
}

/// Documents per `d/` chunk: as many as fill CHUNK_BYTES on average, at least one.
fn docs_per_chunk(docs: &[SearchDoc]) -> usize {
    let avg = docs
        .iter()
        .map(|d| d.title.len() + d.url.len() + d.body.len() + 12)
        .sum::<usize>()
        / docs.len().max(1);
    (CHUNK_BYTES / avg.max(1)).max(1)
}

/// Writes `d/`: each chunk's documents (id, title, url, text) in doc-number
/// order, and with them their impact rows (`row_impacts`, by doc number) where
/// any is set. Returns the bytes written.
fn write_chunks(
    docs: &[SearchDoc],
    nums: &[u64],
    chunk: usize,
    mut row_impacts: Vec<String>,
    dir: &Path,
) -> anyhow::Result<u64> {
    let mut by_num: Vec<(u64, &SearchDoc)> = nums.iter().copied().zip(docs).collect();
    by_num.sort_by_key(|d| d.0);
    let mut written = 0u64;
    for (c, group) in by_num.chunks(chunk).enumerate() {
        if c % CHUNKS_PER_FOLDER == 0 {
            std::fs::create_dir_all(dir.join(chunk_file(c)).parent().expect("d/<k>/"))?;
        }
        let rows: Vec<_> = group
            .iter()
            .map(|(_, d)| (&d.id, &d.title, &d.url, &d.body))
            .collect();
        // The chunk's impact rows ride in the same file: a shown result needs its
        // text anyway, and one file per chunk instead of two halves the files a
        // USB copy creates.
        let end = (c * chunk + chunk).min(row_impacts.len());
        let imp: Vec<String> = row_impacts[c * chunk..end]
            .iter_mut()
            .map(std::mem::take)
            .collect();
        let imp = if imp.iter().any(|r| !r.is_empty()) {
            format!(",{}", serde_json::to_string(&imp)?)
        } else {
            String::new()
        };
        let text = format!(
            "regkbSearch.docs({c},{}{imp});\n",
            serde_json::to_string(&rows)?
        );
        written += write_file(dir, &chunk_file(c), &text)?;
    }
    Ok(written)
}

/// The export's own keyed sets: the lexicon by first character (`w`) and
/// each clause's related documents as doc numbers (`g`).
fn keyed_sets(
    extras: &Extras,
    clauses: &[ClauseEntry],
    num_of: &std::collections::HashMap<&str, u64>,
) -> Vec<KeyedSet> {
    let words: BTreeMap<String, serde_json::Value> = extras
        .lexicon
        .by_first_char()
        .into_iter()
        .map(|(c, list)| {
            let obj: serde_json::Map<String, serde_json::Value> = list
                .into_iter()
                .map(|(w, cost)| (w.to_string(), json!(cost)))
                .collect();
            (c.to_string(), serde_json::Value::Object(obj))
        })
        .collect();
    let related: BTreeMap<String, serde_json::Value> = clauses
        .iter()
        .filter(|c| !c.related.is_empty())
        .map(|c| {
            // In order (not sorted): "G", the count, then each number, VLQ.
            let nums: Vec<u64> = c
                .related
                .iter()
                .filter_map(|id| num_of.get(id.as_str()).copied())
                .collect();
            let mut enc = String::from("G");
            encode::vlq(&mut enc, nums.len() as u32);
            for n in nums {
                encode::vlq(&mut enc, n as u32);
            }
            (c.eid.clone(), json!(enc))
        })
        .collect();
    let set = |name: &str, entries, bucket_bytes| KeyedSet {
        name: name.to_string(),
        entries,
        bucket_bytes,
    };
    vec![set("w", words, LEXICON_BYTES), set("g", related, SET_BYTES)]
}

/// The tables the browser's analyzer and citation scanner read, from the Rust
/// tables they mirror: one definition, copied into the engine at build time.
pub fn engine_tables() -> String {
    use crate::numerals::{DIGITS, UNITS};
    let map = |t: &[(char, u32)]| {
        let m: serde_json::Map<String, serde_json::Value> =
            t.iter().map(|(c, v)| (c.to_string(), json!(v))).collect();
        serde_json::Value::Object(m)
    };
    let s = |t: &[char]| t.iter().collect::<String>();
    format!(
        "var TABLES = {}; // regkb:tables",
        json!({
            "digits": map(&DIGITS),
            "units": map(&UNITS),
            "citation_units": s(&super::analyzer::CITATION_UNITS),
            "levels": s(&super::citation_query::LEVELS),
            "joiners": s(&super::citation_query::LIST_JOINERS),
        })
    )
}

/// The engine as shipped: whole-line comments and indentation dropped (a quarter
/// of its bytes, loaded by every cold query), the tables line replaced by
/// `engine_tables`; nothing else is touched, so the shipped code is the tested code.
fn shipped_js(js: &str) -> String {
    let mut out = String::with_capacity(js.len());
    let tables = engine_tables();
    for line in js.lines() {
        let t = line.trim_start();
        if t.ends_with("// regkb:tables") {
            out.push_str(&tables);
            out.push('\n');
            continue;
        }
        if t.is_empty()
            || t.starts_with("//")
            || t.starts_with("/**")
            || t.starts_with("* ")
            || t.starts_with("*/")
            || t == "*"
        {
            continue;
        }
        out.push_str(t);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables_of(line: &str) -> serde_json::Value {
        let json = line
            .trim()
            .strip_prefix("var TABLES = ")
            .and_then(|l| l.strip_suffix("; // regkb:tables"))
            .expect("a tables line");
        serde_json::from_str(json).unwrap()
    }

    /// The copy in engine.js (what the JS unit tests load) equals the tables
    /// the build writes into the shipped engine from the Rust definitions.
    #[test]
    fn the_engine_tables_are_the_rust_tables() {
        let raw = ENGINE_JS[0]
            .lines()
            .find(|l| l.trim_end().ends_with("// regkb:tables"))
            .expect("engine.js has a tables line");
        assert_eq!(
            tables_of(raw),
            tables_of(&engine_tables()),
            "update engine.js's TABLES line from engine_tables()"
        );
        let shipped = shipped_js(&ENGINE_JS.concat());
        assert!(shipped.contains(&engine_tables()));
        assert_eq!(shipped.matches("// regkb:tables").count(), 1);
    }
}
