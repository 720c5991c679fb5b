//! The whole library as one JSON document (`docs/export.schema.json`): the
//! regulations' trees with their front matter, annotations, cases, risk points,
//! guides and the statistics, every clause named by regulation slug and eId.

use super::sections::{Section, sections};
use crate::analysis::Analysis;
use crate::content::date::Date;
use crate::library::resolve::Target;
use crate::library::{ClauseKey, Library, Text};
use crate::markdown::plain_text;
use crate::regulation::Regulation;
use serde::Serialize;

/// The format's name and version, the first keys of every export.
pub const FORMAT: &str = "regkb-export";
pub const VERSION: u32 = 1;

#[derive(Serialize)]
pub struct Export<'a> {
    pub format: &'static str,
    pub version: u32,
    pub site: Site<'a>,
    /// The date rectification states are computed on (`--as-of`).
    pub as_of: Date,
    pub regulations: Vec<RegulationOut<'a>>,
    pub annotations: Vec<AnnotationOut<'a>>,
    pub cases: Vec<CaseOut<'a>>,
    pub risks: Vec<RiskOut<'a>>,
    pub guides: Vec<GuideOut<'a>>,
    pub statistics: Statistics<'a>,
}

#[derive(Serialize)]
pub struct Site<'a> {
    pub title: &'a str,
    pub description: &'a str,
    /// The slug of the regulation a bare 第十条 refers to.
    pub default_regulation: &'a str,
}

#[derive(Serialize)]
pub struct RegulationOut<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub issuer: &'a str,
    pub doc_number: &'a str,
    pub index_no: &'a str,
    pub issued: Date,
    pub published: Date,
    pub effective: Date,
    pub status: &'a str,
    pub repealed: Option<Date>,
    pub aliases: &'a [String],
    /// The Akoma Ntoso work IRI `regkb export akn` writes for it.
    pub akn_work: String,
    pub tree: &'a Regulation,
    /// Every version by effective date (the current text is one of them); one entry
    /// for a regulation never amended.
    pub versions: Vec<VersionOut<'a>>,
}

/// One version of a regulation (`content/regulations/<slug>.<effective>.md`).
#[derive(Serialize)]
pub struct VersionOut<'a> {
    pub effective: Date,
    pub current: bool,
    pub amended_by: Option<&'a str>,
    pub renumbered: &'a std::collections::BTreeMap<String, String>,
    /// The Akoma Ntoso expression IRI of this version.
    pub akn_expression: String,
    pub tree: &'a Regulation,
}

/// A clause: its regulation's slug, its eId and how the rules cite it.
#[derive(Serialize, Clone, PartialEq)]
pub struct ClauseOut<'a> {
    pub regulation: &'a str,
    /// The `effective` date of the version the clause is read in (a case is read
    /// against the text in force on its date).
    pub version: Date,
    pub eid: &'a str,
    pub label: String,
}

#[derive(Serialize)]
pub struct AnnotationOut<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub clause: ClauseOut<'a>,
    #[serde(flatten)]
    pub body: Body<'a>,
}

/// A Markdown body: as written, as plain text, and the clauses it cites.
#[derive(Serialize)]
pub struct Body<'a> {
    pub markdown: &'a str,
    pub text: String,
    pub cites: Vec<ClauseOut<'a>>,
}

#[derive(Serialize)]
pub struct CaseOut<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub date: Date,
    pub field: &'a str,
    pub action: &'a str,
    pub outcome: &'a str,
    pub sample: bool,
    pub clauses: Vec<ClauseOut<'a>>,
    pub risk_points: &'a [String],
    pub rectification: Option<RectificationOut<'a>>,
    /// The `## ` sections of the body (基本案情, 认定理由, …), in order.
    pub sections: Vec<Section>,
    #[serde(flatten)]
    pub body: Body<'a>,
}

#[derive(Serialize)]
pub struct RectificationOut<'a> {
    pub required: &'a str,
    pub deadline: Date,
    pub extended_to: Option<Date>,
    pub completed: Option<Date>,
    /// open | extended | overdue | completed, on `as_of`.
    pub state: &'static str,
}

#[derive(Serialize)]
pub struct RiskOut<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub field: &'a str,
    pub level: &'static str,
    pub clauses: Vec<ClauseOut<'a>>,
    /// Ids of the cases that name it, by date then id.
    pub cases: Vec<&'a str>,
    #[serde(flatten)]
    pub body: Body<'a>,
}

#[derive(Serialize)]
pub struct GuideOut<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub weight: i64,
    #[serde(flatten)]
    pub body: Body<'a>,
}

/// What the dashboard shows (`analysis`), with case indexes turned into ids.
#[derive(Serialize)]
pub struct Statistics<'a> {
    /// The clause the statistics rest on (config.toml's `analysis.basis`).
    pub basis: Option<&'a str>,
    pub total: usize,
    pub recurrence_cases: usize,
    pub recurrence_months: u32,
    pub concentration_ratio: f64,
    pub fields: Vec<FieldOut<'a>>,
    pub outcomes: Vec<Group<'a>>,
    pub actions: Vec<Group<'a>>,
    pub quarters: Vec<QuarterOut<'a>>,
    pub risks: Vec<RiskStatOut<'a>>,
    pub rectifications: Vec<RectificationRowOut<'a>>,
}

/// A named group of cases (an outcome, an action).
#[derive(Serialize)]
pub struct Group<'a> {
    pub name: &'a str,
    pub cases: Vec<&'a str>,
}

#[derive(Serialize)]
pub struct FieldOut<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub cases: Vec<&'a str>,
    pub share: f64,
    pub concentrated: bool,
    pub by_outcome: Vec<Group<'a>>,
    /// Ids of the risk points in this field.
    pub risks: Vec<&'a str>,
}

#[derive(Serialize)]
pub struct QuarterOut<'a> {
    /// `2025Q3`
    pub key: String,
    pub label: String,
    pub cases: Vec<&'a str>,
}

#[derive(Serialize)]
pub struct RiskStatOut<'a> {
    pub risk: &'a str,
    pub cases: Vec<&'a str>,
    pub recurring: bool,
    pub busiest: Option<WindowOut<'a>>,
}

#[derive(Serialize)]
pub struct WindowOut<'a> {
    pub first: Date,
    pub last: Date,
    pub months: u32,
    pub cases: Vec<&'a str>,
}

#[derive(Serialize)]
pub struct RectificationRowOut<'a> {
    pub case: &'a str,
    pub state: &'static str,
    pub due: Date,
    pub days_overdue: Option<i64>,
    pub days_left: Option<i64>,
}

/// The export of a library and its statistics.
pub fn export<'a>(lib: &'a Library, an: &'a Analysis) -> Export<'a> {
    Export {
        format: FORMAT,
        version: VERSION,
        site: Site {
            title: &lib.config.title,
            description: &lib.config.description,
            default_regulation: lib.regulations.first().map_or("", |r| r.slug.as_str()),
        },
        as_of: an.as_of,
        regulations: lib
            .regulations
            .iter()
            .filter(|r| r.current)
            .map(|r| RegulationOut {
                slug: &r.slug,
                title: &r.front.title,
                issuer: &r.front.issuer,
                doc_number: &r.front.doc_number,
                index_no: &r.front.index_no,
                issued: r.front.issued,
                published: r.front.published,
                effective: r.front.effective,
                status: &r.front.status,
                repealed: r.front.repealed,
                aliases: &r.front.aliases,
                akn_work: super::akn_work(lib, r),
                tree: &r.tree,
                versions: r
                    .versions
                    .iter()
                    .map(|&v| &lib.regulations[v])
                    .chain(r.versions.is_empty().then_some(r))
                    .map(|v| VersionOut {
                        effective: v.front.effective,
                        current: v.current,
                        amended_by: v.front.amended_by.as_deref(),
                        renumbered: &v.front.renumbered,
                        akn_expression: format!(
                            "{}/{}@{}",
                            super::akn_work(lib, r),
                            super::akn::LANGUAGE,
                            v.front.effective
                        ),
                        tree: &v.tree,
                    })
                    .collect(),
            })
            .collect(),
        annotations: lib
            .annotations
            .iter()
            .map(|a| AnnotationOut {
                slug: &a.slug,
                title: &a.title,
                clause: clause(lib, &a.target),
                body: body(lib, &a.body),
            })
            .collect(),
        cases: lib.cases.iter().map(|c| case(lib, c, an.as_of)).collect(),
        risks: lib
            .risks
            .iter()
            .map(|r| RiskOut {
                id: &r.id,
                title: &r.title,
                field: &r.field,
                level: r.level.label(),
                clauses: r.clauses.iter().map(|k| clause(lib, k)).collect(),
                cases: {
                    let mut cases = r.cases.clone();
                    cases.sort_unstable();
                    cases.dedup();
                    cases.iter().map(|&i| lib.cases[i].id.as_str()).collect()
                },
                body: body(lib, &r.body),
            })
            .collect(),
        guides: lib
            .guides
            .iter()
            .map(|g| GuideOut {
                slug: &g.slug,
                title: &g.title,
                weight: g.weight,
                body: body(lib, &g.body),
            })
            .collect(),
        statistics: statistics(lib, an),
    }
}

pub fn clause<'a>(lib: &'a Library, key: &'a ClauseKey) -> ClauseOut<'a> {
    ClauseOut {
        regulation: &lib.regulation(key).slug,
        version: lib.regulation(key).front.effective,
        eid: &key.eid,
        label: lib.label(key),
    }
}

/// A body with the clauses its citations resolved to (by the loader), each once,
/// in the order first cited.
pub fn body<'a>(lib: &'a Library, text: &'a Text) -> Body<'a> {
    let mut cites: Vec<ClauseOut> = Vec::new();
    for found in text.links.iter().flatten() {
        if let Ok(Target::Clauses(keys)) = &found.target {
            for k in keys {
                let c = clause(lib, k);
                if !cites.contains(&c) {
                    cites.push(c);
                }
            }
        }
    }
    Body {
        markdown: &text.markdown,
        text: plain_text(&text.markdown),
        cites,
    }
}

fn case<'a>(lib: &'a Library, c: &'a crate::library::Case, as_of: Date) -> CaseOut<'a> {
    CaseOut {
        id: &c.id,
        title: &c.title,
        date: c.date,
        field: &c.field,
        action: &c.action,
        outcome: &c.outcome,
        sample: c.sample,
        clauses: c.clauses.iter().map(|k| clause(lib, k)).collect(),
        risk_points: &c.risk_points,
        rectification: c.rectification.as_ref().map(|r| RectificationOut {
            required: &r.required,
            deadline: r.deadline,
            extended_to: r.extended_to,
            completed: r.completed,
            state: r.state(as_of).slug(),
        }),
        sections: sections(&c.body.markdown),
        body: body(lib, &c.body),
    }
}

fn statistics<'a>(lib: &'a Library, an: &'a Analysis) -> Statistics<'a> {
    let ids =
        |v: &[usize]| -> Vec<&'a str> { v.iter().map(|&i| lib.cases[i].id.as_str()).collect() };
    let cfg = &lib.config.analysis;
    Statistics {
        basis: cfg.basis.as_deref(),
        total: an.total,
        recurrence_cases: cfg.recurrence_cases,
        recurrence_months: cfg.recurrence_months,
        concentration_ratio: cfg.concentration_ratio,
        fields: an
            .fields
            .iter()
            .map(|f| FieldOut {
                name: &f.name,
                slug: &f.slug,
                cases: ids(&f.cases),
                share: f.share,
                concentrated: f.concentrated,
                by_outcome: lib
                    .config
                    .outcome_names()
                    .zip(&f.by_outcome)
                    .map(|(name, cases)| Group {
                        name,
                        cases: ids(cases),
                    })
                    .collect(),
                risks: f.risks.iter().map(|&r| lib.risks[r].id.as_str()).collect(),
            })
            .collect(),
        outcomes: an
            .outcomes
            .iter()
            .map(|(name, cases)| Group {
                name,
                cases: ids(cases),
            })
            .collect(),
        actions: an
            .actions
            .iter()
            .map(|(name, cases)| Group {
                name,
                cases: ids(cases),
            })
            .collect(),
        quarters: an
            .quarters
            .iter()
            .map(|q| QuarterOut {
                key: q.key(),
                label: q.label(),
                cases: ids(&q.cases),
            })
            .collect(),
        risks: an
            .risks
            .iter()
            .map(|r| RiskStatOut {
                risk: &lib.risks[r.risk].id,
                cases: ids(&r.cases),
                recurring: r.recurring,
                busiest: r.busiest.as_ref().map(|w| WindowOut {
                    first: w.first,
                    last: w.last,
                    months: w.months,
                    cases: ids(&w.cases),
                }),
            })
            .collect(),
        rectifications: an
            .rectifications
            .iter()
            .map(|r| RectificationRowOut {
                case: &lib.cases[r.case].id,
                state: r.state.slug(),
                due: r.due,
                days_overdue: r.days_overdue,
                days_left: r.days_left,
            })
            .collect(),
    }
}
