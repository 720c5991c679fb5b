//! What every content file shares: its path, its front matter parsed into a typed
//! value with located errors, and its Markdown body with the body's first line.

use super::{encoding, frontmatter, toml_message, toml_read};
use crate::diagnostic::{Diagnostic, Severity, io_reason_zh};
use crate::msg;
use serde::de::DeserializeOwned;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// A Markdown body and where it starts in its file.
#[derive(Debug, Clone)]
pub struct Body {
    pub markdown: String,
    pub first_line: usize,
}

/// A file read and split; front matter not yet typed.
pub struct SourceFile {
    /// Path relative to the knowledge base root, as shown in messages.
    pub path: PathBuf,
    pub text: String,
}

impl SourceFile {
    pub fn read(root: &Path, path: &Path) -> Result<SourceFile, Diagnostic> {
        let shown = path.strip_prefix(root).unwrap_or(path).to_path_buf();
        let bytes = std::fs::read(path).map_err(|e| {
            Diagnostic::error(
                &shown,
                1,
                1,
                msg!(
                    "E0101",
                    format!("无法读取文件：{}", io_reason_zh(&e)),
                    format!("cannot read the file: {e}"),
                ),
            )
        })?;
        let text = encoding::decode(&shown, &bytes)?;
        Ok(SourceFile { path: shown, text })
    }

    /// Parses the front matter into `T`; returns the first problem (see `parse_all`).
    pub fn parse<T: DeserializeOwned>(&self) -> Result<(T, Body), Diagnostic> {
        self.parse_all().map_err(|mut all| all.swap_remove(0))
    }

    /// Parses the front matter into `T`. Every problem toml and serde find becomes a
    /// located error in Chinese (`toml_read` finds them all, `toml_message` says them);
    /// the list is never empty.
    pub fn parse_all<T: DeserializeOwned>(&self) -> Result<(T, Body), Vec<Diagnostic>> {
        if frontmatter::is_unclosed(&self.text) {
            return Err(vec![Diagnostic::error(
                &self.path,
                1,
                1,
                msg!(
                    "E0104",
                    "文件头开头的 +++ 没有配对：请在文件头最后一个键的下一行加一行 +++",
                    "the front matter opened with +++ is never closed; add a line +++ after it",
                ),
            )]);
        }
        let split = frontmatter::strip(&self.text);
        let Some(front) = split.front else {
            let first = self.text.lines().next().unwrap_or("");
            return Err(vec![Diagnostic::error(
                &self.path,
                1,
                1,
                msg!(
                    "E0105",
                    "缺少文件头：文件第一行应是 +++，接着逐行写 键 = 值，再以一行 +++ 结束",
                    "missing front matter: the file must start with a line +++, TOML keys, and a line +++",
                ),
            )
            .with_source(first)]);
        };
        let value = toml_read::read::<T>(front).map_err(|problems| {
            problems
                .iter()
                .map(|p| {
                    let message = toml_message::translate(p, front);
                    self.located(
                        front,
                        split.front_line,
                        p.span.start,
                        Severity::Error,
                        message,
                    )
                })
                .collect::<Vec<_>>()
        })?;
        Ok((
            value,
            Body {
                markdown: split.text.to_string(),
                first_line: split.first_line,
            },
        ))
    }

    /// Parses a whole TOML file (no front matter, no body) into `T`, with every
    /// problem located like a front matter's.
    pub fn parse_toml<T: DeserializeOwned>(&self) -> Result<T, Vec<Diagnostic>> {
        toml_read::read::<T>(&self.text).map_err(|problems| {
            problems
                .iter()
                .map(|p| {
                    let message = toml_message::translate(p, &self.text);
                    self.located(&self.text, 1, p.span.start, Severity::Error, message)
                })
                .collect()
        })
    }

    /// A diagnostic at a byte offset of a whole TOML file (`parse_toml`).
    pub fn toml_diagnostic(
        &self,
        offset: usize,
        severity: Severity,
        message: impl Into<crate::diagnostic::Message>,
    ) -> Diagnostic {
        self.located(&self.text, 1, offset, severity, message)
    }

    /// A diagnostic at a byte span of a front matter value (from `toml::Spanned`).
    pub fn front_diagnostic(
        &self,
        span: Range<usize>,
        severity: Severity,
        message: impl Into<crate::diagnostic::Message>,
    ) -> Diagnostic {
        let split = frontmatter::strip(&self.text);
        self.located(
            split.front.unwrap_or(""),
            split.front_line,
            span.start,
            severity,
            message,
        )
    }

    fn located(
        &self,
        text: &str,
        first_line: usize,
        offset: usize,
        severity: Severity,
        message: impl Into<crate::diagnostic::Message>,
    ) -> Diagnostic {
        Diagnostic::at_offset(&self.path, text, first_line, offset, severity, message)
    }
}

/// A diagnostic at byte `offset` of a body.
pub fn body_diagnostic(
    path: &Path,
    body: &Body,
    offset: usize,
    severity: Severity,
    message: impl Into<crate::diagnostic::Message>,
) -> Diagnostic {
    Diagnostic::at_offset(
        path,
        &body.markdown,
        body.first_line,
        offset,
        severity,
        message,
    )
}
