//! What the build writes for similar cases, laid out so the finder loads only
//! what a query needs (docs/similar.md, "What the build writes"):
//!
//! - `cases.js`: the `Head` (weights, labels, risk titles, fields, count).
//! - `c/<k>.js`: the rows of cases k·chunk …, for the cases shown.
//! - set `m`: per metadata value (`f` field, `x` action, `c` clause eId,
//!   `a` article, `r` risk id + the value) the cases holding it, a set
//!   (`encode::set`: gaps, bitmap or Rice gaps, whichever is shortest); a case holding a value twice is in a second
//!   layer (the value is then an array of lists), so the bonus counts it twice
//!   as the ranking does.
//! - set `i`: the model's terms grouped by the first two characters of their
//!   body (a description's terms fall into the groups of its bigrams), each
//!   term → [idf, list], the list inline when short, else the number k of
//!   `s/x<k>.js`: the finder reads every term's idf, keeps the heaviest and
//!   loads only their lists.
//! - `index/user-words.json`: the segmenter's user words; with the cases'
//!   comparison texts (stored in the tantivy index) what `regkb similar
//!   CASE_ID` needs, beside the index the browser never loads.

use super::article_of;
use super::model::Model;
use super::table::{CaseRow, CaseTable};
use crate::search::{KeyedSet, encode, sets};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::Path;

pub const CASES_JS: &str = "cases.js";
pub const ROWS_DIR: &str = "c";
pub const LISTS_DIR: &str = "s";
pub const USER_WORDS: &str = "index/user-words.json";
/// Target bytes of one file of `c/`: the finder shows 10 cases, one file each at worst.
const CHUNK_BYTES: usize = 1536;
/// Lists up to this long stay in their group of `i`; longer ones get a file.
const INLINE_LIST: usize = 24;
/// Target bytes of one bucket of `i`: a description touches one per bigram.
const GROUP_BUCKET_BYTES: usize = 512;
/// Target bytes of one bucket of `m` (its long lists have files of their own).
const META_BUCKET_BYTES: usize = 1024;

/// A row as `c/` ships it: `[id, title, url, field, action, outcome, outcome_slug,
/// clauses, risks, holding, sample (0/1)]`.
pub fn row_value(r: &CaseRow) -> Value {
    json!([
        r.id,
        r.title,
        r.url,
        r.field,
        r.action,
        r.outcome,
        r.outcome_slug,
        r.clauses,
        r.risks,
        r.holding,
        u8::from(r.sample)
    ])
}

/// Reads what `row_value` wrote.
pub fn row_of(v: &Value) -> Option<CaseRow> {
    let s = |k: usize| v.get(k)?.as_str().map(str::to_string);
    let list = |k: usize| -> Option<Vec<String>> {
        v.get(k)?
            .as_array()?
            .iter()
            .map(|x| x.as_str().map(str::to_string))
            .collect()
    };
    Some(CaseRow {
        id: s(0)?,
        title: s(1)?,
        url: s(2)?,
        field: s(3)?,
        action: s(4)?,
        outcome: s(5)?,
        outcome_slug: s(6)?,
        clauses: list(7)?,
        risks: list(8)?,
        holding: s(9)?,
        sample: v.get(10)?.as_u64()? == 1,
    })
}

/// Rows per file of `c/`, from the rows' average size.
pub fn rows_per_chunk(cases: &[CaseRow]) -> usize {
    let total: usize = cases.iter().map(|r| row_value(r).to_string().len()).sum();
    let avg = total / cases.len().max(1);
    (CHUNK_BYTES / avg.max(1)).max(1)
}

/// The key of a metadata value in set `m`.
pub fn meta_key(kind: char, value: &str) -> String {
    format!("{kind}{value}")
}

/// Set `m`: each metadata value → the cases holding it.
pub fn meta_set(table: &CaseTable) -> KeyedSet {
    // Per key, per layer, the case indexes (ascending, as cases are visited in order).
    let mut holders: BTreeMap<String, Vec<Vec<u32>>> = BTreeMap::new();
    let mut add = |key: String, i: u32| {
        let layers = holders.entry(key).or_default();
        match layers.iter_mut().find(|l| l.last() != Some(&i)) {
            Some(l) => l.push(i),
            None => layers.push(vec![i]),
        }
    };
    for (i, c) in table.cases.iter().enumerate() {
        let i = i as u32;
        add(meta_key('f', &c.field), i);
        add(meta_key('x', &c.action), i);
        for e in &c.clauses {
            add(meta_key('c', e), i);
        }
        let mut articles: Vec<&str> = c.clauses.iter().map(|e| article_of(e)).collect();
        articles.sort_unstable();
        articles.dedup();
        for a in articles {
            add(meta_key('a', a), i);
        }
        for r in &c.risks {
            add(meta_key('r', r), i);
        }
    }
    let entries = holders
        .into_iter()
        .map(|(k, layers)| {
            let mut lists: Vec<Value> =
                layers.iter().map(|l| Value::from(encode::set(l))).collect();
            let v = if lists.len() == 1 {
                lists.remove(0)
            } else {
                Value::from(lists)
            };
            (k, v)
        })
        .collect();
    KeyedSet {
        name: "m".into(),
        entries,
        bucket_bytes: META_BUCKET_BYTES,
    }
}

/// The group of a term key in set `i`: the first two characters after its prefix.
pub fn group_of(key: &str) -> String {
    key.chars().skip(1).take(2).collect()
}

/// The model as set `i` and the lists too long to stay in it (file k = `s/x<k>.js`).
pub fn model_set(model: &Model) -> (KeyedSet, Vec<String>) {
    let sorted: BTreeMap<&str, _> = model.terms.iter().map(|(k, l)| (k.as_str(), l)).collect();
    let mut groups: BTreeMap<String, serde_json::Map<String, Value>> = BTreeMap::new();
    let mut files = Vec::new();
    for (key, l) in sorted {
        let (cases, weights): (Vec<u32>, Vec<u32>) = l.cases.iter().copied().unzip();
        let list = encode::list(&cases, Some(&weights));
        let at = if list.len() <= INLINE_LIST {
            Value::from(list)
        } else {
            files.push(list);
            Value::from(files.len() - 1)
        };
        groups
            .entry(group_of(key))
            .or_default()
            .insert(key.to_string(), json!([l.idf, at]));
    }
    let entries = groups
        .into_iter()
        .map(|(g, m)| (g, Value::Object(m)))
        .collect();
    let set = KeyedSet {
        name: "i".into(),
        entries,
        bucket_bytes: GROUP_BUCKET_BYTES,
    };
    (set, files)
}

/// Writes `cases.js`, `c/`, `s/` and `index/user-words.json` into the search
/// directory (the sets `i` and `m` go with the export's, into `meta.js`).
pub fn write(
    table: &CaseTable,
    lists: &[String],
    user_words: &[String],
    search_dir: &Path,
) -> anyhow::Result<()> {
    let js = format!(
        "regkbSearch.cases({});\n",
        serde_json::to_string(&table.head)?
    );
    crate::site::publish::write(&search_dir.join(CASES_JS), js.as_bytes())?;
    let rows = search_dir.join(ROWS_DIR);
    if rows.exists() {
        std::fs::remove_dir_all(&rows)?;
    }
    std::fs::create_dir_all(&rows)?;
    for (k, chunk) in table.cases.chunks(table.head.chunk).enumerate() {
        let values: Vec<Value> = chunk.iter().map(row_value).collect();
        crate::site::publish::write(
            &rows.join(format!("{k}.js")),
            format!("regkbSearch.caseRows({k},{});\n", Value::from(values)).as_bytes(),
        )?;
    }
    sets::write_values(search_dir, LISTS_DIR, lists)?;
    std::fs::write(
        search_dir.join(USER_WORDS),
        serde_json::to_string(user_words)? + "\n",
    )?;
    Ok(())
}

#[cfg(test)]
#[path = "export_tests.rs"]
mod tests;
