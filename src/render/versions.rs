//! What the pages say about a regulation's versions: the banner on every page of the
//! text (which version this is, the others, and an article's timeline), and the
//! 修改对照表 `r/<slug>/changes.html`.

use super::common::page;
use super::{Page, urls};
use crate::library::{Library, identities};
use crate::markdown::escape;
use crate::regulation::compare::{Piece, align, diff_chars};
use serde_json::{Value, json};

/// 现行 (the current text), 已修改 (an earlier version) or 尚未生效 (a later one).
fn state(lib: &Library, v: usize) -> &'static str {
    let reg = &lib.regulations[v];
    let family = &reg.versions;
    let here = family.iter().position(|&x| x == v).unwrap_or(0);
    let now = family
        .iter()
        .position(|&x| lib.regulations[x].current)
        .unwrap_or(0);
    match here.cmp(&now) {
        std::cmp::Ordering::Equal => "现行",
        std::cmp::Ordering::Less => "已修改",
        std::cmp::Ordering::Greater => "尚未生效",
    }
}

/// The banner of a page of version `ri` under `dir`, with an article's timeline when
/// the page is an article's. Null for a regulation that has one version.
pub fn banner(lib: &Library, ri: usize, dir: &str, article: Option<&str>) -> Value {
    let reg = &lib.regulations[ri];
    if reg.versions.len() < 2 {
        return Value::Null;
    }
    let ids = article.map(|a| identities(&lib.regulations, ri, a));
    let page_in = |k: usize, v: usize| -> String {
        let d = urls::version_dir(lib, v, true);
        match &ids {
            Some(ids) => ids[k]
                .as_ref()
                .map_or(format!("{d}index.html"), |e| format!("{d}{e}.html")),
            None => format!("{d}index.html"),
        }
    };
    let versions: Vec<Value> = reg
        .versions
        .iter()
        .enumerate()
        .map(|(k, &v)| {
            let r = &lib.regulations[v];
            json!({"effective": r.front.effective.to_string(), "state": state(lib, v), "url": page_in(k, v),
                   "amended_by": r.front.amended_by, "here": v == ri})
        })
        .collect();
    let timeline: Vec<Value> = ids.as_ref().map_or(vec![], |ids| {
        let mut out = Vec::new();
        for (k, &v) in reg.versions.iter().enumerate() {
            let r = &lib.regulations[v];
            let text = ids[k].as_ref().and_then(|e| r.tree.text(e));
            let before = (k > 0).then(|| {
                let p = &lib.regulations[reg.versions[k - 1]];
                ids[k - 1].as_ref().and_then(|e| p.tree.text(e))
            });
            let change = match (before, &text) {
                (None, Some(_)) => Some("原文"),
                (Some(None), Some(_)) => Some("新增"),
                (Some(Some(_)), None) => Some("删除"),
                (Some(Some(b)), Some(t)) if b != *t => Some("修改"),
                (Some(Some(_)), Some(_)) if ids[k] != ids[k - 1] => Some("条号调整"),
                _ => None,
            };
            if let Some(change) = change {
                let label = ids[k]
                    .as_ref()
                    .and_then(|e| r.tree.label(e))
                    .unwrap_or_default();
                out.push(json!({"effective": r.front.effective.to_string(), "change": change, "label": label,
                                "url": ids[k].as_ref().map(|_| page_in(k, v))}));
            }
        }
        out
    });
    let current = reg
        .versions
        .iter()
        .position(|&v| lib.regulations[v].current)
        .unwrap_or(0);
    json!({
        "effective": reg.front.effective.to_string(), "state": state(lib, ri), "amended_by": reg.front.amended_by,
        "pinned": dir.contains("/v/"), "versions": versions, "timeline": timeline,
        "current_url": page_in(current, reg.versions[current]).replace(&format!("v/{}/", lib.regulations[reg.versions[current]].front.effective), ""),
        "changes_url": urls::changes(&reg.slug),
    })
}

/// Marked-up text of one side of a comparison: `<del>` or `<ins>` around what changed.
fn marked(pieces: &[Piece], side: char) -> String {
    let mut s = String::new();
    for p in pieces {
        match (p, side) {
            (Piece::Same(t), _) => s += &escape(t),
            (Piece::Deleted(t), 'o') => s += &format!("<del>{}</del>", escape(t)),
            (Piece::Inserted(t), 'n') => s += &format!("<ins>{}</ins>", escape(t)),
            _ => {}
        }
    }
    s.replace('\n', "<br>")
}

/// `r/<slug>/changes.html`: every pair of consecutive versions of regulation `ri`.
pub fn changes_page(lib: &Library, ri: usize) -> Page {
    let reg = &lib.regulations[ri];
    let path = urls::changes(&reg.slug);
    let mut pairs = Vec::new();
    for w in reg.versions.windows(2) {
        let (old, new) = (&lib.regulations[w[0]], &lib.regulations[w[1]]);
        let mut rows = Vec::new();
        let mut unchanged = 0;
        for row in align(&old.tree, &new.tree, &new.front.renumbered) {
            let a = row.old.as_ref().and_then(|e| old.tree.text(e));
            let b = row.new.as_ref().and_then(|e| new.tree.text(e));
            let label = |r: &crate::library::RegulationDoc, e: &Option<String>| {
                e.as_ref().and_then(|e| r.tree.label(e)).unwrap_or_default()
            };
            let (kind, old_html, new_html) = match (&a, &b) {
                (Some(x), Some(y)) if x == y && !row.renumbered() => {
                    unchanged += 1;
                    continue;
                }
                (Some(x), Some(y)) => {
                    let d = diff_chars(x, y);
                    let kind = if x == y {
                        "条号调整"
                    } else if row.renumbered() {
                        "修改并调整条号"
                    } else {
                        "修改"
                    };
                    (kind, marked(&d, 'o'), marked(&d, 'n'))
                }
                (Some(x), None) => (
                    "删除",
                    format!("<del>{}</del>", escape(x).replace('\n', "<br>")),
                    String::new(),
                ),
                (None, Some(y)) => (
                    "新增",
                    String::new(),
                    format!("<ins>{}</ins>", escape(y).replace('\n', "<br>")),
                ),
                (None, None) => continue,
            };
            let link = |v: usize, e: &Option<String>| {
                e.as_ref()
                    .map(|e| format!("{}{e}.html", urls::version_dir(lib, v, true)))
            };
            rows.push(json!({"kind": kind, "old_label": label(old, &row.old), "new_label": label(new, &row.new),
                             "old_url": link(w[0], &row.old), "new_url": link(w[1], &row.new),
                             "old_html": old_html, "new_html": new_html, "id": row.new.clone().or(row.old.clone())}));
        }
        pairs.push(json!({
            "old": {"effective": old.front.effective.to_string(), "url": format!("{}index.html", urls::version_dir(lib, w[0], true))},
            "new": {"effective": new.front.effective.to_string(), "url": format!("{}index.html", urls::version_dir(lib, w[1], true)),
                    "amended_by": new.front.amended_by},
            "rows": rows, "unchanged": unchanged,
        }));
    }
    let title = format!("{}修改对照表", reg.front.title);
    page(
        lib,
        path,
        "changes.html",
        &title,
        "regulation",
        json!({"reg": {"title": reg.front.title}, "pairs": pairs, "version": banner(lib, ri, "", None)}),
    )
}
