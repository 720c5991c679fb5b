//! The whole knowledge base, loaded and resolved: one immutable `Library` that
//! every renderer reads. `Library::load` does all reading and checking; `check`
//! is `load` and nothing else.

pub mod ids;
mod links;
mod load;
pub mod resolve;

use crate::config::Config;
use crate::content::date::Date;
use crate::content::kinds::{Level, Rectification, RegulationFront};
use crate::regulation::Regulation;
use std::collections::BTreeMap;
use std::path::PathBuf;

pub use load::schema::{CheckGroup, Selfcheck, Verdict};
pub use load::{load, load_as_of};

/// A clause of one of the library's regulations: its index and eId.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClauseKey {
    pub regulation: usize,
    pub eid: String,
}

#[derive(Debug)]
pub struct Library {
    pub config: Config,
    /// The default regulation (the one bare 第十条 means) is first.
    pub regulations: Vec<RegulationDoc>,
    /// Sorted by the annotated clause's document order, then file name.
    pub annotations: Vec<Annotation>,
    /// Sorted by date, then id.
    pub cases: Vec<Case>,
    /// Sorted by id.
    pub risks: Vec<Risk>,
    /// Sorted by weight, then slug.
    pub guides: Vec<Guide>,
    /// Training lessons, sorted by weight, then slug.
    pub lessons: Vec<crate::training::Lesson>,
    /// The question bank: the authored questions (by file, in file order), then
    /// those generated from the cases (`training::bank`).
    pub questions: Vec<crate::training::Question>,
    /// The self-check config.toml defines, resolved; no page without it.
    pub selfcheck: Option<Selfcheck>,
    /// Whether the cases are samples: "all", "some" or "none" ("" without cases);
    /// site-wide notices say 示例 only where it is true.
    pub samples: &'static str,
    /// Each declared outcome's grounds, parallel to `config.outcomes`.
    pub outcome_grounds: Vec<Vec<ClauseKey>>,
    pub backlinks: BTreeMap<ClauseKey, Backlinks>,
}

/// Markdown prose, the clause it is about (for 本条, 前款), and its citations
/// resolved: one list per prose run of `markdown::runs`, spans into that run.
#[derive(Debug, Clone)]
pub struct Text {
    pub markdown: String,
    pub first_line: usize,
    pub context: Option<ClauseKey>,
    pub links: Vec<Vec<resolve::Found>>,
}

/// An eId through one version's renumbering: `art_12__para_1` with `art_12` → `art_13`
/// is `art_13__para_1`.
pub fn renumber(map: &BTreeMap<String, String>, eid: &str) -> String {
    let (art, rest) = match eid.split_once("__") {
        Some((a, r)) => (a, Some(r)),
        None => (eid, None),
    };
    match (map.get(art), rest) {
        (Some(to), Some(r)) => format!("{to}__{r}"),
        (Some(to), None) => to.clone(),
        (None, _) => eid.to_string(),
    }
}

/// The eId a clause of version `from` has in each version of its regulation (in
/// `RegulationDoc::versions` order), through the versions' `renumbered`; None where
/// that version has no such clause.
pub fn identities(regs: &[RegulationDoc], from: usize, eid: &str) -> Vec<Option<String>> {
    let family = &regs[from].versions;
    let Some(start) = family.iter().position(|&v| v == from) else {
        return vec![Some(eid.to_string())];
    };
    let mut out: Vec<Option<String>> = vec![None; family.len()];
    out[start] = Some(eid.to_string());
    let mut e = eid.to_string();
    for k in start + 1..family.len() {
        e = renumber(&regs[family[k]].front.renumbered, &e);
        out[k] = Some(e.clone());
    }
    let mut e = eid.to_string();
    for k in (0..start).rev() {
        let back: BTreeMap<String, String> = regs[family[k + 1]]
            .front
            .renumbered
            .iter()
            .map(|(a, b)| (b.clone(), a.clone()))
            .collect();
        e = renumber(&back, &e);
        out[k] = Some(e.clone());
    }
    for (k, slot) in out.iter_mut().enumerate() {
        if slot
            .as_deref()
            .is_some_and(|e| regs[family[k]].tree.clause(e).is_none())
        {
            *slot = None;
        }
    }
    out
}

impl Text {
    /// A text whose citations are resolved and not reported (generated or already
    /// checked prose).
    pub fn resolved(
        regs: &[RegulationDoc],
        markdown: String,
        first_line: usize,
        context: Option<ClauseKey>,
    ) -> Text {
        Text::resolved_at(regs, markdown, first_line, context, None)
    }

    /// `resolved`, read against the versions in force on `at`.
    pub fn resolved_at(
        regs: &[RegulationDoc],
        markdown: String,
        first_line: usize,
        context: Option<ClauseKey>,
        at: Option<Date>,
    ) -> Text {
        let links = crate::markdown::runs(&markdown)
            .iter()
            .map(|run| resolve::citations_at(regs, run, context.as_ref(), at))
            .collect();
        Text {
            markdown,
            first_line,
            context,
            links,
        }
    }
}

#[derive(Debug)]
pub struct RegulationDoc {
    pub slug: String,
    pub path: PathBuf,
    pub front: RegulationFront,
    pub tree: Regulation,
    /// The citations in each paragraph's and item's text, by eId (spans into that text).
    pub links: BTreeMap<String, Vec<resolve::Found>>,
    /// Every version of this regulation (indexes into `Library::regulations`), by
    /// `effective` date; one entry (itself) when it was never amended.
    pub versions: Vec<usize>,
    /// Whether this is the version in force on the build's date (or, before any is in
    /// force, the first): the one `r/<slug>/` shows. Other versions come after every
    /// current regulation in `Library::regulations`.
    pub current: bool,
}

#[derive(Debug)]
pub struct Annotation {
    pub slug: String,
    pub path: PathBuf,
    pub title: String,
    pub target: ClauseKey,
    pub body: Text,
}

#[derive(Debug)]
pub struct Case {
    pub id: String,
    pub path: PathBuf,
    pub title: String,
    pub date: Date,
    /// One of config.toml's fields, actions and outcomes.
    pub field: String,
    pub action: String,
    pub outcome: String,
    pub clauses: Vec<ClauseKey>,
    pub risk_points: Vec<String>,
    pub sample: bool,
    /// Whether the generated question bank draws on it.
    pub quiz: bool,
    pub rectification: Option<Rectification>,
    pub body: Text,
    /// The 启示 section on its own, for the printable warnings.
    pub lesson: Option<Text>,
    /// The 基本案情 and 认定理由 sections, for the training pages.
    pub facts: Option<Text>,
    pub reasons: Option<Text>,
}

#[derive(Debug)]
pub struct Risk {
    pub id: String,
    pub path: PathBuf,
    pub title: String,
    pub field: String,
    pub level: Level,
    pub clauses: Vec<ClauseKey>,
    /// Indexes into `Library::cases` of the cases that name this risk point.
    pub cases: Vec<usize>,
    pub body: Text,
}

#[derive(Debug)]
pub struct Guide {
    pub slug: String,
    pub path: PathBuf,
    pub title: String,
    pub weight: i64,
    /// The home page path that lists it (`home` in its front matter).
    pub home: Option<crate::content::kinds::HomePath>,
    pub body: Text,
}

/// What cites one clause, as indexes into the library's lists.
#[derive(Debug, Default, Clone)]
pub struct Backlinks {
    pub annotations: Vec<usize>,
    pub cases: Vec<usize>,
    pub risks: Vec<usize>,
    pub guides: Vec<usize>,
    /// Lessons that teach the clause (front matter `clauses`) or pull in its text.
    pub lessons: Vec<usize>,
}

impl Library {
    /// The article eIds of the default regulation that ground some outcome.
    pub fn outcome_grounds(&self) -> std::collections::BTreeSet<&str> {
        self.outcome_grounds
            .iter()
            .flatten()
            .filter(|k| k.regulation == 0)
            .map(|k| k.eid.split("__").next().unwrap_or(&k.eid))
            .collect()
    }

    /// The version of regulation `ri` that `r/<slug>/` shows.
    pub fn current_of(&self, ri: usize) -> usize {
        let family = &self.regulations[ri].versions;
        family
            .iter()
            .copied()
            .find(|&v| self.regulations[v].current)
            .unwrap_or(ri)
    }

    /// `key` carried forward to the current version (through each version's
    /// `renumbered`), if the clause still exists there.
    pub fn forward(&self, key: &ClauseKey) -> Option<ClauseKey> {
        let reg = &self.regulations[key.regulation];
        if reg.current {
            return Some(key.clone());
        }
        let to = reg
            .versions
            .iter()
            .position(|&v| self.regulations[v].current)?;
        let eid = identities(&self.regulations, key.regulation, &key.eid).swap_remove(to)?;
        Some(ClauseKey {
            regulation: reg.versions[to],
            eid,
        })
    }

    pub fn regulation(&self, key: &ClauseKey) -> &RegulationDoc {
        &self.regulations[key.regulation]
    }

    pub fn label(&self, key: &ClauseKey) -> String {
        self.regulation(key)
            .tree
            .label(&key.eid)
            .unwrap_or_else(|| key.eid.clone())
    }

    pub fn clause_text(&self, key: &ClauseKey) -> String {
        self.regulation(key).tree.text(&key.eid).unwrap_or_default()
    }

    pub fn case(&self, id: &str) -> Option<usize> {
        self.cases.iter().position(|c| c.id == id)
    }

    pub fn risk(&self, id: &str) -> Option<usize> {
        self.risks.iter().position(|r| r.id == id)
    }

    /// Backlinks of a clause and of every clause inside it (an article collects
    /// its paragraphs' and items').
    pub fn backlinks_within(&self, key: &ClauseKey) -> Backlinks {
        let prefix = format!("{}__", key.eid);
        let mut out = Backlinks::default();
        for (k, b) in &self.backlinks {
            if k.regulation == key.regulation && (k.eid == key.eid || k.eid.starts_with(&prefix)) {
                out.annotations.extend(&b.annotations);
                out.cases.extend(&b.cases);
                out.risks.extend(&b.risks);
                out.guides.extend(&b.guides);
                out.lessons.extend(&b.lessons);
            }
        }
        for v in [
            &mut out.annotations,
            &mut out.cases,
            &mut out.risks,
            &mut out.guides,
            &mut out.lessons,
        ] {
            v.sort_unstable();
            v.dedup();
        }
        out
    }

    /// The article that contains a clause (`art_10__para_1` → `art_10`).
    pub fn article_of(key: &ClauseKey) -> ClauseKey {
        ClauseKey {
            regulation: key.regulation,
            eid: key.eid.split("__").next().unwrap_or(&key.eid).to_string(),
        }
    }
}
