//! Parses a regulation's official text, as published, into its clause tree.
//!
//! The parser works line by line ([`line`] says what each line is, [`tree`] puts
//! it in its place). Lines before the title (a 印发通知 or 国务院令) become the
//! preamble, the 题注 and date lines under the title its notes ([`front`]); a 目录
//! is skipped. In the body:
//! - 第X编 opens a part (`part_2`), and chapters inside it are `part_2__chp_1`.
//!   A bare 附则 line in a text with 编 is a part of its own, without a number.
//! - 第X条 opens an article. Its number must follow the previous one (the next
//!   number, or the next 之N); a duplicate, out-of-order or skipped number is kept as
//!   an article of its own (a duplicate's eId gets `_dup1`) and reported as a
//!   [`ParseWarning`](super::ParseWarning) at its line.
//! - A caption (条标题) is the rest of the 第X条 line when it is short (2–40
//!   characters), has no sentence punctuation (。，；：！？), does not end with 的 or
//!   、, says nothing normative (应当, 负责, 可以, 不得, 必须, 禁止, 鼓励, 适用, 依照,
//!   按照, 本条例/本办法/本规定/本细则: those mark the first half of a sentence
//!   broken over two lines), and a text or item line follows below; or a bracketed 【目的和依据】/（目的和依据）
//!   right after 第X条. A caption is the article's heading, not a 款.
//! - Every other line inside an article that is not an item opens a new 款, except
//!   sub-items (1. 2.) and the lines under a headed item (（一）认定, a short item
//!   without punctuation that text follows): those continue the item.
//! - A line that starts with ① ② … is an editor's footnote: it goes to the notes.
//! - After the last article, a line 附件 / 附件一 / 附件1：标题 opens an annex; every
//!   line after it is annex text.
//!
//! It never fails: text it cannot place is kept as paragraph text, and a text
//! without articles yields an empty tree.

mod front;
mod line;
mod tree;

use super::{ArticleNumber, Regulation};
pub use line::is_space;
use line::{Level, Line};

/// Parses `text`; line numbers in the tree count from 1 at its first line.
pub fn parse(text: &str) -> Regulation {
    parse_at(text, 1)
}

/// Parses `text` whose first line is line `first_line` of its file.
pub fn parse_at(text: &str, first_line: usize) -> Regulation {
    let raw: Vec<&str> = text.lines().collect();
    let lines: Vec<Line> = raw.iter().map(|l| line::classify(l)).collect();
    let (title_end, body_start) = locate_body(&lines);
    let front = front::read(&lines, &raw, title_end);
    let next = next_non_blank(&lines);
    let later = later_articles(&lines);
    let mut builder = tree::TreeBuilder::default();
    for i in body_start..lines.len() {
        let cx = tree::Context {
            next: next[i].map(|j| &lines[j]),
            later_article: later[i],
            line_no: first_line + i,
            column: raw[i].chars().take_while(|c| is_space(*c)).count() + 1,
        };
        builder.push(&lines[i], raw[i], &cx);
    }
    let mut notes = front.notes;
    notes.append(&mut builder.footnotes);
    Regulation {
        title: front.title,
        preamble: front.preamble,
        notes,
        parts: builder.parts,
        chapters: builder.chapters,
        articles: builder.articles,
        annexes: builder.annexes,
        warnings: builder.warnings,
    }
}

fn next_non_blank(lines: &[Line]) -> Vec<Option<usize>> {
    let mut out = vec![None; lines.len()];
    let mut next = None;
    for i in (0..lines.len()).rev() {
        out[i] = next;
        if lines[i] != Line::Blank {
            next = Some(i);
        }
    }
    out
}

/// For each line, the highest number of an article line (with a space after
/// 第X条) below it.
fn later_articles(lines: &[Line]) -> Vec<Option<ArticleNumber>> {
    let mut out = vec![None; lines.len()];
    let mut max: Option<ArticleNumber> = None;
    for i in (0..lines.len()).rev() {
        out[i] = max;
        if let Line::Article {
            number,
            spaced: true,
            ..
        } = lines[i]
        {
            max = max.max(Some(number));
        }
    }
    out
}

/// Returns where the title search ends and where the body begins. A 目录 lists
/// the headings once before the body repeats them: the body begins where the
/// 目录's first heading comes again (or, failing that, where a chapter number
/// stops rising). Headings repeated before the first article are a 目录 too,
/// where the text lost its 目录 line.
fn locate_body(lines: &[Line]) -> (usize, usize) {
    let first_article = lines.iter().position(|l| matches!(l, Line::Article { .. }));
    let toc = lines.iter().position(|l| *l == Line::Toc);
    if let Some(toc) = toc.filter(|&t| first_article.is_none_or(|a| t < a)) {
        return (toc, toc_end(lines, toc));
    }
    let start = lines
        .iter()
        .position(|l| matches!(l, Line::Heading { .. } | Line::Article { .. }))
        .unwrap_or(lines.len());
    // A 目录 pasted without its 目录 line: the headings, then the same again.
    let body = first_heading_again(lines, start).unwrap_or(start);
    (start, body)
}

/// Where the first heading at or after `from` comes again, before any article.
fn first_heading_again(lines: &[Line], from: usize) -> Option<usize> {
    let heading = |l: &Line| match l {
        Line::Heading { level, number, .. } => Some((*level, *number)),
        _ => None,
    };
    let (at, first) = lines[from..]
        .iter()
        .enumerate()
        .take_while(|(_, l)| !matches!(l, Line::Article { .. }))
        .find_map(|(i, l)| heading(l).map(|h| (from + i, h)))?;
    let j = lines[at + 1..]
        .iter()
        .position(|l| heading(l) == Some(first) || matches!(l, Line::Article { .. }))?;
    (heading(&lines[at + 1 + j]) == Some(first)).then_some(at + 1 + j)
}

fn toc_end(lines: &[Line], toc: usize) -> usize {
    if let Some(body) = first_heading_again(lines, toc + 1) {
        return body;
    }
    let mut last_chapter = 0;
    for (i, line) in lines.iter().enumerate().skip(toc + 1) {
        match line {
            Line::Heading {
                level: Level::Chapter,
                number,
                ..
            } if *number <= last_chapter => return i,
            Line::Heading {
                level: Level::Chapter,
                number,
                ..
            } => last_chapter = *number,
            Line::Heading { .. } | Line::Blank | Line::Text(_) => {}
            _ => return i,
        }
    }
    lines.len()
}

#[cfg(test)]
mod tests;
