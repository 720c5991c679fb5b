//! The text model of similar cases: each case's whole text as a TF-IDF vector
//! over words (jieba) and CJK bigrams, length-normalised, weights rounded to
//! integers. A query (a case's own text, or a description) is weighted the
//! same way without the normalisation, which would not change the order.
//! Everything the ranking multiplies is an integer computed here, so the
//! browser (`similar.js`) only multiplies and adds what the export ships.
//!
//! Term keys: `w` + word, `b` + bigram (a two-character word is both: the
//! word counts on top of its bigram, so real words outweigh cross-word pairs).

use crate::search::analyzer;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// 100 · (1 + ln c) for c = 0…16 (0 for c = 0): the sublinear term frequency.
pub const TF_WEIGHT: [u32; 17] = [
    0, 100, 169, 210, 239, 261, 279, 295, 308, 320, 330, 340, 348, 356, 364, 371, 377,
];
/// A normalised case vector has length `DOC_SCALE` (weights rounded).
pub const DOC_SCALE: f64 = 1000.0;
/// A term's postings keep its `MAX_POSTINGS` heaviest cases (ties by case
/// index): a bounded walk per query term, whatever the number of cases. The
/// cases cut off hold the term only faintly (long texts, or a term in most cases).
pub const MAX_POSTINGS: usize = 256;

/// One term of the model: its integer idf and its postings (case index,
/// weight), by case index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermList {
    pub idf: u32,
    pub cases: Vec<(u32, u32)>,
}

pub type Lookup<'a> = dyn FnMut(&str) -> Option<Arc<TermList>> + 'a;

/// The model over all cases.
#[derive(Debug, Default)]
pub struct Model {
    pub terms: FxHashMap<String, Arc<TermList>>,
    /// Term keys by id (the `Interner`'s ids), and their lists.
    pub names: Vec<String>,
    pub by_id: Vec<Arc<TermList>>,
}

/// Term keys as small integers, in order of first sight: a case's terms are
/// kept as `(id, count)` pairs, a few bytes each instead of a string each
/// (at 100,000 cases the strings alone took more than a gigabyte).
#[derive(Debug, Default)]
pub struct Interner {
    ids: FxHashMap<String, u32>,
}

impl Interner {
    pub fn intern(&mut self, terms: Vec<(String, u32)>) -> Vec<(u32, u32)> {
        terms
            .into_iter()
            .map(|(t, c)| {
                let next = self.ids.len() as u32;
                (*self.ids.entry(t).or_insert(next), c)
            })
            .collect()
    }

    /// For each id, how many of `docs` hold it (terms not interned are ignored).
    pub fn df_in(&self, docs: &[Vec<(String, u32)>]) -> Vec<usize> {
        let mut df = vec![0usize; self.ids.len()];
        for terms in docs {
            for (t, _) in terms {
                if let Some(&id) = self.ids.get(t.as_str()) {
                    df[id as usize] += 1;
                }
            }
        }
        df
    }

    pub fn into_names(self) -> Vec<String> {
        let mut names = vec![String::new(); self.ids.len()];
        for (t, id) in self.ids {
            names[id as usize] = t;
        }
        names
    }
}

pub fn tf_weight(count: u32) -> u32 {
    TF_WEIGHT[(count as usize).min(TF_WEIGHT.len() - 1)]
}

/// The distinct terms of a text with their counts, by key: `words` (from the
/// segmenter) and the CJK bigrams of the analyzer.
pub fn text_terms(words: &[String], text: &str) -> Vec<(String, u32)> {
    let mut counts: FxHashMap<String, u32> = FxHashMap::default();
    let mut key = String::new();
    let mut add = |prefix: char, body: &mut dyn Iterator<Item = char>| {
        key.clear();
        key.push(prefix);
        key.extend(body);
        match counts.get_mut(key.as_str()) {
            Some(n) => *n += 1,
            None => {
                counts.insert(key.clone(), 1);
            }
        }
    };
    for w in words.iter().filter(|w| !is_count(w)) {
        add('w', &mut w.chars());
    }
    // The analyzer's CJK bigrams: consecutive CJK characters of the folded text.
    let chars: Vec<char> = analyzer::folded(text).chars().collect();
    for pair in chars.windows(2) {
        if analyzer::is_cjk(pair[0]) && analyzer::is_cjk(pair[1]) {
            add('b', &mut pair.iter().copied());
        }
    }
    let mut out: Vec<(String, u32)> = counts.into_iter().collect();
    out.sort_unstable();
    out
}

/// A number and its measure word (三日, 两名, 一次, 十五日): a count, not a topic.
pub fn is_count(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    chars.len() >= 2
        && chars[..chars.len() - 1]
            .iter()
            .all(|&c| crate::numerals::is_numeral_char(c) || c == '两')
}

/// ln(1 + N / df) × 100, rounded, at least 1.
fn idf(cases: usize, df: usize) -> u32 {
    ((100.0 * (1.0 + cases as f64 / df as f64).ln()).round() as u32).max(1)
}

impl Model {
    /// From each case's terms (index = case index in the case table).
    /// `background`: the terms of the knowledge base's other documents (the
    /// rules, annotations, guides): they count in the idf only, so the words
    /// of the rules every case quotes (容错, 整改, 执法对象故意隐瞒…) weigh
    /// little, and the words of the facts decide.
    pub fn build(cases: &[Vec<(String, u32)>], background: &[Vec<(String, u32)>]) -> Model {
        let mut interner = Interner::default();
        let interned: Vec<Vec<(u32, u32)>> =
            cases.iter().map(|t| interner.intern(t.clone())).collect();
        let background_df = interner.df_in(background);
        Model::from_interned(
            &interned,
            &background_df,
            background.len(),
            interner.into_names(),
        )
    }

    /// The model from each case's interned terms, with `background_df[id]` the
    /// number of the `background` other documents holding term `id`.
    pub fn from_interned(
        interned: &[Vec<(u32, u32)>],
        background_df: &[usize],
        background: usize,
        names: Vec<String>,
    ) -> Model {
        let n = interned.len() + background;
        let mut df = vec![0usize; names.len()];
        for terms in interned {
            for &(t, _) in terms {
                df[t as usize] += 1;
            }
        }
        let case_df = df.clone();
        for (d, b) in df.iter_mut().zip(background_df) {
            *d += b;
        }
        let idfs: Vec<u32> = df.iter().map(|&d| idf(n, d)).collect();
        // Normalised weights per case; cases are independent.
        let vectors: Vec<Vec<(u32, u32)>> = interned
            .par_iter()
            .map(|terms| {
                let raw: Vec<(u32, f64)> = terms
                    .iter()
                    .map(|&(t, c)| (t, (tf_weight(c) * idfs[t as usize]) as f64))
                    .collect();
                let norm = raw.iter().map(|(_, w)| w * w).sum::<f64>().sqrt().max(1.0);
                raw.into_iter()
                    .map(|(t, w)| (t, ((w / norm * DOC_SCALE).round() as u32).max(1)))
                    .collect()
            })
            .collect();
        let mut lists: Vec<Vec<(u32, u32)>> =
            case_df.iter().map(|&d| Vec::with_capacity(d)).collect();
        for (i, v) in vectors.iter().enumerate() {
            for &(t, w) in v {
                lists[t as usize].push((i as u32, w));
            }
        }
        let by_id = lists
            .into_par_iter()
            .enumerate()
            .map(|(t, mut list)| {
                if list.len() > MAX_POSTINGS {
                    list.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                    list.truncate(MAX_POSTINGS);
                    list.sort_unstable();
                }
                Arc::new(TermList {
                    idf: idfs[t],
                    cases: list,
                })
            })
            .collect::<Vec<_>>();
        let terms = names
            .iter()
            .zip(&by_id)
            .map(|(k, l)| (k.clone(), Arc::clone(l)))
            .collect();
        Model {
            terms,
            names,
            by_id,
        }
    }

    pub fn get(&self, term: &str) -> Option<Arc<TermList>> {
        self.terms.get(term).cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(words: &[&str], text: &str) -> Vec<(String, u32)> {
        let words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        text_terms(&words, text)
    }

    #[test]
    fn words_and_bigrams_are_both_terms() {
        let t = terms(&["台账", "隐匿"], "隐匿台账");
        let keys: Vec<&str> = t.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["b匿台", "b台账", "b隐匿", "w台账", "w隐匿"]);
        // Numbers and Latin letters are no terms: "10" is not a key term.
        assert!(terms(&[], "10月abc").is_empty());
    }

    #[test]
    fn rare_terms_weigh_more_and_vectors_are_normalised() {
        let cases = vec![
            terms(&["台账"], "台账台账校车"),
            terms(&["台账"], "台账食堂"),
            terms(&["台账"], "台账食堂"),
        ];
        let m = Model::build(&cases, &[]);
        let school_bus = m.get("b校车").unwrap();
        let ledger = m.get("b台账").unwrap();
        assert!(school_bus.idf > ledger.idf);
        assert_eq!(school_bus.cases.len(), 1);
        // Case 0's weights: length ≈ DOC_SCALE.
        let len: f64 = m
            .terms
            .values()
            .filter_map(|l| l.cases.iter().find(|c| c.0 == 0))
            .map(|c| (c.1 as f64).powi(2))
            .sum::<f64>()
            .sqrt();
        assert!((len - DOC_SCALE).abs() < 5.0, "{len}");
    }
}
