use super::SiteArgs;
use crate::diagnostic::pick;
use std::process::ExitCode;

pub fn run(args: SiteArgs) -> anyhow::Result<ExitCode> {
    crate::segment::prepare();
    match crate::library::load(&args.root) {
        Ok((lib, report)) => {
            if !report.diagnostics.is_empty() {
                eprintln!("{report}");
            }
            // The resolve stage a build runs: statistics, similar cases, search documents.
            let as_of = lib
                .config
                .as_of
                .unwrap_or_else(crate::content::date::Date::today);
            let resolved = crate::site::resolve::resolve(&lib, as_of);
            let flags = crate::site::resolve::flags(&lib, &resolved.rest.analysis);
            // Everything a build renders is rendered (templates, page paths), not written.
            let opts = crate::site::build::BuildOptions {
                root: args.root.clone(),
                output: std::path::PathBuf::from("public"),
                as_of: Some(as_of),
            };
            if let Err(report) = crate::site::build::render_all(
                &lib,
                &opts,
                resolved.rest.similar.lists,
                resolved.rest.analysis,
                None,
            ) {
                eprintln!("{report}");
                return Ok(ExitCode::FAILURE);
            }
            let (r, a, c) = (
                lib.regulations.iter().filter(|r| r.current).count(),
                lib.annotations.len(),
                lib.cases.len(),
            );
            let (k, g, w) = (lib.risks.len(), lib.guides.len(), report.warnings());
            println!(
                "{}",
                pick(
                    format!(
                        "检查完毕：{r} 部法规，{a} 篇释义，{c} 个案例，{k} 个风险点，{g} 篇指引；{w} 个警告"
                    ),
                    format!(
                        "checked: {r} regulation(s), {a} annotations, {c} cases, {k} risk points, {g} guides; {w} warning(s)"
                    ),
                )
            );
            for flag in flags {
                println!(
                    "{}",
                    pick(
                        format!("提示（截至 {as_of}）：{flag}"),
                        format!("flag (as of {as_of}): {flag}")
                    )
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(report) => {
            eprintln!("{report}");
            Ok(ExitCode::FAILURE)
        }
    }
}
