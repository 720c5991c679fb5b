//! Writes a search index and its browser export for a fixture document set:
//! the bundled regulation and content, plus N synthetic cases.
//!
//! cargo run --release --example search_fixture -- OUT_DIR [--synthetic N]
//!
//! Used by the browser test and the benchmark until `regkb build` writes the
//! real site; prints the index figures as JSON.

use std::path::PathBuf;
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let out = PathBuf::from(args.next().ok_or_else(|| anyhow::anyhow!("usage: search_fixture OUT_DIR [--synthetic N]"))?);
    let mut synthetic = 0;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--synthetic" => synthetic = args.next().unwrap_or_default().parse()?,
            other => anyhow::bail!("unknown argument {other}"),
        }
    }
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let start = Instant::now();
    let (docs, clauses) = regkb::search::fixture::bundled(&repo, synthetic)?;
    let loaded = start.elapsed();
    std::fs::create_dir_all(&out)?;
    let stats = regkb::search::write_index(&docs, &clauses, &out)?;
    println!(
        "{}",
        serde_json::json!({
            "docs": stats.docs, "index_bytes": stats.index_bytes, "export_bytes": stats.export_bytes,
            "load_ms": loaded.as_millis() as u64, "index_and_export_ms": (start.elapsed() - loaded).as_millis() as u64,
        })
    );
    Ok(())
}
