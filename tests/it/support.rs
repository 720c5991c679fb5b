//! Helpers shared by the integration tests: fixture copies and running the binary.

use std::path::{Path, PathBuf};
use std::process::Output;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

pub fn regkb(args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_regkb"))
        .args(args)
        .output()
        .unwrap()
}

/// Builds the knowledge base at `root` into `out`, pinned to a date; panics on failure.
pub fn build(root: &Path, out: &Path) {
    let o = regkb(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
        "--as-of",
        "2026-11-28",
    ]);
    assert!(
        o.status.success(),
        "build failed:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Every file below `dir`, as (relative path, bytes), sorted.
pub fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// A relative link from `page` resolved to a path from the site root.
pub fn resolve(page: &str, href: &str) -> String {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for seg in href.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// Every `href`/`src` of the site's pages: links must be relative and internal, and
/// each must name an existing file and, with `#id`, an element of it. Returns the
/// number of links checked and the broken ones.
pub fn check_links(out: &Path) -> (usize, Vec<String>) {
    use regex::Regex;
    use std::collections::{BTreeMap, BTreeSet};
    let all = files(&out);
    let href = Regex::new(r#"(?:href|src)="([^"]*)""#).unwrap();
    let id = Regex::new(r#"\sid="([^"]+)""#).unwrap();
    let mut ids: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (path, bytes) in all.iter().filter(|f| f.0.ends_with(".html")) {
        let html = std::str::from_utf8(bytes).unwrap();
        let set: BTreeSet<String> = id.captures_iter(html).map(|c| c[1].to_string()).collect();
        ids.insert(path, set);
    }
    let existing: BTreeSet<&str> = all.iter().map(|f| f.0.as_str()).collect();
    let mut checked = 0;
    let mut broken = Vec::new();
    for (path, bytes) in all.iter().filter(|f| f.0.ends_with(".html")) {
        let html = std::str::from_utf8(bytes).unwrap();
        for c in href.captures_iter(html) {
            let link = &c[1];
            assert!(
                !link.starts_with("http://")
                    && !link.starts_with("https://")
                    && !link.starts_with("//"),
                "{path}: external link {link}"
            );
            assert!(
                !link.starts_with('/'),
                "{path}: absolute link {link} breaks file:// and sub-paths"
            );
            let (file, frag) = link.split_once('#').unwrap_or((link, ""));
            let file = file.split('?').next().unwrap();
            let target = if file.is_empty() {
                path.to_string()
            } else {
                resolve(path, file)
            };
            checked += 1;
            if !existing.contains(target.as_str()) {
                broken.push(format!("{path}: {link} → missing {target}"));
            } else if !frag.is_empty()
                && !ids.get(target.as_str()).is_some_and(|s| s.contains(frag))
            {
                broken.push(format!("{path}: {link} → no id {frag} in {target}"));
            }
        }
    }
    (checked, broken)
}

/// Runs the binary; panics with its stderr unless it succeeds. Returns its stdout.
pub fn run_ok(args: &[&str]) -> String {
    let o = regkb(args);
    assert!(
        o.status.success(),
        "regkb {args:?}:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

/// A path as the `&str` a command line takes.
pub fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}
