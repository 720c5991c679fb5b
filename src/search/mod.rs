//! Search: a tantivy index of every document with a Chinese analyzer, the
//! browser export derived from that index, and the search the CLI runs over it.
//!
//! One ranking model serves both the CLI and the browser (see `docs/search.md`):
//! per-term BM25 impacts computed in Rust from tantivy's reader data, summed,
//! with adjacent query-token pairs found in the document ranked first.

pub mod analyzer;
pub mod citation_query;
pub(crate) mod encode;
mod export;
mod facets;
pub mod fixture;
mod indexer;
mod keys;
pub mod query;
pub mod schema;
pub mod scoring;
pub mod sets;
pub mod stored;
mod tiers;

use serde::Serialize;
use std::path::Path;

/// One searchable document, as the renderer hands it over.
#[derive(Debug, Clone)]
pub struct SearchDoc {
    /// Unique: "art_10", "art_10__para_1__point_5", "case:2025-007", "risk:…", "annotation:…", "guide:…".
    pub id: String,
    pub kind: DocKind,
    pub title: String,
    /// Relative to the site root: "regulation/index.html#art_10__para_1__point_5".
    pub url: String,
    /// Plain text, no markup.
    pub body: String,
    /// 领域
    pub field: Option<String>,
    /// 行政检查 | 行政处罚 | 行政强制 | 其他
    pub action: Option<String>,
    /// One of config.toml's outcomes
    pub outcome: Option<String>,
    /// eIds cited.
    pub clauses: Vec<String>,
    /// "2025-03-18"
    pub date: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DocKind {
    Article,
    /// A paragraph (款) or item (项).
    Clause,
    Annotation,
    Case,
    Risk,
    Guide,
    /// An article as an earlier (or a later) version has it, where it differs from
    /// the current text: shown only when this kind is asked for.
    Version,
}

impl DocKind {
    pub const ALL: [DocKind; 7] = [
        DocKind::Article,
        DocKind::Clause,
        DocKind::Annotation,
        DocKind::Case,
        DocKind::Risk,
        DocKind::Guide,
        DocKind::Version,
    ];

    /// The name used on the CLI (`--kind`), in JSON and by the browser filter.
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Article => "article",
            DocKind::Clause => "clause",
            DocKind::Annotation => "annotation",
            DocKind::Case => "case",
            DocKind::Risk => "risk",
            DocKind::Guide => "guide",
            DocKind::Version => "version",
        }
    }

    pub fn parse(s: &str) -> Option<DocKind> {
        DocKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Every article, paragraph and item, for citation jumps.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Default)]
pub struct ClauseEntry {
    pub eid: String,
    /// 第十条第一款第（五）项
    pub label: String,
    pub url: String,
    /// Ids of the documents a query for this clause lists after it, in order:
    /// its annotations, the cases citing it (newest first), its risk points,
    /// its guides (`site::search_docs::related`). Shipped in the `g/` set.
    pub related: Vec<String>,
}

/// What the export ships besides the index: the lexicon queries are cut with,
/// and keyed sets of other stages (the similar-case model and metadata, `i` and `m`).
#[derive(Debug, Default)]
pub struct Extras {
    pub lexicon: crate::segment::Lexicon,
    /// The declared outcomes, in the order the filters list them (others follow, sorted).
    pub outcomes: Vec<String>,
    pub sets: Vec<KeyedSet>,
}

/// Texts stored with documents in the tantivy index, not indexed (doc id →
/// text): the cases' comparison texts, which only `regkb similar` reads.
pub type Compare = std::collections::BTreeMap<String, String>;

/// A keyed set of the export (`sets`): its name (the folder), its entries and
/// the target bytes of one bucket file.
#[derive(Debug, Default)]
pub struct KeyedSet {
    pub name: String,
    pub entries: std::collections::BTreeMap<String, serde_json::Value>,
    pub bucket_bytes: usize,
}

impl Extras {
    /// The lexicon of these documents under plain jieba and no other sets (fixtures, benchmarks).
    pub fn of_docs(docs: &[SearchDoc]) -> Extras {
        Extras {
            lexicon: Extras::lexicon_of(docs, &crate::segment::Segmenter::new(&[])),
            outcomes: Vec::new(),
            sets: Vec::new(),
        }
    }

    /// The lexicon of these documents' words (titles and bodies) under `seg`,
    /// with the compounds found in a sample of at most `COMPOUND_SAMPLE`
    /// documents (every k-th: the memory it takes does not grow with the site).
    pub fn lexicon_of(
        docs: &[SearchDoc],
        seg: &crate::segment::Segmenter,
    ) -> crate::segment::Lexicon {
        use crate::segment::lexicon::Joined;
        use rayon::prelude::*;
        let stride = docs.len().div_ceil(COMPOUND_SAMPLE).max(1);
        let (tables, pairs, chains) = docs
            .par_iter()
            .enumerate()
            .fold(
                || (Counts::default(), Pairs::default(), Chains::default()),
                |(mut c, mut p, mut ch), (i, d)| {
                    let sampled = i % stride == 0;
                    if crate::memo::on() {
                        doc_part(seg, d, sampled).add_to(&mut c, &mut p, &mut ch);
                    } else {
                        scan_doc(seg, d, sampled, &mut c, &mut p, &mut ch);
                    }
                    (c, p, ch)
                },
            )
            .reduce(
                || (Counts::default(), Pairs::default(), Chains::default()),
                |(a, pa, mut ca), (b, pb, cb)| {
                    ca.extend(cb);
                    let (mut a, b) = if a.len() >= b.len() { (a, b) } else { (b, a) };
                    for (w, n) in b {
                        *a.entry(w).or_default() += n;
                    }
                    let (mut pa, pb) = if pa.len() >= pb.len() {
                        (pa, pb)
                    } else {
                        (pb, pa)
                    };
                    for (k, j) in pb {
                        let e = pa.entry(k).or_default();
                        e.occurrences += j.occurrences;
                        e.docs += j.docs;
                    }
                    (a, pa, ca)
                },
            );
        let counts: std::collections::BTreeMap<String, u64> = tables.into_iter().collect();
        let pairs: std::collections::BTreeMap<(String, String), Joined> = pairs
            .into_iter()
            .filter(|(_, j)| j.docs >= crate::segment::lexicon::MIN_DOCS)
            .collect();
        let mut lex = crate::segment::Lexicon::with_compounds(&counts, &pairs, stride as u64);
        lex.chains = chains
            .into_iter()
            .filter(|x| !lex.costs.contains_key(x) && !lex.compounds.contains_key(x))
            .collect();
        lex
    }
}

/// Documents whose adjacent words are counted for compounds (`lexicon_of`).
pub const COMPOUND_SAMPLE: usize = 4096;

type Counts = rustc_hash::FxHashMap<String, u64>;
type Pairs = rustc_hash::FxHashMap<(String, String), crate::segment::lexicon::Joined>;
type Chains = rustc_hash::FxHashSet<String>;

/// Adds one document to the lexicon's tables: its words, its citation chains
/// and, when it is `sampled`, the adjacent words it joins (each pair counted
/// once per document in `docs`).
fn scan_doc(
    seg: &crate::segment::Segmenter,
    d: &SearchDoc,
    sampled: bool,
    c: &mut Counts,
    p: &mut Pairs,
    ch: &mut Chains,
) {
    // A word allocates only the first time a table sees it.
    let add = |c: &mut Counts, w: &str| match c.get_mut(w) {
        Some(n) => *n += 1,
        None => {
            c.insert(w.to_string(), 1);
        }
    };
    for text in [&d.title, &d.body] {
        crate::segment::query::each_chain(text, |x| {
            ch.insert(x);
        });
    }
    if !sampled {
        seg.each_word(&d.title, |w| add(c, w));
        seg.each_word(&d.body, |w| add(c, w));
        return;
    }
    let mut here: Vec<(String, String)> = Vec::new();
    for text in [&d.title, &d.body] {
        let mut last: Option<String> = None;
        seg.each_word_joined(text, |w, joined| {
            add(c, w);
            if let Some(prev) = last.take().filter(|_| joined) {
                here.push((prev, w.to_string()));
            }
            last = Some(w.to_string());
        });
    }
    here.sort_unstable();
    let mut k = 0;
    while k < here.len() {
        let n = here[k..].iter().take_while(|x| **x == here[k]).count();
        let j = p.entry(here[k].clone()).or_default();
        j.occurrences += n as u64;
        j.docs += 1;
        k += n;
    }
}

/// One document's `scan_doc` on tables of its own, as `serve` keeps it.
#[derive(Clone)]
struct DocPart {
    words: Counts,
    pairs: Pairs,
    chains: Chains,
}

impl DocPart {
    fn add_to(&self, c: &mut Counts, p: &mut Pairs, ch: &mut Chains) {
        for (w, n) in &self.words {
            match c.get_mut(w) {
                Some(m) => *m += n,
                None => {
                    c.insert(w.clone(), *n);
                }
            }
        }
        for (k, j) in &self.pairs {
            let e = p.entry(k.clone()).or_default();
            e.occurrences += j.occurrences;
            e.docs += j.docs;
        }
        ch.extend(self.chains.iter().cloned());
    }
}

/// `scan_doc` of one document, kept for `serve`'s next rebuild.
fn doc_part(seg: &crate::segment::Segmenter, d: &SearchDoc, sampled: bool) -> DocPart {
    static PARTS: crate::memo::Memo<DocPart> = crate::memo::Memo::new();
    let key = || {
        format!(
            "{}\0{sampled}\0{}\0{}",
            seg.user_words().join("\n"),
            d.title,
            d.body
        )
    };
    PARTS.get_or(key, || {
        let mut part = DocPart {
            words: Counts::default(),
            pairs: Pairs::default(),
            chains: Chains::default(),
        };
        scan_doc(
            seg,
            d,
            sampled,
            &mut part.words,
            &mut part.pairs,
            &mut part.chains,
        );
        part
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexStats {
    pub docs: usize,
    /// Bytes of the tantivy index directory.
    pub index_bytes: u64,
    /// Bytes of the browser export (every file under `search/` but the index).
    pub export_bytes: u64,
}

/// One search result.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Hit {
    pub id: String,
    pub kind: String,
    pub title: String,
    pub url: String,
    pub score: f32,
}

/// Writes the tantivy index into `out/search/index/` and the browser export
/// (data files, `search.js`, `search.css`) into `out/search/`: `index` and
/// `write_export`, the export's tables written while tantivy indexes.
pub fn write_index(
    docs: &[SearchDoc],
    clauses: &[ClauseEntry],
    extras: &Extras,
    compare: &Compare,
    out: &Path,
) -> anyhow::Result<IndexStats> {
    std::thread::scope(|s| {
        let tantivy = s.spawn(|| index(docs, compare, out));
        write_export(
            || tantivy.join().expect("the tantivy thread does not panic"),
            docs,
            clauses,
            extras,
            out,
        )
    })
}

/// A tantivy index written, and how long that took.
pub struct Indexed {
    index: tantivy::Index,
    took: std::time::Duration,
}

/// The tantivy half of `write_index`: it needs only the documents, so `build`
/// starts it before the rest of the resolve stage.
pub fn index(docs: &[SearchDoc], compare: &Compare, out: &Path) -> anyhow::Result<Indexed> {
    let start = std::time::Instant::now();
    let index = indexer::write(docs, compare, &out.join("search").join("index"))?;
    Ok(Indexed {
        index,
        took: start.elapsed(),
    })
}

/// The export half of `write_index`: the tables that do not read the index are
/// written first, then `tantivy` is waited for (it runs on another thread) and
/// the rest of the export read from it.
pub fn write_export(
    tantivy: impl FnOnce() -> anyhow::Result<Indexed>,
    docs: &[SearchDoc],
    clauses: &[ClauseEntry],
    extras: &Extras,
    out: &Path,
) -> anyhow::Result<IndexStats> {
    let dir = out.join("search");
    let index_dir = dir.join("index");
    std::fs::create_dir_all(&dir)?;
    let tables = export::write_tables(docs, clauses, extras, &dir)?;
    let waiting = std::time::Instant::now();
    let Indexed { index, took } = tantivy()?;
    let waited = waiting.elapsed();
    let start = std::time::Instant::now();
    let export_bytes = export::write(&index, docs, clauses, extras, tables, &dir)?;
    drop(index);
    if std::env::var_os("REGKB_TIMINGS").is_some() {
        eprintln!(
            "    search index: tantivy {} ms (waited for {} ms), browser export {} ms",
            took.as_millis(),
            waited.as_millis(),
            start.elapsed().as_millis()
        );
    }
    // tantivy's lock files guard a writer at work; the published index has none.
    for lock in [".tantivy-writer.lock", ".tantivy-meta.lock"] {
        match std::fs::remove_file(index_dir.join(lock)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
            _ => {}
        }
    }
    Ok(IndexStats {
        docs: docs.len(),
        index_bytes: dir_bytes(&index_dir)?,
        export_bytes,
    })
}

/// Searches the tantivy index a build wrote (`site_dir` = the built `public/`).
pub fn search(
    site_dir: &Path,
    query: &str,
    kind: Option<&str>,
    limit: usize,
) -> anyhow::Result<Vec<Hit>> {
    Ok(query::search(&site_dir.join("search"), query, kind, limit)?.hits)
}

/// `search` with the words the query was cut into and whether the hits are only partial matches.
pub fn search_answer(
    site_dir: &Path,
    query: &str,
    kind: Option<&str>,
    limit: usize,
) -> anyhow::Result<query::Answer> {
    query::search(&site_dir.join("search"), query, kind, limit)
}

fn dir_bytes(dir: &Path) -> std::io::Result<u64> {
    let mut total = 0;
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let meta = entry.metadata()?;
        total += if meta.is_dir() {
            dir_bytes(&entry.path())?
        } else {
            meta.len()
        };
    }
    Ok(total)
}

#[cfg(test)]
mod tests;
