//! Real published regulations parse into the trees their fixtures record.

use regkb::regulation::{Regulation, parse};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
struct Expected {
    #[allow(dead_code)]
    source: String,
    title: String,
    #[serde(default)]
    notes: usize,
    #[serde(default)]
    parts: usize,
    chapters: usize,
    sections: usize,
    articles: usize,
    /// Articles with a caption (条标题).
    #[serde(default)]
    headings: usize,
    #[serde(default)]
    annexes: usize,
    /// Lines the parser must warn about (duplicate, out-of-order or missing numbers).
    #[serde(default)]
    warnings: Vec<usize>,
    #[serde(default)]
    article: Vec<ExpectedArticle>,
}

#[derive(Deserialize)]
struct ExpectedArticle {
    num: String,
    eid: String,
    items_per_paragraph: Vec<usize>,
    chapter: Option<String>,
    section: Option<String>,
    heading: Option<String>,
}

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/regulations");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".expected.toml"))
        .collect();
    v.sort();
    v
}

fn load(expected: &Path) -> (Regulation, Expected) {
    let text_path = PathBuf::from(expected.to_string_lossy().replace(".expected.toml", ".txt"));
    let reg = parse(&std::fs::read_to_string(&text_path).unwrap());
    let exp: Expected = toml::from_str(&std::fs::read_to_string(expected).unwrap()).unwrap();
    (reg, exp)
}

#[test]
fn at_least_four_real_regulations_besides_the_seed() {
    assert!(fixtures().len() >= 4);
}

#[test]
fn real_regulations_parse_to_their_recorded_counts() {
    for path in fixtures() {
        let (reg, exp) = load(&path);
        let name = path.file_name().unwrap().to_string_lossy();
        assert_eq!(reg.title, exp.title, "{name}");
        assert_eq!(reg.chapters.len(), exp.chapters, "{name} chapters");
        let sections: usize = reg.chapters.iter().map(|c| c.sections.len()).sum();
        assert_eq!(sections, exp.sections, "{name} sections");
        assert_eq!(reg.notes.len(), exp.notes, "{name} notes");
        assert_eq!(reg.parts.len(), exp.parts, "{name} parts");
        assert_eq!(reg.articles.len(), exp.articles, "{name} articles");
        let headings = reg.articles.iter().filter(|a| a.heading.is_some()).count();
        assert_eq!(headings, exp.headings, "{name} captions");
        assert_eq!(reg.annexes.len(), exp.annexes, "{name} annexes");
        let warned: Vec<usize> = reg.warnings.iter().map(|w| w.line).collect();
        assert_eq!(warned, exp.warnings, "{name} warnings");
        if exp.warnings.is_empty() {
            assert_eq!(reg.articles[0].num, "第一条", "{name}");
            for pair in reg.articles.windows(2) {
                let (a, b) = (pair[0].number, pair[1].number);
                let next = (b.number == a.number + 1 && b.suffix == 0)
                    || (b.number == a.number && b.suffix == a.suffix + 1);
                assert!(next, "{name}: {} follows {}", pair[1].num, pair[0].num);
            }
        }
        for ea in &exp.article {
            let a = reg
                .articles
                .iter()
                .find(|a| a.eid == ea.eid)
                .unwrap_or_else(|| panic!("{name}: {}", ea.eid));
            assert_eq!(a.num, ea.num, "{name}");
            let items: Vec<usize> = a.paragraphs.iter().map(|p| p.points.len()).collect();
            assert_eq!(items, ea.items_per_paragraph, "{name} {}", ea.num);
            if let Some(c) = &ea.chapter {
                assert_eq!(a.chapter.as_ref(), Some(c), "{name} {}", ea.num);
            }
            if let Some(s) = &ea.section {
                assert_eq!(a.section.as_ref(), Some(s), "{name} {}", ea.num);
            }
            if let Some(h) = &ea.heading {
                assert_eq!(a.heading.as_ref(), Some(h), "{name} {}", ea.num);
            }
        }
    }
}

#[test]
fn inspect_json_snapshots() {
    for path in fixtures() {
        let (reg, _) = load(&path);
        let name = path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .replace(".expected.toml", "");
        insta::assert_json_snapshot!(name, reg);
    }
    let seed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/regulations/xilingol-seed.txt"
    ))
    .unwrap();
    insta::assert_json_snapshot!("xilingol-seed", parse(&seed));
}
