//! Inputs the fuzzers found crashing (docs/fuzzing.md), replayed through the same
//! checks the fuzz targets make, so the stable suite keeps them fixed.

#[allow(dead_code)]
#[path = "../../fuzz/src/lib.rs"]
mod checks;

use crate::support::fixture;
use regkb::citation::{self, Context};
use regkb::regulation;

/// Every crash input the fuzzers wrote, as found (`tests/fixtures/fuzz/<target>/`),
/// through its target's checks. The tests below explain each bug on a small input.
#[test]
fn every_crash_input_passes_its_target() {
    let targets: [(&str, fn(&[u8])); 3] = [
        ("citation_resolver", checks::citation_resolver),
        ("markdown", checks::markdown),
        ("config_toml", checks::config_toml),
    ];
    for (target, check) in targets {
        let dir = fixture("fuzz").join(target);
        let mut inputs: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        inputs.sort();
        assert!(!inputs.is_empty(), "{}", dir.display());
        for input in inputs {
            check(&std::fs::read(&input).unwrap());
        }
    }
}

/// citation_resolver crash-659c2505…, minimised (`cargo fuzz tmin`) to `c第〇款`: the
/// first byte makes it relative to an article of the bundled regulation, and 第〇款
/// made `resolve_in_article` compute `0 - 1` (a panic where overflow is checked).
#[test]
fn paragraph_zero_is_an_error_not_an_overflow() {
    checks::citation_resolver("c第〇款".as_bytes());
    checks::citation_resolver(&[b"\xac".as_slice(), "c款第〇款贴".as_bytes()].concat());
    checks::citation_resolver("\0第一条第〇款".as_bytes());
    let reg = regulation::parse("第一条 甲。\n乙。");
    let found = citation::recognize("第一条第〇款");
    let err = citation::resolve(&reg, &found[0].refs[0], &Context::default()).unwrap_err();
    assert_eq!(
        (err.code, err.en.as_str()),
        ("E0406", "第一条第零款: 第一条 has 2 款")
    );
}

/// Found reading the code and confirmed with the fuzz targets' builds (overflow
/// checked): a 至 range from a number near `u32::MAX` overflowed in `number_list`
/// (recognizer.rs:345) and `range_between` (:185); where overflow is not checked
/// the range wrapped round to 第〇条 … 第一百九十八条.
#[test]
fn ranges_next_to_u32_max_do_not_overflow() {
    for text in [
        "第4294967295至4294967295条",
        "第4294967290至4294967295条",
        "第（4294967290）项至第（4294967295）项",
        "第4294967290款至第4294967295款",
        "第4294967290条至第4294967295条",
        "第4294967290章至第4294967295章",
    ] {
        checks::citation_recognizer(text.as_bytes());
        checks::citation_resolver([b"\0", text.as_bytes()].concat().as_slice());
    }
    let refs = &citation::recognize("第4294967295至4294967295条")[0].refs;
    assert_eq!(refs.len(), 1, "{:?}", &refs[..refs.len().min(3)]);
    let refs = &citation::recognize("第4294967290至4294967295条")[0].refs;
    assert_eq!(refs.len(), 6, "{:?}", &refs[..refs.len().min(3)]);
    assert_eq!(refs[0].label(), "第4294967290条");
}

/// Found reading the code, confirmed the same way: after 第4294967295条 the parser
/// computed the next article number, 4294967296 (parser.rs:364, and :369 for 之).
#[test]
fn an_article_numbered_u32_max_has_no_next() {
    for text in [
        "第4294967295条\n第一条甲",
        "第4294967295条之4294967295\n第一条甲",
    ] {
        checks::regulation_parser(text.as_bytes());
        let reg = regulation::parse(text);
        assert_eq!(reg.articles.len(), 1);
        assert_eq!(reg.articles[0].paragraphs[0].text, "第一条甲");
    }
}

/// markdown crash-b2a64c96…: not a bug of regkb but of the target's first check.
/// `section` trims its body, so a line "\x0c## " under a heading comes out as "## ";
/// CommonMark does not read "\x0c## " as a heading either, so the page is unchanged.
#[test]
fn a_trimmed_section_may_start_with_a_hash() {
    checks::markdown(b"....<wcpiouse\\\n## \x0c\n## se\n\x0c## \n\\##.8.<wn..... \x0c");
    let body = regkb::markdown::section("## a\n\x0c## b\nc", "a");
    assert_eq!(body.as_deref(), Some("## b\nc"));
}

/// config_toml crash-d50e0615… (and 20 like it): the target fed config.toml to toml
/// without decoding it, and with `\r\n` a located error's column can pass the end
/// of the line it quotes. The loader decodes first (no `\r` left), as the target now does.
#[test]
fn config_errors_are_located_in_the_decoded_text() {
    checks::config_toml(b"'\0\r\r\n\x08\0\x08");
    checks::config_toml(b"'t\0\r\n\0\0\0C]\0\0=\0");
}

#[test]
fn a_citation_naming_millions_of_clauses_is_cut_short() {
    // Uncapped, this one expanded to 8 million clauses (21 s, 590 MB).
    let found = regkb::citation::recognize("第一至二百条第一至二百款第（一）至（二百）项");
    assert_eq!(found.len(), 1);
    assert!(found[0].refs.len() <= 2000, "{}", found[0].refs.len());
}

/// The regulation_parser target's invariants (eIds, lines, captions on their article's
/// line, numbers that do not rise only with a warning) on every real text we keep.
#[test]
fn every_regulation_fixture_passes_the_parser_target() {
    let dir = fixture("regulations");
    let mut texts: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    texts.sort();
    assert!(texts.len() >= 13);
    for t in texts {
        checks::regulation_parser(&std::fs::read(&t).unwrap());
    }
    checks::regulation_parser(
        "示例办法\n第一条 甲。\n第二条 乙。\n第二条 丙。\n第一条 丁。\n".as_bytes(),
    );
}
