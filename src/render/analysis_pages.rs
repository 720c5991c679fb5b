//! Page contexts of the 第十七条 analysis: the dashboard (`dashboard.html`), one
//! printable warning per field (`warnings/<slug>.html`) with their index, and the
//! statistics block of each risk point's page. Every figure carries the link to
//! the cases behind it: a case list on the dashboard (`#g-…`) or the case pages.

use super::pages::{case_row, page};
use super::{Page, urls};
use crate::analysis::charts::{self, Bar, Caption, Cell};
use crate::analysis::{Analysis, FieldStat, RiskStat, Window};
use crate::content::kinds::{Action, Outcome, RectificationState};
use crate::library::{Library, Text};
use crate::markdown;
use serde_json::{Value, json};

pub const DASHBOARD: &str = "dashboard.html";
pub const WARNINGS: &str = "warnings/index.html";

pub fn warning_url(f: &FieldStat) -> String {
    format!("warnings/{}.html", f.slug)
}

/// The dashboard, the warnings index and one warning per field.
pub fn all(lib: &Library, an: &Analysis) -> Vec<Page> {
    let mut pages = vec![dashboard(lib, an), warning_index(lib, an)];
    pages.extend(an.fields.iter().map(|f| warning(lib, an, f)));
    pages
}

fn action_slug(a: Action) -> &'static str {
    match a {
        Action::Inspection => "inspection",
        Action::Penalty => "penalty",
        Action::Coercion => "coercion",
        Action::Other => "other",
    }
}

/// A piece of an HTML id: ASCII ids pass through, anything else is hashed so ids
/// stay plain ASCII.
fn id_part(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        s.to_string()
    } else {
        crate::analysis::field_slug(s)
    }
}

fn pct(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// Case lists behind the dashboard's figures; `anchor` returns the link to a
/// non-empty list (registering it) and nothing for an empty one.
struct Groups<'a> {
    lib: &'a Library,
    list: Vec<Value>,
}

impl Groups<'_> {
    fn anchor(&mut self, id: String, label: String, cases: &[usize]) -> Option<String> {
        if cases.is_empty() {
            return None;
        }
        let rows: Vec<Value> = cases
            .iter()
            .map(|&i| case_row(self.lib, &self.lib.cases[i]))
            .collect();
        self.list
            .push(json!({"id": id, "label": label, "cases": rows}));
        Some(format!("#{id}"))
    }

    fn cell(&mut self, id: String, label: String, cases: &[usize]) -> Cell {
        let tip = format!("{label}：{} 件", cases.len());
        Cell {
            value: cases.len(),
            href: self.anchor(id, label, cases),
            tip,
        }
    }
}

fn cell_json(c: &Cell) -> Value {
    json!({"n": c.value, "href": c.href})
}

fn window_json(lib: &Library, w: &Window, id: Option<String>) -> Value {
    let cases: Vec<Value> = w.cases.iter().map(|&i| json!({"id": lib.cases[i].id, "url": urls::case(&lib.cases[i].id), "date": lib.cases[i].date.to_string()})).collect();
    json!({"first": w.first.to_string(), "last": w.last.to_string(), "months": w.months, "n": w.cases.len(), "cases": cases, "href": id})
}

fn risk_json(lib: &Library, rs: &RiskStat) -> Value {
    let r = &lib.risks[rs.risk];
    json!({"id": r.id, "title": r.title, "url": urls::risk(&r.id), "field": r.field, "level": r.level.label(), "n": rs.cases.len(), "recurring": rs.recurring})
}

fn thresholds(lib: &Library, an: &Analysis) -> Value {
    let c = &lib.config.analysis;
    let mean = if an.fields.is_empty() {
        0.0
    } else {
        1.0 / an.fields.len() as f64
    };
    json!({"recurrence_cases": c.recurrence_cases, "recurrence_months": c.recurrence_months, "ratio": c.concentration_ratio.to_string(),
           "mean_pct": pct(mean), "threshold_pct": pct(mean * c.concentration_ratio), "fields": an.fields.len()})
}

fn dashboard(lib: &Library, an: &Analysis) -> Page {
    let mut g = Groups {
        lib,
        list: Vec::new(),
    };
    let field_names: Vec<String> = an.fields.iter().map(|f| f.name.clone()).collect();
    let outcome_labels: Vec<String> = Outcome::ALL.iter().map(|o| o.label().to_string()).collect();

    // Field × outcome: the heat map and its table share one set of cells.
    let matrix: Vec<Vec<Cell>> = an
        .fields
        .iter()
        .map(|f| {
            Outcome::ALL
                .iter()
                .zip(&f.by_outcome)
                .map(|(o, cs)| {
                    g.cell(
                        format!("g-fo-{}-{}", f.slug, o.slug()),
                        format!("{} · {}", f.name, o.label()),
                        cs,
                    )
                })
                .collect()
        })
        .collect();
    let field_cells: Vec<Cell> = an
        .fields
        .iter()
        .map(|f| {
            g.cell(
                format!("g-field-{}", f.slug),
                format!("领域：{}", f.name),
                &f.cases,
            )
        })
        .collect();
    let outcome_cells: Vec<Cell> = an
        .outcomes
        .iter()
        .map(|(o, cs)| {
            g.cell(
                format!("g-outcome-{}", o.slug()),
                format!("认定结果：{}", o.label()),
                cs,
            )
        })
        .collect();
    let matrix_svg = charts::heat_map(
        &Caption {
            id: "chart-matrix",
            title: "领域 × 认定结果（案例数）",
            desc: "热力图：每行一个领域，每列一种认定结果，格中数字为案例数，颜色越深案例越多。同样的数字见下表。",
        },
        &field_names,
        &outcome_labels,
        &matrix,
    );
    let matrix_rows: Vec<Value> = an.fields.iter().zip(&matrix).zip(&field_cells).map(|((f, row), total)| {
        json!({"field": f.name, "cells": row.iter().map(cell_json).collect::<Vec<_>>(), "total": cell_json(total)})
    }).collect();

    // Field × quarter, as small multiples.
    let qcols: Vec<(String, String)> = an
        .quarters
        .iter()
        .enumerate()
        .map(|(k, q)| {
            let year = if k == 0 || q.q == 1 {
                format!("{}年", q.year)
            } else {
                String::new()
            };
            (year, q.name().to_string())
        })
        .collect();
    let fq: Vec<Vec<Cell>> = an
        .fields
        .iter()
        .map(|f| {
            an.quarters
                .iter()
                .zip(&f.by_quarter)
                .map(|(q, cs)| {
                    g.cell(
                        format!("g-fq-{}-{}", f.slug, q.key()),
                        format!("{} · {}", f.name, q.label()),
                        cs,
                    )
                })
                .collect()
        })
        .collect();
    let quarter_cells: Vec<Cell> = an
        .quarters
        .iter()
        .map(|q| g.cell(format!("g-q-{}", q.key()), q.label(), &q.cases))
        .collect();
    let quarter_svg = charts::small_multiples(
        &Caption {
            id: "chart-quarters",
            title: "各领域分季度案例数",
            desc: "小多图：每行一个领域，每根柱为一个季度的案例数，数字标在柱上方，各行比例尺相同。同样的数字见下表。",
        },
        &field_names,
        &qcols,
        &fq,
    );
    let quarter_rows: Vec<Value> = an.fields.iter().zip(&fq).zip(&field_cells).map(|((f, row), total)| {
        json!({"field": f.name, "cells": row.iter().map(cell_json).collect::<Vec<_>>(), "total": cell_json(total)})
    }).collect();

    // Risk points: all of them in the table, the busiest in the chart.
    let mut risks: Vec<Value> = Vec::new();
    let mut bars: Vec<Bar> = Vec::new();
    let top: Vec<usize> = an
        .top_risks(lib, lib.config.analysis.top_risks)
        .iter()
        .map(|r| r.risk)
        .collect();
    let mut ordered: Vec<&RiskStat> = an.top_risks(lib, usize::MAX);
    ordered.extend(an.risks.iter().filter(|r| r.cases.is_empty()));
    for rs in ordered {
        let r = &lib.risks[rs.risk];
        let cell = g.cell(
            format!("g-risk-{}", id_part(&r.id)),
            format!("风险点：{}", r.title),
            &rs.cases,
        );
        let win = rs.busiest.as_ref().map(|w| {
            let href = g.anchor(
                format!("g-win-{}", id_part(&r.id)),
                format!("{}：{} 至 {} 的案例", r.title, w.first, w.last),
                &w.cases,
            );
            window_json(lib, w, href)
        });
        let mut v = risk_json(lib, rs);
        v["cell"] = cell_json(&cell);
        v["window"] = json!(win);
        risks.push(v);
        if top.contains(&rs.risk) {
            bars.push(Bar {
                label: r.title.clone(),
                cell,
                note: rs.recurring.then(|| "频繁出现".to_string()),
            });
        }
    }
    let risk_svg = charts::bars(
        &Caption {
            id: "chart-risks",
            title: "案例最多的风险点",
            desc: "横向条形图：每个风险点的案例数，标“▲频繁出现”的风险点达到频繁出现阈值。同样的数字见下表。",
        },
        &bars,
    );

    let fields: Vec<Value> = an.fields.iter().zip(&field_cells).map(|(f, c)| {
        json!({"name": f.name, "cell": cell_json(c), "share": pct(f.share), "concentrated": f.concentrated, "warning_url": warning_url(f), "risks": f.risks.len()})
    }).collect();
    let outcomes: Vec<Value> = an
        .outcomes
        .iter()
        .zip(&outcome_cells)
        .map(|((o, _), c)| json!({"label": o.label(), "slug": o.slug(), "cell": cell_json(c)}))
        .collect();
    let actions: Vec<Value> = an
        .actions
        .iter()
        .map(|(a, cs)| {
            let c = g.cell(
                format!("g-action-{}", action_slug(*a)),
                format!("执法类别：{}", a.label()),
                cs,
            );
            json!({"label": a.label(), "cell": cell_json(&c)})
        })
        .collect();

    let ctx = json!({
        "as_of": an.as_of.to_string(), "total": an.total, "thresholds": thresholds(lib, an),
        "span": {"first": lib.cases.first().map(|c| c.date.to_string()), "last": lib.cases.last().map(|c| c.date.to_string())},
        "charts": {"matrix": matrix_svg, "quarters": quarter_svg, "risks": risk_svg},
        "outcome_labels": outcome_labels,
        "matrix": {"rows": matrix_rows, "totals": outcome_cells.iter().map(cell_json).collect::<Vec<_>>()},
        "quarters": {"cols": an.quarters.iter().map(|q| json!({"label": q.label(), "key": q.key(), "year": q.year, "name": q.name()})).collect::<Vec<_>>(),
                     "rows": quarter_rows, "totals": quarter_cells.iter().map(cell_json).collect::<Vec<_>>()},
        "fields": fields, "outcomes": outcomes, "actions": actions, "risks": risks,
        "flagged_risks": an.risks.iter().filter(|r| r.recurring).count(),
        "flagged_fields": an.fields.iter().filter(|f| f.concentrated).count(),
        "rect": rectifications(lib, an), "groups": g.list,
    });
    page(
        lib,
        DASHBOARD.into(),
        "dashboard.html",
        "统计分析",
        "dashboard",
        ctx,
    )
}

fn rectifications(lib: &Library, an: &Analysis) -> Value {
    let groups: Vec<Value> = an.rectification_counts().into_iter().map(|(state, n)| {
        let rows: Vec<Value> = an.rectifications.iter().filter(|r| r.state == state).map(|r| {
            let c = &lib.cases[r.case];
            let rect = c.rectification.as_ref().expect("rows come from cases with a rectification");
            json!({"case": case_row(lib, c), "required": rect.required, "deadline": rect.deadline.to_string(),
                   "extended_to": rect.extended_to.map(|d| d.to_string()), "completed": rect.completed.map(|d| d.to_string()),
                   "due": r.due.to_string(), "days_overdue": r.days_overdue, "days_left": r.days_left})
        }).collect();
        json!({"label": state.label(), "slug": state.slug(), "n": n, "rows": rows})
    }).collect();
    json!({"total": an.rectifications.len(), "groups": groups, "overdue": an.rectifications.iter().any(|r| r.state == RectificationState::Overdue)})
}

/// The statistics block of a risk point's page. Its cases are listed at `#cases`
/// on the same page; the busiest window and each outcome link their cases.
pub fn risk_block(lib: &Library, an: &Analysis, risk: usize) -> Value {
    let rs = &an.risks[risk];
    let r = &lib.risks[risk];
    let f = an.field(&r.field);
    let outcomes: Vec<Value> = Outcome::ALL
        .iter()
        .map(|o| {
            let cs: Vec<Value> = rs
                .cases
                .iter()
                .filter(|&&i| lib.cases[i].outcome == *o)
                .map(|&i| json!({"id": lib.cases[i].id, "url": urls::case(&lib.cases[i].id)}))
                .collect();
            json!({"label": o.label(), "slug": o.slug(), "n": cs.len(), "cases": cs})
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

/// The body of the `## heading` section of a Markdown text, if it has one.
fn section(markdown: &str, heading: &str) -> Option<String> {
    let start = markdown
        .lines()
        .position(|l| l.trim_start_matches('#').trim() == heading && l.starts_with("## "))?;
    let body: Vec<&str> = markdown
        .lines()
        .skip(start + 1)
        .take_while(|l| !l.starts_with("## ") && !l.starts_with("# "))
        .collect();
    let s = body.join("\n").trim().to_string();
    (!s.is_empty()).then_some(s)
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
        let lesson = section(&c.body.markdown, "启示").map(|md| {
            markdown::render(
                lib,
                &Text {
                    markdown: md,
                    first_line: c.body.first_line,
                    context: c.body.context.clone(),
                },
                &root,
            )
        });
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
            v["cases"] = json!(rs.cases.iter().map(|&i| example(i)).collect::<Vec<_>>());
            v
        })
        .collect();
    let covered: Vec<usize> = f
        .risks
        .iter()
        .flat_map(|&r| an.risks[r].cases.iter().copied())
        .collect();
    let others: Vec<Value> = f
        .cases
        .iter()
        .filter(|i| !covered.contains(i))
        .map(|&i| example(i))
        .collect();
    let outcomes: Vec<Value> = Outcome::ALL.iter().zip(&f.by_outcome).map(|(o, cs)| {
        json!({"label": o.label(), "slug": o.slug(), "n": cs.len(), "cases": cs.iter().map(|&i| json!({"id": lib.cases[i].id, "url": urls::case(&lib.cases[i].id)})).collect::<Vec<_>>()})
    }).collect();
    let quarters: Vec<Value> = an.quarters.iter().zip(&f.by_quarter).filter(|(_, cs)| !cs.is_empty()).map(|(q, cs)| {
        json!({"label": q.label(), "n": cs.len(), "cases": cs.iter().map(|&i| json!({"id": lib.cases[i].id, "url": urls::case(&lib.cases[i].id)})).collect::<Vec<_>>()})
    }).collect();
    let ctx = json!({
        "field": {"name": f.name, "n": f.cases.len(), "share": pct(f.share), "concentrated": f.concentrated,
                  "dashboard_url": format!("{DASHBOARD}#g-field-{}", f.slug)},
        "total": an.total, "as_of": an.as_of.to_string(), "thresholds": thresholds(lib, an),
        "outcomes": outcomes, "quarters": quarters, "risks": risks, "others": others,
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
