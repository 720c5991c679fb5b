//! `regkb init DIR [--regulation FILE]`: a new knowledge base that checks and builds
//! at once — config.toml, the regulation (pasted from FILE or a placeholder), one
//! example of every other kind, and a README for its authors.

pub mod front;

use crate::content::date::Date;
use crate::diagnostic::{Message, io_reason_zh, pick};
use crate::msg;
use crate::regulation::{Article, Regulation};
use anyhow::bail;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The directory to create (must not exist, or be empty)
    dir: PathBuf,
    /// The regulation's official text (UTF-8 or GBK/GB18030), pasted in as the first regulation
    #[arg(long)]
    regulation: Option<PathBuf>,
}

/// Where the example risk point lives; the example case and annotation link to it.
const RISK_ID: &str = "sample-risk";

/// The regulation the new knowledge base starts with.
struct Rules {
    slug: String,
    /// The whole file: front matter and the text as published.
    file: String,
    tree: Regulation,
    /// What the text told us about itself, when it was pasted from a file.
    facts: Option<front::RegulationFacts>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let dir = &args.dir;
    refuse_unless_empty(dir)?;
    let today = Date::today();
    let rules = match &args.regulation {
        Some(path) => pasted(path, today)?,
        None => placeholder(today),
    };
    let files = knowledge_base(&rules, today);
    for (rel, text) in &files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| cannot_create_dir(parent, &e))?;
        }
        std::fs::write(&path, text).map_err(|e| cannot_write(&path, &e))?;
    }
    report(dir, &rules, &files);
    Ok(ExitCode::SUCCESS)
}

/// E0803: a folder of a new file could not be made (`regkb init` and `regkb new`).
pub(super) fn cannot_create_dir(dir: &Path, e: &std::io::Error) -> Message {
    let d = dir.display();
    msg!(
        "E0803",
        format!(
            "无法创建目录 {d}：{}。请检查上级目录是否可写、磁盘是否已满",
            io_reason_zh(e)
        ),
        format!(
            "cannot create the folder {d}: {e}; check that its parent is writable and the disk is not full"
        ),
    )
}

/// E0804: a new file could not be written (`regkb init` and `regkb new`).
pub(super) fn cannot_write(path: &Path, e: &std::io::Error) -> Message {
    let p = path.display();
    msg!(
        "E0804",
        format!(
            "无法写入 {p}：{}。请检查目录是否可写、磁盘是否已满",
            io_reason_zh(e)
        ),
        format!(
            "cannot write {p}: {e}; check that the folder is writable and the disk is not full"
        ),
    )
}

fn refuse_unless_empty(dir: &Path) -> anyhow::Result<()> {
    let d = dir.display();
    if dir.is_file() {
        bail!(msg!(
            "E0801",
            format!(
                "{d} 是一个文件，不是目录：regkb init 要在新目录或空目录中创建知识库，请换一个目录名"
            ),
            format!(
                "{d} is a file, not a folder: regkb init creates a knowledge base in a new or empty folder; choose another name"
            ),
        ));
    }
    let occupied = std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some());
    if occupied {
        bail!(msg!(
            "E0802",
            format!(
                "目录 {d} 已存在且不是空的：regkb init 只在新目录或空目录中创建知识库，不会覆盖已有文件。请换一个目录名（如 regkb init {d}-new），或先清空 {d}"
            ),
            format!(
                "the folder {d} exists and is not empty: regkb init creates a knowledge base only in a new or empty folder and never overwrites files; choose another name (e.g. regkb init {d}-new) or empty {d} first"
            ),
        ));
    }
    Ok(())
}

/// Fills `{{name}}` placeholders; every placeholder of the template must be given.
pub(super) fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let filled = values
        .iter()
        .fold(template.to_string(), |text, (name, value)| {
            text.replace(&format!("{{{{{name}}}}}"), value)
        });
    debug_assert!(!filled.contains("{{"), "unfilled placeholder in:\n{filled}");
    filled
}

fn placeholder(today: Date) -> Rules {
    let file = fill(
        include_str!("kb/regulation.md"),
        &[("today", &today.to_string())],
    );
    let body = crate::content::frontmatter::strip(&file).text;
    Rules {
        slug: "rules".into(),
        tree: crate::regulation::parse(body),
        file,
        facts: None,
    }
}

fn pasted(path: &Path, today: Date) -> anyhow::Result<Rules> {
    let p = path.display();
    let bytes = std::fs::read(path).map_err(|e| {
        msg!(
            "E0805",
            format!("无法读取 --regulation 指定的 {p}：{}", io_reason_zh(&e)),
            format!("cannot read {p}, given with --regulation: {e}"),
        )
    })?;
    let text = decode(path, &bytes)?;
    // A file with front matter of its own (copied from another knowledge base): its
    // text is pasted and its front matter read afresh from that text.
    let split = crate::content::frontmatter::strip(&text);
    let body = split.text.trim_start_matches('\n');
    let tree = crate::regulation::parse(body);
    if tree.articles.is_empty() {
        bail!(msg!(
            "E0806",
            format!(
                "{p} 中没有找到条文：正式文本的每一条应另起一行，以“第一条”“第二条”……开头。请检查文件是否是制度全文"
            ),
            format!(
                "no article found in {p}: each article of the official text must start a line with 第一条, 第二条, …; check that the file is the regulation's full text"
            ),
        ));
    }
    let facts = front::extract(body);
    let mut file = front::front_matter(&facts, today);
    file.push_str(body);
    if !file.ends_with('\n') {
        file.push('\n');
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    Ok(Rules {
        slug: front::slug(&stem),
        file,
        tree,
        facts: Some(facts),
    })
}

/// UTF-8 (with or without BOM), else GBK/GB18030, as official sites still publish.
fn decode(path: &Path, bytes: &[u8]) -> anyhow::Result<String> {
    if let Ok(text) = crate::content::encoding::decode(path, bytes) {
        return Ok(text);
    }
    let (text, _, had_errors) = encoding_rs::GB18030.decode(bytes);
    let chinese = text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    if had_errors || !chinese {
        let p = path.display();
        bail!(msg!(
            "E0807",
            format!(
                "{p} 既不是 UTF-8 也不是 GBK/GB18030 编码的文本：请把制度全文另存为 UTF-8 纯文本（.txt）后再试"
            ),
            format!(
                "{p} is neither UTF-8 nor GBK/GB18030 text: save the regulation's full text as UTF-8 plain text (.txt) and try again"
            ),
        ));
    }
    Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// The article the examples cite: the first with items (the kind an annotation
/// most helps with), else the first.
fn example_article(tree: &Regulation) -> &Article {
    let has_items = |a: &&Article| a.paragraphs.iter().any(|p| !p.points.is_empty());
    tree.articles
        .iter()
        .find(has_items)
        .unwrap_or(&tree.articles[0])
}

/// The inside of a TOML basic string: a title read from a text may hold `"` or `\\`.
fn escaped(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// Every file of the new knowledge base, relative to its root.
fn knowledge_base(rules: &Rules, today: Date) -> Vec<(PathBuf, String)> {
    let name = rules
        .facts
        .as_ref()
        .and_then(|f| f.title.clone())
        .unwrap_or_else(|| rules.tree.title.clone());
    let (title, description) = match &rules.facts {
        Some(_) => (
            format!("{name}知识库"),
            format!("{name}：条文、逐条释义、案例、风险点与办理指南。"),
        ),
        None => (
            "示例知识库".to_string(),
            "由 regkb init 生成的示例知识库：条文、释义、案例、风险点和指南都是示例，请逐一替换。"
                .to_string(),
        ),
    };
    let grounds = |clause: &str| match &rules.facts {
        Some(_) => "# grounds = [\"第X条\"]   # 可选：请按正式文本填写依据条款".to_string(),
        None => format!("grounds = [\"{clause}\"]"),
    };
    let config = fill(
        include_str!("kb/config.toml"),
        &[
            ("title", &escaped(&title)),
            ("description", &escaped(&description)),
            ("slug", &rules.slug),
            ("grounds_duty", &grounds("第二条")),
            ("grounds_tolerance", &grounds("第三条")),
            ("grounds_refusal", &grounds("第四条")),
        ],
    );
    // The examples use the first value the config declares, as `regkb new` does.
    let declared = toml::from_str::<toml::Table>(&config)
        .map(|t| super::new::Vocabulary::declared(&t))
        .unwrap_or_default();
    let year = today.year();
    let id = format!("{year}-001");
    let deadline = Date(today.0 + chrono::Days::new(30)).to_string();
    let article = example_article(&rules.tree);
    let clause = article.number.label();
    let values = [
        ("id", id.as_str()),
        ("date", &today.to_string()),
        ("deadline", &deadline),
        ("field", declared.field.as_deref().unwrap_or_default()),
        ("action", declared.action.as_deref().unwrap_or_default()),
        ("outcome", declared.outcome.as_deref().unwrap_or_default()),
        ("clause", &clause),
        ("risk", RISK_ID),
        ("title", &title),
    ];
    let annotation = eid_file_name(&article.eid);
    vec![
        (PathBuf::from("config.toml"), config),
        (
            "README.md".into(),
            fill(include_str!("kb/README.md"), &values),
        ),
        (
            format!("content/regulations/{}.md", rules.slug).into(),
            rules.file.clone(),
        ),
        (
            format!("content/annotations/{annotation}.md").into(),
            fill(include_str!("kb/annotation.md"), &values),
        ),
        (
            format!("content/cases/{year}/{id}.md").into(),
            fill(include_str!("kb/case.md"), &values),
        ),
        (
            format!("content/risks/{RISK_ID}.md").into(),
            fill(include_str!("kb/risk.md"), &values),
        ),
        (
            "content/guides/start.md".into(),
            fill(include_str!("kb/guide.md"), &values),
        ),
    ]
}

/// An annotation's file name from its clause's eId: art_10__para_1__point_5 → art-10-para-1-point-5.
pub(super) fn eid_file_name(eid: &str) -> String {
    eid.replace("__", "-").replace('_', "-")
}

fn report(dir: &Path, rules: &Rules, files: &[(PathBuf, String)]) {
    let d = dir.display();
    println!(
        "{}",
        pick(
            format!("已创建知识库 {d}："),
            format!("created the knowledge base {d}:")
        )
    );
    for (rel, _) in files {
        println!("  {}", rel.display());
    }
    let slug = &rules.slug;
    match &rules.facts {
        Some(f) => {
            let or = |v: &Option<String>| {
                v.clone()
                    .unwrap_or_else(|| pick("（未识别，请填写）", "(not found: fill it in)").into())
            };
            let date = |d: Option<Date>| {
                d.map_or(
                    pick("（未识别，暂填今天）", "(not found: today for now)").into(),
                    |d| d.to_string(),
                )
            };
            let (title, issuer) = (or(&f.title), or(&f.issuer));
            let (issued, published, effective) =
                (date(f.issued), date(f.published), date(f.effective));
            let n = rules.tree.articles.len();
            println!(
                "{}",
                pick(
                    format!(
                        "从正文识别的制度信息（请核对 content/regulations/{slug}.md 开头的 front matter）：\n  标题：{title}\n  发文机关：{issuer}\n  成文：{issued}  公布：{published}  施行：{effective}\n  {n} 条"
                    ),
                    format!(
                        "what the text says about itself (check the front matter at the top of content/regulations/{slug}.md):\n  title: {title}\n  issuer: {issuer}\n  issued: {issued}  published: {published}  effective: {effective}\n  {n} articles"
                    ),
                )
            );
        }
        None => println!(
            "{}",
            pick(
                format!(
                    "制度是占位文本：请把 content/regulations/{slug}.md 换成正式文本，或用 regkb init DIR --regulation 文件 重新创建。"
                ),
                format!(
                    "the regulation is a placeholder: replace content/regulations/{slug}.md with the official text, or create the knowledge base again with regkb init DIR --regulation FILE."
                ),
            )
        ),
    }
    println!(
        "{}",
        pick(
            "释义、案例、风险点和指南都是示例，请逐一替换。下一步：",
            "the annotation, case, risk point and guide are examples: replace each of them. Next:",
        )
    );
    println!("  regkb check --root {d}");
    println!("  regkb build --root {d}");
    println!(
        "  regkb serve --root {d}    # {}",
        pick("本机预览", "preview on this machine")
    );
}
