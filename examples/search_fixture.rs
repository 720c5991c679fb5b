//! Writes a search index and its browser export for a fixture document set:
//! the bundled regulation and content, plus N synthetic cases.
//!
//! cargo run --release --example search_fixture -- OUT_DIR [--synthetic N] [--pages]
//!
//! Used by the browser test and the benchmark until `regkb build` writes the
//! real site; prints the index figures as JSON. `--pages` also writes a bare
//! HTML page per document (what results link to, and what Pagefind indexes in
//! the benchmark).

use std::path::PathBuf;
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let out = PathBuf::from(
        args.next()
            .ok_or_else(|| anyhow::anyhow!("usage: search_fixture OUT_DIR [--synthetic N]"))?,
    );
    let mut synthetic = 0;
    let mut pages = false;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--synthetic" => synthetic = args.next().unwrap_or_default().parse()?,
            "--pages" => pages = true,
            other => anyhow::bail!("unknown argument {other}"),
        }
    }
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let start = Instant::now();
    let (docs, clauses) = regkb::search::fixture::bundled(&repo, synthetic)?;
    let loaded = start.elapsed();
    std::fs::create_dir_all(&out)?;
    let stats = regkb::search::write_index(
        &docs,
        &clauses,
        &regkb::search::Extras::of_docs(&docs),
        &Default::default(),
        &out,
    )?;
    let indexed = start.elapsed();
    if pages {
        write_pages(&docs, &out)?;
    }
    println!(
        "{}",
        serde_json::json!({
            "docs": stats.docs, "index_bytes": stats.index_bytes, "export_bytes": stats.export_bytes,
            "load_ms": loaded.as_millis() as u64, "index_and_export_ms": (indexed - loaded).as_millis() as u64,
        })
    );
    Ok(())
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// One bare page per document URL; documents sharing a page (clauses of the
/// regulation) become sections of it, with their eId as the anchor.
fn write_pages(docs: &[regkb::search::SearchDoc], out: &std::path::Path) -> anyhow::Result<()> {
    let mut pages: std::collections::BTreeMap<&str, String> = Default::default();
    for d in docs {
        let (path, anchor) = d.url.split_once('#').unwrap_or((&d.url, ""));
        let body = escape(&d.body).replace('\n', "</p><p>");
        let section = format!(
            "<section id=\"{anchor}\"><h2>{}</h2><p>{body}</p></section>\n",
            escape(&d.title)
        );
        pages.entry(path).or_default().push_str(&section);
    }
    for (path, sections) in pages {
        let depth = path.matches('/').count();
        let file = out.join(path);
        std::fs::create_dir_all(file.parent().unwrap())?;
        let root = "../".repeat(depth);
        std::fs::write(
            file,
            format!(
                "<!doctype html><html lang=\"zh-CN\" data-root=\"{root}\"><head><meta charset=\"utf-8\"><title>{path}</title></head><body><main>{sections}</main></body></html>\n"
            ),
        )?;
    }
    Ok(())
}
