//! A regulation with two versions (tests/fixtures/kb-versions: an illustrative
//! amendment of the bundled rules, not the bureau's): every version's pages, the
//! 修改对照表, cases read against the text of their date, located errors, and
//! deterministic rebuilds.

use super::support::*;
use std::path::Path;

fn read(site: &Path, rel: &str) -> String {
    std::fs::read_to_string(site.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn kb(tmp: &Path) -> std::path::PathBuf {
    let root = tmp.join("kb");
    copy_dir(&fixture("kb-versions"), &root);
    root
}

#[test]
fn every_version_has_its_pages_and_the_current_one_is_the_default() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    build(&fixture("kb-versions"), &site);
    // config.toml's as_of is 2026-06-30: the 2026-01-01 text is in force.
    let current = read(&site, "r/rules/index.html");
    assert!(current.contains("第十二条之一") && current.contains("本页为 2026-01-01 起施行的文本"));
    let old = read(&site, "r/rules/v/2024-10-14/art_13.html");
    assert!(
        old.contains("7日内告知") && old.contains("已被修改"),
        "the old text, marked as amended"
    );
    assert!(read(&site, "r/rules/art_13.html").contains("5个工作日内书面告知"));
    for v in ["2024-10-14", "2026-01-01"] {
        assert!(
            site.join(format!("r/rules/v/{v}/index.html")).is_file(),
            "{v}"
        );
    }
    assert!(site.join("r/rules/v/2024-10-14/art_19.html").is_file());
    assert!(
        !site.join("r/rules/art_19.html").exists(),
        "art_19 became art_18"
    );
    assert!(site.join("r/rules/v/2026-01-01/art_12-1.html").is_file());
    // The timeline of 第十三条: the original text, then amended.
    let timeline = read(&site, "r/rules/art_13.html");
    assert!(
        timeline.contains("本条沿革") && timeline.contains("2026-01-01 修改"),
        "timeline"
    );
    let (checked, broken) = check_links(&site);
    assert!(checked > 0 && broken.is_empty(), "{broken:?}");

    // Built as of a day before the amendment, the first text is current and the
    // amendment is listed as not yet in force, never the default.
    let early = tmp.path().join("early");
    let out = regkb(&[
        "build",
        "--root",
        fixture("kb-versions").to_str().unwrap(),
        "--output",
        early.to_str().unwrap(),
        "--as-of",
        "2025-06-30",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let index = read(&early, "r/rules/index.html");
    assert!(
        index.contains("本页为 2024-10-14 起施行的文本")
            && index.contains("2026-01-01（尚未生效）")
    );
    assert!(
        !index.contains("第十二条之一 "),
        "the amendment is not the default text"
    );
}

#[test]
fn the_comparison_marks_characters_and_articles() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    build(&fixture("kb-versions"), &site);
    let html = read(&site, "r/rules/changes.html");
    // 第十三条: "7日内告知" → "5个工作日内书面告知", marked by character.
    assert!(html.contains("<del>7</del>"), "deleted characters");
    assert!(
        html.contains("<ins>5个工作</ins>日内<ins>书面</ins>告知"),
        "inserted characters"
    );
    let rows: Vec<&str> = html
        .split("<tr class=\"change ")
        .skip(1)
        .map(|r| r.split('"').next().unwrap())
        .collect();
    assert_eq!(
        rows,
        ["新增", "修改", "删除", "条号调整"],
        "第十二条之一 added, 第十三条 amended, 第十八条 removed, 第十九条 → 第十八条"
    );
    assert!(html.contains("其余 16 条未修改"));
}

#[test]
fn cases_link_the_text_of_their_date() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    build(&fixture("kb-versions"), &site);
    let before = read(&site, "cases/2025-0/2025-001.html");
    assert!(
        before.contains("href=\"../../r/rules/v/2024-10-14/art_10.html#art_10__para_2\""),
        "a 2025 case links the 2024 text"
    );
    let after = read(&site, "cases/2026-0/2026-001.html");
    assert!(
        after.contains("href=\"../../r/rules/art_12-1.html\""),
        "a 2026 case links the current text"
    );
    // The current article page lists the earlier case too (it applied the same article).
    assert!(read(&site, "r/rules/art_10.html").contains("cases/2025-0/2025-001.html"));
}

#[test]
fn a_clause_cited_before_it_existed_is_a_located_error_naming_the_version() {
    let tmp = tempfile::tempdir().unwrap();
    let root = kb(tmp.path());
    let case = root.join("content/cases/2025-009.md");
    std::fs::write(
        &case,
        "+++\nid = \"2025-009\"\ntitle = \"过早引用案\"\ndate = 2025-05-01\nfield = \"校外培训监管\"\naction = \"其他\"\noutcome = \"不予容错\"\nclauses = [\"第十二条之一\"]\n+++\n## 基本案情\n\n依照第十二条之一处理。\n",
    )
    .unwrap();
    let out = regkb(&["check", "--root", root.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let front = stderr
        .lines()
        .find(|l| l.contains("2025-009.md:8:"))
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(
        front.contains("第十二条之一") && front.contains("2024-10-14 起施行的版本"),
        "{front}"
    );
    assert!(
        stderr.contains("2025-009.md:12:"),
        "the body's citation too:\n{stderr}"
    );
    // The same case judged on the rules at the time of a later conduct: no error.
    let text = std::fs::read_to_string(&case).unwrap();
    std::fs::write(
        &case,
        text.replace(
            "date = 2025-05-01\n",
            "date = 2025-05-01\nconduct_date = 2026-02-01\n",
        ),
    )
    .unwrap();
    let out = regkb(&["check", "--root", root.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn version_files_are_checked() {
    let tmp = tempfile::tempdir().unwrap();
    let root = kb(tmp.path());
    let regs = root.join("content/regulations");
    // The annotation of the first version's 第十三条 warns that it changed.
    let out = regkb(&["check", "--root", root.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("W0525"));
    // A file name whose date is not its effective date, and a version without a first.
    std::fs::rename(
        regs.join("rules.2026-01-01.md"),
        regs.join("rules.2026-02-01.md"),
    )
    .unwrap();
    std::fs::copy(
        regs.join("rules.2026-02-01.md"),
        regs.join("other.2026-01-01.md"),
    )
    .unwrap();
    let out = regkb(&["check", "--root", root.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains("rules.2026-02-01.md:8:1: error: E0520"),
        "{stderr}"
    );
    assert!(
        stderr.contains("other.2026-01-01.md:1:1: error: E0521"),
        "{stderr}"
    );
}

#[test]
fn two_builds_of_a_versioned_library_are_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    build(&fixture("kb-versions"), &a);
    build(&fixture("kb-versions"), &b);
    let keep = |d: &Path| -> Vec<(String, Vec<u8>)> {
        files(d)
            .into_iter()
            .filter(|f| !f.0.starts_with("search/index/"))
            .collect()
    };
    let (x, y) = (keep(&a), keep(&b));
    assert!(x.iter().any(|f| f.0 == "r/rules/changes.html"));
    assert_eq!(x.len(), y.len());
    for (p, q) in x.iter().zip(&y) {
        assert!(p == q, "{} differs between builds", p.0);
    }
}

#[test]
fn search_finds_the_current_text_and_other_versions_when_asked() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    build(&fixture("kb-versions"), &site);
    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["search"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--site", site.to_str().unwrap(), "--json", "--limit", "50"]);
        let out = regkb(&all);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_string())
            .collect()
    };
    let default = ids(&["7日内告知"]);
    assert!(
        default.iter().all(|id| !id.contains('@')),
        "the current text by default: {default:?}"
    );
    let old = ids(&["7日内告知", "--kind", "version"]);
    assert_eq!(
        old.first().map(String::as_str),
        Some("rules@2024-10-14/art_13"),
        "{old:?}"
    );
    // Unchanged articles (第十九条 became 第十八条 word for word) are not repeated.
    assert!(
        !ids(&["正式施行", "--kind", "version"])
            .iter()
            .any(|id| id.ends_with("art_19"))
    );
    assert_eq!(
        ids(&["第十三条"]).first().map(String::as_str),
        Some("art_13"),
        "a clause query lands on the current text"
    );
}
