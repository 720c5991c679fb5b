//! Where each page lives, relative to the site root. Pages link with relative
//! URLs (`root` + one of these), so the site works from file:// and any sub-path.

use crate::library::{ClauseKey, Library};

/// The folder of one version of a regulation: `r/<slug>/` for the current text,
/// `r/<slug>/v/<effective>/` for every version (the current one included).
pub fn version_dir(lib: &Library, ri: usize, pinned: bool) -> String {
    let reg = &lib.regulations[ri];
    if reg.current && !pinned {
        format!("r/{}/", reg.slug)
    } else {
        format!("r/{}/v/{}/", reg.slug, reg.front.effective)
    }
}

/// The full text of regulation `ri` (its version's page when it is not current).
pub fn regulation_of(lib: &Library, ri: usize) -> String {
    format!("{}index.html", version_dir(lib, ri, false))
}

/// An article of regulation `ri` (its version's page when it is not current).
pub fn article_of(lib: &Library, ri: usize, article_eid: &str) -> String {
    format!("{}{article_eid}.html", version_dir(lib, ri, false))
}

/// The comparison of a regulation's versions (修改对照表).
pub fn changes(slug: &str) -> String {
    format!("r/{slug}/changes.html")
}

/// A clause on its article's page: `r/xilingol/art_10.html#art_10__para_1__point_5`;
/// a clause of an earlier (or a later) version on that version's page.
pub fn clause(lib: &Library, key: &ClauseKey) -> String {
    if !key.eid.starts_with("art_") {
        return format!("{}#{}", regulation_of(lib, key.regulation), key.eid);
    }
    let art = Library::article_of(key);
    let page = article_of(lib, key.regulation, &art.eid);
    if art.eid == key.eid {
        page
    } else {
        format!("{page}#{}", key.eid)
    }
}

/// A case's page, in a folder of at most a hundred or so cases: the folder is the
/// id without its last two characters (`cases/2025-0/2025-001.html`). One flat
/// `cases/` folder cannot be copied to a FAT32 stick beyond ~21,800 cases (a FAT
/// directory holds 65,536 entries, a long name takes several), and thousands of
/// names sharing their first six characters make FAT tools slow (8.3 aliases).
pub fn case(id: &str) -> String {
    format!("cases/{}/{id}.html", case_folder(id))
}

/// The folder of a case page under `cases/`: stable for an id, never empty, and
/// not ending in `.` (which FAT and Windows drop from names).
pub fn case_folder(id: &str) -> &str {
    let keep = id.char_indices().rev().nth(1).map_or(0, |(i, _)| i);
    match id[..keep].trim_end_matches('.') {
        "" => "_",
        folder => folder,
    }
}

pub fn risk(id: &str) -> String {
    format!("risks/{id}.html")
}

pub fn guide(slug: &str) -> String {
    format!("guides/{slug}.html")
}

/// A lesson's presenter page.
pub fn lesson(slug: &str) -> String {
    format!("training/{slug}.html")
}

/// How many folders deep a page is, as a relative prefix back to the root.
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_pages_are_grouped_by_all_but_the_last_two_characters() {
        assert_eq!(case("2025-001"), "cases/2025-0/2025-001.html");
        assert_eq!(case("2025-s01234"), "cases/2025-s012/2025-s01234.html");
        assert_eq!(case("食品安全12"), "cases/食品安全/食品安全12.html");
        assert_eq!(case("ab"), "cases/_/ab.html");
        assert_eq!(case("x"), "cases/_/x.html");
        assert_eq!(case("a.b.12"), "cases/a.b/a.b.12.html");
        assert_eq!(root_of(&case("2025-001")), "../../");
    }
}
