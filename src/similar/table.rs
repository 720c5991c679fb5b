//! The case table the ranking reads: per case its doc number in the search
//! export, metadata, cited clause eIds, risk ids and one-line holding. The build
//! writes it as `search/cases.js` (a classic script for the finder) and the
//! cases' query texts as `search/case-facts.json` (CLI only, never loaded by a
//! page); `regkb similar` reads both back, so every ranking starts from the same bytes.

use super::{Weights, weights};
use crate::library::{Case, Library};
use crate::markdown::plain_text;
use crate::render::urls;
use crate::search::SearchDoc;
use crate::search::sets::{not_built, not_ours};
use anyhow::Context;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

const CASES_JS: &str = "cases.js";
const FACTS_JSON: &str = "case-facts.json";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseTable {
    pub weights: Weights,
    /// Labels of every clause a case cites and of its article: eId → 第十条第一款第（五）项.
    pub labels: BTreeMap<String, String>,
    /// Risk id → title.
    pub risks: BTreeMap<String, String>,
    /// By id.
    pub cases: Vec<CaseRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseRow {
    pub id: String,
    pub title: String,
    /// Relative to the site root.
    pub url: String,
    pub field: String,
    pub action: String,
    pub outcome: String,
    pub outcome_slug: String,
    pub clauses: Vec<String>,
    pub risks: Vec<String>,
    /// The first sentence of 处理结果, else the title.
    pub holding: String,
    /// Illustrative (示例), not a real decision.
    pub sample: bool,
}

impl CaseTable {
    /// From the library and the search documents (for the cited clauses' ids).
    pub fn build(lib: &Library, docs: &[SearchDoc]) -> CaseTable {
        let by_id: BTreeMap<&str, &SearchDoc> = docs.iter().map(|d| (d.id.as_str(), d)).collect();
        let mut labels = BTreeMap::new();
        let mut cases: Vec<CaseRow> = Vec::new();
        for c in &lib.cases {
            let doc_id = format!("case:{}", c.id);
            let eids = by_id
                .get(doc_id.as_str())
                .map(|d| d.clauses.clone())
                .unwrap_or_default();
            for (e, k) in eids.iter().zip(&c.clauses) {
                labels.insert(e.clone(), lib.label(k));
                labels.insert(
                    super::article_of(e).to_string(),
                    lib.label(&Library::article_of(k)),
                );
            }
            cases.push(CaseRow {
                id: c.id.clone(),
                title: c.title.clone(),
                url: urls::case(&c.id),
                field: c.field.clone(),
                action: c.action.as_str().to_string(),
                outcome: c.outcome.as_str().to_string(),
                outcome_slug: lib.config.outcome_tone(&c.outcome).to_string(),
                clauses: eids,
                risks: c.risk_points.clone(),
                holding: holding(c),
                sample: c.sample,
            });
        }
        cases.sort_by(|a, b| a.id.cmp(&b.id));
        let risks = lib
            .risks
            .iter()
            .map(|r| (r.id.clone(), r.title.clone()))
            .collect();
        CaseTable {
            weights: weights(),
            labels,
            risks,
            cases,
        }
    }

    pub fn label<'a>(&'a self, eid: &'a str) -> &'a str {
        self.labels.get(eid).map_or(eid, |s| s.as_str())
    }

    pub fn risk_title<'a>(&'a self, id: &'a str) -> &'a str {
        self.risks.get(id).map_or(id, |s| s.as_str())
    }

    /// The index of a case (the table is sorted by id).
    pub fn find(&self, id: &str) -> Option<usize> {
        self.cases.binary_search_by(|c| c.id.as_str().cmp(id)).ok()
    }

    /// Writes `cases.js` and `case-facts.json` into the search directory.
    pub fn write(&self, facts: &CaseFacts, search_dir: &Path) -> anyhow::Result<()> {
        let js = format!("regkbSearch.cases({});\n", serde_json::to_string(self)?);
        std::fs::write(search_dir.join(CASES_JS), js)?;
        std::fs::write(
            search_dir.join(FACTS_JSON),
            serde_json::to_string_pretty(facts)? + "\n",
        )?;
        Ok(())
    }

    /// Reads back what `write` wrote.
    pub fn read(search_dir: &Path) -> anyhow::Result<(CaseTable, CaseFacts)> {
        let path = search_dir.join(CASES_JS);
        let text = std::fs::read_to_string(&path).with_context(|| not_built(&path))?;
        let json = text
            .trim()
            .strip_prefix("regkbSearch.cases(")
            .and_then(|s| s.strip_suffix(");"));
        let table = serde_json::from_str(json.with_context(|| not_ours(&path))?)
            .with_context(|| not_ours(&path))?;
        let path = search_dir.join(FACTS_JSON);
        let facts = std::fs::read_to_string(&path).with_context(|| not_built(&path))?;
        let facts = serde_json::from_str(&facts).with_context(|| not_ours(&path))?;
        Ok((table, facts))
    }
}

/// What `regkb similar CASE_ID` needs to rebuild a case's query exactly as the
/// build did: the segmenter's user words and every case's text.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CaseFacts {
    pub user_words: Vec<String>,
    pub texts: BTreeMap<String, String>,
}

/// The text a case is compared by: its title, twice, and its facts (基本案情;
/// the whole body when it has no such section). The reasoning quotes the
/// rules and the outcome, which cases of any topic share; on the tuning set
/// (tests/fixtures/dev) facts and title put the right topic in the top 3
/// more often than the whole text (docs/similar.md).
pub fn case_text(c: &Case) -> String {
    let facts = section(&c.body.markdown, "基本案情").unwrap_or(&c.body.markdown);
    format!("{}\n{}\n{}", c.title, c.title, plain_text(facts))
}

/// The Markdown of a `## heading` section, up to the next `## `.
fn section<'a>(markdown: &'a str, heading: &str) -> Option<&'a str> {
    let mut start = None;
    let mut offset = 0;
    for line in markdown.split_inclusive('\n') {
        let t = line.trim_end();
        if let Some(s) = start {
            if t.starts_with("## ") {
                return Some(&markdown[s..offset]);
            }
        } else if t.strip_prefix("## ").is_some_and(|h| h.trim() == heading) {
            start = Some(offset + line.len());
        }
        offset += line.len();
    }
    start.map(|s| &markdown[s..])
}

fn holding(c: &Case) -> String {
    let text = section(&c.body.markdown, "处理结果")
        .map(plain_text)
        .unwrap_or_default();
    match text.find('。') {
        Some(i) => text[..i + '。'.len_utf8()].trim().to_string(),
        None if !text.trim().is_empty() => {
            text.lines().next().unwrap_or_default().trim().to_string()
        }
        None => c.title.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::section;

    #[test]
    fn sections_end_at_the_next_heading() {
        let md = "## 基本案情\n\n甲。\n\n## 认定理由\n乙\n## 处理结果\n丙。丁。";
        assert_eq!(section(md, "基本案情"), Some("\n甲。\n\n"));
        assert_eq!(section(md, "处理结果"), Some("丙。丁。"));
        assert_eq!(section(md, "启示"), None);
    }
}
