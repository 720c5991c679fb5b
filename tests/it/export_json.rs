//! `regkb export json [--ndjson]`: the document and every bulk line against
//! docs/export.schema.json, the lines re-indexed with the project's own tantivy
//! analyzer, the deploy/ mappings, determinism and the errors of all exports.

use super::support::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn export_json(root: &Path, out: &Path, ndjson: bool) -> String {
    let mut args = vec![
        "export",
        "json",
        "--root",
        path(root),
        "--output",
        path(out),
        "--as-of",
        "2026-11-28",
    ];
    if ndjson {
        args.push("--ndjson");
    }
    run_ok(&args);
    std::fs::read_to_string(out).unwrap()
}

fn schema() -> Value {
    serde_json::from_str(&std::fs::read_to_string(repo().join("docs/export.schema.json")).unwrap())
        .unwrap()
}

/// A validator of one of the schema's `$defs` (its local `$ref`s kept working).
fn validator_of(def: Option<&str>) -> jsonschema::Validator {
    let mut s = schema();
    if let Some(def) = def {
        let defs = s["$defs"].clone();
        s = serde_json::json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$defs": defs,
            "$ref": format!("#/$defs/{def}"),
        });
    }
    jsonschema::draft202012::new(&s).expect("the schema compiles")
}

fn assert_valid(v: &jsonschema::Validator, doc: &Value, what: &str) {
    let errors: Vec<String> = v
        .iter_errors(doc)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}:\n{}", errors.join("\n"));
}

#[test]
fn the_json_export_follows_its_schema_and_holds_the_whole_library() {
    let tmp = tempfile::tempdir().unwrap();
    for root in [
        repo(),
        fixture("kb-base"),
        fixture("kb-analysis"),
        fixture("kb-other"),
        fixture("kb-versions"),
    ] {
        let out = tmp.path().join("kb.json");
        let doc: Value = serde_json::from_str(&export_json(&root, &out, false)).unwrap();
        assert_valid(&validator_of(None), &doc, &root.display().to_string());
        let (lib, _) = regkb::library::load(&root).unwrap();
        let len = |k: &str| doc[k].as_array().unwrap().len();
        assert_eq!(
            [
                len("regulations"),
                len("annotations"),
                len("cases"),
                len("risks"),
                len("guides")
            ],
            [
                lib.regulations.iter().filter(|r| r.current).count(),
                lib.annotations.len(),
                lib.cases.len(),
                lib.risks.len(),
                lib.guides.len()
            ]
        );
        for (r, reg) in lib
            .regulations
            .iter()
            .zip(doc["regulations"].as_array().unwrap())
        {
            assert_eq!(
                reg["tree"]["articles"].as_array().unwrap().len(),
                r.tree.articles.len()
            );
        }
        for (c, case) in lib.cases.iter().zip(doc["cases"].as_array().unwrap()) {
            let eids: Vec<&str> = case["clauses"]
                .as_array()
                .unwrap()
                .iter()
                .map(|k| k["eid"].as_str().unwrap())
                .collect();
            let want: Vec<&str> = c.clauses.iter().map(|k| k.eid.as_str()).collect();
            assert_eq!(eids, want, "{}", c.id);
        }
        let stats = &doc["statistics"];
        assert_eq!(stats["total"], lib.cases.len());
        let in_fields: usize = stats["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["cases"].as_array().unwrap().len())
            .sum();
        assert_eq!(in_fields, lib.cases.len());
    }
    // The schema is strict: a key it does not know is refused.
    let out = tmp.path().join("kb.json");
    let mut doc: Value = serde_json::from_str(&export_json(&repo(), &out, false)).unwrap();
    doc["cases"][0]["verdict"] = "x".into();
    assert!(!validator_of(None).is_valid(&doc));
}

/// The documents of an NDJSON export, checked pair by pair: an action line naming
/// the index and the document's id, then the document.
fn ndjson_documents(text: &str, index: &str) -> Vec<Value> {
    let lines: Vec<&str> = text.split_terminator('\n').collect();
    assert!(
        text.ends_with('\n') && lines.len().is_multiple_of(2),
        "pairs of lines"
    );
    let action = validator_of(Some("bulkAction"));
    let document = validator_of(Some("searchDocument"));
    let mut ids = BTreeSet::new();
    let mut docs = Vec::new();
    for (i, pair) in lines.chunks(2).enumerate() {
        let a: Value = serde_json::from_str(pair[0]).unwrap();
        let d: Value = serde_json::from_str(pair[1]).unwrap();
        assert_valid(&action, &a, &format!("action line {}", 2 * i + 1));
        assert_valid(&document, &d, &format!("document line {}", 2 * i + 2));
        assert_eq!(a["create"]["_index"], index);
        assert_eq!(a["create"]["_id"], d["id"]);
        let id = d["id"].as_str().unwrap().to_string();
        assert!(
            id.starts_with(&format!("{}:", d["kind"].as_str().unwrap())),
            "{id}"
        );
        assert!(ids.insert(id.clone()), "{id} twice");
        docs.push(d);
    }
    docs
}

#[test]
fn ndjson_is_pairs_of_valid_lines_one_document_per_article_and_prose_document() {
    let tmp = tempfile::tempdir().unwrap();
    for root in [repo(), fixture("kb-base")] {
        let out = tmp.path().join("bulk.ndjson");
        let docs = ndjson_documents(&export_json(&root, &out, true), "regkb");
        let (lib, _) = regkb::library::load(&root).unwrap();
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for d in &docs {
            *counts.entry(d["kind"].as_str().unwrap()).or_default() += 1;
        }
        let articles: usize = lib.regulations.iter().map(|r| r.tree.articles.len()).sum();
        let want: BTreeMap<&str, usize> = [
            ("article", articles),
            ("annotation", lib.annotations.len()),
            ("case", lib.cases.len()),
            ("risk", lib.risks.len()),
            ("guide", lib.guides.len()),
        ]
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .collect();
        assert_eq!(counts, want, "{}", root.display());
        // Paragraph-level text: every item of every article is in its document.
        for (reg, a) in lib
            .regulations
            .iter()
            .flat_map(|r| r.tree.articles.iter().map(move |a| (r, a)))
        {
            let d = docs
                .iter()
                .find(|d| d["id"] == format!("article:{}/{}", reg.slug, a.eid))
                .unwrap();
            let paras = d["paragraphs"].as_array().unwrap();
            assert_eq!(paras.len(), a.paragraphs.len());
            for (p, jp) in a.paragraphs.iter().zip(paras) {
                assert_eq!(jp["eid"], p.eid.as_str());
                for pt in &p.points {
                    assert!(
                        jp["text"].as_str().unwrap().contains(&pt.text),
                        "{}",
                        pt.eid
                    );
                }
            }
        }
    }
    let out = tmp.path().join("named.ndjson");
    let o = regkb(&[
        "export",
        "json",
        "--ndjson",
        "--index",
        "kb-2026",
        "--root",
        path(&repo()),
        "--output",
        path(&out),
    ]);
    assert!(o.status.success());
    ndjson_documents(&std::fs::read_to_string(&out).unwrap(), "kb-2026");
}

#[test]
fn ndjson_documents_reindexed_with_the_projects_analyzer_are_found() {
    use regkb::search::{DocKind, Extras, SearchDoc};
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("bulk.ndjson");
    let docs = ndjson_documents(&export_json(&repo(), &out, true), "regkb");
    let s = |d: &Value, k: &str| d[k].as_str().map(str::to_string);
    let search_docs: Vec<SearchDoc> = docs
        .iter()
        .map(|d| SearchDoc {
            id: s(d, "id").unwrap(),
            kind: DocKind::parse(d["kind"].as_str().unwrap()).unwrap(),
            title: s(d, "title").unwrap(),
            url: s(d, "url").unwrap(),
            body: s(d, "text").unwrap(),
            field: s(d, "field"),
            action: s(d, "action"),
            outcome: s(d, "outcome"),
            clauses: d["clauses"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap().to_string())
                .collect(),
            date: s(d, "date"),
        })
        .collect();
    let site = tmp.path().join("site");
    regkb::search::write_index(
        &search_docs,
        &[],
        &Extras::of_docs(&search_docs),
        &Default::default(),
        &site,
    )
    .unwrap();
    let index = tantivy::Index::open_in_dir(site.join("search/index")).unwrap();
    regkb::search::schema::register(&index);
    let searcher = index.reader().unwrap().searcher();
    assert_eq!(searcher.num_docs() as usize, docs.len());

    let hits = |q: &str, kind: &str| -> Vec<String> {
        regkb::search::search(&site, q, Some(kind), 10)
            .unwrap()
            .into_iter()
            .map(|h| h.id)
            .collect()
    };
    // Each kind's first document is found by its own title (articles: by the text
    // of an item, which only the paragraph-level text holds).
    for kind in ["annotation", "case", "risk", "guide"] {
        let d = docs.iter().find(|d| d["kind"] == kind).unwrap();
        let (id, title) = (s(d, "id").unwrap(), s(d, "title").unwrap());
        assert!(hits(&title, kind).contains(&id), "{kind}: {title}");
    }
    let (d, item) = docs
        .iter()
        .filter(|d| d["kind"] == "article")
        .find_map(|d| {
            let p = d["paragraphs"]
                .as_array()?
                .iter()
                .find(|p| p["points"].is_array())?;
            Some((
                d,
                p["points"][0]["text"]
                    .as_str()?
                    .trim_start_matches(|c: char| !c.is_alphanumeric() || c.is_ascii_digit())
                    .to_string(),
            ))
        })
        .unwrap();
    let item: String = item
        .chars()
        .filter(|c| c.is_alphanumeric())
        .take(12)
        .collect();
    assert!(
        hits(&item, "article").contains(&s(d, "id").unwrap()),
        "{item}"
    );
    // A field every case of one field shares finds those cases and no other kind.
    let field = docs
        .iter()
        .find_map(|d| s(d, "field").filter(|_| d["kind"] == "case"))
        .unwrap();
    let found = hits(&field, "case");
    assert!(
        !found.is_empty() && found.iter().all(|id| id.starts_with("case:")),
        "{field}: {found:?}"
    );
}

#[test]
fn two_exports_are_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let mut runs = Vec::new();
    for n in 0..2 {
        let dir = tmp.path().join(format!("run{n}"));
        run_ok(&[
            "export",
            "akn",
            "--root",
            path(&repo()),
            "--output",
            path(&dir.join("akn")),
        ]);
        export_json(&repo(), &dir.join("kb.json"), false);
        export_json(&repo(), &dir.join("kb.ndjson"), true);
        runs.push(files(&dir));
    }
    assert_eq!(runs[0].len(), 3);
    assert!(runs[0] == runs[1], "the two exports differ");
}

#[test]
fn an_output_that_cannot_be_written_is_a_coded_chinese_error() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let (under_file, elsewhere) = (file.join("kb.json"), tmp.path().join("x"));
    let cases: [(&[&str], &str); 3] = [
        (&["export", "akn", "--output", path(&file)], "E0911"),
        (&["export", "json", "--output", path(&under_file)], "E0911"),
        (
            &["export", "akn", "--ndjson", "--output", path(&elsewhere)],
            "E0912",
        ),
    ];
    for (args, code) in cases {
        let mut args = args.to_vec();
        let root = repo();
        args.extend(["--root", path(&root)]);
        let o = regkb(&args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains(&format!("error: {code}")), "{args:?}: {err}");
        assert!(err.contains("请"), "says what to do, in Chinese: {err}");
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
}

/// The property names of a JSON Schema object or an OpenSearch mapping, nested ones
/// as `parent.child`; `$ref`s into the schema's `$defs` followed.
fn property_names(node: &Value, defs: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    let node = match node["$ref"]
        .as_str()
        .and_then(|r| r.strip_prefix("#/$defs/"))
    {
        Some(name) => &defs[name],
        None => node,
    };
    let node = if node["type"] == "array" {
        &node["items"]
    } else {
        node
    };
    let node = match node["$ref"]
        .as_str()
        .and_then(|r| r.strip_prefix("#/$defs/"))
    {
        Some(name) => &defs[name],
        None => node,
    };
    if let Some(props) = node["properties"].as_object() {
        for (k, v) in props {
            let name = format!("{prefix}{k}");
            out.insert(name.clone());
            property_names(v, defs, &format!("{name}."), out);
        }
    }
}

#[test]
fn the_deploy_mappings_name_exactly_the_fields_of_a_search_document() {
    let schema = schema();
    let defs = &schema["$defs"];
    let mut want = BTreeSet::new();
    property_names(&defs["searchDocument"], defs, "", &mut want);
    assert!(want.contains("paragraphs.points.text"), "{want:?}");

    let mapping: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("deploy/opensearch-mapping.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(mapping["mappings"]["dynamic"], "strict");
    let mut opensearch = BTreeSet::new();
    property_names(&mapping["mappings"], &Value::Null, "", &mut opensearch);
    assert_eq!(opensearch, want);

    let yaml = std::fs::read_to_string(repo().join("deploy/quickwit-index.yaml")).unwrap();
    let quickwit: BTreeSet<String> = yaml
        .lines()
        .filter_map(|l| l.strip_prefix("    - name: "))
        .map(|n| n.trim().to_string())
        .collect();
    let top: BTreeSet<String> = want.iter().filter(|n| !n.contains('.')).cloned().collect();
    assert_eq!(quickwit, top);
}
