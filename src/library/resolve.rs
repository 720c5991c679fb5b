//! Citations in the library's prose and front matter, resolved against its
//! regulations. The checker and the renderer both call `citations_in`, so a page
//! links exactly what `check` accepted.

use super::{ClauseKey, RegulationDoc};
use crate::citation::{self, Citation, Context, Instrument};
use crate::content::date::Date;
use crate::diagnostic::Message;
use crate::msg;
use crate::regulation::ArticleNumber;
use std::ops::Range;

/// Where a citation points.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// Clauses of a regulation in the library, in the order cited.
    Clauses(Vec<ClauseKey>),
    /// Another instrument (《中华人民共和国行政处罚法》第三十三条): shown, not linked.
    External,
}

#[derive(Debug, Clone)]
pub struct Found {
    pub span: Range<usize>,
    pub target: Result<Target, Message>,
    pub warnings: Vec<Message>,
}

/// Every citation in `text`, resolved relative to `context` (the clause the text
/// is about, if any). Bare citations go to the context's regulation, else the first.
pub fn citations_in(regs: &[RegulationDoc], text: &str, context: Option<&ClauseKey>) -> Vec<Found> {
    citations_at(regs, text, context, None)
}

/// `citations_in` for a text read on `at` (a case's date): a citation without a
/// context resolves against the version of its regulation in force on that day.
pub fn citations_at(
    regs: &[RegulationDoc],
    text: &str,
    context: Option<&ClauseKey>,
    at: Option<Date>,
) -> Vec<Found> {
    citation::recognize(text)
        .into_iter()
        .map(|c| resolve_citation(regs, &c, context, at))
        .collect()
}

/// The version of regulation `r` in force on `at`: the last whose `effective` is not
/// after it, or the first version when `at` precedes them all.
pub fn version_at(regs: &[RegulationDoc], r: usize, at: Date) -> usize {
    let family = &regs[r].versions;
    if family.len() <= 1 {
        return r;
    }
    family
        .iter()
        .copied()
        .filter(|&v| regs[v].front.effective <= at)
        .last()
        .unwrap_or(family[0])
}

fn resolve_citation(
    regs: &[RegulationDoc],
    c: &Citation,
    context: Option<&ClauseKey>,
    at: Option<Date>,
) -> Found {
    let own = context.map_or(0, |k| k.regulation);
    let regulation = match &c.instrument {
        Instrument::Default | Instrument::This => Some(own),
        Instrument::Named(name) => regs
            .iter()
            .position(|r| r.front.title == *name || r.front.aliases.iter().any(|a| a == name)),
        Instrument::Unknown => None,
    };
    let Some(mut regulation) = regulation.filter(|&r| r < regs.len()) else {
        return Found {
            span: c.span.clone(),
            target: Ok(Target::External),
            warnings: vec![],
        };
    };
    if let Some(at) = at.filter(|_| context.is_none_or(|k| k.regulation != regulation)) {
        regulation = version_at(regs, regulation, at);
    }
    let ctx = context
        .filter(|k| k.regulation == regulation)
        .map(|k| context_of(&k.eid))
        .unwrap_or_default();
    let mut keys = Vec::new();
    let mut warnings = Vec::new();
    if c.backwards {
        warnings.push(crate::msg!(
            "W0409",
            "这里的“至”从较大的编号写到较小的编号（如 第十一条至第九条），只会链接两端；请改为从小到大（第九条至第十一条）。",
            "this range runs from the higher number to the lower (第十一条至第九条) and links only its ends; write it low to high (第九条至第十一条)"
        ));
    }
    for r in &c.refs {
        match citation::resolve(&regs[regulation].tree, r, &ctx) {
            Ok(res) => {
                warnings.extend(res.warning);
                keys.push(ClauseKey {
                    regulation,
                    eid: res.eid,
                });
            }
            Err(e) => {
                return Found {
                    span: c.span.clone(),
                    target: Err(e),
                    warnings,
                };
            }
        }
    }
    Found {
        span: c.span.clone(),
        target: Ok(Target::Clauses(keys)),
        warnings,
    }
}

/// The relative-citation context of an eId: `art_10__para_2__point_3` → 第十条, 第二款, （三）.
pub fn context_of(eid: &str) -> Context {
    let mut ctx = Context::default();
    for part in eid.split("__") {
        if let Some(a) = part.strip_prefix("art_") {
            let (n, s) = a.split_once('-').unwrap_or((a, "0"));
            if let (Ok(number), Ok(suffix)) = (n.parse(), s.parse()) {
                ctx.article = Some(ArticleNumber { number, suffix });
            }
        } else if let Some(p) = part.strip_prefix("para_") {
            ctx.paragraph = p.parse().ok();
        } else if let Some(p) = part.strip_prefix("point_") {
            ctx.point = p.parse().ok();
        }
    }
    ctx
}

/// A front matter reference to one clause: a citation (第十条第一款第（五）项) or an
/// eId (art_10__para_1__point_5), of the default regulation.
pub fn clause_reference(
    regs: &[RegulationDoc],
    value: &str,
) -> Result<(ClauseKey, Vec<Message>), Message> {
    clause_reference_at(regs, value, None)
}

/// `clause_reference` against the version in force on `at`.
pub fn clause_reference_at(
    regs: &[RegulationDoc],
    value: &str,
    at: Option<Date>,
) -> Result<(ClauseKey, Vec<Message>), Message> {
    if regs.is_empty() {
        return clause_reference_in(regs, 0, value);
    }
    clause_reference_in(regs, at.map_or(0, |d| version_at(regs, 0, d)), value)
}

/// `clause_reference` against `regs[index]` (one version of the default regulation).
pub fn clause_reference_in(
    regs: &[RegulationDoc],
    index: usize,
    value: &str,
) -> Result<(ClauseKey, Vec<Message>), Message> {
    let Some(reg) = regs.get(index) else {
        return Err(msg!(
            "E0410",
            "知识库中还没有法规，无法核对条款：请先在 content/regulations/ 下加入法规全文",
            "the knowledge base has no regulation; add its text under content/regulations/",
        ));
    };
    let title = &reg.front.title;
    let value = value.trim();
    if ["art_", "chp_", "part_"]
        .iter()
        .any(|p| value.starts_with(p))
    {
        return match reg.tree.clause(value) {
            Some(_) => Ok((
                ClauseKey {
                    regulation: index,
                    eid: value.to_string(),
                },
                vec![],
            )),
            None => Err(msg!(
                "E0411",
                format!(
                    "{value}：{title}中没有这个条款编号；请改写成 第十条第一款第（五）项 这样的引用"
                ),
                format!("{value}: no clause has this eId in {title}"),
            )),
        };
    }
    let scope = ClauseKey {
        regulation: index,
        eid: String::new(),
    };
    let found = citations_at(regs, value, Some(&scope), None);
    match found.as_slice() {
        [f] if f.span == (0..value.len()) => match &f.target {
            Ok(Target::Clauses(keys)) if keys.len() == 1 => {
                Ok((keys[0].clone(), f.warnings.clone()))
            }
            Ok(Target::Clauses(_)) => Err(msg!(
                "E0412",
                format!("“{value}”包含多个条款：请逐条分开列出，如 [\"第九条\", \"第十条\"]"),
                format!("“{value}” names several clauses; list each one separately"),
            )),
            Ok(Target::External) => Err(msg!(
                "E0413",
                format!("“{value}”是其他法律法规的条款，不是{title}的：这里只能填{title}的条款"),
                format!("“{value}” is a clause of another instrument, not of {title}"),
            )),
            Err(e) => Err(e.clone()),
        },
        _ => Err(msg!(
            "E0414",
            format!(
                "“{value}”不是条款引用：请写作 第十条第一款第（五）项 或 art_10__para_1__point_5"
            ),
            format!(
                "“{value}” is not a clause citation; write it like 第十条第一款第（五）项 or art_10__para_1__point_5"
            ),
        )),
    }
}
