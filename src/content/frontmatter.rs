//! Splits a Markdown file into its TOML front matter (between `+++` lines) and body,
//! keeping the line numbers of both so errors point into the file.

/// A file split at its front matter. Lines count from 1.
#[derive(Debug, Clone, Copy)]
pub struct Split<'a> {
    pub front: Option<&'a str>,
    /// Line of the first front matter line (after the opening `+++`).
    pub front_line: usize,
    pub text: &'a str,
    /// Line of the first body line.
    pub first_line: usize,
    /// Byte offset of the body in the whole file.
    pub body_offset: usize,
}

/// Splits `text`; a file that does not start with `+++` is all body.
pub fn strip(text: &str) -> Split<'_> {
    let whole = Split {
        front: None,
        front_line: 1,
        text,
        first_line: 1,
        body_offset: 0,
    };
    let Some(rest) = text.strip_prefix("+++\n") else {
        return whole;
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let front = &rest[..offset];
            let body_offset = 4 + offset + line.len();
            return Split {
                front: Some(front),
                front_line: 2,
                text: &text[body_offset..],
                first_line: 3 + front.matches('\n').count(),
                body_offset,
            };
        }
        offset += line.len();
    }
    whole
}

/// True when the file opens front matter that never closes.
pub fn is_unclosed(text: &str) -> bool {
    text.starts_with("+++\n") && strip(text).front.is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_counts_lines() {
        let s = strip("+++\na = 1\nb = 2\n+++\n正文\n");
        assert_eq!(s.front, Some("a = 1\nb = 2\n"));
        assert_eq!(s.first_line, 5);
        assert_eq!(s.text, "正文\n");
        assert!(is_unclosed("+++\na = 1\n"));
    }
}
