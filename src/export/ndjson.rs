//! The library as bulk-index lines for OpenSearch, Elasticsearch and Quickwit:
//! an action line `{"create":{"_index":…,"_id":"<kind>:<id>"}}`, then the document,
//! for every article (its paragraphs and items inside), annotation, case, risk
//! point and guide. Field names are the same for every kind, so one mapping
//! (`deploy/`) serves them all.

use super::json::{ClauseOut, body, clause};
use super::sections::{Section, sections};
use crate::content::date::Date;
use crate::library::{ClauseKey, Library};
use crate::render::urls;
use serde::Serialize;

/// One search document. `id` repeats the action line's `_id`, for engines that
/// ignore it (Quickwit).
#[derive(Serialize)]
pub struct SearchDocument<'a> {
    pub kind: &'static str,
    pub id: String,
    pub title: String,
    /// Everything to search, as plain text.
    pub text: String,
    /// The page on the built site, relative to its root.
    pub url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub regulation: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eid: Option<&'a str>,
    /// The clauses the document is about (an article: itself), as `slug/eid`.
    pub clauses: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sample: Option<bool>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub risk_points: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub paragraphs: Vec<ParagraphDoc>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
}

#[derive(Serialize)]
pub struct ParagraphDoc {
    pub eid: String,
    pub label: String,
    /// The paragraph with its items, as published.
    pub text: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub points: Vec<PointDoc>,
}

#[derive(Serialize)]
pub struct PointDoc {
    pub eid: String,
    pub label: String,
    pub text: String,
}

fn key_string(c: &ClauseOut) -> String {
    format!("{}/{}", c.regulation, c.eid)
}

fn doc<'a>(
    kind: &'static str,
    id: String,
    title: String,
    text: String,
    url: String,
) -> SearchDocument<'a> {
    SearchDocument {
        kind,
        id: format!("{kind}:{id}"),
        title,
        text,
        url,
        regulation: None,
        eid: None,
        clauses: vec![],
        field: None,
        action: None,
        outcome: None,
        level: None,
        date: None,
        sample: None,
        risk_points: vec![],
        paragraphs: vec![],
        sections: vec![],
    }
}

/// Every search document, in the library's order: articles by regulation and
/// document order, then annotations, cases, risk points, guides.
pub fn documents(lib: &Library) -> Vec<SearchDocument<'_>> {
    let mut out = Vec::new();
    for (ri, reg) in lib
        .regulations
        .iter()
        .enumerate()
        .filter(|(_, r)| r.current)
    {
        for a in &reg.tree.articles {
            let key = |eid: &str| ClauseKey {
                regulation: ri,
                eid: eid.to_string(),
            };
            let akey = key(&a.eid);
            let title = match a.heading.as_deref() {
                Some(h) if !h.is_empty() => format!("{}{}　{h}", reg.front.title, a.num),
                _ => format!("{}{}", reg.front.title, a.num),
            };
            let mut d = doc(
                "article",
                format!("{}/{}", reg.slug, a.eid),
                title,
                lib.clause_text(&akey),
                urls::clause(lib, &akey),
            );
            d.regulation = Some(&reg.slug);
            d.eid = Some(&a.eid);
            d.clauses = vec![format!("{}/{}", reg.slug, a.eid)];
            d.paragraphs = a
                .paragraphs
                .iter()
                .map(|p| ParagraphDoc {
                    eid: p.eid.clone(),
                    label: lib.label(&key(&p.eid)),
                    text: p.full_text(),
                    points: p
                        .points
                        .iter()
                        .map(|pt| PointDoc {
                            eid: pt.eid.clone(),
                            label: lib.label(&key(&pt.eid)),
                            text: format!("{}{}", pt.num, pt.text),
                        })
                        .collect(),
                })
                .collect();
            out.push(d);
        }
    }
    for an in &lib.annotations {
        let art = Library::article_of(&an.target);
        let url = format!(
            "{}#annotation-{}",
            urls::article_of(lib, an.target.regulation, &art.eid),
            an.slug
        );
        let target = clause(lib, &an.target);
        let mut d = doc(
            "annotation",
            an.slug.clone(),
            an.title.clone(),
            body(lib, &an.body).text,
            url,
        );
        d.regulation = Some(target.regulation);
        d.eid = Some(&an.target.eid);
        d.clauses = vec![key_string(&target)];
        out.push(d);
    }
    for c in &lib.cases {
        let mut text = body(lib, &c.body).text;
        if let Some(r) = &c.rectification {
            text = format!("{text}\n{}", r.required);
        }
        let mut d = doc(
            "case",
            c.id.clone(),
            c.title.clone(),
            text,
            urls::case(&c.id),
        );
        d.clauses = c
            .clauses
            .iter()
            .map(|k| key_string(&clause(lib, k)))
            .collect();
        d.field = Some(&c.field);
        d.action = Some(&c.action);
        d.outcome = Some(&c.outcome);
        d.date = Some(c.date);
        d.sample = Some(c.sample);
        d.risk_points = c.risk_points.iter().map(String::as_str).collect();
        d.sections = sections(&c.body.markdown);
        out.push(d);
    }
    for r in &lib.risks {
        let mut d = doc(
            "risk",
            r.id.clone(),
            r.title.clone(),
            body(lib, &r.body).text,
            urls::risk(&r.id),
        );
        d.clauses = r
            .clauses
            .iter()
            .map(|k| key_string(&clause(lib, k)))
            .collect();
        d.field = Some(&r.field);
        d.level = Some(r.level.label());
        out.push(d);
    }
    for g in &lib.guides {
        out.push(doc(
            "guide",
            g.slug.clone(),
            g.title.clone(),
            body(lib, &g.body).text,
            urls::guide(&g.slug),
        ));
    }
    out
}

/// `{"create":{"_index":…,"_id":…}}`. `create` rather than `index`: loading the same
/// file into a filled index reports each document as a conflict instead of
/// overwriting it, so a stale index is noticed (delete it and load again).
#[derive(Serialize)]
struct Action<'a> {
    create: Target<'a>,
}

#[derive(Serialize)]
struct Target<'a> {
    #[serde(rename = "_index")]
    index: &'a str,
    #[serde(rename = "_id")]
    id: &'a str,
}

/// The bulk lines for `index`: an action line and a document line per document,
/// each ending in a newline (the bulk APIs want the last one too).
pub fn lines(lib: &Library, index: &str) -> anyhow::Result<String> {
    let mut out = String::new();
    for d in documents(lib) {
        let action = Action {
            create: Target { index, id: &d.id },
        };
        out.push_str(&serde_json::to_string(&action)?);
        out.push('\n');
        out.push_str(&serde_json::to_string(&d)?);
        out.push('\n');
    }
    Ok(out)
}
