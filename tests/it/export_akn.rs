//! `regkb export akn`: the bundled knowledge base, every regulation fixture and a
//! hand-built tree with what the parser does not fill yet, validated by xmllint
//! against the official Akoma Ntoso 3.0 XSD; eIds as `regkb inspect` gives them.

use super::support::*;
use regkb::regulation::{Annex, Article, Chapter, Paragraph, Part, Point, Regulation, Section};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// xmllint and the XSD `tests/akn-xsd.sh` fetched, or `None` (with a loud message)
/// when either is missing; under CI a missing one fails the test.
fn xsd() -> Option<PathBuf> {
    let dir = std::env::var_os("REGKB_AKN_XSD")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("target/akn-xsd"));
    let xsd = dir.join("akomantoso30.xsd");
    let xmllint = std::process::Command::new("xmllint")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let missing = match (xsd.is_file() && dir.join("xml.xsd").is_file(), xmllint) {
        (true, true) => return Some(xsd),
        (false, _) => format!(
            "the Akoma Ntoso XSD is not in {} (run tests/akn-xsd.sh)",
            dir.display()
        ),
        (true, false) => "xmllint is missing (apt-get install libxml2-utils)".to_string(),
    };
    if std::env::var_os("CI").is_some() {
        panic!("CI: {missing}");
    }
    eprintln!("\n*** SKIPPED the Akoma Ntoso XSD validation: {missing} ***\n");
    None
}

/// Validates XML files against the XSD; panics with xmllint's words on any failure.
fn validate(xsd: &Path, files: &[PathBuf]) {
    let o = std::process::Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(xsd)
        .args(files)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "xmllint:\n{err}");
    for f in files {
        assert!(
            err.contains(&format!("{} validates", f.display())),
            "{}: {err}",
            f.display()
        );
    }
}

/// A knowledge base holding one fixture text as its only regulation.
fn fixture_kb(text: &Path, root: &Path) {
    std::fs::create_dir_all(root.join("content/regulations")).unwrap();
    std::fs::write(
        root.join("config.toml"),
        "title = \"导出测试\"\ndescription = \"\"\nfields = [\"其他\"]\nactions = [\"其他\"]\n\
         outcomes = [{ name = \"履职尽责\", tone = \"favourable\" }]\n",
    )
    .unwrap();
    let body = std::fs::read_to_string(text).unwrap();
    let title = body.lines().find(|l| !l.trim().is_empty()).unwrap().trim();
    let slug = text.file_stem().unwrap().to_str().unwrap();
    std::fs::write(
        root.join(format!("content/regulations/{slug}.md")),
        format!(
            "+++\ntitle = \"{title}\"\nissuer = \"制定机关\"\ndoc_number = \"第1号\"\nissued = 2020-01-02\n\
             published = 2020-01-03\neffective = 2020-02-01\nstatus = \"有效\"\n+++\n{body}"
        ),
    )
    .unwrap();
}

fn regulation_fixtures() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(fixture("regulations"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    v.sort();
    v
}

/// The eIds of the elements named `names`, in document order.
fn eids_of(xml: &str, names: &[&str]) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    doc.descendants()
        .filter(|n| names.contains(&n.tag_name().name()))
        .filter_map(|n| n.attribute("eId").map(str::to_string))
        .collect()
}

/// The article, paragraph and item eIds `regkb inspect --json` reports for a text.
fn inspected_eids(text: &Path) -> Vec<String> {
    let tree: Value = serde_json::from_str(&run_ok(&["inspect", path(text), "--json"])).unwrap();
    let mut out = Vec::new();
    for a in tree["articles"].as_array().unwrap() {
        out.push(a["eid"].as_str().unwrap().to_string());
        for p in a["paragraphs"].as_array().unwrap() {
            out.push(p["eid"].as_str().unwrap().to_string());
            for pt in p["points"].as_array().unwrap() {
                out.push(pt["eid"].as_str().unwrap().to_string());
            }
        }
    }
    out
}

#[test]
fn akn_of_the_bundled_kb_and_every_regulation_fixture_is_valid_akoma_ntoso() {
    let tmp = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    let out = tmp.path().join("bundled");
    run_ok(&[
        "export",
        "akn",
        "--root",
        path(&repo()),
        "--output",
        path(&out),
    ]);
    files.push(out.join("xilingol.xml"));
    // Another bureau's knowledge base (its own rules and vocabulary).
    let other = tmp.path().join("other");
    run_ok(&[
        "export",
        "akn",
        "--root",
        path(&fixture("kb-other")),
        "--output",
        path(&other),
    ]);
    files.push(other.join("price-marking.xml"));
    // A regulation with two versions: the current text and one expression per version.
    let versions = tmp.path().join("versions");
    run_ok(&[
        "export",
        "akn",
        "--root",
        path(&fixture("kb-versions")),
        "--output",
        path(&versions),
    ]);
    for name in ["rules.xml", "rules@2024-10-14.xml", "rules@2026-01-01.xml"] {
        files.push(versions.join(name));
    }
    let old = std::fs::read_to_string(versions.join("rules@2024-10-14.xml")).unwrap();
    assert!(
        old.contains("zho@2024-10-14") && old.contains("art_19"),
        "the first version's expression"
    );
    let new = std::fs::read_to_string(versions.join("rules@2026-01-01.xml")).unwrap();
    assert!(
        new.contains("zho@2026-01-01") && new.contains("art_12-1") && !new.contains("\"art_19\"")
    );
    let fixtures = regulation_fixtures();
    assert!(fixtures.len() >= 6, "{fixtures:?}");
    for text in &fixtures {
        let stem = text.file_stem().unwrap().to_str().unwrap();
        let root = tmp.path().join(format!("kb-{stem}"));
        fixture_kb(text, &root);
        let out = tmp.path().join(format!("out-{stem}"));
        run_ok(&[
            "export",
            "akn",
            "--root",
            path(&root),
            "--output",
            path(&out),
        ]);
        let file = out.join(format!("{stem}.xml"));
        let xml = std::fs::read_to_string(&file).unwrap();
        // Every article, paragraph and item of the parsed text, with its eId, in order.
        assert_eq!(
            eids_of(&xml, &["article", "paragraph", "point"]),
            inspected_eids(text),
            "{stem}"
        );
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let frbr = |name: &str| {
            doc.descendants()
                .find(|n| n.has_tag_name(name))
                .and_then(|n| n.children().find(|c| c.has_tag_name("FRBRthis")))
                .and_then(|n| n.attribute("value"))
                .map(str::to_string)
        };
        assert_eq!(
            frbr("FRBRWork").as_deref(),
            Some(format!("/akn/cn/act/2020-01-02/{stem}/!main").as_str())
        );
        assert_eq!(
            frbr("FRBRExpression").as_deref(),
            Some(format!("/akn/cn/act/2020-01-02/{stem}/zho@2020-02-01/!main").as_str())
        );
        assert!(xml.contains("<docNumber>第1号</docNumber>"), "{stem}");
        files.push(file);
    }
    if let Some(xsd) = xsd() {
        validate(&xsd, &files);
    }
}

/// A tree with everything the parser does not fill yet: 编, chapters under them,
/// sections, article captions, 之一, a 款 that is only items, notes and annexes.
fn full_tree() -> Regulation {
    let point = |eid: &str, num: &str, text: &str| Point {
        eid: eid.into(),
        num: num.into(),
        text: text.into(),
        number: 0,
        line: 0,
    };
    let para = |eid: &str, text: &str, points: Vec<Point>| Paragraph {
        eid: eid.into(),
        text: text.into(),
        points,
        line: 0,
    };
    let article = |eid: &str,
                   num: &str,
                   heading: Option<&str>,
                   chapter: &str,
                   section: Option<&str>,
                   paragraphs| Article {
        eid: eid.into(),
        num: num.into(),
        heading: heading.map(Into::into),
        chapter: Some(chapter.into()),
        section: section.map(Into::into),
        part: None,
        paragraphs,
        number: Default::default(),
        line: 0,
    };
    let chapter =
        |eid: &str, num: &str, heading: &str, part: &str, sections: Vec<Section>| Chapter {
            eid: eid.into(),
            num: num.into(),
            heading: heading.into(),
            part: Some(part.into()),
            sections,
            number: 0,
        };
    Regulation {
        title: "示范法典".into(),
        preamble: vec![],
        notes: vec!["（2020年1月2日通过　2023年修正）".into()],
        parts: vec![
            Part {
                eid: "part_1".into(),
                num: "第一编".into(),
                heading: "总则".into(),
                number: 1,
            },
            Part {
                eid: "part_2".into(),
                num: "第二编".into(),
                heading: "分则".into(),
                number: 2,
            },
            Part {
                eid: "part_3".into(),
                num: "第三编".into(),
                heading: "（暂无）".into(),
                number: 3,
            },
        ],
        chapters: vec![
            chapter("part_1__chp_1", "第一章", "一般规定", "part_1", vec![]),
            chapter(
                "part_2__chp_1",
                "第一章",
                "程序",
                "part_2",
                vec![Section {
                    eid: "part_2__chp_1__sec_1".into(),
                    num: "第一节".into(),
                    heading: "申请".into(),
                }],
            ),
        ],
        articles: vec![
            article(
                "art_1",
                "第一条",
                Some("立法目的"),
                "part_1__chp_1",
                None,
                vec![para(
                    "art_1__para_1",
                    "为了示范 <标记> & “引号”，制定本法。",
                    vec![],
                )],
            ),
            article(
                "art_1-1",
                "第一条之一",
                None,
                "part_1__chp_1",
                None,
                vec![para("art_1-1__para_1", "依照第一条的规定执行。", vec![])],
            ),
            article(
                "art_2",
                "第二条",
                Some("申请条件"),
                "part_2__chp_1",
                Some("part_2__chp_1__sec_1"),
                vec![
                    para(
                        "art_2__para_1",
                        "申请人应当具备下列条件：",
                        vec![
                            point("art_2__para_1__point_1", "（一）", "年满十八周岁；"),
                            point("art_2__para_1__point_2", "（二）", "无不良记录。"),
                        ],
                    ),
                    para(
                        "art_2__para_2",
                        "",
                        vec![point("art_2__para_2__point_1", "（一）", "只有项的款。")],
                    ),
                ],
            ),
        ],
        annexes: vec![
            Annex {
                num: "附件1".into(),
                heading: "申请表".into(),
                text: "姓名：\n\n单位：".into(),
            },
            Annex {
                num: String::new(),
                heading: String::new(),
                text: String::new(),
            },
        ],
        warnings: vec![],
    }
}

fn full_meta() -> regkb::export::akn::ExpressionMeta<'static> {
    let d = |s| regkb::content::date::Date::parse(s).unwrap();
    regkb::export::akn::ExpressionMeta {
        slug: "shifan",
        title: "示范法典",
        issuer: "示范机关",
        doc_number: "示字〔2020〕1号",
        issued: d("2020-01-02"),
        published: d("2020-01-03"),
        effective: d("2020-02-01"),
    }
}

#[test]
fn akn_of_a_tree_with_parts_sections_headings_and_annexes_is_valid() {
    let mut refs = regkb::export::akn::Refs::new();
    let cite = "第一条";
    let at = "依照".len();
    refs.insert(
        "art_1-1__para_1".into(),
        vec![(
            at..at + cite.len(),
            "/akn/cn/act/2020-01-02/shifan/!main~art_1".into(),
        )],
    );
    let xml = regkb::export::akn::expression(&full_tree(), &full_meta(), &refs);
    let names = [
        "part",
        "chapter",
        "section",
        "article",
        "paragraph",
        "point",
        "attachment",
    ];
    assert_eq!(
        eids_of(&xml, &names),
        [
            "part_1",
            "part_1__chp_1",
            "art_1",
            "art_1__para_1",
            "art_1-1",
            "art_1-1__para_1",
            "part_2",
            "part_2__chp_1",
            "part_2__chp_1__sec_1",
            "art_2",
            "art_2__para_1",
            "art_2__para_1__point_1",
            "art_2__para_1__point_2",
            "art_2__para_2",
            "art_2__para_2__point_1",
            "part_3",
            "att_1",
            "att_2",
        ]
    );
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("shifan.xml");
    std::fs::write(&file, &xml).unwrap();
    if let Some(xsd) = xsd() {
        validate(&xsd, &[file]);
    }
}
