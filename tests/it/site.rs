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

/// A guide's `home` puts it on one of the home page's three paths; without it the
/// guide is listed only under 指南; any other value is a located error.
#[test]
fn guides_choose_their_home_page_path() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("kb");
    copy_dir(&fixture("kb-base"), &root);
    let guides = root.join("content/guides");
    let procedure = std::fs::read_to_string(guides.join("procedure.md")).unwrap();
    let procedure = procedure.replace("weight = 10\n", "weight = 10\nhome = \"applicants\"\n");
    std::fs::write(guides.join("procedure.md"), &procedure).unwrap();
    let staff = "+++\ntitle = \"执法文书填写要点\"\nhome = \"staff\"\n+++\n按第九条记录。\n";
    std::fs::write(guides.join("writing.md"), staff).unwrap();
    let unlisted = "+++\ntitle = \"本站更新记录\"\n+++\n首次发布。\n";
    std::fs::write(guides.join("changelog.md"), unlisted).unwrap();
    let out = tmp.path().join("site");
    build(&root, &out);
    let home = page(&out, "index.html");
    let paths: Vec<&str> = home
        .split(r#"<div class="path">"#)
        .skip(1)
        .map(|p| p.split("</div>").next().unwrap())
        .collect();
    assert_eq!(paths.len(), 3, "{home}");
    let listed = |p: &str, slug: &str| p.contains(&format!("guides/{slug}.html"));
    assert!(listed(paths[0], "writing") && !listed(paths[0], "procedure"));
    assert!(listed(paths[2], "procedure") && !listed(paths[2], "writing"));
    assert!(!home.contains("guides/changelog.html"));
    assert!(page(&out, "guides.html").contains("guides/changelog.html"));

    let wrong = procedure.replace("home = \"applicants\"", "home = \"public\"");
    std::fs::write(guides.join("procedure.md"), wrong).unwrap();
    let o = regkb(&["check", "--root", root.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("content/guides/procedure.md:4:8: error: E0112")
            && stderr.contains("staff、trainers、applicants"),
        "{stderr}"
    );
}
