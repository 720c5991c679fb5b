//! Training: lessons (slides with speaker notes and pull-ins), questions (authored
//! in `content/questions/*.toml`, and generated from the cases), and what the
//! training pages need from them. The library loads and checks them
//! (`library::load`'s `training` part); `render::training` writes the pages.

pub mod bank;
pub mod slides;

use crate::content::kinds::QuestionKind;
use crate::library::{ClauseKey, Text};
use std::path::PathBuf;

/// A lesson of `content/lessons/`, its citations and pull-ins resolved.
#[derive(Debug)]
pub struct Lesson {
    pub slug: String,
    pub path: PathBuf,
    pub title: String,
    pub weight: i64,
    pub minutes: u32,
    pub clauses: Vec<ClauseKey>,
    /// Indexes into `Library::cases`.
    pub cases: Vec<usize>,
    pub slides: Vec<Slide>,
}

#[derive(Debug)]
pub struct Slide {
    /// The slide's `#`/`##` heading (empty when it has none).
    pub title: String,
    pub blocks: Vec<Block>,
    /// The speaker notes (`Note:` to the end of the slide).
    pub notes: Option<Text>,
}

/// What a slide shows, in order.
#[derive(Debug)]
pub enum Block {
    Prose(Text),
    /// `{{条文 …}}`: a clause's official text.
    Clause(ClauseKey),
    /// `{{案情 …}}`: a case's 基本案情 (index into `Library::cases`).
    Facts(usize),
    /// `{{题目 …}}`: a question for the room (index into `Library::questions`).
    Question(usize),
}

/// A question of the bank: authored, or generated from a case.
#[derive(Debug)]
pub struct Question {
    pub id: String,
    pub kind: QuestionKind,
    /// Material shown before the options (a generated question's 基本案情).
    pub material: Option<Text>,
    pub stem: Text,
    /// The choices; a judge question's are 正确 and 错误.
    pub options: Vec<String>,
    /// Indexes of the right options, ascending.
    pub answer: Vec<usize>,
    pub explain: Option<Text>,
    pub clauses: Vec<ClauseKey>,
    /// Indexes into `Library::cases`.
    pub cases: Vec<usize>,
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Written in a file of `content/questions/`.
    Authored(PathBuf),
    /// Generated from the case at this index of `Library::cases`.
    Case(usize),
}

/// The letter of option `i`: A, B, C …
pub fn letter(i: usize) -> char {
    (b'A' + (i % 26) as u8) as char
}

/// `"B"` → 1; `None` for anything but one capital letter.
pub fn index_of_letter(s: &str) -> Option<usize> {
    let mut chars = s.trim().chars();
    let c = chars.next()?;
    let c = match c {
        'Ａ'..='Ｚ' => char::from_u32(c as u32 - 'Ａ' as u32 + 'A' as u32)?,
        _ => c,
    };
    (chars.next().is_none() && c.is_ascii_uppercase()).then(|| (c as u8 - b'A') as usize)
}

impl Question {
    /// The answer as letters (`AC`), or 正确 / 错误 for a judge question.
    pub fn answer_label(&self) -> String {
        match self.kind {
            QuestionKind::Judge => self
                .answer
                .first()
                .map_or("", |&i| if i == 0 { "正确" } else { "错误" })
                .to_string(),
            _ => self.answer.iter().map(|&i| letter(i)).collect(),
        }
    }
}
