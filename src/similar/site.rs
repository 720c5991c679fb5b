//! Similar cases at build time (the model from the library, every case page's
//! list) and over a built site (`regkb similar`: the model read back from the
//! export's `s/` set, the lexicon from `w/`, the case table from
//! `search/cases.js`), so the CLI ranks from the bytes the browser ranks from.

use super::model::{self, Model, TermList};
use super::table::{CaseFacts, CaseTable, case_text};
use super::{PAGE_LIST, Query, Scratch, Similar, rank, rank_with};
use crate::library::Library;
use crate::msg;
use crate::search::citation_query;
use crate::search::encode;
use crate::search::query::read_clauses;
use crate::search::sets::SetReader;
use crate::search::{DocKind, SearchDoc};
use crate::segment::Segmenter;
use anyhow::bail;
use rayon::prelude::*;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::{Arc, Mutex};

/// What the build computes for similar cases before anything is written.
pub struct Built {
    pub table: CaseTable,
    pub facts: CaseFacts,
    /// Each case's `PAGE_LIST` most similar cases, by case id.
    pub lists: BTreeMap<String, Vec<Similar>>,
    /// The model as the export's `s` set: term key → [idf, encoded list].
    pub set: BTreeMap<String, Value>,
    pub model: Model,
}

/// The model over the library's cases and every case page's list.
pub fn for_build(lib: &Library, docs: &[SearchDoc], seg: &Segmenter) -> Built {
    let mut clock = Clock::new();
    let table = CaseTable::build(lib, docs);
    let facts = CaseFacts {
        user_words: seg.user_words().to_vec(),
        texts: lib
            .cases
            .iter()
            .map(|c| (c.id.clone(), case_text(c)))
            .collect(),
    };
    // Table order (by id) is the model's case index. Terms are interned a
    // chunk at a time, so their strings are never all held at once.
    let mut interner = model::Interner::default();
    let mut terms: Vec<Vec<(u32, u32)>> = Vec::with_capacity(table.cases.len());
    for chunk in table.cases.chunks(TERM_CHUNK) {
        let keyed: Vec<Vec<(String, u32)>> = chunk
            .par_iter()
            .map(|c| {
                let text = &facts.texts[&c.id];
                model::text_terms(&seg.words(text), text)
            })
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
        .map(|d| {
            let text = format!("{}\n{}", d.title, d.body);
            model::text_terms(&seg.words(&text), &text)
        })
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
            let query = case_query(&table, c.id.as_str(), heaviest(&table, &model, t));
            let ranked = rank_with(
                scratch,
                &prepared,
                &table,
                &query,
                &mut |k| model.get(k),
                PAGE_LIST,
            );
            (
                c.id.clone(),
                ranked.iter().map(|s| s.similar(&table)).collect(),
            )
        })
        .collect();
    clock.lap("lists");
    let set = model
        .terms
        .iter()
        .map(|(k, l)| (k.clone(), export_entry(l)))
        .collect();
    clock.lap("export entries");
    Built {
        table,
        facts,
        lists,
        set,
        model,
    }
}

/// Cases whose terms are computed between two internings.
const TERM_CHUNK: usize = 4096;

/// A case's terms as the ranking keeps them (`kept_terms`: the heaviest
/// `max_query_terms` by tf weight × idf, ties by key), with their keys: the
/// same query as all its terms, made from ids.
fn heaviest(table: &CaseTable, model: &Model, terms: &[(u32, u32)]) -> Vec<(String, u32)> {
    let w = &table.weights;
    let mut weighed: Vec<(u64, &str, u32)> = terms
        .iter()
        .map(|&(t, c)| {
            let tf = w.tf[(c as usize).min(w.tf.len() - 1)] as u64;
            let idf = model.by_id[t as usize].idf as u64;
            (tf * idf, model.names[t as usize].as_str(), c)
        })
        .collect();
    weighed.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    weighed.truncate(w.max_query_terms);
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

fn export_entry(l: &TermList) -> Value {
    let (cases, weights): (Vec<u32>, Vec<u32>) = l.cases.iter().copied().unzip();
    json!([l.idf, encode::list(&cases, Some(&weights))])
}

/// The query a case page asks: the case's text, field, action, clauses and risk points.
fn case_query(table: &CaseTable, id: &str, terms: Vec<(String, u32)>) -> Query {
    let c = &table.cases[table.find(id).expect("a case of the table")];
    Query {
        terms,
        field: Some(c.field.clone()),
        action: Some(c.action.clone()),
        clauses: c.clauses.clone(),
        risks: c.risks.clone(),
        exclude: Some(c.id.clone()),
    }
}

/// The model read back from a built site's `s/` set, each term once.
struct ExportModel {
    reader: SetReader,
    cache: Mutex<HashMap<String, Option<Arc<TermList>>>>,
}

impl ExportModel {
    fn get(&self, key: &str) -> anyhow::Result<Option<Arc<TermList>>> {
        if let Some(hit) = self.cache.lock().expect("no panics while held").get(key) {
            return Ok(hit.clone());
        }
        let list = self.reader.get("s", key)?.and_then(|v| {
            let idf = v.get(0)?.as_u64()? as u32;
            let cases = encode::decode(v.get(1)?.as_str()?, true);
            Some(Arc::new(TermList { idf, cases }))
        });
        self.cache
            .lock()
            .expect("no panics while held")
            .insert(key.to_string(), list.clone());
        Ok(list)
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
    let (table, facts) = CaseTable::read(&search_dir)?;
    let model = ExportModel {
        reader: SetReader::open(&search_dir)?,
        cache: Mutex::new(HashMap::new()),
    };
    let query = match (&req.case, &req.text) {
        (Some(id), None) => {
            let Some(text) = facts.texts.get(id) else {
                let known: Vec<&str> = table.cases.iter().map(|c| c.id.as_str()).collect();
                bail!(msg!(
                    "E0905",
                    format!(
                        "没有编号为“{id}”的案例；网站中的案例有：{}",
                        known.join("、")
                    ),
                    format!("no case {id:?}; the site has {}", known.join(", ")),
                ));
            };
            let seg = Segmenter::new(&facts.user_words);
            case_query(&table, id, model::text_terms(&seg.words(text), text))
        }
        (None, Some(text)) => Query {
            terms: description_terms(&model.reader, text)?,
            field: req.field.clone(),
            action: req.action.clone(),
            clauses: resolve_clauses(&search_dir, &req.clauses)?,
            risks: req.risks.clone(),
            exclude: None,
        },
        _ => bail!(msg!(
            "E0906",
            "请给出一个案例编号，或用 --text 描述情况（二者选一）",
            "give either a case id or --text",
        )),
    };
    if let Some(f) = &query.field
        && !table.cases.iter().any(|c| &c.field == f)
    {
        let mut fields: Vec<&str> = table.cases.iter().map(|c| c.field.as_str()).collect();
        fields.sort_unstable();
        fields.dedup();
        bail!(msg!(
            "E0907",
            format!("没有领域为“{f}”的案例；现有领域：{}", fields.join("、")),
            format!(
                "no case has the field {f:?}; the fields are {}",
                fields.join(", ")
            ),
        ));
    }
    if let Some(r) = query.risks.iter().find(|r| !table.risks.contains_key(*r)) {
        let known: Vec<&str> = table.risks.keys().map(String::as_str).collect();
        bail!(msg!(
            "E0908",
            format!("没有编号为“{r}”的风险点；现有风险点：{}", known.join("、")),
            format!(
                "no risk point {r:?}; the risk points are {}",
                known.join(", ")
            ),
        ));
    }
    let mut error = None;
    let ranked = rank(
        &table,
        &query,
        &mut |k| {
            model.get(k).unwrap_or_else(|e| {
                error.get_or_insert(e);
                None
            })
        },
        req.limit,
    );
    if let Some(e) = error {
        return Err(e);
    }
    Ok(ranked.iter().map(|s| s.similar(&table)).collect())
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
