//! Exports, an output stage like the site: the library as Akoma Ntoso 3.0 XML (one
//! file per regulation), as one JSON document, or as bulk-index NDJSON. Each is a
//! function of the loaded `Library` (and the resolved statistics); none reads
//! `content/` or resolves a citation. Output is sorted and carries no timestamp.

pub mod akn;
pub mod json;
pub mod ndjson;
pub mod sections;
pub mod xml;

use crate::diagnostic::{Message, io_reason_zh};
use crate::library::resolve::Target;
use crate::library::{Library, RegulationDoc};
use crate::msg;
use crate::site::resolve::Resolved;
use std::path::{Path, PathBuf};

/// The Akoma Ntoso document of each regulation, as (file name, XML), in the
/// library's order.
pub fn akn_documents(lib: &Library) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = lib
        .regulations
        .iter()
        .filter(|r| r.current)
        .map(|r| (format!("{}.xml", r.slug), akn_of(lib, r)))
        .collect();
    // A regulation amended: every version as its own expression, `<slug>@<effective>.xml`.
    for r in lib.regulations.iter().filter(|r| r.versions.len() > 1) {
        out.push((
            format!("{}@{}.xml", r.slug, r.front.effective),
            akn_of(lib, r),
        ));
    }
    out
}

/// The first version of a regulation's family: the work is named by its issue date.
fn first_version<'a>(lib: &'a Library, reg: &'a RegulationDoc) -> &'a RegulationDoc {
    reg.versions.first().map_or(reg, |&v| &lib.regulations[v])
}

/// The Akoma Ntoso work IRI of a regulation (the same for all its versions).
pub fn akn_work(lib: &Library, reg: &RegulationDoc) -> String {
    akn::work_iri(first_version(lib, reg).front.issued, &reg.slug)
}

/// One version of a regulation as one expression.
fn akn_of(lib: &Library, reg: &RegulationDoc) -> String {
    let meta = akn::ExpressionMeta {
        slug: &reg.slug,
        title: &reg.front.title,
        issuer: &reg.front.issuer,
        doc_number: &reg.front.doc_number,
        issued: first_version(lib, reg).front.issued,
        published: reg.front.published,
        effective: reg.front.effective,
    };
    akn::expression(&reg.tree, &meta, &refs_of(lib, reg))
}

/// The citations the loader resolved in a regulation's own text, as links to the
/// cited clause's IRI (`<work>/!main~art_10`); a citation of several clauses
/// links its first, one of another instrument is left as text.
fn refs_of(lib: &Library, reg: &RegulationDoc) -> akn::Refs {
    let mut refs = akn::Refs::new();
    for (eid, found) in &reg.links {
        let spans: Vec<_> = found
            .iter()
            .filter_map(|f| match &f.target {
                Ok(Target::Clauses(keys)) => keys.first().map(|k| {
                    let to = lib.regulation(k);
                    let work = akn::work_iri(to.front.issued, &to.slug);
                    (f.span.clone(), format!("{work}/!main~{}", k.eid))
                }),
                _ => None,
            })
            .collect();
        if !spans.is_empty() {
            refs.insert(eid.clone(), spans);
        }
    }
    refs
}

/// Writes `<slug>.xml` for every regulation into `dir` (created if need be);
/// other files there are left alone. Returns the files written.
pub fn write_akn(lib: &Library, dir: &Path) -> Result<Vec<PathBuf>, Message> {
    std::fs::create_dir_all(dir).map_err(|e| cannot_write(dir, &e))?;
    let mut written = Vec::new();
    for (name, xml) in akn_documents(lib) {
        let path = dir.join(name);
        std::fs::write(&path, xml).map_err(|e| cannot_write(&path, &e))?;
        written.push(path);
    }
    Ok(written)
}

/// The JSON document (`docs/export.schema.json`), pretty-printed, ending in a newline.
pub fn json_document(lib: &Library, resolved: &Resolved) -> String {
    let export = json::export(lib, &resolved.rest.analysis);
    let mut s = serde_json::to_string_pretty(&export).expect("the export serialises");
    s.push('\n');
    s
}

/// The bulk-index lines for the index named `index`.
pub fn ndjson_lines(lib: &Library, index: &str) -> String {
    ndjson::lines(lib, index).expect("the documents serialise")
}

/// Writes `text` to `file`, creating its folder.
pub fn write_file(file: &Path, text: &str) -> Result<(), Message> {
    if let Some(parent) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| cannot_write(parent, &e))?;
    }
    std::fs::write(file, text).map_err(|e| cannot_write(file, &e))
}

fn cannot_write(path: &Path, e: &std::io::Error) -> Message {
    let p = path.display();
    msg!(
        "E0911",
        format!(
            "无法写出 {p}：{}。请检查 --output 指向的位置是否可写、是否与已有的文件或文件夹冲突、磁盘是否已满",
            io_reason_zh(e)
        ),
        format!(
            "cannot write {p}: {e}; check that --output is writable and does not clash with an existing file or folder"
        ),
    )
}
