//! A knowledge base past the list cap (`render::common::LISTED`, 200): the bundled
//! content plus 250 copies of one of its cases under new ids. Pages that gather
//! cases list 200 per list and say how many more there are; every page is still
//! written and every link resolves.

use super::support::{build, check_links, copy_dir, repo};

const EXTRA: usize = 250;

fn kb_past_the_cap(dir: &std::path::Path) {
    std::fs::create_dir_all(dir).unwrap();
    for part in ["config.toml", "templates"] {
        let from = repo().join(part);
        if from.is_dir() {
            copy_dir(&from, &dir.join(part));
        } else {
            std::fs::copy(&from, dir.join(part)).unwrap();
        }
    }
    copy_dir(&repo().join("content"), &dir.join("content"));
    let case = std::fs::read_to_string(repo().join("content/cases/2025-007.md")).unwrap();
    for i in 0..EXTRA {
        let id = format!("2026-x{i:03}");
        let text = case
            .replacen("id = \"2025-007\"", &format!("id = \"{id}\""), 1)
            .replacen("date = 2025-03-18", "date = 2026-01-05", 1);
        assert_ne!(text, case);
        std::fs::write(dir.join(format!("content/cases/{id}.md")), text).unwrap();
    }
}

fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

#[test]
fn gathering_pages_list_200_and_count_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    let (kb, out) = (tmp.path().join("kb"), tmp.path().join("public"));
    kb_past_the_cap(&kb);
    build(&kb, &out);
    let bundled = std::fs::read_dir(repo().join("content/cases"))
        .unwrap()
        .count();
    let total = bundled + EXTRA;
    // Every case still has its page.
    let pages: usize = std::fs::read_dir(out.join("cases"))
        .unwrap()
        .map(|folder| std::fs::read_dir(folder.unwrap().path()).unwrap().count())
        .sum();
    assert_eq!(pages, total);

    let index = std::fs::read_to_string(out.join("cases.html")).unwrap();
    assert!(
        index.contains(&format!("共 {total} 个案例，下表列出最新的 200 个")),
        "case index head"
    );
    let table =
        &index[index.find("id=\"case-table\"").unwrap()..index.find("id=\"by-field\"").unwrap()];
    assert_eq!(count(table, "<tr"), 201, "200 rows and the header");
    // The copies are all 校外培训监管 / 容错免责: that group and that outcome overflow.
    let in_field = EXTRA + count_field(&kb);
    assert!(index.contains(&format!("校外培训监管（{in_field}）")));
    assert!(index.contains(&format!("另有 {} 个未列出", in_field - 200)));

    let risk = std::fs::read_to_string(out.join("risks/concealed-records.html")).unwrap();
    assert!(
        risk.contains("另有 "),
        "the risk page says how many it leaves out"
    );

    let dashboard = std::fs::read_to_string(out.join("dashboard.html")).unwrap();
    assert!(
        dashboard.contains("未列出"),
        "the dashboard's case lists are capped"
    );

    let (links, broken) = check_links(&out);
    assert!(links > 0);
    assert!(broken.is_empty(), "broken links: {broken:?}");
}

/// Bundled cases in the copies' field (校外培训监管), which share its group.
fn count_field(kb: &std::path::Path) -> usize {
    std::fs::read_dir(kb.join("content/cases"))
        .unwrap()
        .filter_map(|e| std::fs::read_to_string(e.unwrap().path()).ok())
        .filter(|t| t.contains("field = \"校外培训监管\"") && !t.contains("id = \"2026-x"))
        .count()
}

/// A rebuild links the files that did not change from the site it replaces (the
/// same inode) and writes the ones that did; the new site is right either way.
#[test]
fn a_rebuild_links_unchanged_files_and_writes_changed_ones() {
    use std::os::unix::fs::MetadataExt;
    let tmp = tempfile::tempdir().unwrap();
    let (kb, out) = (tmp.path().join("kb"), tmp.path().join("public"));
    std::fs::create_dir_all(&kb).unwrap();
    std::fs::copy(repo().join("config.toml"), kb.join("config.toml")).unwrap();
    copy_dir(&repo().join("content"), &kb.join("content"));
    build(&kb, &out);
    let ino = |rel: &str| std::fs::metadata(out.join(rel)).unwrap().ino();
    let (guide, case, cases_js) = (
        ino("guides.html"),
        ino("cases/2025-0/2025-007.html"),
        ino("search/cases.js"),
    );
    let path = kb.join("content/cases/2025-007.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = text.replacen("## 基本案情\n", "## 基本案情\n\n改动后的一句话。\n", 1);
    assert_ne!(edited, text);
    std::fs::write(&path, edited).unwrap();
    build(&kb, &out);
    assert_eq!(ino("guides.html"), guide, "an unchanged page is linked");
    assert_eq!(
        ino("search/cases.js"),
        cases_js,
        "an unchanged export file is linked"
    );
    assert_ne!(
        ino("cases/2025-0/2025-007.html"),
        case,
        "the edited case is written anew"
    );
    let page = std::fs::read_to_string(out.join("cases/2025-0/2025-007.html")).unwrap();
    assert!(page.contains("改动后的一句话。"));
}
