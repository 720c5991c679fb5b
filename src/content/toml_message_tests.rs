//! Each kind of toml message, as toml words it for a real input, said again.

use super::*;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Front {
    title: Option<String>,
    date: Option<Date>,
    outcome: Option<Outcome>,
    clauses: Option<Vec<String>>,
    sample: Option<bool>,
    weight: Option<i64>,
    rectification: Option<Rectification>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Rectification {
    required: String,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
enum Outcome {
    #[serde(rename = "履职尽责")]
    Duty,
    #[serde(rename = "容错免责")]
    Exempted,
}

/// The one message toml gives about `source`, translated.
fn said(source: &str) -> Message {
    let problems = crate::content::toml_read::read::<Front>(source).unwrap_err();
    assert_eq!(problems.len(), 1, "{source}: {problems:?}");
    translate(&problems[0], source)
}

fn check(source: &str, code: &str, zh: &str, en: &str) {
    let m = said(source);
    assert_eq!(
        (m.code, m.zh.as_str(), m.en.as_str()),
        (code, zh, en),
        "{source}"
    );
}

#[test]
fn unknown_key() {
    let m = said("reviewer = \"科室负责人\"\n");
    assert_eq!(m.code, "E0110");
    assert!(m.zh.starts_with("未知的键 `reviewer`，允许的键：title、date、outcome、clauses、sample、weight、rectification。"), "{}", m.zh);
    assert!(
        m.en.starts_with("unknown key `reviewer`; the allowed keys are title, date,"),
        "{}",
        m.en
    );
}

#[test]
fn missing_key_at_the_top_and_in_a_table() {
    let m = translate(
        &TomlProblem {
            message: "missing field `id`".into(),
            span: 0..0,
        },
        "title = \"t\"\n",
    );
    assert_eq!(
        (m.code, m.zh.as_str()),
        ("E0111", "缺少必填项 `id`：请加上一行 id = …")
    );
    check(
        "[rectification]\n",
        "E0111",
        "缺少必填项 `required`：请在 [rectification] 下面加上一行 required = …",
        "missing required key `required`: add a line `required = …` below [rectification]",
    );
}

#[test]
fn unknown_value() {
    check(
        "outcome = \"免责\"\n",
        "E0112",
        "`免责` 不是允许的值，可选：履职尽责、容错免责（照写其中一个，加英文双引号）",
        "`免责` is not an allowed value; choose one of 履职尽责, 容错免责",
    );
}

#[test]
fn dates_written_wrongly_all_say_how_to_write_one() {
    let cases = [
        ("date = 2025/3/1", "2025/3/1 不是日期的写法"),
        ("date = 2025.3.1", "2025.3.1 不是日期的写法"),
        ("date = 2025年3月1日", "2025年3月1日 不是日期的写法"),
        ("date = \"2025-03-01\"", "日期加了引号"),
        ("date = \"2025年3月1日\"", "\"2025年3月1日\" 不是日期的写法"),
        ("date = 20250301", "20250301 不是日期的写法"),
        ("date = 2025-3-1", "2025-3-1 中年份要写四位，月和日要写两位"),
        ("date = 2025-02-30", "2025-02-30 这一天不存在"),
        ("date = 2025-13-01", "2025-13-01 的月份只能是 01 到 12"),
        (
            "date = 2025-03-01T10:00:00",
            "2025-03-01T10:00:00 带了时间，只写日期即可",
        ),
        (
            "date = 2025-03-01 10:00:00",
            "2025-03-01 10:00:00 带了时间，只写日期即可",
        ),
    ];
    for (source, detail) in cases {
        let m = said(&format!("{source}\n"));
        assert_eq!(m.code, "E0113", "{source}: {}", m.zh);
        assert_eq!(
            m.zh,
            format!("`date` 的日期写法有误：{detail}。日期请写作 2025-03-01（不加引号）"),
            "{source}"
        );
        assert!(
            m.en.ends_with("write dates as 2025-03-01, without quotes"),
            "{}",
            m.en
        );
    }
    assert_eq!(
        said("date = \"2025-03-01\"\n").en,
        "`date` is not a date as written: the date is in quotes; write dates as 2025-03-01, without quotes"
    );
}

#[test]
fn text_without_quotes() {
    check(
        "title = 某幼儿园案\n",
        "E0120",
        "文字请加英文双引号，如 title = \"某幼儿园案\"",
        "text must be in double quotes: title = \"某幼儿园案\"",
    );
    check(
        "clauses = [第九条]\n",
        "E0120",
        "文字请加英文双引号，如 \"第九条\"",
        "text must be in double quotes: \"第九条\"",
    );
}

#[test]
fn chinese_quotes() {
    check(
        "title = “某幼儿园案”\n",
        "E0121",
        "请把中文引号 “ ” 换成英文双引号 \"：title = \"某幼儿园案\"",
        "use straight double quotes \", not “ ”: title = \"某幼儿园案\"",
    );
}

#[test]
fn unclosed_quotes() {
    check(
        "title = \"某幼儿园案\n",
        "E0122",
        "引号没有配对：这段文字的末尾缺少英文双引号 \"",
        "the closing double quote is missing: end the text with \"",
    );
    assert_eq!(said("title = '某幼儿园案\n").code, "E0122");
}

#[test]
fn wrong_kind_of_value() {
    check(
        "title = 12\n",
        "E0114",
        "`title` 的值不对：应填文字（加英文双引号，如 \"…\"），这里写的是数字 12",
        "`title` has the wrong kind of value: expected text in double quotes, found 12",
    );
    check(
        "sample = \"yes\"\n",
        "E0114",
        "`sample` 的值不对：应填 true 或 false（小写，不加引号），这里写的是文字 \"yes\"",
        "`sample` has the wrong kind of value: expected true or false, found \"yes\"",
    );
    assert!(
        said("clauses = \"第九条\"\n")
            .zh
            .contains("应填列表，如 [\"…\", \"…\"]")
    );
    assert!(
        said("weight = 1.5\n")
            .zh
            .contains("应填整数，如 3，这里写的是小数 1.5")
    );
    assert!(said("rectification = \"r\"\n").zh.contains("应填一组键"));
}

#[test]
fn true_or_false() {
    let want = "`sample` 只能写 true 或 false（小写，不加引号）";
    assert_eq!(
        (
            said("sample = True\n").code,
            said("sample = True\n").zh.as_str()
        ),
        ("E0128", want)
    );
    assert_eq!(said("sample = yes\n").zh, want);
    assert_eq!(said("sample = 是\n").code, "E0128");
}

#[test]
fn duplicate_key() {
    check(
        "title = \"a\"\ntitle = \"b\"\n",
        "E0125",
        "`title` 写了不止一次：每个键只能写一次，请删去多余的一行",
        "`title` is given more than once: keep one line and remove the other",
    );
}

#[test]
fn key_without_value() {
    check(
        "title =\n",
        "E0123",
        "`title` 后面缺少 = 和值：请写成 title = …（文字加英文双引号）",
        "`title` has no value: write title = … (text in double quotes)",
    );
    assert_eq!(said("title \"t\"\n").code, "E0123");
}

#[test]
fn key_that_is_not_a_key() {
    let m = said("标题 = \"t\"\n");
    assert_eq!(m.code, "E0124");
    assert!(
        m.zh.starts_with("键名 `标题` 无效：键名只能用英文字母"),
        "{}",
        m.zh
    );
}

#[test]
fn more_on_the_line() {
    check(
        "title = \"t\" 某案\n",
        "E0126",
        "这一行的值后面还有多余的内容：每行只写一个 键 = 值，说明文字请写在 # 后面",
        "there is more on this line after the value: write one key = value per line; put remarks after a #",
    );
}

#[test]
fn lists() {
    check(
        "clauses = [\"第九条\" \"第十条\"]\n",
        "E0127",
        "列表写法有误：各项之间要用英文逗号 , 隔开。列表请写作 [\"第九条第（一）项\", \"第十条\"]",
        "wrong list: separate the items with commas; write lists as [\"第九条第（一）项\", \"第十条\"]",
    );
    assert!(
        said("clauses = [\"第九条\"\n")
            .zh
            .contains("缺少右方括号 ]")
    );
}

#[test]
fn tables() {
    let problems =
        crate::content::toml_read::read::<Front>("[rectification\nrequired = \"r\"\n").unwrap_err();
    let m = translate(&problems[0], "[rectification\nrequired = \"r\"\n");
    assert_eq!(m.code, "E0129", "{problems:?}");
    assert!(m.zh.starts_with("小节写法有误（unclosed table"), "{}", m.zh);
}

#[test]
fn anything_else_keeps_tomls_words() {
    let m = translate(
        &TomlProblem {
            message: "invalid length 3, expected 2".into(),
            span: 0..0,
        },
        "",
    );
    assert_eq!(m.code, "E0199");
    assert_eq!(
        m.zh,
        "这一行写法有误（invalid length 3, expected 2）：请对照 docs/content-format.md 检查"
    );
}

#[test]
fn every_message_has_a_code_and_both_languages() {
    let sources = [
        "reviewer = 1",
        "[rectification]",
        "outcome = \"x\"",
        "date = 1",
        "title = 1",
        "title = a",
        "title = “a”",
        "title = \"a",
        "title = \"a\"\ntitle = \"b\"",
        "title =",
        "标题 = 1",
        "title = \"a\" b",
        "clauses = [\"a\"",
        "sample = True",
        "[rectification",
    ];
    for s in sources {
        let source = format!("{s}\n");
        for p in crate::content::toml_read::read::<Front>(&source).unwrap_err() {
            let m = translate(&p, &source);
            assert!(m.code.len() == 5 && m.code.starts_with("E01"), "{s}: {m:?}");
            assert!(!m.zh.is_empty() && !m.en.is_empty(), "{s}: {m:?}");
            assert!(
                m.zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{s}: {m:?}"
            );
        }
    }
}
