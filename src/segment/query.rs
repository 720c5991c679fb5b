//! What a typed query asks for, as words: the query is folded as the analyzer
//! folds it, citation chains (第十条第一款第五项) stay whole, CJK runs are cut
//! along the cheapest path through the lexicon, and characters no word covers
//! are kept together (记录仪 stays one phrase when the knowledge base only
//! knows 执法记录仪). A lone character next to real words (在, 的) is dropped.
//! `engine.js::queryWords` is the same algorithm, over the same lexicon.

use crate::numerals;
use crate::search::analyzer::{folded, is_cjk, is_word};

/// The words of `query`, distinct, in order. `cost(word)` looks a candidate
/// up in the lexicon; `single` is the cost of a lone character and `max_chars`
/// the longest word to try.
pub fn words(
    query: &str,
    cost: &dyn Fn(&str) -> Option<u32>,
    single: u32,
    max_chars: usize,
) -> Vec<String> {
    let chars: Vec<char> = folded(query).chars().collect();
    let mut pieces: Vec<String> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let mut j = i + 1;
        if is_cjk(c) {
            while j < chars.len() && is_cjk(chars[j]) {
                j += 1;
            }
            cut_run(&chars[i..j], cost, single, max_chars, &mut pieces);
        } else if is_word(c) {
            while j < chars.len() && is_word(chars[j]) {
                j += 1;
            }
            pieces.push(chars[i..j].iter().collect());
        }
        i = j;
    }
    let has_long = pieces.iter().any(|p| p.chars().count() >= 2);
    let mut out: Vec<String> = Vec::new();
    for p in pieces {
        if has_long && p.chars().count() < 2 {
            continue;
        }
        if !out.contains(&p) {
            out.push(p);
        }
    }
    out
}

/// Every citation chain of a text (第十条第五项, folded as a query folds it),
/// found where `words` finds them in a query: what the export gives holder
/// lists, so a query naming a clause is one list, not its keys intersected.
pub fn each_chain(text: &str, mut each: impl FnMut(String)) {
    let chars: Vec<char> = folded(text).chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !is_cjk(chars[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && is_cjk(chars[j]) {
            j += 1;
        }
        let run = &chars[i..j];
        let mut k = 0;
        while k < run.len() {
            match citation_chain(run, k) {
                Some(end) => {
                    each(run[k..end].iter().collect());
                    k = end;
                }
                None => k += 1,
            }
        }
        i = j;
    }
}

/// Every CJK character of a text, distinct: the lexicon groups `lexicon_words` needs.
pub fn all_chars(text: &str) -> Vec<char> {
    let mut out: Vec<char> = folded(text).chars().filter(|&c| is_cjk(c)).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The first characters whose lexicon groups a query needs (what the browser
/// loads first): its CJK characters outside citation chains, which are never cut.
pub fn first_chars(query: &str) -> Vec<char> {
    let chars: Vec<char> = folded(query).chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some(end) = citation_chain(&chars, i) {
            i = end;
            continue;
        }
        if is_cjk(chars[i]) {
            out.push(chars[i]);
        }
        i += 1;
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Cuts one CJK run: citation chains whole, the rest by the cheapest path,
/// neighbouring lone characters joined.
fn cut_run(
    run: &[char],
    cost: &dyn Fn(&str) -> Option<u32>,
    single: u32,
    max_chars: usize,
    out: &mut Vec<String>,
) {
    let mut i = 0;
    let mut plain_from = 0;
    while i < run.len() {
        if let Some(end) = citation_chain(run, i) {
            cheapest(&run[plain_from..i], cost, single, max_chars, out);
            out.push(run[i..end].iter().collect());
            i = end;
            plain_from = end;
        } else {
            i += 1;
        }
    }
    cheapest(&run[plain_from..], cost, single, max_chars, out);
}

/// The end of a chain of citation elements (第 numerals 条|款|项|章|节, 条之 numerals) starting at `i`.
fn citation_chain(run: &[char], i: usize) -> Option<usize> {
    let mut end = None;
    let mut j = i;
    while run.get(j) == Some(&'第') {
        let mut k = j + 1;
        while k < run.len() && numerals::is_numeral_char(run[k]) {
            k += 1;
        }
        if k == j + 1
            || !run
                .get(k)
                .is_some_and(|u| crate::search::analyzer::CITATION_UNITS.contains(u))
        {
            break;
        }
        k += 1;
        if run[k - 1] == '条' && run.get(k) == Some(&'之') {
            let mut m = k + 1;
            while m < run.len() && numerals::is_numeral_char(run[m]) {
                m += 1;
            }
            if m > k + 1 {
                k = m;
            }
        }
        end = Some(k);
        j = k;
    }
    end
}

/// The cheapest segmentation of a run as piece lengths (ties: the longer word).
fn path(
    run: &[char],
    cost: &dyn Fn(&str) -> Option<u32>,
    single: u32,
    max_chars: usize,
) -> Vec<usize> {
    let n = run.len();
    // best[i]: (cost of run[i..], length of its first piece)
    let mut best = vec![(0u64, 0usize); n + 1];
    for i in (0..n).rev() {
        let mut pick = (single as u64 + best[i + 1].0, 1);
        for len in 2..=max_chars.min(n - i) {
            let w: String = run[i..i + len].iter().collect();
            if let Some(c) = cost(&w) {
                let total = c as u64 + best[i + len].0;
                if total <= pick.0 {
                    pick = (total, len);
                }
            }
        }
        best[i] = pick;
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        out.push(best[i].1);
        i += best[i].1;
    }
    out
}

/// The cheapest segmentation, lone characters joined.
fn cheapest(
    run: &[char],
    cost: &dyn Fn(&str) -> Option<u32>,
    single: u32,
    max_chars: usize,
    out: &mut Vec<String>,
) {
    let mut i = 0;
    let mut lone = String::new();
    for len in path(run, cost, single, max_chars) {
        if len == 1 {
            lone.push(run[i]);
        } else {
            if !lone.is_empty() {
                out.push(std::mem::take(&mut lone));
            }
            out.push(run[i..i + len].iter().collect());
        }
        i += len;
    }
    if !lone.is_empty() {
        out.push(lone);
    }
}

/// The lexicon words along the cheapest path of every CJK run of `text`,
/// repeats kept: a description's words for the similar-case model.
pub fn lexicon_words(
    text: &str,
    cost: &dyn Fn(&str) -> Option<u32>,
    single: u32,
    max_chars: usize,
) -> Vec<String> {
    let chars: Vec<char> = folded(text).chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_cjk(chars[i]) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() && is_cjk(chars[j]) {
            j += 1;
        }
        let mut at = i;
        for len in path(&chars[i..j], cost, single, max_chars) {
            if len >= 2 {
                out.push(chars[at..at + len].iter().collect());
            }
            at += len;
        }
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chains_are_found_where_a_query_keeps_them_whole() {
        let mut found = Vec::new();
        each_chain(
            "依照第10条第（五）项和第十二条处理，第九条",
            |c| found.push(c),
        );
        assert_eq!(found, ["第十条第五项", "第十二条", "第九条"]);
        let q = words("第十条第（五）项", &|_| None, 1000, 4);
        assert_eq!(q, [found[0].clone()]);
    }
    use std::collections::BTreeMap;

    fn lex() -> BTreeMap<&'static str, u32> {
        [
            ("执法", 500),
            ("记录", 600),
            ("延长", 700),
            ("整改", 500),
            ("期限", 600),
            ("书面", 700),
            ("告知", 600),
            ("执法记录仪", 900),
        ]
        .into()
    }

    fn cut(q: &str) -> Vec<String> {
        let l = lex();
        words(q, &|w| l.get(w).copied(), 2000, 5)
    }

    #[test]
    fn words_from_the_lexicon_and_joined_leftovers() {
        assert_eq!(cut("延长整改期限"), ["延长", "整改", "期限"]);
        assert_eq!(cut("执法记录仪"), ["执法记录仪"]);
        // 仪器 is no word: its characters stay together as one phrase.
        assert_eq!(cut("记录仪器"), ["记录", "仪器"]);
        assert_eq!(cut("在书面告知"), ["书面", "告知"]);
        assert_eq!(cut("书面 告知 书面"), ["书面", "告知"]);
    }

    #[test]
    fn lexicon_words_keep_repeats_and_drop_leftovers() {
        let l = lex();
        let w = lexicon_words("书面告知，再书面告知仪器", &|w| l.get(w).copied(), 2000, 5);
        assert_eq!(w, ["书面", "告知", "书面", "告知"]);
    }

    #[test]
    fn citations_stay_whole_and_lone_characters_alone_are_kept() {
        assert_eq!(cut("第十条第（五）项"), ["第十条第五项"]);
        assert_eq!(cut("第10条之一 告知"), ["第十条之一", "告知"]);
        assert_eq!(cut("案"), ["案"]);
        assert_eq!(cut("甲乙"), ["甲乙"]);
        assert_eq!(cut("10日内"), ["10", "日内"]);
    }
}
