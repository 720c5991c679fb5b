//! The lexicon: every word the segmenter found in the knowledge base, with an
//! integer cost (−100 · ln of its share of all word occurrences), the cost of
//! a character outside any word, and the longest word. Query segmentation
//! picks the cheapest path, so frequent words win ties the way jieba's own
//! dictionary route does. Integers, so Rust and the browser choose alike.
//!
//! Compounds: two words the segmenter cut apart but the knowledge base writes
//! side by side (执法 + 记录仪 → 执法记录仪) in at least `MIN_DOCS` documents,
//! and in at least half the places where the rarer of the two occurs, or
//! among the `FREQUENT` pairs written side by side in most documents. They
//! cut no query and match nothing: the export gives each a holder list, the
//! documents holding every key of the phrase, which are the best group of a
//! query typed as that phrase (docs/search.md, "Phrases").

use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lexicon {
    /// Word → cost; words are folded, CJK, two characters or more.
    pub costs: BTreeMap<String, u32>,
    /// The cost of one character standing alone.
    pub single: u32,
    /// Characters in the longest word.
    pub max_chars: usize,
    /// Compound → cost, on the scale of `costs`; never a key of `costs`.
    pub compounds: BTreeMap<String, u32>,
    /// Citation chains the documents write (`query::each_chain`), neither
    /// words nor compounds: a query keeps them whole, the export lists their holders.
    pub chains: std::collections::BTreeSet<String>,
}

/// Two words written side by side, as counted in the sampled documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Joined {
    pub occurrences: u64,
    pub docs: u64,
}

/// Documents (of those sampled) a compound must occur in.
pub const MIN_DOCS: u64 = 3;
/// Compounds kept for being frequent alone (the pairs in most documents).
pub const FREQUENT: usize = 256;
/// Characters of the longest compound (as `phrases`).
pub const MAX_COMPOUND: usize = 8;

impl Lexicon {
    /// From word occurrence counts.
    pub fn from_counts(counts: &BTreeMap<String, u64>) -> Lexicon {
        Lexicon::with_compounds(counts, &BTreeMap::new(), 1)
    }

    /// From word occurrence counts and the words seen side by side in a
    /// sample of the documents (every `scale`-th one).
    pub fn with_compounds(
        counts: &BTreeMap<String, u64>,
        joined: &BTreeMap<(String, String), Joined>,
        scale: u64,
    ) -> Lexicon {
        let total: u64 = counts.values().sum::<u64>().max(1);
        let cost = |n: f64| (100.0 * (total as f64 / n).ln()).round().max(1.0) as u32;
        let count = |w: &str| counts.get(w).copied().unwrap_or(0);
        let fits = |(a, b): &(String, String), j: &Joined| {
            let whole = format!("{a}{b}");
            (j.docs >= MIN_DOCS
                && whole.chars().count() <= MAX_COMPOUND
                && !counts.contains_key(&whole))
            .then_some(whole)
        };
        // The pairs written together in most documents, sticky or not: a query
        // for such a phrase would otherwise weigh two common words together.
        let mut frequent: Vec<(u64, &(String, String))> = joined
            .iter()
            .filter(|(k, j)| fits(k, j).is_some())
            .map(|(k, j)| (j.docs, k))
            .collect();
        frequent.sort_unstable_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(y.1)));
        let frequent: std::collections::BTreeSet<&(String, String)> = frequent
            .into_iter()
            .take(FREQUENT)
            .map(|(_, k)| k)
            .collect();
        let compounds: BTreeMap<String, u32> = joined
            .iter()
            .filter_map(|(k, j)| {
                let whole = fits(k, j)?;
                let seen = j.occurrences * scale;
                let sticky = 2 * seen >= count(&k.0).min(count(&k.1));
                (sticky || frequent.contains(k)).then(|| (whole, cost(seen as f64)))
            })
            .collect();
        Lexicon {
            costs: counts
                .iter()
                .map(|(w, &n)| (w.clone(), cost(n as f64)))
                .collect(),
            // A lone character costs what a word seen half a time would: two
            // characters are never cheaper apart than as a word seen once.
            single: cost(0.5),
            max_chars: counts.keys().map(|w| w.chars().count()).max().unwrap_or(1),
            compounds,
            chains: Default::default(),
        }
    }

    pub fn cost(&self, word: &str) -> Option<u32> {
        self.costs.get(word).copied()
    }

    /// Words grouped by their first character, as the export ships them (a
    /// query loads the groups of its characters only). Compounds are not
    /// among them: queries are cut into words.
    pub fn by_first_char(&self) -> BTreeMap<char, Vec<(&str, u32)>> {
        let mut out: BTreeMap<char, Vec<(&str, u32)>> = BTreeMap::new();
        for (w, &c) in &self.costs {
            if let Some(first) = w.chars().next() {
                out.entry(first).or_default().push((w.as_str(), c));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frequent_words_cost_less_and_singles_most() {
        let counts: BTreeMap<String, u64> =
            [("台账".to_string(), 9), ("隐匿".to_string(), 1)].into();
        let lex = Lexicon::from_counts(&counts);
        assert!(lex.cost("台账").unwrap() < lex.cost("隐匿").unwrap());
        assert!(lex.single > lex.cost("隐匿").unwrap());
        assert_eq!(lex.max_chars, 2);
    }

    #[test]
    fn compounds_are_pairs_seen_together_often_enough() {
        let counts: BTreeMap<String, u64> =
            [("执法", 40), ("记录仪", 10), ("检查", 30), ("台账", 30)]
                .map(|(w, n)| (w.to_string(), n))
                .into();
        let pair = |a: &str, b: &str, occurrences, docs| {
            ((a.to_string(), b.to_string()), Joined { occurrences, docs })
        };
        // Enough pairs in more documents than 检查台账 to fill FREQUENT.
        let mut joined: BTreeMap<_, _> = (0..FREQUENT as u64)
            .map(|i| pair(&format!("甲{i}"), "乙", 1, 50 + i))
            .collect();
        joined.extend([
            pair("执法", "记录仪", 9, 5), // 9 of 记录仪's 10: kept
            pair("检查", "台账", 6, 6),   // 6 of 30, and not among the most frequent
            pair("台账", "执法", 20, 2),  // too few documents
        ]);
        let lex = Lexicon::with_compounds(&counts, &joined, 1);
        assert!(lex.compounds.contains_key("执法记录仪"));
        assert!(!lex.compounds.contains_key("检查台账"));
        assert!(!lex.compounds.contains_key("台账执法"));
        assert_eq!(lex.compounds.len(), FREQUENT + 1);
        assert_eq!(
            lex.cost("执法记录仪"),
            None,
            "a query is still cut into words"
        );
        // Among the most frequent pairs, a pair is kept however loose.
        let few: BTreeMap<_, _> = [pair("检查", "台账", 6, 6)].into();
        assert!(
            Lexicon::with_compounds(&counts, &few, 1)
                .compounds
                .contains_key("检查台账")
        );
        // A sample of every 4th document counts 4 times (sticky: 4·4 of 30).
        joined.insert(
            ("检查".into(), "台账".into()),
            Joined {
                occurrences: 4,
                docs: 3,
            },
        );
        assert!(
            Lexicon::with_compounds(&counts, &joined, 4)
                .compounds
                .contains_key("检查台账")
        );
        assert!(
            !Lexicon::with_compounds(&counts, &joined, 1)
                .compounds
                .contains_key("检查台账")
        );
    }
}
