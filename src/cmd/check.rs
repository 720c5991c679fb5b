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
            // The resolve stage a build runs: statistics, similar cases, search documents.
            let as_of = lib
                .config
                .as_of
                .unwrap_or_else(crate::content::date::Date::today);
            let resolved = crate::site::resolve::resolve(&lib, as_of);
            for flag in crate::site::resolve::flags(&lib, &resolved.analysis) {
                println!("flag (as of {as_of}): {flag}");
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(report) => {
            eprintln!("{report}");
            Ok(ExitCode::FAILURE)
        }
    }
}
