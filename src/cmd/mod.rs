//! The command line: one small module per subcommand over the library.

mod build;
mod check;
mod export;
mod init;
mod inspect;
mod new;
mod search;
mod serve;
mod similar;

use crate::diagnostic::{Lang, Message, set_lang};
use crate::msg;
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
    /// Export the knowledge base: Akoma Ntoso XML, JSON or bulk-index NDJSON
    Export(export::Args),
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
    // `regkb search … | head`: when the reader goes away, end quietly as Unix tools do
    // (Rust ignores SIGPIPE, so println! would panic on the broken pipe).
    #[cfg(unix)]
    // SAFETY: restoring the default action of one signal before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    // Before clap parses, so that a value parser's message (`--as-of`) is in the language too.
    set_lang(lang_in(std::env::args()));
    let cli = Cli::parse();
    set_lang(if cli.lang == "en" { Lang::En } else { Lang::Zh });
    let result = match cli.command {
        Command::Init(args) => init::run(args),
        Command::New(args) => new::run(args),
        Command::Inspect(args) => inspect::run(args),
        Command::Check(args) => check::run(args),
        Command::Build(args) => build::run(args),
        Command::Export(args) => export::run(args),
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

/// The `--lang` of a command line, read before clap so that its errors are in it.
fn lang_in(args: impl Iterator<Item = String>) -> Lang {
    let args: Vec<String> = args.collect();
    let en = args.iter().enumerate().any(|(i, a)| {
        a == "--lang=en" || (a == "--lang" && args.get(i + 1).is_some_and(|v| v == "en"))
    });
    if en { Lang::En } else { Lang::Zh }
}

fn parse_date(s: &str) -> Result<crate::content::date::Date, Message> {
    crate::content::date::Date::parse(s).ok_or_else(|| {
        msg!(
            "E0901",
            format!("“{s}”不是日期：请写作 2026-11-28"),
            format!("“{s}” is not a date like 2026-11-28"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// clap's own consistency checks of every subcommand (release builds skip them).
    #[test]
    fn the_command_line_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }

    #[test]
    fn the_language_is_read_before_clap_parses() {
        let args = |s: &str| {
            s.split(' ')
                .map(str::to_string)
                .collect::<Vec<_>>()
                .into_iter()
        };
        assert_eq!(lang_in(args("regkb check --lang en")), Lang::En);
        assert_eq!(lang_in(args("regkb --lang=en build")), Lang::En);
        assert_eq!(lang_in(args("regkb check --lang zh")), Lang::Zh);
        assert_eq!(lang_in(args("regkb check")), Lang::Zh);
    }

    #[test]
    fn a_wrong_date_on_the_command_line_is_coded() {
        let m = parse_date("2026/11/28").unwrap_err();
        assert_eq!(
            (m.code, m.zh.as_str()),
            ("E0901", "“2026/11/28”不是日期：请写作 2026-11-28")
        );
    }
}
