//! What every content file shares: its path, its front matter parsed into a typed
//! value with located errors, and its Markdown body with the body's first line.

use super::{encoding, frontmatter};
use crate::diagnostic::{Diagnostic, Severity};
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
        let bytes = std::fs::read(path)
            .map_err(|e| Diagnostic::error(&shown, 1, 1, format!("cannot read: {e}")))?;
        let text = encoding::decode(&shown, &bytes)?;
        Ok(SourceFile { path: shown, text })
    }

    /// Parses the front matter into `T`; every problem becomes a located error.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<(T, Body), Diagnostic> {
        if frontmatter::is_unclosed(&self.text) {
            return Err(Diagnostic::error(
                &self.path,
                1,
                1,
                "front matter opened with +++ is never closed; add a line +++ after it",
            ));
        }
        let split = frontmatter::strip(&self.text);
        let Some(front) = split.front else {
            return Err(Diagnostic::error(&self.path, 1, 1, "missing front matter: the file must start with a line +++, TOML keys, and a line +++").with_source(self.text.lines().next().unwrap_or("")));
        };
        let value = toml::from_str::<T>(front).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            let message = e.message().trim().replace('\n', " ");
            self.located(front, split.front_line, offset, Severity::Error, message)
        })?;
        Ok((
            value,
            Body {
                markdown: split.text.to_string(),
                first_line: split.first_line,
            },
        ))
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
