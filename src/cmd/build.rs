use super::SiteArgs;
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
            println!(
                "built {} pages ({} files) and a search index of {} documents into {} in {} ms",
                summary.pages,
                summary.files,
                summary.search.docs,
                opts.output.display(),
                summary.millis
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(report) => {
            eprintln!("{report}");
            eprintln!("build failed: {} is unchanged", opts.output.display());
            Ok(ExitCode::FAILURE)
        }
    }
}
