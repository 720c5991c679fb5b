//! The front matter of a regulation pasted into a new knowledge base, read from what
//! the official text says about itself near its top: its name, who issued it, its
//! document number and dates. What cannot be read is left for the author to fill,
//! with a comment saying so.

use crate::content::date::Date;
use crate::regulation::parser;
use regex::Regex;
use std::sync::LazyLock;

/// What the text says about itself; `None` where it says nothing we can read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RegulationFacts {
    pub title: Option<String>,
    pub issuer: Option<String>,
    pub doc_number: String,
    pub index_no: String,
    pub issued: Option<Date>,
    pub published: Option<Date>,
    pub effective: Option<Date>,
    /// The text's own effective date when it is older than the version's date (an
    /// amended law keeps 本条例自1998年10月1日起施行).
    pub original_effective: Option<Date>,
    /// Other names the text uses for the rules, e.g. the notice's 《…制度》.
    pub aliases: Vec<String>,
}

/// Endings of a rules' name (the longer ones first, so 实施意见 wins over 意见).
const RULES_ENDINGS: [&str; 22] = [
    "实施意见",
    "实施办法",
    "实施细则",
    "办法",
    "规定",
    "制度",
    "条例",
    "细则",
    "规则",
    "规程",
    "意见",
    "决定",
    "守则",
    "准则",
    "规范",
    "指引",
    "指南",
    "章程",
    "通则",
    "清单",
    "方案",
    "法",
];

/// Endings of an issuing body's name, for the signature line above or below a date.
const ISSUER_ENDINGS: [&str; 24] = [
    "委员会",
    "办公厅",
    "办公室",
    "人民政府",
    "人民法院",
    "人民检察院",
    "党组",
    "党委",
    "局",
    "厅",
    "部",
    "委",
    "院",
    "府",
    "署",
    "办",
    "中心",
    "会",
    "处",
    "科",
    "室",
    "所",
    "站",
    "队",
];

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"([0-9０-９〇○零一二三四五六七八九]{4})\s*年\s*([0-9０-９一二三四五六七八九十]{1,3})\s*月",
        r"\s*([0-9０-９一二三四五六七八九十]{1,3})\s*日",
        r"|(\d{4})[-./](\d{1,2})[-./](\d{1,2})"
    ))
    .unwrap()
});
/// A meeting that adopted or amended the text: 内蒙古自治区第九届人民代表大会常务委员会第四次会议,
/// 国务院第197次常务会议.
static MEETING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"日\s*([^\s　，,；;（(《]*?)第[一二三四五六七八九十百0-9]{1,4}届([^\s　第]+?)",
        r"第[一二三四五六七八九十百0-9]{1,5}次",
        r"|日\s*([^\s　，,；;（(《第]+?)第[一二三四五六七八九十百0-9]{1,5}次常务会议"
    ))
    .unwrap()
});
/// 中华人民共和国国务院令第617号, after a date or at the start of a phrase.
static DECREE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|日|[\s　（(])(?:中华人民共和国)?(\p{Han}{2,12}?令第[0-9一二三四五六七八九十百零〇]+号)")
        .unwrap()
});
static DOC_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\p{Han}]{1,12}[〔\[［(（][0-9]{4}[〕\]］)）][0-9]{1,5}号$").unwrap()
});
static IN_FORCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"自(.{1,20}?)起?(?:正式)?(?:施行|实施|执行|生效)").unwrap());
static DAYS_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(印发|发布|公布)之日起?([0-9一二三四五六七八九十]{1,3})日以?后$").unwrap()
});

/// Reads the facts from `text` (the official text as published, without front matter).
pub fn extract(text: &str) -> RegulationFacts {
    let tree = parser::parse(text);
    let lines: Vec<&str> = text.lines().map(clean).collect();
    let head_end = tree
        .articles
        .first()
        .map_or(lines.len().min(40), |a| a.line.saturating_sub(1));
    let head = &lines[..head_end.min(lines.len())];
    let mut facts = RegulationFacts {
        index_no: keyed(head, &["索引号"]).unwrap_or_default(),
        ..RegulationFacts::default()
    };
    facts.title = title(&tree.title, head);
    facts.aliases = aliases(head, facts.title.as_deref());

    let notes: Vec<&str> = head.iter().copied().filter(|l| is_note(l)).collect();
    let signature = signature(head);
    facts.issuer = keyed(head, &["发文机关", "发文机构", "发布机关", "制定机关"])
        .filter(|v| !v.is_empty())
        .or_else(|| signature.as_ref().and_then(|s| s.0.clone()))
        .or_else(|| notes.iter().rev().find_map(|n| meeting_body(n)))
        .or_else(|| {
            notes
                .iter()
                .find_map(|n| DECREE.captures(n))
                .map(|c| decree_issuer(&c[1]))
        });
    facts.doc_number = doc_number(head, &notes);

    let note_dates: Vec<(Date, &str)> = notes
        .iter()
        .flat_map(|n| {
            dates(n)
                .into_iter()
                .map(move |(_, end, d)| (d, event(n, end)))
        })
        .collect();
    facts.issued = keyed(head, &["成文日期"])
        .and_then(|v| first_date(&v))
        .or_else(|| signature.as_ref().and_then(|s| s.1))
        .or_else(|| note_dates.iter().map(|&(d, _)| d).max())
        .or_else(|| head.iter().find_map(|l| first_date(l)));
    facts.published = keyed(head, &["公开日期", "发布日期", "公布日期"])
        .and_then(|v| first_date(&v))
        .or_else(|| {
            note_dates
                .iter()
                .filter(|(_, e)| e.contains("公布") || e.contains("发布"))
                .map(|&(d, _)| d)
                .max()
        })
        .or(facts.issued);
    let stated = keyed(head, &["施行日期", "生效日期"])
        .and_then(|v| first_date(&v))
        .or_else(|| in_force(text, facts.issued, facts.published));
    // An amended text keeps its first commencement (本条例自1998年10月1日起施行); the
    // version in hand is in force from its amendment.
    let amended = notes
        .iter()
        .any(|n| n.contains("修正") || n.contains("修订"));
    facts.effective = match (stated, facts.issued) {
        (Some(e), Some(i)) if e < i && amended => {
            facts.original_effective = Some(e);
            Some(i)
        }
        (Some(e), _) => Some(e),
        (None, issued) => issued,
    };
    facts
}

fn clean(line: &str) -> &str {
    line.trim_matches(parser::is_space)
}

/// The rules' name: the parser's title (never a date, 通过/施行 or 题注 line, a
/// broken title joined), else a line 《…》, else the first line that ends like a
/// rules' name and is not a date or an adoption note.
fn title(parsed: &str, head: &[&str]) -> Option<String> {
    if !parsed.is_empty() {
        return Some(unquote(parsed).to_string());
    }
    head.iter()
        .find(|l| l.starts_with('《') && l.ends_with('》') && l.chars().count() > 2)
        .map(|l| unquote(l).to_string())
        .or_else(|| {
            head.iter()
                .find(|l| is_rules_name(l))
                .map(|l| l.to_string())
        })
}

fn unquote(s: &str) -> &str {
    s.strip_prefix('《')
        .and_then(|s| s.strip_suffix('》'))
        .unwrap_or(s)
}

fn is_rules_name(line: &str) -> bool {
    let name = unquote(line);
    let chars = name.chars().count();
    (3..=60).contains(&chars)
        && RULES_ENDINGS.iter().any(|e| name.ends_with(e))
        && !name.contains(['。', '，', '；', '：', ':', '|', '《', '》'])
        && !DATE.is_match(name)
        && !["通过", "公布", "施行", "印发", "发布"]
            .iter()
            .any(|w| name.contains(w))
}

/// 《…》 names the notice uses for the rules it issues (现将《…》印发给你们), before the
/// title, when they differ from it. A 《…》 cited as a basis (根据《…法》) is another law.
fn aliases(head: &[&str], title: Option<&str>) -> Vec<String> {
    static QUOTED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"《([^《》]{2,60})》").unwrap());
    let issuing = ["印发", "公布", "发布", "转发", "通知"];
    let mut out: Vec<String> = Vec::new();
    for line in head {
        if title.is_some_and(|t| line == &t) {
            break;
        }
        if !issuing.iter().any(|w| line.contains(w)) {
            continue;
        }
        for c in QUOTED.captures_iter(line) {
            let name = c[1].to_string();
            let amends = name.starts_with("关于修改") || name.starts_with("关于废止");
            if is_rules_name(&name)
                && !amends
                && Some(name.as_str()) != title
                && !out.contains(&name)
            {
                out.push(name);
            }
        }
    }
    out
}

/// The value after `key:` on a metadata line such as `发文机构:锡林郭勒盟教育局 | 信息分类:…`;
/// empty for a dash (——— means none).
fn keyed(head: &[&str], keys: &[&str]) -> Option<String> {
    for line in head {
        for key in keys {
            let Some(at) = line.find(key) else { continue };
            let rest = line[at + key.len()..]
                .trim_start_matches(|c: char| c == ':' || c == '：' || parser::is_space(c));
            let end = rest
                .find(['|', '｜', '\t', '　'])
                .or_else(|| rest.find("  "))
                .unwrap_or(rest.len());
            let value = rest[..end].trim();
            let dash = value
                .chars()
                .all(|c| matches!(c, '—' | '-' | '－' | '/' | '无'));
            return Some(if dash {
                String::new()
            } else {
                value.to_string()
            });
        }
    }
    None
}

/// The signature of a notice: a line that is only a date, with the issuer's name on
/// the line above it (or, as in a 公告, below it).
fn signature(head: &[&str]) -> Option<(Option<String>, Option<Date>)> {
    let i = head.iter().position(|l| is_date_line(l))?;
    let date = first_date(head[i]);
    let above = i.checked_sub(1).map(|j| head[j]);
    let issuer = [above, head.get(i + 1).copied()]
        .into_iter()
        .flatten()
        .find(|l| is_issuer_name(l))
        .map(str::to_string);
    Some((issuer, date))
}

fn is_date_line(line: &str) -> bool {
    matches!(dates(line).as_slice(), [(0, end, _)] if *end == line.len())
}

fn is_issuer_name(line: &str) -> bool {
    let chars = line.chars().count();
    (2..=30).contains(&chars)
        && line
            .chars()
            .all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || "（）()、".contains(c))
        && ISSUER_ENDINGS.iter().any(|e| line.ends_with(e))
        && !is_rules_name(line)
}

/// A bracketed note under the title: （1998年7月31日……通过　根据……修正）.
fn is_note(line: &str) -> bool {
    (line.starts_with('（') || line.starts_with('(')) && DATE.is_match(line)
}

/// The body that adopted or last amended the text, from the note's last meeting.
fn meeting_body(note: &str) -> Option<String> {
    let c = MEETING.captures_iter(note).last()?;
    let name = match (c.get(1), c.get(2), c.get(3)) {
        (region, Some(body), _) => {
            format!("{}{}", region.map_or("", |r| r.as_str()), body.as_str())
        }
        (_, _, Some(body)) => body.as_str().to_string(),
        _ => return None,
    };
    let name = name.trim_end_matches("会议").to_string();
    (!name.is_empty()).then_some(name)
}

/// 国务院令第617号 → 国务院.
fn decree_issuer(decree: &str) -> String {
    decree.split("令第").next().unwrap_or(decree).to_string()
}

fn doc_number(head: &[&str], notes: &[&str]) -> String {
    if let Some(v) = keyed(head, &["发文字号"]).filter(|v| !v.is_empty()) {
        return v;
    }
    if let Some(l) = head.iter().find(|l| DOC_NUMBER.is_match(l)) {
        return l.to_string();
    }
    notes
        .iter()
        .find_map(|n| DECREE.captures(n))
        .map(|c| c[1].to_string())
        .unwrap_or_default()
}

/// Every date in `line`: byte start, byte end, the date.
fn dates(line: &str) -> Vec<(usize, usize, Date)> {
    DATE.captures_iter(line)
        .filter_map(|c| {
            let m = c.get(0)?;
            // 01165959-9/2024-00010 is an index number, not a date inside one.
            let digit = |c: Option<char>| {
                c.is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
            };
            if digit(line[..m.start()].chars().next_back()) || digit(line[m.end()..].chars().next())
            {
                return None;
            }
            let part = |i: usize, j: usize| c.get(i).or(c.get(j)).map(|g| g.as_str());
            let number = |s: &str| crate::numerals::parse(&s.replace('○', "〇"));
            let (y, mo, d) = (
                number(part(1, 4)?)?,
                number(part(2, 5)?)?,
                number(part(3, 6)?)?,
            );
            let date = chrono::NaiveDate::from_ymd_opt(y as i32, mo, d)?;
            Some((m.start(), m.end(), Date(date)))
        })
        .collect()
}

fn first_date(line: &str) -> Option<Date> {
    dates(line).first().map(|d| d.2)
}

/// What happened on a note's date: the words after it, up to the next date.
fn event(note: &str, end: usize) -> &str {
    let rest = &note[end..];
    let stop = DATE.find(rest).map_or(rest.len(), |m| m.start());
    &rest[..stop]
}

/// 自2010年1月4日起施行, 自公布之日起施行, 自印发之日起30日后正式施行.
fn in_force(text: &str, issued: Option<Date>, published: Option<Date>) -> Option<Date> {
    for c in IN_FORCE.captures_iter(text) {
        let when = clean(&c[1]);
        if let Some(d) = first_date(when) {
            return Some(d);
        }
        let base = |event: &str| match event {
            "印发" => issued,
            _ => published.or(issued),
        };
        if let Some(event) = ["印发", "发布", "公布"]
            .into_iter()
            .find(|e| when == format!("{e}之日"))
        {
            return base(event);
        }
        if let Some(m) = DAYS_AFTER.captures(when) {
            let days = crate::numerals::parse(&m[2])?;
            let from = base(&m[1])?;
            return from
                .0
                .checked_add_days(chrono::Days::new(days.into()))
                .map(Date);
        }
    }
    None
}

/// The front matter for `facts`, with a comment on every value the author must supply
/// or check. `today` stands in for dates the text does not give.
pub fn front_matter(facts: &RegulationFacts, today: Date) -> String {
    let q = |s: &str| toml::Value::String(s.to_string()).to_string();
    let check = "  # 未能从正文识别，请填写";
    let mut out = String::from("+++\n");
    match &facts.title {
        Some(t) => out += &format!("title = {}\n", q(t)),
        None => out += &format!("title = {}{check}\n", q("（请填写制度名称）")),
    }
    match &facts.issuer {
        Some(i) => out += &format!("issuer = {}\n", q(i)),
        None => out += &format!("issuer = {}{check}\n", q("（请填写发文机关）")),
    }
    out += &format!(
        "doc_number = {}  # 发文字号，没有就留空\n",
        q(&facts.doc_number)
    );
    out += &format!("index_no = {}  # 索引号，没有就留空\n", q(&facts.index_no));
    for (key, value, what) in [
        ("issued", facts.issued, "成文日期"),
        ("published", facts.published, "公布日期"),
        ("effective", facts.effective, "施行日期"),
    ] {
        match value {
            Some(d) => out += &format!("{key} = {d}  # {what}\n"),
            None => {
                out += &format!("{key} = {today}  # {what}：未能从正文识别，暂填今天，请改正\n")
            }
        }
    }
    if let Some(original) = facts.original_effective {
        out += &format!(
            "# 正文写明自{original}起施行；上面的 effective 取本文本（修正、修订后）的日期，请核对\n"
        );
    }
    out += "status = \"有效\"  # 有效 | 失效 | 已修订\n";
    out += "# repealed = 2030-01-01  # 废止日期（可选）\n";
    let aliases: Vec<String> = facts.aliases.iter().map(|a| q(a)).collect();
    out += &format!(
        "aliases = [{}]  # 制度的其他名称（可选）\n",
        aliases.join(", ")
    );
    out += "+++\n";
    out
}

/// An ASCII file name for the regulation, from the pasted file's name.
pub fn slug(file_stem: &str) -> String {
    let mut out = String::new();
    for c in file_stem.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "rules".to_string()
    } else {
        out
    }
}

#[cfg(test)]
#[path = "front_tests.rs"]
mod tests;
