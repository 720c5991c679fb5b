//! The question bank generated from the cases, with no authoring: for every case
//! (unless `quiz = false`) "依据案情，应如何认定？" (its outcome among the declared
//! outcomes) and "本案主要适用哪一条款？" (its first clause among sibling items and
//! neighbouring clauses). The stem's material is the case's 基本案情, the
//! explanation its 认定理由, citations linked.

use super::{Origin, Question};
use crate::content::kinds::QuestionKind;
use crate::library::{Case, ClauseKey, RegulationDoc, Text};
use crate::regulation::{Clause, Regulation};

/// At most this many cases (the newest) give questions: a bank is for a room, and a
/// province-wide case base would otherwise ship tens of thousands of questions.
pub const GENERATED_CASES: usize = 500;

/// Options of a clause question: the answer and this many others.
const CLAUSE_DISTRACTORS: usize = 3;

pub const OUTCOME_STEM: &str = "依据案情，应如何认定？";
pub const CLAUSE_STEM: &str = "本案主要适用哪一条款？";

/// The id of a generated question: `case-2025-007-outcome`, `case-2025-007-clause`.
pub fn id(case: &str, which: &str) -> String {
    format!("case-{case}-{which}")
}

/// Where a case's 基本案情 gives a generated question's answer away: the byte
/// offset in the facts of its outcome's name, and of a citation of its first clause.
/// Such a question is left out of the bank (and `library::load` warns the author).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Giveaway {
    pub outcome: Option<usize>,
    pub clause: Option<usize>,
}

pub fn giveaway(c: &Case) -> Giveaway {
    let Some(facts) = &c.facts else {
        return Giveaway::default();
    };
    let cites_first = |f: &&crate::library::resolve::Found| match (&f.target, c.clauses.first()) {
        (Ok(crate::library::resolve::Target::Clauses(keys)), Some(first)) => keys.contains(first),
        _ => false,
    };
    // A citation's span is into its prose run; the run's text is found again in
    // the Markdown (its start, if the run was rewritten by entities).
    let runs = crate::markdown::runs(&facts.markdown);
    let clause = facts.links.iter().enumerate().find_map(|(r, found)| {
        let f = found.iter().find(cites_first)?;
        let cited = runs.get(r).and_then(|run| run.get(f.span.clone()));
        Some(cited.and_then(|t| facts.markdown.find(t)).unwrap_or(0))
    });
    Giveaway {
        outcome: facts.markdown.find(&c.outcome),
        clause,
    }
}

/// The cases whose questions the bank holds: the newest `GENERATED_CASES` with
/// `quiz` set.
pub fn eligible(cases: &[Case]) -> Vec<usize> {
    let eligible: Vec<usize> = (0..cases.len()).filter(|&i| cases[i].quiz).collect();
    let skip = eligible.len().saturating_sub(GENERATED_CASES);
    eligible[skip..].to_vec()
}

/// Every generated question, in case order (outcome, then clause, per case).
pub fn generate(regs: &[RegulationDoc], outcomes: &[String], cases: &[Case]) -> Vec<Question> {
    let mut out = Vec::new();
    for ci in eligible(cases) {
        let c = &cases[ci];
        let Some(facts) = &c.facts else { continue };
        let leaks = giveaway(c);
        let stem = |s: &str| Text::resolved(regs, s.to_string(), c.body.first_line, None);
        if let Some(answer) = outcomes.iter().position(|o| *o == c.outcome) {
            if outcomes.len() >= 2 && leaks.outcome.is_none() {
                let explain = format!(
                    "本案认定为**{}**。\n\n{}",
                    c.outcome,
                    c.reasons.as_ref().map_or("", |r| r.markdown.as_str())
                );
                out.push(Question {
                    id: id(&c.id, "outcome"),
                    kind: QuestionKind::Single,
                    material: Some(facts.clone()),
                    stem: stem(OUTCOME_STEM),
                    options: outcomes.to_vec(),
                    answer: vec![answer],
                    explain: Some(Text::resolved(regs, explain, c.body.first_line, None)),
                    clauses: c.clauses.clone(),
                    cases: vec![ci],
                    origin: Origin::Case(ci),
                });
            }
        }
        if let Some(first) = c.clauses.first().filter(|_| leaks.clause.is_none()) {
            let tree = &regs[first.regulation].tree;
            let mut keys = neighbours(tree, &first.eid, &c.clauses, CLAUSE_DISTRACTORS);
            if keys.len() == CLAUSE_DISTRACTORS {
                keys.push(first.eid.clone());
                let order = tree.eids();
                let pos = |e: &str| order.iter().position(|x| *x == e).unwrap_or(usize::MAX);
                keys.sort_by_key(|e| pos(e));
                let answer = keys.iter().position(|e| *e == first.eid).unwrap_or(0);
                let label = tree.label(&first.eid).unwrap_or_default();
                let explain = format!(
                    "本案主要适用{label}：“{}”\n\n{}",
                    tree.text(&first.eid).unwrap_or_default().replace('\n', ""),
                    c.reasons.as_ref().map_or("", |r| r.markdown.as_str())
                );
                out.push(Question {
                    id: id(&c.id, "clause"),
                    kind: QuestionKind::Single,
                    material: Some(facts.clone()),
                    stem: stem(CLAUSE_STEM),
                    options: keys.iter().map(|e| option_text(tree, e)).collect(),
                    answer: vec![answer],
                    explain: Some(Text::resolved(
                        regs,
                        explain,
                        c.body.first_line,
                        Some(first.clone()),
                    )),
                    clauses: vec![first.clone()],
                    cases: vec![ci],
                    origin: Origin::Case(ci),
                });
            }
        }
    }
    out
}

/// A clause as an option: its label and the start of its text.
fn option_text(tree: &Regulation, eid: &str) -> String {
    let text = tree.text(eid).unwrap_or_default().replace('\n', "");
    let short: String = text.chars().take(36).collect();
    let more = if text.chars().count() > 36 {
        "……"
    } else {
        ""
    };
    format!("{}：{short}{more}", tree.label(eid).unwrap_or_default())
}

/// Up to `n` clauses near `eid` of the same rank, nearest first: sibling items of
/// the same 款, then items of the article's other 款, then the same rank in the
/// neighbouring articles. Clauses the case itself cites (or that contain or lie
/// inside one it cites) are never offered as wrong.
fn neighbours(tree: &Regulation, eid: &str, cited: &[ClauseKey], n: usize) -> Vec<String> {
    let related = |e: &str| {
        cited.iter().any(|k| {
            k.eid == e
                || e.starts_with(&format!("{}__", k.eid))
                || k.eid.starts_with(&format!("{e}__"))
        })
    };
    let Some(clause) = tree.clause(eid) else {
        return vec![];
    };
    let article_index = |a: &crate::regulation::Article| {
        tree.articles
            .iter()
            .position(|x| x.eid == a.eid)
            .unwrap_or(0)
    };
    // Candidates with a distance; ties broken by document order.
    let mut candidates: Vec<(usize, usize, String)> = Vec::new();
    let mut seq = 0usize;
    let mut push = |d: usize, e: &str, c: &mut Vec<(usize, usize, String)>| {
        seq += 1;
        c.push((d, seq, e.to_string()));
    };
    match clause {
        Clause::Point(a, p, q) => {
            for (j, pt) in a.paragraphs[p].points.iter().enumerate() {
                push(j.abs_diff(q), &pt.eid, &mut candidates);
            }
            for (pj, para) in a.paragraphs.iter().enumerate().filter(|(pj, _)| *pj != p) {
                for pt in &para.points {
                    push(100 + pj.abs_diff(p), &pt.eid, &mut candidates);
                }
            }
            let ai = article_index(a);
            for (bj, b) in tree.articles.iter().enumerate() {
                if bj != ai {
                    push(1000 + bj.abs_diff(ai), &b.eid, &mut candidates);
                }
            }
        }
        Clause::Paragraph(a, p) => {
            for (pj, para) in a.paragraphs.iter().enumerate() {
                push(pj.abs_diff(p), &para.eid, &mut candidates);
            }
            let ai = article_index(a);
            for (bj, b) in tree.articles.iter().enumerate() {
                if bj != ai {
                    push(100 + bj.abs_diff(ai), &b.eid, &mut candidates);
                }
            }
        }
        Clause::Article(a) => {
            let ai = article_index(a);
            for (bj, b) in tree.articles.iter().enumerate() {
                push(bj.abs_diff(ai), &b.eid, &mut candidates);
            }
        }
        Clause::Chapter(_) => return vec![],
    }
    candidates.sort();
    candidates
        .into_iter()
        .map(|(_, _, e)| e)
        .filter(|e| e != eid && !related(e))
        .take(n)
        .collect()
}
