//! Pages from the library: each page is a template, a path and a context built
//! here; Tera renders them in parallel (pages are independent).

pub mod analysis_pages;
mod analysis_values;
mod common;
mod dashboard;
mod pages;
mod preamble;
mod regulation_pages;
pub mod templates;
pub mod training;
pub mod urls;
mod versions;

use crate::content::date::Date;
use crate::diagnostic::{Diagnostic, Report};
use crate::library::Library;
use rayon::prelude::*;
use serde_json::Value;
use std::path::Path;

/// One page to write: where, with which template, from which data.
pub struct Page {
    pub path: String,
    pub template: &'static str,
    pub context: Value,
}

/// Options of a render that do not come from the content.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// The date rectification states are computed for.
    pub as_of: Date,
    /// Each case's most similar cases, by case id (`site::resolve`).
    pub similar: std::collections::BTreeMap<String, Vec<crate::similar::Similar>>,
    /// The statistics (`site::resolve`).
    pub analysis: crate::analysis::Analysis,
}

/// Where each rendered file goes, as soon as it is rendered (from several
/// threads): `site::build` writes it into the staging directory, `check` drops it.
pub type Sink<'a> = dyn Fn(&str, &[u8]) -> Result<(), Diagnostic> + Sync + 'a;

/// Renders every page in parallel, each handed to `sink` when rendered, then
/// the sitemap; nothing holds the whole site. Returns the paths written, sorted.
/// The HTML of a page's template and context, kept for `serve`'s next rebuild
/// (most pages are the same after one edit); cleared when the templates change.
static RENDERED: crate::memo::Memo<Result<String, Diagnostic>> = crate::memo::Memo::new();

pub fn render_site(
    lib: &Library,
    root: &Path,
    opts: &RenderOptions,
    sink: &Sink,
) -> Result<Vec<String>, Report> {
    let (tera, sources) = templates::load(root).map_err(|d| Report {
        diagnostics: vec![d],
    })?;
    if crate::memo::on() {
        // The pages kept were rendered by the templates of the last build.
        static SOURCES: std::sync::Mutex<Vec<(String, String)>> = std::sync::Mutex::new(Vec::new());
        let mut last = SOURCES.lock().unwrap_or_else(|e| e.into_inner());
        if *last != sources {
            RENDERED.clear();
            *last = sources.clone();
        }
    }
    let jobs = pages::all(lib, opts);
    let results: Vec<Result<String, Diagnostic>> = jobs
        .par_iter()
        .flat_map_iter(|job| job())
        .map(|p| {
            let render = |context: serde_json::Value| {
                let ctx =
                    tera::Context::from_value(context).expect("page contexts are JSON objects");
                tera.render(p.template, &ctx)
                    .map_err(|e| templates::error(&e, Some(p.template), &sources))
            };
            let html = if crate::memo::on() {
                let key = || format!("{}\0{}", p.template, p.context);
                RENDERED.get_or(key, || render(p.context.clone()))?
            } else {
                render(p.context)?
            };
            sink(&p.path, html.as_bytes())?;
            Ok(p.path)
        })
        .collect();
    let mut report = Report::default();
    let mut paths = Vec::with_capacity(results.len() + 1);
    for r in results {
        match r {
            Ok(p) => paths.push(p),
            Err(d) => report.push(d),
        }
    }
    if report.has_errors() {
        report.sort();
        return Err(report);
    }
    let map = sitemap(lib, &paths);
    sink("sitemap.xml", map.as_bytes()).map_err(|d| Report {
        diagnostics: vec![d],
    })?;
    paths.push("sitemap.xml".into());
    paths.sort();
    Ok(paths)
}

fn sitemap(lib: &Library, files: &[String]) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut paths: Vec<&str> = files
        .iter()
        .map(String::as_str)
        .filter(|p| p.ends_with(".html") && *p != "404.html")
        .collect();
    paths.sort();
    for p in paths {
        s += &format!(
            "  <url><loc>{}{}</loc></url>\n",
            crate::markdown::escape(&lib.config.base_url),
            p
        );
    }
    s + "</urlset>\n"
}
