use std::process::ExitCode;

/// Its own group id: clap names a flattened struct's group after the type, and
/// `build::Args` is an `Args` too (a debug build panics on the clash).
#[derive(clap::Args)]
#[group(id = "serve")]
pub struct Args {
    #[command(flatten)]
    build: super::build::Args,
    /// Port on 127.0.0.1
    #[arg(long, default_value_t = 8000)]
    port: u16,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    crate::site::serve::serve(args.build.options(), args.port)?;
    Ok(ExitCode::SUCCESS)
}
