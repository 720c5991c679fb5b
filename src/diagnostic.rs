//! Findings about the author's input: each names the file, line and column, says
//! what is wrong and, where it can, what to do. A run collects them all.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU8, Ordering};

/// The language findings are printed in: Chinese by default, `--lang en` for English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

static LANG: AtomicU8 = AtomicU8::new(0);

/// Sets the language of every finding printed from now on (the CLI's `--lang`).
pub fn set_lang(lang: Lang) {
    LANG.store(lang as u8, Ordering::Relaxed);
}

pub fn lang() -> Lang {
    if LANG.load(Ordering::Relaxed) == Lang::En as u8 {
        Lang::En
    } else {
        Lang::Zh
    }
}

/// `zh` or `en`, whichever the run prints in: for summary lines, which carry no code.
pub fn pick<T>(zh: T, en: T) -> T {
    match lang() {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// Why a file could not be read or written, in Chinese: the system's own words are
/// English, so the common kinds are said again (the English text follows in brackets).
pub fn io_reason_zh(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    let reason = match e.kind() {
        NotFound => "文件或文件夹不存在",
        PermissionDenied => "没有读写权限",
        AlreadyExists => "已经存在",
        IsADirectory => "这是一个文件夹，不是文件",
        NotADirectory => "路径中有一项不是文件夹",
        StorageFull => "磁盘已满",
        ReadOnlyFilesystem => "磁盘只读",
        InvalidData => "内容无法识别",
        _ => return e.to_string(),
    };
    format!("{reason}（{e}）")
}

/// What a finding says, in Chinese and in English, with a stable code: `E0203` for an
/// error, `W0203` for a warning (the codes are listed in docs/diagnostics.md).
/// Build one with [`msg!`]; a bare `String` converts with no code (not yet catalogued).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Message {
    pub code: &'static str,
    pub zh: String,
    pub en: String,
}

/// `msg!("E0203", "日期请写作 …", "write the date as …")`.
#[macro_export]
macro_rules! msg {
    ($code:literal, $zh:expr, $en:expr $(,)?) => {
        $crate::diagnostic::Message {
            code: $code,
            zh: ($zh).into(),
            en: ($en).into(),
        }
    };
}

impl Message {
    /// The text in `lang`, prefixed with the code.
    pub fn text(&self, lang: Lang) -> String {
        let body = match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        };
        if self.code.is_empty() {
            body.clone()
        } else {
            format!("{} {body}", self.code)
        }
    }

    pub fn contains(&self, needle: &str) -> bool {
        self.zh.contains(needle) || self.en.contains(needle)
    }
}

/// So a message can be the error of a command (anyhow, clap's value parsers).
impl std::error::Error for Message {}

impl From<String> for Message {
    fn from(s: String) -> Self {
        Message {
            code: "",
            zh: s.clone(),
            en: s,
        }
    }
}

impl From<&str> for Message {
    fn from(s: &str) -> Self {
        s.to_string().into()
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(lang()))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters (a CJK character is one column).
    pub column: usize,
    pub severity: Severity,
    pub message: Message,
    /// The offending line of the source, shown under the message with a caret.
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub fn error(path: &Path, line: usize, column: usize, message: impl Into<Message>) -> Self {
        Diagnostic {
            path: path.to_path_buf(),
            line,
            column,
            severity: Severity::Error,
            message: message.into(),
            source_line: None,
        }
    }

    pub fn warning(path: &Path, line: usize, column: usize, message: impl Into<Message>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Self::error(path, line, column, message)
        }
    }

    /// An error at byte `offset` of `text`, which starts at line `first_line` of the file.
    pub fn at_offset(
        path: &Path,
        text: &str,
        first_line: usize,
        offset: usize,
        severity: Severity,
        message: impl Into<Message>,
    ) -> Self {
        let (line, column) = line_col(text, offset);
        let source_line = text.lines().nth(line - 1).map(str::to_string);
        Diagnostic {
            path: path.to_path_buf(),
            line: line + first_line - 1,
            column,
            severity,
            message: message.into(),
            source_line,
        }
    }

    pub fn with_source(mut self, line: &str) -> Self {
        self.source_line = Some(line.to_string());
        self
    }
}

/// 1-based line and character column of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..offset].chars().count() + 1)
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}:{}:{}: {kind}: {}",
            self.path.display(),
            self.line,
            self.column,
            self.message
        )?;
        if let Some(src) = &self.source_line {
            let pad: String = src
                .chars()
                .take(self.column.saturating_sub(1))
                .map(|c| {
                    if c == '\t' {
                        '\t'
                    } else if c.is_ascii() {
                        ' '
                    } else {
                        '　'
                    }
                })
                .collect();
            write!(f, "\n    | {src}\n    | {pad}^")?;
        }
        Ok(())
    }
}

/// All findings of one run, sorted by file and position, printed numbered.
#[derive(Debug, Default, Clone)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn push(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.diagnostics.extend(ds);
    }

    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    pub fn has_errors(&self) -> bool {
        self.errors() > 0
    }

    pub fn sort(&mut self) {
        self.diagnostics.sort_by(|a, b| {
            (&a.path, a.line, a.column, a.severity, &a.message)
                .cmp(&(&b.path, b.line, b.column, b.severity, &b.message))
        });
        self.diagnostics.dedup();
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            writeln!(f, "[{}] {d}", i + 1)?;
        }
        match lang() {
            Lang::Zh => write!(f, "共 {} 个错误，{} 个警告", self.errors(), self.warnings()),
            Lang::En => write!(
                f,
                "{} error(s), {} warning(s)",
                self.errors(),
                self.warnings()
            ),
        }
    }
}
