//! `regkb new case|annotation|risk|guide`: a skeleton in the right folder that passes
//! `check` as written. It uses the config's first declared field, action and outcome
//! and the default regulation's first article unless told otherwise, and never
//! overwrites a file.

use super::SiteArgs;
use super::init::{cannot_create_dir, cannot_write, fill};
use crate::content::date::Date;
use crate::content::document::SourceFile;
use crate::content::kinds::RegulationFront;
use crate::diagnostic::{io_reason_zh, pick};
use crate::library::RegulationDoc;
use crate::msg;
use anyhow::bail;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::ValueEnum, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Case,
    Annotation,
    Risk,
    Guide,
}

#[derive(clap::Args)]
pub struct Args {
    /// What to write: case, annotation, risk or guide
    kind: Kind,
    #[command(flatten)]
    site: SiteArgs,
    /// Id of a case or risk point, file name of an annotation or guide (default: the next free one)
    #[arg(long)]
    id: Option<String>,
    /// The clause it is about, e.g. 第十条第一款 (default: the regulation's first article)
    #[arg(long)]
    clause: Option<String>,
}

/// The values a case or risk point must take from `config.toml`'s declared lists.
#[derive(Debug, Default, Clone)]
pub struct Vocabulary {
    pub field: Option<String>,
    pub action: Option<String>,
    pub outcome: Option<String>,
}

impl Vocabulary {
    /// The first of `fields`, `actions` and `[[outcomes]]` the config declares.
    pub fn declared(config: &toml::Table) -> Vocabulary {
        let first = |key: &str| config.get(key)?.as_array()?.first().cloned();
        Vocabulary {
            field: first("fields").and_then(|v| v.as_str().map(str::to_string)),
            action: first("actions").and_then(|v| v.as_str().map(str::to_string)),
            outcome: first("outcomes").and_then(|o| o.get("name")?.as_str().map(str::to_string)),
        }
    }

    /// Fills what the config does not declare from the last existing case (a
    /// knowledge base written before the config declared its vocabulary).
    fn or_used_by(self, cases: &[Document]) -> Vocabulary {
        let used = |key: &str| {
            cases
                .iter()
                .rev()
                .find_map(|c| c.front.as_ref()?.get(key)?.as_str().map(str::to_string))
        };
        Vocabulary {
            field: self.field.or_else(|| used("field")),
            action: self.action.or_else(|| used("action")),
            outcome: self.outcome.or_else(|| used("outcome")),
        }
    }
}

/// An existing content file: its path and its front matter, if it parses.
struct Document {
    path: PathBuf,
    front: Option<toml::Table>,
}

impl Document {
    fn id(&self) -> String {
        self.front
            .as_ref()
            .and_then(|f| f.get("id")?.as_str().map(str::to_string))
            .unwrap_or_else(|| stem(&self.path))
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let root = &args.site.root;
    let config = read_config(root)?;
    let regulation = default_regulation(root, &config)?;
    let (clause, eid) = clause(&regulation, args.clause.as_deref())?;
    let safe = |id: &str| {
        !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    };
    if let Some(id) = args.id.as_deref().filter(|id| !safe(id)) {
        bail!(msg!(
            "E0810",
            format!("--id “{id}” 只能由英文字母、数字、- 和 _ 组成（它会成为网页地址的一部分）"),
            format!(
                "--id “{id}” may contain only ASCII letters, digits, - and _ (it becomes part of the page's address)"
            ),
        ));
    }
    let today = Date::today();
    let folder = match args.kind {
        Kind::Case => "cases",
        Kind::Annotation => "annotations",
        Kind::Risk => "risks",
        Kind::Guide => "guides",
    };
    let existing = documents(&root.join("content").join(folder));
    let taken: BTreeMap<String, PathBuf> =
        existing.iter().map(|d| (d.id(), d.path.clone())).collect();
    let vocabulary = Vocabulary::declared(&config).or_used_by(&existing);
    let date = today.to_string();
    let (rel, text) = match args.kind {
        Kind::Case => {
            let id = new_id(args.id, &taken, &format!("{}-", today.year()))?;
            let (field, action, outcome) = (
                need(vocabulary.field, "fields", ("领域", "fields of law"))?,
                need(
                    vocabulary.action,
                    "actions",
                    ("执法类别", "kinds of action"),
                )?,
                need(vocabulary.outcome, "[[outcomes]]", ("认定结论", "outcomes"))?,
            );
            // A case id that starts with its year goes into that year's folder.
            let year = id
                .get(..4)
                .filter(|y| y.chars().all(|c| c.is_ascii_digit()))
                .map_or(today.year().to_string(), str::to_string);
            let values = [
                ("id", id.as_str()),
                ("date", &date),
                ("field", &field),
                ("action", &action),
                ("outcome", &outcome),
                ("clause", &clause),
            ];
            (
                format!("content/cases/{year}/{id}.md"),
                fill(include_str!("init/skeleton/case.md"), &values),
            )
        }
        Kind::Risk => {
            let id = new_id(args.id, &taken, "risk-")?;
            let field = need(vocabulary.field, "fields", ("领域", "fields of law"))?;
            let values = [("id", id.as_str()), ("field", &field), ("clause", &clause)];
            (
                format!("content/risks/{id}.md"),
                fill(include_str!("init/skeleton/risk.md"), &values),
            )
        }
        Kind::Annotation => {
            let name = args.id.unwrap_or_else(|| super::init::eid_file_name(&eid));
            (
                format!("content/annotations/{name}.md"),
                fill(
                    include_str!("init/skeleton/annotation.md"),
                    &[("clause", &clause)],
                ),
            )
        }
        Kind::Guide => {
            let name = new_id(args.id, &taken, "guide-")?;
            (
                format!("content/guides/{name}.md"),
                fill(
                    include_str!("init/skeleton/guide.md"),
                    &[("clause", &clause)],
                ),
            )
        }
    };
    write_new(root, Path::new(&rel), &text)?;
    let (written, r) = (root.join(&rel), root.display());
    let w = written.display();
    println!("{}", pick(format!("已写入 {w}"), format!("wrote {w}")));
    println!(
        "{}",
        pick(
            format!("请填写其中标“（请填写……）”的内容，然后运行：regkb check --root {r}"),
            format!("fill in what is marked “（请填写……）”, then run: regkb check --root {r}"),
        )
    );
    Ok(ExitCode::SUCCESS)
}

fn read_config(root: &Path) -> anyhow::Result<toml::Table> {
    let path = root.join("config.toml");
    let (p, r) = (path.display(), root.display());
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!(msg!(
            "E0811",
            format!(
                "{r} 不是知识库：没有 config.toml。请用 --root 指定知识库目录，或先运行 regkb init 目录 新建一个"
            ),
            format!(
                "{r} is not a knowledge base: it has no config.toml; give the knowledge base's folder with --root, or create one with regkb init DIR"
            ),
        )),
        Err(e) => bail!(msg!(
            "E0812",
            format!(
                "无法读取 {p}：{}。请检查文件的读取权限，并确认它是 UTF-8 编码",
                io_reason_zh(&e)
            ),
            format!("cannot read {p}: {e}; check that it is readable and encoded as UTF-8"),
        )),
    };
    toml::from_str(&text).map_err(|e| {
        msg!(
            "E0813",
            format!(
                "{p} 有误，请先改正（regkb check --root {r} 会指出位置）：{}",
                e.message()
            ),
            format!(
                "{p} is not valid: fix it first (regkb check --root {r} shows where): {}",
                e.message()
            ),
        )
        .into()
    })
}

/// The regulation a bare 第十条 refers to: the one the config names, else the first by file name.
fn default_regulation(root: &Path, config: &toml::Table) -> anyhow::Result<RegulationDoc> {
    let dir = root.join("content/regulations");
    let named = config.get("default_regulation").and_then(|v| v.as_str());
    let path = match named {
        Some(slug) => {
            let path = dir.join(format!("{slug}.md"));
            if !path.is_file() {
                let p = path.display();
                bail!(msg!(
                    "E0815",
                    format!(
                        "config.toml 的 default_regulation = \"{slug}\" 指向的 {p} 不存在：请改为 content/regulations/ 下已有的文件名（不带 .md），或把制度正文放进 {p}"
                    ),
                    format!(
                        "config.toml's default_regulation = \"{slug}\" names {p}, which does not exist: name a file of content/regulations/ (without .md), or put the regulation's text in {p}"
                    ),
                ));
            }
            path
        }
        None => {
            let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
                .map(|e| e.filter_map(|e| e.ok().map(|e| e.path())).collect())
                .unwrap_or_default();
            files.retain(|p| p.extension().is_some_and(|x| x == "md"));
            files.sort();
            match files.into_iter().next() {
                Some(p) => p,
                None => {
                    let d = dir.display();
                    bail!(msg!(
                        "E0814",
                        format!(
                            "{d} 中没有制度文件：请先把制度正文放进 content/regulations/<名称>.md"
                        ),
                        format!(
                            "{d} holds no regulation: put the regulation's text in content/regulations/<name>.md first"
                        ),
                    ))
                }
            }
        }
    };
    let file = SourceFile::read(root, &path).map_err(|d| anyhow::anyhow!("{d}"))?;
    let (front, body) = file.parse::<RegulationFront>().map_err(|d| {
        // `d` is printed in the language of the run, as the rest of the message is.
        let r = root.display();
        msg!(
            "E0816",
            format!(
                "制度文件的文件头（front matter）有误，请先改正（regkb check --root {r} 会列出全部问题）：\n  {d}"
            ),
            format!(
                "the regulation's front matter is wrong: fix it first (regkb check --root {r} lists every problem):\n  {d}"
            ),
        )
    })?;
    let tree = crate::regulation::parser::parse_at(&body.markdown, body.first_line);
    if tree.articles.is_empty() {
        let p = file.path.display();
        bail!(msg!(
            "E0817",
            format!("{p} 中没有条文：正文的每一条应另起一行，以“第一条”“第二条”……开头"),
            format!(
                "no article found in {p}: each article of the text must start a line with 第一条, 第二条, …"
            ),
        ));
    }
    Ok(RegulationDoc {
        slug: stem(&path),
        path: file.path,
        front,
        tree,
        links: BTreeMap::new(),
        versions: vec![0],
        current: true,
    })
}

/// The clause as given (checked against the regulation) and its eId; by default the first article.
fn clause(regulation: &RegulationDoc, given: Option<&str>) -> anyhow::Result<(String, String)> {
    let Some(given) = given else {
        let first = &regulation.tree.articles[0];
        return Ok((first.number.label(), first.eid.clone()));
    };
    match crate::library::resolve::clause_reference(std::slice::from_ref(regulation), given) {
        Ok((key, warnings)) => {
            for w in warnings {
                let warning = msg!(
                    "W0801",
                    format!("--clause “{given}”：{}", w.zh),
                    format!("--clause “{given}”: {}", w.en),
                );
                eprintln!("warning: {warning}");
            }
            Ok((given.trim().to_string(), key.eid))
        }
        Err(e) => {
            let title = &regulation.front.title;
            bail!(msg!(
                "E0818",
                format!(
                    "--clause “{given}” 不是《{title}》中的条款：{}。请照条文的写法写，如 第十条、第十条第二款、第十条第一款第（五）项",
                    e.zh.trim_end_matches('。')
                ),
                format!(
                    "--clause “{given}” is not a clause of 《{title}》: {}. Write it as the text does, e.g. 第十条, 第十条第二款, 第十条第一款第（五）项",
                    e.en.trim_end_matches('.')
                ),
            ))
        }
    }
}

/// The declared (or used) value, else E0819 naming the config's list: `what` is its name in Chinese and English.
fn need(value: Option<String>, key: &str, what: (&str, &str)) -> anyhow::Result<String> {
    value.ok_or_else(|| {
        let (zh, en) = what;
        msg!(
            "E0819",
            format!(
                "config.toml 没有声明{zh}（{key}），也没有已有案例可以参照：请先在 config.toml 中声明，写法见 docs/authoring.md"
            ),
            format!(
                "config.toml declares no {en} ({key}) and no existing case shows one: declare them in config.toml first (see docs/authoring.md)"
            ),
        )
        .into()
    })
}

/// The given id if free, else the next free `prefix` + three digits.
fn new_id(
    given: Option<String>,
    taken: &BTreeMap<String, PathBuf>,
    prefix: &str,
) -> anyhow::Result<String> {
    if let Some(id) = given {
        if let Some(path) = taken.get(&id) {
            let p = path.display();
            bail!(msg!(
                "E0820",
                format!("id “{id}” 已被 {p} 使用：请换一个 --id，或不写 --id 取下一个空号"),
                format!(
                    "the id “{id}” is already used by {p}: choose another --id, or leave --id out to take the next free one"
                ),
            ));
        }
        return Ok(id);
    }
    let last = taken
        .keys()
        .filter_map(|id| id.strip_prefix(prefix)?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    Ok(format!("{prefix}{:03}", last + 1))
}

/// The Markdown files below `dir`, sub-folders included, sorted; hidden files skipped.
fn documents(dir: &Path) -> Vec<Document> {
    let mut paths = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for p in entries.filter_map(|e| e.ok().map(|e| e.path())) {
            if p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "md") {
                paths.push(p);
            }
        }
    }
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let front = std::fs::read_to_string(&path).ok().and_then(|text| {
                let text = text.replace("\r\n", "\n");
                let front = crate::content::frontmatter::strip(&text).front?.to_string();
                toml::from_str(&front).ok()
            });
            Document { path, front }
        })
        .collect()
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn write_new(root: &Path, rel: &Path, text: &str) -> anyhow::Result<()> {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| cannot_create_dir(parent, &e))?;
    }
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let p = path.display();
            bail!(msg!(
                "E0821",
                format!("{p} 已存在，regkb new 不会覆盖已有文件：请用 --id 另取一个名字"),
                format!(
                    "{p} already exists and regkb new never overwrites a file: give another name with --id"
                ),
            ))
        }
        Err(e) => return Err(cannot_write(&path, &e).into()),
    };
    file.write_all(text.as_bytes())
        .map_err(|e| cannot_write(&path, &e).into())
}
