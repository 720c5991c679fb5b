//! Words: the jieba segmenter (jieba-rs and its dictionary, plus the knowledge
//! base's own terms) cuts documents; the `Lexicon` is the part of its
//! vocabulary that occurs in the knowledge base, with integer costs, and
//! `query` segments what a user types with it — the same small integer
//! algorithm in Rust (`query::words`) and in the browser (`engine.js`), over
//! the lexicon the export ships, so the CLI and the page read a query alike.
//!
//! Bigrams stay the index's terms (substring recall); words decide what a
//! multi-word query must match and which key terms a similar case shows.

pub mod lexicon;
pub mod query;

use crate::search::analyzer::{folded, is_cjk};
use jieba_rs::Jieba;
use std::sync::{Arc, LazyLock, Mutex};

pub use lexicon::Lexicon;

/// jieba's dictionary takes ~140 ms to load; a process loads it once and
/// a build clones it (~16 ms) and adds its own words, unless they are those
/// of the last build in this process (`LAST`).
static BASE: LazyLock<Jieba> = LazyLock::new(Jieba::new);

/// Starts loading jieba's dictionary on a thread of its own, so that it is
/// ready (or nearly) when the first `Segmenter` is made: a build calls this
/// before it reads the knowledge base, which leaves a core partly idle.
pub fn prepare() {
    std::thread::spawn(|| LazyLock::force(&BASE));
}

/// The last jieba made with user words, with those words: `serve` rebuilds
/// after every edit, and the words (field names, risk titles…) rarely change.
static LAST: Cache = Mutex::new(None);

type Cache = Mutex<Option<(Vec<String>, Arc<Jieba>)>>;

/// jieba with `words` added (sorted, deduplicated): the cached one when it
/// was made with the same words, else a new one, which the cache then keeps.
fn jieba_with(words: &[String], cache: &Cache) -> Arc<Jieba> {
    let mut last = cache.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, jieba)) = last.as_ref().filter(|(w, _)| w == words) {
        return Arc::clone(jieba);
    }
    let mut jieba = BASE.clone();
    for w in words {
        jieba.add_word(w, None, None);
    }
    let jieba = Arc::new(jieba);
    *last = Some((words.to_vec(), Arc::clone(&jieba)));
    jieba
}

/// jieba with the knowledge base's user words added.
pub struct Segmenter {
    jieba: Arc<Jieba>,
    user_words: Vec<String>,
}

impl Segmenter {
    /// `user_words`: terms of this knowledge base jieba should keep whole
    /// (field names, outcomes, risk-point title phrases, `config.toml`'s
    /// `[search] words`). Sorted and deduplicated here, so the order they come
    /// in does not matter.
    pub fn new(user_words: &[String]) -> Segmenter {
        let mut words: Vec<String> = user_words
            .iter()
            .map(|w| folded(w.trim()))
            .filter(|w| w.chars().count() >= 2 && w.chars().all(is_cjk))
            .collect();
        words.sort();
        words.dedup();
        Segmenter {
            jieba: jieba_with(&words, &LAST),
            user_words: words,
        }
    }

    pub fn user_words(&self) -> &[String] {
        &self.user_words
    }

    /// The words of `text` (folded as the analyzer folds it) that are made of
    /// two or more CJK characters, in order, repeats kept. No HMM: every word
    /// is a dictionary word, so nothing shown as a key term is a guess.
    pub fn words(&self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.each_word(text, |w| out.push(w.to_string()));
        out
    }

    /// `words` without making a `String` of each: `each` sees every word in order.
    pub fn each_word(&self, text: &str, mut each: impl FnMut(&str)) {
        self.each_word_joined(text, |w, _| each(w));
    }

    /// `each_word`, also telling whether the word stands right after the word
    /// before it (no character, space or mark between them).
    pub fn each_word_joined(&self, text: &str, mut each: impl FnMut(&str, bool)) {
        let text = folded(text);
        let mut joined = false;
        for t in self.jieba.cut(&text, false) {
            let word = is_word(t.word);
            if word {
                each(t.word, joined);
            }
            joined = word;
        }
    }
}

/// Two or more characters, all CJK.
pub fn is_word(w: &str) -> bool {
    let mut n = 0;
    for c in w.chars() {
        if !is_cjk(c) {
            return false;
        }
        n += 1;
    }
    n >= 2
}

/// Phrases of a title or name worth keeping whole: the parts between
/// punctuation and the joining characters 、和与及, of 2 to 8 characters.
pub fn phrases(title: &str) -> Vec<String> {
    title
        .split(|c: char| !is_cjk(c) || "、和与及的".contains(c))
        .filter(|p| (2..=8).contains(&p.chars().count()))
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_words_are_kept_whole() {
        let plain = Segmenter::new(&[]);
        assert_eq!(
            plain.words("全程开启执法记录仪"),
            ["全程", "开启", "执法", "记录仪"]
        );
        let kb = Segmenter::new(&["执法记录仪".to_string()]);
        assert_eq!(
            kb.words("全程开启执法记录仪"),
            ["全程", "开启", "执法记录仪"]
        );
    }

    #[test]
    fn the_same_words_reuse_the_cached_jieba_and_new_words_do_not() {
        let cache = Mutex::new(None);
        let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let a = jieba_with(&words(&["执法记录仪", "隐匿台账"]), &cache);
        let b = jieba_with(&words(&["执法记录仪", "隐匿台账"]), &cache);
        assert!(Arc::ptr_eq(&a, &b));
        let c = jieba_with(&words(&["收费流水"]), &cache);
        assert!(!Arc::ptr_eq(&a, &c));
        // Each keeps its own words whole, and only those.
        let cut = |j: &Jieba, t: &str| j.cut(t, false).iter().any(|x| x.word == "执法记录仪");
        assert!(cut(&a, "全程开启执法记录仪"));
        assert!(!cut(&c, "全程开启执法记录仪"));
        // Segmenter::new sorts and deduplicates before it asks the cache.
        let s = Segmenter::new(&words(&["隐匿台账", "执法记录仪", "隐匿台账"]));
        assert_eq!(s.user_words(), ["执法记录仪", "隐匿台账"]);
    }

    #[test]
    fn joined_words_follow_a_word_directly() {
        let s = Segmenter::new(&[]);
        let mut seen = Vec::new();
        s.each_word_joined("开启执法记录仪，执法 记录仪", |w, j| {
            seen.push((w.to_string(), j))
        });
        let want = [
            ("开启", false),
            ("执法", true),
            ("记录仪", true),
            ("执法", false),
            ("记录仪", false),
        ];
        let want: Vec<(String, bool)> = want.iter().map(|(w, j)| (w.to_string(), *j)).collect();
        assert_eq!(seen, want);
    }

    #[test]
    fn words_are_cjk_and_at_least_two_characters() {
        let s = Segmenter::new(&[]);
        for w in s.words("某培训机构10月隐匿学员台账，致检查未发现超标培训。")
        {
            assert!(is_word(&w), "{w}");
        }
        assert!(
            s.words("某培训机构隐匿学员台账")
                .contains(&"台账".to_string())
        );
    }

    #[test]
    fn phrases_split_at_punctuation_and_joiners() {
        // 执法全过程记录缺失 has nine characters: too long to be one term.
        assert_eq!(
            phrases("执法全过程记录缺失、证据链不完整"),
            ["证据链不完整"]
        );
        assert_eq!(phrases("隐匿台账和虚假材料"), ["隐匿台账", "虚假材料"]);
    }
}
