//! Values the analysis pages share: ids, percentages, risk and window rows,
//! the thresholds line.

use super::urls;
use crate::analysis::{Analysis, FieldStat, RiskStat, Window};
use crate::library::Library;
use serde_json::{Value, json};

pub const DASHBOARD: &str = "dashboard.html";
pub const WARNINGS: &str = "warnings/index.html";

pub fn warning_url(f: &FieldStat) -> String {
    format!("warnings/{}.html", f.slug)
}

/// A piece of an HTML id: ASCII ids pass through, anything else is hashed so ids
/// stay plain ASCII.
pub fn id_part(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        s.to_string()
    } else {
        crate::analysis::field_slug(s)
    }
}

pub fn pct(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

pub fn window_json(lib: &Library, w: &Window, id: Option<String>) -> Value {
    let (cases, more) = super::common::listed(
        &w.cases,
        |&i| json!({"id": lib.cases[i].id, "url": urls::case(&lib.cases[i].id), "date": lib.cases[i].date.to_string()}),
    );
    json!({"first": w.first.to_string(), "last": w.last.to_string(), "months": w.months, "n": w.cases.len(), "cases": cases, "more": more, "href": id})
}

pub fn risk_json(lib: &Library, rs: &RiskStat) -> Value {
    let r = &lib.risks[rs.risk];
    json!({"id": r.id, "title": r.title, "url": urls::risk(&r.id), "field": r.field, "level": r.level.label(), "n": rs.cases.len(), "recurring": rs.recurring})
}

pub fn thresholds(lib: &Library, an: &Analysis) -> Value {
    let c = &lib.config.analysis;
    let mean = if an.fields.is_empty() {
        0.0
    } else {
        1.0 / an.fields.len() as f64
    };
    json!({"recurrence_cases": c.recurrence_cases, "recurrence_months": c.recurrence_months, "ratio": c.concentration_ratio.to_string(),
           "mean_pct": pct(mean), "threshold_pct": pct(mean * c.concentration_ratio), "fields": an.fields.len()})
}
