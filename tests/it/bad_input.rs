//! Every kind of bad input gives its located error, and the previous site stays.

use super::support::*;
use std::path::{Path, PathBuf};

/// The fixtures under tests/fixtures/bad, sorted: each one folder laid over kb-base.
fn bad_cases() -> Vec<(String, PathBuf)> {
    let mut cases: Vec<_> = std::fs::read_dir(fixture("bad"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), p))
        .collect();
    cases.sort();
    cases
}

/// kb-base with the bad fixture `case` copied over it, at `tmp/kb`.
fn overlay(case: &Path, tmp: &Path) -> PathBuf {
    let root = tmp.join("kb");
    copy_dir(&fixture("kb-base"), &root);
    copy_dir(case, &root);
    std::fs::remove_file(root.join("expected.txt")).unwrap();
    root
}

/// The numbered findings of a report: what follows `[n] `.
fn numbered(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter_map(|l| {
            l.split_once("] ")
                .filter(|(n, _)| n.starts_with('[') && n[1..].parse::<usize>().is_ok())
                .map(|(_, m)| m)
        })
        .collect()
}

#[test]
fn each_bad_input_gives_its_located_error_and_leaves_public_untouched() {
    let cases = bad_cases();
    assert!(cases.len() >= 8, "one fixture per kind of bad input");
    for (name, case) in cases {
        let tmp = tempfile::tempdir().unwrap();
        let root = overlay(&case, tmp.path());
        let public = root.join("public");
        std::fs::create_dir_all(&public).unwrap();
        std::fs::write(public.join("index.html"), "previous site").unwrap();
        let out = regkb(&["build", "--root", root.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
        let expected = std::fs::read_to_string(case.join("expected.txt")).unwrap();
        let got = numbered(&stderr);
        let want: Vec<&str> = expected.lines().collect();
        assert_eq!(got, want, "{name}");
        assert_eq!(
            files(&public),
            vec![("index.html".to_string(), b"previous site".to_vec())],
            "{name}: public/ changed"
        );
        let leftovers: Vec<_> = std::fs::read_dir(&root)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert!(
            leftovers.is_empty(),
            "{name}: staging left behind: {leftovers:?}"
        );
    }
}

#[test]
fn check_reports_all_findings_numbered_with_source_and_caret() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("kb");
    copy_dir(&fixture("kb-base"), &root);
    copy_dir(&fixture("bad/personal-data"), &root);
    let other =
        std::fs::read_to_string(fixture("bad/unknown-clause/content/cases/2025-003.md")).unwrap();
    std::fs::write(
        root.join("content/cases/2025-004.md"),
        other.replace("2025-003", "2025-004"),
    )
    .unwrap();
    let out = regkb(&["check", "--root", root.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains("[1] content/cases/2025-003.md:13:3: error:"),
        "{stderr}"
    );
    assert!(
        stderr.contains("[4] content/cases/2025-004.md:13:32: error: E0408 第十条第一款第（九）项：第十条第一款有第（一）至（八）项，请核对项号"),
        "{stderr}"
    );
    assert!(stderr.contains("    | 园长王某明"), "{stderr}");
    assert!(
        stderr.trim_end().ends_with("共 4 个错误，0 个警告"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("11010519491231002X") && !stderr.contains("13912345678"),
        "personal data is never echoed:\n{stderr}"
    );
}

#[test]
fn an_ambiguous_item_citation_is_a_warning_not_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("kb");
    copy_dir(&fixture("kb-base"), &root);
    let guide = root.join("content/guides/procedure.md");
    let text = std::fs::read_to_string(&guide).unwrap() + "\n另见第十条第（二）项。\n";
    std::fs::write(&guide, text).unwrap();
    let out = regkb(&["check", "--root", root.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("content/guides/procedure.md:7:3: warning: W0401 第十条第（二）项指向不明"),
        "{stderr}"
    );
}

#[test]
fn bom_and_crlf_files_load_and_errors_still_point_at_the_right_line() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("kb");
    copy_dir(&fixture("kb-base"), &root);
    let good = std::fs::read_to_string(root.join("content/cases/2025-002.md")).unwrap();
    std::fs::write(
        root.join("content/cases/2025-002.md"),
        format!("\u{feff}{}", good.replace('\n', "\r\n")),
    )
    .unwrap();
    let out = regkb(&["check", "--root", root.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bad =
        std::fs::read_to_string(fixture("bad/unknown-clause/content/cases/2025-003.md")).unwrap();
    std::fs::write(
        root.join("content/cases/2025-003.md"),
        format!("\u{feff}{}", bad.replace('\n', "\r\n")),
    )
    .unwrap();
    let out = regkb(&["check", "--root", root.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("content/cases/2025-003.md:13:32: error: E0408 第十条第一款第（九）项"),
        "{stderr}"
    );
}

/// What `regkb check --lang LANG` prints for a fixture (check renders every page,
/// so it finds what a build would).
fn report(root: &Path, lang: &str) -> String {
    let dir = root.to_str().unwrap();
    let check = regkb(&["check", "--root", dir, "--lang", lang]);
    String::from_utf8_lossy(&check.stderr).replace(dir, "<kb>")
}

/// `check` validates everything `build` validates: for every bad input both fail
/// with the same numbered findings.
#[test]
fn check_and_build_agree_on_every_bad_input() {
    for (name, case) in bad_cases() {
        let tmp = tempfile::tempdir().unwrap();
        let root = overlay(&case, tmp.path());
        let dir = root.to_str().unwrap();
        let check = regkb(&["check", "--root", dir]);
        let out = tmp.path().join("site");
        let build = regkb(&["build", "--root", dir, "--output", out.to_str().unwrap()]);
        assert_eq!(check.status.code(), Some(1), "{name}: check passed");
        assert_eq!(build.status.code(), Some(1), "{name}: build passed");
        let (c, b) = (
            String::from_utf8_lossy(&check.stderr).into_owned(),
            String::from_utf8_lossy(&build.stderr).into_owned(),
        );
        assert_eq!(numbered(&c), numbered(&b), "{name}");
        assert!(!out.exists(), "{name}: build wrote {}", out.display());
    }
}

/// Every bad input's whole report, in Chinese and in English, reviewed as a snapshot.
#[test]
fn every_bad_input_report_in_both_languages() {
    for (name, case) in bad_cases() {
        let tmp = tempfile::tempdir().unwrap();
        let root = overlay(&case, tmp.path());
        let text = format!(
            "--- zh\n{}\n--- en\n{}",
            report(&root, "zh"),
            report(&root, "en")
        );
        insta::assert_snapshot!(format!("bad_input_{name}"), text);
    }
}

#[test]
fn every_finding_of_the_bad_inputs_carries_a_code() {
    let code = |m: &str| {
        let m = m
            .split_once(": error: ")
            .or_else(|| m.split_once(": warning: "));
        m.and_then(|(_, text)| text.split_once(' '))
            .is_some_and(|(c, _)| {
                c.len() == 5
                    && (c.starts_with('E') || c.starts_with('W'))
                    && c[1..].parse::<u16>().is_ok()
            })
    };
    for (name, case) in bad_cases() {
        let tmp = tempfile::tempdir().unwrap();
        let root = overlay(&case, tmp.path());
        for lang in ["zh", "en"] {
            let stderr = report(&root, lang);
            let findings = numbered(&stderr);
            assert!(!findings.is_empty(), "{name}: no findings:\n{stderr}");
            let uncoded: Vec<&&str> = findings.iter().filter(|m| !code(m)).collect();
            assert!(uncoded.is_empty(), "{name} ({lang}): no code: {uncoded:?}");
        }
    }
}

#[test]
fn summaries_and_command_line_errors_follow_the_language() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("kb");
    copy_dir(&fixture("kb-base"), &root);
    let dir = root.to_str().unwrap();
    let zh = regkb(&["check", "--root", dir]);
    let stdout = String::from_utf8_lossy(&zh.stdout);
    assert!(zh.status.success());
    assert!(
        stdout
            .starts_with("检查完毕：1 部法规，1 篇释义，2 个案例，1 个风险点，1 篇指引；0 个警告"),
        "{stdout}"
    );
    let en = regkb(&["check", "--root", dir, "--lang", "en"]);
    let stdout = String::from_utf8_lossy(&en.stdout);
    assert!(stdout.starts_with("checked: 1 regulation(s), 1 annotations, 2 cases, 1 risk points, 1 guides; 0 warning(s)"), "{stdout}");
    // A value parser runs before the subcommand does: the language is set before it.
    for (lang, want) in [
        ("zh", "E0901 “2026/11/28”不是日期：请写作 2026-11-28"),
        ("en", "E0901 “2026/11/28” is not a date like 2026-11-28"),
    ] {
        let out = regkb(&[
            "build",
            "--root",
            dir,
            "--as-of",
            "2026/11/28",
            "--lang",
            lang,
        ]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !out.status.success() && stderr.contains(want),
            "{lang}: {stderr}"
        );
    }
    let out = regkb(&[
        "search",
        "台账",
        "--site",
        tmp.path().join("none").to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("error: E0903 无法读取 "), "{stderr}");
    assert!(stderr.contains("请先运行 regkb build"), "{stderr}");
}

#[test]
fn a_repeated_article_number_is_a_warning_at_the_regulations_line() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("kb");
    copy_dir(&fixture("kb-base"), &root);
    let rules = root.join("content/regulations/rules.md");
    let text = std::fs::read_to_string(&rules).unwrap();
    let text = text.trim_end().to_string() + "\n第十九条 本制度由局法规科负责解释。\n";
    let line = text.lines().count();
    std::fs::write(&rules, text).unwrap();
    let out = regkb(&["check", "--root", root.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let want = format!("content/regulations/rules.md:{line}:1: warning: W0301 第十九条重复");
    assert!(stderr.contains(&want), "{want}\n{stderr}");
}
