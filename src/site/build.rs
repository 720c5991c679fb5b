//! `regkb build`: load, render, index, write, swap. A failed build leaves the
//! previous output untouched.

use crate::content::date::Date;
use crate::diagnostic::{Diagnostic, Report, io_reason_zh};
use crate::library::{self, Library};
use crate::msg;
use crate::render::{self, RenderOptions};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
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

/// The E0705 error: the site cannot be written (the output is left as it was).
fn cannot_write(output: &Path, zh: String, en: String) -> Diagnostic {
    Diagnostic::error(
        output,
        1,
        1,
        msg!(
            "E0705",
            format!("无法写出网站：{zh}。请检查输出文件夹是否可写、磁盘是否已满"),
            format!("cannot write the site: {en}"),
        ),
    )
}

/// Renders every page and writes it into `dir` as soon as it is rendered, with
/// the static assets; `None` renders everything without writing (`check`).
/// The renderers only format what `resolve` computed. Returns the paths, sorted.
pub fn render_all(
    lib: &Library,
    opts: &BuildOptions,
    similar: BTreeMap<String, Vec<crate::similar::Similar>>,
    analysis: crate::analysis::Analysis,
    dir: Option<&Path>,
) -> Result<Vec<String>, Report> {
    let as_of = as_of(lib, opts);
    let writer = dir.map(super::publish::Writer::new);
    let write = |path: &str, bytes: &[u8]| -> Result<(), Diagnostic> {
        // Ids are checked at load; this guards every other way a path could be made.
        if let Err(e) = super::publish::under(Path::new("."), path) {
            return Err(Diagnostic::error(
                &opts.output,
                1,
                1,
                msg!(
                    "E0721",
                    format!("{e}"),
                    format!("a page path would leave the output directory: {e}")
                ),
            ));
        }
        match &writer {
            Some(w) if !w.send(path, bytes.to_vec()) => Err(cannot_write(
                &opts.output,
                "写入中断".into(),
                "writing stopped".into(),
            )),
            _ => Ok(()),
        }
    };
    let mut paths = Vec::new();
    for (path, bytes) in crate::assets::files() {
        write(&path, &bytes).map_err(|d| Report {
            diagnostics: vec![d],
        })?;
        paths.push(path);
    }
    let rendered = render::render_site(
        lib,
        &opts.root,
        &RenderOptions {
            as_of,
            similar,
            analysis,
        },
        &write,
    );
    // A write that failed stopped the writer: its error is the one to report.
    if let Some(Err(e)) = writer.map(super::publish::Writer::finish) {
        return Err(Report {
            diagnostics: vec![cannot_write(&opts.output, io_reason_zh(&e), e.to_string())],
        });
    }
    paths.extend(rendered?);
    paths.sort();
    Ok(paths)
}

/// Up to this many cases the index is written while the pages are (see `build`).
const OVERLAP_CASES: usize = 30_000;

/// Prints how long each stage took when `REGKB_TIMINGS` is set (for benchmarks):
/// wall time, and the CPU time (user + system) of every thread of the process,
/// which says how much of the two cores a stage kept busy.
struct Stages {
    on: bool,
    last: Instant,
    cpu: u128,
}

/// CPU time of the process so far, in ms.
fn cpu_ms() -> u128 {
    // SAFETY: getrusage only writes the struct it is given.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) } != 0 {
        return 0;
    }
    let ms = |t: libc::timeval| t.tv_sec as u128 * 1000 + t.tv_usec as u128 / 1000;
    ms(u.ru_utime) + ms(u.ru_stime)
}

impl Stages {
    fn done(&mut self, stage: &str) {
        if self.on {
            let cpu = cpu_ms();
            let wall = self.last.elapsed().as_millis();
            eprintln!("  {stage}: {wall} ms (cpu {} ms)", cpu - self.cpu);
            self.cpu = cpu;
        }
        self.last = Instant::now();
    }
}

/// What the index thread writes of the similar cases, beside the search index.
struct SimilarFiles {
    table: crate::similar::table::CaseTable,
    lists_files: Vec<String>,
    user_words: Vec<String>,
}

type Lists = BTreeMap<String, Vec<crate::similar::Similar>>;

/// The resolve stage's rest, split by who reads it: the export, the index
/// thread's similar-case files, the case pages' lists, the statistics.
fn parts(
    lib: &Library,
    rest: super::resolve::Rest,
) -> (
    crate::search::Extras,
    SimilarFiles,
    Lists,
    crate::analysis::Analysis,
) {
    let super::resolve::Rest {
        lexicon,
        similar,
        analysis,
    } = rest;
    let crate::similar::site::Built {
        table,
        user_words,
        lists,
        sets,
        lists_files,
        model: _,
    } = similar;
    let extras = crate::search::Extras {
        lexicon,
        outcomes: lib.config.outcome_names().map(str::to_string).collect(),
        sets,
    };
    let files = SimilarFiles {
        table,
        lists_files,
        user_words,
    };
    (extras, files, lists, analysis)
}

/// The search index (tantivy, running elsewhere: `tantivy` waits for it) and
/// its browser export, then the similar cases' files.
fn write_search(
    tantivy: impl FnOnce() -> anyhow::Result<crate::search::Indexed>,
    docs: &[crate::search::SearchDoc],
    clauses: &[crate::search::ClauseEntry],
    extras: &crate::search::Extras,
    similar: &SimilarFiles,
    dir: &Path,
) -> anyhow::Result<crate::search::IndexStats> {
    let stats = crate::search::write_export(tantivy, docs, clauses, extras, dir)?;
    crate::similar::export::write(
        &similar.table,
        &similar.lists_files,
        &similar.user_words,
        &dir.join("search"),
    )?;
    Ok(stats)
}

pub fn build(opts: &BuildOptions) -> Result<BuildSummary, Report> {
    build_with(opts, Discard::Now)
}

/// When a build deletes the site it replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Discard {
    /// Before the build returns: a failure to delete is a warning of its report.
    Now,
    /// On a thread of its own after the build returns (`serve`, whose next
    /// rebuild waits for it): a failure to delete is printed when it happens.
    Later,
}

pub fn build_with(opts: &BuildOptions, discard: Discard) -> Result<BuildSummary, Report> {
    let start = Instant::now();
    let on = std::env::var_os("REGKB_TIMINGS").is_some();
    let mut stages = Stages {
        on,
        last: start,
        cpu: if on { cpu_ms() } else { 0 },
    };
    crate::segment::prepare();
    crate::memo::next_build();
    let (lib, report) = library::load_as_of(&opts.root, opts.as_of)?;
    stages.done("load");
    let as_of = as_of(&lib, opts);
    let cannot = |zh: String, en: String| Report {
        diagnostics: vec![cannot_write(&opts.output, zh, en)],
    };
    let io = |e: std::io::Error| cannot(io_reason_zh(&e), e.to_string());
    let other = |e: anyhow::Error| cannot(format!("{e:#}"), format!("{e:#}"));
    let staging = super::publish::staging_dir(&opts.output).map_err(io)?;
    let _reuse = opts
        .output
        .is_dir()
        .then(|| super::publish::reuse(staging.path(), &opts.output));
    let dir = staging.path();
    let (docs, clauses, compare) = super::resolve::documents(&lib);
    let lexicon_line = |rest: &super::resolve::Rest| {
        if on {
            let lex = &rest.lexicon;
            eprintln!(
                "    lexicon: {} words, {} citation chains, {} compounds",
                lex.costs.len(),
                lex.chains.len(),
                lex.compounds.len()
            );
        }
    };
    // Up to `OVERLAP_CASES` cases everything runs at once: tantivy indexes the
    // documents from here (it needs nothing else), beside the rest of the
    // resolve stage; then the export waits for it on one thread while the pages
    // are rendered on the others. Above, the pages come first and the library
    // is dropped before the index is written, so the two largest things a build
    // holds (the library, the index writer's and export's data) are never held
    // together.
    let (files, search) = if lib.cases.len() <= OVERLAP_CASES {
        let (files, search) = std::thread::scope(|s| {
            let tantivy = s.spawn(|| crate::search::index(&docs, &compare, dir));
            let rest = super::resolve::rest(&lib, as_of, &docs, &compare);
            stages.done("resolve");
            lexicon_line(&rest);
            let (extras, similar, lists, analysis) = parts(&lib, rest);
            let (docs, clauses) = (&docs, &clauses);
            let index = s.spawn(move || {
                let tantivy = || tantivy.join().expect("the tantivy thread does not panic");
                write_search(tantivy, docs, clauses, &extras, &similar, dir).map_err(other)
            });
            let files = render_all(&lib, opts, lists, analysis, Some(dir));
            if stages.on {
                eprintln!(
                    "    pages written: {} ms",
                    stages.last.elapsed().as_millis()
                );
            }
            (
                files,
                index.join().expect("the index thread does not panic"),
            )
        });
        stages.done("render, write and search index");
        (files?, search?)
    } else {
        let rest = super::resolve::rest(&lib, as_of, &docs, &compare);
        stages.done("resolve");
        lexicon_line(&rest);
        let (extras, similar, lists, analysis) = parts(&lib, rest);
        let files = render_all(&lib, opts, lists, analysis, Some(dir))?;
        stages.done("render and write");
        drop(lib);
        let search = std::thread::scope(|s| {
            let tantivy = s.spawn(|| crate::search::index(&docs, &compare, dir));
            let tantivy = || tantivy.join().expect("the tantivy thread does not panic");
            write_search(tantivy, &docs, &clauses, &extras, &similar, dir)
        })
        .map_err(other)?;
        drop(extras);
        stages.done("search index");
        (files, search)
    };
    let pages = files.iter().filter(|p| p.ends_with(".html")).count();
    drop((docs, clauses, compare));
    super::publish::wait_discarded();
    let published = super::publish::publish(&opts.output, staging).map_err(|e| {
        let out = opts.output.display();
        cannot(
            format!("{}；{out} 仍是原来的站点", io_reason_zh(&e)),
            format!("{e}; {out} is still the previous site"),
        )
    })?;
    let mut report = report;
    let output = opts.output.clone();
    let undeleted = move |old: PathBuf, e: std::io::Error| {
        Diagnostic::warning(
            &output,
            1,
            1,
            crate::msg!(
                "W0720",
                format!(
                    "新站点已发布，但旧站点无法删除，留在 {}（{e}）；请手动删除。",
                    old.display()
                ),
                format!(
                    "the new site is published, but the old one could not be deleted and is left at {} ({e}); delete it by hand",
                    old.display()
                )
            ),
        )
    };
    match discard {
        Discard::Now => {
            if let Some((old, e)) = published.discard() {
                report.push(undeleted(old, e));
            }
        }
        Discard::Later => published.discard_later(move |old, e| {
            eprintln!(
                "{}",
                Report {
                    diagnostics: vec![undeleted(old, e)]
                }
            );
        }),
    }
    stages.done("swap");
    Ok(BuildSummary {
        pages,
        files: files.len(),
        millis: start.elapsed().as_millis(),
        search,
        report,
    })
}
