//! Turns a file's bytes into text: UTF-8 with or without BOM, CRLF or LF. Anything
//! else is an error that names the encoding and how to convert the file.

use crate::diagnostic::{Diagnostic, line_col};
use crate::msg;
use std::path::Path;

pub fn decode(path: &Path, bytes: &[u8]) -> Result<String, Diagnostic> {
    if let Some(le) = utf16(bytes) {
        let p = path.display();
        let from = if le { "UTF-16LE" } else { "UTF-16BE" };
        return Err(Diagnostic::error(
            path,
            1,
            1,
            msg!(
                "E0106",
                format!(
                    "文件是 {from}（“Unicode”）编码，不是 UTF-8：请在编辑器中“另存为”，编码选 UTF-8，再替换原文件（也可运行 `iconv -f {from} -t UTF-8 {p} -o {p}.utf8` 后替换）"
                ),
                format!(
                    "this file is encoded as {from} (\"Unicode\"), not UTF-8; convert it with `iconv -f {from} -t UTF-8 {p} -o {p}.utf8` (or Save As → Encoding: UTF-8) and replace the file"
                )
            ),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.replace("\r\n", "\n").replace('\r', "\n")),
        Err(e) => {
            let (decoded, _, had_errors) = encoding_rs::GB18030.decode(bytes);
            let is_gbk = !had_errors && looks_like_chinese(&decoded);
            // A GBK pair can pass as UTF-8 for a byte or two: point at the first
            // non-ASCII byte instead, which is where the GBK text begins.
            let bad = if is_gbk {
                bytes.iter().position(|b| !b.is_ascii()).unwrap_or(0)
            } else {
                e.valid_up_to()
            };
            let valid = std::str::from_utf8(&bytes[..bad]).unwrap_or("");
            let (line, column) = line_col(valid, valid.len());
            let message = if is_gbk {
                let p = path.display();
                msg!(
                    "E0102",
                    format!(
                        "文件是 GBK/GB18030 编码，不是 UTF-8：请在编辑器中“另存为”，编码选 UTF-8，再替换原文件（也可运行 `iconv -f GB18030 -t UTF-8 {p} -o {p}.utf8` 后替换）"
                    ),
                    format!(
                        "this file is encoded as GBK/GB18030, not UTF-8; convert it with `iconv -f GB18030 -t UTF-8 {p} -o {p}.utf8` (or in your editor: Save As → Encoding: UTF-8) and replace the file"
                    ),
                )
            } else {
                msg!(
                    "E0103",
                    "文件不是有效的 UTF-8 编码：请在编辑器中“另存为”，编码选 UTF-8",
                    "this file is not valid UTF-8; save it as UTF-8",
                )
            };
            Err(Diagnostic::error(path, line, column, message))
        }
    }
}

/// Whether the bytes are UTF-16 (Some(true) little-endian): a byte order mark, or
/// text where most of every other byte of the first ones is NUL (ASCII in UTF-16;
/// UTF-8 and GBK text has no NUL bytes).
fn utf16(bytes: &[u8]) -> Option<bool> {
    match bytes {
        [0xFF, 0xFE, ..] => return Some(true),
        [0xFE, 0xFF, ..] => return Some(false),
        _ => {}
    }
    let head = &bytes[..bytes.len().min(64) & !1];
    if head.len() < 4 {
        return None;
    }
    let nul = |start: usize| {
        let zeros = head
            .iter()
            .skip(start)
            .step_by(2)
            .filter(|b| **b == 0)
            .count();
        zeros * 2 >= head.len() / 2
    };
    if nul(1) {
        Some(true)
    } else if nul(0) {
        Some(false)
    } else {
        None
    }
}

fn looks_like_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[cfg(test)]
mod utf16_tests {
    use super::decode;
    use std::path::Path;

    #[test]
    fn utf16_is_named_with_its_conversion() {
        let text = "+++\ntitle = \"标题\"\n+++\n第一条 内容";
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for (bytes, name) in [(le, "UTF-16LE"), (be, "UTF-16BE")] {
            let d = decode(Path::new("a.md"), &bytes).unwrap_err();
            assert_eq!(d.message.code, "E0106");
            assert!(
                d.message.zh.contains(&format!("iconv -f {name}")),
                "{}",
                d.message.zh
            );
            assert!(!d.message.zh.contains("GB18030"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_bom_and_crlf() {
        let text = decode(Path::new("a.md"), "\u{feff}第一行\r\n第二行\r\n".as_bytes()).unwrap();
        assert_eq!(text, "第一行\n第二行\n");
    }

    #[test]
    fn names_gbk_and_how_to_convert() {
        let (gbk, _, _) = encoding_rs::GBK.encode("标题\n第十条 内容");
        let d = decode(Path::new("cases/a.md"), &gbk).unwrap_err();
        assert_eq!((d.line, d.column), (1, 1));
        assert_eq!(d.message.code, "E0102");
        assert!(d.message.zh.contains("另存为") && d.message.zh.contains("UTF-8"));
        assert!(
            d.message.contains("GBK/GB18030") && d.message.contains("iconv -f GB18030"),
            "{}",
            d.message
        );
    }

    #[test]
    fn locates_the_first_bad_byte_after_valid_text() {
        let mut bytes = "ab\ncd".as_bytes().to_vec();
        bytes.extend(encoding_rs::GBK.encode("中文").0.iter());
        let d = decode(Path::new("x.md"), &bytes).unwrap_err();
        assert_eq!((d.line, d.column), (2, 3));
    }
}
