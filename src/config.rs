//! `config.toml` at the knowledge base's root: site settings, the anonymization
//! deny/allow lists, and the thresholds of the 第十七条 analysis.

use crate::content::date::Date;
use serde::Deserialize;

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
    // fields, actions, outcomes, selfcheck: held as plain data until main's schema
    // (which checks cases against them) lands; `regkb init` writes them.
    #[serde(default)]
    pub fields: Vec<String>,
    #[serde(default)]
    pub actions: Vec<String>,
    #[serde(default)]
    pub outcomes: Vec<OutcomeDef>,
    pub selfcheck: Option<toml::Value>,
    #[serde(default)]
    pub anonymize: AnonymizeConfig,
    #[serde(default)]
    pub analysis: AnalysisConfig,
}

/// One `[[outcomes]]` entry: a decision the rules know.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeDef {
    pub name: String,
    #[serde(default)]
    pub grounds: Vec<String>,
    pub tone: Option<String>,
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

/// Thresholds of the 第十七条 analysis: when a risk point recurs, when a field
/// concentrates cases.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AnalysisConfig {
    /// The clause the analysis rests on, named on its pages; none: pages name no clause.
    pub basis: Option<String>,
    /// A risk point with at least this many cases within `recurrence_months` is 频繁出现.
    pub recurrence_cases: usize,
    pub recurrence_months: u32,
    /// A field whose share of cases is at least this multiple of the mean share is 集中出现.
    pub concentration_ratio: f64,
    /// How many risk points the dashboard's bar chart shows (the table shows all).
    pub top_risks: usize,
}

impl Default for AnalysisConfig {
    fn default() -> Self {
        AnalysisConfig {
            basis: None,
            recurrence_cases: 3,
            recurrence_months: 12,
            concentration_ratio: 1.5,
            top_risks: 10,
        }
    }
}
