use super::*;
use crate::content::kinds::RegulationFront;

fn date(s: &str) -> Option<Date> {
    Some(Date::parse(s).unwrap())
}

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/regulations/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn a_notice_with_a_metadata_table() {
    let f = extract(&fixture("xilingol-seed.txt"));
    assert_eq!(
        f.title.as_deref(),
        Some("锡林郭勒盟教育局行政执法尽职免责和容错纠错制度")
    );
    assert_eq!(f.issuer.as_deref(), Some("锡林郭勒盟教育局"));
    assert_eq!(f.index_no, "01165959-9/2024-00010");
    assert_eq!(f.doc_number, "", "发文字号: ——— means none");
    assert_eq!(
        (f.issued, f.published),
        (date("2024-09-14"), date("2024-09-14"))
    );
    // 第十九条: 本制度自印发之日起30日后正式施行.
    assert_eq!(f.effective, date("2024-10-14"));
    assert_eq!(f.aliases, ["锡林郭勒盟行政执法尽职免责和容错纠错制度"]);
}

#[test]
fn a_court_announcement_signed_below_its_date() {
    let f = extract(&fixture("zgrmfy-xingzheng-xuke-anjian-guiding-2009.txt"));
    assert_eq!(
        f.title.as_deref(),
        Some("最高人民法院关于审理行政许可案件若干问题的规定")
    );
    assert_eq!(f.issuer.as_deref(), Some("最高人民法院"));
    assert_eq!(f.doc_number, "法释〔2009〕20号");
    assert_eq!(
        (f.issued, f.published),
        (date("2009-12-14"), date("2009-12-14"))
    );
    assert_eq!(f.effective, date("2010-01-04"));
    // 根据《中华人民共和国行政许可法》 cites another law; the announcement names these rules.
    assert_eq!(f.aliases, ["关于审理行政许可案件若干问题的规定"]);
}

#[test]
fn a_state_council_decree_in_force_on_publication() {
    let f = extract(&fixture("xiaoche-anquan-guanli-tiaoli.txt"));
    assert_eq!(f.title.as_deref(), Some("校车安全管理条例"));
    assert_eq!(f.issuer.as_deref(), Some("国务院"));
    assert_eq!(f.doc_number, "国务院令第617号");
    assert_eq!(f.issued, date("2012-04-05"), "the latest date of the note");
    assert_eq!(f.published, date("2012-04-05"));
    assert_eq!(f.effective, date("2012-04-05"), "自公布之日起施行");
}

#[test]
fn a_revised_law_takes_its_revision_date() {
    let f = extract(&fixture("xingzheng-chufa-fa-2021.txt"));
    assert_eq!(f.title.as_deref(), Some("中华人民共和国行政处罚法"));
    assert_eq!(f.issuer.as_deref(), Some("全国人民代表大会常务委员会"));
    assert_eq!(f.issued, date("2021-01-22"));
    assert_eq!(f.effective, date("2021-07-15"));
    assert_eq!(f.original_effective, None);
}

#[test]
fn an_amended_regulation_keeps_its_original_commencement_as_a_note() {
    let f = extract(&fixture("neimenggu-tiyu-sheshi-guanli-tiaoli.txt"));
    assert_eq!(f.title.as_deref(), Some("内蒙古自治区体育设施管理条例"));
    assert_eq!(
        f.issuer.as_deref(),
        Some("内蒙古自治区人民代表大会常务委员会")
    );
    assert_eq!(f.issued, date("2010-03-25"));
    assert_eq!(f.effective, date("2010-03-25"));
    assert_eq!(f.original_effective, date("1998-10-01"));
    assert!(
        f.aliases.is_empty(),
        "《关于修改……的决定》 is not a name of the rules"
    );
}

#[test]
fn a_county_notice_signed_with_a_chinese_numeral_date() {
    let text = "某县教育局关于印发《某县教育局行政执法公示办法》的通知\n各学校：\n现将《某县教育局行政执法公示办法》印发给你们，请认真贯彻执行。\n某县教育局\n二〇二三年三月一日\n某县教育局行政执法公示办法\n第一条　为了规范行政执法公示，制定本办法。\n第二条　本办法自2023年4月1日起施行。\n";
    let f = extract(text);
    assert_eq!(f.title.as_deref(), Some("某县教育局行政执法公示办法"));
    assert_eq!(f.issuer.as_deref(), Some("某县教育局"));
    assert_eq!(
        (f.issued, f.published),
        (date("2023-03-01"), date("2023-03-01"))
    );
    assert_eq!(f.effective, date("2023-04-01"));
    assert!(
        f.aliases.is_empty(),
        "the notice names the rules by their title"
    );
}

#[test]
fn a_retroactive_commencement_is_kept() {
    let text = "某局行政执法全过程记录办法\n2024年9月14日\n第一条　为了规范执法记录，制定本办法。\n第二条　本办法自2024年9月1日起施行。\n";
    let f = extract(text);
    assert_eq!(
        (f.issued, f.effective),
        (date("2024-09-14"), date("2024-09-01"))
    );
    assert_eq!(
        f.original_effective, None,
        "only an amended text takes its amendment date"
    );
}

#[test]
fn a_date_line_is_not_the_title() {
    let text = "某局行政检查实施细则\n2024年1月5日\n第一条　为了规范行政检查，制定本细则。\n第二条　本细则自发布之日起施行。\n";
    let f = extract(text);
    assert_eq!(f.title.as_deref(), Some("某局行政检查实施细则"));
    assert_eq!(f.issued, date("2024-01-05"));
    assert_eq!(f.effective, date("2024-01-05"), "自发布之日起施行");
    assert_eq!(f.issuer, None);
}

#[test]
fn a_bare_text_leaves_everything_to_the_author_and_still_parses() {
    let text = "《示范规则》\n第一条　为了示范，制定本规则。\n第二条　本规则由某局负责解释。\n";
    let f = extract(text);
    assert_eq!(f.title.as_deref(), Some("示范规则"));
    assert_eq!(
        (f.issuer.as_deref(), f.issued, f.effective),
        (None, None, None)
    );
    let today = Date::parse("2026-03-01").unwrap();
    let file = front_matter(&f, today);
    let split = crate::content::frontmatter::strip(&file);
    let front: RegulationFront = toml::from_str(split.front.unwrap()).unwrap();
    assert_eq!(front.issuer, "（请填写发文机关）");
    assert_eq!(front.issued, today);
    assert!(file.contains("未能从正文识别"), "{file}");
}

#[test]
fn the_front_matter_of_a_real_text_is_valid() {
    for name in [
        "xilingol-seed.txt",
        "neimenggu-tiyu-sheshi-guanli-tiaoli.txt",
        "zgrmfy-xingzheng-xuke-anjian-guiding-2009.txt",
    ] {
        let f = extract(&fixture(name));
        let file = front_matter(&f, Date::parse("2026-03-01").unwrap());
        let front = crate::content::frontmatter::strip(&file).front.unwrap();
        let parsed: RegulationFront =
            toml::from_str(front).unwrap_or_else(|e| panic!("{name}: {e}\n{file}"));
        assert_eq!(Some(parsed.title), f.title);
        assert_eq!(parsed.status, "有效");
    }
}

#[test]
fn index_numbers_are_not_dates() {
    assert_eq!(first_date("索引号:01165959-9/2024-00010"), None);
    assert_eq!(
        first_date("成文日期:2024-09-14 11:33:41"),
        date("2024-09-14")
    );
    assert_eq!(first_date("二○二四年九月十四日"), date("2024-09-14"));
}

#[test]
fn slugs_are_ascii() {
    assert_eq!(slug("xilingol-seed"), "xilingol-seed");
    assert_eq!(slug("Rules 2024 (final)"), "rules-2024-final");
    assert_eq!(slug("校车安全管理条例"), "rules");
}

#[test]
fn the_title_is_the_parsers_on_real_title_cases() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/regulations/");
    for (file, title) in [
        (
            "title-shandong-xingzheng-zhifa-jiandu-tiaoli.txt",
            "山东省行政执法监督条例",
        ),
        (
            "title-zhongda-xingzheng-juece-chengxu-zanxing-tiaoli.txt",
            "重大行政决策程序暂行条例",
        ),
        (
            "title-zhigong-gongzuo-shijian-shishi-banfa.txt",
            "国家机关、事业单位贯彻《国务院关于职工工作时间的规定》的实施办法",
        ),
    ] {
        let text = std::fs::read_to_string(format!("{dir}{file}")).unwrap();
        assert_eq!(extract(&text).title.as_deref(), Some(title), "{file}");
    }
}
