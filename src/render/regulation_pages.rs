//! The pages of a regulation's text: the whole text (`index.html`) and one page
//! per article, each article with its annotations, the cases that applied it and
//! its risk points.

use super::common::{case_row, page};
use super::{Page, urls};
use crate::library::{ClauseKey, Library, RegulationDoc};
use crate::markdown;
use crate::regulation::Article;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// An article with its paragraphs and items, annotations and citing-case counts,
/// for a page at `root`.
fn article_value(
    lib: &Library,
    ri: usize,
    reg: &RegulationDoc,
    a: &Article,
    root: &str,
    dir: &str,
) -> Value {
    let key = |eid: &str| ClauseKey {
        regulation: ri,
        eid: eid.to_string(),
    };
    let annotations = |eid: &str| -> Vec<Value> {
        lib.backlinks.get(&key(eid)).map_or(vec![], |b| {
            b.annotations.iter().map(|&i| {
                let an = &lib.annotations[i];
                json!({"slug": an.slug, "title": an.title, "html": markdown::render(lib, &an.body, root)})
            }).collect()
        })
    };
    let cases_count = |eid: &str| lib.backlinks_within(&key(eid)).cases.len();
    let links = |eid: &str| reg.links.get(eid).map_or(&[][..], |l| l.as_slice());
    let paragraphs: Vec<Value> = a
        .paragraphs
        .iter()
        .enumerate()
        .map(|(pi, p)| {
            json!({
                "eid": p.eid, "label": crate::regulation::paragraph_label(pi),
                "html": markdown::format_citations(lib, &p.text, links(&p.eid), root),
                "annotations": annotations(&p.eid), "cases_count": cases_count(&p.eid),
                "points": p.points.iter().map(|pt| json!({
                    "eid": pt.eid, "num": pt.num,
                    "html": markdown::format_citations(lib, &pt.text, links(&pt.eid), root),
                    "annotations": annotations(&pt.eid), "cases_count": cases_count(&pt.eid),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({"eid": a.eid, "num": a.num, "heading": a.heading, "url": format!("{dir}{}.html", a.eid), "paragraphs": paragraphs,
           "annotations": annotations(&a.eid), "cases_count": cases_count(&a.eid)})
}

pub(super) fn regulation_page(lib: &Library, ri: usize, reg: &RegulationDoc, dir: &str) -> Page {
    let path = format!("{dir}index.html");
    let root = urls::root_of(&path);
    let f = &reg.front;
    let dash = |s: &str| {
        if s.trim().is_empty() {
            "——".to_string()
        } else {
            s.to_string()
        }
    };
    let mut meta = vec![
        ("发文机构", f.issuer.clone()),
        ("发文字号", dash(&f.doc_number)),
        ("索引号", dash(&f.index_no)),
        ("成文日期", f.issued.to_string()),
        ("公开日期", f.published.to_string()),
        ("施行日期", f.effective.to_string()),
        ("有效性", f.status.clone()),
    ];
    if let Some(r) = f.repealed {
        meta.push(("废止日期", r.to_string()));
    }
    let mut last_part: Option<&str> = None;
    let mut last_chapter: Option<&str> = None;
    let mut last_section: Option<&str> = None;
    let articles: Vec<Value> = reg
        .tree
        .articles
        .iter()
        .map(|a| {
            let mut v = article_value(lib, ri, reg, a, &root, dir);
            if a.part.as_deref() != last_part {
                last_part = a.part.as_deref();
                let p = reg
                    .tree
                    .parts
                    .iter()
                    .find(|p| Some(p.eid.as_str()) == last_part);
                v["part_start"] = json!(p);
            }
            if a.chapter.as_deref() != last_chapter {
                last_chapter = a.chapter.as_deref();
                last_section = None;
                let c = reg
                    .tree
                    .chapters
                    .iter()
                    .find(|c| Some(c.eid.as_str()) == last_chapter);
                v["chapter_start"] = c.map_or(
                    Value::Null,
                    |c| json!({"eid": c.eid, "num": c.num, "heading": c.heading}),
                );
            }
            if a.section.as_deref() != last_section {
                last_section = a.section.as_deref();
                let s = reg
                    .tree
                    .chapters
                    .iter()
                    .flat_map(|c| &c.sections)
                    .find(|s| Some(s.eid.as_str()) == last_section);
                v["section_start"] = s.map_or(
                    Value::Null,
                    |s| json!({"eid": s.eid, "num": s.num, "heading": s.heading}),
                );
            }
            v
        })
        .collect();
    // The table of contents: 编 with their chapters, or the chapters alone.
    let toc: Vec<Value> = if reg.tree.parts.is_empty() {
        reg.tree.chapters.iter().map(|c| json!(c)).collect()
    } else {
        reg.tree
            .parts
            .iter()
            .map(|p| {
                let chapters: Vec<_> = reg
                    .tree
                    .chapters
                    .iter()
                    .filter(|c| c.part.as_ref() == Some(&p.eid))
                    .collect();
                json!({"eid": p.eid, "num": p.num, "heading": p.heading, "chapters": chapters})
            })
            .collect()
    };
    let annexes: Vec<Value> = reg
        .tree
        .annexes
        .iter()
        .enumerate()
        .map(|(i, a)| json!({"id": format!("annex_{}", i + 1), "num": a.num, "heading": a.heading, "lines": a.text.lines().collect::<Vec<_>>()}))
        .collect();
    let ctx = json!({"reg": {"title": f.title, "meta": meta, "preamble": super::preamble::lines(&reg.tree.preamble), "notes": reg.tree.notes, "toc": toc, "has_parts": !reg.tree.parts.is_empty(), "chapters": reg.tree.chapters, "articles": articles, "annexes": annexes,
                              "url": path.clone()},
                     "version": super::versions::banner(lib, ri, dir, None)});
    page(lib, path, "regulation.html", &f.title, "regulation", ctx)
}

pub(super) fn article_page(
    lib: &Library,
    ri: usize,
    reg: &RegulationDoc,
    i: usize,
    a: &Article,
    dir: &str,
) -> Page {
    let path = format!("{dir}{}.html", a.eid);
    let root = urls::root_of(&path);
    let key = ClauseKey {
        regulation: ri,
        eid: a.eid.clone(),
    };
    let back = lib.backlinks_within(&key);
    // A case's clause as this page's version has it: its own, or carried forward.
    let here = |k: &ClauseKey| -> Option<ClauseKey> {
        if k.regulation == ri {
            Some(k.clone())
        } else if reg.current {
            lib.forward(k)
        } else {
            None
        }
    };
    let cases: Vec<Value> = back
        .cases
        .iter()
        .map(|&ci| {
            let c = &lib.cases[ci];
            let via: Vec<Value> = c
                .clauses
                .iter()
                .filter_map(|k| here(k))
                .filter(|k| Library::article_of(k) == key)
                .map(|k| json!({"eid": k.eid, "label": lib.label(&k)}))
                .collect();
            let mut row = case_row(lib, c);
            row["via"] = json!(via);
            row
        })
        .collect();
    // Cases per cited paragraph or item, for the per-clause links of the text.
    let mut by_clause: BTreeMap<usize, (String, String, Vec<Value>)> = BTreeMap::new();
    let order = reg.tree.eids();
    for &ci in &back.cases {
        let c = &lib.cases[ci];
        for k in c
            .clauses
            .iter()
            .filter_map(|k| here(k))
            .filter(|k| Library::article_of(k) == key && k.eid != key.eid)
        {
            let pos = order.iter().position(|e| *e == k.eid).unwrap_or(usize::MAX);
            by_clause
                .entry(pos)
                .or_insert_with(|| (k.eid.clone(), lib.label(&k), vec![]))
                .2
                .push(json!({"id": c.id, "url": urls::case(&c.id), "outcome": c.outcome.as_str()}));
        }
    }
    let by_clause: Vec<Value> = by_clause
        .into_values()
        .map(|(eid, label, cases)| json!({"eid": eid, "label": label, "cases": cases}))
        .collect();
    let risks: Vec<Value> = back.risks.iter().map(|&r| {
        let r = &lib.risks[r];
        json!({"title": r.title, "url": urls::risk(&r.id), "level": r.level.label(), "field": r.field})
    }).collect();
    let guides: Vec<Value> = back
        .guides
        .iter()
        .map(|&g| json!({"title": lib.guides[g].title, "url": urls::guide(&lib.guides[g].slug)}))
        .collect();
    let lessons: Vec<Value> = back
        .lessons
        .iter()
        .map(|&l| json!({"title": lib.lessons[l].title, "url": urls::lesson(&lib.lessons[l].slug), "minutes": lib.lessons[l].minutes}))
        .collect();
    let nav = |j: Option<&Article>| {
        j.map_or(
            Value::Null,
            |b| json!({"num": b.num, "url": format!("{dir}{}.html", b.eid)}),
        )
    };
    let chapter = reg
        .tree
        .chapters
        .iter()
        .find(|c| Some(&c.eid) == a.chapter.as_ref());
    let ctx = json!({
        "a": article_value(lib, ri, reg, a, &root, dir), "reg": {"title": reg.front.title, "url": format!("{dir}index.html")},
        "version": super::versions::banner(lib, ri, dir, Some(&a.eid)),
        "chapter": chapter.map_or(Value::Null, |c| json!({"eid": c.eid, "num": c.num, "heading": c.heading})),
        "prev": nav(i.checked_sub(1).and_then(|j| reg.tree.articles.get(j))), "next": nav(reg.tree.articles.get(i + 1)),
        "cases": cases, "by_clause": by_clause, "risks": risks, "guides": guides, "lessons": lessons,
    });
    page(
        lib,
        path,
        "article.html",
        &format!("{}　{}", a.num, reg.front.title),
        "regulation",
        ctx,
    )
}
