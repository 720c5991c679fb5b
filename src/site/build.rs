//! `regkb build`: load, render, index, write, swap. A failed build leaves the
//! previous output untouched.

use crate::content::date::Date;
use crate::diagnostic::{Diagnostic, Report};
use crate::library::{self, Library};
use crate::render::{self, RenderOptions};
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

/// Everything the build writes, before it is written: (relative path, bytes).
pub fn render_all(lib: &Library, opts: &BuildOptions) -> Result<Vec<(String, Vec<u8>)>, Report> {
    let as_of = opts.as_of.or(lib.config.as_of).unwrap_or_else(Date::today);
    let mut files = render::render_site(lib, &opts.root, &RenderOptions { as_of })?;
    files.extend(crate::assets::files());
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}

pub fn build(opts: &BuildOptions) -> Result<BuildSummary, Report> {
    let start = Instant::now();
    let (lib, report) = library::load(&opts.root)?;
    let files = render_all(&lib, opts)?;
    let pages = files.iter().filter(|(p, _)| p.ends_with(".html")).count();
    let (docs, clauses) = super::search_docs::documents(&lib);
    drop(lib);
    let mut search = None;
    write_atomically(&opts.output, &files, |staging| {
        search = Some(crate::search::write_index(&docs, &clauses, staging).map_err(std::io::Error::other)?);
        Ok(())
    })
    .map_err(|e| Report { diagnostics: vec![Diagnostic::error(&opts.output, 1, 1, format!("cannot write the site: {e}"))] })?;
    let search = search.expect("written with the site");
    Ok(BuildSummary { pages, files: files.len(), millis: start.elapsed().as_millis(), search, report })
}

/// Writes all files (and what `extra` writes) into a fresh directory beside `output`, then renames it into
/// place; the old output is removed only after the new one is in place.
fn write_atomically(output: &Path, files: &[(String, Vec<u8>)], extra: impl FnOnce(&Path) -> std::io::Result<()>) -> std::io::Result<()> {
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent)?;
    let name = output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    let staging = tempfile::Builder::new().prefix(&format!(".{name}.new-")).tempdir_in(&parent)?;
    for (path, bytes) in files {
        let target = staging.path().join(path);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&target, bytes)?;
    }
    extra(staging.path())?;
    let staging = staging.keep();
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    let had_old = output.exists();
    if had_old {
        std::fs::rename(output, &old)?;
    }
    if let Err(e) = std::fs::rename(&staging, output) {
        if had_old {
            let _ = std::fs::rename(&old, output);
        }
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    if had_old {
        std::fs::remove_dir_all(&old)?;
    }
    Ok(())
}
