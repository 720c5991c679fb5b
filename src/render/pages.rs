//! The data behind each page, as JSON for the templates.

use super::common::{case_row, listed, page};
use super::regulation_pages::{article_page, regulation_page};
use super::{Page, RenderOptions, urls};
use crate::config::Rule;
use crate::library::{Case, ClauseKey, Library, Selfcheck};
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
        .map(|g| json!({"slug": g.slug, "title": g.title, "url": urls::guide(&g.slug), "home": g.home}))
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
