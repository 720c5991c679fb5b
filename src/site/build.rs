//! `regkb build`: load, render, index, write, swap. A failed build leaves the
//! previous output untouched.

use crate::content::date::Date;
use crate::diagnostic::{Diagnostic, Report, io_reason_zh};
use crate::library::{self, Library};
use crate::msg;
use crate::render::{self, RenderOptions};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: PathBuf,
    /// Overrides `config.toml`'s `as_of`; both absent means today.
    pub as_of: Option<Date>,
}

#[derive(Debug, Clone)]
pub struct BuildSummary {
    pub pages: usize,
    pub files: usize,
    pub millis: u128,
    pub search: crate::search::IndexStats,
    /// Warnings of the load (errors stop the build).
    pub report: Report,
}

/// The date rectification states and statistics are computed for.
pub fn as_of(lib: &Library, opts: &BuildOptions) -> Date {
    opts.as_of.or(lib.config.as_of).unwrap_or_else(Date::today)
}

/// Everything the build writes, before it is written: (relative path, bytes).
/// The renderers only format what `resolve` computed.
pub fn render_all(
    lib: &Library,
    opts: &BuildOptions,
    similar: BTreeMap<String, Vec<crate::similar::Similar>>,
    analysis: crate::analysis::Analysis,
) -> Result<Vec<(String, Vec<u8>)>, Report> {
    let as_of = as_of(lib, opts);
    let mut files = render::render_site(
        lib,
        &opts.root,
        &RenderOptions {
            as_of,
            similar,
            analysis,
        },
    )?;
    files.extend(crate::assets::files());
    files.sort_by(|a, b| a.0.cmp(&b.0));
    // Ids are checked at load; this guards every other way a path could be made.
    let outside: Vec<Diagnostic> = files
        .iter()
        .filter_map(|(p, _)| super::publish::under(std::path::Path::new("."), p).err())
        .map(|e| {
            Diagnostic::error(
                &opts.output,
                1,
                1,
                msg!(
                    "E0721",
                    format!("{e}"),
                    format!("a page path would leave the output directory: {e}")
                ),
            )
        })
        .collect();
    if !outside.is_empty() {
        return Err(Report {
            diagnostics: outside,
        });
    }
    Ok(files)
}

/// Prints how long each stage took when `REGKB_TIMINGS` is set (for benchmarks).
struct Stages {
    on: bool,
    last: Instant,
}

impl Stages {
    fn done(&mut self, stage: &str) {
        if self.on {
            eprintln!("  {stage}: {} ms", self.last.elapsed().as_millis());
        }
        self.last = Instant::now();
    }
}

pub fn build(opts: &BuildOptions) -> Result<BuildSummary, Report> {
    let start = Instant::now();
    let mut stages = Stages {
        on: std::env::var_os("REGKB_TIMINGS").is_some(),
        last: start,
    };
    let (lib, report) = library::load_as_of(&opts.root, opts.as_of)?;
    stages.done("load");
    let resolved = super::resolve::resolve(&lib, as_of(&lib, opts));
    stages.done("resolve");
    let cannot = |zh: String, en: String| Report {
        diagnostics: vec![Diagnostic::error(
            &opts.output,
            1,
            1,
            msg!(
                "E0705",
                format!("无法写出网站：{zh}。请检查输出文件夹是否可写、磁盘是否已满"),
                format!("cannot write the site: {en}"),
            ),
        )],
    };
    let io = |e: std::io::Error| cannot(io_reason_zh(&e), e.to_string());
    let other = |e: anyhow::Error| cannot(format!("{e:#}"), format!("{e:#}"));
    let staging = super::publish::staging_dir(&opts.output).map_err(io)?;
    let super::resolve::Resolved {
        docs,
        clauses,
        lexicon,
        similar,
        analysis,
    } = resolved;
    let crate::similar::site::Built {
        table: case_table,
        compare,
        user_words,
        lists: similar_lists,
        sets: similar_sets,
        lists_files,
        model: _,
    } = similar;
    let extras = crate::search::Extras {
        lexicon,
        outcomes: lib.config.outcome_names().map(str::to_string).collect(),
        sets: similar_sets,
        compare,
    };
    let search =
        crate::search::write_index(&docs, &clauses, &extras, staging.path()).map_err(other)?;
    crate::similar::export::write(
        &case_table,
        &lists_files,
        &user_words,
        &staging.path().join("search"),
    )
    .map_err(other)?;
    stages.done("search index");
    drop(docs);
    drop(extras);
    let files = render_all(&lib, opts, similar_lists, analysis)?;
    stages.done("render");
    let pages = files.iter().filter(|(p, _)| p.ends_with(".html")).count();
    drop(lib);
    let published = super::publish::publish(&opts.output, staging, &files).map_err(|e| {
        let out = opts.output.display();
        cannot(
            format!("{}；{out} 仍是原来的站点", io_reason_zh(&e)),
            format!("{e}; {out} is still the previous site"),
        )
    })?;
    stages.done("write and swap");
    let mut report = report;
    if let Some((old, e)) = published.old_left {
        report.push(Diagnostic::warning(
            &opts.output,
            1,
            1,
            crate::msg!(
                "W0720",
                format!("新站点已发布，但旧站点无法删除，留在 {}（{e}）；请手动删除。", old.display()),
                format!("the new site is published, but the old one could not be deleted and is left at {} ({e}); delete it by hand", old.display())
            ),
        ));
    }
    Ok(BuildSummary {
        pages,
        files: files.len(),
        millis: start.elapsed().as_millis(),
        search,
        report,
    })
}
