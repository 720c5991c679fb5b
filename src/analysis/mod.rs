//! The statistics (第十七条 in the bundled rules; `analysis.basis`): case statistics by risk point, field, action, outcome and
//! quarter; the 频繁出现 / 集中出现 flags; rectification states on a date. A pure
//! function of the library (and the as-of date), computed once per build.

pub mod charts;

use crate::config::AnalysisConfig;
use crate::content::date::Date;
use crate::content::kinds::RectificationState;
use crate::library::Library;
use std::collections::BTreeMap;

/// Everything the dashboard, the risk pages and the warnings show. Case lists are
/// indexes into `Library::cases`, ascending — that is, by date then id.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    pub as_of: Date,
    pub total: usize,
    /// Every field a case or a risk point names; most cases first, ties by name,
    /// so the concentrated fields lead every table.
    pub fields: Vec<FieldStat>,
    /// In config.toml's order of outcomes.
    pub outcomes: Vec<(String, Vec<usize>)>,
    /// In config.toml's order of actions.
    pub actions: Vec<(String, Vec<usize>)>,
    /// Every quarter from the first case's to the last case's, empty ones included,
    /// so a gap shows as a gap in the chart.
    pub quarters: Vec<Quarter>,
    /// In `Library::risks` order (by id).
    pub risks: Vec<RiskStat>,
    /// Overdue, extended, open, completed; within a state by due date, then case id.
    pub rectifications: Vec<RectificationRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FieldStat {
    pub name: String,
    /// A stable file name for the field's warning page (see `field_slug`).
    pub slug: String,
    pub cases: Vec<usize>,
    /// Parallel to config.toml's outcomes.
    pub by_outcome: Vec<Vec<usize>>,
    /// Parallel to `Analysis::quarters`.
    pub by_quarter: Vec<Vec<usize>>,
    /// Indexes into `Library::risks` of the risk points in this field.
    pub risks: Vec<usize>,
    /// This field's cases as a share of all cases, 0.0 when there are none.
    pub share: f64,
    /// 集中出现: share ≥ concentration_ratio × the mean share over all fields.
    pub concentrated: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quarter {
    pub year: i32,
    /// 1 to 4.
    pub q: u32,
    pub cases: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RiskStat {
    /// Index into `Library::risks`.
    pub risk: usize,
    pub cases: Vec<usize>,
    /// The window of `recurrence_months` months holding the most of its cases
    /// (the earliest such window on a tie); `None` without cases.
    pub busiest: Option<Window>,
    /// 频繁出现: the busiest window holds at least `recurrence_cases` cases.
    pub recurring: bool,
}

/// Months starting on a case's date: `first` to `last`, both inclusive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    pub first: Date,
    pub last: Date,
    pub months: u32,
    pub cases: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RectificationRow {
    pub case: usize,
    pub state: RectificationState,
    /// The extended deadline if there is one, else the deadline.
    pub due: Date,
    /// Days past `due` on the as-of date, for overdue rows.
    pub days_overdue: Option<i64>,
    /// Days left until `due` (0 on the day itself), for open and extended rows.
    pub days_left: Option<i64>,
}

impl Quarter {
    /// `2025Q3`, as `Date::quarter` writes it; ASCII so it can go into an id.
    pub fn key(&self) -> String {
        format!("{}Q{}", self.year, self.q)
    }

    /// 一季度 … 四季度.
    pub fn name(&self) -> &'static str {
        ["一季度", "二季度", "三季度", "四季度"][(self.q - 1) as usize]
    }

    pub fn label(&self) -> String {
        format!("{}年{}", self.year, self.name())
    }
}

impl Analysis {
    pub fn compute(lib: &Library, as_of: Date) -> Analysis {
        let total = lib.cases.len();
        let quarters = quarters(lib);
        let fields = field_stats(lib, &quarters);

        let outcomes = lib
            .config
            .outcome_names()
            .map(|o| {
                (
                    o.to_string(),
                    (0..total).filter(|&i| lib.cases[i].outcome == o).collect(),
                )
            })
            .collect();
        let actions = lib
            .config
            .action_names()
            .map(|a| {
                (
                    a.to_string(),
                    (0..total).filter(|&i| lib.cases[i].action == a).collect(),
                )
            })
            .collect();

        let risks = risk_stats(lib);

        Analysis {
            as_of,
            total,
            fields,
            outcomes,
            actions,
            quarters,
            risks,
            rectifications: rectifications(lib, as_of),
        }
    }

    pub fn field(&self, name: &str) -> Option<&FieldStat> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// Risk points with at least one case, most cases first, ties by title then id.
    pub fn top_risks(&self, lib: &Library, limit: usize) -> Vec<&RiskStat> {
        let mut v: Vec<&RiskStat> = self.risks.iter().filter(|r| !r.cases.is_empty()).collect();
        v.sort_by(|a, b| {
            let (ra, rb) = (&lib.risks[a.risk], &lib.risks[b.risk]);
            b.cases
                .len()
                .cmp(&a.cases.len())
                .then_with(|| ra.title.cmp(&rb.title))
                .then_with(|| ra.id.cmp(&rb.id))
        });
        v.truncate(limit);
        v
    }

    /// How many rectifications are in each state, in `RectificationState::ALL` order.
    pub fn rectification_counts(&self) -> Vec<(RectificationState, usize)> {
        RectificationState::ALL
            .iter()
            .map(|&s| {
                (
                    s,
                    self.rectifications.iter().filter(|r| r.state == s).count(),
                )
            })
            .collect()
    }
}

/// One row per field a case or a risk point names, most cases first, ties by name.
fn field_stats(lib: &Library, quarters: &[Quarter]) -> Vec<FieldStat> {
    let cfg = &lib.config.analysis;
    let total = lib.cases.len();
    let qpos = |i: usize| {
        let d = lib.cases[i].date;
        let (y, q) = year_quarter(d);
        quarters
            .iter()
            .position(|x| x.year == y && x.q == q)
            .expect("every case's quarter is in range")
    };

    let mut names: BTreeMap<&str, ()> = BTreeMap::new();
    for n in lib
        .cases
        .iter()
        .map(|c| c.field.as_str())
        .chain(lib.risks.iter().map(|r| r.field.as_str()))
    {
        names.insert(n, ());
    }
    let field_count = names.len();
    let mut fields: Vec<FieldStat> = names
        .keys()
        .map(|&name| {
            let cases: Vec<usize> = (0..total).filter(|&i| lib.cases[i].field == name).collect();
            let by_outcome = lib
                .config
                .outcome_names()
                .map(|o| {
                    cases
                        .iter()
                        .copied()
                        .filter(|&i| lib.cases[i].outcome == o)
                        .collect()
                })
                .collect();
            let mut by_quarter = vec![Vec::new(); quarters.len()];
            for &i in &cases {
                by_quarter[qpos(i)].push(i);
            }
            let share = if total == 0 {
                0.0
            } else {
                cases.len() as f64 / total as f64
            };
            FieldStat {
                name: name.to_string(),
                slug: field_slug(name),
                risks: (0..lib.risks.len())
                    .filter(|&r| lib.risks[r].field == name)
                    .collect(),
                concentrated: concentrated(cases.len(), total, field_count, cfg),
                cases,
                by_outcome,
                by_quarter,
                share,
            }
        })
        .collect();
    fields.sort_by(|a, b| {
        b.cases
            .len()
            .cmp(&a.cases.len())
            .then_with(|| a.name.cmp(&b.name))
    });
    fields
}

/// One row per risk point, in the library's order, with its busiest window.
fn risk_stats(lib: &Library) -> Vec<RiskStat> {
    let cfg = &lib.config.analysis;
    (0..lib.risks.len())
        .map(|r| {
            let mut cases = lib.risks[r].cases.clone();
            cases.sort_unstable();
            cases.dedup();
            let busiest = busiest_window(lib, &cases, cfg.recurrence_months);
            let recurring = busiest
                .as_ref()
                .is_some_and(|w| w.cases.len() >= cfg.recurrence_cases);
            RiskStat {
                risk: r,
                cases,
                busiest,
                recurring,
            }
        })
        .collect()
}

/// Compared in integers (count × fields against ratio × total) so that a share
/// exactly on the threshold is not lost to rounding of 1/3 and the like.
fn concentrated(count: usize, total: usize, fields: usize, cfg: &AnalysisConfig) -> bool {
    count > 0 && (count * fields) as f64 >= cfg.concentration_ratio * total as f64
}

/// The window [d, d + months) starting at each case's date; the one holding the
/// most cases wins, the earliest on a tie. A case exactly `months` later falls
/// outside: "within twelve months" of 2025-05-20 ends on 2026-05-19.
fn busiest_window(lib: &Library, cases: &[usize], months: u32) -> Option<Window> {
    let mut best: Option<Window> = None;
    for (k, &start) in cases.iter().enumerate() {
        let first = lib.cases[start].date;
        let end = first.add_months(months);
        let inside: Vec<usize> = cases[k..]
            .iter()
            .copied()
            .filter(|&i| lib.cases[i].date < end)
            .collect();
        if best.as_ref().is_none_or(|b| inside.len() > b.cases.len()) {
            let last = Date(end.0.pred_opt().unwrap_or(end.0));
            best = Some(Window {
                first,
                last,
                months,
                cases: inside,
            });
        }
    }
    best
}

fn year_quarter(d: Date) -> (i32, u32) {
    (d.year(), (chrono::Datelike::month(&d.0) - 1) / 3 + 1)
}

fn quarters(lib: &Library) -> Vec<Quarter> {
    let (Some(first), Some(last)) = (
        lib.cases.iter().map(|c| c.date).min(),
        lib.cases.iter().map(|c| c.date).max(),
    ) else {
        return Vec::new();
    };
    let (mut y, mut q) = year_quarter(first);
    let end = year_quarter(last);
    let mut out = Vec::new();
    loop {
        let cases = (0..lib.cases.len())
            .filter(|&i| year_quarter(lib.cases[i].date) == (y, q))
            .collect();
        out.push(Quarter { year: y, q, cases });
        if (y, q) >= end {
            break;
        }
        (y, q) = if q == 4 { (y + 1, 1) } else { (y, q + 1) };
    }
    out
}

fn rectifications(lib: &Library, as_of: Date) -> Vec<RectificationRow> {
    let mut rows: Vec<RectificationRow> = lib
        .cases
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.rectification.as_ref().map(|r| (i, r)))
        .map(|(case, r)| {
            let state = r.state(as_of);
            let due = r.extended_to.unwrap_or(r.deadline);
            let days = (as_of.0 - due.0).num_days();
            RectificationRow {
                case,
                state,
                due,
                days_overdue: (state == RectificationState::Overdue).then_some(days),
                days_left: matches!(
                    state,
                    RectificationState::Open | RectificationState::Extended
                )
                .then_some(-days),
            }
        })
        .collect();
    let rank = |s: RectificationState| RectificationState::ALL.iter().position(|x| *x == s);
    rows.sort_by(|a, b| {
        (rank(a.state), a.due, &lib.cases[a.case].id).cmp(&(
            rank(b.state),
            b.due,
            &lib.cases[b.case].id,
        ))
    });
    rows
}

/// A file name for a field's pages that stays the same when other fields come
/// and go (unlike a position in the sorted list): FNV-1a of the UTF-8 name.
/// Chinese file names are avoided because share drives and zip tools mangle them.
pub fn field_slug(name: &str) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in name.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("f{h:08x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_slug_is_stable_and_distinct() {
        // Pinned: changing the hash would break every saved link to a warning.
        assert_eq!(field_slug(""), "f811c9dc5");
        assert_eq!(field_slug("a"), "fe40c292c");
        assert_ne!(field_slug("校园安全"), field_slug("招生入学"));
    }

    #[test]
    fn concentration_threshold_is_inclusive() {
        let cfg = AnalysisConfig::default();
        // 9 of 36 over 6 fields: share 0.25 = 1.5 × (1/6) exactly.
        assert!(concentrated(9, 36, 6, &cfg));
        assert!(!concentrated(8, 36, 6, &cfg));
        assert!(!concentrated(0, 0, 1, &cfg));
    }

    #[test]
    fn quarter_labels() {
        let q = Quarter {
            year: 2025,
            q: 4,
            cases: vec![],
        };
        assert_eq!(
            (q.key(), q.label()),
            ("2025Q4".to_string(), "2025年四季度".to_string())
        );
    }
}
