//! Every kind of bad input gives its located error, and the previous site stays.

use super::support::*;

#[test]
fn each_bad_input_gives_its_located_error_and_leaves_public_untouched() {
    let bad = fixture("bad");
    let mut cases: Vec<_> = std::fs::read_dir(&bad)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 8, "one fixture per kind of bad input");
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("kb");
        copy_dir(&fixture("kb-base"), &root);
        copy_dir(&case, &root);
        std::fs::remove_file(root.join("expected.txt")).unwrap();
        let public = root.join("public");
        std::fs::create_dir_all(&public).unwrap();
        std::fs::write(public.join("index.html"), "previous site").unwrap();
        let out = regkb(&["build", "--root", root.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
        let expected = std::fs::read_to_string(case.join("expected.txt")).unwrap();
        let got: Vec<&str> = stderr
            .lines()
            .filter_map(|l| {
                l.split_once("] ")
                    .filter(|(n, _)| n.starts_with('['))
                    .map(|(_, m)| m)
            })
            .collect();
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
        stderr.contains("[4] content/cases/2025-004.md:13:32: error: 第十条第一款第（九）项"),
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
        stderr.contains("content/guides/procedure.md:7:3: warning: 第十条第（二）项 is ambiguous"),
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
        stderr.contains("content/cases/2025-003.md:13:32: error: 第十条第一款第（九）项"),
        "{stderr}"
    );
}
