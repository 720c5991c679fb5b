//! Builds the clause tree from the classified lines of the body, one line at a
//! time, with a look at the next line where a line's meaning depends on it.

use super::line::{self, Level, Line, is_space};
use crate::regulation::{
    Annex, Article, ArticleNumber, Chapter, Paragraph, ParseWarning, Part, Point, Section,
};

#[derive(Default)]
pub(super) struct TreeBuilder {
    pub parts: Vec<Part>,
    pub chapters: Vec<Chapter>,
    pub articles: Vec<Article>,
    pub annexes: Vec<Annex>,
    pub warnings: Vec<ParseWarning>,
    /// Editors' notes set under the text with ① ②: notes of the regulation, not 款.
    pub footnotes: Vec<String>,
    part: Option<usize>,
    chapter: Option<usize>,
    section: Option<String>,
    /// The last item is a headed one (（一）认定): text lines below it are its own.
    headed_item: bool,
}

/// What the builder may look at besides the line itself.
pub(super) struct Context<'a, 'l> {
    /// The next line that is not blank.
    pub next: Option<&'a Line<'l>>,
    /// The highest article number on an article line (with a space after 第X条)
    /// further down.
    pub later_article: Option<ArticleNumber>,
    /// 1-based line in the file, and the column where the line's text starts.
    pub line_no: usize,
    pub column: usize,
}

impl TreeBuilder {
    pub fn push(&mut self, line: &Line, raw: &str, cx: &Context) {
        if !self.annexes.is_empty() {
            self.add_annex_text(raw);
            return;
        }
        match line {
            Line::Blank => {}
            Line::Heading {
                level,
                number,
                num,
                heading,
            } => self.add_heading(*level, *number, num.clone(), heading.clone()),
            Line::Article {
                number,
                num,
                bracketed,
                rest,
                spaced,
            } if *spaced || self.is_next(*number) => {
                self.add_article(*number, num, bracketed.clone(), rest, cx);
            }
            Line::Point { number, num, rest } if !self.articles.is_empty() => {
                self.add_point(*number, num, rest, cx);
            }
            Line::Text(t) if self.opens_annex(t, cx) => {
                let (num, heading) = line::annex_start(t).expect("checked by opens_annex");
                self.annexes.push(Annex {
                    num,
                    heading,
                    text: String::new(),
                });
            }
            Line::Text(t) if t.starts_with(|c| ('\u{2460}'..='\u{2473}').contains(&c)) => {
                self.footnotes.push(t.to_string());
            }
            Line::Text(t) if line::compact_heading(t) == "附则" && !self.parts.is_empty() => {
                // 刑法's 附则 stands beside its 编, without a number.
                self.add_heading(
                    Level::Part,
                    self.parts.len() as u32 + 1,
                    String::new(),
                    "附则".into(),
                );
            }
            _ => self.add_text(raw, cx.line_no),
        }
    }

    fn add_heading(&mut self, level: Level, number: u32, num: String, heading: String) {
        self.headed_item = false;
        match level {
            Level::Part => {
                self.parts.push(Part {
                    eid: format!("part_{number}"),
                    num,
                    heading,
                    number,
                });
                self.part = Some(self.parts.len() - 1);
                self.chapter = None;
                self.section = None;
            }
            Level::Chapter => {
                let part = self.part.map(|p| self.parts[p].eid.clone());
                let eid = match &part {
                    Some(p) => format!("{p}__chp_{number}"),
                    None => format!("chp_{number}"),
                };
                self.chapters.push(Chapter {
                    eid,
                    num,
                    heading,
                    part,
                    sections: vec![],
                    number,
                });
                self.chapter = Some(self.chapters.len() - 1);
                self.section = None;
            }
            Level::Section => {
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
        }
    }

    /// 第三条 quoted at the start of a 款 without a following space is taken as
    /// an article only when it is the next one in sequence.
    fn is_next(&self, number: ArticleNumber) -> bool {
        match self.articles.last() {
            None => number.number == 1 && number.suffix == 0,
            Some(prev) => next_numbers(prev.number).contains(&Some(number)),
        }
    }

    fn add_article(
        &mut self,
        number: ArticleNumber,
        num: &str,
        bracketed: Option<String>,
        rest: &str,
        cx: &Context,
    ) {
        self.headed_item = false;
        self.check_number(number, num, cx);
        let mut eid = number.eid();
        let mut copy = 1;
        while self.articles.iter().any(|a| a.eid == eid) {
            eid = format!("{}_dup{copy}", number.eid());
            copy += 1;
        }
        let caption = bracketed.or_else(|| {
            let below = matches!(cx.next, Some(Line::Text(_) | Line::Point { .. }));
            (below && is_caption(rest)).then(|| rest.to_string())
        });
        let rest = if caption.as_deref() == Some(rest) {
            ""
        } else {
            rest
        };
        self.articles.push(Article {
            eid,
            num: num.to_string(),
            heading: caption,
            chapter: self.chapter.map(|c| self.chapters[c].eid.clone()),
            section: self.section.clone(),
            paragraphs: vec![],
            part: self.part.map(|p| self.parts[p].eid.clone()),
            number,
            line: cx.line_no,
        });
        if !rest.is_empty() {
            self.add_paragraph(rest, cx.line_no);
        }
    }

    /// Numbers must run on: 第一条, 第二条 (or 第一条之一); anything else is kept
    /// as its own article and reported.
    fn check_number(&mut self, number: ArticleNumber, num: &str, cx: &Context) {
        let (zh, en) = match self.articles.last() {
            None if number.number == 1 && number.suffix == 0 => return,
            None => (
                format!("条文从{num}开始，前面的条文缺失；请核对是否完整粘贴了正式文本"),
                format!("the articles start at {num}; the ones before it are missing"),
            ),
            Some(prev) if next_numbers(prev.number).contains(&Some(number)) => return,
            Some(prev) if number > prev.number => (
                format!(
                    "{num}紧接在{}之后，中间的条文缺失；请核对原文是否漏了条文",
                    prev.num
                ),
                format!(
                    "{num} follows {}: the articles between them are missing",
                    prev.num
                ),
            ),
            Some(prev) => {
                let earlier = self.articles.iter().find(|a| a.number == number);
                match earlier {
                    Some(e) => (
                        format!(
                            "{num}重复：第 {} 行已有{num}；已作为单独的一条保留，请核对原文的条号",
                            e.line
                        ),
                        format!(
                            "{num} is repeated (already at line {}); kept as an article of its own",
                            e.line
                        ),
                    ),
                    None => (
                        format!(
                            "{num}出现在{}之后，条号没有依次递增；已作为单独的一条保留，请核对原文的条号",
                            prev.num
                        ),
                        format!(
                            "{num} comes after {}: article numbers must increase; kept as an article of its own",
                            prev.num
                        ),
                    ),
                }
            }
        };
        self.warnings.push(ParseWarning {
            line: cx.line_no,
            column: cx.column,
            zh,
            en,
        });
    }

    fn add_point(&mut self, number: u32, num: &str, rest: &str, cx: &Context) {
        let headed = is_caption(rest)
            && rest.chars().count() <= 15
            && matches!(cx.next, Some(Line::Text(_)))
            && (number == 1 || self.headed_item);
        self.headed_item = headed;
        let article = self.articles.last_mut().expect("checked by push");
        if article.paragraphs.is_empty() {
            article.paragraphs.push(Paragraph {
                eid: String::new(),
                text: String::new(),
                points: vec![],
                line: cx.line_no,
            });
            renumber(article);
        }
        let para = article.paragraphs.last_mut().expect("just ensured");
        para.points.push(Point {
            eid: format!("{}__point_{number}", para.eid),
            num: num.to_string(),
            text: rest.to_string(),
            number,
            line: cx.line_no,
        });
    }

    /// An annex opens after the last article: no article line further down
    /// continues the numbering.
    fn opens_annex(&self, t: &str, cx: &Context) -> bool {
        let Some(last) = self.articles.last() else {
            return false;
        };
        line::annex_start(t).is_some() && cx.later_article.is_none_or(|n| n <= last.number)
    }

    fn add_annex_text(&mut self, raw: &str) {
        let t = raw.trim_matches(is_space);
        if t.is_empty() {
            return;
        }
        if let Some((num, heading)) = line::annex_start(t) {
            self.annexes.push(Annex {
                num,
                heading,
                text: String::new(),
            });
            return;
        }
        let annex = self.annexes.last_mut().expect("checked by push");
        if annex.heading.is_empty() && annex.text.is_empty() && is_caption(t) {
            annex.heading = t.to_string();
            return;
        }
        if !annex.text.is_empty() {
            annex.text.push('\n');
        }
        annex.text.push_str(t);
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
            && (self.headed_item || line::is_sub_item(text))
        {
            point.text.push('\n');
            point.text.push_str(text);
            return;
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
}

/// The numbers that may follow `prev`: the next article, or its 之一 / the next 之N.
/// Checked: after 第4294967295条 there is no next article number.
fn next_numbers(prev: ArticleNumber) -> [Option<ArticleNumber>; 2] {
    [
        prev.number.checked_add(1).map(|n| ArticleNumber {
            number: n,
            suffix: 0,
        }),
        prev.suffix.checked_add(1).map(|s| ArticleNumber {
            number: prev.number,
            suffix: s,
        }),
    ]
}

/// A caption (条标题) is a short line with no sentence punctuation: “目的和依据”,
/// “存单纠纷案件的范围”. “为了……，制定本条例。” is text, and so is the first half of a
/// sentence broken over two lines (“县级以上人民政府……主管部门负责” / “本行政区域……”):
/// a caption names a subject, it does not say what shall be done.
fn is_caption(t: &str) -> bool {
    const VERBS: [&str; 14] = [
        "应当",
        "负责",
        "可以",
        "不得",
        "必须",
        "禁止",
        "鼓励",
        "适用",
        "本条例",
        "本办法",
        "本规定",
        "本细则",
        "依照",
        "按照",
    ];
    let n = t.chars().count();
    (2..=40).contains(&n)
        && !line::has_sentence_punctuation(t)
        && !t.ends_with(['的', '）', ')', '、'])
        && !VERBS.iter().any(|v| t.contains(v))
}

fn renumber(article: &mut Article) {
    let n = article.paragraphs.len();
    article.paragraphs[n - 1].eid = format!("{}__para_{n}", article.eid);
}
