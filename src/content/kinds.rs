//! The front matter of each kind of document (contract 7). Unknown keys, wrong
//! types and unknown enum values are rejected by serde with the value's span; the
//! values config.toml declares (fields, actions, outcomes) are checked by the loader.

use super::date::Date;
use serde::{Deserialize, Serialize};
use toml::Spanned;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegulationFront {
    pub title: String,
    pub issuer: String,
    #[serde(default)]
    pub doc_number: String,
    #[serde(default)]
    pub index_no: String,
    pub issued: Date,
    pub published: Date,
    pub effective: Date,
    pub status: String,
    pub repealed: Option<Date>,
    /// Other names the rules go by, e.g. the notice's 《锡林郭勒盟行政执法尽职免责和容错纠错制度》.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// A later version (`<slug>.<effective>.md`): the amending decision's title.
    #[serde(default)]
    pub amended_by: Option<String>,
    /// A later version: articles renumbered from the version before (`art_12` → `art_13`).
    #[serde(default)]
    pub renumbered: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnotationFront {
    /// A citation (第十条第一款第（五）项) or an eId (art_10__para_1__point_5).
    pub clause: Spanned<String>,
    pub title: Option<String>,
    /// The version annotated (its `effective` date); the current text by default.
    pub version: Option<Spanned<Date>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
pub enum Level {
    #[serde(rename = "高")]
    High,
    #[serde(rename = "中")]
    Medium,
    #[serde(rename = "低")]
    Low,
}

impl Level {
    pub fn label(self) -> &'static str {
        match self {
            Level::High => "高",
            Level::Medium => "中",
            Level::Low => "低",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseFront {
    pub id: Spanned<String>,
    pub title: String,
    pub date: Date,
    /// When the conduct took place, for a case judged on the rules in force then
    /// (its citations resolve against that version instead of `date`'s).
    pub conduct_date: Option<Date>,
    /// One of config.toml's `fields`.
    pub field: Spanned<String>,
    /// One of config.toml's `actions`.
    pub action: Spanned<String>,
    /// One of config.toml's `outcomes`.
    pub outcome: Spanned<String>,
    pub clauses: Vec<Spanned<String>>,
    #[serde(default)]
    pub risk_points: Vec<Spanned<String>>,
    #[serde(default)]
    pub sample: bool,
    /// `quiz = false` leaves the case out of the generated question bank.
    #[serde(default = "yes")]
    pub quiz: bool,
    pub rectification: Option<Rectification>,
}

fn yes() -> bool {
    true
}

/// 纠错 (第十五、十六条): what must be corrected and by when.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Rectification {
    pub required: String,
    pub deadline: Date,
    pub extended_to: Option<Date>,
    pub completed: Option<Date>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskFront {
    pub id: Spanned<String>,
    pub title: String,
    pub field: Spanned<String>,
    pub level: Level,
    #[serde(default)]
    pub clauses: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuideFront {
    pub title: String,
    #[serde(default)]
    pub weight: i64,
    /// The home page path that lists the guide, if any.
    pub home: Option<HomePath>,
}

/// The three paths of the home page (从这里开始), one per kind of reader: a guide
/// says which one lists it, so the home page names no guide of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HomePath {
    /// 执法人员：查条文与案例
    Staff,
    /// 培训讲师：组织学习
    Trainers,
    /// 申请容错的人员
    Applicants,
}

/// A lesson (`content/lessons/*.md`): slides separated by `---` lines.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LessonFront {
    pub title: String,
    #[serde(default)]
    pub weight: i64,
    /// The planned length, for the speaker's timer.
    pub minutes: u32,
    /// What the lesson teaches: citations or eIds.
    #[serde(default)]
    pub clauses: Vec<Spanned<String>>,
    /// The cases it discusses.
    #[serde(default)]
    pub cases: Vec<Spanned<String>>,
}

/// A file of `content/questions/*.toml`: `[[question]]` tables.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionFile {
    #[serde(default)]
    pub question: Vec<QuestionToml>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuestionKind {
    /// 单选题: one right option.
    Single,
    /// 多选题: every right option, no wrong one.
    Multi,
    /// 判断题: a statement, right or wrong.
    Judge,
}

impl QuestionKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Single => "单选题",
            Self::Multi => "多选题",
            Self::Judge => "判断题",
        }
    }
    pub fn slug(self) -> &'static str {
        match self {
            Self::Single => "single",
            Self::Multi => "multi",
            Self::Judge => "judge",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionToml {
    pub id: Spanned<String>,
    pub kind: QuestionKind,
    pub stem: Spanned<String>,
    #[serde(default)]
    pub options: Option<Spanned<Vec<String>>>,
    /// single: "B"; multi: ["A", "C"]; judge: true or false. Checked by the loader.
    pub answer: Spanned<toml::Value>,
    #[serde(default)]
    pub explain: Option<Spanned<String>>,
    #[serde(default)]
    pub clauses: Vec<Spanned<String>>,
    #[serde(default)]
    pub cases: Vec<Spanned<String>>,
}

/// Where a rectification stands on a given date (第十六、十七条).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum RectificationState {
    /// Not yet due, no extension.
    Open,
    /// Deadline extended and the extended date not yet passed.
    Extended,
    /// Past its (possibly extended) deadline and not completed.
    Overdue,
    Completed,
}

impl RectificationState {
    pub const ALL: [RectificationState; 4] =
        [Self::Overdue, Self::Extended, Self::Open, Self::Completed];
    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "整改中",
            Self::Extended => "已延期",
            Self::Overdue => "已逾期",
            Self::Completed => "已完成",
        }
    }
    pub fn slug(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Extended => "extended",
            Self::Overdue => "overdue",
            Self::Completed => "completed",
        }
    }
}

impl Rectification {
    /// The state on `as_of`: a completion dated after `as_of` has not happened yet.
    pub fn state(&self, as_of: Date) -> RectificationState {
        if self.completed.is_some_and(|c| c <= as_of) {
            return RectificationState::Completed;
        }
        let due = self.extended_to.unwrap_or(self.deadline);
        if as_of > due {
            RectificationState::Overdue
        } else if self.extended_to.is_some() {
            RectificationState::Extended
        } else {
            RectificationState::Open
        }
    }
}
