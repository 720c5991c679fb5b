//! Citations of clauses written in plain Chinese prose (第十条第二款第（五）项,
//! 第九条至第十一条, 本条第一款, 前款, 《另一部法律》第三十三条): what a
//! citation names, where it stands in the text, and which clause it resolves to.

pub mod recognizer;
pub mod resolver;

use crate::numerals::to_chinese;
use crate::regulation::ArticleNumber;
use std::ops::Range;

pub use recognizer::recognize;
pub use resolver::{Context, Resolved, resolve};

/// One citation found in a text: a single clause, a list or a range.
#[derive(Debug, Clone, PartialEq)]
pub struct Citation {
    /// Byte range of the citation in the source text, 《》 included.
    pub span: Range<usize>,
    pub instrument: Instrument,
    /// Every clause the citation names, ranges expanded, in order.
    pub refs: Vec<ClauseRef>,
    /// A range written from the higher number (第十一条至第九条): it names only its ends.
    pub backwards: bool,
}

/// Which instrument a citation points into.
#[derive(Debug, Clone, PartialEq)]
pub enum Instrument {
    /// No instrument named: the page's own regulation.
    Default,
    /// 本办法 / 本制度 / 本条例: the page's own regulation, said explicitly.
    This,
    /// 《中华人民共和国行政处罚法》: another instrument, by the name inside 《》.
    Named(String),
    /// 该法 / 处罚法第三十三条: some other instrument we cannot identify.
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ClauseRef {
    pub chapter: Option<u32>,
    pub article: Option<ArticleRef>,
    pub paragraph: Option<ParagraphRef>,
    pub point: Option<PointRef>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArticleRef {
    Number(ArticleNumber),
    /// 本条
    This,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParagraphRef {
    Number(u32),
    /// 本款
    This,
    /// 前款
    Previous,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PointRef {
    Number(u32),
    /// 本项
    This,
}

impl ClauseRef {
    /// Written the way the rules cite: 第十条第一款第（五）项, 本条第二款, 前款.
    pub fn label(&self) -> String {
        let mut s = String::new();
        if let Some(c) = self.chapter {
            s += &format!("第{}章", to_chinese(c));
        }
        match self.article {
            Some(ArticleRef::Number(n)) => s += &n.label(),
            Some(ArticleRef::This) => s += "本条",
            None => {}
        }
        match self.paragraph {
            Some(ParagraphRef::Number(n)) => s += &format!("第{}款", to_chinese(n)),
            Some(ParagraphRef::This) => s += "本款",
            Some(ParagraphRef::Previous) => s += "前款",
            None => {}
        }
        match self.point {
            Some(PointRef::Number(n)) => s += &format!("第（{}）项", to_chinese(n)),
            Some(PointRef::This) => s += "本项",
            None => {}
        }
        s
    }

    /// True when the reference needs the page's own clause to mean anything.
    pub fn is_relative(&self) -> bool {
        self.chapter.is_none() && !matches!(self.article, Some(ArticleRef::Number(_)))
    }
}
