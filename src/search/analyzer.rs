//! The Chinese analyzer: width folding, citation numeral folding, and CJK
//! character bigrams. `assets/search/search.js` holds a line-by-line port; the
//! two must emit the same tokens (`tests/js/fixtures/tokens.json` checks that).
//!
//! Why bigrams and no dictionary: any substring of two or more CJK characters
//! that occurs in a document is then a run of consecutive bigrams in it, so no
//! segmentation choice can hide 抗力 inside 不可抗力 or 错纠 inside 容错纠错.

use crate::numerals;

/// One token: its text, its position (one per token, plus one per separator)
/// and the byte range in the original text it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    pub position: usize,
    pub from: usize,
    pub to: usize,
}

/// A character after folding, with the byte range of the source it stands for.
#[derive(Debug, Clone, Copy)]
struct Folded {
    c: char,
    from: usize,
    to: usize,
}

/// Full-width ASCII (ＡＢＣ１２３（）) to half-width, U+3000 to a space, ASCII
/// letters to lower case: what NFKC plus case folding does to the characters
/// Chinese legal texts actually mix.
pub fn fold_char(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    };
    c.to_ascii_lowercase()
}

/// Characters indexed as bigrams: CJK ideographs (with extensions), 〇, kana, hangul.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3007 | 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

pub fn is_word(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit()
}

/// The units a citation number is folded before (第10条 → 第十条).
pub const CITATION_UNITS: [char; 5] = ['条', '款', '项', '章', '节'];

/// 第10条 / 第（五）项 / 第5项 → 第十条 / 第五项 / 第五项: citation numbers in one
/// form (Chinese, the form the regulation itself uses, so 十条 stays findable),
/// brackets dropped so 第(五)项 and 第五项 give the same bigrams.
fn fold_citations(chars: Vec<Folded>) -> Vec<Folded> {
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i].c == '第'
            && let Some((n, end)) = citation_number(&chars, i + 1)
        {
            out.push(chars[i]);
            let (from, to) = (chars[i + 1].from, chars[end - 1].to);
            out.extend(
                numerals::to_chinese(n)
                    .chars()
                    .map(|c| Folded { c, from, to }),
            );
            out.push(chars[end]);
            i = end + 1;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// After a 第 at `start`: an optional "(", numeral characters, ")" if "(" was
/// there, then a unit. Returns the number and the index of the unit.
fn citation_number(chars: &[Folded], start: usize) -> Option<(u32, usize)> {
    let mut j = start;
    let bracket = chars.get(j)?.c == '(';
    if bracket {
        j += 1;
    }
    let digits_start = j;
    while j < chars.len() && numerals::is_numeral_char(chars[j].c) {
        j += 1;
    }
    if j == digits_start {
        return None;
    }
    let digits: String = chars[digits_start..j].iter().map(|f| f.c).collect();
    if bracket {
        if chars.get(j)?.c != ')' {
            return None;
        }
        j += 1;
    }
    if !CITATION_UNITS.contains(&chars.get(j)?.c) {
        return None;
    }
    let n = numerals::parse(&digits).filter(|&n| n > 0)?;
    Some((n, j))
}

/// `text` as the analyzer reads it: widths folded, citation numbers in one
/// form (第（五）项 → 第五项). The segmenter cuts this, so words and bigrams
/// come from the same characters.
pub fn folded(text: &str) -> String {
    fold(text).into_iter().map(|f| f.c).collect()
}

/// Every character folded, with its source range, citation numbers in one form.
fn fold(text: &str) -> Vec<Folded> {
    let chars: Vec<Folded> = text
        .char_indices()
        .map(|(i, c)| Folded {
            c: fold_char(c),
            from: i,
            to: i + c.len_utf8(),
        })
        .collect();
    if !chars.iter().any(|f| f.c == '第') {
        return chars;
    }
    fold_citations(chars)
}

/// The analyzed tokens of `text`, in order.
pub fn analyze(text: &str) -> Vec<Token> {
    let chars = fold(text);
    let mut tokens = Vec::new();
    // Position of the next token. A separator (punctuation, space) skips one, so
    // only tokens written with nothing between them are adjacent: 不可，可抗
    // must not pass for 不可抗.
    let mut position = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].c;
        let mut j = i + 1;
        if is_cjk(c) {
            while j < chars.len() && is_cjk(chars[j].c) {
                j += 1;
            }
            if j - i == 1 {
                push(&mut tokens, &mut position, &chars[i..j]);
            }
            for k in i..j.saturating_sub(1) {
                push(&mut tokens, &mut position, &chars[k..k + 2]);
            }
        } else if is_word(c) {
            while j < chars.len() && is_word(chars[j].c) {
                j += 1;
            }
            push(&mut tokens, &mut position, &chars[i..j]);
        } else {
            while j < chars.len() && !is_cjk(chars[j].c) && !is_word(chars[j].c) {
                j += 1;
            }
            if !tokens.is_empty() {
                position += 1;
            }
        }
        i = j;
    }
    tokens
}

fn push(tokens: &mut Vec<Token>, position: &mut usize, run: &[Folded]) {
    let position = std::mem::replace(position, *position + 1);
    tokens.push(Token {
        text: run.iter().map(|f| f.c).collect(),
        position,
        from: run[0].from,
        to: run[run.len() - 1].to,
    });
}

/// The key under which two tokens standing next to each other are indexed: the
/// trigram for two overlapping bigrams (不可 + 可抗 → 不可抗), else both joined by
/// a space, which no token contains.
pub fn pair_key(a: &str, b: &str) -> String {
    let mut ac = a.chars();
    let mut bc = b.chars();
    if let (Some(_), Some(a2), None, Some(b1), Some(b2), None) = (
        ac.next(),
        ac.next(),
        ac.next(),
        bc.next(),
        bc.next(),
        bc.next(),
    ) && a2 == b1
        && is_cjk(a2)
        && is_cjk(b2)
    {
        let mut key = String::with_capacity(a.len() + b2.len_utf8());
        key.push_str(a);
        key.push(b2);
        return key;
    }
    let mut key = String::with_capacity(a.len() + 1 + b.len());
    key.push_str(a);
    key.push(' ');
    key.push_str(b);
    key
}

/// Keys of all adjacent token pairs (positions p and p + 1), in order.
pub fn pair_keys(tokens: &[Token]) -> Vec<String> {
    tokens
        .windows(2)
        .filter(|w| w[1].position == w[0].position + 1)
        .map(|w| pair_key(&w[0].text, &w[1].text))
        .collect()
}

#[cfg(test)]
#[path = "analyzer_tests.rs"]
mod tests;
