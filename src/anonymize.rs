//! The personal-data guard: cases, risk points, annotations and guides must not
//! identify anyone. Finds resident ID numbers (checksum-validated), mobile and
//! landline numbers, e-mail addresses, bank card numbers (Luhn), vehicle plates
//! and deny-listed names; never echoes a full number back.

use crate::config::AnonymizeConfig;
use crate::diagnostic::{Diagnostic, Message, Severity};
use crate::msg;
use std::path::Path;

/// One piece of personal data found: its byte range and what it is (the number
/// masked), with what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub start: usize,
    pub end: usize,
    pub message: Message,
}

/// Every piece of personal data in a file's text (`text` is the whole file, its
/// first line line 1), as located errors. The source line shown under each message
/// has every finding of the line masked too, so the report never echoes the data.
/// `check_anonymity` and `Loader::read` (for a file whose front matter is broken)
/// both report through this, so the same finding twice is one after `Report::sort`.
pub fn diagnostics(path: &Path, text: &str, config: &AnonymizeConfig) -> Vec<Diagnostic> {
    let findings = scan(text, config);
    let masks: Vec<(&str, String)> = findings
        .iter()
        .map(|f| {
            let found = &text[f.start..f.end];
            let masked = found
                .chars()
                .enumerate()
                .map(|(i, c)| {
                    if i < 3 || !c.is_ascii_alphanumeric() {
                        c
                    } else {
                        '*'
                    }
                })
                .collect();
            (found, masked)
        })
        .collect();
    findings
        .iter()
        .map(|f| {
            let message = Message {
                code: f.message.code,
                zh: format!("个人信息：{}", f.message.zh),
                en: format!("personal data: {}", f.message.en),
            };
            let mut d = Diagnostic::at_offset(path, text, 1, f.start, Severity::Error, message);
            d.source_line = d
                .source_line
                .map(|l| masks.iter().fold(l, |l, (from, to)| l.replace(from, to)));
            d
        })
        .collect()
}

const PLATE_PROVINCES: &str = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";

pub fn scan(text: &str, config: &AnonymizeConfig) -> Vec<Finding> {
    let allowed: Vec<(usize, usize)> = config
        .allow
        .iter()
        .filter(|a| !a.is_empty())
        .flat_map(|a| {
            text.match_indices(a.as_str())
                .map(move |(i, m)| (i, i + m.len()))
        })
        .collect();
    let mut out = Vec::new();
    digit_runs(text, &mut out);
    emails(text, &mut out);
    plates(text, &mut out);
    for name in config.deny.iter().filter(|n| !n.is_empty()) {
        for (i, m) in text.match_indices(name.as_str()) {
            out.push(Finding {
                start: i,
                end: i + m.len(),
                message: msg!(
                    "E0607",
                    format!("“{name}”在禁用姓名名单（config.toml 的 [anonymize] deny）中：请改用身份称呼，如“执法人员甲”“当事人某某”"),
                    format!("name on the deny list: “{name}”; refer to people by role (执法人员甲, 当事人某某)"),
                ),
            });
        }
    }
    out.retain(|f| !allowed.iter().any(|&(a, b)| a <= f.start && f.end <= b));
    out.sort_by_key(|f| (f.start, f.end));
    out
}

/// Maximal runs of ASCII or full-width digits (an ID may end in X), with the
/// landline pattern 0479-8223456 joined across its hyphen.
fn digit_runs(text: &str, out: &mut Vec<Finding>) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let value = |c: char| {
        if c.is_ascii_digit() {
            c
        } else {
            char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or('0')
        }
    };
    let mut i = 0;
    while i < chars.len() {
        if !digit(chars[i].1) || (i > 0 && (chars[i - 1].1.is_ascii_alphabetic())) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && digit(chars[i].1) {
            i += 1;
        }
        let mut digits: String = chars[start..i].iter().map(|&(_, c)| value(c)).collect();
        if i < chars.len() && matches!(chars[i].1, 'X' | 'x') && digits.len() == 17 {
            digits.push('X');
            i += 1;
        }
        let end_byte = chars.get(i).map_or(text.len(), |&(b, _)| b);
        let start_byte = chars[start].0;
        let followed_by_letter = chars
            .get(i)
            .is_some_and(|&(_, c)| c.is_ascii_alphanumeric());
        if followed_by_letter {
            continue;
        }
        if let Some(message) = classify_number(&digits) {
            out.push(Finding {
                start: start_byte,
                end: end_byte,
                message,
            });
        } else if digits.starts_with('0')
            && (3..=4).contains(&digits.len())
            && chars.get(i).is_some_and(|&(_, c)| c == '-')
        {
            let rest_start = i + 1;
            let mut j = rest_start;
            while j < chars.len() && digit(chars[j].1) {
                j += 1;
            }
            let followed = chars
                .get(j)
                .is_some_and(|&(_, c)| c.is_ascii_alphanumeric() || c == '-');
            if (7..=8).contains(&(j - rest_start)) && !followed {
                let end = chars.get(j).map_or(text.len(), |&(b, _)| b);
                out.push(Finding {
                    start: start_byte,
                    end,
                    message: msg!(
                        "E0603",
                        format!("固定电话号码 {digits}-****：请删除"),
                        format!("landline phone number {digits}-****; remove it"),
                    ),
                });
                i = j;
            }
        }
    }
}

fn classify_number(d: &str) -> Option<Message> {
    let masked = |keep_start: usize, keep_end: usize| {
        format!(
            "{}{}{}",
            &d[..keep_start],
            "*".repeat(d.len() - keep_start - keep_end),
            &d[d.len() - keep_end..]
        )
    };
    if d.len() == 18 && is_resident_id(d) {
        let m = masked(4, 0);
        return Some(msg!(
            "E0601",
            format!("身份证号码 {m}：请删除，或改用身份称呼，如“当事人某某”"),
            format!("resident ID number {m}; remove it or refer to the person by role"),
        ));
    }
    if d.len() == 11 && d.starts_with('1') && matches!(d.as_bytes()[1], b'3'..=b'9') {
        let m = masked(3, 0);
        return Some(msg!(
            "E0602",
            format!("手机号码 {m}：请删除"),
            format!("mobile phone number {m}; remove it"),
        ));
    }
    if (16..=19).contains(&d.len()) && !d.ends_with('X') && luhn(d) {
        let m = masked(4, 4);
        return Some(msg!(
            "E0604",
            format!("银行卡号 {m}：请删除"),
            format!("bank card number {m}; remove it"),
        ));
    }
    None
}

/// GB 11643: 17 digits, a plausible birth date, and the ISO 7064 MOD 11-2 check.
fn is_resident_id(d: &str) -> bool {
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
    let birth = chrono::NaiveDate::parse_from_str(&d[6..14], "%Y%m%d");
    CHECK[(sum % 11) as usize] == b[17].to_ascii_uppercase()
        && birth.is_ok_and(|b| chrono::Datelike::year(&b) >= 1900)
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
    sum % 10 == 0
}

fn emails(text: &str, out: &mut Vec<Finding>) {
    let local = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
    for (at, _) in text.match_indices('@') {
        let start = text[..at]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| local(c))
            .last()
            .map(|(i, _)| i);
        let domain_len = text[at + 1..]
            .chars()
            .take_while(|&c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
            .map(char::len_utf8)
            .sum::<usize>();
        let domain = text[at + 1..at + 1 + domain_len].trim_end_matches('.');
        if let Some(start) = start.filter(|_| domain.contains('.')) {
            out.push(Finding {
                start,
                end: at + 1 + domain.len(),
                message: msg!("E0605", "电子邮箱地址：请删除", "e-mail address; remove it"),
            });
        }
    }
}

fn plates(text: &str, out: &mut Vec<Finding>) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(start, c)) in chars.iter().enumerate() {
        if !PLATE_PROVINCES.contains(c) {
            continue;
        }
        let Some(&(_, letter)) = chars.get(k + 1) else {
            continue;
        };
        if !letter.is_ascii_uppercase() {
            continue;
        }
        let mut j = k + 2;
        if chars
            .get(j)
            .is_some_and(|&(_, c)| c == '·' || c == '•' || c == ' ')
        {
            j += 1;
        }
        let body_start = j;
        while j < chars.len() && chars[j].1.is_ascii_alphanumeric() && j - body_start < 7 {
            j += 1;
        }
        let len = j - body_start;
        let has_digit = chars[body_start..j]
            .iter()
            .any(|&(_, c)| c.is_ascii_digit());
        let followed = chars
            .get(j)
            .is_some_and(|&(_, c)| c.is_ascii_alphanumeric());
        if (5..=6).contains(&len) && has_digit && !followed {
            let end = chars.get(j).map_or(text.len(), |&(b, _)| b);
            out.push(Finding {
                start,
                end,
                message: msg!(
                    "E0606",
                    format!("车牌号码 {c}{letter}*****：请删除"),
                    format!("vehicle plate {c}{letter}*****; remove it"),
                ),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<String> {
        scan(text, &AnonymizeConfig::default())
            .into_iter()
            .map(|f| f.message.en)
            .collect()
    }

    #[test]
    fn finds_each_kind_of_personal_data() {
        // 11010519491231002X is the standard's published example number.
        let found = kinds(
            "身份证11010519491231002X，手机13912345678，座机0479-8223456，邮箱a.b@example.cn，卡号6222020200112233446（已核），车牌蒙H·12345。",
        );
        assert_eq!(found.len(), 6, "{found:?}");
        assert!(
            found[0].starts_with("resident ID number 1101**************;"),
            "{}",
            found[0]
        );
        assert!(
            found
                .iter()
                .all(|m| !m.contains("11010519491231002X") && !m.contains("13912345678"))
        );
    }

    #[test]
    fn no_false_positives_on_legal_text() {
        let seed = include_str!("../tests/fixtures/regulations/xilingol-seed.txt");
        assert_eq!(kinds(seed), Vec::<String>::new());
        let text = "锡教发〔2024〕15号；2025-03-18；罚款52000元，退费5.6万元；第十条第一款第（五）项；索引号01165959-9/2024-00010；123456789012345678；20250318";
        assert_eq!(kinds(text), Vec::<String>::new());
    }

    #[test]
    fn deny_and_allow_lists() {
        let config = AnonymizeConfig {
            deny: vec!["张三".into()],
            allow: vec!["12345678901".into(), "0479-8223456".into()],
        };
        let found = scan("当事人张三，举报电话0479-8223456", &config);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("deny list"));
        assert_eq!(found[0].message.code, "E0607");
    }

    #[test]
    fn each_kind_has_its_code_and_says_it_in_chinese_without_the_number() {
        let text = "身份证11010519491231002X，手机13912345678，座机0479-8223456，邮箱a.b@example.cn，卡号6222020200112233446（已核），车牌蒙H·12345。";
        let found = scan(text, &AnonymizeConfig::default());
        let codes: Vec<&str> = found.iter().map(|f| f.message.code).collect();
        assert_eq!(
            codes,
            ["E0601", "E0602", "E0603", "E0605", "E0604", "E0606"]
        );
        assert_eq!(
            found[0].message.zh,
            "身份证号码 1101**************：请删除，或改用身份称呼，如“当事人某某”"
        );
        assert_eq!(found[1].message.zh, "手机号码 139********：请删除");
        for f in &found {
            assert!(!f.message.zh.contains("13912345678") && !f.message.zh.contains("8223456"));
        }
    }

    #[test]
    fn diagnostics_are_located_prefixed_and_masked() {
        let text = "+++\ntitle = \"t\"\n+++\n园长（手机13912345678，座机0479-8223456）\n";
        let ds = diagnostics(Path::new("cases/a.md"), text, &AnonymizeConfig::default());
        assert_eq!(ds.len(), 2);
        assert_eq!(
            (ds[0].line, ds[0].column, ds[0].message.code),
            (4, 6, "E0602")
        );
        assert_eq!(ds[0].message.zh, "个人信息：手机号码 139********：请删除");
        assert_eq!(
            ds[0].message.en,
            "personal data: mobile phone number 139********; remove it"
        );
        let shown = ds[0].source_line.as_deref().unwrap();
        assert_eq!(shown, "园长（手机139********，座机047*-*******）");
    }
}
