//! The Tera templates: the built-in set, overridden file by file by the
//! knowledge base's own `templates/`. Errors name the template and line.

use crate::diagnostic::{Diagnostic, io_reason_zh};
use crate::msg;
use std::path::Path;

macro_rules! builtin {
    ($($name:literal),*) => { &[$(($name, include_str!(concat!("../../templates/", $name)))),*] };
}

const BUILTIN: &[(&str, &str)] = builtin!(
    "base.html",
    "macros.html",
    "index.html",
    "regulation.html",
    "clause.html",
    "article.html",
    "case.html",
    "cases.html",
    "risk.html",
    "risks.html",
    "guide.html",
    "guides.html",
    "search.html",
    "404.html",
    "selfcheck.html",
    "similar.html",
    "dashboard.html",
    "warning.html",
    "warnings.html",
    "analysis_macros.html",
    "training_macros.html",
    "training.html",
    "lesson.html",
    "quiz.html",
    "bank.html",
    "version_banner.html",
    "changes.html"
);

/// Loads the templates; `root/templates/NAME` replaces the built-in NAME.
pub fn load(root: &Path) -> Result<(tera::Tera, Vec<(String, String)>), Diagnostic> {
    let mut sources: Vec<(String, String)> = BUILTIN
        .iter()
        .map(|(n, s)| (n.to_string(), s.to_string()))
        .collect();
    if let Ok(entries) = std::fs::read_dir(root.join("templates")) {
        let mut paths: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "html"))
            .collect();
        paths.sort();
        for p in paths {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&p).map_err(|e| {
                Diagnostic::error(
                    &template_path(&name),
                    1,
                    1,
                    msg!(
                        "E0701",
                        format!("无法读取模板：{}", io_reason_zh(&e)),
                        format!("cannot read template: {e}"),
                    ),
                )
            })?;
            match sources.iter_mut().find(|(n, _)| *n == name) {
                Some(slot) => slot.1 = text,
                None => sources.push((name, text)),
            }
        }
    }
    Ok((parsed(&sources)?, sources))
}

/// The templates parsed, or a copy of the last set parsed when the sources are
/// the same: `serve` rebuilds after every edit, and parsing the set again cost
/// a twentieth of each rebuild (perf, bundled KB) while cloning it costs little.
fn parsed(sources: &[(String, String)]) -> Result<tera::Tera, Diagnostic> {
    static LAST: std::sync::Mutex<Option<(Vec<(String, String)>, tera::Tera)>> =
        std::sync::Mutex::new(None);
    if let Ok(last) = LAST.lock()
        && let Some((s, tera)) = last.as_ref()
        && s.as_slice() == sources
    {
        return Ok(tera.clone());
    }
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    // Tera's default escaper also rewrites `/`, which makes every URL unreadable.
    tera.set_escape_fn(crate::markdown::escape);
    tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.as_str())))
        .map_err(|e| error(&e, None, sources))?;
    if let Ok(mut last) = LAST.lock() {
        *last = Some((sources.to_vec(), tera.clone()));
    }
    Ok(tera)
}

fn template_path(name: &str) -> std::path::PathBuf {
    Path::new("templates").join(name)
}

/// Turns a Tera error into a located diagnostic. Parse errors carry `--> line:col`;
/// render errors name a variable, which we look up in the template's source.
pub fn error(e: &tera::Error, rendering: Option<&str>, sources: &[(String, String)]) -> Diagnostic {
    let mut chain = vec![e.to_string()];
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        chain.push(s.to_string());
        source = s.source();
    }
    let text = chain.join(": ");
    let name = rendering
        .map(str::to_string)
        .or_else(|| text.split('\'').nth(1).map(str::to_string))
        .unwrap_or_else(|| "base.html".into());
    let (mut line, mut col) = (1, 1);
    let mut variable = None;
    if let Some(pos) = text.find("--> ") {
        let nums: Vec<usize> = text[pos + 4..]
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .take(2)
            .filter_map(|s| s.parse().ok())
            .collect();
        if nums.len() == 2 {
            (line, col) = (nums[0], nums[1]);
        }
    } else if let Some(var) = text.split('`').nth(1) {
        variable = Some(var);
        if let Some((_, src)) = sources.iter().find(|(n, _)| *n == name) {
            if let Some((i, l)) = src.lines().enumerate().find(|(_, l)| l.contains(var)) {
                (line, col) = (i + 1, l[..l.find(var).unwrap_or(0)].chars().count() + 1);
            }
        }
    }
    let message = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let message = if text.contains("Failed to parse") {
        // Tera's own words say what it expected where: kept, after our explanation.
        let expected = message
            .rsplit_once("= ")
            .map_or(message.as_str(), |(_, e)| e);
        let expected = expected.strip_prefix("expected ").unwrap_or(expected);
        msg!(
            "E0702",
            format!(
                "模板 {name} 写法有误，无法解析：这里应为 {expected}。请检查 {{{{ … }}}} 和 {{% … %}} 是否成对闭合"
            ),
            format!(
                "template {name} cannot be parsed: expected {expected}; check that every {{{{ … }}}} and {{% … %}} is closed"
            ),
        )
    } else if let Some(var) = variable.filter(|_| text.contains("not found in context")) {
        msg!(
            "E0703",
            format!(
                "模板 {name} 用到的 `{var}` 在页面数据中不存在：请检查拼写，可对照 regkb 自带的同名模板"
            ),
            format!(
                "template {name} uses `{var}`, which the page's data does not have: check the spelling against regkb's built-in {name}"
            ),
        )
    } else {
        msg!(
            "E0704",
            format!("模板 {name} 无法生成页面（{message}）"),
            format!("template error: {message}"),
        )
    };
    Diagnostic::error(&template_path(&name), line, col, message)
}
