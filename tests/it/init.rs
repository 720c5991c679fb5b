//! `regkb init` and `regkb new`: a new knowledge base and every skeleton check and build as written.

use crate::support::{copy_dir, fixture, regkb};
use std::path::{Path, PathBuf};
use std::process::Output;

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn ok(o: Output) -> String {
    assert!(o.status.success(), "failed:\n{}", text(&o));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// `check` exits 0 and `build --output` writes a site; returns the site's directory.
fn checks_and_builds(kb: &Path) -> PathBuf {
    ok(regkb(&["check", "--root", s(kb)]));
    let out = kb.with_extension("site");
    ok(regkb(&["build", "--root", s(kb), "--output", s(&out)]));
    assert!(out.join("index.html").is_file());
    out
}

fn case_ids(kb: &Path) -> Vec<String> {
    let mut ids: Vec<String> = crate::support::files(&kb.join("content/cases"))
        .into_iter()
        .map(|(rel, _)| {
            rel.rsplit('/')
                .next()
                .unwrap()
                .trim_end_matches(".md")
                .to_string()
        })
        .collect();
    ids.sort();
    ids
}

#[test]
fn init_without_a_regulation_checks_and_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let kb = tmp.path().join("kb");
    let printed = ok(regkb(&["init", s(&kb)]));
    assert!(
        printed.contains(&format!("regkb check --root {}", kb.display())),
        "{printed}"
    );
    assert!(
        printed.contains(&format!("regkb build --root {}", kb.display())),
        "{printed}"
    );
    let regulation = std::fs::read_to_string(kb.join("content/regulations/rules.md")).unwrap();
    assert!(
        regulation.contains("示例制度（请替换为正式文本）"),
        "{regulation}"
    );
    let config = std::fs::read_to_string(kb.join("config.toml")).unwrap();
    for key in [
        "title",
        "description",
        "base_url",
        "default_regulation",
        "as_of",
        "fields",
        "actions",
        "[[outcomes]]",
        "grounds",
        "tone",
        "[anonymize]",
        "deny",
        "allow",
        "[analysis]",
        "basis",
        "recurrence_cases",
        "recurrence_months",
        "concentration_ratio",
        "top_risks",
        "[selfcheck]",
    ] {
        assert!(config.contains(key), "config.toml lacks {key}");
    }
    assert!(kb.join("README.md").is_file());
    let site = checks_and_builds(&kb);
    assert!(site.join("r/rules/index.html").is_file());

    let [id] = case_ids(&kb).try_into().unwrap();
    let site = checks_and_builds(&kb);
    for page in [
        regkb::render::urls::case(&id),
        "risks/sample-risk.html".into(),
        "guides/start.html".into(),
    ] {
        assert!(site.join(&page).is_file(), "no {page}");
    }
}

#[test]
fn init_with_a_published_regulation_fills_its_front_matter() {
    let tmp = tempfile::tempdir().unwrap();
    let kb = tmp.path().join("kb");
    let source = fixture("regulations/xilingol-seed.txt");
    ok(regkb(&["init", s(&kb), "--regulation", s(&source)]));
    let file = std::fs::read_to_string(kb.join("content/regulations/xilingol-seed.md")).unwrap();
    for line in [
        "title = \"锡林郭勒盟教育局行政执法尽职免责和容错纠错制度\"",
        "issuer = \"锡林郭勒盟教育局\"",
        "issued = 2024-09-14",
        "effective = 2024-10-14",
        "status = \"有效\"",
    ] {
        assert!(file.contains(line), "no {line} in\n{file}");
    }
    let pasted = std::fs::read_to_string(&source).unwrap();
    assert!(
        file.ends_with(&format!("+++\n{}\n", pasted.trim_end())),
        "the text is pasted as published"
    );
    let site = checks_and_builds(&kb);
    assert!(site.join("r/xilingol-seed/art_19.html").is_file());
    checks_and_builds(&kb);
}

#[test]
fn init_reads_a_gbk_text() {
    let tmp = tempfile::tempdir().unwrap();
    let utf8 =
        std::fs::read_to_string(fixture("regulations/xiaoche-anquan-guanli-tiaoli.txt")).unwrap();
    let source = tmp.path().join("校车安全管理条例.txt");
    std::fs::write(
        &source,
        encoding_rs::GBK.encode(&utf8.replace('\n', "\r\n")).0,
    )
    .unwrap();
    let kb = tmp.path().join("kb");
    ok(regkb(&["init", s(&kb), "--regulation", s(&source)]));
    let file = std::fs::read_to_string(kb.join("content/regulations/rules.md")).unwrap();
    assert!(file.contains("issuer = \"国务院\""), "{file}");
    assert!(file.contains("第六十二条"), "{file}");
    checks_and_builds(&kb);
}

#[test]
fn init_refuses_a_directory_that_is_not_empty() {
    let tmp = tempfile::tempdir().unwrap();
    let kb = tmp.path().join("kb");
    std::fs::create_dir(&kb).unwrap();
    std::fs::write(kb.join("notes.txt"), "keep me").unwrap();
    let o = regkb(&["init", s(&kb)]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(&kb.display().to_string()) && err.contains("不是空的"),
        "{err}"
    );
    assert!(!kb.join("config.toml").exists());
    assert_eq!(
        std::fs::read_to_string(kb.join("notes.txt")).unwrap(),
        "keep me"
    );
}

#[test]
fn init_refuses_a_text_without_articles() {
    let tmp = tempfile::tempdir().unwrap();
    let source = tmp.path().join("notice.txt");
    std::fs::write(&source, "关于开展检查的通知\n各单位：请按要求开展检查。\n").unwrap();
    let o = regkb(&[
        "init",
        s(&tmp.path().join("kb")),
        "--regulation",
        s(&source),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("没有找到条文"),
        "{}",
        text(&o)
    );
}

#[test]
fn new_case_twice_gives_two_ids_and_both_check() {
    let tmp = tempfile::tempdir().unwrap();
    let kb = tmp.path().join("kb");
    ok(regkb(&["init", s(&kb)]));
    let first = ok(regkb(&["new", "case", "--root", s(&kb)]));
    let second = ok(regkb(&[
        "new",
        "case",
        "--root",
        s(&kb),
        "--clause",
        "第二条第（二）项",
    ]));
    assert_ne!(first, second);
    let ids = case_ids(&kb);
    assert_eq!(ids.len(), 3, "{ids:?}");
    let year = &ids[0][..4];
    assert_eq!(
        ids,
        [
            format!("{year}-001"),
            format!("{year}-002"),
            format!("{year}-003")
        ]
    );
    for id in &ids[1..] {
        assert!(
            first.contains(id.as_str()) || second.contains(id.as_str()),
            "{first}{second}"
        );
    }
    let site = checks_and_builds(&kb);
    for id in &ids {
        assert!(
            site.join(regkb::render::urls::case(&id)).is_file(),
            "no page for {id}"
        );
    }
}

#[test]
fn new_skeletons_of_every_kind_check() {
    let tmp = tempfile::tempdir().unwrap();
    let kb = tmp.path().join("kb");
    ok(regkb(&["init", s(&kb)]));
    let risk = ok(regkb(&["new", "risk", "--root", s(&kb)]));
    assert!(risk.contains("content/risks/risk-001.md"), "{risk}");
    let annotation = ok(regkb(&[
        "new",
        "annotation",
        "--root",
        s(&kb),
        "--clause",
        "第三条",
    ]));
    assert!(
        annotation.contains("content/annotations/art-3.md"),
        "{annotation}"
    );
    let guide = ok(regkb(&["new", "guide", "--root", s(&kb), "--id", "faq"]));
    assert!(guide.contains("content/guides/faq.md"), "{guide}");
    let site = checks_and_builds(&kb);
    assert!(site.join("risks/risk-001.html").is_file());
    assert!(site.join("guides/faq.html").is_file());

    // Never overwrites, and names what to do instead.
    let again = regkb(&["new", "annotation", "--root", s(&kb), "--clause", "第三条"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("已存在"),
        "{}",
        text(&again)
    );
    let taken = regkb(&["new", "risk", "--root", s(&kb), "--id", "sample-risk"]);
    assert_eq!(taken.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&taken.stderr).contains("已被"),
        "{}",
        text(&taken)
    );
    let missing = regkb(&["new", "case", "--root", s(&kb), "--clause", "第九十九条"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&missing.stderr).contains("第九十九条"),
        "{}",
        text(&missing)
    );
}

#[test]
fn new_case_takes_the_first_declared_values() {
    let tmp = tempfile::tempdir().unwrap();
    let kb = tmp.path().join("kb");
    copy_dir(&fixture("kb-base"), &kb);
    let printed = ok(regkb(&[
        "new",
        "case",
        "--root",
        s(&kb),
        "--id",
        "2025-003",
    ]));
    assert!(
        printed.contains("content/cases/2025/2025-003.md"),
        "{printed}"
    );
    let case = std::fs::read_to_string(kb.join("content/cases/2025/2025-003.md")).unwrap();
    assert!(
        case.contains("field = \"校外培训监管\"") && case.contains("outcome = \"履职尽责\""),
        "{case}"
    );
    checks_and_builds(&kb);
}

#[test]
fn init_and_new_errors_carry_an_08xx_code_in_either_language() {
    let tmp = tempfile::tempdir().unwrap();
    let full = tmp.path().join("full");
    std::fs::create_dir(&full).unwrap();
    std::fs::write(full.join("notes.txt"), "keep me").unwrap();

    let zh = regkb(&["init", s(&full)]);
    assert_eq!(zh.status.code(), Some(1), "{}", text(&zh));
    let err = String::from_utf8_lossy(&zh.stderr);
    assert!(err.contains("error: E0802 "), "{err}");
    assert!(err.contains("已存在且不是空的"), "{err}");

    let en = regkb(&["--lang", "en", "init", s(&full)]);
    assert_eq!(en.status.code(), Some(1), "{}", text(&en));
    let err = String::from_utf8_lossy(&en.stderr);
    assert!(err.contains("error: E0802 "), "{err}");
    assert!(err.contains("exists and is not empty"), "{err}");
    assert!(!err.contains("不是空的"), "{err}");
    assert!(!full.join("config.toml").exists());

    let kb = tmp.path().join("kb");
    ok(regkb(&["init", s(&kb)]));
    let missing = regkb(&["new", "case", "--root", s(&kb), "--clause", "第九十九条"]);
    assert_eq!(missing.status.code(), Some(1), "{}", text(&missing));
    let err = String::from_utf8_lossy(&missing.stderr);
    assert!(err.contains("error: E08"), "{err}");
    assert!(err.contains("“第九十九条” 不是《"), "{err}");
    let missing = regkb(&[
        "new",
        "case",
        "--root",
        s(&kb),
        "--clause",
        "第九十九条",
        "--lang",
        "en",
    ]);
    assert_eq!(missing.status.code(), Some(1), "{}", text(&missing));
    let err = String::from_utf8_lossy(&missing.stderr);
    assert!(
        err.contains("error: E08") && err.contains("is not a clause of"),
        "{err}"
    );
    assert_eq!(case_ids(&kb).len(), 1, "nothing is written on an error");
}

#[test]
fn a_code_with_parts_captions_and_annexes_builds_with_them_on_its_pages() {
    let tmp = tempfile::tempdir().unwrap();
    let kb = tmp.path().join("kb");
    let source = fixture("regulations/xingfa-2023.txt");
    ok(regkb(&["init", s(&kb), "--regulation", s(&source)]));
    let file = std::fs::read_to_string(kb.join("content/regulations/xingfa-2023.md")).unwrap();
    assert!(file.contains("title = \"中华人民共和国刑法\""), "{file}");
    let site = checks_and_builds(&kb);
    let page = std::fs::read_to_string(site.join("r/xingfa-2023/index.html")).unwrap();
    for id in [
        "id=\"part_2\"",
        "id=\"part_2__chp_1\"",
        "id=\"part_1__chp_2__sec_1\"",
        "id=\"art_133-1__para_3\"",
        "id=\"annex_2\"",
        "href=\"#part_3\"",
        "href=\"#annex_1\"",
    ] {
        assert!(page.contains(id), "no {id} on the regulation page");
    }
    assert!(page.contains("2023年12月29日 第十四届全国人民代表大会常务委员会第七次会议"));
    assert_eq!(page.matches("class=\"annex\"").count(), 2);

    let kb = tmp.path().join("kb2");
    let source = fixture("regulations/zgrmfy-cundan-jiufen-guiding-2020.txt");
    ok(regkb(&["init", s(&kb), "--regulation", s(&source)]));
    let site = checks_and_builds(&kb);
    let article =
        std::fs::read_to_string(site.join("r/zgrmfy-cundan-jiufen-guiding-2020/art_1.html"))
            .unwrap();
    assert!(
        article.contains("<h1>第一条　存单纠纷案件的范围</h1>"),
        "{article}"
    );
    assert!(
        !article.contains("id=\"art_1__para_2\""),
        "the caption is not a 款"
    );
}
