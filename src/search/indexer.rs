//! Writes the tantivy index: one tantivy document per `SearchDoc`.

use super::SearchDoc;
use super::schema::{self, Fields};
use anyhow::{Context, bail};
use std::path::Path;
use tantivy::{Directory, Index, TantivyDocument};

/// Arena of each indexing thread: tantivy flushes a segment rather than grow
/// past it (a larger arena only raised the peak memory of a 100k build).
const WRITER_MEMORY: usize = 48 * 1024 * 1024;
/// Below this many documents one thread with tantivy's smallest arena is
/// faster than starting more (what `serve` rebuilds after an edit).
const SMALL: usize = 2000;
const SMALL_MEMORY: usize = 16 * 1024 * 1024;
const MAX_THREADS: usize = 4;

/// Doc numbers: documents sorted by facet signature (kind, 领域, outcome, year,
/// cited articles), then by id. Documents alike in every facet are then one run
/// of numbers, so the browser's facet table is a list of runs, not a record per
/// document (`facets.rs`); ties in the ranking go to the lower doc number, in
/// Rust and in the browser alike.
pub fn doc_numbers(docs: &[SearchDoc]) -> anyhow::Result<Vec<u64>> {
    let keys: Vec<_> = docs.iter().map(super::facets::order_key).collect();
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by(|&a, &b| keys[a].cmp(&keys[b]).then(docs[a].id.cmp(&docs[b].id)));
    let mut ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    ids.sort_unstable();
    for w in ids.windows(2) {
        if w[0] == w[1] {
            bail!("two search documents share the id {:?}", w[0]);
        }
    }
    let mut nums = vec![0; docs.len()];
    for (rank, &i) in order.iter().enumerate() {
        nums[i] = rank as u64;
    }
    Ok(nums)
}

/// Writes the index into `index_dir` and returns it open, for the export to read.
/// `compare`: texts stored with some documents (by id), not indexed.
///
/// A small site (what `serve` rebuilds after an edit) is indexed in memory and
/// its files then written out plainly: tantivy's directory on disk syncs every
/// file it closes (19 `fdatasync`s for the bundled site: 6 ms on this machine's
/// disk, `strace -c`, but each waits for the device on a laptop's disk or a
/// share). The site is published by a rename and nothing reads it before, so
/// those syncs buy nothing; a large index stays on disk (its memory counts).
pub fn write(
    docs: &[SearchDoc],
    compare: &std::collections::BTreeMap<String, String>,
    index_dir: &Path,
) -> anyhow::Result<Index> {
    if index_dir.exists() {
        std::fs::remove_dir_all(index_dir)
            .with_context(|| format!("cannot clear {}", index_dir.display()))?;
    }
    std::fs::create_dir_all(index_dir)
        .with_context(|| format!("cannot create {}", index_dir.display()))?;
    let small = docs.len() < SMALL;
    let index = if small {
        Index::create_in_ram(schema::build())
    } else {
        Index::create_in_dir(index_dir, schema::build())?
    };
    schema::register_for_writing(&index);
    let f = Fields::of(&index.schema())?;
    let nums = doc_numbers(docs)?;
    // Several indexing threads halve the time on two cores; the segments they
    // write change neither the export (doc numbers come from the documents) nor the
    // ranking (statistics are summed over segments).
    let (threads, arena) = if small {
        (1, SMALL_MEMORY)
    } else {
        let n = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(MAX_THREADS);
        (n, WRITER_MEMORY)
    };
    let mut writer = index.writer_with_num_threads::<TantivyDocument>(threads, threads * arena)?;
    for (doc, &num) in docs.iter().zip(&nums) {
        let mut t = TantivyDocument::default();
        t.add_text(f.id, &doc.id);
        t.add_u64(f.num, num);
        t.add_text(f.kind, doc.kind.as_str());
        t.add_text(f.title, &doc.title);
        t.add_text(f.body, &doc.body);
        t.add_text(f.pairs, &doc.title);
        t.add_text(f.pairs, &doc.body);
        t.add_text(f.url, &doc.url);
        for (field, value) in [
            (f.field, &doc.field),
            (f.action, &doc.action),
            (f.outcome, &doc.outcome),
            (f.date, &doc.date),
        ] {
            if let Some(v) = value {
                t.add_text(field, v);
            }
        }
        for c in &doc.clauses {
            t.add_text(f.clauses, c);
        }
        if let Some(text) = compare.get(&doc.id) {
            t.add_text(f.compare, text);
        }
        writer.add_document(t)?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    if small {
        copy_out(&index, index_dir)?;
    }
    Ok(index)
}

/// The files of an index held in memory, written into `dir`: every file tantivy
/// manages (the segments' components) and its two bookkeeping files.
fn copy_out(index: &Index, dir: &Path) -> anyhow::Result<()> {
    let from = index.directory();
    let mut files: Vec<std::path::PathBuf> = from.list_managed_files().into_iter().collect();
    files.extend(["meta.json", ".managed.json"].map(Into::into));
    files.sort();
    files.dedup();
    for file in files {
        if !from.exists(&file)? {
            continue;
        }
        let bytes = from.atomic_read(&file)?;
        let to = dir.join(&file);
        std::fs::write(&to, bytes).with_context(|| format!("cannot write {}", to.display()))?;
    }
    Ok(())
}
