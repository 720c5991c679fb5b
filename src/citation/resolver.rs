//! Resolves a `ClauseRef` against a parsed regulation: to an eId, or to a message
//! that says what the regulation has instead.

use super::{ArticleRef, ClauseRef, ParagraphRef, PointRef};
use crate::diagnostic::Message;
use crate::msg;
use crate::regulation::{Article, ArticleNumber, Regulation, paragraph_label};

/// The clause a text is about, for 本条, 本款, 前款 and bare 第（三）项.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Context {
    pub article: Option<ArticleNumber>,
    /// 1-based 款 number.
    pub paragraph: Option<u32>,
    /// 项 number.
    pub point: Option<u32>,
}

/// A resolved reference: the eId, and a warning where the citation was ambiguous.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub eid: String,
    pub warning: Option<Message>,
}

/// Resolves one reference. The error message starts with the citation as written.
pub fn resolve(reg: &Regulation, r: &ClauseRef, ctx: &Context) -> Result<Resolved, Message> {
    let label = r.label();
    if let Some(n) = r.chapter {
        let c = reg.chapter(n).ok_or_else(|| {
            let n = reg.chapters.len();
            msg!(
                "E0401",
                format!("{label}：该规定只有 {n} 章，请核对章号"),
                format!("{label}: the regulation has {n} chapters"),
            )
        })?;
        // 第一章 in a code whose chapters restart in each 编: the first 编's, with a
        // warning that names the others.
        let others: Vec<String> = reg
            .chapters_numbered(n)
            .skip(1)
            .map(|o| {
                match o
                    .part
                    .as_deref()
                    .and_then(|p| reg.parts.iter().find(|x| x.eid == p))
                {
                    Some(p) => format!("{}{}", p.num, o.num),
                    None => o.num.clone(),
                }
            })
            .collect();
        let warning = (!others.is_empty()).then(|| {
            let first = match c.part.as_deref().and_then(|p| reg.parts.iter().find(|x| x.eid == p)) {
                Some(p) => format!("{}{}", p.num, c.num),
                None => c.num.clone(),
            };
            msg!(
                "W0410",
                format!("{label}指向不明：{first}和{}都是{}，已按{first}处理；请写明是哪一编的", others.join("、"), c.num),
                format!("{label} is ambiguous: {first} and {} share the number; resolved to {first} — name the 编", others.join(", ")),
            )
        });
        return Ok(Resolved {
            eid: c.eid.clone(),
            warning,
        });
    }
    let article_number = match r.article {
        Some(ArticleRef::Number(n)) => n,
        Some(ArticleRef::This) | None => ctx.article.ok_or_else(|| {
            msg!(
                "E0402",
                format!("{label}：“本条”“第二款”这类引用只能写在某一条的释义里；这里请写明条号，如 第十条{label}"),
                format!("{label}: a relative citation needs a clause to be relative to; name the article (第十条{label})"),
            )
        })?,
    };
    let article = reg.article(article_number).ok_or_else(|| {
        match (reg.articles.first(), reg.articles.last()) {
            (Some(a), Some(b)) => msg!(
                "E0403",
                format!("{label}：该规定没有这一条，现有条文是{}至{}", a.num, b.num),
                format!(
                    "{label}: no such article; the regulation has {}–{}",
                    a.num, b.num
                ),
            ),
            _ => msg!(
                "E0403",
                format!("{label}：该规定没有这一条，它还没有任何条文"),
                format!("{label}: no such article; the regulation has no articles"),
            ),
        }
    })?;
    let relative_to_context = r.article.is_none() || r.article == Some(ArticleRef::This);
    let paragraph = match r.paragraph {
        Some(ParagraphRef::Number(n)) => Some(n),
        Some(ParagraphRef::This) => Some(context_paragraph(&label, ctx, relative_to_context)?),
        Some(ParagraphRef::Previous) => {
            let p = context_paragraph(&label, ctx, relative_to_context)?;
            if p <= 1 {
                let first = format!("{}{}", article.num, paragraph_label(0));
                return Err(msg!(
                    "E0405",
                    format!("{label}：{first}是第一款，它前面没有“前款”；请写明所指的条款"),
                    format!("{label}: {first} has no previous 款"),
                ));
            }
            Some(p - 1)
        }
        // Bare 第（三）项 inside an annotation of a 款 means an item of that 款.
        None if relative_to_context && r.point.is_some() && ctx.paragraph.is_some() => {
            ctx.paragraph
        }
        None => None,
    };
    let point = match r.point {
        Some(PointRef::Number(n)) => Some(n),
        Some(PointRef::This) => Some(
            ctx.point
                .filter(|_| relative_to_context)
                .ok_or_else(|| {
                    msg!(
                        "E0407",
                        format!("{label}：“本项”只能写在某一项的释义里；这里请写明项号，如 第十条第一款第（五）项"),
                        format!("{label}: 本项 is used outside an annotation of an item"),
                    )
                })?,
        ),
        None => None,
    };
    resolve_in_article(article, paragraph, point, &label)
}

fn context_paragraph(label: &str, ctx: &Context, relative: bool) -> Result<u32, Message> {
    ctx.paragraph.filter(|_| relative).ok_or_else(|| {
        msg!(
            "E0404",
            format!("{label}：“本款”“前款”只能写在某一款的释义里；这里请写明款号，如 第十条第二款"),
            format!("{label}: 本款/前款 need an annotation of a 款 to be relative to; name the 款 (第十条第二款)"),
        )
    })
}

fn resolve_in_article(
    article: &Article,
    paragraph: Option<u32>,
    point: Option<u32>,
    label: &str,
) -> Result<Resolved, Message> {
    let para_index = match paragraph {
        Some(p) => {
            // 第〇款 (p = 0) names no 款: refuse it before subtracting.
            let Some(i) = (p as usize)
                .checked_sub(1)
                .filter(|&i| i < article.paragraphs.len())
            else {
                let (num, n) = (&article.num, article.paragraphs.len());
                return Err(msg!(
                    "E0406",
                    format!("{label}：{num}只有 {n} 款，请核对款号"),
                    format!("{label}: {num} has {n} 款"),
                ));
            };
            Some(i)
        }
        None => None,
    };
    let Some(point) = point else {
        let eid = match para_index {
            Some(i) => article.paragraphs[i].eid.clone(),
            None => article.eid.clone(),
        };
        return Ok(Resolved { eid, warning: None });
    };
    let candidates: Vec<usize> = match para_index {
        Some(i) => vec![i],
        None => (0..article.paragraphs.len()).collect(),
    };
    let having: Vec<usize> = candidates
        .iter()
        .copied()
        .filter(|&i| {
            article.paragraphs[i]
                .points
                .iter()
                .any(|p| p.number == point)
        })
        .collect();
    let Some(&first) = having.first() else {
        let (zh, en) = item_ranges(article, &candidates);
        return Err(msg!(
            "E0408",
            format!("{label}：{zh}，请核对项号"),
            format!("{label}: {en}")
        ));
    };
    let para = &article.paragraphs[first];
    let eid = para
        .points
        .iter()
        .find(|p| p.number == point)
        .expect("filtered above")
        .eid
        .clone();
    let warning = (having.len() > 1).then(|| {
        let names: Vec<String> = having
            .iter()
            .map(|&i| format!("{}{}", article.num, paragraph_label(i)))
            .collect();
        let item = crate::numerals::to_chinese(point);
        msg!(
            "W0401",
            format!(
                "{label}指向不明：{}都有第（{item}）项，已按{}处理；请写明款号，如 {}第（{item}）项",
                names.join("和"),
                names[0],
                names[0]
            ),
            format!(
                "{label} is ambiguous: {} all have item （{item}）; resolved to {} — name the 款",
                names.join(" and "),
                names[0]
            ),
        )
    });
    Ok(Resolved { eid, warning })
}

/// ("第十条第一款有第（一）至（八）项，…", "第十条第一款 has items （一）–（八）, …")
fn item_ranges(article: &Article, paragraphs: &[usize]) -> (String, String) {
    let parts: Vec<(String, String)> = paragraphs
        .iter()
        .filter_map(|&i| {
            let points = &article.paragraphs[i].points;
            let name = if article.paragraphs.len() > 1 {
                format!("{}{}", article.num, paragraph_label(i))
            } else {
                article.num.clone()
            };
            let (first, last) = (&points.first()?.num, &points.last()?.num);
            Some((
                format!("{name}有第{first}至{last}项"),
                format!("{name} has items {first}–{last}"),
            ))
        })
        .collect();
    if parts.is_empty() {
        (
            format!("{}没有分项", article.num),
            format!("{} has no items (项)", article.num),
        )
    } else {
        let (zh, en): (Vec<String>, Vec<String>) = parts.into_iter().unzip();
        (zh.join("，"), en.join(", "))
    }
}
