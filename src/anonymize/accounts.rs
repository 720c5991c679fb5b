//! Identifiers that only their label tells apart from other codes: QQ numbers,
//! WeChat IDs, passport and travel-permit numbers. `QQ 16758392` is an account,
//! `16758392` alone could be anything, so each is found right after its label
//! (a colon, a space or `为`/`是` between them), in the visible text.

use super::Hit;
use super::visible::Visible;
use crate::diagnostic::Message;
use crate::msg;

/// What an identifier after a label looks like, and what finding it makes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// 5–11 digits, not starting with 0.
    Qq,
    /// A letter, then 5–19 letters, digits or `-` (`_` is dropped as emphasis).
    WeChat,
    /// One or two capital letters and 7–10 digits (E12345678, EA1234567, H1029384700),
    /// or 8 digits (a Taiwan residents' permit).
    Travel,
}

/// Labels, longest first where one begins another, with what follows them.
const LABELS: [(&str, Shape); 15] = [
    ("QQ群号", Shape::Qq),
    ("QQ群", Shape::Qq),
    ("QQ号码", Shape::Qq),
    ("QQ号", Shape::Qq),
    ("QQ", Shape::Qq),
    ("扣扣", Shape::Qq),
    ("微信号", Shape::WeChat),
    ("微信账号", Shape::WeChat),
    ("微信ID", Shape::WeChat),
    ("微信", Shape::WeChat),
    ("护照号码", Shape::Travel),
    ("护照号", Shape::Travel),
    ("护照", Shape::Travel),
    ("通行证号码", Shape::Travel),
    ("通行证号", Shape::Travel),
];
/// Also a travel label: 通行证 (港澳居民来往内地通行证, 往来港澳通行证, 台胞证 …).
const PERMITS: [&str; 2] = ["通行证", "台胞证"];

pub fn find(v: &Visible, out: &mut Vec<Hit>) {
    let mut i = 0;
    while i < v.chars.len() {
        match label_at(v, i) {
            Some((len, shape)) => {
                if let Some(hit) = after_label(v, i + len, shape) {
                    i = hit.chars.end;
                    out.push(hit);
                } else {
                    i += len;
                }
            }
            None => i += 1,
        }
    }
}

/// The label starting at visible character `i` (letters compared in upper case).
fn label_at(v: &Visible, i: usize) -> Option<(usize, Shape)> {
    let matches = |label: &str| {
        label
            .chars()
            .enumerate()
            .all(|(k, c)| v.get(i + k).map(|x| x.to_ascii_uppercase()) == Some(c))
    };
    // Most characters begin no label; `QQ` inside a word (`XQQ`) is not the label.
    let first = v.chars[i].to_ascii_uppercase();
    if !matches!(first, 'Q' | '扣' | '微' | '护' | '通' | '台')
        || i > 0 && v.chars[i - 1].is_ascii_alphanumeric()
    {
        return None;
    }
    LABELS
        .iter()
        .find(|(label, _)| matches(label))
        .map(|&(label, shape)| (label.chars().count(), shape))
        .or_else(|| {
            PERMITS
                .iter()
                .find(|label| matches(label))
                .map(|label| (label.chars().count(), Shape::Travel))
        })
}

/// The identifier after a label ending at visible character `at`, if one follows.
fn after_label(v: &Visible, mut at: usize, shape: Shape) -> Option<Hit> {
    let label_end = at;
    let glue = |c: char| matches!(c, ' ' | ':' | '为' | '是' | '号' | '码');
    let mut skipped = 0;
    while v.get(at).is_some_and(glue) && skipped < 3 {
        at += 1;
        skipped += 1;
    }
    // 通行证，号码H82630194: the number named again after a comma (folded to `,`).
    if v.get(at) == Some(',') && v.get(at + 1) == Some('号') {
        at += 2;
        while v.get(at).is_some_and(glue) && skipped < 6 {
            at += 1;
            skipped += 1;
        }
    }
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    let mut end = at;
    while v.get(end).is_some_and(word) && end - at < 24 {
        end += 1;
    }
    if end == at || v.get(end).is_some_and(word) {
        return None;
    }
    let id: String = v.chars[at..end].iter().collect();
    // After a bare 微信 and a space, a word of letters is English (`QQ/微信 without`):
    // an ID label (微信号), a colon, or a digit or `-` in it says it is an ID.
    let bare = v.chars[label_end - 1] == '信' && !v.chars[label_end..at].contains(&':');
    if shape == Shape::WeChat && bare && id.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let message = classify(&id, shape)?;
    Some(Hit {
        start: v.spans[at].start,
        end: v.spans[end - 1].end,
        chars: at..end,
        keep: 2,
        value: id.to_lowercase(),
        message,
    })
}

fn classify(id: &str, shape: Shape) -> Option<Message> {
    let digits = id.bytes().all(|b| b.is_ascii_digit());
    match shape {
        Shape::Qq if digits && (5..=11).contains(&id.len()) && !id.starts_with('0') => Some(msg!(
            "E0608",
            format!("QQ 号码 {}***：请删除", &id[..2]),
            format!("QQ number {}***; remove it", &id[..2]),
        )),
        // Letters only too: the visible text has lost the `_` of `huangqi_art`.
        Shape::WeChat
            if id.starts_with(|c: char| c.is_ascii_alphabetic())
                && (6..=20).contains(&id.len()) =>
        {
            Some(msg!(
                "E0608",
                format!("微信号 {}***：请删除", &id[..2]),
                format!("WeChat ID {}***; remove it", &id[..2]),
            ))
        }
        Shape::Travel if travel(id) => Some(msg!(
            "E0609",
            format!("护照或通行证号码 {}***：请删除", &id[..1]),
            format!(
                "passport or travel permit number {}***; remove it",
                &id[..1]
            ),
        )),
        _ => None,
    }
}

/// E12345678, EA1234567, G12345678, H1029384700, C12345678, 12345678.
fn travel(id: &str) -> bool {
    let letters = id.bytes().take_while(u8::is_ascii_uppercase).count();
    let rest = &id[letters..];
    let all_digits = !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit());
    match letters {
        0 => all_digits && rest.len() == 8,
        1 | 2 => all_digits && (7..=10).contains(&rest.len()),
        _ => false,
    }
}
