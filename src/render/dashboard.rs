//! The dashboard (`dashboard.html`): field × outcome, field × quarter, the risk
//! points, outcomes, actions and rectification states, each figure linked to
//! the list of the cases behind it (`#g-…`).

use super::Page;
use super::analysis_values::*;
use super::common::{case_row, listed, page};
use super::urls;
use crate::analysis::charts::{self, Bar, Caption, Cell};
use crate::analysis::{Analysis, RiskStat};
use crate::content::kinds::RectificationState;
use crate::library::Library;
use serde_json::{Value, json};

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
        let lib = self.lib;
        let (rows, more) = listed(cases, |&i| {
            let c = &lib.cases[i];
            json!({"id": c.id, "title": c.title, "url": urls::case(&c.id)})
        });
        self.list
            .push(json!({"id": id, "label": label, "n": cases.len(), "more": more, "cases": rows}));
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

/// The heat map of field × outcome and its table, with the field and outcome totals.
struct OutcomeMatrix {
    svg: String,
    rows: Vec<Value>,
    field_cells: Vec<Cell>,
    outcome_cells: Vec<Cell>,
}

// Cases lists are registered in `g` in the order the page shows them: each
// part below is called in that order.
fn outcome_matrix(
    g: &mut Groups,
    an: &Analysis,
    field_names: &[String],
    outcome_labels: &[String],
) -> OutcomeMatrix {
    // Field × outcome: the heat map and its table share one set of cells.
    let matrix: Vec<Vec<Cell>> = an
        .fields
        .iter()
        .map(|f| {
            outcome_labels
                .iter()
                .zip(&f.by_outcome)
                .map(|(o, cs)| {
                    g.cell(
                        format!("g-fo-{}-{}", f.slug, id_part(o)),
                        format!("{} · {}", f.name, o),
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
                format!("g-outcome-{}", id_part(o)),
                format!("认定结果：{o}"),
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
        field_names,
        outcome_labels,
        &matrix,
    );
    let matrix_rows: Vec<Value> = an.fields.iter().zip(&matrix).zip(&field_cells).map(|((f, row), total)| {
        json!({"field": f.name, "cells": row.iter().map(cell_json).collect::<Vec<_>>(), "total": cell_json(total)})
    }).collect();

    OutcomeMatrix {
        svg: matrix_svg,
        rows: matrix_rows,
        field_cells,
        outcome_cells,
    }
}

/// Field × quarter as small multiples and its table; the quarter totals.
fn quarter_view(
    g: &mut Groups,
    an: &Analysis,
    field_names: &[String],
    field_cells: &[Cell],
) -> (String, Vec<Value>, Vec<Cell>) {
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
        field_names,
        &qcols,
        &fq,
    );
    let quarter_rows: Vec<Value> = an.fields.iter().zip(&fq).zip(field_cells).map(|((f, row), total)| {
        json!({"field": f.name, "cells": row.iter().map(cell_json).collect::<Vec<_>>(), "total": cell_json(total)})
    }).collect();

    (quarter_svg, quarter_rows, quarter_cells)
}

/// Every risk point as a table row, the busiest as bars.
fn risk_view(g: &mut Groups, lib: &Library, an: &Analysis) -> (Vec<Value>, String) {
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

    (risks, risk_svg)
}

/// The field, outcome and action summaries.
fn summaries(
    g: &mut Groups,
    an: &Analysis,
    m: &OutcomeMatrix,
) -> (Vec<Value>, Vec<Value>, Vec<Value>) {
    let fields: Vec<Value> = an.fields.iter().zip(&m.field_cells).map(|(f, c)| {
        json!({"name": f.name, "cell": cell_json(c), "share": pct(f.share), "concentrated": f.concentrated, "warning_url": warning_url(f), "risks": f.risks.len()})
    }).collect();
    let outcomes: Vec<Value> = an
        .outcomes
        .iter()
        .zip(&m.outcome_cells)
        .map(|((o, _), c)| json!({"label": o, "slug": g.lib.config.outcome_tone(o), "cell": cell_json(c)}))
        .collect();
    let actions: Vec<Value> = an
        .actions
        .iter()
        .map(|(a, cs)| {
            let c = g.cell(
                format!("g-action-{}", id_part(a)),
                format!("执法类别：{a}"),
                cs,
            );
            json!({"label": a, "cell": cell_json(&c)})
        })
        .collect();

    (fields, outcomes, actions)
}

pub fn dashboard(lib: &Library, an: &Analysis) -> Page {
    let mut g = Groups {
        lib,
        list: Vec::new(),
    };
    let field_names: Vec<String> = an.fields.iter().map(|f| f.name.clone()).collect();
    let outcome_labels: Vec<String> = lib.config.outcome_names().map(str::to_string).collect();
    let m = outcome_matrix(&mut g, an, &field_names, &outcome_labels);
    let (quarter_svg, quarter_rows, quarter_cells) =
        quarter_view(&mut g, an, &field_names, &m.field_cells);
    let (risks, risk_svg) = risk_view(&mut g, lib, an);
    let (fields, outcomes, actions) = summaries(&mut g, an, &m);
    let ctx = json!({
        "as_of": an.as_of.to_string(), "total": an.total, "thresholds": thresholds(lib, an),
        "span": {"first": lib.cases.first().map(|c| c.date.to_string()), "last": lib.cases.last().map(|c| c.date.to_string())},
        "charts": {"matrix": m.svg, "quarters": quarter_svg, "risks": risk_svg},
        "outcome_labels": outcome_labels,
        "matrix": {"rows": m.rows, "totals": m.outcome_cells.iter().map(cell_json).collect::<Vec<_>>()},
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
        let all: Vec<_> = an.rectifications.iter().filter(|r| r.state == state).collect();
        let (rows, more) = listed(&all, |r| {
            let c = &lib.cases[r.case];
            let rect = c.rectification.as_ref().expect("rows come from cases with a rectification");
            json!({"case": case_row(lib, c), "required": rect.required, "deadline": rect.deadline.to_string(),
                   "extended_to": rect.extended_to.map(|d| d.to_string()), "completed": rect.completed.map(|d| d.to_string()),
                   "due": r.due.to_string(), "days_overdue": r.days_overdue, "days_left": r.days_left})
        });
        json!({"label": state.label(), "slug": state.slug(), "n": n, "rows": rows, "more": more})
    }).collect();
    json!({"total": an.rectifications.len(), "groups": groups, "overdue": an.rectifications.iter().any(|r| r.state == RectificationState::Overdue)})
}
