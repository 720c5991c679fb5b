//! The built site: deterministic, every link resolves, key fragments as expected.

use super::support::*;

#[test]
fn two_builds_are_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    build(&repo(), &tmp.path().join("a"));
    build(&repo(), &tmp.path().join("b"));
    // tantivy names its segments with random ids, so its own index directory differs
    // between builds; the browser export derived from it must not.
    let a: Vec<_> = files(&tmp.path().join("a"))
        .into_iter()
        .filter(|f| !f.0.starts_with("search/index/"))
        .collect();
    let b: Vec<_> = files(&tmp.path().join("b"))
        .into_iter()
        .filter(|f| !f.0.starts_with("search/index/"))
        .collect();
    assert!(
        a.iter().any(|f| f.0 == "search/meta.js"),
        "the search export is compared too"
    );
    assert!(a.len() > 50);
    assert_eq!(
        a.iter().map(|f| &f.0).collect::<Vec<_>>(),
        b.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for (x, y) in a.iter().zip(&b) {
        assert!(x.1 == y.1, "{} differs between builds", x.0);
    }
}

#[test]
fn bundled_knowledge_base_checks_clean() {
    let out = regkb(&["check", "--root", repo().to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.trim().is_empty(), "no warnings expected:\n{stderr}");
}

/// Resolves `href` relative to the page at `page` (both site-relative).
#[test]
fn every_internal_link_and_fragment_resolves() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&repo(), &out);
    let (checked, broken) = check_links(&out);
    assert!(checked > 1000, "only {checked} links");
    assert!(
        broken.is_empty(),
        "{} broken links:\n{}",
        broken.len(),
        broken.join("\n")
    );
}

fn page(site: &std::path::Path, path: &str) -> String {
    std::fs::read_to_string(site.join(path)).unwrap()
}

/// The HTML element that starts at `start` (an opening tag), through its matching close.
fn element(html: &str, start: &str) -> String {
    let from = html.find(start).unwrap_or_else(|| panic!("no {start}"));
    let tag: String = start[1..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
    let mut depth = 0;
    let mut i = from;
    loop {
        let next_open = html[i + 1..].find(&open).map(|p| p + i + 1);
        let next_close = html[i..].find(&close).map(|p| p + i).expect("closed");
        if i == from {
            depth = 1;
        }
        match next_open {
            Some(o) if o < next_close => {
                depth += 1;
                i = o;
            }
            _ => {
                depth -= 1;
                i = next_close + close.len();
                if depth == 0 {
                    return html[from..i].to_string();
                }
                i -= 1;
            }
        }
    }
}

#[test]
fn key_html_fragments() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&fixture("kb-base"), &out);
    let article = page(&out, "r/rules/art_10.html");
    insta::assert_snapshot!(
        "item_with_annotation_and_cases",
        element(
            &article,
            r#"<li class="point" id="art_10__para_1__point_5">"#
        )
    );
    let case = page(&out, "cases/2025-0/2025-001.html");
    insta::assert_snapshot!("case_meta", element(&case, r#"<table class="meta">"#));
    insta::assert_snapshot!("case_banner", element(&case, r#"<p class="sample-banner""#));
    insta::assert_snapshot!(
        "case_rectification",
        element(&case, r#"<section class="rectification""#)
    );
    let reg = page(&out, "r/rules/index.html");
    insta::assert_snapshot!("regulation_meta", element(&reg, r#"<table class="meta">"#));
    assert!(reg.contains(r#"<li class="point" id="art_9__para_1__point_9">"#));
    assert!(reg.contains(r#"<div class="para" id="art_10__para_2">"#));
}
