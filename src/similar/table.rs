//! The case table the ranking reads. Per case its metadata, cited clause eIds,
//! risk ids and one-line holding (`CaseRow`); for all cases the weights, the
//! labels of the clauses they cite and the risk points' titles (`Head`). The
//! export (`similar::export`) writes the head as `search/cases.js`, the rows in
//! chunks, and the metadata as keyed sets; `regkb similar` reads those back
//! (`similar::reader`), so every ranking starts from the same bytes.

use super::{Weights, weights};
use crate::library::{Case, Library};
use crate::markdown::plain_text;
use crate::render::urls;
use crate::search::SearchDoc;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The small table every ranking reads: `search/cases.js`, loaded with the finder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Head {
    pub weights: Weights,
    /// Labels of every clause a case cites and of its article: eId → 第十条第一款第（五）项.
    pub labels: BTreeMap<String, String>,
    /// Risk id → title.
    pub risks: BTreeMap<String, String>,
    /// The fields the cases name, sorted.
    pub fields: Vec<String>,
    /// How many cases (the model's case indexes are 0 … count − 1, by id).
    pub count: usize,
    /// Rows per file of `c/` (`c/<k>.js` holds cases k·chunk …).
    pub chunk: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseTable {
    pub head: Head,
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

impl Head {
    pub fn label<'a>(&'a self, eid: &'a str) -> &'a str {
        self.labels.get(eid).map_or(eid, |s| s.as_str())
    }

    pub fn risk_title<'a>(&'a self, id: &'a str) -> &'a str {
        self.risks.get(id).map_or(id, |s| s.as_str())
    }
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
        CaseTable::new(weights(), labels, risks, cases)
    }

    /// A table over these rows (sorted by id), the head derived from them.
    pub fn new(
        weights: Weights,
        labels: BTreeMap<String, String>,
        risks: BTreeMap<String, String>,
        cases: Vec<CaseRow>,
    ) -> CaseTable {
        let mut fields: Vec<String> = cases.iter().map(|c| c.field.clone()).collect();
        fields.sort_unstable();
        fields.dedup();
        let chunk = super::export::rows_per_chunk(&cases);
        CaseTable {
            head: Head {
                weights,
                labels,
                risks,
                fields,
                count: cases.len(),
                chunk,
            },
            cases,
        }
    }

    /// The index of a case (the table is sorted by id).
    pub fn find(&self, id: &str) -> Option<usize> {
        self.cases.binary_search_by(|c| c.id.as_str().cmp(id)).ok()
    }
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
