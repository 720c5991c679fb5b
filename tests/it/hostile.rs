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
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn ids_that_escape_or_break_links_are_errors_in_check_and_build() {
    let long = "a".repeat(300);
    for (id, code) in [("../../evil", "E0513"), ("", "E0511"), ("a?b#c", "E0514"), (long.as_str(), "E0512")] {
        let tmp = tempfile::tempdir().unwrap();
        let root = kb_with_case(tmp.path(), |t| t.replace("id = \"2025-002\"", &format!("id = \"{id}\"")));
        for cmd in ["check", "build"] {
            let (status, stderr) = findings(&root, cmd);
            assert_eq!(status, 1, "{cmd} {id}: {stderr}");
            assert!(stderr.contains(&format!("content/cases/2025-002.md:2:6: error: {code}")), "{cmd} {id}: {stderr}");
        }
        assert!(!tmp.path().join("evil.html").exists() && !root.join("public").exists());
    }
}

#[test]
fn a_javascript_link_is_an_error() {
    for dest in ["javascript:alert(1)", "java&#9;script:alert(1)", "//evil.example/x"] {
        let tmp = tempfile::tempdir().unwrap();
        let root = kb_with_case(tmp.path(), |t| format!("{t}\n见[此处]({dest})。\n"));
        let (status, stderr) = findings(&root, "check");
        assert_eq!(status, 1, "{dest}: {stderr}");
        assert!(stderr.contains("error: E0510"), "{dest}: {stderr}");
    }
}
