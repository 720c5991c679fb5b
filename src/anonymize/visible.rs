//! The text as a reader of the published page sees it, one character at a time,
//! each knowing the bytes of the source it was written as: character references
//! decoded, full-width forms folded, invisible characters and Markdown emphasis
//! markers gone. Detectors read this, so `&#49;38…`, `１３８…` and `13\u{200b}8…`
//! are all `138…`, and a finding still points at (and masks) the bytes written.

use std::ops::Range;

/// The visible characters of a text and, for each, the byte range of the source it
/// came from (one byte for `1`, five for `&#49;`, three for `１`).
pub struct Visible {
    pub chars: Vec<char>,
    pub spans: Vec<Range<usize>>,
}

impl Visible {
    /// One pass over `text`; every look-ahead is bounded, so this is linear.
    pub fn of(text: &str) -> Visible {
        let mut v = Visible {
            chars: Vec::with_capacity(text.len() / 2),
            spans: Vec::with_capacity(text.len() / 2),
        };
        let mut i = 0;
        while i < text.len() {
            let rest = &text[i..];
            let c = rest.chars().next().unwrap_or('\0');
            let (shown, len) = match c {
                '&' => reference(rest).map_or((Some('&'), 1), |(c, n)| (Some(c), n)),
                '\\' => escape(rest).map_or((Some('\\'), 1), |(c, n)| (c, n)),
                _ => (Some(c), c.len_utf8()),
            };
            if let Some(folded) = shown.and_then(fold) {
                v.chars.push(folded);
                v.spans.push(i..i + len);
            }
            i += len;
        }
        v
    }

    /// The source bytes of visible characters `chars` (not empty).
    pub fn source(&self, chars: Range<usize>) -> Range<usize> {
        self.spans[chars.start].start..self.spans[chars.end - 1].end
    }

    pub fn get(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }
}

/// What `c` shows as: full-width ASCII as ASCII, any space as a space; `None` for
/// what shows as nothing (zero-width and format characters, emphasis markers, the
/// carriage return of a CRLF).
fn fold(c: char) -> Option<char> {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
        '\u{3000}'
        | '\u{00A0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200A}'
        | '\u{202F}'
        | '\u{205F}' => Some(' '),
        // Markdown emphasis, strike-through and code spans: 王**建**国 shows as 王建国.
        '*' | '_' | '~' | '`' | '\r' => None,
        c if invisible(c) => None,
        c => Some(c),
    }
}

/// Characters a browser draws as nothing: soft hyphen, zero-width spaces and joiners,
/// direction marks, word joiner and invisible operators, variation selectors, BOM, tags.
fn invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'
        | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}')
}

/// An HTML character reference at the start of `s` (`&#49;`, `&#x31;`, `&amp;`): what
/// it shows and its length. Markdown decodes these in text, and a browser in markup.
fn reference(s: &str) -> Option<(char, usize)> {
    let body = &s[1..];
    let end = body.bytes().take(33).position(|b| b == b';')?;
    let name = &body[..end];
    let len = end + 2;
    if let Some(num) = name.strip_prefix('#') {
        let (digits, radix) = match num.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16),
            None => (num, 10),
        };
        if digits.is_empty() || digits.len() > 10 || !digits.chars().all(|c| c.is_digit(radix)) {
            return None;
        }
        let value = u32::from_str_radix(digits, radix).ok();
        // What a browser shows for NUL, a surrogate or a number past Unicode.
        let c = value
            .filter(|&v| v != 0)
            .and_then(char::from_u32)
            .unwrap_or('\u{FFFD}');
        return Some((c, len));
    }
    named(name).map(|c| (c, len))
}

/// The named references that can hide or stand in for part of a number, an address
/// or a name, and the markup characters.
fn named(name: &str) -> Option<char> {
    Some(match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" | "NonBreakingSpace" | "ensp" | "emsp" | "emsp13" | "emsp14" | "numsp"
        | "puncsp" | "thinsp" | "ThinSpace" | "hairsp" | "VeryThinSpace" | "MediumSpace" | "ic"
        | "InvisibleComma" => ' ',
        "shy"
        | "zwj"
        | "zwnj"
        | "lrm"
        | "rlm"
        | "NoBreak"
        | "ZeroWidthSpace"
        | "NegativeVeryThinSpace"
        | "NegativeThinSpace"
        | "NegativeMediumSpace"
        | "NegativeThickSpace"
        | "af"
        | "ApplyFunction"
        | "it"
        | "InvisibleTimes" => '\u{200B}',
        "hyphen" | "dash" => '\u{2010}',
        "ndash" => '\u{2013}',
        "mdash" => '\u{2014}',
        "minus" => '\u{2212}',
        "period" => '.',
        "comma" => ',',
        "colon" => ':',
        "semi" => ';',
        "lpar" => '(',
        "rpar" => ')',
        "lsqb" | "lbrack" => '[',
        "rsqb" | "rbrack" => ']',
        "commat" => '@',
        "plus" => '+',
        "num" => '#',
        "sol" => '/',
        "bsol" => '\\',
        "ast" | "midast" => '*',
        "lowbar" | "UnderBar" => '_',
        "middot" | "centerdot" | "CenterDot" => '·',
        "bull" | "bullet" => '•',
        "equals" => '=',
        _ => return None,
    })
}

/// A backslash at the start of `s`: a TOML `\uXXXX` / `\UXXXXXXXX` escape (front
/// matter and config.toml strings are TOML) as the character it stands for, or a
/// Markdown escape of punctuation (`\-`), whose backslash is not shown.
fn escape(s: &str) -> Option<(Option<char>, usize)> {
    let b = s.as_bytes();
    let hex = |n: usize| {
        let digits = s.get(2..2 + n)?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        char::from_u32(u32::from_str_radix(digits, 16).ok()?)
    };
    match b.get(1) {
        Some(b'u') => hex(4).map(|c| (Some(c), 6)),
        Some(b'U') => hex(8).map(|c| (Some(c), 10)),
        Some(p) if p.is_ascii_punctuation() => Some((None, 1)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> String {
        Visible::of(text).chars.into_iter().collect()
    }

    #[test]
    fn references_fold_and_invisibles() {
        assert_eq!(shown("&#49;38&#x31;&#X32;"), "13812");
        assert_eq!(shown("a&amp;b&commat;c&bogus;d&#;"), "a&b@c&bogus;d&#;");
        assert_eq!(shown("１３８　Ｘ＠"), "138 X@");
        assert_eq!(shown("13\u{200b}8\u{feff}1\u{ad}2\u{2060}"), "13812");
        assert_eq!(
            shown("王**建**国 王_建_国 王~~建~~国 王`建`国"),
            "王建国 王建国 王建国 王建国"
        );
        assert_eq!(shown(r"\u0031\U00000033 138\-1234 \q"), "13 138-1234 \\q");
        assert_eq!(shown("a\r\nb"), "a\nb");
    }

    #[test]
    fn each_char_keeps_its_source_bytes() {
        let text = "x&#49;１\u{200b}2";
        let v = Visible::of(text);
        assert_eq!(v.chars, ['x', '1', '1', '2']);
        assert_eq!(&text[v.source(1..2)], "&#49;");
        assert_eq!(&text[v.source(2..3)], "１");
        assert_eq!(&text[v.source(1..4)], "&#49;１\u{200b}2");
    }
}
