//! `regkb search QUERY [--kind K] [--limit N] [--json] [--site DIR]`: searches
//! the index a build wrote into the site directory.

use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// What to look for: words, a phrase, a citation (第十条第（五）项)
    query: String,
    /// Only this kind: article, clause, annotation, case, risk, guide
    #[arg(long)]
    kind: Option<String>,
    /// At most this many results
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Print a JSON array of {"id","kind","title","url","score"}, best first
    #[arg(long)]
    json: bool,
    /// The built site
    #[arg(long, default_value = "public")]
    site: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let answer =
        crate::search::search_answer(&args.site, &args.query, args.kind.as_deref(), args.limit)?;
    let hits = answer.hits;
    if !args.json && answer.partial {
        let quoted: Vec<String> = answer.words.iter().map(|w| format!("“{w}”")).collect();
        println!(
            "{}",
            crate::diagnostic::pick(
                format!("没有同时包含{}的结果，以下为部分匹配", quoted.join("")),
                format!(
                    "no result has all of {}; these match some of them",
                    quoted.join(" ")
                ),
            )
        );
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&hits)?);
    } else {
        for (i, h) in hits.iter().enumerate() {
            println!("{:>2}. [{}] {}  {}", i + 1, h.kind, h.title, h.url);
        }
        if hits.is_empty() {
            println!("{}", crate::diagnostic::pick("没有找到结果", "no results"));
        }
    }
    Ok(ExitCode::SUCCESS)
}
