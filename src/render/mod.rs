//! Pages from the library: each page is a template, a path and a context built
//! here; Tera renders them in parallel (pages are independent).

pub mod analysis_pages;
mod analysis_values;
mod common;
mod dashboard;
mod pages;
mod preamble;
pub mod templates;
pub mod training;
pub mod urls;
mod versions;

use crate::content::date::Date;
use crate::diagnostic::Report;
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

/// Renders every page; returns (path, bytes) pairs sorted by path.
pub fn render_site(
    lib: &Library,
    root: &Path,
    opts: &RenderOptions,
) -> Result<Vec<(String, Vec<u8>)>, Report> {
    let (tera, sources) = templates::load(root).map_err(|d| Report {
        diagnostics: vec![d],
    })?;
    let pages = pages::all(lib, opts);
    let rendered: Vec<Result<(String, Vec<u8>), _>> = pages
        .par_iter()
        .map(|p| {
            let ctx = tera::Context::from_value(p.context.clone())
                .expect("page contexts are JSON objects");
            tera.render(p.template, &ctx)
                .map(|html| (p.path.clone(), html.into_bytes()))
                .map_err(|e| templates::error(&e, Some(p.template), &sources))
        })
        .collect();
    let mut report = Report::default();
    let mut files = Vec::with_capacity(rendered.len() + 4);
    for r in rendered {
        match r {
            Ok(f) => files.push(f),
            Err(d) => report.push(d),
        }
    }
    if report.has_errors() {
        report.sort();
        return Err(report);
    }
    files.push(("sitemap.xml".into(), sitemap(lib, &files).into_bytes()));
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}

fn sitemap(lib: &Library, files: &[(String, Vec<u8>)]) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut paths: Vec<&str> = files
        .iter()
        .map(|(p, _)| p.as_str())
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
