//! Similar cases at build time (the model from the library, every case page's
//! list, what the export ships) and over a built site (`regkb similar`: the
//! model, metadata and rows read back through `reader::SiteCases`, the lexicon
//! from `w/`), so the CLI ranks from the bytes the browser ranks from.

use super::export;
use super::model::{self, Model};
use super::reader::SiteCases;
use super::table::{CaseTable, case_text};
use super::{PAGE_LIST, Query, Scratch, Similar, rank_table, rank_with};
use crate::library::Library;
use crate::msg;
use crate::search::citation_query;
use crate::search::query::read_clauses;
use crate::search::sets::{SetReader, not_built, not_ours};
use crate::search::{DocKind, KeyedSet, SearchDoc};
use crate::segment::Segmenter;
use anyhow::{Context, bail};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// What the build computes for similar cases before anything is written.
pub struct Built {
    pub table: CaseTable,
    /// The segmenter's user words (`index/user-words.json`).
    pub user_words: Vec<String>,
    /// Each case's `PAGE_LIST` most similar cases, by case id.
    pub lists: BTreeMap<String, Vec<Similar>>,
    /// The export's sets `i` (model) and `m` (metadata), and the long lists of `s/`.
    pub sets: Vec<KeyedSet>,
    pub lists_files: Vec<String>,
    pub model: Model,
}

/// `model::text_terms` of a text cut by `seg`, kept for `serve`'s next rebuild.
fn terms_of(seg: &Segmenter, text: &str) -> Vec<(String, u32)> {
    static TERMS: crate::memo::Memo<Vec<(String, u32)>> = crate::memo::Memo::new();
    let key = || format!("{}\0{text}", seg.user_words().join("\n"));
    TERMS.get_or(key, || model::text_terms(&seg.words(text), text))
}

/// The search document id of a case, which its comparison text is stored under.
fn compare_key(case_id: &str) -> String {
    format!("case:{case_id}")
}

/// Each case's comparison text, by search document id: stored in the index
/// (what `regkb similar CASE_ID` compares), and the text the model reads.
pub fn compare_texts(lib: &Library) -> crate::search::Compare {
    lib.cases
        .par_iter()
        .map(|c| (compare_key(&c.id), case_text(c)))
        .collect()
}

/// The model over the library's cases and every case page's list; `compare`
/// is `compare_texts(lib)`.
pub fn for_build(
    lib: &Library,
    docs: &[SearchDoc],
    seg: &Segmenter,
    compare: &crate::search::Compare,
) -> Built {
    let mut clock = Clock::new();
    let table = CaseTable::build(lib, docs);
    // Table order (by id) is the model's case index. Terms are interned a
    // chunk at a time, so their strings are never all held at once.
    let mut interner = model::Interner::default();
    let mut terms: Vec<Vec<(u32, u32)>> = Vec::with_capacity(table.cases.len());
    for chunk in table.cases.chunks(TERM_CHUNK) {
        let keyed: Vec<Vec<(String, u32)>> = chunk
            .par_iter()
            .map(|c| terms_of(seg, &compare[&compare_key(&c.id)]))
            .collect();
        terms.extend(keyed.into_iter().map(|t| interner.intern(t)));
    }
    clock.lap("terms");
    let background: Vec<Vec<(String, u32)>> = docs
        .par_iter()
        .filter(|d| {
            matches!(
                d.kind,
                DocKind::Article | DocKind::Annotation | DocKind::Guide
            )
        })
        .map(|d| terms_of(seg, &format!("{}\n{}", d.title, d.body)))
        .collect();
    clock.lap("background");
    let background_df = interner.df_in(&background);
    let model = Model::from_interned(
        &terms,
        &background_df,
        background.len(),
        interner.into_names(),
    );
    drop(background);
    let prepared = super::prepared::Prepared::new(&table);
    clock.lap("model");
    let lists = table
        .cases
        .par_iter()
        .zip(terms.par_iter())
        .map_init(Scratch::default, |scratch, (c, t)| {
            let query = case_query(c, heaviest(&table, &model, t));
            let ranked = rank_table(
                scratch,
                &prepared,
                &table,
                &query,
                &mut |k| model.get(k),
                PAGE_LIST,
            );
            (
                c.id.clone(),
                ranked
                    .iter()
                    .map(|s| s.similar(&table.cases[s.case]))
                    .collect(),
            )
        })
        .collect();
    clock.lap("lists");
    let (model_set, lists_files) = export::model_set(&model);
    let sets = vec![model_set, export::meta_set(&table)];
    clock.lap("export entries");
    Built {
        table,
        user_words: seg.user_words().to_vec(),
        lists,
        sets,
        lists_files,
        model,
    }
}

/// Cases whose terms are computed between two internings.
const TERM_CHUNK: usize = 4096;

/// A case's terms as the ranking keeps them (`kept_terms`: the heaviest
/// `max_query_terms` by tf weight × idf, ties by key), with their keys: the
/// same query as all its terms, made from ids.
fn heaviest(table: &CaseTable, model: &Model, terms: &[(u32, u32)]) -> Vec<(String, u32)> {
    let w = &table.head.weights;
    let mut weighed: Vec<(u64, &str, u32)> = terms
        .iter()
        .map(|&(t, c)| {
            let idf = model.by_id[t as usize].idf as u64;
            (super::tf(w, c) * idf, model.names[t as usize].as_str(), c)
        })
        .collect();
    super::keep_heaviest(w, &mut weighed);
    weighed
        .into_iter()
        .map(|(_, k, c)| (k.to_string(), c))
        .collect()
}

/// Sub-stage times on stderr when `REGKB_TIMINGS` is set (bench/similar figures).
struct Clock(Option<std::time::Instant>);

impl Clock {
    fn new() -> Clock {
        Clock(std::env::var_os("REGKB_TIMINGS").map(|_| std::time::Instant::now()))
    }
    fn lap(&mut self, what: &str) {
        if let Some(t) = self.0 {
            eprintln!("    similar, {what}: {} ms", t.elapsed().as_millis());
            self.0 = Some(std::time::Instant::now());
        }
    }
}

/// The query a case page asks: the case's text, field, action, clauses and risk points.
fn case_query(c: &super::CaseRow, terms: Vec<(String, u32)>) -> Query {
    Query {
        terms,
        field: Some(c.field.clone()),
        action: Some(c.action.clone()),
        clauses: c.clauses.clone(),
        risks: c.risks.clone(),
        exclude: Some(c.id.clone()),
    }
}

/// What `regkb similar` asks for.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub case: Option<String>,
    pub text: Option<String>,
    pub field: Option<String>,
    pub action: Option<String>,
    /// Citations (第十条第一款第（五）项) or eIds.
    pub clauses: Vec<String>,
    /// Risk point ids.
    pub risks: Vec<String>,
    pub limit: usize,
}

/// `regkb similar` over the site a build wrote.
pub fn similar(site: &Path, req: &Request) -> anyhow::Result<Vec<Similar>> {
    let search_dir = site.join("search");
    let cases = SiteCases::open(&search_dir)?;
    let head = &cases.head;
    let (query, exclude) = match (&req.case, &req.text) {
        (Some(id), None) => {
            let (i, row) = match cases.find(id)? {
                Ok(i) => (i, cases.row(i)?),
                Err(near) => {
                    let known = match cases.all_ids(50)? {
                        Some(all) => all.join("、"),
                        None => format!("{}…（共 {} 个）", near.join("、"), head.count),
                    };
                    bail!(msg!(
                        "E0905",
                        format!("没有编号为“{id}”的案例；网站中的案例有：{known}"),
                        format!("no case {id:?}; the site has {known}"),
                    ));
                }
            };
            let text = crate::search::stored::compare_text(&search_dir, &compare_key(id))?
                .with_context(|| not_ours(&search_dir.join("index")))?;
            let words = search_dir.join(export::USER_WORDS);
            let words = std::fs::read_to_string(&words).with_context(|| not_built(&words))?;
            let words: Vec<String> = serde_json::from_str(&words)
                .with_context(|| not_ours(&search_dir.join(export::USER_WORDS)))?;
            let seg = Segmenter::new(&words);
            let terms = model::text_terms(&seg.words(&text), &text);
            (case_query(&row, terms), Some(i))
        }
        (None, Some(text)) => (
            Query {
                terms: description_terms(&cases.sets, text)?,
                field: req.field.clone(),
                action: req.action.clone(),
                clauses: resolve_clauses(&search_dir, &req.clauses)?,
                risks: req.risks.clone(),
                exclude: None,
            },
            None,
        ),
        _ => bail!(msg!(
            "E0906",
            "请给出一个案例编号，或用 --text 描述情况（二者选一）",
            "give either a case id or --text",
        )),
    };
    if let Some(f) = &query.field
        && !cases.has('f', f)?
    {
        let fields = head.fields.join("、");
        bail!(msg!(
            "E0907",
            format!("没有领域为“{f}”的案例；现有领域：{fields}"),
            format!("no case has the field {f:?}; the fields are {fields}"),
        ));
    }
    if let Some(r) = query.risks.iter().find(|r| !head.risks.contains_key(*r)) {
        let known: Vec<&str> = head.risks.keys().map(String::as_str).collect();
        bail!(msg!(
            "E0908",
            format!("没有编号为“{r}”的风险点；现有风险点：{}", known.join("、")),
            format!(
                "no risk point {r:?}; the risk points are {}",
                known.join(", ")
            ),
        ));
    }
    let bonus = cases.bonus(&query)?;
    let mut error = None;
    let ranked = rank_with(
        &mut Scratch::default(),
        head,
        &query,
        &mut |k| {
            cases.term(k).unwrap_or_else(|e| {
                error.get_or_insert(e);
                None
            })
        },
        &|i| bonus[i],
        exclude,
        req.limit,
    );
    if let Some(e) = error {
        return Err(e);
    }
    let rows: HashMap<usize, super::CaseRow> = ranked
        .top
        .iter()
        .map(|&(_, i)| cases.row(i).map(|r| (i, r)))
        .collect::<anyhow::Result<_>>()?;
    Ok(ranked
        .scored(head, &query, |i| &rows[&i])
        .iter()
        .map(|s| s.similar(&rows[&s.case]))
        .collect())
}

/// A description's terms: its words cut with the shipped lexicon (what the
/// browser's finder does), and its bigrams.
pub fn description_terms(reader: &SetReader, text: &str) -> anyhow::Result<Vec<(String, u32)>> {
    let chars = crate::segment::query::all_chars(text);
    let lex = crate::search::query::LexiconGroups::read(reader, &chars)?;
    let words = crate::segment::query::lexicon_words(text, &|w| lex.cost(w), lex.single, lex.max);
    Ok(model::text_terms(&words, text))
}

/// Citations in plain Chinese (or eIds) → eIds, with the clause table of the export.
fn resolve_clauses(search_dir: &Path, given: &[String]) -> anyhow::Result<Vec<String>> {
    if given.is_empty() {
        return Ok(Vec::new());
    }
    let table = read_clauses(search_dir)?;
    let mut out = Vec::new();
    for g in given {
        if table.iter().any(|c| &c.eid == g) {
            out.push(g.clone());
            continue;
        }
        let found = citation_query::jumps(g, &table);
        if found.is_empty() {
            bail!(msg!(
                "E0909",
                format!("“{g}”不是该规定中的条款：请写作 第十条第一款第（五）项"),
                format!(
                    "{g:?} names no clause of the regulation (write it like 第十条第一款第（五）项)"
                ),
            ));
        }
        out.extend(found.into_iter().map(|c| c.eid.clone()));
    }
    out.dedup();
    Ok(out)
}
