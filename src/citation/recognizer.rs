//! Finds citations in prose. A hand-written scanner rather than a regex: the
//! grammar nests (条 → 款 → 项), lists share their unit (第十五、十六条), and a
//! later member of a list inherits what it leaves out (第二款第（一）项、第（二）项).

use super::{ArticleRef, Citation, ClauseRef, Instrument, ParagraphRef, PointRef};
use crate::numerals;
use crate::regulation::ArticleNumber;

/// Prefixes that name the page's own regulation.
const THIS_INSTRUMENT: [&str; 9] = [
    "本实施办法",
    "本办法",
    "本制度",
    "本条例",
    "本规定",
    "本细则",
    "本决定",
    "本规则",
    "本法",
];
/// Prefixes that name some other instrument already mentioned.
const OTHER_INSTRUMENT: [&str; 5] = ["该条例", "该办法", "该规定", "该法", "上述法律"];
/// A law's name ending right before 第 (处罚法第三十三条) means another instrument.
const LAW_NAME_ENDINGS: [char; 2] = ['法', '例'];
const CONNECTORS: [&str; 8] = ["以及", "或者", "、", "和", "及", "或", "与", "至"];
const MAX_TITLE_CHARS: usize = 80;

/// Every citation in `text`, in order, with byte spans.
pub fn recognize(text: &str) -> Vec<Citation> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        match citation_at(text, pos) {
            Some(c) => {
                pos = c.span.end;
                out.push(c);
            }
            None => pos += text[pos..].chars().next().map_or(1, char::len_utf8),
        }
    }
    out
}

fn citation_at(text: &str, start: usize) -> Option<Citation> {
    let rest = &text[start..];
    let (instrument, refs_start) = if rest.starts_with('《') {
        let close = rest
            .char_indices()
            .take(MAX_TITLE_CHARS)
            .find(|&(_, c)| c == '》' || c == '\n')?;
        if close.1 != '》' {
            return None;
        }
        let name = rest['《'.len_utf8()..close.0].to_string();
        let after = start + close.0 + '》'.len_utf8();
        let after =
            after + text[after..].len() - text[after..].trim_start_matches([' ', '\u{3000}']).len();
        (Instrument::Named(name), after)
    } else if let Some(p) = THIS_INSTRUMENT
        .iter()
        .find(|p| rest.starts_with(*p) && rest[p.len()..].starts_with('第'))
    {
        (Instrument::This, start + p.len())
    } else if let Some(p) = OTHER_INSTRUMENT
        .iter()
        .find(|p| rest.starts_with(*p) && rest[p.len()..].starts_with('第'))
    {
        (Instrument::Unknown, start + p.len())
    } else if rest.starts_with('第') && text[..start].ends_with(LAW_NAME_ENDINGS) {
        (Instrument::Unknown, start)
    } else {
        (Instrument::Default, start)
    };
    let (refs, end, backwards) = chain(text, refs_start)?;
    Some(Citation {
        span: start..end,
        instrument,
        refs,
        backwards,
    })
}

/// One reference as written, before lists are expanded: each level holds the
/// numbers written at it (several for 第十五、十六条).
#[derive(Debug, Clone, Default)]
struct Written {
    chapter: Vec<u32>,
    article: Vec<ArticleRef>,
    paragraph: Vec<ParagraphRef>,
    point: Vec<PointRef>,
}

impl Written {
    fn top_level(&self) -> usize {
        [
            !self.chapter.is_empty(),
            !self.article.is_empty(),
            !self.paragraph.is_empty(),
            !self.point.is_empty(),
        ]
        .iter()
        .position(|&b| b)
        .unwrap_or(4)
    }

    fn inherit_from(&mut self, prev: &Written) {
        let top = self.top_level();
        if top > 1 && self.article.is_empty() {
            self.article = prev.article.last().copied().into_iter().collect();
        }
        if top > 2 && self.paragraph.is_empty() {
            self.paragraph = prev.paragraph.last().copied().into_iter().collect();
        }
    }

    fn expand(&self) -> Vec<ClauseRef> {
        fn opt<T: Copy>(v: &[T]) -> Vec<Option<T>> {
            if v.is_empty() {
                vec![None]
            } else {
                v.iter().copied().map(Some).collect()
            }
        }
        // No real citation names more clauses than a regulation has; a hostile one
        // (第一至二百条第一至二百款第（一）至（二百）项: 8 million) stops here.
        const MAX_REFS: usize = 2000;
        let mut out = Vec::new();
        for &chapter in &opt(&self.chapter) {
            for &article in &opt(&self.article) {
                for &paragraph in &opt(&self.paragraph) {
                    for &point in &opt(&self.point) {
                        if out.len() == MAX_REFS {
                            return out;
                        }
                        out.push(ClauseRef {
                            chapter,
                            article,
                            paragraph,
                            point,
                        });
                    }
                }
            }
        }
        out
    }
}

/// A chain of references joined by 、和及或至: returns them expanded, the end, and
/// whether a 至 runs backwards (第十一条至第九条).
fn chain(text: &str, start: usize) -> Option<(Vec<ClauseRef>, usize, bool)> {
    let (first, mut end) = reference(text, start)?;
    let mut refs = first.expand();
    let mut prev = first;
    let mut backwards = false;
    loop {
        let rest = &text[end..];
        let Some(conn) = CONNECTORS.iter().find(|c| rest.starts_with(*c)) else {
            break;
        };
        let Some((mut next, next_end)) = reference(text, end + conn.len()) else {
            break;
        };
        next.inherit_from(&prev);
        if *conn == "至" {
            refs.extend(range_between(&prev, &next));
            backwards |= runs_backwards(&prev, &next);
        }
        refs.extend(next.expand());
        prev = next;
        end = next_end;
    }
    refs.dedup();
    Some((refs, end, backwards))
}

/// Whether `from 至 to` names a higher number first at the level where they differ.
fn runs_backwards(from: &Written, to: &Written) -> bool {
    let (Some(a), Some(b)) = (from.expand().last().copied(), to.expand().first().copied()) else {
        return false;
    };
    match (a.point, b.point) {
        (Some(PointRef::Number(x)), Some(PointRef::Number(y)))
            if a.article == b.article && a.paragraph == b.paragraph =>
        {
            return x > y;
        }
        _ => {}
    }
    match (a.paragraph, b.paragraph) {
        (Some(ParagraphRef::Number(x)), Some(ParagraphRef::Number(y)))
            if a.article == b.article =>
        {
            return x > y;
        }
        _ => {}
    }
    match (a.article, b.article) {
        (Some(ArticleRef::Number(x)), Some(ArticleRef::Number(y))) => {
            return (x.number, x.suffix) > (y.number, y.suffix);
        }
        _ => {}
    }
    matches!((a.chapter, b.chapter), (Some(x), Some(y)) if x > y)
}

/// The references strictly between two ends of 至 that differ only at their
/// lowest level: 第九条至第十一条 adds 第十条.
fn range_between(from: &Written, to: &Written) -> Vec<ClauseRef> {
    let mut out = Vec::new();
    let (Some(a), Some(b)) = (from.expand().last().copied(), to.expand().first().copied()) else {
        return out;
    };
    match (a, b) {
        (
            ClauseRef {
                point: Some(PointRef::Number(x)),
                ..
            },
            ClauseRef {
                point: Some(PointRef::Number(y)),
                ..
            },
        ) if a.article == b.article && a.paragraph == b.paragraph => {
            out.extend(between(x, y, 200).map(|n| ClauseRef {
                point: Some(PointRef::Number(n)),
                ..a
            }));
        }
        (
            ClauseRef {
                paragraph: Some(ParagraphRef::Number(x)),
                point: None,
                ..
            },
            ClauseRef {
                paragraph: Some(ParagraphRef::Number(y)),
                point: None,
                ..
            },
        ) if a.article == b.article => {
            out.extend(between(x, y, 200).map(|n| ClauseRef {
                paragraph: Some(ParagraphRef::Number(n)),
                ..a
            }));
        }
        (
            ClauseRef {
                article: Some(ArticleRef::Number(x)),
                paragraph: None,
                point: None,
                ..
            },
            ClauseRef {
                article: Some(ArticleRef::Number(y)),
                paragraph: None,
                point: None,
                ..
            },
        ) => {
            let n = between(x.number, y.number, 500).map(|n| ArticleNumber {
                number: n,
                suffix: 0,
            });
            out.extend(n.map(|n| ClauseRef {
                article: Some(ArticleRef::Number(n)),
                ..a
            }));
        }
        (
            ClauseRef {
                chapter: Some(x), ..
            },
            ClauseRef {
                chapter: Some(y), ..
            },
        ) => {
            out.extend(between(x, y, 100).map(|n| ClauseRef {
                chapter: Some(n),
                ..a
            }));
        }
        _ => {}
    }
    out
}

/// The numbers strictly between `from` and `to`, at most `cap` of them. Saturating:
/// a number written near `u32::MAX` (第4294967295至4294967295条) must not overflow.
fn between(from: u32, to: u32, cap: u32) -> std::ops::Range<u32> {
    from.saturating_add(1)..to.min(from.saturating_add(cap))
}

/// One reference: levels from higher to lower, each at most once.
fn reference(text: &str, start: usize) -> Option<(Written, usize)> {
    let mut w = Written::default();
    let mut pos = start;
    let mut last_level: Option<usize> = None;
    while let Some((level, end)) = level_at(text, pos, &mut w, last_level) {
        last_level = Some(level);
        pos = end;
        if level == 0 {
            break; // a chapter stands alone
        }
    }
    last_level.map(|_| (w, pos))
}

/// Parses one level (章 0, 条 1, 款 2, 项 3) at `pos` if it is lower than `above`.
fn level_at(
    text: &str,
    pos: usize,
    w: &mut Written,
    above: Option<usize>,
) -> Option<(usize, usize)> {
    let rest = &text[pos..];
    let lower = |level: usize| above.is_none_or(|a| level > a);
    for (word, level) in [("本条", 1), ("本款", 2), ("前款", 2), ("本项", 3)] {
        if rest.starts_with(word) && lower(level) {
            match word {
                "本条" => w.article.push(ArticleRef::This),
                "本款" => w.paragraph.push(ParagraphRef::This),
                "前款" => w.paragraph.push(ParagraphRef::Previous),
                _ => w.point.push(PointRef::This),
            }
            return Some((level, pos + word.len()));
        }
    }
    let after = rest.strip_prefix('第')?;
    let (numbers, bracketed, tail) = number_list(after)?;
    let mut chars = tail.chars();
    let unit = chars.next()?;
    let mut end = pos + rest.len() - chars.as_str().len();
    let level = match unit {
        '章' if !bracketed => 0,
        '条' if !bracketed => 1,
        '款' if !bracketed => 2,
        '项' => 3,
        _ => return None,
    };
    if !lower(level) {
        return None;
    }
    match level {
        0 => w.chapter = numbers,
        1 => {
            let mut suffix = 0;
            if let Some((n, _, tail)) = text[end..]
                .strip_prefix('之')
                .and_then(|s| split_numeral(s))
            {
                // 第十条之一 but not 第十条之规定: a numeral must follow 之.
                suffix = n;
                end = text.len() - tail.len();
            }
            w.article = numbers
                .into_iter()
                .map(|number| ArticleRef::Number(ArticleNumber { number, suffix }))
                .collect();
        }
        2 => w.paragraph = numbers.into_iter().map(ParagraphRef::Number).collect(),
        _ => w.point = numbers.into_iter().map(PointRef::Number).collect(),
    }
    Some((level, end))
}

fn split_numeral(s: &str) -> Option<(u32, &str, &str)> {
    let end = s
        .find(|c: char| !numerals::is_numeral_char(c))
        .unwrap_or(s.len());
    Some((numerals::parse(&s[..end])?, &s[..end], &s[end..]))
}

/// `十五、十六` / `九至十一` / `（一）、（二）` / `（一）至（三）`: the numbers, whether
/// they were bracketed, and the text after them.
fn number_list(s: &str) -> Option<(Vec<u32>, bool, &str)> {
    let mut numbers = Vec::new();
    let mut rest = s;
    let mut bracketed = None;
    loop {
        let (n, is_bracketed, tail) = one_number(rest)?;
        if bracketed.is_some_and(|b| b != is_bracketed) {
            return None;
        }
        bracketed = Some(is_bracketed);
        let range_from = numbers
            .last()
            .copied()
            .filter(|_| rest.len() < s.len() && s[..s.len() - rest.len()].ends_with('至'));
        if let Some(from) = range_from {
            numbers.extend(between(from, n, 200).chain(std::iter::once(n)));
        } else {
            numbers.push(n);
        }
        rest = tail;
        // 第十五、十六条 continues the list only where a number follows the separator.
        let sep = ['、', '至'].into_iter().find(|c| rest.starts_with(*c));
        match sep {
            Some(c) if one_number(&rest[c.len_utf8()..]).is_some() => rest = &rest[c.len_utf8()..],
            _ => break,
        }
    }
    Some((numbers, bracketed.unwrap_or(false), rest))
}

fn one_number(s: &str) -> Option<(u32, bool, &str)> {
    if let Some(inner) = s.strip_prefix('（').or_else(|| s.strip_prefix('(')) {
        let (n, _, tail) = split_numeral(inner)?;
        let tail = tail.strip_prefix('）').or_else(|| tail.strip_prefix(')'))?;
        return Some((n, true, tail));
    }
    let (n, _, tail) = split_numeral(s)?;
    Some((n, false, tail))
}

#[cfg(test)]
#[path = "recognizer_tests.rs"]
mod tests;
