//! E-mail addresses and vehicle plates, read in the visible text (so `＠`,
//! `&commat;` and `蒙Ｈ１２３４５` are what they show as).

use super::Hit;
use super::visible::Visible;
use crate::msg;

const PLATE_PROVINCES: &str = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
/// The last character of a plate with four letters or digits: driving school,
/// police, trailer, Hong Kong, Macao, consulate, trial, over-size, embassy.
const PLATE_SUFFIXES: &str = "学警挂港澳领试超使";

/// Addresses in the visible text `v` of `text`.
pub fn emails(text: &str, v: &Visible, out: &mut Vec<Hit>) {
    let local = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
    let domain = |c: char| c.is_ascii_alphanumeric() || c == '.' || c == '-';
    for at in (0..v.chars.len()).filter(|&i| v.chars[i] == '@') {
        // `a.b @ example.cn`: one space either side is still an address.
        let before = if at > 0 && v.chars[at - 1] == ' ' {
            at - 1
        } else {
            at
        };
        let mut start = before;
        while start > 0 && before - start < 64 && local(v.chars[start - 1]) {
            start -= 1;
        }
        let after = if v.get(at + 1) == Some(' ') {
            at + 2
        } else {
            at + 1
        };
        let mut end = after;
        while end < v.chars.len() && end - after < 255 && domain(v.chars[end]) {
            end += 1;
        }
        while end > after && matches!(v.chars[end - 1], '.' | '-') {
            end -= 1;
        }
        let name: String = v.chars[after..end].iter().collect();
        let top = name.rsplit('.').next().unwrap_or("");
        let is_domain = name.contains('.')
            && !name.starts_with(['.', '-'])
            && top.len() >= 2
            && top.chars().all(|c| c.is_ascii_alphabetic());
        if start == before || !is_domain || masked(text, v, before) {
            continue;
        }
        let address: String = v.chars[start..before].iter().chain(['@'].iter()).collect();
        out.push(Hit {
            start: v.spans[start].start,
            end: v.spans[end - 1].end,
            chars: start..end,
            keep: 3,
            value: format!("{address}{name}").to_lowercase(),
            message: msg!("E0605", "电子邮箱地址：请删除", "e-mail address; remove it"),
        });
    }
}

/// Whether the name of an address, ending before visible character `before`, ends
/// in asterisks its author wrote to mask it (`z***@163.com`): the only run of
/// asterisks on its line. Emphasis comes in pairs of runs (`**zhang**@…`), and
/// its markers are not part of what the page shows.
fn masked(text: &str, v: &Visible, before: usize) -> bool {
    let gap = &text[v.spans[before - 1].end..v.spans[before].start];
    if !gap.contains('*') {
        return false;
    }
    let at = v.spans[before].start;
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let runs = text[line_start..line_end]
        .split(|c| c != '*')
        .filter(|run| !run.is_empty())
        .count();
    runs == 1
}

pub fn plates(v: &Visible, out: &mut Vec<Hit>) {
    let sep = |c: Option<char>| matches!(c, Some(' ' | '·' | '•' | '・' | '-' | '.'));
    for (k, &province) in v.chars.iter().enumerate() {
        if !PLATE_PROVINCES.contains(province) {
            continue;
        }
        let mut j = k + 1;
        if sep(v.get(j)) {
            j += 1;
        }
        let Some(letter) = v.get(j).filter(char::is_ascii_alphabetic) else {
            continue;
        };
        j += 1;
        if sep(v.get(j)) {
            j += 1;
        }
        let body_start = j;
        while v.get(j).is_some_and(|c| c.is_ascii_alphanumeric()) && j - body_start < 7 {
            j += 1;
        }
        let body: String = v.chars[body_start..j].iter().collect();
        let has_digit = body.bytes().any(|b| b.is_ascii_digit());
        let next = v.get(j);
        let end = match body.len() {
            5 | 6 if !next.is_some_and(|c| c.is_ascii_alphanumeric()) => j,
            4 if next.is_some_and(|c| PLATE_SUFFIXES.contains(c)) => j + 1,
            _ => continue,
        };
        if !has_digit {
            continue;
        }
        let letter = letter.to_ascii_uppercase();
        let value: String = v.chars[body_start..end].iter().collect();
        out.push(Hit {
            start: v.spans[k].start,
            end: v.spans[end - 1].end,
            chars: k..end,
            keep: 2,
            value: format!("{province}{letter}{}", value.to_uppercase()),
            message: msg!(
                "E0606",
                format!("车牌号码 {province}{letter}*****：请删除"),
                format!("vehicle plate {province}{letter}*****; remove it"),
            ),
        });
    }
}
