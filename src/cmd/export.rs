//! `regkb export akn|json [--ndjson] --output PATH`: the knowledge base as Akoma
//! Ntoso XML (a folder, one file per regulation), as one JSON document, or as
//! bulk-index NDJSON (docs/export.md).

use super::SiteArgs;
use crate::diagnostic::pick;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// akn (Akoma Ntoso 3.0, one XML file per regulation) or json
    #[arg(value_parser = ["akn", "json"])]
    format: String,
    #[command(flatten)]
    site: SiteArgs,
    /// akn: the folder to write into; json: the file to write
    #[arg(long)]
    output: PathBuf,
    /// json only: bulk-index lines (OpenSearch, Elasticsearch, Quickwit) instead of one document
    #[arg(long)]
    ndjson: bool,
    /// --ndjson: the index the action lines name
    #[arg(long, default_value = "regkb")]
    index: String,
    /// Date for rectification states (default: config.toml's as_of, else today)
    #[arg(long, value_parser = super::parse_date)]
    as_of: Option<crate::content::date::Date>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.ndjson && args.format != "json" {
        anyhow::bail!(crate::msg!(
            "E0912",
            "--ndjson 只能与 export json 一起使用：请写作 regkb export json --ndjson --output 文件",
            "--ndjson goes with export json: regkb export json --ndjson --output FILE",
        ));
    }
    let (lib, report) = match crate::library::load_as_of(&args.site.root, args.as_of) {
        Ok(loaded) => loaded,
        Err(report) => {
            eprintln!("{report}");
            return Ok(ExitCode::FAILURE);
        }
    };
    if !report.diagnostics.is_empty() {
        eprintln!("{report}");
    }
    let out = args.output.display();
    let summary = if args.format == "akn" {
        let files = crate::export::write_akn(&lib, &args.output)?;
        let n = files.len();
        pick(
            format!("已导出 {n} 部法规的 Akoma Ntoso 文件，写入 {out}"),
            format!("exported {n} regulation(s) as Akoma Ntoso into {out}"),
        )
    } else if args.ndjson {
        let lines = crate::export::ndjson_lines(&lib, &args.index);
        crate::export::write_file(&args.output, &lines)?;
        let n = lines.lines().count() / 2;
        pick(
            format!(
                "已导出 {n} 篇检索文档（NDJSON，索引 {}），写入 {out}",
                args.index
            ),
            format!(
                "exported {n} search documents (NDJSON, index {}) into {out}",
                args.index
            ),
        )
    } else {
        let as_of = args
            .as_of
            .or(lib.config.as_of)
            .unwrap_or_else(crate::content::date::Date::today);
        let resolved = crate::site::resolve::resolve(&lib, as_of);
        crate::export::write_file(&args.output, &crate::export::json_document(&lib, &resolved))?;
        pick(
            format!("已导出整个知识库（JSON，截至 {as_of}），写入 {out}"),
            format!("exported the knowledge base (JSON, as of {as_of}) into {out}"),
        )
    };
    println!("{summary}");
    Ok(ExitCode::SUCCESS)
}
