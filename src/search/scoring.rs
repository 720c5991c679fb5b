//! The ranking model, shared by the CLI and the browser export.
//!
//! Per term and document, an integer *impact*: BM25 over the title (weighted)
//! plus BM25 over the body, scaled and rounded. It is computed here, in one
//! place, from tantivy's reader data, both when the CLI searches and when the
//! export is written, so the browser only adds integers and cannot drift in
//! floating point. Ranking: documents containing any query term, ordered by how
//! many adjacent query-token pairs stand adjacent in them (the phrase signal),
//! then by how many distinct query terms they hold (so 隐瞒台账 finds documents
//! with 隐瞒 … 台账 apart, after those with the phrase), then by the sum of
//! impacts, then by id.

use super::schema::Fields;
use std::collections::HashMap;
use std::sync::Arc;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::Postings;
use tantivy::postings::TermInfo;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocSet, InvertedIndexReader, Searcher, TERMINATED, Term};

pub const K1: f64 = 1.2;
pub const B: f64 = 0.75;
/// A term in the title counts twice what it counts in the body.
pub const TITLE_WEIGHT: f64 = 2.0;
/// Impacts are BM25 × 8, rounded: steps of 1/8 keep distinct scores distinct
/// while small impacts stay one character in the export's encoding.
pub const IMPACT_SCALE: f64 = 8.0;
pub const MAX_IMPACT: u32 = 1023;
/// In the printed score, each phrase pair is worth this much (ranking itself
/// compares pairs first, so this is only for display).
pub const PAIR_SCORE: f32 = 10_000.0;
/// Printed weight of each distinct query term held (the order itself is by the tuple).
pub const MATCH_SCORE: f32 = 1_000.0;

/// Collection statistics BM25 needs, summed over segments.
#[derive(Debug, Clone, Copy)]
pub struct Stats {
    pub docs: u64,
    pub title_avg: f64,
    pub body_avg: f64,
}

impl Stats {
    pub fn of(searcher: &Searcher, f: &Fields) -> tantivy::Result<Stats> {
        let (mut title, mut body) = (0u64, 0u64);
        for seg in searcher.segment_readers() {
            title += seg.inverted_index(f.title)?.total_num_tokens();
            body += seg.inverted_index(f.body)?.total_num_tokens();
        }
        let docs = searcher.num_docs();
        let avg = |total: u64| {
            if docs == 0 {
                1.0
            } else {
                (total as f64 / docs as f64).max(1.0)
            }
        };
        Ok(Stats {
            docs,
            title_avg: avg(title),
            body_avg: avg(body),
        })
    }
}

fn bm25(tf: u32, len: u32, df: u64, docs: u64, avg: f64) -> f64 {
    if tf == 0 {
        return 0.0;
    }
    let idf = (1.0 + (docs as f64 - df as f64 + 0.5) / (df as f64 + 0.5)).ln();
    let tf = tf as f64;
    idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len as f64 / avg))
}

/// Frequency and length of a term in one field of one document.
#[derive(Debug, Clone, Copy, Default)]
struct Occurrence {
    tf: u32,
    len: u32,
}

fn impact(stats: &Stats, df: (u64, u64), title: Occurrence, body: Occurrence) -> u32 {
    let score = TITLE_WEIGHT * bm25(title.tf, title.len, df.0, stats.docs, stats.title_avg)
        + bm25(body.tf, body.len, df.1, stats.docs, stats.body_avg);
    ((score * IMPACT_SCALE).round() as u32).min(MAX_IMPACT)
}

/// Reads one term from the index, over title and body: (doc number, impact)
/// by doc number. The single source of impacts (`TermReader` does the work).
pub fn read_term(
    searcher: &Searcher,
    f: &Fields,
    stats: &Stats,
    text: &str,
) -> tantivy::Result<Vec<(u32, u32)>> {
    TermReader::new(searcher, f, *stats)?.read(text)
}

/// Where a term stands in one segment: its entry in the title's and in the
/// body's dictionary (`None` where the field lacks it).
pub type SegmentTerm = [Option<TermInfo>; 2];

/// What reading terms needs from each segment (the title's and body's
/// postings and field lengths, the doc numbers), opened once for many terms:
/// the export reads every term of the index, and opening these per term was
/// most of its time.
pub struct TermReader {
    stats: Stats,
    title: Field,
    body: Field,
    segments: Vec<SegmentParts>,
}

struct SegmentParts {
    nums: tantivy::columnar::Column<u64>,
    fields: [(Arc<InvertedIndexReader>, FieldNormReader); 2],
}

impl TermReader {
    pub fn new(searcher: &Searcher, f: &Fields, stats: Stats) -> tantivy::Result<TermReader> {
        let segments = searcher
            .segment_readers()
            .iter()
            .map(|seg| {
                let part = |field| -> tantivy::Result<_> {
                    Ok((
                        seg.inverted_index(field)?,
                        seg.get_fieldnorms_reader(field)?,
                    ))
                };
                Ok(SegmentParts {
                    nums: seg.fast_fields().u64("num")?,
                    fields: [part(f.title)?, part(f.body)?],
                })
            })
            .collect::<tantivy::Result<_>>()?;
        Ok(TermReader {
            stats,
            title: f.title,
            body: f.body,
            segments,
        })
    }

    /// `read_term`: the term looked up in every segment's two dictionaries.
    pub fn read(&self, text: &str) -> tantivy::Result<Vec<(u32, u32)>> {
        let terms = [
            Term::from_field_text(self.title, text),
            Term::from_field_text(self.body, text),
        ];
        let found = self
            .segments
            .iter()
            .map(|seg| {
                let [t, b] = [0, 1].map(|k| seg.fields[k].0.get_term_info(&terms[k]));
                Ok([t?, b?])
            })
            .collect::<std::io::Result<Vec<SegmentTerm>>>()?;
        self.read_found(&found)
    }

    /// A term's postings from its dictionary entries, one `SegmentTerm` per
    /// segment in the searcher's order (what a walk of the dictionaries found).
    pub fn read_found(&self, found: &[SegmentTerm]) -> tantivy::Result<Vec<(u32, u32)>> {
        let mut df = (0u64, 0u64);
        for [t, b] in found {
            df.0 += t.as_ref().map_or(0, |i| i.doc_freq as u64);
            df.1 += b.as_ref().map_or(0, |i| i.doc_freq as u64);
        }
        let mut out = Vec::new();
        for (seg, infos) in self.segments.iter().zip(found) {
            let [title, body] = [0, 1].map(|k| occurrences(&seg.fields[k], infos[k].as_ref()));
            let (title, body) = (title?, body?);
            // Both lists are in segment doc order: merge them.
            let (mut i, mut j) = (0, 0);
            while i < title.len() || j < body.len() {
                let doc = match (title.get(i), body.get(j)) {
                    (Some(t), Some(b)) => t.0.min(b.0),
                    (Some(t), None) => t.0,
                    (None, Some(b)) => b.0,
                    (None, None) => unreachable!(),
                };
                let take = |list: &[(u32, Occurrence)], k: &mut usize| match list.get(*k) {
                    Some(&(d, occ)) if d == doc => {
                        *k += 1;
                        occ
                    }
                    _ => Occurrence::default(),
                };
                let (t, b) = (take(&title, &mut i), take(&body, &mut j));
                let num = seg.nums.first(doc).unwrap_or_default() as u32;
                out.push((num, impact(&self.stats, df, t, b)));
            }
        }
        out.sort_unstable();
        Ok(out)
    }
}

/// A term's (segment doc, frequency and field length) in one field of one segment.
fn occurrences(
    (index, norms): &(Arc<InvertedIndexReader>, FieldNormReader),
    info: Option<&TermInfo>,
) -> tantivy::Result<Vec<(u32, Occurrence)>> {
    let Some(info) = info else {
        return Ok(Vec::new());
    };
    let mut postings = index.read_postings_from_terminfo(info, IndexRecordOption::WithFreqs)?;
    let mut out = Vec::new();
    let mut doc = postings.doc();
    while doc != TERMINATED {
        let occ = Occurrence {
            tf: postings.term_freq(),
            len: norms.fieldnorm(doc),
        };
        out.push((doc, occ));
        doc = postings.advance();
    }
    Ok(out)
}

/// Doc numbers of the documents holding a pair key (see `analyzer::pair_key`).
pub fn read_pair(searcher: &Searcher, f: &Fields, key: &str) -> tantivy::Result<Vec<u32>> {
    read_plain(searcher, f.pairs, key)
}

/// Doc numbers of the documents of one kind ("case", …).
pub fn read_kind(searcher: &Searcher, f: &Fields, kind: &str) -> tantivy::Result<Vec<u32>> {
    read_plain(searcher, f.kind, kind)
}

fn read_plain(searcher: &Searcher, field: Field, key: &str) -> tantivy::Result<Vec<u32>> {
    let term = Term::from_field_text(field, key);
    let mut out = Vec::new();
    for seg in searcher.segment_readers() {
        let nums = seg.fast_fields().u64("num")?;
        let Some(mut postings) = seg
            .inverted_index(field)?
            .read_postings(&term, IndexRecordOption::Basic)?
        else {
            continue;
        };
        let mut doc = postings.doc();
        while doc != TERMINATED {
            out.push(nums.first(doc).unwrap_or_default() as u32);
            doc = postings.advance();
        }
    }
    out.sort_unstable();
    Ok(out)
}

/// A ranked document: compare `pairs` first, then `sum`, then `num` ascending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ranked {
    pub num: u32,
    pub pairs: u32,
    /// Distinct query terms the document holds.
    pub matched: u32,
    pub sum: u32,
}

impl Ranked {
    pub fn score(&self) -> f32 {
        self.pairs as f32 * PAIR_SCORE
            + self.matched as f32 * MATCH_SCORE
            + self.sum as f32 / IMPACT_SCALE as f32
    }
}

/// Matches and orders documents. `terms`: each unique query term's postings;
/// `has_pair(num, i)`: whether document `num` holds the i-th unique query pair.
pub fn rank(
    terms: &[&[(u32, u32)]],
    pair_count: usize,
    has_pair: impl Fn(u32, usize) -> bool,
) -> Vec<Ranked> {
    let mut acc: HashMap<u32, (u32, u32)> = HashMap::new();
    for list in terms {
        for &(num, impact) in *list {
            let e = acc.entry(num).or_default();
            e.0 += 1;
            e.1 += impact;
        }
    }
    let mut out: Vec<Ranked> = acc
        .into_iter()
        .map(|(num, (matched, sum))| Ranked {
            num,
            pairs: (0..pair_count).filter(|&i| has_pair(num, i)).count() as u32,
            matched,
            sum,
        })
        .collect();
    out.sort_unstable_by(|a, b| {
        b.pairs
            .cmp(&a.pairs)
            .then(b.matched.cmp(&a.matched))
            .then(b.sum.cmp(&a.sum))
            .then(a.num.cmp(&b.num))
    });
    out
}

/// Keeps the documents that hold every word (`holders[w]`: the sorted doc
/// numbers holding word `w`), in `ranked`'s order. When none holds them all,
/// the documents holding some, most words first: the second value says so.
/// A query of one word or none is its own answer.
pub fn by_words(ranked: Vec<Ranked>, holders: &[Vec<u32>]) -> (Vec<Ranked>, bool) {
    if holders.is_empty() {
        return (Vec::new(), false);
    }
    let held = |num: u32| {
        holders
            .iter()
            .filter(|h| h.binary_search(&num).is_ok())
            .count()
    };
    let all: Vec<Ranked> = ranked
        .iter()
        .copied()
        .filter(|r| held(r.num) == holders.len())
        .collect();
    if !all.is_empty() || holders.len() == 1 {
        return (all, false);
    }
    let mut some: Vec<(usize, Ranked)> = ranked
        .into_iter()
        .map(|r| (held(r.num), r))
        .filter(|(n, _)| *n > 0)
        .collect();
    // Stable: within a number of words, the ranking's order.
    some.sort_by(|a, b| b.0.cmp(&a.0));
    (some.into_iter().map(|(_, r)| r).collect(), true)
}

/// Doc numbers in every list (each sorted).
pub fn intersect(mut lists: Vec<Vec<u32>>) -> Vec<u32> {
    lists.sort_by_key(|l| l.len());
    let mut it = lists.into_iter();
    let Some(mut acc) = it.next() else {
        return Vec::new();
    };
    for l in it {
        acc.retain(|d| l.binary_search(d).is_ok());
    }
    acc
}
