//! The citation table: phrasings from the seed's own cross-references and from
//! how annotations and cases are written, each with the eIds it must resolve to.

use super::*;
use crate::citation::{Context, Instrument, resolve};
use crate::regulation::{ArticleNumber, Regulation, parse};

fn seed() -> Regulation {
    parse(include_str!(
        "../../tests/fixtures/regulations/xilingol-seed.txt"
    ))
}

fn ctx(article: u32, paragraph: Option<u32>, point: Option<u32>) -> Context {
    Context {
        article: Some(ArticleNumber {
            number: article,
            suffix: 0,
        }),
        paragraph,
        point,
    }
}

/// Recognises `text` (which must hold exactly one citation, covering `cited`) and
/// resolves every reference in it.
fn eids(
    reg: &Regulation,
    text: &str,
    cited: &str,
    context: &Context,
) -> Result<Vec<String>, crate::diagnostic::Message> {
    let found = recognize(text);
    assert_eq!(found.len(), 1, "{text}: {found:?}");
    let c = &found[0];
    assert_eq!(&text[c.span.clone()], cited, "{text}");
    c.refs
        .iter()
        .map(|r| resolve(reg, r, context).map(|r| r.eid))
        .collect()
}

#[test]
fn citation_table_resolves() {
    let reg = seed();
    let none = Context::default();
    let a10p1 = ctx(10, Some(1), None);
    let a10p2 = ctx(10, Some(2), None);
    #[rustfmt::skip]
    let table: Vec<(&str, &str, Context, Vec<&str>)> = vec![
        ("依照第十条处理", "第十条", none, vec!["art_10"]),
        ("符合第十条第二款规定的条件", "第十条第二款", none, vec!["art_10__para_2"]),
        ("适用第十条第一款第（五）项", "第十条第一款第（五）项", none, vec!["art_10__para_1__point_5"]),
        ("适用第十条第一款第(五)项", "第十条第一款第(五)项", none, vec!["art_10__para_1__point_5"]),
        ("适用第十条第一款第五项", "第十条第一款第五项", none, vec!["art_10__para_1__point_5"]),
        ("第九条第（四）项规定的不可抗力", "第九条第（四）项", none, vec!["art_9__para_1__point_4"]),
        ("第九条第(二)项", "第九条第(二)项", none, vec!["art_9__para_1__point_2"]),
        ("第9条第2项", "第9条第2项", none, vec!["art_9__para_1__point_2"]),
        ("第10条", "第10条", none, vec!["art_10"]),
        ("第１０条第２款", "第１０条第２款", none, vec!["art_10__para_2"]),
        ("第十条第一款第（八）项", "第十条第一款第（八）项", none, vec!["art_10__para_1__point_8"]),
        ("第十条第二款第（三）项", "第十条第二款第（三）项", none, vec!["art_10__para_2__point_3"]),
        ("第十一条第（一）项", "第十一条第（一）项", none, vec!["art_11__para_1__point_1"]),
        ("第十二条规定的情形", "第十二条", none, vec!["art_12"]),
        ("第十九条", "第十九条", none, vec!["art_19"]),
        ("第一条", "第一条", none, vec!["art_1"]),
        ("依照本办法第十三条", "本办法第十三条", none, vec!["art_13"]),
        ("本制度第十四条", "本制度第十四条", none, vec!["art_14"]),
        ("第九条至第十一条", "第九条至第十一条", none, vec!["art_9", "art_10", "art_11"]),
        ("第十三条至第十六条的程序", "第十三条至第十六条", none, vec!["art_13", "art_14", "art_15", "art_16"]),
        ("第九至十一条", "第九至十一条", none, vec!["art_9", "art_10", "art_11"]),
        ("第九条、第十条", "第九条、第十条", none, vec!["art_9", "art_10"]),
        ("第十五、十六条", "第十五、十六条", none, vec!["art_15", "art_16"]),
        ("第十五条和第十六条", "第十五条和第十六条", none, vec!["art_15", "art_16"]),
        ("第十条或者第十一条", "第十条或者第十一条", none, vec!["art_10", "art_11"]),
        ("第十条第二款第（一）项、第（二）项", "第十条第二款第（一）项、第（二）项", none,
            vec!["art_10__para_2__point_1", "art_10__para_2__point_2"]),
        ("第十条第二款第（一）至（三）项", "第十条第二款第（一）至（三）项", none,
            vec!["art_10__para_2__point_1", "art_10__para_2__point_2", "art_10__para_2__point_3"]),
        ("第十条第二款第（一）项至第（三）项", "第十条第二款第（一）项至第（三）项", none,
            vec!["art_10__para_2__point_1", "art_10__para_2__point_2", "art_10__para_2__point_3"]),
        ("第十条第一款、第二款", "第十条第一款、第二款", none, vec!["art_10__para_1", "art_10__para_2"]),
        ("第九条第（一）项、第十条第一款第（五）项", "第九条第（一）项、第十条第一款第（五）项", none,
            vec!["art_9__para_1__point_1", "art_10__para_1__point_5"]),
        ("第十一条第（一）、（二）项", "第十一条第（一）、（二）项", none,
            vec!["art_11__para_1__point_1", "art_11__para_1__point_2"]),
        ("本条第一款", "本条第一款", a10p2, vec!["art_10__para_1"]),
        ("前款所列情形", "前款", a10p2, vec!["art_10__para_1"]),
        ("本款第（三）项", "本款第（三）项", a10p2, vec!["art_10__para_2__point_3"]),
        ("同时符合第（三）项", "第（三）项", a10p2, vec!["art_10__para_2__point_3"]),
        ("与第（五）项的区别", "第（五）项", a10p1, vec!["art_10__para_1__point_5"]),
        ("本项", "本项", ctx(10, Some(1), Some(5)), vec!["art_10__para_1__point_5"]),
        ("第二款", "第二款", ctx(10, None, None), vec!["art_10__para_2"]),
        ("本条", "本条", ctx(12, None, None), vec!["art_12"]),
        ("第三章", "第三章", none, vec!["chp_3"]),
        ("第二章至第三章", "第二章至第三章", none, vec!["chp_2", "chp_3"]),
        ("第九条第一款第（九）项", "第九条第一款第（九）项", none, vec!["art_9__para_1__point_9"]),
    ];
    assert!(table.len() >= 40, "the table has {} rows", table.len());
    for (text, cited, context, expected) in table {
        assert_eq!(
            eids(&reg, text, cited, &context),
            Ok(expected.iter().map(|s| s.to_string()).collect()),
            "{text}"
        );
    }
}

#[test]
fn citations_of_missing_clauses_are_located_errors() {
    let reg = seed();
    let none = Context::default();
    #[rustfmt::skip]
    let cases = [
        ("第二十条", "E0403",
            "第二十条：该规定没有这一条，现有条文是第一条至第十九条",
            "第二十条: no such article; the regulation has 第一条–第十九条"),
        ("第十条第三款", "E0406",
            "第十条第三款：第十条只有 2 款，请核对款号",
            "第十条第三款: 第十条 has 2 款"),
        ("第十条第九项", "E0408",
            "第十条第（九）项：第十条第一款有第（一）至（八）项，第十条第二款有第（一）至（三）项，请核对项号",
            "第十条第（九）项: 第十条第一款 has items （一）–（八）, 第十条第二款 has items （一）–（三）"),
        ("第十条第二款第（五）项", "E0408",
            "第十条第二款第（五）项：第十条第二款有第（一）至（三）项，请核对项号",
            "第十条第二款第（五）项: 第十条第二款 has items （一）–（三）"),
        ("第十二条第（一）项", "E0408",
            "第十二条第（一）项：第十二条没有分项，请核对项号",
            "第十二条第（一）项: 第十二条 has no items (项)"),
        ("第四章", "E0401",
            "第四章：该规定只有 3 章，请核对章号",
            "第四章: the regulation has 3 chapters"),
    ];
    for (text, code, zh, en) in cases {
        let err = eids(&reg, text, text, &none).unwrap_err();
        assert_eq!(
            (err.code, err.zh.as_str(), err.en.as_str()),
            (code, zh, en),
            "{text}"
        );
    }
    let err = eids(&reg, "前款", "前款", &ctx(10, Some(1), None)).unwrap_err();
    assert_eq!(err.code, "E0405");
    assert_eq!(
        err.zh,
        "前款：第十条第一款是第一款，它前面没有“前款”；请写明所指的条款"
    );
    assert!(err.en.contains("no previous 款"), "{err}");
    let err = eids(&reg, "本条第一款", "本条第一款", &none).unwrap_err();
    assert_eq!(err.code, "E0402");
    assert!(err.en.contains("relative citation"), "{err}");
    let err = eids(
        &reg,
        "本款第（三）项",
        "本款第（三）项",
        &ctx(10, None, None),
    )
    .unwrap_err();
    assert_eq!(err.code, "E0404", "{err:?}");
    let err = eids(&reg, "本项", "本项", &ctx(10, Some(1), None)).unwrap_err();
    assert_eq!(err.code, "E0407", "{err:?}");
}

#[test]
fn an_item_cited_without_its_paragraph_takes_the_first_and_warns() {
    let reg = seed();
    let c = &recognize("第十条第（二）项")[0];
    let r = resolve(&reg, &c.refs[0], &Context::default()).unwrap();
    assert_eq!(r.eid, "art_10__para_1__point_2");
    let w = r.warning.unwrap();
    assert_eq!(w.code, "W0401");
    assert!(w.en.contains("ambiguous"));
    assert_eq!(
        w.zh,
        "第十条第（二）项指向不明：第十条第一款和第十条第二款都有第（二）项，已按第十条第一款处理；请写明款号，如 第十条第一款第（二）项"
    );
    let c = &recognize("第十条第（五）项")[0];
    let r = resolve(&reg, &c.refs[0], &Context::default()).unwrap();
    assert_eq!(
        (r.eid.as_str(), r.warning),
        ("art_10__para_1__point_5", None)
    );
}

#[test]
fn other_instruments_are_recognised_but_not_ours() {
    let found = recognize("根据《中华人民共和国行政处罚法》第三十三条第二款，并依照第十条");
    assert_eq!(found.len(), 2);
    assert_eq!(
        found[0].instrument,
        Instrument::Named("中华人民共和国行政处罚法".into())
    );
    assert_eq!(found[0].refs[0].label(), "第三十三条第二款");
    assert_eq!(found[1].instrument, Instrument::Default);
    let found = recognize("行政处罚法第三十三条、该法第三十六条");
    assert!(
        found.iter().all(|c| c.instrument == Instrument::Unknown),
        "{found:?}"
    );
    let found = recognize("《教师资格条例》规定");
    assert!(found.is_empty());
}

#[test]
fn spans_are_byte_ranges_of_the_source() {
    let text = "执法人员甲依照第十条第一款第（五）项和第十条第二款申请容错。";
    let found = recognize(text);
    assert_eq!(found.len(), 1);
    assert_eq!(
        &text[found[0].span.clone()],
        "第十条第一款第（五）项和第十条第二款"
    );
}

#[test]
fn words_that_only_look_like_citations_are_not() {
    for text in [
        "第一次会议",
        "第三方机构",
        "锡教发〔2024〕15号",
        "第一时间",
        "第2024号",
        "第十条之规定",
        "二〇二四年第四季度",
    ] {
        let found = recognize(text);
        let cited: Vec<&str> = found.iter().map(|c| &text[c.span.clone()]).collect();
        assert!(cited.iter().all(|c| *c == "第十条"), "{text}: {cited:?}");
    }
}

#[test]
fn every_cross_reference_in_the_seed_resolves() {
    let reg = seed();
    let text = include_str!("../../tests/fixtures/regulations/xilingol-seed.txt");
    for c in recognize(text)
        .iter()
        .filter(|c| c.instrument == Instrument::Default)
    {
        for r in &c.refs {
            assert!(
                resolve(&reg, r, &Context::default()).is_ok(),
                "{}",
                r.label()
            );
        }
    }
}

proptest::proptest! {
    #[test]
    fn never_panics_on_arbitrary_text(s in "\\PC{0,120}") {
        for c in recognize(&s) {
            proptest::prop_assert!(s.is_char_boundary(c.span.start) && s.is_char_boundary(c.span.end));
        }
    }

    #[test]
    fn never_panics_on_citation_noise(s in "[第一二三十九百千条款项章之（）()、至和本前《》法 0-9０-９]{0,80}") {
        let reg = seed();
        for c in recognize(&s) {
            for r in &c.refs {
                let _ = resolve(&reg, r, &ctx(10, Some(2), Some(1)));
            }
        }
    }
}

#[test]
fn chapters_under_parts_resolve_and_a_repeated_chapter_number_warns() {
    let code = include_str!("../../tests/fixtures/regulations/xingfa-2023.txt");
    let reg = parse(code);
    let resolve_one = |text: &str| {
        let c = &recognize(text)[0];
        resolve(&reg, &c.refs[0], &Context::default()).unwrap()
    };
    let chapter = resolve_one("第三章");
    assert_eq!(chapter.eid, "part_1__chp_3");
    let w = chapter.warning.expect("第二编 has a 第三章 too");
    assert_eq!(w.code, "W0410");
    assert!(w.zh.contains("第二编第三章"), "{}", w.zh);
    let only = resolve_one("第十章");
    assert_eq!(only.eid, "part_2__chp_10");
    assert!(only.warning.is_none(), "only 第二编 has a 第十章");
    assert_eq!(resolve_one("第一百三十三条之一").eid, "art_133-1");
    assert_eq!(reg.label("part_2__chp_10").as_deref(), Some("第十章"));
}
