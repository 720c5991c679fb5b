//! Search properties (a)–(e) of issue 5 against a real index, and parity of the
//! CLI's ranking with the ranking over the browser export.

mod export_reader;
mod js_fixtures;

use super::*;
use std::path::PathBuf;
use std::sync::OnceLock;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn doc(id: &str, title: &str, body: &str) -> SearchDoc {
    SearchDoc {
        id: id.into(),
        kind: DocKind::Guide,
        title: title.into(),
        url: format!("{id}.html"),
        body: body.into(),
        field: None,
        action: None,
        outcome: None,
        clauses: vec![],
        date: None,
    }
}

/// The bundled knowledge base, some synthetic cases, and documents written
/// for single properties; indexed once for all tests.
fn site() -> &'static Path {
    static SITE: OnceLock<tempfile::TempDir> = OnceLock::new();
    SITE.get_or_init(|| {
        let (mut docs, clauses) = fixture::bundled(&repo(), 300).unwrap();
        docs.extend([
            doc("t:phrase", "说明", "本案因不可抗力未能按期复查。"),
            doc(
                "t:scattered",
                "说明",
                "不可推卸，可抗衡，抗力强；不可推卸，可抗衡，抗力强。不可，可抗，抗力。",
            ),
            doc("t:latin", "PDF 文件", "附件 ABC123 共 2025 页"),
            doc("t:fullwidth", "ＸＹＺ　手册", "见第（三）项，编号ＱＷ７"),
            doc("t:arabic", "引用", "依照第11条第2项处理"),
        ]);
        let dir = tempfile::tempdir().unwrap();
        write_index(
            &docs,
            &clauses,
            &crate::search::Extras::of_docs(&docs),
            &Default::default(),
            dir.path(),
        )
        .unwrap();
        dir
    })
    .path()
}

fn ids(query: &str, limit: usize) -> Vec<String> {
    search(site(), query, None, limit)
        .unwrap()
        .into_iter()
        .map(|h| h.id)
        .collect()
}

fn all_docs() -> &'static Vec<SearchDoc> {
    static DOCS: OnceLock<Vec<SearchDoc>> = OnceLock::new();
    DOCS.get_or_init(|| fixture::bundled(&repo(), 300).unwrap().0)
}

/// (a) Every document holding a CJK substring verbatim is found by it.
#[test]
fn a_every_verbatim_cjk_substring_finds_its_documents() {
    let mut queries: Vec<String> = vec![
        "抗力".into(),
        "错纠".into(),
        "可抗".into(),
        "隐匿台账".into(),
    ];
    // Substrings of 2–6 characters taken from documents at fixed strides.
    for (i, d) in all_docs().iter().enumerate().step_by(7) {
        let runs: Vec<Vec<char>> = d
            .body
            .split(|c: char| !analyzer::is_cjk(c))
            .map(|r| r.chars().collect::<Vec<_>>())
            .filter(|r| r.len() >= 2)
            .collect();
        let Some(run) = runs.get(i % runs.len().max(1)) else {
            continue;
        };
        let len = (2 + i % 5).min(run.len());
        let start = (i * 7) % (run.len() - len + 1);
        queries.push(run[start..start + len].iter().collect());
    }
    assert!(
        queries.len() > 20,
        "too few sample substrings: {}",
        queries.len()
    );
    for q in &queries {
        let found = ids(q, usize::MAX);
        for d in all_docs() {
            if d.body.contains(q.as_str()) || d.title.contains(q.as_str()) {
                assert!(found.contains(&d.id), "{q:?} does not find {}", d.id);
            }
        }
    }
}

/// (b) The exact phrase outranks the same characters scattered, even where the
/// scattered document repeats them more.
#[test]
fn b_exact_phrase_outranks_scattered_characters() {
    let found = ids("不可抗力", usize::MAX);
    let phrase = found
        .iter()
        .position(|x| x == "t:phrase")
        .expect("the phrase is found");
    // 不可抗力 is one word: scattered characters do not hold it, so they come
    // after the phrase if at all.
    if let Some(s) = found.iter().position(|x| x == "t:scattered") {
        assert!(phrase < s, "{found:?}");
    }
}

/// (c) Latin letters and digits are searchable, case-insensitively.
#[test]
fn c_latin_letters_and_digits_are_searchable() {
    assert!(ids("pdf", 10).contains(&"t:latin".to_string()));
    assert!(ids("abc123", 10).contains(&"t:latin".to_string()));
    assert!(ids("2025", usize::MAX).contains(&"t:latin".to_string()));
}

/// (d) Full-width and half-width forms, and 第10条 / 第十条, match each other.
#[test]
fn d_width_and_citation_numerals_fold() {
    assert!(ids("xyz", 10).contains(&"t:fullwidth".to_string()));
    assert!(ids("ＰＤＦ", 10).contains(&"t:latin".to_string()));
    assert!(ids("qw7", 10).contains(&"t:fullwidth".to_string()));
    assert!(ids("第(三)项", usize::MAX).contains(&"t:fullwidth".to_string()));
    assert!(ids("第十一条第二项", usize::MAX).contains(&"t:arabic".to_string()));
    assert!(ids("第11条", usize::MAX).contains(&"art_11".to_string()));
}

/// (e) A citation jumps to its clause first.
#[test]
fn e_citation_queries_put_the_clause_first() {
    for (q, eid) in [
        ("第十条第（五）项", "art_10__para_1__point_5"),
        ("第10条第1款第5项", "art_10__para_1__point_5"),
        ("第九条第（四）项", "art_9__para_1__point_4"),
        ("第十条第二款", "art_10__para_2"),
        ("第十二条", "art_12"),
    ] {
        assert_eq!(ids(q, 10).first().map(String::as_str), Some(eid), "{q}");
    }
    let hits = search(site(), "第十条第（五）项", None, 3).unwrap();
    assert_eq!(hits[0].title, "第十条第一款第（五）项");
    assert_eq!(hits[0].kind, "clause");
}

/// The acceptance query.
#[test]
fn force_majeure_lands_on_both_clauses() {
    let top = ids("不可抗力", 6);
    assert!(
        top.contains(&"art_9__para_1__point_4".to_string()),
        "{top:?}"
    );
    assert!(
        top.contains(&"art_10__para_1__point_4".to_string()),
        "{top:?}"
    );
}

#[test]
fn kind_filter_and_limit() {
    let hits = search(site(), "台账", Some("case"), 5).unwrap();
    assert_eq!(hits.len(), 5);
    assert!(hits.iter().all(|h| h.kind == "case"));
    assert!(search(site(), "台账", Some("nonsense"), 5).is_err());
}

pub const PARITY_QUERIES: [&str; 34] = [
    "不可抗力",
    "抗力",
    "错纠",
    "容错纠错",
    "隐匿台账",
    "台账",
    "执法记录仪",
    "预收费",
    "不可预见原因",
    "从轻处理",
    "减轻处理",
    "不予容错",
    "履职尽责",
    "容错免责",
    "第十条第（五）项",
    "第10条第1款第5项",
    "第九条第（四）项",
    "第十二条",
    "第九条至第十一条",
    "2025",
    "PDF",
    "ABC123",
    "2025年 台账",
    "超前超标培训",
    "责令整改",
    "纠错整改 延期",
    "校园安全 暴雨",
    "检查规程",
    "收费流水",
    "招生划片",
    "教师资格 材料造假",
    "（四）",
    "第（三）项",
    "全过程记录",
];

/// The browser export, read back and ranked the way search.js ranks, gives the
/// CLI's top 10 for every query of the parity set.
#[test]
fn export_ranks_like_the_cli() {
    let export = export_reader::Export::open(&site().join("search"));
    for q in PARITY_QUERIES {
        let cli = ids(q, 10);
        let browser = export.search(q, 10);
        assert_eq!(browser, cli, "{q}");
    }
}
