//! Numbers that identify a person, however they are grouped: resident ID numbers
//! (GB 11643, 18 digits, and the 15-digit first generation), mobile and landline
//! numbers (with +86 / 0086 and `(0479)`), bank card numbers (Luhn).
//!
//! Digits are read in groups: `138-1234-5678`, `138 1234 5678`, `(0479)8221234` are
//! three or two groups joined by separators. Every window of consecutive joined
//! groups of at most 19 digits is tried, longest first, so two numbers side by side
//! (`0479-8221234 13812345678`) are both found, and the work per group is bounded.

use super::Hit;
use super::visible::Visible;
use crate::diagnostic::Message;
use crate::msg;

/// The most digits one number has: a 19-digit card (0086 + a mobile is 15).
const LONGEST: usize = 19;

/// A maximal run of ASCII digits, as visible character indices.
struct Group {
    start: usize,
    end: usize,
    /// Joined to the group before it by separators only (`-`, ` `, `.`, `(`, `)`).
    joined: bool,
}

pub fn find(v: &Visible, out: &mut Vec<Hit>) {
    let groups = groups(v);
    let mut first = 0;
    while first < groups.len() {
        let mut last = first + 1;
        while last < groups.len() && groups[last].joined {
            last += 1;
        }
        chain(v, &groups[first..last], out);
        first = last;
    }
}

fn groups(v: &Visible) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    let mut i = 0;
    while i < v.chars.len() {
        if !v.chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while v.get(i).is_some_and(|c| c.is_ascii_digit()) {
            i += 1;
        }
        let joined = out.last().is_some_and(|prev| {
            let gap = &v.chars[prev.end..start];
            (1..=3).contains(&gap.len())
                && gap.iter().all(|&c| separator(c))
                && gap.iter().filter(|&&c| c == '\n').count() <= 1
        });
        out.push(Group {
            start,
            end: i,
            joined,
        });
    }
    out
}

/// What may stand between the groups of one number. Not `,` (thousands in amounts),
/// `/` (索引号 01165959-9/2024-00010) or `:` (times).
fn separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | '-' | '.' | '(' | ')' | '·' | '・' | '\u{2010}'
            ..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}'
    )
}

/// Tries the windows of one chain of joined groups, longest first at each start.
fn chain(v: &Visible, groups: &[Group], out: &mut Vec<Hit>) {
    let mut a = 0;
    while a < groups.len() {
        // The digits of a code such as 91150000MA0N12345X: a letter glued to a digit
        // before the group. "Tel13812345678" is still read.
        let start = groups[a].start;
        let glued = start >= 2
            && v.chars[start - 1].is_ascii_alphabetic()
            && v.chars[start - 2].is_ascii_digit();
        if glued {
            a += 1;
            continue;
        }
        let mut windows = Vec::new();
        let mut digits = String::new();
        for (b, g) in groups.iter().enumerate().skip(a) {
            digits.extend(&v.chars[g.start..g.end]);
            if digits.len() > LONGEST {
                break;
            }
            windows.push((b, digits.clone()));
        }
        let found = windows
            .into_iter()
            .rev()
            .find_map(|(b, d)| window(v, &groups[a], &groups[b], d).map(|hit| (b, hit)));
        match found {
            Some((b, hit)) => {
                out.push(hit);
                a = b + 1;
            }
            None => a += 1,
        }
    }
}

/// The number of the groups `first..=last` (digits `d`), if it is one.
fn window(v: &Visible, first: &Group, last: &Group, mut d: String) -> Option<Hit> {
    let mut end = last.end;
    if d.len() == 17 && v.get(end).is_some_and(|c| matches!(c, 'X' | 'x')) {
        d.push('X');
        end += 1;
    }
    // 11150000011585209J/2024-00123: a number glued to a letter is part of a code.
    if v.get(end).is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let plus = first.start > 0 && v.chars[first.start - 1] == '+';
    let (kind, value, message) = classify(&d, plus, &context(v, first.start))?;
    let mut start = first.start;
    if plus {
        start -= 1;
    }
    // (0479)8221234, (+86)13812345678: the bracket is part of what is written.
    let opens = start > 0 && v.chars[start - 1] == '(';
    let closes = v.get(first.end) == Some(')');
    if opens && (plus || (kind == Kind::Landline && closes)) {
        start -= 1;
    }
    Some(Hit {
        start: v.spans[start].start,
        end: v.spans[end - 1].end,
        chars: start..end,
        keep: 3,
        value,
        message,
    })
}

/// The few visible characters before a number: 注册号 or 信用代码 names what follows.
fn context(v: &Visible, start: usize) -> String {
    v.chars[start.saturating_sub(12)..start].iter().collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Id,
    Mobile,
    Landline,
    Card,
}

/// What the digits `d` are (a trailing `X` included), their canonical form for the
/// allow list, and the finding, which never repeats the whole number.
fn classify(d: &str, plus: bool, before: &str) -> Option<(Kind, String, Message)> {
    let national = d
        .strip_prefix("0086")
        .or_else(|| d.strip_prefix("86").filter(|n| plus || mobile(n)));
    if let Some(n) = national {
        if mobile(n) {
            return Some((Kind::Mobile, n.to_string(), mobile_message(n)));
        }
        let trunk = format!("0{n}");
        if let Some(area) = landline(&trunk) {
            return Some((
                Kind::Landline,
                trunk.clone(),
                landline_message(&trunk[..area]),
            ));
        }
    }
    let masked = |keep_start: usize, keep_end: usize| {
        format!(
            "{}{}{}",
            &d[..keep_start],
            "*".repeat(d.len() - keep_start - keep_end),
            &d[d.len() - keep_end..]
        )
    };
    let id = (d.len() == 18 && resident_id(d))
        || (d.len() == 15 && first_generation_id(d) && !registration_number(d, before));
    if id {
        let m = masked(4, 0);
        return Some((
            Kind::Id,
            d.to_string(),
            msg!(
                "E0601",
                format!("身份证号码 {m}：请删除，或改用身份称呼，如“当事人某某”"),
                format!("resident ID number {m}; remove it or refer to the person by role"),
            ),
        ));
    }
    if mobile(d) {
        return Some((Kind::Mobile, d.to_string(), mobile_message(d)));
    }
    // 013812345678: a mobile dialled from a landline.
    if let Some(n) = d.strip_prefix('0').filter(|n| mobile(n)) {
        return Some((Kind::Mobile, n.to_string(), mobile_message(n)));
    }
    if let Some(area) = landline(d) {
        return Some((Kind::Landline, d.to_string(), landline_message(&d[..area])));
    }
    if card(d) {
        let m = masked(4, 4);
        return Some((
            Kind::Card,
            d.to_string(),
            msg!(
                "E0604",
                format!("银行卡号 {m}：请删除"),
                format!("bank card number {m}; remove it"),
            ),
        ));
    }
    None
}

/// The digits a transcript writes in characters (一三八〇……, 幺 for 1 in speech).
pub fn spoken_digit(c: char) -> Option<u8> {
    let d = match c {
        '〇' | '○' | '零' => 0,
        '一' | '幺' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    };
    Some(d)
}

/// Numbers written in characters, as a record of what someone said: 一三七〇四七九八二六五,
/// 幺五九 四七九三 二六幺八, an ID number read out (its last character may be `X`). A
/// run of such digits (single spaces or hyphens between them) that is, as a whole,
/// one of the numbers `classify` knows; a year (二〇二五) or a count is not.
pub fn spoken(v: &Visible, out: &mut Vec<Hit>) {
    let mut i = 0;
    while i < v.chars.len() {
        if spoken_digit(v.chars[i]).is_none() {
            i += 1;
            continue;
        }
        let start = i;
        let mut d = String::new();
        let mut end = i;
        while let Some(n) = v.get(i).and_then(spoken_digit) {
            d.push(char::from(b'0' + n));
            end = i + 1;
            i += 1;
            let sep = v.get(i).is_some_and(|c| c == ' ' || c == '-');
            if sep && v.get(i + 1).and_then(spoken_digit).is_some() {
                i += 1;
            }
        }
        if d.len() == 17 && v.get(end).is_some_and(|c| matches!(c, 'X' | 'x')) {
            d.push('X');
            end += 1;
        }
        if let Some((_, value, message)) = classify(&d, false, &context(v, start)) {
            out.push(Hit {
                start: v.spans[start].start,
                end: v.spans[end - 1].end,
                chars: start..end,
                keep: 3,
                message,
                value,
            });
        }
    }
}

fn mobile(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1])
}

fn mobile_message(d: &str) -> Message {
    let m = format!("{}{}", &d[..3], "*".repeat(d.len() - 3));
    msg!(
        "E0602",
        format!("手机号码 {m}：请删除"),
        format!("mobile phone number {m}; remove it"),
    )
}

/// A landline with its trunk 0 (010 and 02X with 8 digits, 0XXX with 7 or 8, the
/// number itself not starting 0 or 1): the length of its area code.
fn landline(d: &str) -> Option<usize> {
    let b = d.as_bytes();
    if b.len() < 10 || b[0] != b'0' {
        return None;
    }
    let area = match b[1] {
        b'1' if b[2] == b'0' => 3,
        b'2' => 3,
        b'3'..=b'9' => 4,
        _ => return None,
    };
    let local = b.len() - area;
    let lengths = if area == 3 { 8..=8 } else { 7..=8 };
    (lengths.contains(&local) && (b'2'..=b'9').contains(&b[area])).then_some(area)
}

fn landline_message(area: &str) -> Message {
    msg!(
        "E0603",
        format!("固定电话号码 {area}-****：请删除"),
        format!("landline phone number {area}-****; remove it"),
    )
}

/// The first two digits of a resident's area code: a province, or 81–83 for
/// residents of Hong Kong, Macao and Taiwan.
fn province(d: &str) -> bool {
    matches!(
        &d[..2],
        "11" | "12"
            | "13"
            | "14"
            | "15"
            | "21"
            | "22"
            | "23"
            | "31"
            | "32"
            | "33"
            | "34"
            | "35"
            | "36"
            | "37"
            | "41"
            | "42"
            | "43"
            | "44"
            | "45"
            | "46"
            | "50"
            | "51"
            | "52"
            | "53"
            | "54"
            | "61"
            | "62"
            | "63"
            | "64"
            | "65"
            | "71"
            | "81"
            | "82"
            | "83"
    )
}

fn date(yyyymmdd: &str) -> bool {
    let year: u32 = yyyymmdd[..4].parse().unwrap_or(0);
    (1900..=2099).contains(&year) && chrono::NaiveDate::parse_from_str(yyyymmdd, "%Y%m%d").is_ok()
}

/// GB 11643: a province, a plausible birth date, and the ISO 7064 MOD 11-2 check.
fn resident_id(d: &str) -> bool {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let b = d.as_bytes();
    if !b[..17].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = b[..17]
        .iter()
        .zip(WEIGHTS)
        .map(|(c, w)| (c - b'0') as u32 * w)
        .sum();
    CHECK[(sum % 11) as usize] == b[17].to_ascii_uppercase() && province(d) && date(&d[6..14])
}

/// The first generation (issued until 2004): area code, YYMMDD of the 1900s, 3 digits.
fn first_generation_id(d: &str) -> bool {
    d.bytes().all(|b| b.is_ascii_digit()) && province(d) && date(&format!("19{}", &d[6..12]))
}

/// A 15-digit business registration number (注册号, GS 15-2006) named as one and
/// carrying its ISO 7064 MOD 11,10 check digit: a company's, not a person's.
fn registration_number(d: &str, before: &str) -> bool {
    if !["注册号", "登记号", "信用代码", "执照号"]
        .iter()
        .any(|w| before.contains(w))
    {
        return false;
    }
    let mut p = 10;
    for b in d[..14].bytes() {
        let s = (p + (b - b'0') as u32) % 10;
        p = (if s == 0 { 10 } else { s } * 2) % 11;
    }
    (11 - p) % 10 == (d.as_bytes()[14] - b'0') as u32
}

/// 16–19 digits with a card-issuer first digit (3 American Express/JCB, 4 Visa,
/// 5 Mastercard, 6 UnionPay, 9 domestic) and the Luhn check; an 18-digit unified
/// social credit code (GB 32100), which can pass Luhn, is a company's, not a card.
fn card(d: &str) -> bool {
    (16..=19).contains(&d.len())
        && d.bytes().all(|b| b.is_ascii_digit())
        && matches!(d.as_bytes()[0], b'3'..=b'6' | b'9')
        && luhn(d)
        && !(d.len() == 18 && credit_code(d))
}

fn luhn(d: &str) -> bool {
    let sum: u32 = d
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, c)| {
            let v = (c - b'0') as u32;
            if i % 2 == 1 {
                if v * 2 > 9 { v * 2 - 9 } else { v * 2 }
            } else {
                v
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// GB 32100 统一社会信用代码: 18 characters of 0-9 and A-Y without I, O, S, V, Z,
/// the last a MOD 31 check.
fn credit_code(code: &str) -> bool {
    const CHARS: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    const WEIGHTS: [usize; 17] = [
        1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
    ];
    let values: Option<Vec<usize>> = code
        .bytes()
        .map(|b| CHARS.iter().position(|&c| c == b))
        .collect();
    let Some(values) = values.filter(|v| v.len() == 18) else {
        return false;
    };
    let sum: usize = values[..17].iter().zip(WEIGHTS).map(|(v, w)| v * w).sum();
    (31 - sum % 31) % 31 == values[17]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, &'static str)> {
        let mut out = Vec::new();
        find(&Visible::of(text), &mut out);
        out.into_iter()
            .map(|h| (text[h.start..h.end].to_string(), h.message.code))
            .collect()
    }

    #[test]
    fn grouped_and_prefixed_numbers() {
        for (text, want, code) in [
            ("电话138-1234-5678。", "138-1234-5678", "E0602"),
            ("电话138 1234 5678。", "138 1234 5678", "E0602"),
            ("电话+86 138 1234 5678。", "+86 138 1234 5678", "E0602"),
            ("电话0086-13812345678。", "0086-13812345678", "E0602"),
            ("电话(0479)8221234。", "(0479)8221234", "E0603"),
            ("电话（0479）8221234。", "（0479）8221234", "E0603"),
            ("电话+86 479 8221234。", "+86 479 8221234", "E0603"),
            ("电话04798221234。", "04798221234", "E0603"),
            (
                "身份证110105 19491231 002X。",
                "110105 19491231 002X",
                "E0601",
            ),
            (
                "卡号6222 0202 0011 2233 446。",
                "6222 0202 0011 2233 446",
                "E0604",
            ),
        ] {
            assert_eq!(found(text), [(want.to_string(), code)], "{text}");
        }
    }

    #[test]
    fn neighbours_are_two_numbers() {
        let got = found("0479-8221234 13812345678");
        assert_eq!(got.len(), 2, "{got:?}");
    }

    #[test]
    fn credit_codes_and_registration_numbers_are_not_people() {
        assert!(credit_code("91350100M000100Y43"));
        assert!(!credit_code("91350100M000100Y44"));
        assert!(found("统一社会信用代码91350100M000100Y43").is_empty());
    }
}
