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
#[path = "schema.rs"]
pub mod schema;

/// Loads the knowledge base at `root`. On success the report holds the warnings.
pub fn load(root: &Path) -> Result<(Library, Report), Report> {
    let mut report = Report::default();
    let (config, config_text) = load_config(root, &mut report).unzip();
    let regulations = load_regulations(root, config.as_ref(), &mut report);
    let mut loader = Loader {
        root,
        regulations,
        report,
        config,
        config_text: config_text.unwrap_or_default(),
    };
    let outcome_grounds = loader.check_schema();
    let selfcheck = loader.selfcheck();
    let annotations = loader.annotations();
    let (cases, case_files) = loader.cases();
    let risks = loader.risks();
    let guides = loader.guides();
    loader.check_links(&cases, &risks, &guides, &annotations);
    loader.check_risk_points(&case_files, &risks);
    loader.check_anonymity();
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
    let samples = match cases.iter().filter(|c| c.sample).count() {
        _ if cases.is_empty() => "",
        0 => "none",
        n if n == cases.len() => "all",
        _ => "some",
    };
    let mut library = Library {
        samples,
        config,
        regulations,
        annotations,
        cases,
        risks,
        guides,
        selfcheck,
        outcome_grounds,
        backlinks: BTreeMap::new(),
    };
    super::links::link_clauses(&mut library);
    super::links::link_backwards(&mut library);
    Ok((library, report))
}

fn load_config(root: &Path, report: &mut Report) -> Option<(Config, String)> {
    let path = root.join("config.toml");
    let shown = Path::new("config.toml");
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            report.push(Diagnostic::error(shown, 1, 1, crate::msg!("E0501", format!("无法读取 {} 下的 config.toml（{e}）；每个知识库的根目录都需要一个 config.toml，可用 regkb init 新建。", root.display()), format!("cannot read config.toml at {}: {e}; every knowledge base needs one (regkb init makes one)", root.display()))));
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
    match crate::content::toml_read::read::<Config>(&text) {
        Ok(c) => Some((c, text)),
        Err(problems) => {
            for p in &problems {
                let message = crate::content::toml_message::translate(p, &text);
                report.push(Diagnostic::at_offset(
                    shown,
                    &text,
                    1,
                    p.span.start,
                    Severity::Error,
                    message,
                ));
            }
            None
        }
    }
}

/// The Markdown files of one content folder and its subfolders (a real office files
/// cases by year), sorted by path. Hidden files and editor leftovers (`.#x.md` locks,
/// `.x.md.swp`, `x.md~`) are skipped; symbolic links are not followed, and a linked
/// file is read only when it lies inside the knowledge base.
fn files(root: &Path, kind: &str, report: &mut Report) -> Vec<PathBuf> {
    let dir = root.join("content").join(kind);
    let real_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut out = Vec::new();
    let walk = walkdir::WalkDir::new(&dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walk.filter_map(Result::ok) {
        let path = entry.path();
        if path.extension().is_none_or(|x| x != "md") {
            continue;
        }
        if entry.file_type().is_symlink() {
            let inside =
                std::fs::canonicalize(path).is_ok_and(|t| t.starts_with(&real_root) && t.is_file());
            if !inside {
                let shown = path.strip_prefix(root).unwrap_or(path);
                report.push(Diagnostic::warning(shown, 1, 1, crate::msg!(
                    "W0206",
                    "这是指向知识库之外（或不存在的文件）的符号链接，已跳过；请把文件复制到知识库中。",
                    "a symbolic link out of the knowledge base (or to nothing): skipped; copy the file in instead"
                )));
                continue;
            }
        } else if !entry.file_type().is_file() {
            continue;
        }
        out.push(path.to_path_buf());
    }
    out
}

/// A file's name without `.md`, which becomes its page's name: checked like an id
/// (a finding at the file's first line otherwise).
fn slug(path: &Path, report: &mut Report) -> Option<String> {
    let s = stem(path);
    match super::ids::check(&s, "文件名") {
        Ok(()) => Some(s),
        Err(m) => {
            report.push(Diagnostic::error(path, 1, 1, m));
            None
        }
    }
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
    for path in files(root, "regulations", report) {
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
                    report.push(Diagnostic::error(&file.path, body.first_line, 1, crate::msg!("E0502", "没有找到任何条文：请粘贴正式文本，每条以“第一条”“第二条”……开头另起一行。", "no article found: paste the official text, each article starting a line with 第一条, 第二条 …")));
                    continue;
                }
                for d in tree.warnings.iter().map(|w| w.diagnostic(&file.path)) {
                    report.push(d);
                }
                let Some(slug) = slug(&file.path, report) else {
                    continue;
                };
                regs.push(RegulationDoc {
                    slug,
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
            crate::msg!(
                "E0503",
                "没有制度文本：请在 content/regulations/ 下新建 <名称>.md，粘贴正式文本。",
                "no regulation: add content/regulations/<slug>.md with the official text"
            ),
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
                crate::msg!(
                    "E0504",
                    format!("default_regulation = \"{slug}\"，但没有文件 content/regulations/{slug}.md；请改为已有文件名（不含 .md）。"),
                    format!("default_regulation = \"{slug}\" names no file content/regulations/{slug}.md")
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
    /// config.toml's text, for locating findings about it.
    config_text: String,
}

impl Loader<'_> {
    /// Reads and parses every file of a content folder; reports every problem of each
    /// front matter, and still checks a broken file's text for personal data.
    fn read<T: serde::de::DeserializeOwned>(&mut self, kind: &str) -> Vec<(SourceFile, T, Body)> {
        let mut out = Vec::new();
        for path in files(self.root, kind, &mut self.report) {
            let file = match SourceFile::read(self.root, &path) {
                Ok(f) => f,
                Err(d) => {
                    self.report.push(d);
                    continue;
                }
            };
            match file.parse_all::<T>() {
                Ok((t, b)) => out.push((file, t, b)),
                Err(ds) => self.report.extend(ds),
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
            let Some(slug) = slug(&file.path, &mut self.report) else {
                continue;
            };
            let body = self.text(&file, body, Some(target.clone()));
            out.push(Annotation {
                slug,
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
            if let Err(m) = super::ids::check(&id, "案例编号") {
                self.report
                    .push(file.front_diagnostic(front.id.span(), Severity::Error, m));
                continue;
            }
            if let Some(first) = seen.get(&id) {
                let msg = crate::msg!(
                    "E0505",
                    format!(
                        "案例编号 id = \"{id}\" 重复：{} 也用了它；每个案例的编号各不相同。",
                        first.display()
                    ),
                    format!(
                        "duplicate case id \"{id}\": {} has it too; give each case its own id",
                        first.display()
                    )
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
                    crate::msg!(
                        "E0506",
                        "clauses = [] 为空：请写明认定所依据的条款，如 clauses = [\"第一条\"]。",
                        "clauses = [] is empty: name the clauses the decision relied on"
                    ),
                ));
            }
            self.declared(&file, "fields", &front.field);
            self.declared(&file, "actions", &front.action);
            self.declared(&file, "outcomes", &front.outcome);
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
                field: front.field.get_ref().clone(),
                action: front.action.get_ref().clone(),
                outcome: front.outcome.get_ref().clone(),
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

    fn risks(&mut self) -> Vec<Risk> {
        let mut out: Vec<Risk> = Vec::new();
        for (file, front, body) in self.read::<RiskFront>("risks") {
            let id = front.id.get_ref().clone();
            if let Err(m) = super::ids::check(&id, "风险点编号") {
                self.report
                    .push(file.front_diagnostic(front.id.span(), Severity::Error, m));
                continue;
            }
            if let Some(first) = out.iter().find(|r| r.id == id) {
                let msg = crate::msg!(
                    "E0507",
                    format!(
                        "风险点编号 id = \"{id}\" 重复：{} 也用了它；每个风险点的编号各不相同。",
                        first.path.display()
                    ),
                    format!(
                        "duplicate risk point id \"{id}\": {} has it too",
                        first.path.display()
                    )
                );
                self.report
                    .push(file.front_diagnostic(front.id.span(), Severity::Error, msg));
                continue;
            }
            self.declared(&file, "fields", &front.field);
            let clauses = self.front_clauses(&file, &front.clauses);
            let body = self.text(&file, body, None);
            out.push(Risk {
                id,
                path: file.path.clone(),
                title: front.title,
                field: front.field.get_ref().clone(),
                level: front.level,
                clauses,
                cases: vec![],
                body,
            });
        }
        out.sort_by(|a, b| a.id.cmp(&b.id));
        out
    }

    fn guides(&mut self) -> Vec<Guide> {
        let mut out = Vec::new();
        for (file, front, body) in self.read::<GuideFront>("guides") {
            let Some(slug) = slug(&file.path, &mut self.report) else {
                continue;
            };
            if let Some(first) = out.iter().find(|g: &&Guide| g.slug == slug) {
                let m = crate::msg!(
                    "E0515",
                    format!(
                        "指南文件名“{slug}”重复：{} 也叫这个名字；请改名，每篇指南的文件名各不相同。",
                        first.path.display()
                    ),
                    format!(
                        "guide file name \"{slug}\" is used twice ({} too); rename one",
                        first.path.display()
                    )
                );
                self.report.push(Diagnostic::error(&file.path, 1, 1, m));
                continue;
            }
            let body = self.text(&file, body, None);
            out.push(Guide {
                slug,
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
