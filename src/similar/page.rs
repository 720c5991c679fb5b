//! Template data of similar cases: the list on a case page and the finder's
//! form (`similar.html`: field, action, risk point and clause choices, all
//! rendered into the page so the form is complete before any script runs).

use super::Similar;
use crate::library::Library;
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// The `similar` list of a case page.
pub fn case_list(lib: &Library, list: Option<&Vec<Similar>>) -> Value {
    let rows: Vec<Value> = list
        .into_iter()
        .flatten()
        .map(|s| {
            let slug = lib.config.outcome_tone(&s.outcome);
            json!({"id": s.id, "title": s.title, "url": s.url, "outcome": s.outcome, "outcome_slug": slug,
                   "reasons": s.reasons.join("；")})
        })
        .collect();
    json!(rows)
}

/// The finder's choices: fields and risk points the cases use, the actions
/// config.toml declares, and every article of the default regulation with its paragraphs
/// and items (eIds as values, as the case table stores them).
pub fn finder(lib: &Library) -> Value {
    let fields: BTreeSet<&str> = lib.cases.iter().map(|c| c.field.as_str()).collect();
    let risks: Vec<Value> = lib
        .risks
        .iter()
        .map(|r| json!({"id": r.id, "title": r.title, "field": r.field}))
        .collect();
    let reg = &lib.regulations[0];
    let grounds = lib.outcome_grounds();
    let articles: Vec<Value> = reg
        .tree
        .articles
        .iter()
        .map(|a| {
            let mut parts = Vec::new();
            let split = a.paragraphs.len() > 1;
            for (pi, p) in a.paragraphs.iter().enumerate() {
                if split {
                    parts.push(json!({"eid": p.eid, "label": format!("第{}款", crate::numerals::to_chinese(pi as u32 + 1))}));
                }
                for pt in &p.points {
                    let label = if split { format!("第{}款第{}项", crate::numerals::to_chinese(pi as u32 + 1), pt.num) } else { format!("第{}项", pt.num) };
                    parts.push(json!({"eid": pt.eid, "label": label, "text": pt.text}));
                }
            }
            // The articles that ground an outcome are open; the others folded.
            let open = grounds.contains(a.eid.as_str());
            json!({"eid": a.eid, "num": a.num, "parts": parts, "open": open})
        })
        .collect();
    json!({
        "fields": fields,
        "actions": lib.config.action_names().collect::<Vec<_>>(),
        "risks": risks,
        "articles": articles,
    })
}
