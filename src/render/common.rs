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
    let default = &lib.regulations[0];
    let obj = ctx.as_object_mut().expect("contexts are objects");
    obj.insert(
        "site".into(),
        json!({"title": lib.config.title, "description": lib.config.description}),
    );
    obj.insert("root".into(), json!(root));
    obj.insert("nav".into(), json!(nav));
    obj.insert("page_title".into(), json!(title));
    obj.insert("reg_url".into(), json!(urls::regulation(&default.slug)));
    Page {
        path,
        template,
        context: ctx,
    }
}

pub fn case_row(lib: &Library, c: &Case) -> Value {
    let _ = lib;
    json!({"id": c.id, "title": c.title, "url": urls::case(&c.id), "date": c.date.to_string(), "field": c.field,
           "outcome": c.outcome.label(), "outcome_slug": c.outcome.slug(), "sample": c.sample, "action": c.action.label()})
}
