//! Precision@3 of the case pages and of the finder on a labelled set of
//! cases added to a knowledge base (the labels.toml format of
//! tests/fixtures/heldout and tests/fixtures/dev), computed in memory.
//!
//! cargo run --release --example similar_eval -- KB_ROOT CASES_DIR LABELS
//! (SIM_DEBUG=1 prints each case page whose top 3 misses its topic)

use regkb::similar::{Query, model, rank};
use std::collections::BTreeMap;

#[derive(serde::Deserialize)]
struct Labels {
    case: Vec<Label>,
    description: Vec<Desc>,
}
#[derive(serde::Deserialize)]
struct Label {
    id: String,
    topic: String,
}
#[derive(serde::Deserialize)]
struct Desc {
    topic: String,
    text: String,
}

fn main() -> anyhow::Result<()> {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let (kb, cases, labels) = (&a[0], &a[1], &a[2]);
    let tmp = tempfile::tempdir()?;
    let root = tmp.path().join("kb");
    let copy = |from: &std::path::Path, to: &std::path::Path| {
        std::process::Command::new("cp")
            .arg("-r")
            .arg(from)
            .arg(to)
            .status()
            .map(|_| ())
    };
    std::fs::create_dir_all(&root)?;
    copy(&std::path::Path::new(kb).join("content"), &root)?;
    std::fs::copy(
        std::path::Path::new(kb).join("config.toml"),
        root.join("config.toml"),
    )?;
    for e in std::fs::read_dir(cases)? {
        let e = e?;
        std::fs::copy(e.path(), root.join("content/cases").join(e.file_name()))?;
    }
    let labels: Labels = toml::from_str(&std::fs::read_to_string(labels)?)?;
    let (lib, _) = regkb::library::load(&root).map_err(|r| anyhow::anyhow!("{r:?}"))?;
    let (docs, _) = regkb::site::search_docs::documents(&lib);
    let seg = regkb::segment::Segmenter::new(&regkb::site::search_docs::user_words(&lib));
    let built = regkb::similar::site::for_build(
        &lib,
        &docs,
        &seg,
        &regkb::similar::site::compare_texts(&lib),
    );
    let topic: BTreeMap<&str, &str> = labels
        .case
        .iter()
        .map(|c| (c.id.as_str(), c.topic.as_str()))
        .collect();
    let mut sum = 0.0;
    for c in &labels.case {
        let top = &built.lists[&c.id];
        let hits = top
            .iter()
            .take(3)
            .filter(|s| topic.get(s.id.as_str()) == Some(&c.topic.as_str()))
            .count();
        if std::env::var_os("SIM_DEBUG").is_some() && hits < 3 {
            println!(
                "{} {}: {}",
                c.id,
                c.topic,
                top.iter()
                    .take(3)
                    .map(|s| format!(
                        "{}[{}] {:?}",
                        s.id,
                        topic.get(s.id.as_str()).unwrap_or(&"-"),
                        s.reasons.first()
                    ))
                    .collect::<Vec<_>>()
                    .join(" | ")
            );
        }
        sum += hits as f64 / 3.0;
    }
    let case_p3 = sum / labels.case.len() as f64;
    let lex = regkb::search::Extras::lexicon_of(&docs, &seg);
    let mut sum = 0.0;
    for d in &labels.description {
        let words = regkb::segment::query::lexicon_words(
            &d.text,
            &|w| lex.cost(w),
            lex.single,
            lex.max_chars,
        );
        let q = Query {
            terms: model::text_terms(&words, &d.text),
            ..Query::default()
        };
        let top = rank(&built.table, &q, &mut |k| built.model.get(k), 3);
        let hits = top
            .iter()
            .filter(|s| topic.get(built.table.cases[s.case].id.as_str()) == Some(&d.topic.as_str()))
            .count();
        sum += hits as f64 / 3.0;
    }
    println!(
        "case-page P@3 {case_p3:.3}  finder P@3 {:.3}",
        sum / labels.description.len() as f64
    );
    Ok(())
}
