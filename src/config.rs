//! `config.toml` at the knowledge base's root: site settings, the knowledge base's
//! schema (fields, actions, outcomes, the optional self-check), the anonymization
//! deny/allow lists, and the thresholds of the statistics.

use crate::content::date::Date;
use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Prefix for absolute URLs in `sitemap.xml`, e.g. "https://example.org/kb/".
    #[serde(default)]
    pub base_url: String,
    /// Slug of the regulation a bare 第十条 refers to; default: the first by file name.
    pub default_regulation: Option<String>,
    /// Date the rectification states are computed for; default: the build date.
    pub as_of: Option<Date>,
    /// 领域: the values a case's or risk point's `field` may take, in display order.
    #[serde(default)]
    pub fields: Vec<Spanned<String>>,
    /// 执法类别: the values a case's `action` may take.
    #[serde(default)]
    pub actions: Vec<Spanned<String>>,
    /// 认定结论: the values a case's `outcome` may take, in display order.
    #[serde(default)]
    pub outcomes: Vec<OutcomeDef>,
    #[serde(default)]
    pub anonymize: AnonymizeConfig,
    #[serde(default)]
    pub analysis: AnalysisConfig,
    /// The self-check page; none is built without it.
    pub selfcheck: Option<SelfcheckDef>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeDef {
    pub name: Spanned<String>,
    /// The clauses that ground this outcome (citations).
    #[serde(default)]
    pub grounds: Vec<Spanned<String>>,
    pub tone: Option<Tone>,
}

/// How an outcome reads for the staff member: colours and the statistics' grouping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tone {
    Favourable,
    Mitigated,
    Adverse,
}

impl Tone {
    pub fn slug(self) -> &'static str {
        match self {
            Tone::Favourable => "favourable",
            Tone::Mitigated => "mitigated",
            Tone::Adverse => "adverse",
        }
    }
}

/// The self-check: groups of boxes to tick (a clause's items, or labels written here)
/// and the verdicts they lead to, tried in order.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelfcheckDef {
    pub title: String,
    /// Who it is for, the home page's heading (default 申请认定前).
    #[serde(default)]
    pub audience: String,
    #[serde(default)]
    pub lead: String,
    /// Shown under every verdict (who decides in the end).
    #[serde(default)]
    pub note: String,
    /// The verdict when no verdict's groups hold.
    #[serde(default)]
    pub none: String,
    /// What to prepare, one line each (Markdown; citations are linked).
    #[serde(default)]
    pub materials: Vec<Spanned<String>>,
    /// The steps of the procedure, one line each (Markdown; citations are linked).
    #[serde(default)]
    pub procedure: Vec<Spanned<String>>,
    pub groups: Vec<GroupDef>,
    pub verdicts: Vec<VerdictDef>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupDef {
    pub id: Spanned<String>,
    pub title: String,
    /// The clause whose 项 are the boxes (or whose text is, with `items`).
    pub clause: Spanned<String>,
    #[serde(default)]
    pub rule: Rule,
    /// Labels of the boxes; default: the clause's 项, or the clause itself when it has none.
    #[serde(default)]
    pub items: Vec<String>,
    /// What a ticked box means, said in the verdict's reasons.
    #[serde(default)]
    pub hint: String,
}

/// When a group holds: one ticked box, or every box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Rule {
    #[default]
    Any,
    All,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerdictDef {
    /// Group ids that must all hold.
    pub when: Vec<Spanned<String>>,
    pub label: String,
    /// The declared outcomes this verdict points to.
    #[serde(default)]
    pub outcomes: Vec<Spanned<String>>,
}

impl Config {
    pub fn outcome_names(&self) -> impl Iterator<Item = &str> {
        self.outcomes.iter().map(|o| o.name.get_ref().as_str())
    }

    pub fn action_names(&self) -> impl Iterator<Item = &str> {
        self.actions.iter().map(|a| a.get_ref().as_str())
    }

    pub fn field_names(&self) -> impl Iterator<Item = &str> {
        self.fields.iter().map(|f| f.get_ref().as_str())
    }

    /// The CSS class of an outcome: its tone, or "neutral".
    pub fn outcome_tone(&self, name: &str) -> &'static str {
        self.outcomes
            .iter()
            .find(|o| o.name.get_ref() == name)
            .and_then(|o| o.tone)
            .map_or("neutral", Tone::slug)
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnonymizeConfig {
    /// Names and units that must never appear in prose.
    #[serde(default)]
    pub deny: Vec<String>,
    /// Strings that look like personal data but are not (a published hotline, say).
    #[serde(default)]
    pub allow: Vec<String>,
}

/// Thresholds of the statistics: when a risk point recurs, when a field
/// concentrates cases.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AnalysisConfig {
    /// A risk point with at least this many cases within `recurrence_months` is 频繁出现.
    pub recurrence_cases: usize,
    pub recurrence_months: u32,
    /// A field whose share of cases is at least this multiple of the mean share is 集中出现.
    pub concentration_ratio: f64,
    /// How many risk points the dashboard's bar chart shows (the table shows all).
    pub top_risks: usize,
    /// The clause the statistics rest on (第十七条 in the bundled rules); pages name
    /// no clause without it.
    pub basis: Option<String>,
}

impl Default for AnalysisConfig {
    fn default() -> Self {
        AnalysisConfig {
            recurrence_cases: 3,
            recurrence_months: 12,
            concentration_ratio: 1.5,
            top_risks: 10,
            basis: None,
        }
    }
}
