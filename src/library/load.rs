//! Reads every file of a knowledge base, checks it, and assembles the `Library`.
//! All findings of the run are collected; any error means no library.

use super::resolve::{citations_in, clause_reference};
use super::*;
use crate::anonymize;
use crate::content::document::{Body, SourceFile, body_diagnostic};
use crate::content::kinds::{AnnotationFront, CaseFront, GuideFront, RiskFront};
use crate::diagnostic::{Diagnostic, Report, Severity};
use std::collections::BTreeSet;
use std::path::Path;

#[path = "checks.rs"]
mod checks;

/// Loads the knowledge base at `root`. On success the report holds the warnings.
pub fn load(root: &Path) -> Result<(Library, Report), Report> {
    let mut report = Report::default();
    let config = load_config(root, &mut report);
    let regulations = load_regulations(root, config.as_ref(), &mut report);
    let mut loader = Loader {
        root,
        regulations,
        report,
        config,
    };
    let annotations = loader.annotations();
    let (cases, case_files) = loader.cases();
    let (risks, risk_files) = loader.risks();
    let guides = loader.guides();
    loader.check_links(&cases, &risks, &guides, &annotations);
    loader.check_risk_points(&case_files, &risks);
    loader.check_anonymity(&case_files, &risk_files);
    let Loader {
        regulations,
        mut report,
        config,
        ..
    } = loader;
    report.sort();
    let Some(config) = config.filter(|_| !report.has_errors()) else {
        return Err(report);
    };
    let mut library = Library {
        config,
        regulations,
        annotations,
        cases,
        risks,
        guides,
        backlinks: BTreeMap::new(),
    };
    super::links::link_clauses(&mut library);
    super::links::link_backwards(&mut library);
    Ok((library, report))
}

fn load_config(root: &Path, report: &mut Report) -> Option<Config> {
    let path = root.join("config.toml");
    let shown = Path::new("config.toml");
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            report.push(Diagnostic::error(shown, 1, 1, format!("cannot read config.toml at {}: {e}; every knowledge base needs one (title = \"…\")", root.display())));
            return None;
        }
    };
    let text = match crate::content::encoding::decode(shown, &bytes) {
        Ok(t) => t,
        Err(d) => {
            report.push(d);
            return None;
        }
    };
    match toml::from_str::<Config>(&text) {
        Ok(c) => Some(c),
        Err(e) => {
            let offset = e.span().map_or(0, |s| s.start);
            report.push(Diagnostic::at_offset(
                shown,
                &text,
                1,
                offset,
                Severity::Error,
                e.message().trim().replace('\n', " "),
            ));
            None
        }
    }
}

/// The Markdown files of one content folder, sorted by name.
fn files(root: &Path, kind: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(root.join("content").join(kind)) else {
        return vec![];
    };
    let mut v: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    v.sort();
    v
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn load_regulations(
    root: &Path,
    config: Option<&Config>,
    report: &mut Report,
) -> Vec<RegulationDoc> {
    let mut regs = Vec::new();
    for path in files(root, "regulations") {
        let file = match SourceFile::read(root, &path) {
            Ok(f) => f,
            Err(d) => {
                report.push(d);
                continue;
            }
        };
        match file.parse::<RegulationFront>() {
            Ok((front, body)) => {
                let tree = crate::regulation::parser::parse_at(&body.markdown, body.first_line);
                if tree.articles.is_empty() {
                    report.push(Diagnostic::error(&file.path, body.first_line, 1, "no article found: paste the official text, each article starting a line with 第一条, 第二条 …"));
                    continue;
                }
                regs.push(RegulationDoc {
                    slug: stem(&path),
                    path: file.path,
                    front,
                    tree,
                    links: BTreeMap::new(),
                });
            }
            Err(d) => report.push(d),
        }
    }
    if regs.is_empty() && !report.has_errors() {
        report.push(Diagnostic::error(
            Path::new("content/regulations"),
            1,
            1,
            "no regulation: add content/regulations/<slug>.md with the official text",
        ));
    }
    if let Some(slug) = config.and_then(|c| c.default_regulation.as_deref()) {
        match regs.iter().position(|r| r.slug == slug) {
            Some(i) => {
                let r = regs.remove(i);
                regs.insert(0, r);
            }
            None => report.push(Diagnostic::error(
                Path::new("config.toml"),
                1,
                1,
                format!(
                    "default_regulation = \"{slug}\" names no file content/regulations/{slug}.md"
                ),
            )),
        }
    }
    regs
}

struct Loader<'a> {
    root: &'a Path,
    regulations: Vec<RegulationDoc>,
    report: Report,
    config: Option<Config>,
}

impl Loader<'_> {
    /// Reads and parses every file of a content folder; reports every problem of each
    /// front matter, and still checks a broken file's text for personal data.
    fn read<T: serde::de::DeserializeOwned>(&mut self, kind: &str) -> Vec<(SourceFile, T, Body)> {
        // check_anonymity rereads every annotation and guide from disk, but of the cases
        // and risk points only those that loaded: the others are scanned here.
        let guard = (kind == "cases" || kind == "risks")
            .then(|| self.config.as_ref().map(|c| &c.anonymize))
            .flatten();
        let mut out = Vec::new();
        for path in files(self.root, kind) {
            let file = match SourceFile::read(self.root, &path) {
                Ok(f) => f,
                Err(d) => {
                    self.report.push(d);
                    continue;
                }
            };
            match file.parse_all::<T>() {
                Ok((t, b)) => out.push((file, t, b)),
                Err(ds) => {
                    self.report.extend(ds);
                    if let Some(config) = guard {
                        self.report
                            .extend(anonymize::diagnostics(&file.path, &file.text, config));
                    }
                }
            }
        }
        out
    }

    /// Resolves a front matter list of clause references, reporting each bad one at its value.
    fn front_clauses(
        &mut self,
        file: &SourceFile,
        values: &[toml::Spanned<String>],
    ) -> Vec<ClauseKey> {
        let mut keys = Vec::new();
        for v in values {
            match clause_reference(&self.regulations, v.get_ref()) {
                Ok((key, warnings)) => {
                    for w in warnings {
                        self.report
                            .push(file.front_diagnostic(v.span(), Severity::Warning, w));
                    }
                    keys.push(key);
                }
                Err(e) => self
                    .report
                    .push(file.front_diagnostic(v.span(), Severity::Error, e)),
            }
        }
        keys
    }

    /// Checks every citation of a body; returns the body with its context.
    fn text(&mut self, file: &SourceFile, body: Body, context: Option<ClauseKey>) -> Text {
        if !self.regulations.is_empty() {
            for found in citations_in(&self.regulations, &body.markdown, context.as_ref()) {
                for w in &found.warnings {
                    self.report.push(body_diagnostic(
                        &file.path,
                        &body,
                        found.span.start,
                        Severity::Warning,
                        w.clone(),
                    ));
                }
                if let Err(e) = &found.target {
                    self.report.push(body_diagnostic(
                        &file.path,
                        &body,
                        found.span.start,
                        Severity::Error,
                        e.clone(),
                    ));
                }
            }
        }
        let links = crate::markdown::runs(&body.markdown)
            .iter()
            .map(|run| citations_in(&self.regulations, run, context.as_ref()))
            .collect();
        Text {
            markdown: body.markdown,
            first_line: body.first_line,
            context,
            links,
        }
    }

    fn annotations(&mut self) -> Vec<Annotation> {
        let mut out = Vec::new();
        for (file, front, body) in self.read::<AnnotationFront>("annotations") {
            let Some(target) = self
                .front_clauses(&file, std::slice::from_ref(&front.clause))
                .pop()
            else {
                continue;
            };
            let title = front.title.unwrap_or_else(|| {
                format!(
                    "{}释义",
                    self.regulations[target.regulation]
                        .tree
                        .label(&target.eid)
                        .unwrap_or_default()
                )
            });
            let body = self.text(&file, body, Some(target.clone()));
            out.push(Annotation {
                slug: stem(&file.path),
                path: file.path,
                title,
                target,
                body,
            });
        }
        let order: Vec<Vec<&str>> = self.regulations.iter().map(|r| r.tree.eids()).collect();
        let position = |k: &ClauseKey| {
            order[k.regulation]
                .iter()
                .position(|e| *e == k.eid)
                .unwrap_or(usize::MAX)
        };
        out.sort_by(|a, b| {
            (a.target.regulation, position(&a.target), &a.slug).cmp(&(
                b.target.regulation,
                position(&b.target),
                &b.slug,
            ))
        });
        out
    }

    fn cases(&mut self) -> (Vec<Case>, Vec<(SourceFile, CaseFront)>) {
        let mut out = Vec::new();
        let mut files = Vec::new();
        let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
        for (file, front, body) in self.read::<CaseFront>("cases") {
            let id = front.id.get_ref().clone();
            if let Some(first) = seen.get(&id) {
                let msg = format!(
                    "duplicate case id \"{id}\": {} has it too; give each case its own id",
                    first.display()
                );
                self.report
                    .push(file.front_diagnostic(front.id.span(), Severity::Error, msg));
                continue;
            }
            seen.insert(id.clone(), file.path.clone());
            if front.clauses.is_empty() {
                self.report.push(Diagnostic::error(
                    &file.path,
                    2,
                    1,
                    "clauses = [] is empty: name the clauses the decision relied on",
                ));
            }
            let clauses = self.front_clauses(&file, &front.clauses);
            let body = self.text(&file, body, None);
            let lesson = crate::markdown::section(&body.markdown, "启示").map(|md| {
                let links = crate::markdown::runs(&md)
                    .iter()
                    .map(|run| citations_in(&self.regulations, run, None))
                    .collect();
                Text {
                    markdown: md,
                    first_line: body.first_line,
                    context: body.context.clone(),
                    links,
                }
            });
            out.push(Case {
                id,
                path: file.path.clone(),
                title: front.title.clone(),
                date: front.date,
                field: front.field.clone(),
                action: front.action,
                outcome: front.outcome,
                clauses,
                risk_points: front
                    .risk_points
                    .iter()
                    .map(|r| r.get_ref().clone())
                    .collect(),
                sample: front.sample,
                rectification: front.rectification.clone(),
                body,
                lesson,
            });
            files.push((file, front));
        }
        out.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
        (out, files)
    }

    fn risks(&mut self) -> (Vec<Risk>, Vec<SourceFile>) {
        let mut out: Vec<Risk> = Vec::new();
        let mut files = Vec::new();
        for (file, front, body) in self.read::<RiskFront>("risks") {
            let id = front.id.get_ref().clone();
            if let Some(first) = out.iter().find(|r| r.id == id) {
                let msg = format!(
                    "duplicate risk point id \"{id}\": {} has it too",
                    first.path.display()
                );
                self.report
                    .push(file.front_diagnostic(front.id.span(), Severity::Error, msg));
                continue;
            }
            let clauses = self.front_clauses(&file, &front.clauses);
            let body = self.text(&file, body, None);
            out.push(Risk {
                id,
                path: file.path.clone(),
                title: front.title,
                field: front.field,
                level: front.level,
                clauses,
                cases: vec![],
                body,
            });
            files.push(file);
        }
        out.sort_by(|a, b| a.id.cmp(&b.id));
        (out, files)
    }

    fn guides(&mut self) -> Vec<Guide> {
        let mut out = Vec::new();
        for (file, front, body) in self.read::<GuideFront>("guides") {
            let body = self.text(&file, body, None);
            out.push(Guide {
                slug: stem(&file.path),
                path: file.path,
                title: front.title,
                weight: front.weight,
                body,
            });
        }
        out.sort_by(|a, b| (a.weight, &a.slug).cmp(&(b.weight, &b.slug)));
        out
    }
}
