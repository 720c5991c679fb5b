//! Parses a regulation's official text, as published, into its clause tree.
//!
//! The parser works line by line. Lines before the title (a 印发通知 or 国务院令)
//! become the preamble; a 目录 is skipped; every line inside an article that is
//! not an item opens a new 款. It never fails: text it cannot place is kept as
//! paragraph text, and a text without articles yields an empty tree.

use super::{Article, ArticleNumber, Chapter, Paragraph, Point, Regulation, Section};
use crate::numerals;

#[derive(Debug, Clone, PartialEq)]
enum Line<'a> {
    Blank,
    Toc,
    Chapter {
        number: u32,
        num: String,
        heading: String,
    },
    Section {
        number: u32,
        num: String,
        heading: String,
    },
    Article {
        number: ArticleNumber,
        num: String,
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

/// Characters that separate a heading's parts: ASCII space, U+3000, NBSP, tab.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}' || c == '\u{feff}'
}

/// Parses `text`; line numbers in the tree count from 1 at its first line.
pub fn parse(text: &str) -> Regulation {
    parse_at(text, 1)
}

/// Parses `text` whose first line is line `first_line` of its file.
pub fn parse_at(text: &str, first_line: usize) -> Regulation {
    let lines: Vec<Line> = text.lines().map(classify).collect();
    let (title_end, body_start) = locate_body(&lines);
    let raw: Vec<&str> = text.lines().collect();
    let title_index = (0..title_end)
        .rev()
        .find(|&i| matches!(lines[i], Line::Text(t) if is_title_like(t)));
    let mut title = title_index.map(|i| clean(raw[i])).unwrap_or_default();
    let mut preamble_end = title_index.unwrap_or(0);
    // 最高人民法院 / 关于审理……的规定: a title broken after its issuer.
    if let Some(i) = title_index.filter(|&i| i > 0 && title.starts_with("关于")) {
        if let Line::Text(prev) = lines[i - 1] {
            if is_title_like(prev)
                && prev.chars().count() <= 20
                && !prev.chars().any(|c| c.is_ascii_digit())
            {
                title = format!("{}{title}", clean(prev));
                preamble_end = i - 1;
            }
        }
    }
    let preamble = raw[..preamble_end]
        .iter()
        .map(|l| clean(l))
        .filter(|l| !l.is_empty())
        .collect();
    let mut builder = TreeBuilder::default();
    for (i, line) in lines.into_iter().enumerate().skip(body_start) {
        builder.push(line, raw[i], first_line + i);
    }
    builder.finish(title, preamble)
}

fn clean(line: &str) -> String {
    line.trim_matches(is_space).to_string()
}

/// A title is a line of its own without sentence punctuation at its end, and is
/// not a document number (法释〔2009〕20号) or a note in brackets.
fn is_title_like(t: &str) -> bool {
    !is_parenthetical(t)
        && !t.ends_with(['。', '：', ':', '；', '，', '|'])
        && !(t.ends_with('号') && t.contains(['〔', '[']))
        && t.chars().count() <= 80
}

fn is_parenthetical(t: &str) -> bool {
    (t.starts_with('（') || t.starts_with('(')) && (t.ends_with('）') || t.ends_with(')'))
}

/// Returns where the title search ends and where the body begins. A 目录 lists
/// the chapters once before the body repeats them; it ends where a chapter number
/// stops rising.
fn locate_body(lines: &[Line]) -> (usize, usize) {
    let first_article = lines.iter().position(|l| matches!(l, Line::Article { .. }));
    let toc = lines.iter().position(|l| *l == Line::Toc);
    if let Some(toc) = toc.filter(|&t| first_article.is_none_or(|a| t < a)) {
        let mut last_chapter = 0;
        for (i, line) in lines.iter().enumerate().skip(toc + 1) {
            match line {
                Line::Chapter { number, .. } if *number <= last_chapter => return (toc, i),
                Line::Chapter { number, .. } => last_chapter = *number,
                Line::Section { .. } | Line::Blank | Line::Text(_) => {}
                _ => return (toc, i),
            }
        }
        return (toc, lines.len());
    }
    let start = lines
        .iter()
        .position(|l| {
            matches!(
                l,
                Line::Chapter { .. } | Line::Section { .. } | Line::Article { .. }
            )
        })
        .unwrap_or(lines.len());
    (start, start)
}

fn classify(raw: &str) -> Line<'_> {
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
    match kind {
        '章' | '节' => {
            let heading = compact_heading(rest);
            if heading.chars().count() > 40 || heading.contains('。') || heading.contains('，') {
                return None;
            }
            let num = format!("第{digits}{kind}");
            Some(if kind == '章' {
                Line::Chapter {
                    number,
                    num,
                    heading,
                }
            } else {
                Line::Section {
                    number,
                    num,
                    heading,
                }
            })
        }
        '条' => {
            let (suffix, suffix_digits, rest) = match rest.strip_prefix('之').and_then(take_numeral)
            {
                Some((s, d, r)) if r.is_empty() || r.starts_with(is_space) => (s, d, r),
                _ => (0, "", rest),
            };
            let spaced = rest.is_empty() || rest.starts_with(is_space);
            let number = ArticleNumber { number, suffix };
            let mut num = format!("第{digits}条");
            if suffix > 0 {
                num = format!("{num}之{suffix_digits}");
            }
            Some(Line::Article {
                number,
                num,
                rest: rest.trim_matches(is_space),
                spaced,
            })
        }
        _ => None,
    }
}

/// `总　　则` → `总则`: spaces between two CJK characters are layout, not content.
fn compact_heading(s: &str) -> String {
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
fn is_sub_item(text: &str) -> bool {
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

#[derive(Default)]
struct TreeBuilder {
    chapters: Vec<Chapter>,
    articles: Vec<Article>,
    chapter: Option<usize>,
    section: Option<String>,
}

impl TreeBuilder {
    fn push(&mut self, line: Line, raw: &str, line_no: usize) {
        match line {
            Line::Blank => {}
            Line::Chapter {
                number,
                num,
                heading,
            } => {
                self.chapters.push(Chapter {
                    eid: format!("chp_{number}"),
                    num,
                    heading,
                    part: None,
                    sections: vec![],
                    number,
                });
                self.chapter = Some(self.chapters.len() - 1);
                self.section = None;
            }
            Line::Section {
                number,
                num,
                heading,
            } => {
                let eid = match self.chapter {
                    Some(c) => format!("{}__sec_{number}", self.chapters[c].eid),
                    None => format!("sec_{number}"),
                };
                if let Some(c) = self.chapter {
                    self.chapters[c].sections.push(Section {
                        eid: eid.clone(),
                        num,
                        heading,
                    });
                }
                self.section = Some(eid);
            }
            Line::Article {
                number,
                num,
                rest,
                spaced,
            } if self.accepts(number, spaced) => {
                self.articles.push(Article {
                    eid: number.eid(),
                    num,
                    heading: None,
                    chapter: self.chapter.map(|c| self.chapters[c].eid.clone()),
                    section: self.section.clone(),
                    paragraphs: vec![],
                    number,
                    line: line_no,
                });
                if !rest.is_empty() {
                    self.add_paragraph(rest, line_no);
                }
            }
            Line::Article { .. } | Line::Toc | Line::Text(_) => self.add_text(raw, line_no),
            Line::Point { number, num, rest } => {
                let Some(article) = self.articles.last_mut() else {
                    return;
                };
                if article.paragraphs.is_empty() {
                    article.paragraphs.push(Paragraph {
                        eid: String::new(),
                        text: String::new(),
                        points: vec![],
                        line: line_no,
                    });
                    renumber(article);
                }
                let para = article.paragraphs.last_mut().expect("just ensured");
                para.points.push(Point {
                    eid: format!("{}__point_{number}", para.eid),
                    num,
                    text: rest.to_string(),
                    number,
                    line: line_no,
                });
            }
        }
    }

    /// An article heading must move forward; 第三条 quoted at the start of a 款
    /// without a following space is accepted only as the next article in sequence.
    fn accepts(&self, number: ArticleNumber, spaced: bool) -> bool {
        let Some(prev) = self.articles.last().map(|a| a.number) else {
            return spaced || number.number == 1;
        };
        if spaced {
            return number > prev;
        }
        // Checked: after 第4294967295条 there is no next article number.
        let next = prev.number.checked_add(1).map(|n| ArticleNumber {
            number: n,
            suffix: 0,
        });
        let next_suffix = prev.suffix.checked_add(1).map(|s| ArticleNumber {
            number: prev.number,
            suffix: s,
        });
        next == Some(number) || next_suffix == Some(number)
    }

    fn add_text(&mut self, text: &str, line_no: usize) {
        let text = text.trim_matches(is_space);
        let Some(article) = self.articles.last_mut() else {
            return;
        };
        if text.is_empty() {
            return;
        }
        if let Some(point) = article
            .paragraphs
            .last_mut()
            .and_then(|p| p.points.last_mut())
        {
            if is_sub_item(text) {
                point.text.push('\n');
                point.text.push_str(text);
                return;
            }
        }
        self.add_paragraph(text, line_no);
    }

    fn add_paragraph(&mut self, text: &str, line_no: usize) {
        let article = self.articles.last_mut().expect("called inside an article");
        article.paragraphs.push(Paragraph {
            eid: String::new(),
            text: text.to_string(),
            points: vec![],
            line: line_no,
        });
        renumber(article);
    }

    fn finish(self, title: String, preamble: Vec<String>) -> Regulation {
        Regulation {
            title,
            preamble,
            notes: vec![],
            parts: vec![],
            chapters: self.chapters,
            articles: self.articles,
            annexes: vec![],
            warnings: vec![],
        }
    }
}

fn renumber(article: &mut Article) {
    let n = article.paragraphs.len();
    article.paragraphs[n - 1].eid = format!("{}__para_{n}", article.eid);
}

#[cfg(test)]
mod tests;
