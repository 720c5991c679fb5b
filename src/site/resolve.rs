//! The resolve stage, right after `library::load`: everything the outputs read
//! that is computed from the whole library — the search documents and clause
//! table (with each clause's related documents from the citation graph), the
//! lexicon, the similar-case model and every case page's list, and the
//! statistics with their flags. `build` formats these; `check` runs the same
//! stage and reports the flags, so it knows everything a build would.

use crate::analysis::Analysis;
use crate::content::date::Date;
use crate::diagnostic::pick;
use crate::library::Library;
use crate::search::{ClauseEntry, Compare, SearchDoc};
use crate::segment::{Lexicon, Segmenter};
use crate::similar::site::Built;

pub struct Resolved {
    pub docs: Vec<SearchDoc>,
    pub clauses: Vec<ClauseEntry>,
    pub compare: Compare,
    pub rest: Rest,
}

/// What the resolve stage computes after the search documents.
pub struct Rest {
    pub lexicon: Lexicon,
    pub similar: Built,
    pub analysis: Analysis,
}

pub fn resolve(lib: &Library, as_of: Date) -> Resolved {
    let (docs, clauses, compare) = documents(lib);
    let rest = rest(lib, as_of, &docs, &compare);
    Resolved {
        docs,
        clauses,
        compare,
        rest,
    }
}

/// The first step: the search documents, the clause table and the cases'
/// comparison texts, which are all the tantivy index needs (`build` starts it
/// here, beside `rest`).
pub fn documents(lib: &Library) -> (Vec<SearchDoc>, Vec<ClauseEntry>, Compare) {
    let (docs, clauses) = super::search_docs::documents(lib);
    (docs, clauses, crate::similar::site::compare_texts(lib))
}

/// The rest: the lexicon, the similar-case model and lists, the statistics.
pub fn rest(lib: &Library, as_of: Date, docs: &[SearchDoc], compare: &Compare) -> Rest {
    let seg = Segmenter::new(&super::search_docs::user_words(lib));
    let similar = crate::similar::site::for_build(lib, docs, &seg, compare);
    let lexicon = crate::search::Extras::lexicon_of(docs, &seg);
    Rest {
        lexicon,
        similar,
        analysis: Analysis::compute(lib, as_of),
    }
}

/// The statistics flags in one line each (what `check` prints): risk points
/// that recur, fields where cases concentrate.
pub fn flags(lib: &Library, an: &Analysis) -> Vec<String> {
    let c = &lib.config.analysis;
    let mut out = Vec::new();
    for r in an.risks.iter().filter(|r| r.recurring) {
        let (id, n) = (&lib.risks[r.risk].id, r.cases.len());
        let (k, months) = (c.recurrence_cases, c.recurrence_months);
        out.push(pick(
            format!("风险点“{id}”反复出现：共 {n} 个案例，{months} 个月内至少 {k} 个"),
            format!("risk point {id:?} recurs: {n} cases, at least {k} within {months} months"),
        ));
    }
    for f in an.fields.iter().filter(|f| f.concentrated) {
        let (name, n, total, pct) = (&f.name, f.cases.len(), an.total, f.share * 100.0);
        out.push(pick(
            format!("领域“{name}”案例集中：{total} 个案例中占 {n} 个（{pct:.1}%）"),
            format!("field {name:?} concentrates cases: {n} of {total} ({pct:.1}%)"),
        ));
    }
    out
}
