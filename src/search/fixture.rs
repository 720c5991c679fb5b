//! Document sets for tests, the fixture example and benchmarks — not used by
//! the build, which gets its documents from the library. Reads the bundled
//! regulation and `content/` crudely (front matter as TOML, Markdown marks
//! dropped) and can add synthetic cases made of the real cases' sentences.

use super::citation_query;
use super::{ClauseEntry, DocKind, SearchDoc};
use crate::regulation::{Regulation, parser};
use anyhow::Context;
use std::path::Path;

/// Documents and clause table of the regulation text at `path`.
pub fn regulation(path: &Path) -> anyhow::Result<(Vec<SearchDoc>, Vec<ClauseEntry>)> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let reg: Regulation = parser::parse(&text);
    let mut docs = Vec::new();
    let mut clauses = Vec::new();
    for eid in reg.eids() {
        let label = reg.label(eid).unwrap_or_default();
        let url = format!("regulation/index.html#{eid}");
        clauses.push(ClauseEntry {
            eid: eid.to_string(),
            label: label.clone(),
            url: url.clone(),
            related: Vec::new(),
        });
        let is_article = !eid.contains("__");
        let article = reg
            .articles
            .iter()
            .find(|a| eid.starts_with(&a.eid))
            .context("clause outside any article")?;
        // A lone paragraph is its article; it gets no document of its own.
        if !is_article && !eid.contains("__point_") && article.paragraphs.len() == 1 {
            continue;
        }
        docs.push(SearchDoc {
            id: eid.to_string(),
            kind: if is_article {
                DocKind::Article
            } else {
                DocKind::Clause
            },
            title: label,
            url,
            body: reg.text(eid).unwrap_or_default(),
            field: None,
            action: None,
            outcome: None,
            clauses: vec![eid.to_string()],
            date: None,
        });
    }
    Ok((docs, clauses))
}

fn front_matter(text: &str) -> anyhow::Result<(toml::Table, String)> {
    let rest = text.strip_prefix("+++").context("no front matter")?;
    let (head, body) = rest
        .split_once("\n+++")
        .context("front matter not closed")?;
    Ok((head.parse()?, plain(body)))
}

/// Markdown to plain text, good enough for a search body.
fn plain(md: &str) -> String {
    let mut out = String::new();
    for line in md.lines() {
        let line = line
            .trim_start_matches(['#', ' ', '-', '>'])
            .replace("**", "");
        let mut rest = line.as_str();
        // [text](target) → text
        while let Some(open) = rest.find('[') {
            let Some(mid) = rest[open..].find("](").map(|m| open + m) else {
                break;
            };
            let Some(close) = rest[mid..].find(')').map(|c| mid + c) else {
                break;
            };
            out.push_str(&rest[..open]);
            out.push_str(&rest[open + 1..mid]);
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        if !out.ends_with('\n') && !out.is_empty() {
            out.push('\n');
        }
    }
    out.trim().to_string()
}

fn string(t: &toml::Table, key: &str) -> Option<String> {
    t.get(key)
        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
}

fn eids(t: &toml::Table, clauses: &[ClauseEntry]) -> Vec<String> {
    let cited: Vec<String> = t
        .get("clauses")
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .or_else(|| string(t, "clause").map(|c| vec![c]))
        .unwrap_or_default();
    cited
        .iter()
        .flat_map(|c| citation_query::jumps(c, clauses))
        .map(|c| c.eid.clone())
        .collect()
}

/// Annotations, cases, risks and guides under `content/`.
pub fn content(root: &Path, clauses: &[ClauseEntry]) -> anyhow::Result<Vec<SearchDoc>> {
    let mut docs = Vec::new();
    for (dir, kind) in [
        ("annotations", DocKind::Annotation),
        ("cases", DocKind::Case),
        ("risks", DocKind::Risk),
        ("guides", DocKind::Guide),
    ] {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(dir))?
            .map(|e| e.map(|e| e.path()))
            .collect::<Result<_, _>>()?;
        paths.sort();
        for path in paths {
            let text = std::fs::read_to_string(&path)?;
            let (t, body) = front_matter(&text).with_context(|| format!("{}", path.display()))?;
            let stem = path
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let cited = eids(&t, clauses);
            let (id, url) = match kind {
                DocKind::Annotation => (
                    format!(
                        "annotation:{}",
                        cited.first().cloned().unwrap_or(stem.clone())
                    ),
                    format!("annotations/{stem}.html"),
                ),
                DocKind::Case => (
                    format!("case:{}", string(&t, "id").unwrap_or(stem.clone())),
                    format!("cases/{stem}.html"),
                ),
                DocKind::Risk => (
                    format!("risk:{}", string(&t, "id").unwrap_or(stem.clone())),
                    format!("risks/{stem}.html"),
                ),
                _ => (format!("guide:{stem}"), format!("guides/{stem}.html")),
            };
            docs.push(SearchDoc {
                id,
                kind,
                title: string(&t, "title").unwrap_or_else(|| stem.clone()),
                url,
                body,
                field: string(&t, "field"),
                action: string(&t, "action"),
                outcome: string(&t, "outcome"),
                clauses: cited,
                date: string(&t, "date"),
            });
        }
    }
    Ok(docs)
}

/// `n` synthetic cases, deterministic for a given `seed`: sentences of the
/// real cases reshuffled, with random fields, outcomes, dates and clauses.
pub fn synthetic_cases(
    real: &[SearchDoc],
    clauses: &[ClauseEntry],
    n: usize,
    seed: u64,
) -> Vec<SearchDoc> {
    let cases: Vec<&SearchDoc> = real.iter().filter(|d| d.kind == DocKind::Case).collect();
    let sentences: Vec<&str> = cases
        .iter()
        .flat_map(|d| d.body.split_inclusive('。'))
        .filter(|s| s.chars().count() > 6)
        .collect();
    if cases.is_empty() || sentences.is_empty() {
        return Vec::new();
    }
    const FIELDS: [&str; 6] = [
        "校外培训监管",
        "民办教育管理",
        "教育收费",
        "校园安全",
        "教师资格管理",
        "招生入学",
    ];
    const OUTCOMES: [&str; 5] = ["履职尽责", "容错免责", "从轻处理", "减轻处理", "不予容错"];
    const ACTIONS: [&str; 4] = ["行政检查", "行政处罚", "行政强制", "其他"];
    let mut state = seed | 1;
    let mut next = move |m: usize| {
        // xorshift64*: tiny, deterministic, good enough to shuffle text.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        (state.wrapping_mul(0x2545F4914F6CDD1D) >> 33) as usize % m.max(1)
    };
    (0..n)
        .map(|i| {
            let body: String = (0..12 + next(16))
                .map(|_| sentences[next(sentences.len())])
                .collect::<Vec<_>>()
                .join("");
            let title = format!("{}（合成{}）", cases[next(cases.len())].title, i + 1);
            let cited: Vec<String> = (0..1 + next(3))
                .map(|_| clauses[next(clauses.len())].eid.clone())
                .collect();
            SearchDoc {
                id: format!("case:S{:05}", i + 1),
                kind: DocKind::Case,
                title,
                url: format!("cases/S{:05}.html", i + 1),
                body,
                field: Some(FIELDS[next(6)].to_string()),
                action: Some(ACTIONS[next(4)].to_string()),
                outcome: Some(OUTCOMES[next(5)].to_string()),
                clauses: cited,
                date: Some(format!(
                    "{}-{:02}-{:02}",
                    2019 + next(8),
                    1 + next(12),
                    1 + next(28)
                )),
            }
        })
        .collect()
}

/// The bundled knowledge base plus `synthetic` generated cases.
pub fn bundled(
    repo: &Path,
    synthetic: usize,
) -> anyhow::Result<(Vec<SearchDoc>, Vec<ClauseEntry>)> {
    let (mut docs, clauses) =
        regulation(&repo.join("tests/fixtures/regulations/xilingol-seed.txt"))?;
    let content = content(&repo.join("content"), &clauses)?;
    let extra = synthetic_cases(&content, &clauses, synthetic, 0x5EED);
    docs.extend(content);
    docs.extend(extra);
    Ok((docs, clauses))
}
