//! Hostile input: ids that would leave public/ or break links, and links that would
//! run script, are located errors in both `check` and `build`; nothing is written.

use super::support::*;

fn kb_with_case(tmp: &std::path::Path, edit: impl Fn(&str) -> String) -> std::path::PathBuf {
    let root = tmp.join("kb");
    copy_dir(&fixture("kb-base"), &root);
    let case = root.join("content/cases/2025-002.md");
    let text = std::fs::read_to_string(&case).unwrap();
    std::fs::write(&case, edit(&text)).unwrap();
    root
}

fn findings(root: &std::path::Path, cmd: &str) -> (i32, String) {
    let out = regkb(&[cmd, "--root", root.to_str().unwrap()]);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn ids_that_escape_or_break_links_are_errors_in_check_and_build() {
    let long = "a".repeat(300);
    for (id, code) in [
        ("../../evil", "E0513"),
        ("", "E0511"),
        ("a?b#c", "E0514"),
        (long.as_str(), "E0512"),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let root = kb_with_case(tmp.path(), |t| {
            t.replace("id = \"2025-002\"", &format!("id = \"{id}\""))
        });
        for cmd in ["check", "build"] {
            let (status, stderr) = findings(&root, cmd);
            assert_eq!(status, 1, "{cmd} {id}: {stderr}");
            assert!(
                stderr.contains(&format!("content/cases/2025-002.md:2:6: error: {code}")),
                "{cmd} {id}: {stderr}"
            );
        }
        assert!(!tmp.path().join("evil.html").exists() && !root.join("public").exists());
    }
}

#[test]
fn a_javascript_link_is_an_error() {
    for dest in [
        "javascript:alert(1)",
        "java&#9;script:alert(1)",
        "//evil.example/x",
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let root = kb_with_case(tmp.path(), |t| format!("{t}\n见[此处]({dest})。\n"));
        let (status, stderr) = findings(&root, "check");
        assert_eq!(status, 1, "{dest}: {stderr}");
        assert!(stderr.contains("error: E0510"), "{dest}: {stderr}");
    }
}

fn site_of(
    root: &std::path::Path,
    out: &std::path::Path,
    env: &[(&str, &str)],
) -> std::process::Output {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_regkb"));
    cmd.args([
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
        "--as-of",
        "2026-11-28",
    ]);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

/// The site's files but tantivy's own index (its segment names are random).
fn site_files(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    files(dir)
        .into_iter()
        .filter(|(p, _)| !p.starts_with("search/index/"))
        .collect()
}

fn leftovers(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect()
}

#[test]
fn output_that_is_a_file_is_refused_and_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    std::fs::write(&out, "a file").unwrap();
    let r = site_of(&fixture("kb-base"), &out, &[]);
    assert_eq!(r.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&r.stderr).contains("不是目录"),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "a file");
    assert!(leftovers(tmp.path()).is_empty());
}

/// A build killed at each step of publishing leaves `public/` as the old site or
/// the new one, complete; the next build cleans up after it.
#[test]
fn a_killed_build_leaves_the_old_site_or_the_new_one() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("kb");
    copy_dir(&fixture("kb-base"), &root);
    let reference = tmp.path().join("reference");
    build(&root, &reference);
    let new_files = site_files(&reference);
    let case = root.join("content/cases/2025-001.md");
    let text = std::fs::read_to_string(&case).unwrap();
    for (step, env) in [
        ("written", vec![("REGKB_FAULT", "written")]),
        ("exchanged", vec![("REGKB_FAULT", "exchanged")]),
        (
            "renamed-aside",
            vec![("REGKB_FAULT", "renamed-aside"), ("REGKB_NO_EXCHANGE", "1")],
        ),
    ] {
        let dir = tmp.path().join(step);
        std::fs::create_dir_all(&dir).unwrap();
        let out = dir.join("public");
        // The old site: the same knowledge base with another title in one case.
        std::fs::write(&case, text.replace("title = \"", "title = \"旧版")).unwrap();
        build(&root, &out);
        let old_files = site_files(&out);
        std::fs::write(&case, &text).unwrap();
        let r = site_of(&root, &out, &env);
        assert!(
            !r.status.success(),
            "{step}: the fault hook did not stop the build"
        );
        let now = if out.exists() {
            site_files(&out)
        } else {
            vec![]
        };
        if step == "renamed-aside" {
            // Without the exchange the output is briefly absent; the old site waits beside it.
            let aside: Vec<String> = leftovers(&dir)
                .into_iter()
                .filter(|n| n.starts_with(".public.old-"))
                .collect();
            assert_eq!(aside.len(), 1, "{step}: {:?}", leftovers(&dir));
            assert_eq!(
                site_files(&dir.join(&aside[0])),
                old_files,
                "{step}: the old site is complete"
            );
        } else {
            assert!(
                now == old_files || now == new_files,
                "{step}: public/ is neither the old site nor the new one"
            );
        }
        // The next build cleans up and publishes.
        let r = site_of(&root, &out, &[]);
        assert!(
            r.status.success(),
            "{step}: {}",
            String::from_utf8_lossy(&r.stderr)
        );
        assert_eq!(site_files(&out), new_files, "{step}");
        assert!(leftovers(&dir).is_empty(), "{step}: {:?}", leftovers(&dir));
    }
}

#[test]
fn a_backwards_range_is_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let root = kb_with_case(tmp.path(), |t| format!("{t}\n参照第十一条至第九条。\n"));
    let (status, stderr) = findings(&root, "check");
    assert_eq!(status, 0, "{stderr}");
    assert!(stderr.contains("warning: W0409"), "{stderr}");
}

#[test]
fn a_closed_pipe_ends_search_quietly() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    build(&repo(), &site);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_regkb"))
        .args([
            "search",
            "执法",
            "--limit",
            "200",
            "--site",
            site.to_str().unwrap(),
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The reader goes away before the command has written anything (it is still
    // opening the index), as `| head` does once it has its lines.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
        "{stderr}"
    );
}

#[test]
fn personal_data_in_config_or_a_template_is_found() {
    let tmp = tempfile::tempdir().unwrap();
    let root = kb_with_case(tmp.path(), |t| t.to_string());
    let config = root.join("config.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text.replace(
            "description = \"",
            "description = \"联系人电话 138-1234-5678，",
        ),
    )
    .unwrap();
    std::fs::create_dir_all(root.join("templates")).unwrap();
    let base = std::fs::read_to_string(repo().join("templates/404.html")).unwrap();
    std::fs::write(
        root.join("templates/404.html"),
        base.replace("</h1>", "</h1><p>值班 13912345678</p>"),
    )
    .unwrap();
    let (status, stderr) = findings(&root, "check");
    assert_eq!(status, 1, "{stderr}");
    assert!(
        stderr.contains("config.toml:") && stderr.contains("templates/404.html:"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("1234-5678") && !stderr.contains("13912345678"),
        "masked:\n{stderr}"
    );
}

/// An old site that cannot be deleted (a read-only folder in it) does not undo the
/// publish: the new site is in place and a warning says where the old one is.
#[test]
fn an_undeletable_old_site_is_a_warning_after_publishing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build(&fixture("kb-base"), &out);
    std::fs::write(out.join("marker"), "old").unwrap();
    for env in [
        vec![("REGKB_FAULT", "undeletable")],
        vec![("REGKB_FAULT", "undeletable"), ("REGKB_NO_EXCHANGE", "1")],
    ] {
        let r = site_of(&fixture("kb-base"), &out, &env);
        let stderr = String::from_utf8_lossy(&r.stderr);
        assert!(r.status.success(), "{stderr}");
        assert!(stderr.contains("warning: W0720"), "{stderr}");
        assert!(
            out.join("index.html").exists() && !out.join("marker").exists(),
            "the new site is in place"
        );
        let left: Vec<String> = leftovers(tmp.path());
        assert_eq!(left.len(), 1, "{left:?}");
        assert!(
            tmp.path().join(&left[0]).join("marker").exists()
                || tmp.path().join(&left[0]).join("index.html").exists()
        );
        std::fs::remove_dir_all(tmp.path().join(&left[0])).unwrap();
        std::fs::write(out.join("marker"), "old").unwrap();
    }
}
