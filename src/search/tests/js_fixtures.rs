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

/// The regulation (a stable test fixture) and a few hand-written documents of
/// every other kind — not `content/`, which others edit, so the fixture only
/// goes stale when search itself changes.
fn fixture_docs() -> (Vec<SearchDoc>, Vec<ClauseEntry>) {
    let (mut docs, clauses) =
        fixture::regulation(&repo().join("tests/fixtures/regulations/xilingol-seed.txt")).unwrap();
    let doc = |id: &str, kind, title: &str, body: &str, meta: [Option<&str>; 4], cited: &[&str]| {
        SearchDoc {
            id: id.into(),
            kind,
            title: title.into(),
            url: format!("{}.html", id.replace(':', "/")),
            body: body.into(),
            field: meta[0].map(Into::into),
            action: meta[1].map(Into::into),
            outcome: meta[2].map(Into::into),
            date: meta[3].map(Into::into),
            clauses: cited.iter().map(|c| c.to_string()).collect(),
        }
    };
    docs.extend([
        doc(
            "annotation:art_9__para_1__point_4",
            DocKind::Annotation,
            "第九条第（四）项释义：不可抗力致未能履职",
            "本项适用于因不能预见、不能避免或不能克服的不可抗力，执法人员未能依法履行职责的情形。特大暴雪封路时隐患复查延期，应全程记录。",
            [None, None, None, None],
            &["art_9__para_1__point_4"],
        ),
        doc(
            "case:2025-002",
            DocKind::Case,
            "特大暴雪封路致校园安全隐患复查延期案",
            "2025年1月，暴雪封路（不可抗力），执法人员未能按期复查。执法记录仪全程记录，局党组认定履职尽责。附件 PDF 共 3 页，编号 ABC123。",
            [Some("校园安全"), Some("行政检查"), Some("履职尽责"), Some("2025-01-20")],
            &["art_9__para_1__point_4"],
        ),
        doc(
            "case:2025-007",
            DocKind::Case,
            "某培训机构隐匿学员台账致检查未发现超标培训案",
            "机构另设一套台账，隐匿台账并开设超前超标培训班；预收费监管平台显示的收费流水明显高于台账课程。依照第十条第一款第（五）项、第十条第二款予以容错免责，纠错整改延期至5月31日。",
            [Some("校外培训监管"), Some("行政检查"), Some("容错免责"), Some("2025-03-18")],
            &["art_10__para_1__point_5", "art_10__para_2"],
        ),
        doc(
            "risk:concealed-records",
            DocKind::Risk,
            "培训机构隐匿台账、转移学员致检查漏判",
            "检查规程应把收费流水与学员名册比对列为必查项；接到举报线索必须核查，否则不予容错。",
            [Some("校外培训监管"), None, None, None],
            &["art_10__para_1__point_5", "art_12"],
        ),
        doc(
            "guide:procedure",
            DocKind::Guide,
            "容错认定程序指引",
            "个人也可以直接向单位提出容错认定申请。责令整改、从轻处理、减轻处理、招生划片、教师资格材料造假等情形的办理程序见各条。",
            [None, None, None, None],
            &["art_13"],
        ),
    ]);
    (docs, clauses)
}

fn expected_files(out: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let lines: Vec<String> =
        std::fs::read_to_string(repo().join("tests/fixtures/regulations/xilingol-seed.txt"))
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
        [
            0u32, 1, 10, 11, 19, 20, 21, 100, 105, 110, 1001, 1010, 9999, 10000,
        ]
        .iter()
        .map(|&n| json!([n, crate::numerals::to_chinese(n)])),
    )
    .collect();
    files.push((
        PathBuf::from("analysis.json"),
        serde_json::to_vec_pretty(&json!({ "strings": tokens, "numerals": numerals })).unwrap(),
    ));

    // Top 10, and top 60 (past the documents holding a phrase, so the
    // browser's whole ranking takes over from the phrase list: store.js).
    for (name, limit) in [("expected.json", 10), ("expected-60.json", 60)] {
        let expected: Vec<_> = PARITY_QUERIES
            .iter()
            .map(|q| {
                json!([
                    q,
                    search(out, q, None, limit)
                        .unwrap()
                        .into_iter()
                        .map(|h| h.id)
                        .collect::<Vec<_>>()
                ])
            })
            .collect();
        files.push((
            PathBuf::from(name),
            serde_json::to_vec_pretty(&expected).unwrap(),
        ));
    }
    // A long term list cut into impact tiers (tiers.rs), with the whole list:
    // tests/js/tiers.test.js reads it back with the engine's decoder.
    let list: Vec<(u32, u32)> = (0..2500u32)
        .map(|d| (d * 5 + d % 3, (d * 7919) % 89))
        .collect();
    let mut pieces = Vec::new();
    let value = crate::search::tiers::Posting::Term(list.clone()).value(&mut pieces);
    files.push((
        PathBuf::from("tiers.json"),
        serde_json::to_vec(&json!({"value": value, "pieces": pieces, "whole": list})).unwrap(),
    ));
    // Metadata sets of every density, one of them with gaps past 16 · 2^k (the
    // unary part in runs of 16): what encode::set writes, for decodeList to read.
    let sets: Vec<Vec<u32>> = [1u32, 3, 6, 40, 5000]
        .iter()
        .map(|&every| {
            (0..30_000u32)
                .filter(|d| (d * 7919 + d / 13) % every == 0)
                .filter(|d| every < 3 || !(10_000..10_150).contains(d))
                .collect()
        })
        .chain([vec![0, 1, 2, 3, 4, 5, 6, 300_000]])
        .collect();
    let encoded: Vec<String> = sets.iter().map(|d| crate::search::encode::set(d)).collect();
    files.push((
        PathBuf::from("sets.json"),
        serde_json::to_vec(&json!({"encoded": encoded, "docs": sets})).unwrap(),
    ));
    let search_dir = out.join("search");
    for sub in ["", "t", "b", "d/0", "w", "g"] {
        for entry in std::fs::read_dir(search_dir.join(sub)).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_file() && name != "search.js" && name != "search.css" {
                files.push((
                    Path::new("site/search").join(sub).join(name),
                    std::fs::read(&path).unwrap(),
                ));
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
    write_index(
        &docs,
        &clauses,
        &crate::search::Extras::of_docs(&docs),
        &Default::default(),
        out.path(),
    )
    .unwrap();
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
