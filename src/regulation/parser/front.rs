//! The lines before the body: the title, the 题注 under it, and whatever wraps
//! the rules above it (a 印发通知, a 国务院令, a 公告).
//!
//! The title is found by walking up from the body: 题注 and date lines
//! (“2019年4月20日 国务院令第713号公布”, “（2014年11月27日……通过）”) are notes,
//! document numbers and lines that end a sentence are passed over, and the first
//! line that reads as a title is its last line. Up to two title-like lines right
//! above it are joined to it (a title set on two or three lines, or 最高人民法院 /
//! 关于……的规定), stopping at a date, a document number, a sentence, or the title
//! of the notice itself (…的通知, …令, …公告).

use super::line::{Line, is_space};

pub(super) struct Front {
    pub title: String,
    pub notes: Vec<String>,
    pub preamble: Vec<String>,
}

pub(super) fn read(lines: &[Line], raw: &[&str], end: usize) -> Front {
    let text = |i: usize| match lines.get(i) {
        Some(Line::Text(t)) => Some(*t),
        _ => None,
    };
    let mut notes = Vec::new();
    let mut suffix = Vec::new();
    let mut last = None;
    for i in (0..end).rev() {
        let Some(t) = text(i) else { continue };
        if is_note(t) {
            notes.push(clean(t));
        } else if is_signature(t, if i + 1 < end { text(i + 1) } else { None }) {
            suffix.clear();
        } else if is_parenthetical(t) && t.chars().count() <= 12 {
            // （试行）, （暂行）: the end of the title, set on its own line.
            suffix.push(clean(t));
        } else if is_title_like(t) {
            last = Some(i);
            break;
        } else {
            suffix.clear();
        }
    }
    notes.reverse();
    suffix.reverse();
    let Some(last) = last else {
        return Front {
            title: String::new(),
            notes,
            preamble: collect(raw, 0),
        };
    };
    let mut first = last;
    while first > 0 && last - first < 2 {
        match text(first - 1) {
            Some(t) if joins_title(t) && t != text(first).unwrap_or_default() => first -= 1,
            _ => break,
        }
    }
    let mut title: String = (first..=last)
        .map(|i| super::line::compact_heading(raw[i]))
        .collect::<Vec<_>>()
        .concat();
    title.extend(suffix);
    if let Some(inner) = title.strip_prefix('《').and_then(|t| t.strip_suffix('》'))
        && !inner.contains(['《', '》'])
    {
        title = inner.to_string();
    }
    Front {
        title,
        notes,
        preamble: collect(raw, first),
    }
}

fn collect(raw: &[&str], end: usize) -> Vec<String> {
    raw[..end]
        .iter()
        .map(|l| clean(l))
        .filter(|l| !l.is_empty())
        .collect()
}

fn clean(line: &str) -> String {
    line.trim_matches(is_space).to_string()
}

/// A title is a line of its own without sentence punctuation at its end, and is
/// not a document number (法释〔2009〕20号, 第七百号), a date or a note in brackets.
fn is_title_like(t: &str) -> bool {
    let compact = super::line::compact_heading(t);
    let notice_title = compact.starts_with("关于") && compact.ends_with("的通知");
    let not_a_title = [
        is_parenthetical(t),
        is_division(&compact),
        notice_title,
        t.starts_with(['〈', '<', '（', '(']),
        compact.chars().count() < 2,
        is_dated(t),
        t.ends_with(['。', '：', ':', '；', '，', '|']),
        is_document_number(t),
        ends_with_history_word(t),
        t.chars().count() > 80,
    ];
    !not_a_title.contains(&true)
}

/// The end of a line of the history (…第一次修正, …起施行), broken where the
/// title's 题注 wraps.
fn ends_with_history_word(t: &str) -> bool {
    let t = t.trim_end_matches(['）', ')']);
    [
        "通过", "公布", "施行", "修正", "修订", "批准", "发布", "执行",
    ]
    .iter()
    .any(|w| t.ends_with(w))
}

/// A heading of the body that is not numbered 第X章: 总则, 序言, 一、一般规定, 第一分编 通则.
fn is_division(t: &str) -> bool {
    let numbered = t.split_once('、').is_some_and(|(n, _)| {
        !n.is_empty() && n.chars().all(|c| "一二三四五六七八九十".contains(c))
    });
    numbered
        || ["总则", "分则", "附则", "序言"].contains(&t)
        || (t.starts_with('第') && t.contains("分编"))
}

/// The issuer's name above a bare date at the foot of a notice (劳动部 / 一九九四年十二月六日).
fn is_signature(t: &str, next: Option<&str>) -> bool {
    const RULES: [&str; 10] = [
        "规定", "条例", "办法", "细则", "规则", "决定", "意见", "通知", "法", "制度",
    ];
    next.is_some_and(|n| is_dated(n) && is_bare_date(n))
        && t.chars().count() <= 30
        && !RULES.iter().any(|r| t.ends_with(r))
}

fn is_bare_date(t: &str) -> bool {
    let t = t.trim_matches(is_space);
    t.ends_with('日') && !t.contains(is_space) && t.chars().count() <= 12
}

/// A line that may be the first half of a title broken over lines.
fn joins_title(t: &str) -> bool {
    is_title_like(t)
        && !t.ends_with(['令', '号'])
        && !t.ends_with("通知")
        && !t.ends_with("公告")
        && !t.ends_with("决定")
        && !t.starts_with("附件")
}

fn is_document_number(t: &str) -> bool {
    t.ends_with('号')
        && (t.contains(['〔', '[', '［', '（', '('])
            || t.starts_with('第')
            || t.chars().count() <= 12)
}

fn is_parenthetical(t: &str) -> bool {
    (t.starts_with('（') || t.starts_with('(')) && (t.ends_with('）') || t.ends_with(')'))
}

/// A 题注 in brackets, or a date line: “2014年11月27日 …会议通过”, “2019年9月1日 施行”,
/// “一九九五年三月二十六日”.
fn is_note(t: &str) -> bool {
    is_dated(t)
        || (is_parenthetical(t) && has_history_word(t))
        || (t.ends_with(['）', ')']) && !t.contains(['（', '(']) && ends_with_history_word(t))
        || t == "（"
        || t == "("
}

fn has_history_word(t: &str) -> bool {
    [
        "通过", "公布", "施行", "修正", "修订", "批准", "发布", "印发", "废止", "年",
    ]
    .iter()
    .any(|w| t.contains(w))
}

/// Starts with a date: 2014年11月27日, 2014-11-27, 一九九五年三月二十六日.
fn is_dated(t: &str) -> bool {
    let t = t.trim_start_matches(['（', '(']);
    let year: String = t
        .chars()
        .take_while(|c| {
            c.is_ascii_digit()
                || ('０'..='９').contains(c)
                || "〇○零一二三四五六七八九".contains(*c)
        })
        .collect();
    let after = &t[year.len()..];
    year.chars().count() == 4
        && (after.starts_with('年') || after.starts_with('-') || after.starts_with('.'))
}
