//! The key table of the browser export, read from tantivy's reader data: every
//! term and pair key with its postings (`entries`), and the holder lists of
//! words, compounds and citation chains computed from them (`holders`).

use super::schema::Fields;
use super::scoring::{self, Stats};
use super::tiers::Posting;
use super::{ClauseEntry, Extras};
use std::collections::BTreeSet;
use tantivy::postings::TermInfo;
use tantivy::schema::IndexRecordOption;
use tantivy::termdict::TermStreamer;
use tantivy::{DocSet, Searcher, TERMINATED};

/// Keys read together on every core (`entries`).
const READ_BATCH: usize = 16 * 1024;

/// Every key with its postings, in key order: terms (doc numbers and
/// impacts) and pair keys (doc numbers, and their two terms' impacts).
pub(super) fn entries(
    searcher: &Searcher,
    f: &Fields,
    stats: &Stats,
) -> anyhow::Result<Vec<(String, Posting)>> {
    let mut streams = Vec::new();
    let mut inverted = Vec::new();
    for seg in searcher.segment_readers() {
        inverted.push((
            seg.inverted_index(f.title)?,
            seg.inverted_index(f.body)?,
            seg.inverted_index(f.pairs)?,
        ));
    }
    for (title, body, _) in &inverted {
        streams.push(title.terms().stream()?);
        streams.push(body.terms().stream()?);
    }
    // Stream 2k is segment k's title, 2k + 1 its body: each term with where it
    // stands in every segment, so no term is looked up again.
    let segments = inverted.len();
    let reader = scoring::TermReader::new(searcher, f, *stats)?;
    let mut out = read_keys(
        streams,
        |infos| {
            let mut found: Vec<scoring::SegmentTerm> = vec![[None, None]; segments];
            for (stream, info) in infos {
                found[stream / 2][stream % 2] = Some(info.clone());
            }
            found
        },
        |_, found| Ok(Posting::Term(reader.read_found(&found)?)),
    )?;
    let terms_end = out.len();

    let nums: Vec<_> = searcher
        .segment_readers()
        .iter()
        .map(|s| s.fast_fields().u64("num"))
        .collect::<Result<_, _>>()?;
    let pair_streams = inverted
        .iter()
        .map(|i| i.2.terms().stream())
        .collect::<Result<Vec<_>, _>>()?;
    // Pair keys, with their terms' impacts from the terms read above.
    let terms = &out[..terms_end];
    let pairs = read_keys(
        pair_streams,
        |infos| infos.to_vec(),
        |key, infos| {
            let mut docs = Vec::new();
            for (seg, info) in &infos {
                let mut postings = inverted[*seg]
                    .2
                    .read_postings_from_terminfo(info, IndexRecordOption::Basic)?;
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    docs.push(nums[*seg].first(doc).unwrap_or_default() as u32);
                    doc = postings.advance();
                }
            }
            docs.sort_unstable();
            let impacts = pair_impacts(terms, key, &docs);
            Ok(Posting::Pair { docs, impacts })
        },
    )?;
    out.extend(pairs);
    // Two runs in key order, terms and pairs: the stable sort merges them.
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// Walks `streams` in key order (`merge_keys`), keeps what `found` takes from
/// each key's term infos, and reads the keys with `read` on every core,
/// READ_BATCH at a time, the order kept: what the walk found is held for one
/// batch, never for the whole dictionary.
fn read_keys<T: Send>(
    streams: Vec<TermStreamer<'_>>,
    found: impl Fn(&[(usize, TermInfo)]) -> T,
    read: impl Fn(&str, T) -> anyhow::Result<Posting> + Sync,
) -> anyhow::Result<Vec<(String, Posting)>> {
    use rayon::prelude::*;
    let read_batch = |batch: Vec<(String, T)>| -> anyhow::Result<Vec<(String, Posting)>> {
        batch
            .into_par_iter()
            .map(|(key, t)| {
                let posting = read(&key, t)?;
                Ok((key, posting))
            })
            .collect()
    };
    let mut out = Vec::new();
    let mut batch = Vec::with_capacity(READ_BATCH);
    merge_keys(streams, |key, infos| {
        batch.push((String::from_utf8_lossy(key).into_owned(), found(infos)));
        if batch.len() == READ_BATCH {
            out.extend(read_batch(std::mem::take(&mut batch))?);
        }
        Ok(())
    })?;
    out.extend(read_batch(batch)?);
    Ok(out)
}

/// The impacts of a pair key's two terms in each of its documents, packed as
/// `tiers::pack_pair` packs them, read from the terms' postings (`terms`, in
/// key order); `None` when a term is missing or an impact does not fit.
fn pair_impacts(terms: &[(String, Posting)], key: &str, docs: &[u32]) -> Option<Vec<u32>> {
    // Every impact takes at least one character: a longer list cannot stay in
    // its bucket, and is written without impacts whatever they are.
    if docs.len() > super::tiers::BIG_ENTRY {
        return None;
    }
    let (a, b) = pair_terms(key)?;
    let postings = |t: &str| match terms.binary_search_by(|e| e.0.as_str().cmp(t)) {
        Ok(i) => match &terms[i].1 {
            Posting::Term(list) => Some(list),
            _ => None,
        },
        Err(_) => None,
    };
    let (pa, pb) = (postings(&a)?, postings(&b)?);
    let impact = |list: &Vec<(u32, u32)>, d: u32| {
        list.binary_search_by_key(&d, |e| e.0)
            .ok()
            .map(|i| list[i].1)
    };
    docs.iter()
        .map(|&d| super::tiers::pack_pair(impact(pa, d)?, impact(pb, d)?))
        .collect()
}

/// The two terms a pair key joins (`analyzer::pair_key` read back).
fn pair_terms(key: &str) -> Option<(String, String)> {
    if let Some((a, b)) = key.split_once(' ') {
        return Some((a.to_string(), b.to_string()));
    }
    let c: Vec<char> = key.chars().collect();
    (c.len() == 3).then(|| (c[..2].iter().collect(), c[1..].iter().collect()))
}

/// For each lexicon word, compound and citation chain of more than one key, the documents
/// holding it (the CLI's `word_holders`) under the key `=word`, each with the
/// sum of its distinct terms' impacts: a query word is then one list, not the
/// intersection of its bigrams' and pairs' lists, and ranks as one unit; a
/// compound's list is the best group of a query typed as that phrase.
/// Computed from the postings `entries` already holds, not read again.
pub(super) fn holders(
    entries: &[(String, Posting)],
    extras: &Extras,
    clause_chains: &BTreeSet<String>,
) -> Vec<(String, Posting)> {
    let find = |key: &str| {
        entries
            .binary_search_by(|e| e.0.as_str().cmp(key))
            .ok()
            .map(|i| &entries[i].1)
    };
    let term = |t: &str| match find(t) {
        Some(Posting::Term(list)) => list.as_slice(),
        _ => &[],
    };
    let lex = &extras.lexicon;
    let chains = lex
        .chains
        .union(clause_chains)
        .filter(|c| !lex.costs.contains_key(*c) && !lex.compounds.contains_key(*c));
    let words: Vec<&String> = lex
        .costs
        .keys()
        .chain(lex.compounds.keys())
        .chain(chains)
        .collect();
    // Each word's list is computed on every core, in the words' order.
    use rayon::prelude::*;
    words
        .into_par_iter()
        .filter_map(|w| {
            let (terms, pairs) = super::query::word_keys(w);
            if terms.len() + pairs.len() < 2 {
                return None;
            }
            let mut keys: Vec<Vec<u32>> = terms
                .iter()
                .map(|t| term(t).iter().map(|d| d.0).collect())
                .collect();
            keys.extend(pairs.iter().map(|p| match find(p) {
                Some(Posting::Pair { docs, .. }) => docs.clone(),
                _ => Vec::new(),
            }));
            let docs = scoring::intersect(keys);
            // Each distinct term's list is found once, not once per document.
            let distinct: Vec<&[(u32, u32)]> = terms
                .iter()
                .collect::<BTreeSet<&String>>()
                .into_iter()
                .map(|t| term(t))
                .collect();
            let list = docs
                .iter()
                .map(|&d| {
                    let sum = distinct
                        .iter()
                        .filter_map(|list| {
                            let i = list.binary_search_by_key(&d, |e| e.0).ok()?;
                            Some(list[i].1)
                        })
                        .sum();
                    (d, sum)
                })
                .collect();
            Some((format!("={w}"), Posting::Term(list)))
        })
        .collect()
}

/// The citation chains a reader types for each clause, folded as a query is:
/// its label (第十条第一款第五项) and, for an item, the label without its 款
/// (第十条第五项), as the regulation's own cross-references write it.
pub(super) fn clause_chains(clauses: &[ClauseEntry]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for c in clauses {
        let label = super::analyzer::folded(&c.label);
        if let (Some(kuan), true) = (label.find('款'), label.ends_with('项')) {
            if let Some(at) = label[..kuan].rfind('第') {
                out.insert(format!(
                    "{}{}",
                    &label[..at],
                    &label[kuan + '款'.len_utf8()..]
                ));
            }
        }
        out.insert(label);
    }
    out
}

/// Walks several term dictionaries in key order at once, calling `each` once
/// per distinct key with the (stream index, term info) of every stream holding it.
fn merge_keys(
    mut streams: Vec<TermStreamer<'_>>,
    mut each: impl FnMut(&[u8], &[(usize, TermInfo)]) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let mut live: Vec<bool> = streams.iter_mut().map(|s| s.advance()).collect();
    let mut key: Vec<u8> = Vec::new();
    let mut infos: Vec<(usize, TermInfo)> = Vec::new();
    loop {
        // The smallest key at the head of a stream, copied once into `key`.
        let Some(min) = (0..streams.len())
            .filter(|&i| live[i])
            .min_by(|&a, &b| streams[a].key().cmp(streams[b].key()))
        else {
            return Ok(());
        };
        key.clear();
        key.extend_from_slice(streams[min].key());
        infos.clear();
        for (i, s) in streams.iter_mut().enumerate() {
            if live[i] && s.key() == key.as_slice() {
                infos.push((i, s.value().clone()));
                live[i] = s.advance();
            }
        }
        each(&key, &infos)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clause_chains_are_labels_and_items_without_their_paragraph() {
        let c = |label: &str| ClauseEntry {
            eid: String::new(),
            label: label.to_string(),
            url: String::new(),
            related: Vec::new(),
        };
        let got = clause_chains(&[
            c("第十条"),
            c("第十条第一款第（五）项"),
            c("第十条之一第二款第（三）项"),
        ]);
        let want = [
            "第十条",
            "第十条之一第三项",
            "第十条之一第二款第三项",
            "第十条第一款第五项",
            "第十条第五项",
        ];
        assert_eq!(got.iter().map(String::as_str).collect::<Vec<_>>(), want);
    }
}
