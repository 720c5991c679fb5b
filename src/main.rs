use std::process::ExitCode;

fn main() -> ExitCode {
    regkb::cmd::run()
}
