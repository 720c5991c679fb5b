//! The fixtures `node --test tests/js/` checks search.js against: tokens,
//! numerals and citations as the Rust side sees them, and a small export with
//! the CLI's answers. Regenerate with `REGKB_UPDATE_FIXTURES=1 cargo test`;
//! without it this test fails when the committed fixtures are stale.

use super::super::*;
use super::{PARITY_QUERIES, repo};
use serde_json::json;
use std::path::{Path, PathBuf};

const STRINGS: [&str; 24] = [
    "第（五）项",
    "第(五项",
    "第10条第1款第5项",
    "第十条第一款第（五）项",
    "ＡＢＣ　ｄｅｆ１２３",
    "𠀀𠀁𠀂 ext-B",
    "第一百零五条",
    "第二〇二四条",
    "第0条",
    "第１０条",
    "2025年3月18日",
    "e-mail: A.B@c.com",
    "（一）对",
    "第十条之一",
    "不可，可抗 力",
    "日本語カナ 한국어",
    "第两条",
    "第十五、十六条",
    "第一时间",
    "第(四)项不可抗力",
    "第三十三条第二款",
    "《行政处罚法》第三十三条",
    "x",
    "",
];

fn fixture_docs() -> (Vec<SearchDoc>, Vec<ClauseEntry>) {
    let (mut docs, clauses) =
        fixture::regulation(&repo().join("tests/fixtures/regulations/xilingol-seed.txt")).unwrap();
    let content = fixture::content(&repo().join("content"), &clauses).unwrap();
    // One of each kind keeps the fixture small and every facet present.
    for kind in DocKind::ALL {
        docs.extend(content.iter().filter(|d| d.kind == kind).take(1).cloned());
    }
    (docs, clauses)
}

fn expected_files(out: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let lines: Vec<String> = std::fs::read_to_string(repo().join("tests/fixtures/regulations/xilingol-seed.txt"))
        .unwrap()
        .lines()
        .take(30)
        .map(str::to_string)
        .collect();
    let strings: Vec<String> = STRINGS
        .iter()
        .map(|s| s.to_string())
        .chain(lines)
        .chain(PARITY_QUERIES.iter().map(|s| s.to_string()))
        .collect();
    let tokens: Vec<_> = strings
        .iter()
        .map(|s| {
            let toks: Vec<_> = analyzer::analyze(s).into_iter().map(|t| json!([t.text, t.position])).collect();
            json!({ "input": s, "tokens": toks, "pairs": analyzer::pair_keys(&analyzer::analyze(s)),
                    "citations": citation_query::parse(s).iter().map(|q| json!([q.article, q.suffix, q.paragraph, q.point])).collect::<Vec<_>>() })
        })
        .collect();
    let numerals: Vec<_> = [
        "一",
        "十",
        "十九",
        "一百零五",
        "一百一十",
        "两百",
        "二〇二四",
        "10",
        "１０",
        "三四十",
        "百十",
        "十十",
        "",
        "99999999999",
    ]
    .iter()
    .map(|s| json!([s, crate::numerals::parse(s)]))
    .chain(
        [0u32, 1, 10, 11, 19, 20, 21, 100, 105, 110, 1001, 1010, 9999, 10000]
            .iter()
            .map(|&n| json!([n, crate::numerals::to_chinese(n)])),
    )
    .collect();
    files.push((
        PathBuf::from("analysis.json"),
        serde_json::to_vec_pretty(&json!({ "strings": tokens, "numerals": numerals })).unwrap(),
    ));

    let expected: Vec<_> = PARITY_QUERIES
        .iter()
        .map(|q| json!([q, search(out, q, None, 10).unwrap().into_iter().map(|h| h.id).collect::<Vec<_>>()]))
        .collect();
    files.push((PathBuf::from("expected.json"), serde_json::to_vec_pretty(&expected).unwrap()));
    let search_dir = out.join("search");
    for sub in ["", "t", "b", "d"] {
        for entry in std::fs::read_dir(search_dir.join(sub)).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_file() && name != "search.js" && name != "search.css" {
                files.push((Path::new("site/search").join(sub).join(name), std::fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn js_fixtures_are_current() {
    let (docs, clauses) = fixture_docs();
    let out = tempfile::tempdir().unwrap();
    write_index(&docs, &clauses, out.path()).unwrap();
    let files = expected_files(out.path());
    let dir = repo().join("tests/js/fixtures");
    if std::env::var_os("REGKB_UPDATE_FIXTURES").is_some() {
        if dir.exists() {
            std::fs::remove_dir_all(&dir).unwrap();
        }
        for (rel, bytes) in &files {
            std::fs::create_dir_all(dir.join(rel).parent().unwrap()).unwrap();
            std::fs::write(dir.join(rel), bytes).unwrap();
        }
        return;
    }
    for (rel, bytes) in &files {
        let committed = std::fs::read(dir.join(rel)).unwrap_or_default();
        assert!(
            &committed == bytes,
            "tests/js/fixtures/{} is stale: run REGKB_UPDATE_FIXTURES=1 cargo test --release --lib js_fixtures",
            rel.display()
        );
    }
}
