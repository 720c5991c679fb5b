//! Search over the tantivy index a build wrote: what `regkb search` runs. The
//! browser engine (search.js) computes the same ranking over the export.

use super::analyzer::{self, pair_key};
use super::citation_query;
use super::schema::{self, Fields};
use super::scoring::{self, Stats};
use super::sets::{SetReader, not_built, not_ours};
use super::{ClauseEntry, DocKind, Hit};
use crate::msg;
use anyhow::{Context, bail};
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;
use tantivy::schema::Value as _;
use tantivy::{DocAddress, Index, TantivyDocument};

/// A query after analysis: its distinct terms and its distinct adjacent pairs
/// (as indexes into `terms`), each in order of first appearance.
#[derive(Debug, PartialEq, Eq)]
pub struct Plan {
    pub terms: Vec<String>,
    pub pairs: Vec<(String, usize, usize)>,
}

pub fn plan(query: &str) -> Plan {
    let tokens = analyzer::analyze(query);
    let mut terms: Vec<String> = Vec::new();
    let index = |terms: &mut Vec<String>, t: &str| match terms.iter().position(|x| x == t) {
        Some(i) => i,
        None => {
            terms.push(t.to_string());
            terms.len() - 1
        }
    };
    let ids: Vec<usize> = tokens.iter().map(|t| index(&mut terms, &t.text)).collect();
    let mut pairs: Vec<(String, usize, usize)> = Vec::new();
    for k in 1..tokens.len() {
        if tokens[k].position != tokens[k - 1].position + 1 {
            continue;
        }
        let key = pair_key(&terms[ids[k - 1]], &terms[ids[k]]);
        if !pairs.iter().any(|p| p.0 == key) {
            pairs.push((key, ids[k - 1], ids[k]));
        }
    }
    Plan { terms, pairs }
}

/// The clause table the export wrote for the browser (`clauses.js`), read back
/// so CLI and browser jump from one table.
pub fn read_clauses(search_dir: &Path) -> anyhow::Result<Vec<ClauseEntry>> {
    let path = search_dir.join("clauses.js");
    let text = std::fs::read_to_string(&path).with_context(|| not_built(&path))?;
    let json = text
        .trim()
        .strip_prefix("regkbSearch.clauses(")
        .and_then(|s| s.strip_suffix(");"));
    let rows: Vec<(String, String, String, i64)> =
        serde_json::from_str(json.with_context(|| not_ours(&path))?)
            .with_context(|| not_ours(&path))?;
    Ok(rows
        .into_iter()
        .map(|(eid, label, url, _)| ClauseEntry {
            eid,
            label,
            url,
            related: Vec::new(),
        })
        .collect())
}

/// The lexicon groups of some characters, read from the export's `w/` set,
/// and the lexicon's constants: what the segmenter's cost lookups need.
pub struct LexiconGroups {
    groups: HashMap<char, Value>,
    pub single: u32,
    pub max: usize,
}

impl LexiconGroups {
    pub fn read(reader: &SetReader, chars: &[char]) -> anyhow::Result<LexiconGroups> {
        let lex = &reader.meta()["lexicon"];
        let mut groups = HashMap::new();
        for &c in chars {
            groups.insert(c, reader.get("w", &c.to_string())?.unwrap_or(Value::Null));
        }
        Ok(LexiconGroups {
            groups,
            single: lex["single"].as_u64().unwrap_or(1000) as u32,
            max: lex["max"].as_u64().unwrap_or(1) as usize,
        })
    }

    pub fn cost(&self, w: &str) -> Option<u32> {
        let first = w.chars().next()?;
        self.groups.get(&first)?.get(w)?.as_u64().map(|c| c as u32)
    }
}

/// The words a query must match, cut with the lexicon the export ships.
pub fn query_words(reader: &SetReader, query: &str) -> anyhow::Result<Vec<String>> {
    let lex = LexiconGroups::read(reader, &crate::segment::query::first_chars(query))?;
    Ok(crate::segment::query::words(
        query,
        &|w| lex.cost(w),
        lex.single,
        lex.max,
    ))
}

/// What a word needs in a document: every bigram (or the lone token) as a
/// term, and every adjacent pair of them as a pair key — the word's phrase.
pub fn word_keys(word: &str) -> (Vec<String>, Vec<String>) {
    let tokens = analyzer::analyze(word);
    let mut terms: Vec<String> = tokens.iter().map(|t| t.text.clone()).collect();
    terms.dedup();
    (terms, analyzer::pair_keys(&tokens))
}

/// Every document holding a query term, in the ranking's order (phrase pairs,
/// from the pair-key lists the export also carries, then terms held, then impacts).
fn ranked_by_terms(
    searcher: &tantivy::Searcher,
    f: &Fields,
    stats: &Stats,
    query: &str,
) -> anyhow::Result<Vec<scoring::Ranked>> {
    let plan = plan(query);
    let postings: Vec<Vec<(u32, u32)>> = plan
        .terms
        .iter()
        .map(|t| scoring::read_term(searcher, f, stats, t))
        .collect::<Result<_, _>>()?;
    let pair_docs: Vec<Vec<u32>> = plan
        .pairs
        .iter()
        .map(|(key, _, _)| scoring::read_pair(searcher, f, key))
        .collect::<Result<_, _>>()?;
    let lists: Vec<&[(u32, u32)]> = postings.iter().map(Vec::as_slice).collect();
    let has_pair = |num: u32, i: usize| pair_docs[i].binary_search(&num).is_ok();
    Ok(scoring::rank(&lists, plan.pairs.len(), has_pair))
}

/// For each word, the documents holding it, from the same term and pair
/// lists the export carries.
pub(crate) fn word_holders(
    searcher: &tantivy::Searcher,
    f: &Fields,
    stats: &Stats,
    words: &[String],
) -> anyhow::Result<Vec<Vec<u32>>> {
    let mut holders = Vec::new();
    for w in words {
        let (terms, pairs) = word_keys(w);
        let mut keys: Vec<Vec<u32>> = Vec::new();
        for t in &terms {
            let docs = scoring::read_term(searcher, f, stats, t)?;
            keys.push(docs.iter().map(|d| d.0).collect());
        }
        for p in &pairs {
            keys.push(scoring::read_pair(searcher, f, p)?);
        }
        holders.push(scoring::intersect(keys));
    }
    Ok(holders)
}

/// A search's answer: the hits, and whether they are only partial matches
/// (no document holds every word of the query).
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub hits: Vec<Hit>,
    pub words: Vec<String>,
    pub partial: bool,
}

pub fn search(
    search_dir: &Path,
    query: &str,
    kind: Option<&str>,
    limit: usize,
) -> anyhow::Result<Answer> {
    if let Some(k) = kind
        && DocKind::parse(k).is_none()
    {
        bail!(msg!(
            "E0902",
            format!(
                "没有“{k}”这种类别：可选 article（条）、clause（款、项）、annotation（释义）、case（案例）、risk（风险点）、guide（指引）、version（其他版本的条文）"
            ),
            format!(
                "unknown kind {k:?}: use article, clause, annotation, case, risk, guide or version"
            ),
        ));
    }
    let (searcher, f, stats) = open_reader(search_dir)?;
    let reader = SetReader::open(search_dir)?;

    let ranked = ranked_by_terms(&searcher, &f, &stats, query)?;
    let words = query_words(&reader, query)?;
    let holders = word_holders(&searcher, &f, &stats, &words)?;
    let (mut ranked, partial) = scoring::by_words(ranked, &holders);
    if let Some(k) = kind {
        let allowed = scoring::read_kind(&searcher, &f, k)?;
        ranked.retain(|r| allowed.binary_search(&r.num).is_ok());
    } else {
        // Other versions' text is found only when asked for (`--kind version`).
        let hidden = scoring::read_kind(&searcher, &f, DocKind::Version.as_str())?;
        ranked.retain(|r| hidden.binary_search(&r.num).is_err());
    }

    let clauses = read_clauses(search_dir)?;
    let jumps = citation_query::jumps(query, &clauses);
    let mut hits = jump_hits(&jumps, kind, &ranked);
    let addresses = addresses(&searcher)?;
    let hit_of = |num: u32, score: f32| -> anyhow::Result<Hit> {
        let doc: TantivyDocument = searcher.doc(addresses[&num])?;
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        Ok(Hit {
            id: text(f.id),
            kind: text(f.kind),
            title: text(f.title),
            url: text(f.url),
            score,
        })
    };
    let top_score = ranked.first().map_or(0.0, |r| r.score());
    // The citation graph: what the jumped-to clauses list after themselves.
    for c in &jumps {
        let related = reader.get("g", &c.eid)?.unwrap_or(Value::Null);
        let related = related
            .as_str()
            .map(super::encode::decode_order)
            .unwrap_or_default();
        for num in related.into_iter().map(u64::from) {
            if hits.len() >= limit {
                break;
            }
            let hit = hit_of(num as u32, top_score + 1.0)?;
            if kind.is_some_and(|k| k != hit.kind) || hits.iter().any(|h| h.id == hit.id) {
                continue;
            }
            hits.push(hit);
        }
    }
    for r in ranked {
        if hits.len() >= limit {
            break;
        }
        let hit = hit_of(r.num, r.score())?;
        if hits.iter().any(|h| h.id == hit.id) {
            continue;
        }
        hits.push(hit);
    }
    hits.truncate(limit);
    Ok(Answer {
        hits,
        words,
        partial,
    })
}

/// The clauses a citation query names, as the first hits (of the kind asked for).
fn jump_hits(jumps: &[&ClauseEntry], kind: Option<&str>, ranked: &[scoring::Ranked]) -> Vec<Hit> {
    let top_score = ranked.first().map_or(0.0, |r| r.score());
    jumps
        .iter()
        .map(|c| Hit {
            id: c.eid.clone(),
            kind: if c.eid.contains("__") {
                "clause"
            } else {
                "article"
            }
            .to_string(),
            title: c.label.clone(),
            url: c.url.clone(),
            score: top_score + 2.0,
        })
        .filter(|h| kind.is_none_or(|k| k == h.kind))
        .collect()
}

/// Doc number → address in the index.
fn addresses(searcher: &tantivy::Searcher) -> tantivy::Result<HashMap<u32, DocAddress>> {
    let mut out = HashMap::new();
    for (ord, seg) in searcher.segment_readers().iter().enumerate() {
        let nums = seg.fast_fields().u64("num")?;
        for doc in 0..seg.max_doc() {
            out.insert(
                nums.first(doc).unwrap_or_default() as u32,
                DocAddress::new(ord as u32, doc),
            );
        }
    }
    Ok(out)
}

/// Opens the index a build wrote under `search_dir/index` for reading: the
/// searcher, its fields and the collection statistics the impacts need.
pub fn open_reader(search_dir: &Path) -> anyhow::Result<(tantivy::Searcher, Fields, Stats)> {
    let index_dir = search_dir.join("index");
    let index = Index::open_in_dir(&index_dir).with_context(|| not_built(&index_dir))?;
    schema::register(&index);
    let fields = Fields::of(&index.schema())?;
    let searcher = index.reader()?.searcher();
    let stats = Stats::of(&searcher, &fields)?;
    Ok((searcher, fields, stats))
}
