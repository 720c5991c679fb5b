//! The personal-data guard over a folder of texts that should hold none (e.g. the
//! official statutes of LawRefBook/Laws): findings per code, with a few examples
//! each, to count false positives on text nobody wrote for the guard.
//!   cargo run --release --example guard_scan -- DIR [EXAMPLES]

use regkb::anonymize;
use regkb::config::AnonymizeConfig;
use std::collections::BTreeMap;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: guard_scan DIR [EXAMPLES]");
    let shown: usize = args
        .next()
        .map_or(3, |n| n.parse().expect("EXAMPLES is a number"));
    let config = AnonymizeConfig::default();
    let mut by_code: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let (mut files, mut bytes, mut with_findings) = (0, 0, 0);
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.expect("a readable folder");
        if entry.path().extension().is_none_or(|x| x != "md") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        files += 1;
        bytes += text.len();
        let found = anonymize::scan(&text, &config);
        with_findings += usize::from(!found.is_empty());
        for f in found {
            let from = text.floor_char_boundary(f.start.saturating_sub(30));
            let to = text.ceil_char_boundary((f.end + 30).min(text.len()));
            let context = text[from..to].replace('\n', " ");
            let at = entry
                .path()
                .strip_prefix(&dir)
                .unwrap_or(entry.path())
                .display();
            by_code
                .entry(f.message.code)
                .or_default()
                .push(format!("{at}: …{context}… [{}]", &text[f.start..f.end]));
        }
    }
    println!(
        "{files} files, {:.1} MB, {with_findings} with a finding",
        bytes as f64 / 1e6
    );
    for (code, hits) in &by_code {
        println!("{code}: {} findings", hits.len());
        for h in hits.iter().take(shown) {
            println!("    {h}");
        }
    }
}
