//! What one line of a regulation's text is: a heading (编, 章, 节), an article's
//! first line, an item, or text. Lines are classified alone; what they mean in
//! their place (a caption, an annex, a 目录) is decided by the tree builder.

use crate::numerals;
use crate::regulation::ArticleNumber;

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Line<'a> {
    Blank,
    Toc,
    Heading {
        level: Level,
        number: u32,
        num: String,
        heading: String,
    },
    Article {
        number: ArticleNumber,
        num: String,
        /// A caption in brackets on the article's line: 第一条【目的和依据】.
        bracketed: Option<String>,
        rest: &'a str,
        spaced: bool,
    },
    Point {
        number: u32,
        num: String,
        rest: &'a str,
    },
    Text(&'a str),
}

/// The divisions above articles, outermost first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Level {
    Part,
    Chapter,
    Section,
}

/// Characters that separate a heading's parts: ASCII space, U+3000, NBSP, tab,
/// and the invisible ones pasted from web pages (BOM, zero-width space and joiners).
pub fn is_space(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{3000}' | '\u{a0}' | '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}'
        )
}

/// Sentence punctuation: a line containing one is prose, not a heading or caption.
pub(super) fn has_sentence_punctuation(t: &str) -> bool {
    t.contains(['。', '，', '；', '：', '！', '？', ',', ';', ':', '!', '?'])
}

pub(super) fn classify(raw: &str) -> Line<'_> {
    let line = raw.trim_matches(is_space);
    if line.is_empty() {
        return Line::Blank;
    }
    if line.chars().filter(|c| !is_space(*c)).collect::<String>() == "目录" {
        return Line::Toc;
    }
    if let Some(l) = classify_numbered(line) {
        return l;
    }
    if let Some(l) = classify_point(line) {
        return l;
    }
    Line::Text(line)
}

/// Splits a leading run of numeral characters off `s`.
fn take_numeral(s: &str) -> Option<(u32, &str, &str)> {
    let end = s
        .find(|c: char| !numerals::is_numeral_char(c))
        .unwrap_or(s.len());
    let n = numerals::parse(&s[..end])?;
    Some((n, &s[..end], &s[end..]))
}

fn classify_numbered(line: &str) -> Option<Line<'_>> {
    let after = line.strip_prefix('第')?;
    let (number, digits, rest) = take_numeral(after)?;
    let mut chars = rest.chars();
    let kind = chars.next()?;
    let rest = chars.as_str();
    let level = match kind {
        '编' => Level::Part,
        '章' => Level::Chapter,
        '节' => Level::Section,
        '条' => return Some(classify_article(number, digits, rest)),
        _ => return None,
    };
    let heading = compact_heading(rest);
    if heading.chars().count() > 40 || heading.contains('。') || heading.contains('，') {
        return None;
    }
    // 第二章规定的 … is prose that happens to start a line.
    if !rest.is_empty() && !rest.starts_with(is_space) && heading.ends_with('的') {
        return None;
    }
    Some(Line::Heading {
        level,
        number,
        num: format!("第{digits}{kind}"),
        heading,
    })
}

fn classify_article<'a>(number: u32, digits: &str, rest: &'a str) -> Line<'a> {
    let (suffix, suffix_digits, rest) = match rest.strip_prefix('之').and_then(take_numeral) {
        Some((s, d, r)) if r.is_empty() || r.starts_with(is_space) || bracket(r).is_some() => {
            (s, d, r)
        }
        _ => (0, "", rest),
    };
    let trimmed = rest.trim_matches(is_space);
    let bracketed = bracket(trimmed);
    let spaced = rest.is_empty() || rest.starts_with(is_space) || bracketed.is_some();
    let rest = match &bracketed {
        Some((_, after)) => after.trim_matches(is_space),
        None => trimmed,
    };
    let mut num = format!("第{digits}条");
    if suffix > 0 {
        num = format!("{num}之{suffix_digits}");
    }
    Line::Article {
        number: ArticleNumber { number, suffix },
        num,
        bracketed: bracketed.map(|(c, _)| c.to_string()),
        rest,
        spaced,
    }
}

/// A caption in brackets at the start of an article: 【目的和依据】, 〔定义〕, or
/// （目的和依据） when what is inside reads as a caption (short, no punctuation,
/// no digits, not the （删去） of a repealed article).
fn bracket(s: &str) -> Option<(&str, &str)> {
    for (open, close) in [('【', '】'), ('〔', '〕'), ('（', '）'), ('(', ')')] {
        let Some(inner) = s.strip_prefix(open) else {
            continue;
        };
        let end = inner.find(close)?;
        let caption = inner[..end].trim_matches(is_space);
        let after = &inner[end + close.len_utf8()..];
        let plain = !has_sentence_punctuation(caption)
            && !caption
                .chars()
                .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
            && !caption.chars().all(numerals::is_numeral_char)
            && caption.chars().count() >= 2
            && caption.chars().count() <= 20;
        let square = matches!(open, '【' | '〔');
        let deleted = ["删去", "删除", "已删除", "已删去"].contains(&caption);
        // A round-bracketed caption must be followed by the article's text.
        if plain && !deleted && (square || !after.trim_matches(is_space).is_empty()) {
            return Some((caption, after));
        }
        return None;
    }
    None
}

/// `总　　则` → `总则`: spaces between two CJK characters are layout, not content.
pub(super) fn compact_heading(s: &str) -> String {
    let chars: Vec<char> = s.trim_matches(is_space).chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if is_space(c) {
            let prev = out.chars().last();
            let next = chars[i + 1..].iter().find(|c| !is_space(**c));
            if prev.is_some_and(|p| !p.is_ascii()) && next.is_some_and(|n| !n.is_ascii()) {
                continue;
            }
            if prev.is_some_and(is_space) {
                continue;
            }
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

fn classify_point(line: &str) -> Option<Line<'_>> {
    let inner = line.strip_prefix('（').or_else(|| line.strip_prefix('('))?;
    let end = inner.find(|c: char| !numerals::is_numeral_char(c))?;
    let digits = &inner[..end];
    // (1) and （１） number the sub-items (目) inside an item, not items.
    if digits.is_empty()
        || digits
            .chars()
            .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        return None;
    }
    let number = numerals::parse(digits)?;
    let rest = inner[end..]
        .strip_prefix('）')
        .or_else(|| inner[end..].strip_prefix(')'))?;
    Some(Line::Point {
        number,
        num: format!("（{digits}）"),
        rest: rest.trim_matches(is_space),
    })
}

/// A line that continues an item as one of its sub-items: `1.` `1．` `（1）` `1、`.
pub(super) fn is_sub_item(text: &str) -> bool {
    let t = text.trim_start_matches(['（', '(']);
    let digits = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
        .count();
    digits > 0
        && t.chars()
            .nth(digits)
            .is_some_and(|c| matches!(c, '.' | '．' | '、' | '）' | ')'))
}

/// 附件, 附件1, 附件一：…, 附件２ 标题: the line that opens an annex, split into
/// its number (附件1) and what follows on the line.
pub(super) fn annex_start(line: &str) -> Option<(String, String)> {
    let rest = line.strip_prefix("附件")?;
    let end = rest
        .find(|c: char| {
            !(numerals::is_numeral_char(c) || c.is_ascii_digit() || ('０'..='９').contains(&c))
        })
        .unwrap_or(rest.len());
    let num = format!("附件{}", &rest[..end]);
    let after = rest[end..]
        .trim_start_matches(|c: char| matches!(c, '：' | ':' | '、' | '.' | '．') || is_space(c));
    if after.chars().count() > 120 || after.ends_with(['。', '；', '，']) {
        return None;
    }
    Some((num, after.to_string()))
}
