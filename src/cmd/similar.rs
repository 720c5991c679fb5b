//! `regkb similar CASE_ID | --text "…" [--field F] [--action A] [--clause C …]
//! [--risk R …] [--limit N] [--json] [--site DIR]`: the cases most similar to a
//! bundled case or to a description, ranked as the case pages and the finder rank them.

use crate::similar::site::{Request, similar};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// A case id (2025-007): the cases its page lists
    #[arg(conflicts_with = "text", required_unless_present = "text")]
    case: Option<String>,
    /// A description of a situation, in plain Chinese
    #[arg(long)]
    text: Option<String>,
    /// 领域, as the cases write it (校外培训监管)
    #[arg(long, requires = "text")]
    field: Option<String>,
    /// 行政检查 | 行政处罚 | 行政强制 | 其他
    #[arg(long, requires = "text")]
    action: Option<String>,
    /// A clause, as a citation (第十条第一款第（五）项) or an eId; repeatable
    #[arg(long = "clause", requires = "text")]
    clauses: Vec<String>,
    /// A risk point id (concealed-records); repeatable
    #[arg(long = "risk", requires = "text")]
    risks: Vec<String>,
    /// At most this many cases
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Print a JSON array of {"id","title","url","outcome","score","reasons"}, best first
    #[arg(long)]
    json: bool,
    /// The built site
    #[arg(long, default_value = "public")]
    site: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let req = Request {
        case: args.case,
        text: args.text,
        field: args.field,
        action: args.action,
        clauses: args.clauses,
        risks: args.risks,
        limit: args.limit,
    };
    let found = similar(&args.site, &req)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&found)?);
    } else {
        for (i, s) in found.iter().enumerate() {
            println!(
                "{:>2}. {} {}  [{}]  {}",
                i + 1,
                s.id,
                s.title,
                s.outcome,
                s.score
            );
            println!("    {}", s.reasons.join("；"));
        }
        if found.is_empty() {
            println!(
                "{}",
                crate::diagnostic::pick("没有相似的案例", "no similar cases")
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
