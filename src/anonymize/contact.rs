//! E-mail addresses, vehicle plates and vehicle identification numbers, read in
//! the visible text (so `＠`, `&commat;` and `蒙Ｈ１２３４５` are what they show as).

use super::Hit;
use super::visible::Visible;
use crate::msg;

const PLATE_PROVINCES: &str = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
/// The last character of a plate with four letters or digits: driving school,
/// police, trailer, Hong Kong, Macao, consulate, trial, over-size, embassy.
const PLATE_SUFFIXES: &str = "学警挂港澳领试超使";

/// Addresses in the visible text `v` of `text`, also spelt out against scrapers
/// (`wang(at)163.com`, `wang [at] 163 [dot] com`).
pub fn emails(text: &str, v: &Visible, out: &mut Vec<Hit>) {
    addresses(text, v, out);
    if let Some((spelt, marked)) = spelt_out(v) {
        let mut found = Vec::new();
        addresses(text, &spelt, &mut found);
        out.extend(
            found
                .into_iter()
                .filter(|h| marked[h.chars.clone()].iter().any(|&m| m))
                .map(|mut h| {
                    // Visible indices of `v`, where the report masks.
                    h.chars = v.spans.partition_point(|s| s.start < h.start)
                        ..v.spans.partition_point(|s| s.start < h.end);
                    h
                }),
        );
    }
}

/// The words that stand for `@` and `.` in an address spelt out, as written in
/// the visible text (letters compared in lower case; full-width brackets are folded
/// already, so `（at）` shows as `(at)` here).
const SPELT: [(&str, char); 4] = [("(at)", '@'), ("[at]", '@'), ("(dot)", '.'), ("[dot]", '.')];
/// ` at ` and ` dot ` stand for them only together, ` dot ` within this many
/// characters after ` at `: alone they are English (`meet at 9`, `look at x.com`).
const SPOKEN_REACH: usize = 40;

/// `v` with each spelt-out `@` and `.` as one character (spanning what it was
/// written as), and which characters those are; `None` if there is none.
fn spelt_out(v: &Visible) -> Option<(Visible, Vec<bool>)> {
    let at = |i: usize, word: &str| {
        word.chars()
            .enumerate()
            .all(|(k, c)| v.get(i + k).map(|x| x.to_ascii_lowercase()) == Some(c))
    };
    let dot_after = |i: usize| (i..(i + SPOKEN_REACH).min(v.chars.len())).any(|k| at(k, " dot "));
    // What stands at `i`: the word's length and the character it stands for.
    let word_at = |i: usize, spoken_at: Option<usize>| -> Option<(usize, char)> {
        match v.chars[i] {
            '(' | '[' => SPELT
                .iter()
                .find(|(w, _)| at(i, w))
                .map(|&(w, c)| (w.len(), c)),
            ' ' if at(i, " at ") && dot_after(i + 4) => Some((4, '@')),
            ' ' if at(i, " dot ") && spoken_at.is_some_and(|a| i - a <= SPOKEN_REACH) => {
                Some((5, '.'))
            }
            _ => None,
        }
    };
    if !(0..v.chars.len()).any(|i| word_at(i, None).is_some_and(|(_, c)| c == '@')) {
        return None;
    }
    let mut spelt = Visible {
        chars: Vec::new(),
        spans: Vec::new(),
    };
    let mut marked = Vec::new();
    let mut spoken_at = None;
    let mut i = 0;
    while i < v.chars.len() {
        if let Some((n, c)) = word_at(i, spoken_at) {
            if c == '@' && v.chars[i] == ' ' {
                spoken_at = Some(i);
            }
            spelt.chars.push(c);
            spelt.spans.push(v.spans[i].start..v.spans[i + n - 1].end);
            marked.push(true);
            i += n;
        } else {
            spelt.chars.push(v.chars[i]);
            spelt.spans.push(v.spans[i].clone());
            marked.push(false);
            i += 1;
        }
    }
    Some((spelt, marked))
}

fn addresses(text: &str, v: &Visible, out: &mut Vec<Hit>) {
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

/// Vehicle identification numbers (ISO 3779, GB 16735): 17 letters and digits
/// without I, O and Q, the ninth a check digit. A code that passes the check by
/// chance (one in eleven) is taken for a VIN only when it starts as China's do
/// (`L`) or a label names it (车架号, 车辆识别代号, VIN).
pub fn vins(v: &Visible, out: &mut Vec<Hit>) {
    let mut i = 0;
    while i < v.chars.len() {
        if !v.chars[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while v.get(i).is_some_and(|c| c.is_ascii_alphanumeric()) {
            i += 1;
        }
        if i - start != 17 {
            continue;
        }
        let vin: String = v.chars[start..i]
            .iter()
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let before: String = v.chars[start.saturating_sub(10)..start].iter().collect();
        let before = before.to_ascii_uppercase();
        let named = ["车架号", "识别代号", "识别码", "VIN"]
            .iter()
            .any(|l| before.contains(l));
        if vin_check(&vin) && (vin.starts_with('L') || named) {
            out.push(Hit {
                start: v.spans[start].start,
                end: v.spans[i - 1].end,
                chars: start..i,
                keep: 3,
                message: msg!(
                    "E0611",
                    format!("车辆识别代号（车架号）{}**************：请删除", &vin[..3]),
                    format!("vehicle identification number {}…; remove it", &vin[..3]),
                ),
                value: vin.to_lowercase(),
            });
        }
    }
}

/// The check digit of a VIN (its ninth character): transliterated values times
/// the position weights, modulo 11, 10 written `X`.
fn vin_check(vin: &str) -> bool {
    const WEIGHTS: [u32; 17] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
    let value = |c: char| -> Option<u32> {
        Some(match c {
            '0'..='9' => c as u32 - '0' as u32,
            'A' | 'J' => 1,
            'B' | 'K' | 'S' => 2,
            'C' | 'L' | 'T' => 3,
            'D' | 'M' | 'U' => 4,
            'E' | 'N' | 'V' => 5,
            'F' | 'W' => 6,
            'G' | 'P' | 'X' => 7,
            'H' | 'Y' => 8,
            'R' | 'Z' => 9,
            _ => return None,
        })
    };
    let chars: Vec<char> = vin.chars().collect();
    let has_letter = chars.iter().any(char::is_ascii_alphabetic);
    let has_digit = chars.iter().any(char::is_ascii_digit);
    let mut sum = 0;
    for (c, w) in chars.iter().zip(WEIGHTS) {
        let Some(n) = value(*c) else {
            return false;
        };
        sum += n * w;
    }
    let check = match sum % 11 {
        10 => 'X',
        n => char::from_digit(n, 10).unwrap_or('?'),
    };
    has_letter && has_digit && chars[8] == check
}
