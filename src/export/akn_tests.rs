//! The Akoma Ntoso writer on hand-built trees: what the parser does not fill yet
//! (parts, captions, notes, annexes) lands where the schema wants it.

use super::*;
use crate::regulation::{Chapter, Part};

fn tree() -> Regulation {
    let para = |eid: &str, text: &str, points: Vec<Point>| Paragraph {
        eid: eid.into(),
        text: text.into(),
        points,
        line: 0,
    };
    let article =
        |eid: &str, num: &str, heading: Option<&str>, chapter: Option<&str>, paragraphs| Article {
            eid: eid.into(),
            num: num.into(),
            heading: heading.map(Into::into),
            chapter: chapter.map(Into::into),
            section: None,
            part: None,
            paragraphs,
            number: Default::default(),
            line: 0,
        };
    Regulation {
        title: "示范条例".into(),
        preamble: vec![],
        notes: vec!["（2020年通过）".into()],
        parts: vec![Part {
            eid: "part_1".into(),
            num: "第一编".into(),
            heading: "总则".into(),
            number: 1,
        }],
        chapters: vec![Chapter {
            eid: "part_1__chp_1".into(),
            num: "第一章".into(),
            heading: "一般规定".into(),
            part: Some("part_1".into()),
            sections: vec![],
            number: 1,
        }],
        articles: vec![
            article(
                "art_1",
                "第一条",
                None,
                None,
                vec![para("art_1__para_1", "章前的条文。", vec![])],
            ),
            article(
                "art_2",
                "第二条",
                Some("适用范围"),
                Some("part_1__chp_1"),
                vec![para(
                    "art_2__para_1",
                    "包括：",
                    vec![Point {
                        eid: "art_2__para_1__point_1".into(),
                        num: "（一）".into(),
                        text: "学校。".into(),
                        number: 1,
                        line: 0,
                    }],
                )],
            ),
        ],
        annexes: vec![Annex {
            num: "附件".into(),
            heading: "用语".into(),
            text: "一、学校\n二、机构".into(),
        }],
        warnings: vec![],
    }
}

fn meta() -> ExpressionMeta<'static> {
    ExpressionMeta {
        slug: "示范",
        title: "示范条例",
        issuer: "示范机关",
        doc_number: "",
        issued: Date::parse("2020-01-02").unwrap(),
        published: Date::parse("2020-01-03").unwrap(),
        effective: Date::parse("2020-02-01").unwrap(),
    }
}

#[test]
fn parts_headings_notes_points_and_annexes_are_written_where_akn_puts_them() {
    let xml = expression(&tree(), &meta(), &Refs::new());
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let by_eid = |eid: &str| {
        doc.descendants()
            .find(|n| n.attribute("eId") == Some(eid))
            .unwrap()
    };
    let child_text = |n: roxmltree::Node, name: &str| {
        n.children()
            .find(|c| c.has_tag_name(name))
            .and_then(|c| c.text())
            .map(str::to_string)
    };
    // The article before any chapter stays outside it, first in the body.
    let first = by_eid("art_1");
    assert_eq!(first.parent_element().unwrap().tag_name().name(), "body");
    assert_eq!(child_text(first, "heading"), None);
    let chapter = by_eid("part_1__chp_1");
    assert_eq!(
        chapter.parent_element().unwrap().attribute("eId"),
        Some("part_1")
    );
    let art = by_eid("art_2");
    assert_eq!(art.parent_element(), Some(chapter));
    assert_eq!(child_text(art, "heading").as_deref(), Some("适用范围"));
    let point = by_eid("art_2__para_1__point_1");
    assert_eq!(
        point.parent_element().unwrap().attribute("eId"),
        Some("art_2__para_1")
    );
    assert_eq!(child_text(point, "num").as_deref(), Some("（一）"));
    let intro = by_eid("art_2__para_1").first_element_child().unwrap();
    assert_eq!(intro.tag_name().name(), "intro");
    let note = doc
        .descendants()
        .find(|n| n.attribute("class") == Some("note"))
        .unwrap();
    assert_eq!(note.text(), Some("（2020年通过）"));
    let att = by_eid("att_1");
    assert_eq!(child_text(att, "heading").as_deref(), Some("用语"));
    let lines: Vec<_> = att
        .descendants()
        .filter(|n| n.has_tag_name("p"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(lines, ["一、学校", "二、机构"]);
    // A Chinese slug is percent-encoded in the IRIs.
    assert!(xml.contains("/akn/cn/act/2020-01-02/%E7%A4%BA%E8%8C%83/zho@2020-02-01/!annex_1"));
}

#[test]
fn a_citation_becomes_a_ref_and_a_span_that_does_not_fit_is_ignored() {
    let mut refs = Refs::new();
    let text = "章前的条文。";
    let cut = "章前".len();
    refs.insert(
        "art_1__para_1".into(),
        vec![(0..cut, "/akn/x/!main~art_2".into()), (1..2, "/bad".into())],
    );
    let xml = expression(&tree(), &meta(), &refs);
    assert!(
        xml.contains(&format!(
            "<p><ref href=\"/akn/x/!main~art_2\">章前</ref>{}</p>",
            &text[cut..]
        )),
        "{xml}"
    );
    assert!(!xml.contains("/bad"));
}
