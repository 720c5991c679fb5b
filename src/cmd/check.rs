use super::SiteArgs;
use std::process::ExitCode;

pub fn run(args: SiteArgs) -> anyhow::Result<ExitCode> {
    match crate::library::load(&args.root) {
        Ok((lib, report)) => {
            if !report.diagnostics.is_empty() {
                eprintln!("{report}");
            }
            println!(
                "checked: {} regulation(s), {} annotations, {} cases, {} risk points, {} guides; {} warning(s)",
                lib.regulations.len(),
                lib.annotations.len(),
                lib.cases.len(),
                lib.risks.len(),
                lib.guides.len(),
                report.warnings()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(report) => {
            eprintln!("{report}");
            Ok(ExitCode::FAILURE)
        }
    }
}
