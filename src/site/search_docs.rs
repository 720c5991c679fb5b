//! The library as search documents: one per article, per paragraph and item (so a
//! hit lands on the clause's anchor), per annotation, case, risk point and guide.

use crate::library::{ClauseKey, Library};
use crate::markdown::plain_text;
use crate::render::urls;
use crate::search::{ClauseEntry, DocKind, SearchDoc};

/// An eId as a search id: bare for the default regulation, `slug/eid` for others.
fn clause_id(lib: &Library, key: &ClauseKey) -> String {
    if key.regulation == 0 {
        key.eid.clone()
    } else {
        format!("{}/{}", lib.regulations[key.regulation].slug, key.eid)
    }
}

/// A search document with no metadata.
fn doc(id: String, kind: DocKind, title: String, url: String, body: String) -> SearchDoc {
    SearchDoc {
        id,
        kind,
        title,
        url,
        body,
        field: None,
        action: None,
        outcome: None,
        clauses: vec![],
        date: None,
    }
}

/// Every search document and the clause table.
pub fn documents(lib: &Library) -> (Vec<SearchDoc>, Vec<ClauseEntry>) {
    let (mut docs, clauses) = regulation_documents(lib);
    docs.extend(prose_documents(lib));
    (docs, clauses)
}

/// One document per article, paragraph and item; the clause table.
fn regulation_documents(lib: &Library) -> (Vec<SearchDoc>, Vec<ClauseEntry>) {
    let mut docs = Vec::new();
    let mut clauses = Vec::new();
    // The current text only: earlier and later versions have pages, not documents.
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
            let title = if ri == 0 {
                a.num.clone()
            } else {
                format!("{}{}", reg.front.title, a.num)
            };
            let mut d = doc(
                clause_id(lib, &akey),
                DocKind::Article,
                title,
                urls::clause(lib, &akey),
                lib.clause_text(&akey),
            );
            d.clauses = vec![a.eid.clone()];
            docs.push(d);
            clauses.push(ClauseEntry {
                eid: a.eid.clone(),
                label: a.num.clone(),
                url: urls::clause(lib, &akey),
                related: related(lib, &akey),
            });
            // A lone paragraph without items is the article itself: no second document.
            let split = a.paragraphs.len() > 1 || a.paragraphs.iter().any(|p| !p.points.is_empty());
            for p in &a.paragraphs {
                let pkey = key(&p.eid);
                let label = lib.label(&pkey);
                if split {
                    let mut d = doc(
                        clause_id(lib, &pkey),
                        DocKind::Clause,
                        label.clone(),
                        urls::clause(lib, &pkey),
                        lib.clause_text(&pkey),
                    );
                    d.clauses = vec![p.eid.clone()];
                    docs.push(d);
                }
                clauses.push(ClauseEntry {
                    eid: p.eid.clone(),
                    label,
                    url: urls::clause(lib, &pkey),
                    related: related(lib, &pkey),
                });
                for pt in &p.points {
                    let tkey = key(&pt.eid);
                    let label = lib.label(&tkey);
                    let mut d = doc(
                        clause_id(lib, &tkey),
                        DocKind::Clause,
                        label.clone(),
                        urls::clause(lib, &tkey),
                        lib.clause_text(&tkey),
                    );
                    d.clauses = vec![pt.eid.clone()];
                    docs.push(d);
                    clauses.push(ClauseEntry {
                        eid: pt.eid.clone(),
                        label,
                        url: urls::clause(lib, &tkey),
                        related: related(lib, &tkey),
                    });
                }
            }
        }
    }
    docs.extend(version_documents(lib));
    (docs, clauses)
}

/// The articles of the other versions whose text differs from the current one's
/// (through renumbering), or that the current text no longer has.
fn version_documents(lib: &Library) -> Vec<SearchDoc> {
    let mut docs = Vec::new();
    for (ri, reg) in lib
        .regulations
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.current)
    {
        for a in &reg.tree.articles {
            let key = ClauseKey {
                regulation: ri,
                eid: a.eid.clone(),
            };
            let text = lib.clause_text(&key);
            if lib
                .forward(&key)
                .is_some_and(|now| lib.clause_text(&now) == text)
            {
                continue;
            }
            let mut d = doc(
                format!("{}@{}/{}", reg.slug, reg.front.effective, a.eid),
                DocKind::Version,
                format!("{}（{} 起施行的文本）", a.num, reg.front.effective),
                urls::clause(lib, &key),
                text,
            );
            d.date = Some(reg.front.effective.to_string());
            docs.push(d);
        }
    }
    docs
}

/// One document per annotation, case, risk point and guide.
fn prose_documents(lib: &Library) -> Vec<SearchDoc> {
    let mut docs = Vec::new();
    for an in &lib.annotations {
        let art = Library::article_of(&an.target);
        let url = format!(
            "{}#annotation-{}",
            urls::article_of(lib, an.target.regulation, &art.eid),
            an.slug
        );
        let mut d = doc(
            format!("annotation:{}", an.slug),
            DocKind::Annotation,
            an.title.clone(),
            url,
            plain_text(&an.body.markdown),
        );
        d.clauses = vec![clause_id(lib, &an.target)];
        docs.push(d);
    }
    for c in &lib.cases {
        let mut body = plain_text(&c.body.markdown);
        if let Some(r) = &c.rectification {
            body = format!("{body}\n{}", r.required);
        }
        let title = if c.sample {
            format!("{}（示例）", c.title)
        } else {
            c.title.clone()
        };
        let mut d = doc(
            format!("case:{}", c.id),
            DocKind::Case,
            title,
            urls::case(&c.id),
            body,
        );
        d.field = Some(c.field.clone());
        d.action = Some(c.action.as_str().to_string());
        d.outcome = Some(c.outcome.as_str().to_string());
        d.clauses = c.clauses.iter().map(|k| clause_id(lib, k)).collect();
        d.date = Some(c.date.to_string());
        docs.push(d);
    }
    for r in &lib.risks {
        let mut d = doc(
            format!("risk:{}", r.id),
            DocKind::Risk,
            r.title.clone(),
            urls::risk(&r.id),
            plain_text(&r.body.markdown),
        );
        d.field = Some(r.field.clone());
        d.clauses = r.clauses.iter().map(|k| clause_id(lib, k)).collect();
        docs.push(d);
    }
    for g in &lib.guides {
        docs.push(doc(
            format!("guide:{}", g.slug),
            DocKind::Guide,
            g.title.clone(),
            urls::guide(&g.slug),
            plain_text(&g.body.markdown),
        ));
    }
    docs
}

/// What a query for a clause lists after the clause itself, from the citation
/// graph: the annotations of the clause and of the clauses inside it (in the
/// text's order), the cases citing them (newest first), their risk points (by
/// id), the guides citing them (in the guides' order).
pub fn related(lib: &Library, key: &ClauseKey) -> Vec<String> {
    let b = lib.backlinks_within(key);
    let mut out: Vec<String> = b
        .annotations
        .iter()
        .map(|&i| format!("annotation:{}", lib.annotations[i].slug))
        .collect();
    // Library cases are sorted by date, then id: newest first is the reverse.
    out.extend(
        b.cases
            .iter()
            .rev()
            .map(|&i| format!("case:{}", lib.cases[i].id)),
    );
    out.extend(b.risks.iter().map(|&i| format!("risk:{}", lib.risks[i].id)));
    out.extend(
        b.guides
            .iter()
            .map(|&i| format!("guide:{}", lib.guides[i].slug)),
    );
    out
}

/// Terms of this knowledge base the segmenter keeps whole: the fields, the
/// actions and outcomes, the phrases of the risk points' titles, and the
/// regulations' chapter and section headings (履职尽责, 容错纠错).
pub fn user_words(lib: &Library) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for reg in &lib.regulations {
        for ch in &reg.tree.chapters {
            let heading: String = ch.heading.split_whitespace().collect();
            out.extend(crate::segment::phrases(&heading));
            for sec in &ch.sections {
                let heading: String = sec.heading.split_whitespace().collect();
                out.extend(crate::segment::phrases(&heading));
            }
        }
    }
    for c in &lib.cases {
        out.push(c.field.clone());
        out.push(c.action.as_str().to_string());
        out.push(c.outcome.as_str().to_string());
    }
    for r in &lib.risks {
        out.push(r.field.clone());
        out.extend(crate::segment::phrases(&r.title));
    }
    out.sort();
    out.dedup();
    out
}
