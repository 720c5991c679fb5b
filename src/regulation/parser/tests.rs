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
