//! The command line: one small module per subcommand over the library.

mod build;
mod check;
mod init;
mod inspect;
mod new;
mod search;
mod serve;
mod similar;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "regkb",
    version,
    about = "Regulation knowledge base: a searchable static site from Markdown"
)]
struct Cli {
    /// Language of findings and messages: zh (default) or en
    #[arg(long, global = true, default_value = "zh", value_parser = ["zh", "en"])]
    lang: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new knowledge base that checks and builds at once
    Init(init::Args),
    /// Write the skeleton of a new case, annotation, risk point or guide
    New(new::Args),
    /// Print the parsed clause tree of a regulation text
    Inspect(inspect::Args),
    /// Check the knowledge base and report every problem with file, line and column
    Check(SiteArgs),
    /// Build the static site into the output directory (default: public/)
    Build(build::Args),
    /// Build, serve on 127.0.0.1 and rebuild on every change
    Serve(serve::Args),
    /// Search the index of a built site
    Search(search::Args),
    /// The cases most similar to a case or to a description (类案检索)
    Similar(similar::Args),
}

/// Where the knowledge base is.
#[derive(clap::Args, Clone)]
pub struct SiteArgs {
    /// The knowledge base's root: config.toml, content/, templates/
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    crate::diagnostic::set_lang(if cli.lang == "en" {
        crate::diagnostic::Lang::En
    } else {
        crate::diagnostic::Lang::Zh
    });
    let result = match cli.command {
        Command::Init(args) => init::run(args),
        Command::New(args) => new::run(args),
        Command::Inspect(args) => inspect::run(args),
        Command::Check(args) => check::run(args),
        Command::Build(args) => build::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Search(args) => search::run(args),
        Command::Similar(args) => similar::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn parse_date(s: &str) -> Result<crate::content::date::Date, String> {
    crate::content::date::Date::parse(s)
        .ok_or_else(|| format!("“{s}” is not a date like 2026-11-28"))
}
