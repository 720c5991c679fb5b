//! Texts the tantivy index stores for the CLI alone (never exported to the
//! browser): a case's comparison text, read by `regkb similar CASE_ID`.

use super::query::open_reader;
use std::path::Path;
use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value as _};
use tantivy::{TantivyDocument, Term};

/// The comparison text stored with document `doc_id`, if it has one.
pub fn compare_text(search_dir: &Path, doc_id: &str) -> anyhow::Result<Option<String>> {
    let (searcher, f, _) = open_reader(search_dir)?;
    let query = TermQuery::new(
        Term::from_field_text(f.id, doc_id),
        IndexRecordOption::Basic,
    );
    let Some((_, address)) = searcher
        .search(&query, &TopDocs::with_limit(1).order_by_score())?
        .into_iter()
        .next()
    else {
        return Ok(None);
    };
    let doc: TantivyDocument = searcher.doc(address)?;
    Ok(doc
        .get_first(f.compare)
        .and_then(|v| v.as_str())
        .map(str::to_string))
}
