//! toml's and serde's words about a front matter, said again for the people who write
//! the content: in Chinese (and plainer English), each saying what to do, each with a
//! stable code (docs/diagnostics.md). The message is recognised by its kind, and the
//! key and value are read from the TOML text at the problem's span.

use super::date::{Date, HAS_TIME, NOT_A_DAY};
use super::toml_read::{TomlProblem, missing_field};
use crate::diagnostic::Message;
use crate::msg;

/// How dates are written, the end of every date message.
const DATE_ZH: &str = "日期请写作 2025-03-01（不加引号）";
const DATE_EN: &str = "write dates as 2025-03-01, without quotes";

/// A toml error about `source` (a front matter, or config.toml), translated.
pub fn toml_error(e: &toml::de::Error, source: &str) -> Message {
    translate(&TomlProblem::from(e), source)
}

pub fn translate(p: &TomlProblem, source: &str) -> Message {
    let m = p.message.as_str();
    let at = At::new(p, source);
    if let Some(rest) = m.strip_prefix("unknown field ") {
        let names = backticked(rest);
        let (key, allowed) = names.split_first().map_or(("", &[][..]), |(k, a)| (*k, a));
        if allowed.is_empty() {
            return msg!(
                "E0110",
                format!("未知的键 `{key}`：这里不能写任何键，请删去这一行"),
                format!("unknown key `{key}`: no keys are allowed here; remove the line"),
            );
        }
        return msg!(
            "E0110",
            format!(
                "未知的键 `{key}`，允许的键：{}。请检查拼写，或删去这一行",
                allowed.join("、")
            ),
            format!(
                "unknown key `{key}`; the allowed keys are {}: check the spelling or remove the line",
                allowed.join(", ")
            ),
        );
    }
    if let Some(key) = missing_field(m) {
        let under = at.written.starts_with('[').then_some(at.written.trim());
        return match under {
            Some(table) => msg!(
                "E0111",
                format!("缺少必填项 `{key}`：请在 {table} 下面加上一行 {key} = …"),
                format!("missing required key `{key}`: add a line `{key} = …` below {table}"),
            ),
            None => msg!(
                "E0111",
                format!("缺少必填项 `{key}`：请加上一行 {key} = …"),
                format!("missing required key `{key}`: add a line `{key} = …`"),
            ),
        };
    }
    if let Some(rest) = m.strip_prefix("unknown variant ") {
        let names = backticked(rest);
        let (value, allowed) = names.split_first().map_or(("", &[][..]), |(v, a)| (*v, a));
        return msg!(
            "E0112",
            format!(
                "`{value}` 不是允许的值，可选：{}（照写其中一个，加英文双引号）",
                allowed.join("、")
            ),
            format!(
                "`{value}` is not an allowed value; choose one of {}",
                allowed.join(", ")
            ),
        );
    }
    if let Some(rest) = m.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        if expected == "a TOML datetime" {
            return wrong_date(&at, None);
        }
        return wrong_type(&at, found, expected);
    }
    if m == NOT_A_DAY || m == HAS_TIME || DATE_ERRORS.iter().any(|d| m.starts_with(d)) {
        return wrong_date(&at, Some(m));
    }
    if m.starts_with("string values must be quoted") {
        return unquoted(&at);
    }
    // 2025.3.1 or 2025-3 read as a number: the author meant a date.
    if NUMBER_ERRORS.iter().any(|e| m.starts_with(e)) && at.value.is_some_and(looks_like_date) {
        return wrong_date(&at, None);
    }
    if m.starts_with("invalid basic string") || m.starts_with("invalid multi-line basic string") {
        return msg!(
            "E0122",
            "引号没有配对：这段文字的末尾缺少英文双引号 \"",
            "the closing double quote is missing: end the text with \"",
        );
    }
    if m.starts_with("invalid literal string") || m.starts_with("invalid multi-line literal string")
    {
        return msg!(
            "E0122",
            "引号没有配对：这段文字的末尾缺少单引号 '",
            "the closing single quote is missing: end the text with '",
        );
    }
    if m.starts_with("duplicate key") {
        let key = at.written.trim();
        return msg!(
            "E0125",
            format!("`{key}` 写了不止一次：每个键只能写一次，请删去多余的一行"),
            format!("`{key}` is given more than once: keep one line and remove the other"),
        );
    }
    if [
        "key with no value",
        "missing value for key",
        "missing value",
    ]
    .iter()
    .any(|s| m.starts_with(s))
    {
        return missing_value(&at);
    }
    if m.starts_with("invalid unquoted key") || m.starts_with("unquoted keys cannot be empty") {
        let key = at.written.trim();
        return msg!(
            "E0124",
            format!(
                "键名 `{key}` 无效：键名只能用英文字母、数字、- 和 _，请使用 docs/content-format.md 列出的键（如 title）"
            ),
            format!(
                "`{key}` is not a valid key: keys are ASCII letters, digits, - and _; use the keys listed in docs/content-format.md"
            ),
        );
    }
    if m.starts_with("unexpected key or value") || m.starts_with("unexpected content") {
        return msg!(
            "E0126",
            "这一行的值后面还有多余的内容：每行只写一个 键 = 值，说明文字请写在 # 后面",
            "there is more on this line after the value: write one key = value per line; put remarks after a #",
        );
    }
    if let Some((zh, en)) = ARRAY_ERRORS
        .iter()
        .find(|(e, _, _)| m.starts_with(e))
        .map(|(_, z, e)| (z, e))
    {
        return msg!(
            "E0127",
            format!("列表写法有误：{zh}。列表请写作 [\"第九条第（一）项\", \"第十条\"]"),
            format!("wrong list: {en}; write lists as [\"第九条第（一）项\", \"第十条\"]"),
        );
    }
    if m.starts_with("invalid boolean") {
        return boolean(&at);
    }
    if TABLE_ERRORS.iter().any(|e| m.starts_with(e)) {
        return msg!(
            "E0129",
            format!("小节写法有误（{m}）：小节请单独一行写作 [rectification]，下面逐行写 键 = 值"),
            format!(
                "wrong table ({m}): write a line [rectification] and one key = value per line below it"
            ),
        );
    }
    msg!(
        "E0199",
        format!("这一行写法有误（{m}）：请对照 docs/content-format.md 检查"),
        format!("front matter: {m}"),
    )
}

/// toml_datetime's messages about a date it could not read.
const DATE_ERRORS: &[&str] = &[
    "invalid date",
    "invalid time",
    "invalid datetime",
    "invalid offset",
];

/// toml's messages about a number it could not read.
const NUMBER_ERRORS: &[&str] = &[
    "invalid float",
    "invalid integer",
    "unexpected leading zero",
    "`_` may only go between digits",
    "redundant",
    "integer number overflowed",
    "floating-point number overflowed",
];

/// toml's messages about a broken list, and what they mean.
const ARRAY_ERRORS: &[(&str, &str, &str)] = &[
    (
        "unclosed array",
        "缺少右方括号 ]",
        "the closing ] is missing",
    ),
    (
        "missing comma between array elements",
        "各项之间要用英文逗号 , 隔开",
        "separate the items with commas",
    ),
    (
        "extra comma in array",
        "多了一个逗号",
        "there is an extra comma",
    ),
    (
        "unexpected `=` in array",
        "列表里不能有 =",
        "a list cannot hold =",
    ),
    (
        "missing array opening",
        "缺少左方括号 [",
        "the opening [ is missing",
    ),
];

/// toml's messages about a broken `[table]` line or `{ … }` table.
const TABLE_ERRORS: &[&str] = &[
    "unclosed table",
    "unclosed array table",
    "unclosed inline table",
    "missing comma between key-value pairs",
    "extra comma in inline table",
    "missing key for inline table element",
    "missing assignment between key-value pairs",
    "extra assignment between key-value pairs",
    "invalid inline table element",
    "missing inline table opening",
    "missing table open",
];

/// Where a problem is: the text at its span, its line, and the key of that line.
struct At<'a> {
    written: &'a str,
    line: &'a str,
    key: Option<&'a str>,
    /// What follows `key =` on the line, without a comment.
    value: Option<&'a str>,
    /// The value stands in a list (`clauses = [第九条]`), so the example has no key.
    in_list: bool,
}

impl<'a> At<'a> {
    fn new(p: &TomlProblem, source: &'a str) -> Self {
        let clamp = |i: usize| {
            let mut i = i.min(source.len());
            while !source.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let (start, end) = (clamp(p.span.start), clamp(p.span.end.max(p.span.start)));
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let line = &source[line_start..line_end];
        let before = &source[line_start..start];
        let (key, value, in_list) = match line.split_once('=') {
            Some((k, v)) if before.contains('=') => {
                let k = k.trim();
                let ok = !k.is_empty() && !k.starts_with('[') && !k.contains(['{', '"']);
                let v = v.split(" #").next().unwrap_or(v).trim();
                (ok.then_some(k), Some(v), v.starts_with('['))
            }
            _ => (None, None, false),
        };
        At {
            written: &source[start..end],
            line,
            key,
            value,
            in_list,
        }
    }

    /// `key` in backticks, spaced from the Chinese after it, or 这一项.
    fn key_zh(&self) -> String {
        self.key.map_or("这一项".into(), |k| format!("`{k}` "))
    }

    fn key_en(&self) -> String {
        self.key.map_or("this value".into(), |k| format!("`{k}`"))
    }

    /// `key = "value"` (or `"value"` in a list), the way it should have been written.
    fn example(&self, value: &str) -> String {
        match self.key {
            Some(k) if !self.in_list => format!("{k} = \"{value}\""),
            _ => format!("\"{value}\""),
        }
    }
}

/// A date as a person might write it: digits and the usual separators.
fn looks_like_date(s: &str) -> bool {
    let s = s.trim().trim_matches(['"', '\'', '“', '”']);
    s.chars().take(4).filter(char::is_ascii_digit).count() == 4
        && s.chars().any(|c| "-/.年月日".contains(c))
        && s.chars()
            .all(|c| c.is_ascii_digit() || "-/. 年月日:T".contains(c))
}

fn wrong_date(at: &At, toml_says: Option<&str>) -> Message {
    // The span of a number error may cover part of the value only: show all of it.
    let written = match at.value {
        Some(v) if !at.in_list && v.contains(at.written.trim()) => v,
        _ => at.written.trim(),
    };
    let unquoted = written.trim_matches(['"', '\'']);
    let (zh, en) = match toml_says.unwrap_or("") {
        _ if unquoted != written && Date::parse(unquoted).is_some() => (
            "日期加了引号".to_string(),
            "the date is in quotes".to_string(),
        ),
        m if m == HAS_TIME || m.starts_with("invalid time") || m.contains("`T`") => (
            format!("{written} 带了时间，只写日期即可"),
            format!("{written} has a time of day; give the date only"),
        ),
        m if m == NOT_A_DAY || m.contains("day between") => (
            format!("{written} 这一天不存在"),
            format!("there is no day {written}"),
        ),
        m if m.contains("month between") => (
            format!("{written} 的月份只能是 01 到 12"),
            format!("the month of {written} must be 01 to 12"),
        ),
        m if m.contains("two-digit") || m.contains("four-digit") => (
            format!("{written} 中年份要写四位，月和日要写两位"),
            format!("{written}: the year needs four digits, month and day two"),
        ),
        _ => (
            format!("{written} 不是日期的写法"),
            format!("{written} is not a date"),
        ),
    };
    msg!(
        "E0113",
        format!("{}的日期写法有误：{zh}。{DATE_ZH}", at.key_zh()),
        format!("{} is not a date as written: {en}; {DATE_EN}", at.key_en()),
    )
}

fn wrong_type(at: &At, found: &str, expected: &str) -> Message {
    let (want_zh, want_en) = match expected {
        "a string" => ("文字（加英文双引号，如 \"…\"）", "text in double quotes"),
        "a boolean" => ("true 或 false（小写，不加引号）", "true or false"),
        "a sequence" => ("列表，如 [\"…\", \"…\"]", "a list like [\"…\", \"…\"]"),
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" | "isize" => {
            ("整数，如 3", "a whole number like 3")
        }
        "f32" | "f64" => ("数字，如 1.5", "a number like 1.5"),
        e if e.starts_with("struct ") || e == "a map" || e == "a table" => (
            "一组键（单独一行写 [键名]，下面逐行写 键 = 值）",
            "a table: a line [name] with its keys below it",
        ),
        e => (e, e),
    };
    let written: String = {
        let w = at.written.trim();
        if w.chars().count() > 30 {
            w.chars().take(30).collect::<String>() + "…"
        } else {
            w.to_string()
        }
    };
    let kind = found.split([' ', '`']).next().unwrap_or("");
    let found_zh = match kind {
        "string" => format!("文字 {written}"),
        "integer" => format!("数字 {written}"),
        "floating" => format!("小数 {written}"),
        "sequence" => format!("列表 {written}"),
        "map" => format!("一组键 {written}"),
        _ => written.clone(),
    };
    msg!(
        "E0114",
        format!(
            "{}的值不对：应填{}，这里写的是{}",
            at.key_zh(),
            spaced(want_zh),
            spaced(&found_zh)
        ),
        format!(
            "{} has the wrong kind of value: expected {want_en}, found {written}",
            at.key_en()
        ),
    )
}

fn unquoted(at: &At) -> Message {
    let value = at.written.trim();
    if value.is_empty() {
        return missing_value(at);
    }
    if looks_like_date(value) {
        return wrong_date(at, None);
    }
    if matches!(
        value,
        "yes" | "no" | "是" | "否" | "对" | "错" | "Yes" | "No" | "YES" | "NO"
    ) {
        return boolean(at);
    }
    let curly = ['“', '”', '‘', '’'];
    if value.starts_with(curly) || value.ends_with(curly) {
        let inner = value.trim_matches(curly);
        return msg!(
            "E0121",
            format!("请把中文引号 “ ” 换成英文双引号 \"：{}", at.example(inner)),
            format!(
                "use straight double quotes \", not “ ”: {}",
                at.example(inner)
            ),
        );
    }
    msg!(
        "E0120",
        format!("文字请加英文双引号，如 {}", at.example(value)),
        format!("text must be in double quotes: {}", at.example(value)),
    )
}

fn missing_value(at: &At) -> Message {
    let key = at.key.map(str::to_string).or_else(|| {
        let first = at.line.split(['=', ' ', '\t']).next().unwrap_or("").trim();
        (!first.is_empty() && !first.starts_with('[')).then(|| first.to_string())
    });
    let zh_key = key.as_ref().map_or("键".into(), |k| format!("`{k}`"));
    let en_key = key.as_ref().map_or("the key".into(), |k| format!("`{k}`"));
    let k = key.as_deref().unwrap_or("title");
    msg!(
        "E0123",
        format!("{zh_key} 后面缺少 = 和值：请写成 {k} = …（文字加英文双引号）"),
        format!("{en_key} has no value: write {k} = … (text in double quotes)"),
    )
}

fn boolean(at: &At) -> Message {
    msg!(
        "E0128",
        format!("{}只能写 true 或 false（小写，不加引号）", at.key_zh()),
        format!(
            "{} must be true or false (lower case, no quotes)",
            at.key_en()
        ),
    )
}

/// A space before text that starts with a Latin letter or a quote, after Chinese.
fn spaced(s: &str) -> String {
    if s.starts_with(|c: char| c.is_ascii()) {
        format!(" {s}")
    } else {
        s.to_string()
    }
}

/// The names between backticks in serde's "`a`, `b` or `c`".
fn backticked(s: &str) -> Vec<&str> {
    s.split('`').skip(1).step_by(2).collect()
}

#[cfg(test)]
#[path = "toml_message_tests.rs"]
mod tests;
