//! Identifiers that become file names and URLs: case and risk point ids, and the
//! file names (slugs) of regulations, annotations and guides. One rule for all:
//! 1–64 characters, each a letter or digit (any script, so 食品安全 is fine) or one
//! of `-`, `_`, `.`; not starting with `.` (so never `.` or `..`). Nothing else —
//! no `/`, `\`, `?`, `#`, `%`, spaces or control characters — so an id can neither
//! leave the output directory nor break a link.

use crate::diagnostic::Message;
use crate::msg;

pub const MAX_LEN: usize = 64;

/// Why `id` is not a valid identifier for `what` (案例编号, 文件名 …), if it is not.
pub fn check(id: &str, what: &str) -> Result<(), Message> {
    let len = id.chars().count();
    if len == 0 {
        return Err(msg!(
            "E0511",
            format!("{what}为空；请写一个编号，如 2025-001。"),
            format!("the {what} is empty; write one such as 2025-001")
        ));
    }
    if len > MAX_LEN {
        return Err(msg!(
            "E0512",
            format!("{what}有 {len} 个字符，超过 {MAX_LEN} 个；请改短一些。"),
            format!("the {what} has {len} characters, more than {MAX_LEN}; shorten it")
        ));
    }
    if id.starts_with('.') {
        return Err(msg!(
            "E0513",
            format!("{what}“{id}”不能以“.”开头；请以字母或数字开头。"),
            format!("the {what} \"{id}\" must not start with \".\"; start with a letter or digit")
        ));
    }
    if let Some(bad) = id
        .chars()
        .find(|c| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.')))
    {
        let shown = if bad.is_control() || bad.is_whitespace() {
            format!("U+{:04X}", bad as u32)
        } else {
            bad.to_string()
        };
        return Err(msg!(
            "E0514",
            format!(
                "{what}“{}”含有不允许的字符“{shown}”；只能使用文字、数字和 - _ .",
                id.escape_debug()
            ),
            format!(
                "the {what} \"{}\" contains \"{shown}\"; use only letters, digits and - _ .",
                id.escape_debug()
            )
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn ids_that_could_escape_or_break_links_are_refused() {
        for ok in ["2025-001", "seized-property", "食品安全", "art_10.v2", "a"] {
            assert!(check(ok, "编号").is_ok(), "{ok}");
        }
        let long = "a".repeat(65);
        for (bad, code) in [
            ("", "E0511"),
            (long.as_str(), "E0512"),
            (".", "E0513"),
            ("..", "E0513"),
            ("../../evil", "E0513"),
            ("a/../b", "E0514"),
            ("a?b#c", "E0514"),
            ("a b", "E0514"),
            ("a\\b", "E0514"),
            ("a%2e", "E0514"),
            ("a\u{0}b", "E0514"),
        ] {
            assert_eq!(check(bad, "编号").unwrap_err().code, code, "{bad:?}");
        }
    }
}
