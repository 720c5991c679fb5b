//! The lexicon: every word the segmenter found in the knowledge base, with an
//! integer cost (−100 · ln of its share of all word occurrences), the cost of
//! a character outside any word, and the longest word. Query segmentation
//! picks the cheapest path, so frequent words win ties the way jieba's own
//! dictionary route does. Integers, so Rust and the browser choose alike.

use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lexicon {
    /// Word → cost; words are folded, CJK, two characters or more.
    pub costs: BTreeMap<String, u32>,
    /// The cost of one character standing alone.
    pub single: u32,
    /// Characters in the longest word.
    pub max_chars: usize,
}

impl Lexicon {
    /// From word occurrence counts.
    pub fn from_counts(counts: &BTreeMap<String, u64>) -> Lexicon {
        let total: u64 = counts.values().sum::<u64>().max(1);
        let cost = |n: f64| (100.0 * (total as f64 / n).ln()).round().max(1.0) as u32;
        Lexicon {
            costs: counts
                .iter()
                .map(|(w, &n)| (w.clone(), cost(n as f64)))
                .collect(),
            // A lone character costs what a word seen half a time would: two
            // characters are never cheaper apart than as a word seen once.
            single: cost(0.5),
            max_chars: counts.keys().map(|w| w.chars().count()).max().unwrap_or(1),
        }
    }

    pub fn cost(&self, word: &str) -> Option<u32> {
        self.costs.get(word).copied()
    }

    /// Words grouped by their first character, as the export ships them (a
    /// query loads the groups of its characters only).
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
}
