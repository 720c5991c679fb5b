//! Unit tests of the analyzer; the search-level properties (a)–(e) are tested
//! against a real index in `search/tests.rs`.

use super::*;

fn texts(s: &str) -> Vec<String> {
    analyze(s).into_iter().map(|t| t.text).collect()
}

#[test]
fn cjk_runs_become_overlapping_bigrams() {
    assert_eq!(texts("不可抗力"), ["不可", "可抗", "抗力"]);
    assert_eq!(texts("法，"), ["法"]);
}

#[test]
fn latin_and_digits_are_lowercase_words() {
    assert_eq!(texts("PDF版 2025年"), ["pdf", "版", "2025", "年"]);
}

#[test]
fn full_width_folds_to_half_width() {
    assert_eq!(texts("ＰＤＦ１２３"), texts("pdf123"));
    assert_eq!(texts("（一）"), texts("(一)"));
}

#[test]
fn citation_numerals_fold_to_one_form() {
    assert_eq!(texts("第10条第1款第5项"), texts("第十条第一款第（五）项"));
    assert_eq!(texts("第（五）项"), texts("第五项"));
    assert_eq!(texts("第(五)项"), texts("第５项"));
    assert_eq!(texts("第十九条"), texts("第19条"));
    // Not a citation: 第一时间 keeps its characters.
    assert_eq!(texts("第一时间"), ["第一", "一时", "时间"]);
    // An unclosed bracket is left alone.
    assert_eq!(texts("第(五项"), ["第", "五项"]);
}

#[test]
fn positions_count_tokens_and_offsets_point_into_the_source() {
    let text = "Ａ，第10条";
    let tokens = analyze(text);
    assert_eq!(
        tokens.iter().map(|t| t.position).collect::<Vec<_>>(),
        [0, 2, 3]
    );
    assert_eq!(&text[tokens[0].from..tokens[0].to], "Ａ");
    assert_eq!(&text[tokens[1].from..tokens[1].to], "第10");
}

#[test]
fn every_cjk_substring_is_a_run_of_consecutive_bigrams() {
    let doc = "因不可抗力等客观原因未能履行法定职责的，容错纠错";
    let doc_tokens = texts(doc);
    let chars: Vec<char> = doc.chars().collect();
    for i in 0..chars.len() {
        for j in i + 2..=chars.len() {
            let sub: String = chars[i..j].iter().collect();
            if !sub.chars().all(is_cjk) {
                continue;
            }
            let q = texts(&sub);
            assert!(
                doc_tokens.windows(q.len()).any(|w| w == q.as_slice()),
                "{sub} not found"
            );
        }
    }
}

#[test]
fn pair_keys_are_trigrams_inside_a_run() {
    assert_eq!(
        pair_keys(&analyze("不可抗力PDF")),
        ["不可抗", "可抗力", "抗力 pdf"]
    );
    // A separator breaks adjacency.
    assert_eq!(pair_keys(&analyze("不可，可抗 力")), Vec::<String>::new());
}
