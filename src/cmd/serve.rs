use std::process::ExitCode;

#[derive(clap::Args)]
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
