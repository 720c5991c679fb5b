//! Deny-listed names, however they are written: split by emphasis (王**建**国, in
//! the visible text already 王建国), by spaces, line breaks or zero-width characters
//! between CJK characters (王 建国), or in traditional characters (王建國). Both the
//! text and each deny-list entry are folded the same way (OpenCC's
//! traditional-to-simplified table, one character at a time; ASCII to lower case)
//! and compared.

use super::Hit;
use super::visible::Visible;
use crate::msg;
use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// The visible text folded for comparing names, each character knowing the visible
/// character it came from.
pub struct NameView {
    chars: Vec<char>,
    from: Vec<usize>,
}

/// Traditional → simplified for single characters, remembered per scan: a file has
/// a few thousand distinct characters at most.
#[derive(Default)]
pub struct Fold {
    seen: FxHashMap<char, char>,
}

impl Fold {
    fn char(&mut self, c: char) -> char {
        if c.is_ascii() {
            return c.to_ascii_lowercase();
        }
        if !cjk(c) {
            return c;
        }
        *self.seen.entry(c).or_insert_with(|| {
            let mut one = [0; 4];
            let converted = converter().convert(c.encode_utf8(&mut one));
            let mut chars = converted.chars();
            match (chars.next(), chars.next()) {
                (Some(s), None) => s,
                _ => c,
            }
        })
    }
}

fn converter() -> &'static OpenCC {
    static T2S: OnceLock<OpenCC> = OnceLock::new();
    T2S.get_or_init(|| {
        OpenCC::from_config(BuiltinConfig::T2s)
            .expect("ferrous-opencc embeds its t2s tables; building them cannot fail")
    })
}

/// A CJK unified or compatibility ideograph.
pub fn cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}')
}

impl NameView {
    pub fn of(v: &Visible, fold: &mut Fold) -> NameView {
        let mut view = NameView {
            chars: Vec::with_capacity(v.chars.len()),
            from: Vec::with_capacity(v.chars.len()),
        };
        let mut i = 0;
        while i < v.chars.len() {
            let c = v.chars[i];
            if matches!(c, ' ' | '\t' | '\n') {
                let mut j = i;
                while v.get(j).is_some_and(|c| matches!(c, ' ' | '\t' | '\n')) {
                    j += 1;
                }
                let between_cjk = view.chars.last().is_some_and(|&p| cjk(p))
                    && v.get(j).is_some_and(cjk)
                    && v.chars[i..j].iter().filter(|&&c| c == '\n').count() <= 1;
                if between_cjk {
                    i = j;
                    continue;
                }
            }
            view.chars.push(fold.char(c));
            view.from.push(i);
            i += 1;
        }
        view
    }

    /// Every occurrence of `needle`, as visible character ranges.
    pub fn find<'a>(
        &'a self,
        needle: &'a [char],
    ) -> impl Iterator<Item = std::ops::Range<usize>> + 'a {
        let mut at = 0;
        std::iter::from_fn(move || {
            if needle.is_empty() {
                return None;
            }
            while at + needle.len() <= self.chars.len() {
                let i = at;
                if self.chars[i..i + needle.len()] == *needle {
                    at = i + needle.len();
                    return Some(self.from[i]..self.from[i + needle.len() - 1] + 1);
                }
                at += 1;
            }
            None
        })
    }
}

/// `name` folded as the text is.
pub fn folded(name: &str, fold: &mut Fold) -> Vec<char> {
    NameView::of(&Visible::of(name), fold).chars
}

pub fn find(v: &Visible, view: &NameView, deny: &[&str], fold: &mut Fold, out: &mut Vec<Hit>) {
    for &name in deny {
        let needle = folded(name, fold);
        for chars in view.find(&needle) {
            let source = v.source(chars.clone());
            out.push(Hit {
                start: source.start,
                end: source.end,
                chars,
                // The entry is in config.toml already: the report names it.
                keep: usize::MAX,
                value: needle.iter().collect(),
                message: msg!(
                    "E0607",
                    format!("“{name}”在禁用姓名名单（config.toml 的 [anonymize] deny）中：请改用身份称呼，如“执法人员甲”“当事人某某”"),
                    format!("name on the deny list: “{name}”; refer to people by role (执法人员甲, 当事人某某)"),
                ),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str, name: &str) -> Vec<String> {
        let v = Visible::of(text);
        let mut fold = Fold::default();
        let view = NameView::of(&v, &mut fold);
        let mut out = Vec::new();
        find(&v, &view, &[name], &mut fold, &mut out);
        out.into_iter()
            .map(|h| text[h.start..h.end].to_string())
            .collect()
    }

    #[test]
    fn written_forms_of_a_name() {
        for text in [
            "王建国",
            "王**建**国",
            "王*建*国",
            "王 建国",
            "王\u{200b}建国",
            "王\n建国",
            "王建國",
            "王&#24314;国",
        ] {
            assert_eq!(
                spans(&format!("当事人{text}称"), "王建国"),
                [text],
                "{text:?}"
            );
        }
        assert_eq!(spans("王建国", "王建國"), ["王建国"]);
        assert!(spans("王建设国家", "王建国").is_empty());
        assert!(spans("王\n\n建国", "王建国").is_empty());
    }
}
