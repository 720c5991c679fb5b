use super::SiteArgs;
use crate::diagnostic::pick;
use crate::site::{BuildOptions, build};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    site: SiteArgs,
    /// Where to write the site; replaced only when the build succeeds
    #[arg(long)]
    output: Option<PathBuf>,
    /// Date for rectification states (default: config.toml's as_of, else today)
    #[arg(long, value_parser = super::parse_date)]
    as_of: Option<crate::content::date::Date>,
}

impl Args {
    pub fn options(&self) -> BuildOptions {
        let output = self
            .output
            .clone()
            .unwrap_or_else(|| self.site.root.join("public"));
        BuildOptions {
            root: self.site.root.clone(),
            output,
            as_of: self.as_of,
        }
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let opts = args.options();
    match build(&opts) {
        Ok(summary) => {
            if !summary.report.diagnostics.is_empty() {
                eprintln!("{}", summary.report);
            }
            let (pages, files, docs) = (summary.pages, summary.files, summary.search.docs);
            let (out, ms) = (opts.output.display(), summary.millis);
            println!(
                "{}",
                pick(
                    format!(
                        "已生成 {pages} 个页面（{files} 个文件）和含 {docs} 篇文档的搜索索引，写入 {out}，用时 {ms} 毫秒"
                    ),
                    format!(
                        "built {pages} pages ({files} files) and a search index of {docs} documents into {out} in {ms} ms"
                    ),
                )
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(report) => {
            eprintln!("{report}");
            let out = opts.output.display();
            eprintln!(
                "{}",
                pick(
                    format!("构建失败：{out} 保持原样，未作改动"),
                    format!("build failed: {out} is unchanged")
                )
            );
            Ok(ExitCode::FAILURE)
        }
    }
}
