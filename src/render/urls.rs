//! Where each page lives, relative to the site root. Pages link with relative
//! URLs (`root` + one of these), so the site works from file:// and any sub-path.

use crate::library::{ClauseKey, Library};

pub fn regulation(slug: &str) -> String {
    format!("r/{slug}/index.html")
}

pub fn article(slug: &str, article_eid: &str) -> String {
    format!("r/{slug}/{article_eid}.html")
}

/// A clause on its article's page: `r/xilingol/art_10.html#art_10__para_1__point_5`.
pub fn clause(lib: &Library, key: &ClauseKey) -> String {
    let slug = &lib.regulation(key).slug;
    if !key.eid.starts_with("art_") {
        return format!("{}#{}", regulation(slug), key.eid);
    }
    let art = Library::article_of(key);
    if art.eid == key.eid {
        article(slug, &art.eid)
    } else {
        format!("{}#{}", article(slug, &art.eid), key.eid)
    }
}

pub fn case(id: &str) -> String {
    format!("cases/{id}.html")
}

pub fn risk(id: &str) -> String {
    format!("risks/{id}.html")
}

pub fn guide(slug: &str) -> String {
    format!("guides/{slug}.html")
}

/// How many folders deep a page is, as a relative prefix back to the root.
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}
