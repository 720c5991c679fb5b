//! `regkb init DIR [--regulation FILE]`: a new knowledge base that checks and builds
//! at once — config.toml, the regulation (pasted from FILE or a placeholder), one
//! example of every other kind, and a README for its authors.

pub mod front;

use crate::content::date::Date;
use crate::regulation::{Article, Regulation};
use anyhow::{Context, bail};
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
            std::fs::create_dir_all(parent)
                .with_context(|| format!("无法创建目录 {}", parent.display()))?;
        }
        std::fs::write(&path, text).with_context(|| format!("无法写入 {}", path.display()))?;
    }
    report(dir, &rules, &files);
    Ok(ExitCode::SUCCESS)
}

fn refuse_unless_empty(dir: &Path) -> anyhow::Result<()> {
    if dir.is_file() {
        bail!(
            "{0} 是一个文件，不是目录：regkb init 要在新目录或空目录中创建知识库，请换一个目录名",
            dir.display()
        );
    }
    let occupied = std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some());
    if occupied {
        bail!(
            "目录 {0} 已存在且不是空的：regkb init 只在新目录或空目录中创建知识库，不会覆盖已有文件。请换一个目录名（如 regkb init {0}-new），或先清空 {0}",
            dir.display()
        );
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
    let bytes = std::fs::read(path).with_context(|| format!("无法读取 {}", path.display()))?;
    let text = decode(path, &bytes)?;
    // A file with front matter of its own (copied from another knowledge base): its
    // text is pasted and its front matter read afresh from that text.
    let split = crate::content::frontmatter::strip(&text);
    let body = split.text.trim_start_matches('\n');
    let tree = crate::regulation::parse(body);
    if tree.articles.is_empty() {
        bail!(
            "{} 中没有找到条文：正式文本的每一条应另起一行，以“第一条”“第二条”……开头。请检查文件是否是制度全文",
            path.display()
        );
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
        bail!(
            "{} 既不是 UTF-8 也不是 GBK/GB18030 编码的文本：请把制度全文另存为 UTF-8 纯文本（.txt）后再试",
            path.display()
        );
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
    println!("已创建知识库 {}：", dir.display());
    for (rel, _) in files {
        println!("  {}", rel.display());
    }
    match &rules.facts {
        Some(f) => {
            let or = |v: &Option<String>| v.clone().unwrap_or_else(|| "（未识别，请填写）".into());
            let date = |d: Option<Date>| {
                d.map_or("（未识别，暂填今天）".into(), |d| d.to_string())
            };
            println!(
                "从正文识别的制度信息（请核对 content/regulations/{}.md 开头的 front matter）：\n  标题：{}\n  发文机关：{}\n  成文：{}  公布：{}  施行：{}\n  {} 条",
                rules.slug,
                or(&f.title),
                or(&f.issuer),
                date(f.issued),
                date(f.published),
                date(f.effective),
                rules.tree.articles.len()
            );
        }
        None => println!(
            "制度是占位文本：请把 content/regulations/{}.md 换成正式文本，或用 regkb init DIR --regulation 文件 重新创建。",
            rules.slug
        ),
    }
    println!("释义、案例、风险点和指南都是示例，请逐一替换。下一步：");
    let root = dir.display();
    println!("  regkb check --root {root}");
    println!("  regkb build --root {root}");
    println!("  regkb serve --root {root}    # 本机预览");
}
