//! What the page builders share: the context every page gets, and a case as
//! one row of a list. (Both `pages` and the analysis pages use them; neither
//! imports the other.)

use super::{Page, urls};
use crate::library::{Case, Library};
use serde_json::{Value, json};

/// A page with the context every template gets: site, root, nav, page title.
pub fn page(
    lib: &Library,
    path: String,
    template: &'static str,
    title: &str,
    nav: &str,
    mut ctx: Value,
) -> Page {
    let root = urls::root_of(&path);
    let obj = ctx.as_object_mut().expect("contexts are objects");
    obj.insert(
        "site".into(),
        json!({"title": lib.config.title, "description": lib.config.description,
               "samples": lib.samples, "basis": lib.config.analysis.basis,
               "selfcheck": lib.selfcheck.as_ref().map(|s| &s.title),
               "training": !lib.lessons.is_empty() || !lib.questions.is_empty(),
               "example_clause": example_clause(lib)}),
    );
    obj.insert("root".into(), json!(root));
    obj.insert("nav".into(), json!(nav));
    obj.insert("page_title".into(), json!(title));
    obj.insert("reg_url".into(), json!(urls::regulation_of(lib, 0)));
    Page {
        path,
        template,
        context: ctx,
    }
}

/// A clause to show in search hints: the first outcome's first ground, else 第一条.
fn example_clause(lib: &Library) -> String {
    lib.outcome_grounds
        .iter()
        .flatten()
        .next()
        .map(|k| lib.label(k))
        .or_else(|| {
            lib.regulations[0]
                .tree
                .articles
                .first()
                .map(|a| a.num.clone())
        })
        .unwrap_or_default()
}

/// Pages that gather cases (the case index, the statistics, warnings, risk points)
/// list at most this many per list and say how many more there are, so that a
/// page stays readable and its size bounded at 100,000 cases; every case stays
/// reachable from its own page, the search page's filters and the finder.
pub const LISTED: usize = 200;

/// The first `LISTED` of `items`, made by `f`, and how many were left out.
pub fn listed<T>(items: &[T], f: impl Fn(&T) -> Value) -> (Vec<Value>, usize) {
    let shown = items.len().min(LISTED);
    (items[..shown].iter().map(f).collect(), items.len() - shown)
}

pub fn case_row(lib: &Library, c: &Case) -> Value {
    json!({"id": c.id, "title": c.title, "url": urls::case(&c.id), "date": c.date.to_string(), "field": c.field,
           "outcome": c.outcome.as_str(), "outcome_slug": lib.config.outcome_tone(&c.outcome), "sample": c.sample, "action": c.action.as_str()})
}
