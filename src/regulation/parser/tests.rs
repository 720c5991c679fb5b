use super::*;
use crate::numerals;
use crate::regulation::ArticleNumber;
use proptest::prelude::*;

const SEED: &str = include_str!("../../../tests/fixtures/regulations/xilingol-seed.txt");

#[test]
fn seed_has_three_chapters_and_nineteen_articles() {
    let reg = parse(SEED);
    assert_eq!(reg.title, "锡林郭勒盟教育局行政执法尽职免责和容错纠错制度");
    assert_eq!(reg.chapters.len(), 3);
    assert_eq!(reg.chapters[0].heading, "总则");
    assert_eq!(reg.articles.len(), 19);
    let art10 = reg
        .article(ArticleNumber {
            number: 10,
            suffix: 0,
        })
        .unwrap();
    let items: Vec<usize> = art10.paragraphs.iter().map(|p| p.points.len()).collect();
    assert_eq!(items, [8, 3]);
    assert_eq!(art10.chapter.as_deref(), Some("chp_3"));
    assert_eq!(art10.paragraphs[1].points[2].eid, "art_10__para_2__point_3");
    let art9 = reg
        .article(ArticleNumber {
            number: 9,
            suffix: 0,
        })
        .unwrap();
    assert_eq!(art9.paragraphs.len(), 1);
    assert_eq!(art9.paragraphs[0].points.len(), 9);
    assert!(
        reg.preamble
            .iter()
            .any(|l| l.starts_with("现将《锡林郭勒盟行政执法尽职免责和容错纠错制度》印发"))
    );
    for (i, a) in reg.articles.iter().enumerate() {
        assert_eq!(a.number.number as usize, i + 1);
        if ![9, 10, 11].contains(&a.number.number) {
            assert!(
                a.paragraphs.iter().all(|p| p.points.is_empty()),
                "{}",
                a.num
            );
        }
    }
}

#[test]
fn headings_with_spaces_toc_suffix_and_half_width_brackets() {
    let text = "中华人民共和国国务院令\n第七百号\n《示例条例》已经通过，现予公布。\n示例条例\n（2020年1月1日公布）\n目　　录\n第一章　总　　则\n第二章　管　　理\n第一节　许　可\n第一章　总　　则\n第一条　为了规范，制定本条例。\n第二条 有下列情形之一的，不予许可：\n(一)未取得资格的;\n(二)其他情形。\n前款规定以外的，依法处理。\n第二章　管　　理\n第一节　许　可\n第三条　内容。\n第三条之一　新增内容。\n（一）甲；\n1.甲的细目；\n（二）乙。\n";
    let reg = parse(text);
    assert_eq!(reg.title, "示例条例");
    assert_eq!(reg.preamble.len(), 3);
    assert_eq!(reg.chapters.len(), 2);
    assert_eq!(reg.chapters[0].heading, "总则");
    assert_eq!(reg.chapters[1].sections[0].eid, "chp_2__sec_1");
    let eids: Vec<&str> = reg.articles.iter().map(|a| a.eid.as_str()).collect();
    assert_eq!(eids, ["art_1", "art_2", "art_3", "art_3-1"]);
    assert_eq!(reg.articles[3].num, "第三条之一");
    assert_eq!(reg.articles[3].section.as_deref(), Some("chp_2__sec_1"));
    let art2: Vec<usize> = reg.articles[1]
        .paragraphs
        .iter()
        .map(|p| p.points.len())
        .collect();
    assert_eq!(art2, [2, 0], "a 款 continues after the item list");
    assert_eq!(reg.articles[1].paragraphs[0].points[0].num, "（一）");
    assert_eq!(
        reg.articles[3].paragraphs[0].points[0].text,
        "甲；\n1.甲的细目；"
    );
}

#[test]
fn a_quoted_article_number_inside_a_paragraph_is_not_an_article() {
    let reg = parse("第一条 总则。\n第五条规定的情形除外。\n第二条 其他。\n");
    assert_eq!(reg.articles.len(), 2);
    assert_eq!(reg.articles[0].paragraphs.len(), 2);
}

#[test]
fn inspect_json_has_the_contract_shape() {
    let reg = parse(SEED);
    let text = serde_json::to_string(&reg).unwrap();
    let at = |k: &str| text.find(&format!("\"{k}\"")).unwrap();
    assert!(at("title") < at("chapters") && at("chapters") < at("articles"));
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let art = &json["articles"][9];
    assert_eq!(art["eid"], "art_10");
    assert_eq!(art["num"], "第十条");
    assert_eq!(art["chapter"], "chp_3");
    assert!(art["section"].is_null());
    assert_eq!(art["paragraphs"][0]["points"][4]["num"], "（五）");
}

/// A generated regulation: chapters of sections of articles of paragraphs with items.
fn regulation_shape() -> impl Strategy<Value = Vec<Vec<Vec<usize>>>> {
    // chapters → articles → items per paragraph
    prop::collection::vec(
        prop::collection::vec(prop::collection::vec(0usize..12, 1..4), 1..6),
        1..5,
    )
}

fn render(shape: &[Vec<Vec<usize>>], spaced: bool) -> String {
    let mut s = String::from("关于印发《测试办法》的通知\n各单位：\n现印发给你们。\n测试办法\n");
    let mut art = 0;
    let sep = if spaced { "　" } else { " " };
    for (c, chapter) in shape.iter().enumerate() {
        s += &format!("第{}章{sep}测　试\n", numerals::to_chinese(c as u32 + 1));
        for paras in chapter {
            art += 1;
            s += &format!("第{}条{sep}", numerals::to_chinese(art));
            for (p, &items) in paras.iter().enumerate() {
                if p > 0 {
                    s += "\n";
                }
                s += "有下列情形之一的，依照第三条处理：";
                for i in 1..=items {
                    s += &format!("\n（{}）第{}种情形；", numerals::to_chinese(i as u32), i);
                }
            }
            s += "\n";
        }
    }
    s
}

proptest! {
    #[test]
    fn generated_regulations_round_trip_their_counts(shape in regulation_shape(), spaced in any::<bool>()) {
        let reg = parse(&render(&shape, spaced));
        prop_assert_eq!(reg.title.as_str(), "测试办法");
        prop_assert_eq!(reg.chapters.len(), shape.len());
        let expected: Vec<Vec<usize>> = shape.iter().flatten().cloned().collect();
        let got: Vec<Vec<usize>> = reg.articles.iter()
            .map(|a| a.paragraphs.iter().map(|p| p.points.len()).collect())
            .collect();
        prop_assert_eq!(got, expected);
    }

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,200}") {
        let _ = parse(&s);
    }

    #[test]
    fn legal_looking_noise_never_panics(s in "[第一二三十百条款项章节之（）()、\n 　0-9]{0,120}") {
        let _ = parse(&s);
    }
}

#[test]
fn duplicate_out_of_order_and_missing_numbers_are_kept_and_reported() {
    let reg = parse("示例办法\n第一条 甲。\n第二条 乙。\n第二条 丙。\n第一条 丁。\n第五条 戊。\n");
    let eids: Vec<&str> = reg.articles.iter().map(|a| a.eid.as_str()).collect();
    assert_eq!(
        eids,
        ["art_1", "art_2", "art_2_dup1", "art_1_dup1", "art_5"]
    );
    let lines: Vec<usize> = reg.warnings.iter().map(|w| w.line).collect();
    assert_eq!(lines, [4, 5, 6]);
    assert!(
        reg.warnings[0].zh.contains("第 3 行已有第二条"),
        "{}",
        reg.warnings[0].zh
    );
    assert!(reg.warnings[2].zh.contains("中间的条文缺失"));
    // Quoted at the start of a 款 without a space, 第一条 is still text.
    let reg = parse("第一条 甲。\n第二条 乙。\n第一条规定的情形除外。\n");
    assert_eq!(reg.articles.len(), 2);
    assert!(reg.warnings.is_empty());
}

#[test]
fn captions_alone_on_their_line_or_in_brackets_are_headings_not_paragraphs() {
    let text = "示例条例\n第一条 目的和依据\n为了规范管理，制定本条例。\n第二条 为了保护，制定本条例。\n第三条【定义】本条例所称学校，是指中小学校。\n第四条（适用范围）本条例适用于本市。\n第五条 （删去）\n第六条 附则\n";
    let reg = parse(text);
    let headings: Vec<Option<&str>> = reg.articles.iter().map(|a| a.heading.as_deref()).collect();
    assert_eq!(
        headings,
        [
            Some("目的和依据"),
            None,
            Some("定义"),
            Some("适用范围"),
            None,
            None
        ]
    );
    let paras: Vec<usize> = reg.articles.iter().map(|a| a.paragraphs.len()).collect();
    assert_eq!(paras, [1, 1, 1, 1, 1, 1], "a caption is not a 款");
    assert_eq!(reg.articles[0].paragraphs[0].eid, "art_1__para_1");
    assert_eq!(
        reg.articles[0].paragraphs[0].text,
        "为了规范管理，制定本条例。"
    );
    assert_eq!(reg.articles[4].paragraphs[0].text, "（删去）");
}

#[test]
fn the_title_is_never_a_date_or_a_note_line() {
    let reg = parse(
        "《示例条例》\n2014年11月27日 某省人民代表大会常务委员会第十一次会议通过\n第一章 总则\n第一条 为了规范，制定本条例。\n",
    );
    assert_eq!(reg.title, "示例条例");
    assert_eq!(reg.notes.len(), 1);
    let reg = parse(
        "示例暂行条例\n2019年4月20日 中华人民共和国国务院令第713号公布\n2019年9月1日 施行\n第一条 内容。\n",
    );
    assert_eq!(reg.title, "示例暂行条例");
    assert_eq!(reg.notes.len(), 2);
    let reg = parse(
        "关于印发《示例规定的实施办法》的通知\n各单位：\n现印发给你们。\n某部\n一九九五年三月二十六日\n关于贯彻《示例规定》\n的实施办法\n第一条 内容。\n",
    );
    assert_eq!(reg.title, "关于贯彻《示例规定》的实施办法");
    assert_eq!(reg.preamble.len(), 5);
}

#[test]
fn an_annex_opens_only_after_the_last_article() {
    let reg = parse(
        "第一条 甲。\n附件：登记表\n第二条 乙。\n附件1：申请表\n第一条 表内的条文。\n附件2\n说明\n一、填写要求。\n",
    );
    assert_eq!(reg.articles.len(), 2);
    assert_eq!(
        reg.articles[0].paragraphs.len(),
        2,
        "an 附件 line between articles stays text"
    );
    let annexes: Vec<(&str, &str, &str)> = reg
        .annexes
        .iter()
        .map(|a| (a.num.as_str(), a.heading.as_str(), a.text.as_str()))
        .collect();
    assert_eq!(
        annexes,
        [
            ("附件1", "申请表", "第一条 表内的条文。"),
            ("附件2", "说明", "一、填写要求。")
        ]
    );
}

#[test]
fn parts_hold_chapters_and_a_toc_with_restarting_chapters_is_skipped() {
    let text = "示例法典\n目录\n第一编 总则\n第一章 一般规定\n第二章 效力\n第二编 分则\n第一章 甲罪\n第一节 甲\n附则\n第一编 总则\n第一章 一般规定\n第一条 甲。\n第二章 效力\n第二条 乙。\n第二编 分则\n第一章 甲罪\n第一节 甲\n第三条 丙。\n附则\n第四条 丁。\n";
    let reg = parse(text);
    let parts: Vec<&str> = reg.parts.iter().map(|p| p.eid.as_str()).collect();
    assert_eq!(parts, ["part_1", "part_2", "part_3"]);
    let chapters: Vec<&str> = reg.chapters.iter().map(|c| c.eid.as_str()).collect();
    assert_eq!(
        chapters,
        ["part_1__chp_1", "part_1__chp_2", "part_2__chp_1"]
    );
    assert_eq!(reg.chapters[2].part.as_deref(), Some("part_2"));
    assert_eq!(reg.chapters[2].sections[0].eid, "part_2__chp_1__sec_1");
    assert_eq!(
        reg.articles[2].section.as_deref(),
        Some("part_2__chp_1__sec_1")
    );
    assert_eq!(reg.articles[3].chapter, None);
    assert_eq!(reg.articles[3].paragraphs.len(), 1);
}

#[test]
fn headings_listed_twice_before_the_first_article_are_a_toc_without_its_line() {
    let reg = parse(
        "示例条例\n第一章 总则\n第二章 附则\n第一章 总则\n第一条 甲。\n第二章 附则\n第二条 乙。\n",
    );
    let chapters: Vec<&str> = reg.chapters.iter().map(|c| c.eid.as_str()).collect();
    assert_eq!(chapters, ["chp_1", "chp_2"]);
    assert_eq!(reg.title, "示例条例");
}
