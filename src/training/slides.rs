//! A lesson's body cut into slides, before anything is resolved.
//!
//! Slides are separated by a line that is exactly `---` (outside fenced code). A
//! slide's first `#` or `##` heading is its title. A line `Note:` (or `备注：`)
//! starts the speaker notes, which run to the end of the slide. A line that is only
//! `{{条文 CITATION}}`, `{{案情 CASE_ID}}` or `{{题目 QUESTION_ID}}` pulls in a
//! clause's text, a case's 基本案情 or a question.

/// What a pull-in line names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PullKind {
    Clause,
    Facts,
    Question,
}

impl PullKind {
    pub const ALL: [(&'static str, PullKind); 3] = [
        ("条文", PullKind::Clause),
        ("案情", PullKind::Facts),
        ("题目", PullKind::Question),
    ];
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Markdown, from `line` (1-based, in the file).
    Prose { markdown: String, line: usize },
    Pull {
        kind: PullKind,
        arg: String,
        line: usize,
        /// 1-based column (in characters) of the argument.
        column: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawSlide {
    pub line: usize,
    pub title: String,
    pub parts: Vec<Part>,
    pub notes: Option<(String, usize)>,
}

/// A line that looks like a pull-in but names no known kind: (line, column, word).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownPull {
    pub line: usize,
    pub column: usize,
    pub word: String,
}

/// Cuts `markdown`, whose first line is line `first_line` of its file, into slides.
/// Empty slides (a stray `---` at the end) are dropped.
pub fn split(markdown: &str, first_line: usize) -> (Vec<RawSlide>, Vec<UnknownPull>) {
    let mut slides = Vec::new();
    let mut unknown = Vec::new();
    let mut current = Builder::new(first_line);
    let mut fence: Option<String> = None;
    for (i, raw) in markdown.lines().enumerate() {
        let line = first_line + i;
        let trimmed = raw.trim();
        if let Some(f) = &fence {
            if trimmed.starts_with(f.as_str()) {
                fence = None;
            }
            current.text(raw, line);
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(trimmed[..3].to_string());
            current.text(raw, line);
            continue;
        }
        if trimmed == "---" {
            slides.extend(std::mem::replace(&mut current, Builder::new(line + 1)).finish());
            continue;
        }
        if current.notes.is_none() {
            if let Some(rest) = note_start(trimmed) {
                current.flush();
                current.notes = Some((rest.to_string(), line));
                continue;
            }
            if let Some((word, arg, column)) = pull(raw) {
                match PullKind::ALL.iter().find(|(w, _)| *w == word) {
                    Some(&(_, kind)) => {
                        current.flush();
                        current.parts.push(Part::Pull {
                            kind,
                            arg: arg.to_string(),
                            line,
                            column,
                        });
                    }
                    None => unknown.push(UnknownPull {
                        line,
                        column: raw.find("{{").map_or(1, |b| raw[..b].chars().count() + 1),
                        word: word.to_string(),
                    }),
                }
                continue;
            }
            if current.title.is_none() {
                if let Some(t) = heading(trimmed) {
                    current.title = Some(t.to_string());
                    continue;
                }
            }
        }
        current.text(raw, line);
    }
    slides.extend(current.finish());
    (slides, unknown)
}

/// `Note:` / `Note：` / `备注：` (any case of `note`), and what follows on its line.
fn note_start(line: &str) -> Option<&str> {
    for prefix in ["Note:", "Note：", "NOTE:", "note:", "备注：", "备注:"] {
        if let Some(rest) = line.strip_prefix(prefix) {
            return Some(rest.trim());
        }
    }
    None
}

/// `{{WORD ARG}}` alone on a line: (word, arg, column of arg).
fn pull(raw: &str) -> Option<(&str, &str, usize)> {
    let t = raw.trim();
    let inner = t.strip_prefix("{{")?.strip_suffix("}}")?.trim();
    let (word, arg) = inner.split_once(|c: char| c.is_whitespace() || c == '\u{3000}')?;
    let arg = arg.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    if arg.is_empty() {
        return None;
    }
    let byte = raw.find(arg)?;
    Some((word, arg, raw[..byte].chars().count() + 1))
}

fn heading(line: &str) -> Option<&str> {
    let rest = line
        .strip_prefix("## ")
        .or_else(|| line.strip_prefix("# "))?;
    Some(rest.trim().trim_end_matches('#').trim())
}

struct Builder {
    line: usize,
    title: Option<String>,
    parts: Vec<Part>,
    prose: String,
    prose_line: usize,
    notes: Option<(String, usize)>,
}

impl Builder {
    fn new(line: usize) -> Self {
        Builder {
            line,
            title: None,
            parts: vec![],
            prose: String::new(),
            prose_line: line,
            notes: None,
        }
    }

    fn text(&mut self, raw: &str, line: usize) {
        if let Some((notes, _)) = &mut self.notes {
            if !notes.is_empty() {
                notes.push('\n');
            }
            notes.push_str(raw);
            return;
        }
        if self.prose.trim().is_empty() {
            self.prose.clear();
            self.prose_line = line;
        }
        self.prose.push_str(raw);
        self.prose.push('\n');
    }

    fn flush(&mut self) {
        let prose = std::mem::take(&mut self.prose);
        if !prose.trim().is_empty() {
            self.parts.push(Part::Prose {
                markdown: prose.trim_end().to_string(),
                line: self.prose_line,
            });
        }
    }

    fn finish(mut self) -> Option<RawSlide> {
        self.flush();
        let notes = self.notes.take().filter(|(n, _)| !n.trim().is_empty());
        if self.title.is_none() && self.parts.is_empty() && notes.is_none() {
            return None;
        }
        Some(RawSlide {
            line: self.line,
            title: self.title.unwrap_or_default(),
            parts: self.parts,
            notes: notes.map(|(n, l)| (n.trim().to_string(), l)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slides_titles_notes_and_pulls() {
        let md = "# 开场\n\n要点一\n\nNote:\n讲者说\n第二行\n---\n## 条文\n\n{{条文 第十条第二款}}\n\n讨论\n---\n\n";
        let (slides, unknown) = split(md, 5);
        assert!(unknown.is_empty());
        assert_eq!(slides.len(), 2);
        assert_eq!(slides[0].title, "开场");
        assert_eq!(
            slides[0].parts,
            vec![Part::Prose {
                markdown: "要点一".into(),
                line: 7
            }]
        );
        assert_eq!(slides[0].notes, Some(("讲者说\n第二行".into(), 9)));
        assert_eq!(slides[1].line, 13);
        assert_eq!(slides[1].title, "条文");
        assert_eq!(
            slides[1].parts[0],
            Part::Pull {
                kind: PullKind::Clause,
                arg: "第十条第二款".into(),
                line: 15,
                column: 6
            }
        );
        assert!(
            matches!(&slides[1].parts[1], Part::Prose { markdown, line: 17 } if markdown == "讨论")
        );
    }

    #[test]
    fn rules_inside_code_and_unknown_pulls() {
        let md = "# 一\n```\n---\n```\n{{条款 第一条}}\n";
        let (slides, unknown) = split(md, 1);
        assert_eq!(slides.len(), 1, "a --- inside a fence does not cut");
        assert_eq!(
            unknown,
            vec![UnknownPull {
                line: 5,
                column: 1,
                word: "条款".into()
            }]
        );
    }
}
