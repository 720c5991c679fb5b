//! Tests of the query citation scanner, cross-checked with `citation::recognize`.

use super::*;
use crate::citation::{self, ArticleRef, ParagraphRef, PointRef};

fn q(article: u32, paragraph: Option<u32>, point: Option<u32>) -> ClauseQuery {
    ClauseQuery {
        article,
        suffix: 0,
        paragraph,
        point,
    }
}

#[test]
fn parses_the_forms_people_type() {
    assert_eq!(parse("第十条第（五）项"), [q(10, None, Some(5))]);
    assert_eq!(parse("第10条第1款第5项"), [q(10, Some(1), Some(5))]);
    assert_eq!(parse("第十条第一款第(五)项"), [q(10, Some(1), Some(5))]);
    assert_eq!(
        parse("第九条至第十一条"),
        [q(9, None, None), q(10, None, None), q(11, None, None)]
    );
    assert_eq!(
        parse("第十五、十六条"),
        [q(15, None, None), q(16, None, None)]
    );
    assert_eq!(
        parse("第十条第二款第（一）项、第（二）项"),
        [q(10, Some(2), Some(1)), q(10, Some(2), Some(2))]
    );
    assert_eq!(
        parse("第十条之一"),
        [ClauseQuery {
            article: 10,
            suffix: 1,
            paragraph: None,
            point: None
        }]
    );
    assert_eq!(parse("不可抗力"), []);
    assert_eq!(parse("第（五）项"), [], "no article: nothing to jump to");
    assert_eq!(parse("《行政处罚法》第三十三条"), []);
}

/// Our scanner and the crate's recogniser read the same clauses from the
/// citations both understand.
#[test]
fn agrees_with_the_citation_recogniser() {
    for text in [
        "第十条",
        "第十条第二款",
        "第十条第（五）项",
        "第十条第一款第（五）项",
        "第10条",
        "第九条至第十一条",
        "第九条、第十条",
        "第十五、十六条",
        "第十条第二款第（一）项、第（二）项",
        "第九条第（四）项",
    ] {
        let theirs: Vec<ClauseQuery> = citation::recognize(text)
            .into_iter()
            .flat_map(|c| c.refs)
            .map(|r| ClauseQuery {
                article: match r.article {
                    Some(ArticleRef::Number(n)) => n.number,
                    _ => 0,
                },
                suffix: 0,
                paragraph: match r.paragraph {
                    Some(ParagraphRef::Number(n)) => Some(n),
                    _ => None,
                },
                point: match r.point {
                    Some(PointRef::Number(n)) => Some(n),
                    _ => None,
                },
            })
            .collect();
        assert_eq!(parse(text), theirs, "{text}");
    }
}

fn table() -> Vec<ClauseEntry> {
    [
        "art_9",
        "art_9__para_1",
        "art_9__para_1__point_4",
        "art_10",
        "art_10__para_1",
        "art_10__para_1__point_5",
        "art_10__para_2",
        "art_10__para_2__point_2",
    ]
    .iter()
    .map(|e| ClauseEntry {
        eid: e.to_string(),
        label: String::new(),
        url: format!("r.html#{e}"),
        related: Vec::new(),
    })
    .collect()
}

#[test]
fn an_item_without_its_paragraph_lands_in_the_first_paragraph_that_has_it() {
    let t = table();
    let eids = |s: &str| {
        jumps(s, &t)
            .iter()
            .map(|c| c.eid.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(eids("第十条第（五）项"), ["art_10__para_1__point_5"]);
    assert_eq!(eids("第十条第（二）项"), ["art_10__para_2__point_2"]);
    assert_eq!(eids("第九条第（四）项"), ["art_9__para_1__point_4"]);
    assert_eq!(eids("第10条第2款"), ["art_10__para_2"]);
    assert_eq!(eids("第十条第三款"), Vec::<String>::new());
}
