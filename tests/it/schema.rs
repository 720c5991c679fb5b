//! Any bureau, any regulation: a second knowledge base (tests/fixtures/kb-other, a
//! market-regulation rule with its own fields and outcomes, cases filed in year
//! folders, one real case, no self-check) builds with nothing of the bundled rules.

use super::support::*;

fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&fixture("kb-other"), &out);
    (tmp, out)
}

fn text_files(out: &std::path::Path) -> Vec<(String, String)> {
    files(out)
        .into_iter()
        .filter(|(p, _)| !p.starts_with("search/index/"))
        .filter_map(|(p, b)| String::from_utf8(b).ok().map(|t| (p, t)))
        .collect()
}

#[test]
fn another_regulation_builds_with_every_link_resolving() {
    let (_tmp, out) = built();
    let (checked, broken) = check_links(&out);
    assert!(checked > 200, "only {checked} links");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    // Cases filed in year folders are all found.
    let cases: Vec<String> = files(&out.join("cases")).into_iter().map(|f| f.0).collect();
    assert_eq!(cases.len(), 6, "{cases:?}");
}

#[test]
fn no_word_of_the_bundled_rules_and_no_self_check() {
    let (_tmp, out) = built();
    assert!(!out.join("selfcheck.html").exists());
    for (path, text) in text_files(&out) {
        for word in [
            "容错",
            "局党组",
            "锡林郭勒",
            "尽职免责",
            "履职尽责",
            "selfcheck.html",
        ] {
            assert!(!text.contains(word), "{path} says {word}");
        }
    }
}

#[test]
fn its_own_outcomes_make_the_statistics() {
    let (_tmp, out) = built();
    let dash = std::fs::read_to_string(out.join("dashboard.html")).unwrap();
    for o in [
        "不属于价格欺诈",
        "不予处罚",
        "从轻处罚",
        "减轻处罚",
        "依法处罚",
    ] {
        assert!(dash.contains(&format!(">{o}<")), "dashboard lacks {o}");
    }
    assert!(!dash.contains("依据第十七条"), "no basis is configured");
    let cases = std::fs::read_to_string(out.join("cases.html")).unwrap();
    assert!(cases.contains("outcome favourable") && cases.contains("outcome adverse"));
}

#[test]
fn only_sample_cases_are_called_samples() {
    let (_tmp, out) = built();
    let real = std::fs::read_to_string(out.join("cases/2025-0/2025-001.html")).unwrap();
    assert!(
        !real.contains("sample-banner"),
        "the real case has a 示例 banner"
    );
    let title = real
        .split("<h1>")
        .nth(1)
        .unwrap()
        .split("</h1>")
        .next()
        .unwrap();
    assert!(!title.contains("示例"), "{title}");
    let sample = std::fs::read_to_string(out.join("cases/2024-0/2024-001.html")).unwrap();
    assert!(sample.contains("sample-banner"));
    // The notices speak of some samples, never of all.
    for (path, text) in text_files(&out).iter().filter(|f| f.0.ends_with(".html")) {
        assert!(
            !text.contains("案例与风险点为说明制度适用而编写的"),
            "{path}"
        );
        assert!(!text.contains("本库案例均为"), "{path}");
    }
}

#[test]
fn nested_folders_are_read_and_editor_files_and_outside_links_skipped() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("kb");
    copy_dir(&fixture("kb-base"), &root);
    let cases = root.join("content/cases");
    std::fs::create_dir_all(cases.join("2025/六月")).unwrap();
    std::fs::rename(
        cases.join("2025-002.md"),
        cases.join("2025/六月/2025-002.md"),
    )
    .unwrap();
    // Emacs lock (a dangling symlink), backups, swap files, a hidden folder.
    std::os::unix::fs::symlink("user@host.1234:1700000000", cases.join(".#2025-001.md")).unwrap();
    std::fs::write(cases.join("2025-001.md~"), "broken +++").unwrap();
    std::fs::write(cases.join(".2025-001.md.swp"), "broken").unwrap();
    std::fs::create_dir_all(cases.join(".trash")).unwrap();
    std::fs::write(cases.join(".trash/old.md"), "broken").unwrap();
    let outside = tmp.path().join("outside.md");
    std::fs::write(&outside, "+++\nid = \"x\"\n+++\n").unwrap();
    std::os::unix::fs::symlink(&outside, cases.join("linked.md")).unwrap();
    let out = regkb(&["check", "--root", root.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("content/cases/linked.md:1:1: warning: W0206"),
        "{stderr}"
    );
    assert_eq!(stderr.matches("warning:").count(), 1, "{stderr}");
    let site = tmp.path().join("site");
    build(&root, &site);
    assert!(site.join("cases/2025-0/2025-002.html").exists());
}
