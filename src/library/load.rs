//! Reads every file of a knowledge base, checks it, and assembles the `Library`.
//! All findings of the run are collected; any error means no library.

use super::resolve::{Found, citations_at, citations_in, clause_reference, clause_reference_at};
use super::*;
use crate::anonymize;
use crate::content::document::{Body, SourceFile, body_diagnostic};
use crate::content::kinds::{AnnotationFront, CaseFront, GuideFront, RiskFront};
use crate::diagnostic::{Diagnostic, Report, Severity};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::Path;

#[path = "checks.rs"]
mod checks;
#[path = "documents.rs"]
mod documents;
#[path = "questions.rs"]
mod questions;
#[path = "schema.rs"]
pub mod schema;
#[path = "training.rs"]
mod training;
#[path = "versions.rs"]
mod versions;

/// Loads the knowledge base at `root`. On success the report holds the warnings.
pub fn load(root: &Path) -> Result<(Library, Report), Report> {
    load_as_of(root, None)
}

/// `load` for a build dated `as_of` (else config.toml's `as_of`, else today): the
/// version of each regulation in force that day is its current text.
pub fn load_as_of(root: &Path, as_of: Option<Date>) -> Result<(Library, Report), Report> {
    let mut report = Report::default();
    let (config, config_text) = load_config(root, &mut report).unzip();
    let as_of = as_of
        .or(config.as_ref().and_then(|c| c.as_of))
        .unwrap_or_else(Date::today);
    let regulations = load_regulations(root, config.as_ref(), as_of, &mut report);
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
    let questions = loader.questions(&cases);
    let lessons = loader.lessons(&cases, &questions);
    let extra = Loader::training_texts(&lessons, &questions);
    loader.check_links(&cases, &risks, &guides, &annotations, &extra);
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
        lessons,
        questions,
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
    files_with(root, kind, "md", report)
}

/// `files` for another extension (`content/questions/*.toml`).
fn files_with(root: &Path, kind: &str, ext: &str, report: &mut Report) -> Vec<PathBuf> {
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
        if path.extension().is_none_or(|x| x != ext) {
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
    as_of: Date,
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
                    versions: vec![],
                    current: true,
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
    versions::arrange(regs, as_of, root, report)
}

/// A body with its citations resolved (the links of each run of text), and the
/// findings of every citation in it for `Loader::report_citations`: the part of
/// `Loader::text_at` that needs only the regulations, so cases run it in parallel.
fn checked_text(
    regs: &[RegulationDoc],
    body: Body,
    context: Option<ClauseKey>,
    at: Option<Date>,
) -> (Text, Vec<Found>) {
    let found = if regs.is_empty() {
        Vec::new()
    } else {
        citations_at(regs, &body.markdown, context.as_ref(), at)
    };
    let text = Text::resolved_at(regs, body.markdown, body.first_line, context, at);
    (text, found)
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
    fn read<T: serde::de::DeserializeOwned + Send>(
        &mut self,
        kind: &str,
    ) -> Vec<(SourceFile, T, Body)> {
        // Files are independent: read and parse them in parallel, report in path order.
        let paths = files(self.root, kind, &mut self.report);
        let root = self.root;
        let parsed: Vec<Result<(SourceFile, T, Body), Vec<Diagnostic>>> = paths
            .par_iter()
            .map(|path| {
                let file = SourceFile::read(root, path).map_err(|d| vec![d])?;
                let (t, b) = file.parse_all::<T>()?;
                Ok((file, t, b))
            })
            .collect();
        let mut out = Vec::with_capacity(parsed.len());
        for p in parsed {
            match p {
                Ok(x) => out.push(x),
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
        self.front_clauses_at(file, values, None)
    }

    /// `front_clauses` read against the versions in force on `at`; an error names
    /// the version when the regulation has more than one.
    fn front_clauses_at(
        &mut self,
        file: &SourceFile,
        values: &[toml::Spanned<String>],
        at: Option<Date>,
    ) -> Vec<ClauseKey> {
        self.clauses_located(values, at, |span, severity, m| {
            file.front_diagnostic(span, severity, m)
        })
    }

    /// Resolves clause references (front matter or TOML values) against the versions
    /// in force on `at`, each finding placed by `locate` at its value.
    fn clauses_located(
        &mut self,
        values: &[toml::Spanned<String>],
        at: Option<Date>,
        locate: impl Fn(std::ops::Range<usize>, Severity, crate::diagnostic::Message) -> Diagnostic,
    ) -> Vec<ClauseKey> {
        let mut keys = Vec::new();
        for v in values {
            match clause_reference_at(&self.regulations, v.get_ref(), at)
                .map_err(|e| self.in_version(e, at))
            {
                Ok((key, warnings)) => {
                    for w in warnings {
                        self.report.push(locate(v.span(), Severity::Warning, w));
                    }
                    keys.push(key);
                }
                Err(e) => self.report.push(locate(v.span(), Severity::Error, e)),
            }
        }
        keys
    }

    /// A citation error, with the version it was read against where there are several.
    fn in_version(
        &self,
        e: crate::diagnostic::Message,
        at: Option<Date>,
    ) -> crate::diagnostic::Message {
        let Some(at) = at.filter(|_| {
            self.regulations
                .first()
                .is_some_and(|r| r.versions.len() > 1)
        }) else {
            return e;
        };
        let v = &self.regulations[super::resolve::version_at(&self.regulations, 0, at)];
        crate::diagnostic::Message {
            code: e.code,
            zh: format!(
                "{}（按 {at} 的日期，适用 {} 起施行的版本 {}）",
                e.zh,
                v.front.effective,
                v.path.display()
            ),
            en: format!(
                "{} (read on {at}: the version in force from {}, {})",
                e.en,
                v.front.effective,
                v.path.display()
            ),
        }
    }

    /// Checks every citation of a body; returns the body with its context.
    fn text(&mut self, file: &SourceFile, body: Body, context: Option<ClauseKey>) -> Text {
        self.text_at(file, body, context, None)
    }

    /// `text` read against the versions in force on `at` (a case's date).
    fn text_at(
        &mut self,
        file: &SourceFile,
        body: Body,
        context: Option<ClauseKey>,
        at: Option<Date>,
    ) -> Text {
        let (text, found) = checked_text(&self.regulations, body, context, at);
        self.report_citations(file, &text, found, at);
        text
    }

    /// The findings of `checked_text`, as diagnostics at their citations.
    fn report_citations(
        &mut self,
        file: &SourceFile,
        text: &Text,
        found: Vec<Found>,
        at: Option<Date>,
    ) {
        for found in found {
            let at_citation = |severity, m| {
                crate::diagnostic::Diagnostic::at_offset(
                    &file.path,
                    &text.markdown,
                    text.first_line,
                    found.span.start,
                    severity,
                    m,
                )
            };
            for w in &found.warnings {
                self.report.push(at_citation(Severity::Warning, w.clone()));
            }
            if let Err(e) = &found.target {
                let e = self.in_version(e.clone(), at);
                self.report.push(at_citation(Severity::Error, e));
            }
        }
    }
}
