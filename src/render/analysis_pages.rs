//! Page contexts of the statistics: the dashboard (`dashboard.rs`), one
//! printable warning per field (`warnings/<slug>.html`) with their index, and the
//! statistics block of each risk point's page. Every figure carries the link to
//! the cases behind it: a case list on the dashboard (`#g-…`) or the case pages.

use super::analysis_values::*;
use super::common::{case_row, listed, page};
use super::{Page, urls};
use crate::analysis::{Analysis, FieldStat};
use crate::library::Library;
use crate::markdown;
use serde_json::{Value, json};

/// The dashboard, the warnings index and one warning per field.
pub fn all<'a>(lib: &'a Library, an: &'a Analysis) -> Vec<super::pages::Job<'a>> {
    let mut jobs: Vec<super::pages::Job<'a>> = vec![
        Box::new(move || vec![super::dashboard::dashboard(lib, an)]),
        Box::new(move || vec![warning_index(lib, an)]),
    ];
    jobs.extend(
        an.fields
            .iter()
            .map(|f| -> super::pages::Job<'a> { Box::new(move || vec![warning(lib, an, f)]) }),
    );
    jobs
}

/// The statistics block of a risk point's page. Its cases are listed at `#cases`
/// on the same page; the busiest window and each outcome link their cases.
pub fn risk_block(lib: &Library, an: &Analysis, risk: usize) -> Value {
    let rs = &an.risks[risk];
    let r = &lib.risks[risk];
    let f = an.field(&r.field);
    let outcomes: Vec<Value> = lib
        .config
        .outcome_names()
        .map(|o| {
            let cs: Vec<Value> = rs
                .cases
                .iter()
                .filter(|&&i| lib.cases[i].outcome == o)
                .map(|&i| json!({"id": lib.cases[i].id, "url": urls::case(&lib.cases[i].id)}))
                .collect();
            json!({"label": o, "slug": lib.config.outcome_tone(o), "n": cs.len(), "cases": cs})
        })
        .collect();
    json!({
        "n": rs.cases.len(), "recurring": rs.recurring, "thresholds": thresholds(lib, an),
        "window": rs.busiest.as_ref().map(|w| window_json(lib, w, None)), "outcomes": outcomes,
        "field": f.map(|f| json!({"name": f.name, "n": f.cases.len(), "share": pct(f.share), "concentrated": f.concentrated, "warning_url": warning_url(f)})),
        "dashboard_url": (!rs.cases.is_empty()).then(|| format!("{DASHBOARD}#g-risk-{}", id_part(&r.id))),
    })
}

fn warning_index(lib: &Library, an: &Analysis) -> Page {
    let fields: Vec<Value> = an.fields.iter().map(|f| {
        let recurring = f.risks.iter().filter(|&&r| an.risks[r].recurring).count();
        json!({"name": f.name, "url": warning_url(f), "n": f.cases.len(), "share": pct(f.share), "concentrated": f.concentrated, "risks": f.risks.len(), "recurring": recurring})
    }).collect();
    page(
        lib,
        WARNINGS.into(),
        "warnings.html",
        "风险警示提醒",
        "dashboard",
        json!({"fields": fields, "thresholds": thresholds(lib, an), "as_of": an.as_of.to_string()}),
    )
}

/// Two levels down, so a risk point's `##` sections sit under the warning's
/// section (h2) and the risk point's own heading (h3).
fn demote_headings(html: &str) -> String {
    html.replace("<h4", "<h6")
        .replace("</h4>", "</h6>")
        .replace("<h3", "<h5")
        .replace("</h3>", "</h5>")
        .replace("<h2", "<h4")
        .replace("</h2>", "</h4>")
}

fn warning(lib: &Library, an: &Analysis, f: &FieldStat) -> Page {
    let path = warning_url(f);
    let root = urls::root_of(&path);
    let example = |i: usize| {
        let c = &lib.cases[i];
        let lesson = c.lesson.as_ref().map(|t| markdown::render(lib, t, &root));
        let state = c.rectification.as_ref().map(|r| r.state(an.as_of).label());
        let mut v = case_row(lib, c);
        v["lesson"] = json!(lesson);
        v["rect_state"] = json!(state);
        v
    };
    let mut order: Vec<usize> = f.risks.clone();
    // Highest level first, then the most cases; ties by title, then id.
    order.sort_by(|&a, &b| {
        let (ra, rb) = (&lib.risks[a], &lib.risks[b]);
        (
            ra.level,
            std::cmp::Reverse(an.risks[a].cases.len()),
            &ra.title,
            &ra.id,
        )
            .cmp(&(
                rb.level,
                std::cmp::Reverse(an.risks[b].cases.len()),
                &rb.title,
                &rb.id,
            ))
    });
    let risks: Vec<Value> = order
        .iter()
        .map(|&ri| {
            let rs = &an.risks[ri];
            let r = &lib.risks[ri];
            let mut v = risk_json(lib, rs);
            v["anchor"] = json!(format!("risk-{}", id_part(&r.id)));
            v["window"] = json!(rs.busiest.as_ref().map(|w| window_json(lib, w, None)));
            v["html"] = json!(demote_headings(&markdown::render(lib, &r.body, &root)));
            let (cases, more) = listed(&rs.cases, |&i| example(i));
            v["cases"] = json!(cases);
            v["more"] = json!(more);
            v
        })
        .collect();
    let covered: std::collections::HashSet<usize> = f
        .risks
        .iter()
        .flat_map(|&r| an.risks[r].cases.iter().copied())
        .collect();
    let others: Vec<usize> = f
        .cases
        .iter()
        .copied()
        .filter(|i| !covered.contains(i))
        .collect();
    let (others, others_more) = listed(&others, |&i| example(i));
    let outcomes: Vec<Value> = lib.config.outcome_names().zip(&f.by_outcome).map(|(o, cs)| {
        let (cases, more) = listed(cs, |&i| json!({"id": lib.cases[i].id, "url": urls::case(&lib.cases[i].id)}));
        json!({"label": o, "slug": lib.config.outcome_tone(o), "n": cs.len(), "cases": cases, "more": more})
    }).collect();
    let quarters: Vec<Value> = an
        .quarters
        .iter()
        .zip(&f.by_quarter)
        .filter(|(_, cs)| !cs.is_empty())
        .map(|(q, cs)| {
            let (cases, more) = listed(
                cs,
                |&i| json!({"id": lib.cases[i].id, "url": urls::case(&lib.cases[i].id)}),
            );
            json!({"label": q.label(), "n": cs.len(), "cases": cases, "more": more})
        })
        .collect();
    let ctx = json!({
        "field": {"name": f.name, "n": f.cases.len(), "share": pct(f.share), "concentrated": f.concentrated,
                  "dashboard_url": format!("{DASHBOARD}#g-field-{}", f.slug)},
        "total": an.total, "as_of": an.as_of.to_string(), "thresholds": thresholds(lib, an),
        "outcomes": outcomes, "quarters": quarters, "risks": risks, "others": others, "others_more": others_more,
        "recurring": risks.iter().filter(|r| r["recurring"] == json!(true)).count(),
    });
    page(
        lib,
        path,
        "warning.html",
        &format!("{}领域风险警示提醒", f.name),
        "dashboard",
        ctx,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::section;

    #[test]
    fn sections_and_headings() {
        let md = "## 基本案情\n\n甲\n\n## 启示\n\n1. 乙\n2. 丙\n\n## 其他\n丁";
        assert_eq!(section(md, "启示").as_deref(), Some("1. 乙\n2. 丙"));
        assert_eq!(section(md, "无此节"), None);
        assert_eq!(
            demote_headings("<h2>a</h2><h3 id=\"x\">b</h3>"),
            "<h4>a</h4><h5 id=\"x\">b</h5>"
        );
    }

    #[test]
    fn id_parts_are_ascii() {
        assert_eq!(id_part("concealed-records"), "concealed-records");
        assert!(
            id_part("隐匿 台账")
                .chars()
                .all(|c| c.is_ascii_alphanumeric())
        );
    }
}
