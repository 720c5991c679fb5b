//! The data behind each page, as JSON for the templates.

use super::common::{case_row, listed, page};
use super::{Page, RenderOptions, urls};
use crate::config::Rule;
use crate::library::{Case, ClauseKey, Library, RegulationDoc, Selfcheck};
use crate::markdown;
use crate::regulation::Article;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// A page, or pages computed together, made only when its turn to render comes:
/// the site is never held whole, as contexts or as HTML.
pub type Job<'a> = Box<dyn Fn() -> Vec<Page> + Send + Sync + 'a>;

fn one<'a>(f: impl Fn() -> Page + Send + Sync + 'a) -> Job<'a> {
    Box::new(move || vec![f()])
}

/// Every page of the site, as jobs (one per page where pages are many: cases,
/// articles, risks, guides).
pub fn all<'a>(lib: &'a Library, opts: &'a RenderOptions) -> Vec<Job<'a>> {
    let mut jobs: Vec<Job<'a>> = vec![
        one(move || home(lib)),
        one(move || case_index(lib)),
        one(move || risk_index(lib)),
        one(move || guide_index(lib)),
        one(move || simple(lib, "search.html", "search.html", "检索", "search")),
        one(move || simple(lib, "404.html", "404.html", "找不到该页面", "")),
        one(move || {
            page(
                lib,
                "similar.html".into(),
                "similar.html",
                "类案检索",
                "similar",
                crate::similar::page::finder(lib),
            )
        }),
    ];
    if let Some(sc) = lib.selfcheck.as_ref() {
        jobs.push(one(move || selfcheck(lib, sc)));
    }
    for (ri, reg) in lib.regulations.iter().enumerate() {
        // The current text at r/<slug>/; with several versions, every version (the
        // current one too) at r/<slug>/v/<effective>/, and the comparison.
        let mut dirs = Vec::new();
        if reg.current {
            dirs.push(urls::version_dir(lib, ri, false));
        }
        if reg.versions.len() > 1 {
            dirs.push(urls::version_dir(lib, ri, true));
            if reg.current {
                jobs.push(one(move || super::versions::changes_page(lib, ri)));
            }
        }
        for dir in dirs {
            let d = dir.clone();
            jobs.push(one(move || regulation_page(lib, ri, reg, &d)));
            for (i, a) in reg.tree.articles.iter().enumerate() {
                let d = dir.clone();
                jobs.push(one(move || article_page(lib, ri, reg, i, a, &d)));
            }
        }
    }
    jobs.extend(
        lib.cases
            .iter()
            .map(|c| one(move || case_page(lib, c, opts))),
    );
    let analysis = &opts.analysis;
    jobs.extend(lib.risks.iter().enumerate().map(|(i, r)| {
        one(move || risk_page(lib, r, super::analysis_pages::risk_block(lib, analysis, i)))
    }));
    jobs.extend(super::analysis_pages::all(lib, analysis));
    jobs.push(Box::new(move || super::training::all(lib)));
    jobs.extend(lib.guides.iter().map(|g| {
        one(move || {
            let path = urls::guide(&g.slug);
            let root = urls::root_of(&path);
            let ctx =
                json!({"g": {"title": g.title, "html": markdown::render(lib, &g.body, &root)}});
            page(lib, path, "guide.html", &g.title, "guides", ctx)
        })
    }));
    jobs
}

fn simple(lib: &Library, path: &str, template: &'static str, title: &str, nav: &str) -> Page {
    page(lib, path.into(), template, title, nav, json!({}))
}

fn clause_link(lib: &Library, k: &ClauseKey) -> Value {
    json!({"eid": k.eid, "label": lib.label(k), "url": urls::clause(lib, k), "text": lib.clause_text(k)})
}

/// The home page's path for staff about to apply: the self-check's clauses.
fn applicants(lib: &Library) -> Value {
    let Some(sc) = &lib.selfcheck else {
        return json!({"heading": "申请认定前"});
    };
    let mut articles: Vec<&Article> = Vec::new();
    for g in &sc.groups {
        let reg = &lib.regulations[g.clause.regulation].tree;
        let eid = g.clause.eid.split("__").next().unwrap_or(&g.clause.eid);
        if let Some(a) = reg.articles.iter().find(|a| a.eid == eid) {
            if !articles.iter().any(|x| std::ptr::eq(*x, a)) {
                articles.push(a);
            }
        }
    }
    articles.sort_by_key(|a| a.number);
    let heading = if sc.audience.is_empty() {
        "申请认定前"
    } else {
        sc.audience.as_str()
    };
    json!({"heading": heading, "clauses": articles.iter().map(|a| a.num.as_str()).collect::<Vec<_>>().join("、")})
}

fn home(lib: &Library) -> Page {
    let reg = &lib.regulations[0];
    // The articles that ground an outcome; without any, the five most cited by cases.
    let grounds = lib.outcome_grounds();
    let mut key: Vec<&Article> = reg
        .tree
        .articles
        .iter()
        .filter(|a| grounds.contains(a.eid.as_str()))
        .collect();
    if key.is_empty() {
        let cited = |a: &Article| {
            lib.backlinks
                .get(&ClauseKey {
                    regulation: 0,
                    eid: a.eid.clone(),
                })
                .map_or(0, |b| b.cases.len())
        };
        key = reg.tree.articles.iter().filter(|a| cited(a) > 0).collect();
        key.sort_by_key(|a| std::cmp::Reverse(cited(a)));
        key.truncate(5);
        key.sort_by_key(|a| a.number);
    }
    let key_articles: Vec<Value> = key
        .into_iter()
        .map(|a| {
            let first: String = a.paragraphs.first().map(|p| p.text.chars().take(28).collect()).unwrap_or_default();
            json!({"num": a.num, "url": urls::article_of(lib, 0, &a.eid), "summary": format!("{first}…")})
        })
        .collect();
    let recent: Vec<Value> = lib
        .cases
        .iter()
        .rev()
        .take(8)
        .map(|c| case_row(lib, c))
        .collect();
    let guides: Vec<Value> = lib
        .guides
        .iter()
        .map(|g| json!({"slug": g.slug, "title": g.title, "url": urls::guide(&g.slug)}))
        .collect();
    let ctx = json!({
        "reg": {"title": reg.front.title, "articles": reg.tree.articles.len(),
                "chapters": reg.tree.chapters.iter().map(|c| json!({"eid": c.eid, "num": c.num, "heading": c.heading})).collect::<Vec<_>>()},
        "counts": {"annotations": lib.annotations.len(), "cases": lib.cases.len(), "samples": lib.cases.iter().filter(|c| c.sample).count(), "risks": lib.risks.len(), "guides": lib.guides.len()},
        "key_articles": key_articles, "recent": recent, "guides": guides,
        "applicants": applicants(lib),
    });
    page(lib, "index.html".into(), "index.html", "首页", "home", ctx)
}

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

fn regulation_page(lib: &Library, ri: usize, reg: &RegulationDoc, dir: &str) -> Page {
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

fn article_page(
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
        .map(|&l| json!({"title": lib.lessons[l].title, "url": super::training::lesson_url(&lib.lessons[l].slug), "minutes": lib.lessons[l].minutes}))
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

fn case_page(lib: &Library, c: &Case, opts: &RenderOptions) -> Page {
    let path = urls::case(&c.id);
    let root = urls::root_of(&path);
    let rect = c.rectification.as_ref().map(|r| {
        let state = r.state(opts.as_of);
        json!({"required": r.required, "deadline": r.deadline.to_string(), "extended_to": r.extended_to.map(|d| d.to_string()),
               "completed": r.completed.map(|d| d.to_string()), "state": state.label(), "state_slug": state.slug()})
    });
    let risks: Vec<Value> = c
        .risk_points
        .iter()
        .filter_map(|id| lib.risk(id))
        .map(|i| json!({"title": lib.risks[i].title, "url": urls::risk(&lib.risks[i].id)}))
        .collect();
    let mut v = case_row(lib, c);
    v["clauses"] = json!(
        c.clauses
            .iter()
            .map(|k| clause_link(lib, k))
            .collect::<Vec<_>>()
    );
    v["risks"] = json!(risks);
    v["rect"] = json!(rect);
    v["html"] = json!(markdown::render(lib, &c.body, &root));
    let title = if c.sample {
        format!("{}（示例）", c.title)
    } else {
        c.title.clone()
    };
    page(
        lib,
        path,
        "case.html",
        &title,
        "cases",
        json!({"c": v, "as_of": opts.as_of.to_string(), "similar": crate::similar::page::case_list(lib, opts.similar.get(&c.id))}),
    )
}

fn case_index(lib: &Library) -> Page {
    let mut rows: Vec<&Case> = lib.cases.iter().collect();
    rows.sort_by(|a, b| (b.date, &b.id).cmp(&(a.date, &a.id)));
    let mut fields: BTreeMap<&str, Vec<&Case>> = BTreeMap::new();
    for c in &rows {
        fields.entry(c.field.as_str()).or_default().push(c);
    }
    let by_field: Vec<Value> = fields
        .iter()
        .map(|(f, cs)| {
            let counts: Vec<usize> = lib
                .config
                .outcome_names()
                .map(|o| cs.iter().filter(|c| c.outcome == o).count())
                .collect();
            let (cases, more) = listed(cs, |c| case_row(lib, c));
            json!({"field": f, "counts": counts, "n": cs.len(), "more": more, "cases": cases})
        })
        .collect();
    let by_outcome: Vec<Value> = lib
        .config
        .outcome_names()
        .map(|o| {
            let cs: Vec<&Case> = rows.iter().copied().filter(|c| c.outcome == o).collect();
            let (cases, more) = listed(&cs, |c| case_row(lib, c));
            json!({"outcome": o, "slug": super::analysis_values::id_part(o), "tone": lib.config.outcome_tone(o),
                   "n": cs.len(), "more": more, "cases": cases})
        })
        .collect();
    let (newest, more) = listed(&rows, |c| case_row(lib, c));
    let ctx = json!({"cases": newest, "n": rows.len(), "more": more, "by_field": by_field, "by_outcome": by_outcome,
                     "outcomes": lib.config.outcome_names().collect::<Vec<_>>()});
    page(
        lib,
        "cases.html".into(),
        "cases.html",
        "案例库",
        "cases",
        ctx,
    )
}

fn risk_page(lib: &Library, r: &crate::library::Risk, analysis: Value) -> Page {
    let path = urls::risk(&r.id);
    let root = urls::root_of(&path);
    let (cases, more) = listed(&r.cases, |&i| case_row(lib, &lib.cases[i]));
    let v = json!({"title": r.title, "field": r.field, "level": r.level.label(),
                   "clauses": r.clauses.iter().map(|k| clause_link(lib, k)).collect::<Vec<_>>(),
                   "html": markdown::render(lib, &r.body, &root)});
    page(
        lib,
        path,
        "risk.html",
        &r.title,
        "risks",
        json!({"r": v, "cases": cases, "n": r.cases.len(), "more": more, "analysis": analysis}),
    )
}

fn risk_index(lib: &Library) -> Page {
    let mut groups: BTreeMap<&str, Vec<Value>> = BTreeMap::new();
    for r in &lib.risks {
        groups.entry(r.field.as_str()).or_default().push(json!({"title": r.title, "url": urls::risk(&r.id), "level": r.level.label(), "cases": r.cases.len()}));
    }
    let groups: Vec<Value> = groups
        .into_iter()
        .map(|(f, rs)| json!({"field": f, "risks": rs}))
        .collect();
    page(
        lib,
        "risks.html".into(),
        "risks.html",
        "易错风险点",
        "risks",
        json!({"groups": groups}),
    )
}

fn guide_index(lib: &Library) -> Page {
    let guides: Vec<Value> = lib
        .guides
        .iter()
        .map(|g| json!({"title": g.title, "url": urls::guide(&g.slug)}))
        .collect();
    page(
        lib,
        "guides.html".into(),
        "guides.html",
        "指南",
        "guides",
        json!({"guides": guides}),
    )
}

/// The self-check config.toml defines: its groups of boxes as a form, and the same
/// groups and verdicts as data for assets/selfcheck.js.
fn selfcheck(lib: &Library, sc: &Selfcheck) -> Page {
    let root = "";
    let item =
        |label: String, key: &ClauseKey| json!({"label": label, "url": urls::clause(lib, key)});
    let groups: Vec<Value> = sc
        .groups
        .iter()
        .map(|g| {
            let own_labels = g.items.iter().all(|(_, k)| *k == g.clause);
            json!({
                "id": g.id, "title": g.title, "rule": if g.rule == Rule::All { "all" } else { "any" }, "hint": g.hint,
                "clause": item(lib.label(&g.clause), &g.clause),
                "clause_text": own_labels.then(|| lib.regulation(&g.clause).tree.text(&g.clause.eid).unwrap_or_default().replace('\n', "")),
                "items": g.items.iter().map(|(label, k)| json!({"label": label, "clause": lib.label(k), "url": urls::clause(lib, k)})).collect::<Vec<_>>(),
            })
        })
        .collect();
    let verdicts: Vec<Value> = sc
        .verdicts
        .iter()
        .map(|v| {
            let tone = v
                .outcomes
                .first()
                .map_or("neutral", |o| lib.config.outcome_tone(o));
            json!({"when": v.when, "label": v.label, "outcomes": v.outcomes, "tone": tone})
        })
        .collect();
    // Reasons name the clause a box stands for, not its label.
    let data_groups: Vec<Value> = groups
        .iter()
        .map(|g| {
            let items: Vec<Value> = g["items"].as_array().into_iter().flatten()
                .map(|it| json!({"label": it["clause"], "url": it["url"]}))
                .collect();
            json!({"id": g["id"], "rule": g["rule"], "hint": g["hint"], "clause": g["clause"], "items": items})
        })
        .collect();
    let data =
        json!({"groups": data_groups, "verdicts": verdicts, "none": sc.none, "note": sc.note});
    let inline = |t: &crate::library::Text| {
        let html = markdown::render(lib, t, root);
        let trimmed = html.trim();
        match trimmed
            .strip_prefix("<p>")
            .and_then(|x| x.strip_suffix("</p>"))
        {
            Some(inner) if !inner.contains("<p>") => inner.to_string(),
            _ => trimmed.to_string(),
        }
    };
    let ctx = json!({
        "sc": {"title": sc.title, "lead": sc.lead, "groups": groups,
               "materials": sc.materials.iter().map(inline).collect::<Vec<_>>(),
               "procedure": sc.procedure.iter().map(inline).collect::<Vec<_>>()},
        "data": data.to_string().replace("</", "<\\/"),
    });
    page(
        lib,
        "selfcheck.html".into(),
        "selfcheck.html",
        &sc.title,
        "selfcheck",
        ctx,
    )
}
