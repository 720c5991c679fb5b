//! The clause tree of one regulation: chapters, sections, articles, paragraphs (款)
//! and items (项), each with its Akoma Ntoso eId.

pub mod compare;
pub mod parser;

use serde::Serialize;

pub use parser::parse;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Regulation {
    pub title: String,
    /// Lines before the title: a notice or order that wraps the rules.
    #[serde(skip)]
    pub preamble: Vec<String>,
    /// The 题注 under the title: the parenthesised adoption and amendment history.
    pub notes: Vec<String>,
    /// 编, where a code has them (Akoma Ntoso `part`).
    pub parts: Vec<Part>,
    pub chapters: Vec<Chapter>,
    pub articles: Vec<Article>,
    /// 附件 after the last article.
    pub annexes: Vec<Annex>,
    /// What the parser noticed and could not set right (duplicate or out-of-order
    /// article numbers, …), each at a line of the text.
    #[serde(skip)]
    pub warnings: Vec<ParseWarning>,
}

/// A 编 (part) of a code: `part_1`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Part {
    pub eid: String,
    pub num: String,
    pub heading: String,
    #[serde(skip)]
    pub number: u32,
}

/// A 附件 after the rules: its number (附件1, or empty), heading and text.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Annex {
    pub num: String,
    pub heading: String,
    pub text: String,
}

/// A finding of the parser, at a 1-based line of the parsed text.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseWarning {
    pub line: usize,
    pub column: usize,
    pub zh: String,
    pub en: String,
}

impl ParseWarning {
    /// The finding as a warning of the file the text was read from (W0301).
    pub fn diagnostic(&self, path: &std::path::Path) -> crate::diagnostic::Diagnostic {
        crate::diagnostic::Diagnostic::warning(
            path,
            self.line,
            self.column,
            crate::msg!("W0301", self.zh.clone(), self.en.clone()),
        )
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Chapter {
    pub eid: String,
    pub num: String,
    pub heading: String,
    /// The eId of the 编 it belongs to, if the text has 编.
    pub part: Option<String>,
    pub sections: Vec<Section>,
    #[serde(skip)]
    pub number: u32,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Section {
    pub eid: String,
    pub num: String,
    pub heading: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Article {
    pub eid: String,
    pub num: String,
    /// A caption (条标题) written beside or under 第X条, not a 款.
    pub heading: Option<String>,
    pub chapter: Option<String>,
    pub section: Option<String>,
    pub paragraphs: Vec<Paragraph>,
    /// The 编 it stands in (also for an article of 刑法's 附则, which has no chapter).
    #[serde(skip)]
    pub part: Option<String>,
    #[serde(skip)]
    pub number: ArticleNumber,
    /// 1-based line of the article's first line in the source text.
    #[serde(skip)]
    pub line: usize,
}

/// 第十条 is `(10, 0)`, 第十条之一 is `(10, 1)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ArticleNumber {
    pub number: u32,
    pub suffix: u32,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Paragraph {
    pub eid: String,
    pub text: String,
    pub points: Vec<Point>,
    #[serde(skip)]
    pub line: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Point {
    pub eid: String,
    pub num: String,
    pub text: String,
    #[serde(skip)]
    pub number: u32,
    #[serde(skip)]
    pub line: usize,
}

/// What an eId names, borrowed from the tree.
#[derive(Debug, Clone, Copy)]
pub enum Clause<'a> {
    Chapter(&'a Chapter),
    Article(&'a Article),
    Paragraph(&'a Article, usize),
    Point(&'a Article, usize, usize),
}

impl ArticleNumber {
    pub fn label(self) -> String {
        let base = format!("第{}条", crate::numerals::to_chinese(self.number));
        if self.suffix == 0 {
            base
        } else {
            format!("{base}之{}", crate::numerals::to_chinese(self.suffix))
        }
    }

    pub fn eid(self) -> String {
        if self.suffix == 0 {
            format!("art_{}", self.number)
        } else {
            format!("art_{}-{}", self.number, self.suffix)
        }
    }
}

impl Regulation {
    pub fn article(&self, number: ArticleNumber) -> Option<&Article> {
        self.articles.iter().find(|a| a.number == number)
    }

    /// The first chapter numbered `number`. Where chapter numbers restart in each
    /// 编 there may be more than one: see [`Regulation::chapters_numbered`].
    pub fn chapter(&self, number: u32) -> Option<&Chapter> {
        self.chapters.iter().find(|c| c.number == number)
    }

    pub fn chapters_numbered(&self, number: u32) -> impl Iterator<Item = &Chapter> {
        self.chapters.iter().filter(move |c| c.number == number)
    }

    /// Finds the node an eId names.
    pub fn clause(&self, eid: &str) -> Option<Clause<'_>> {
        // chp_3, or part_2__chp_1 where the text has 编.
        if !eid.starts_with("art_") {
            return self
                .chapters
                .iter()
                .find(|c| c.eid == eid)
                .map(Clause::Chapter);
        }
        let art_eid = eid.split("__").next()?;
        let article = self.articles.iter().find(|a| a.eid == art_eid)?;
        if eid == art_eid {
            return Some(Clause::Article(article));
        }
        for (p, para) in article.paragraphs.iter().enumerate() {
            if para.eid == eid {
                return Some(Clause::Paragraph(article, p));
            }
            if let Some(q) = para.points.iter().position(|pt| pt.eid == eid) {
                return Some(Clause::Point(article, p, q));
            }
        }
        None
    }

    /// The way the rules themselves would cite a clause: 第十条第一款第（五）项;
    /// the 款 is left out where the article has only one (第九条第（四）项).
    pub fn label(&self, eid: &str) -> Option<String> {
        Some(match self.clause(eid)? {
            Clause::Chapter(c) => c.num.clone(),
            Clause::Article(a) => a.num.clone(),
            Clause::Paragraph(a, p) => format!("{}{}", a.num, paragraph_label(p)),
            Clause::Point(a, p, q) => {
                let para = if a.paragraphs.len() > 1 {
                    paragraph_label(p)
                } else {
                    String::new()
                };
                format!("{}{}第{}项", a.num, para, a.paragraphs[p].points[q].num)
            }
        })
    }

    /// The text of a clause as published: an article's or paragraph's full text
    /// with its items, or one item.
    pub fn text(&self, eid: &str) -> Option<String> {
        Some(match self.clause(eid)? {
            Clause::Chapter(c) => format!("{}　{}", c.num, c.heading),
            Clause::Article(a) => a
                .paragraphs
                .iter()
                .map(Paragraph::full_text)
                .collect::<Vec<_>>()
                .join("\n"),
            Clause::Paragraph(a, p) => a.paragraphs[p].full_text(),
            Clause::Point(a, p, q) => {
                let pt = &a.paragraphs[p].points[q];
                format!("{}{}", pt.num, pt.text)
            }
        })
    }

    /// The 项 under a clause, as (eId, "（一）text"): an article's (all its 款's) or a
    /// 款's; none under an item.
    pub fn points_of(&self, eid: &str) -> Vec<(String, String)> {
        let paragraphs: Vec<&Paragraph> = match self.clause(eid) {
            Some(Clause::Article(a)) => a.paragraphs.iter().collect(),
            Some(Clause::Paragraph(a, p)) => vec![&a.paragraphs[p]],
            _ => vec![],
        };
        paragraphs
            .iter()
            .flat_map(|p| p.points.iter())
            .map(|pt| (pt.eid.clone(), format!("{}{}", pt.num, pt.text)))
            .collect()
    }

    /// Every eId in document order: chapters and sections first, then articles
    /// with their paragraphs and items.
    pub fn eids(&self) -> Vec<&str> {
        let mut out = Vec::new();
        for a in &self.articles {
            out.push(a.eid.as_str());
            for p in &a.paragraphs {
                out.push(p.eid.as_str());
                out.extend(p.points.iter().map(|pt| pt.eid.as_str()));
            }
        }
        out
    }
}

impl Paragraph {
    pub fn full_text(&self) -> String {
        let mut s = self.text.clone();
        for pt in &self.points {
            s.push('\n');
            s.push_str(&pt.num);
            s.push_str(&pt.text);
        }
        s
    }
}

pub fn paragraph_label(index: usize) -> String {
    format!("第{}款", crate::numerals::to_chinese(index as u32 + 1))
}
