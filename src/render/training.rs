//! The training pages: `training/index.html`, one presenter page per lesson (which
//! is also its handout), the seeded self-test `training/quiz.html` and the whole
//! bank `training/bank.html`. Questions are rendered by one Tera macro everywhere,
//! so the DOM contract (`fieldset.question`, `legend`, radios/checkboxes with
//! labels, an `aria-live` verdict) holds on every page.

use super::common::page;
use super::{Page, urls};
use crate::library::{ClauseKey, Library};
use crate::markdown;
use crate::training::{Block, Lesson, Origin, Question, letter};
use serde_json::{Value, json};

/// The papers offered on the index: `quiz.html?paper=A` … (any name works).
const PAPERS: [&str; 4] = ["A", "B", "C", "D"];
/// Questions on a paper unless `?n=` says otherwise.
const PAPER_SIZE: usize = 10;

/// Every training page; none when there is neither a lesson nor a question.
pub fn all(lib: &Library) -> Vec<Page> {
    if lib.lessons.is_empty() && lib.questions.is_empty() {
        return vec![];
    }
    let root = "../";
    let questions: Vec<Value> = lib
        .questions
        .iter()
        .map(|q| question(lib, q, root))
        .collect();
    let mut pages = vec![index(lib), quiz(lib, &questions), bank(lib, &questions)];
    pages.extend(lib.lessons.iter().map(|l| lesson(lib, l, &questions, root)));
    pages
}

fn clause_link(lib: &Library, k: &ClauseKey, root: &str) -> Value {
    json!({"label": lib.label(k), "url": format!("{root}{}", urls::clause(lib, k)), "eid": k.eid})
}

/// Rendered Markdown without its one wrapping `<p>` (a legend holds phrasing only).
fn inline(html: String) -> String {
    let t = html.trim();
    match t.strip_prefix("<p>").and_then(|x| x.strip_suffix("</p>")) {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => t.replace("<p>", "").replace("</p>", " "),
    }
}

fn question(lib: &Library, q: &Question, root: &str) -> Value {
    let case_links: Vec<Value> = q
        .cases
        .iter()
        .map(|&i| {
            let c = &lib.cases[i];
            json!({"id": c.id, "url": format!("{root}{}", urls::case(&c.id)), "sample": c.sample})
        })
        .collect();
    let eids: Vec<&str> = q.clauses.iter().map(|k| k.eid.as_str()).collect();
    json!({
        "id": q.id,
        "kind": q.kind.slug(),
        "kind_label": q.kind.label(),
        "input": if q.kind == crate::content::kinds::QuestionKind::Multi { "checkbox" } else { "radio" },
        "material_html": q.material.as_ref().map(|t| markdown::render(lib, t, root)),
        "stem_html": inline(markdown::render(lib, &q.stem, root)),
        "options": q.options.iter().enumerate().map(|(i, o)| json!({"letter": letter(i).to_string(), "text": o, "index": i})).collect::<Vec<_>>(),
        "answer": q.answer.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(","),
        "answer_label": q.answer_label(),
        "explain_html": q.explain.as_ref().map(|t| markdown::render(lib, t, root)),
        "clauses": q.clauses.iter().map(|k| clause_link(lib, k, root)).collect::<Vec<_>>(),
        "cases": case_links,
        "generated": matches!(q.origin, Origin::Case(_)),
        "eids": eids.join(" "),
    })
}

fn lesson_summary(lib: &Library, l: &Lesson) -> Value {
    json!({
        "slug": l.slug, "title": l.title, "minutes": l.minutes, "slides": l.slides.len(),
        "url": super::urls::lesson(&l.slug),
        "clauses": l.clauses.iter().map(|k| lib.label(k)).collect::<Vec<_>>().join("、"),
    })
}

fn index(lib: &Library) -> Page {
    let authored = lib
        .questions
        .iter()
        .filter(|q| matches!(q.origin, Origin::Authored(_)))
        .count();
    let kinds: Vec<Value> = [
        crate::content::kinds::QuestionKind::Single,
        crate::content::kinds::QuestionKind::Multi,
        crate::content::kinds::QuestionKind::Judge,
    ]
    .iter()
    .map(|k| json!({"label": k.label(), "count": lib.questions.iter().filter(|q| q.kind == *k).count()}))
    .collect();
    let ctx = json!({
        "lessons": lib.lessons.iter().map(|l| lesson_summary(lib, l)).collect::<Vec<_>>(),
        "papers": PAPERS, "paper_size": PAPER_SIZE,
        "bank": {"total": lib.questions.len(), "authored": authored, "generated": lib.questions.len() - authored, "kinds": kinds},
        "minutes": lib.lessons.iter().map(|l| l.minutes).sum::<u32>(),
    });
    page(
        lib,
        "training/index.html".into(),
        "training.html",
        "培训",
        "training",
        ctx,
    )
}

fn lesson(lib: &Library, l: &Lesson, questions: &[Value], root: &str) -> Page {
    let slides: Vec<Value> = l
        .slides
        .iter()
        .enumerate()
        .map(|(n, s)| {
            let blocks: Vec<Value> = s
                .blocks
                .iter()
                .map(|b| match b {
                    Block::Prose(t) => json!({"type": "html", "html": markdown::render(lib, t, root)}),
                    Block::Clause(k) => {
                        let reg = &lib.regulation(k).tree;
                        let lines: Vec<String> = reg
                            .text(&k.eid)
                            .unwrap_or_default()
                            .lines()
                            .map(str::to_string)
                            .collect();
                        json!({"type": "clause", "clause": clause_link(lib, k, root), "lines": lines})
                    }
                    Block::Facts(i) => {
                        let c = &lib.cases[*i];
                        let html = c.facts.as_ref().map(|t| markdown::render(lib, t, root));
                        json!({"type": "facts", "id": c.id, "sample": c.sample,
                               "url": format!("{root}{}", urls::case(&c.id)), "html": html})
                    }
                    Block::Question(i) => json!({"type": "question", "q": questions[*i]}),
                })
                .collect();
            json!({"n": n + 1, "title": s.title, "blocks": blocks,
                   "notes_html": s.notes.as_ref().map(|t| markdown::render(lib, t, root))})
        })
        .collect();
    let cases: Vec<Value> = l
        .cases
        .iter()
        .map(|&i| super::common::case_row(lib, &lib.cases[i]))
        .collect();
    let mut summary = lesson_summary(lib, l);
    summary["clause_links"] = json!(
        l.clauses
            .iter()
            .map(|k| clause_link(lib, k, root))
            .collect::<Vec<_>>()
    );
    let uses_samples = l.cases.iter().any(|&i| lib.cases[i].sample)
        || l.slides.iter().flat_map(|s| &s.blocks).any(|b| match b {
            Block::Facts(i) => lib.cases[*i].sample,
            Block::Question(i) => lib.questions[*i].cases.iter().any(|&c| lib.cases[c].sample),
            _ => false,
        });
    let ctx =
        json!({"lesson": summary, "slides": slides, "cases": cases, "uses_samples": uses_samples});
    page(
        lib,
        super::urls::lesson(&l.slug),
        "lesson.html",
        &l.title,
        "training",
        ctx,
    )
}

/// The lessons' clauses and room questions, for `?lesson=` papers.
fn lesson_data(lib: &Library) -> Value {
    let mut out = serde_json::Map::new();
    for l in &lib.lessons {
        let ids: Vec<&str> = l
            .slides
            .iter()
            .flat_map(|s| &s.blocks)
            .filter_map(|b| match b {
                Block::Question(i) => Some(lib.questions[*i].id.as_str()),
                _ => None,
            })
            .collect();
        out.insert(
            l.slug.clone(),
            json!({"title": l.title, "eids": l.clauses.iter().map(|k| &k.eid).collect::<Vec<_>>(), "questions": ids}),
        );
    }
    Value::Object(out)
}

fn quiz(lib: &Library, questions: &[Value]) -> Page {
    let data = json!({"lessons": lesson_data(lib), "size": PAPER_SIZE});
    let ctx = json!({"questions": questions, "papers": PAPERS, "paper_size": PAPER_SIZE,
                     "data": data.to_string().replace("</", "<\\/")});
    page(
        lib,
        "training/quiz.html".into(),
        "quiz.html",
        "自测",
        "training",
        ctx,
    )
}

fn bank(lib: &Library, questions: &[Value]) -> Page {
    let (generated, authored): (Vec<&Value>, Vec<&Value>) = questions
        .iter()
        .partition(|q| q["generated"].as_bool() == Some(true));
    let ctx = json!({"authored": authored, "generated": generated, "total": questions.len()});
    page(
        lib,
        "training/bank.html".into(),
        "bank.html",
        "题库",
        "training",
        ctx,
    )
}
