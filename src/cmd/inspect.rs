use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// A regulation text as published (plain text, or Markdown with +++ front matter)
    file: PathBuf,
    /// Print JSON (the only format so far; kept for the contract's spelling)
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let bytes = std::fs::read(&args.file).map_err(|e| {
        let p = args.file.display();
        anyhow::Error::msg(crate::msg!(
            "E0910",
            format!("无法读取 {p}：{}", crate::diagnostic::io_reason_zh(&e)),
            format!("cannot read {p}: {e}"),
        ))
    })?;
    let text =
        crate::content::encoding::decode(&args.file, &bytes).map_err(|d| anyhow::anyhow!("{d}"))?;
    let body = crate::content::frontmatter::strip(&text);
    let reg = crate::regulation::parser::parse_at(body.text, body.first_line);
    let _ = args.json;
    for w in &reg.warnings {
        eprintln!("{}", w.diagnostic(&args.file));
    }
    println!("{}", serde_json::to_string_pretty(&reg)?);
    Ok(ExitCode::SUCCESS)
}
