//! A Markdown body cut at its `## ` headings (a case's 基本案情, 认定理由, …).

use crate::markdown::plain_text;
use serde::Serialize;

#[derive(Debug, Serialize, PartialEq)]
pub struct Section {
    /// The heading's text; `None` for what comes before the first heading.
    pub heading: Option<String>,
    pub markdown: String,
    pub text: String,
}

/// The sections in order; text before the first heading is a section without a
/// heading, and is left out when blank. Headings inside fenced code are text.
pub fn sections(markdown: &str) -> Vec<Section> {
    let mut out = Vec::new();
    let mut heading: Option<String> = None;
    let mut lines: Vec<&str> = Vec::new();
    let mut fence: Option<&str> = None;
    let mut flush = |heading: Option<String>, lines: &mut Vec<&str>| {
        let md = lines.join("\n").trim().to_string();
        lines.clear();
        if heading.is_some() || !md.is_empty() {
            out.push(Section {
                heading,
                text: plain_text(&md),
                markdown: md,
            });
        }
    };
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        if let Some(f) = fence {
            if trimmed.starts_with(f) {
                fence = None;
            }
        } else if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
        } else if let Some(h) = line.strip_prefix("## ") {
            flush(heading.take(), &mut lines);
            heading = Some(h.trim().trim_end_matches('#').trim().to_string());
            continue;
        }
        lines.push(line);
    }
    flush(heading, &mut lines);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_is_cut_at_its_second_level_headings() {
        let md = "引言\n\n## 基本案情\n\n某校`未`备案。\n\n### 细节\n甲\n\n## 启示 ##\n```\n## 不是标题\n```\n";
        let s = sections(md);
        let headings: Vec<_> = s.iter().map(|x| x.heading.as_deref()).collect();
        assert_eq!(headings, [None, Some("基本案情"), Some("启示")]);
        assert_eq!(s[1].markdown, "某校`未`备案。\n\n### 细节\n甲");
        assert_eq!(s[1].text, "某校未备案。\n细节\n甲");
        assert!(s[2].markdown.contains("## 不是标题"));
    }

    #[test]
    fn no_leading_section_when_the_body_opens_with_a_heading() {
        let s = sections("## 处理结果\n免责");
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].heading.as_deref(), Some("处理结果"));
        assert!(sections("").is_empty());
    }
}
