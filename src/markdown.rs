//! Markdown to HTML with the library's links: every citation of a clause becomes
//! a link to it carrying the clause's text for hover and focus, and `case:`,
//! `risk:`, `guide:` links become relative URLs. The citations are the ones the
//! library resolved at load (`Text::links`, one list per prose run, as `runs`
//! cuts the text); rendering only formats them.

use crate::library::resolve::{Found, Target};
use crate::library::{Library, Text};
use crate::render::urls;
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, html};

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Destinations of every Markdown link and image in `markdown`, with their byte offsets.
pub fn link_destinations(markdown: &str) -> Vec<(String, usize)> {
    Parser::new_ext(markdown, options())
        .into_offset_iter()
        .filter_map(|(e, range)| match e {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                Some((dest_url.to_string(), range.start))
            }
            _ => None,
        })
        .collect()
}

/// Whether a link may be published: a relative path, a `#fragment`, `http:`,
/// `https:`, `mailto:`, or the library's own `case:`, `risk:`, `guide:`. Browsers
/// drop tabs and line breaks inside URLs and ignore leading spaces, so those are
/// removed before the scheme is read (`java\tscript:` is `javascript:`).
pub fn link_allowed(dest: &str) -> bool {
    let cleaned: String = dest
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if cleaned.starts_with("//") || cleaned.starts_with("\\\\") || cleaned.starts_with("/\\") {
        return false; // another host, whatever the scheme
    }
    let scheme_end =
        cleaned.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')));
    match scheme_end {
        Some(i) if i > 0 && cleaned[i..].starts_with(':') => matches!(
            cleaned[..i].to_ascii_lowercase().as_str(),
            "http" | "https" | "mailto" | "case" | "risk" | "guide"
        ),
        _ => true,
    }
}

/// Renders a text of the library for a page whose way back to the site root is `root`.
pub fn render(lib: &Library, text: &Text, root: &str) -> String {
    let mut run = 0usize;
    let events = walk(&text.markdown, root, &mut |prose, in_link| {
        if in_link {
            return escape(prose);
        }
        let html = format_citations(
            lib,
            prose,
            text.links.get(run).map_or(&[], |l| l.as_slice()),
            root,
        );
        run += 1;
        html
    });
    let mut out = String::new();
    html::push_html(&mut out, events.into_iter());
    out
}

/// The prose runs of `markdown` that citations are found in, in order: the
/// text between other Markdown events, outside links and code. `render` cuts
/// the text the same way (both go through `walk`).
pub fn runs(markdown: &str) -> Vec<String> {
    let mut out = Vec::new();
    walk(markdown, "", &mut |prose, in_link| {
        if !in_link {
            out.push(prose.to_string());
        }
        String::new()
    });
    out
}

/// The events of `markdown` with each run of text replaced by what `format`
/// makes of it (given the run and whether it is a link's text).
fn walk(
    markdown: &str,
    root: &str,
    format: &mut dyn FnMut(&str, bool) -> String,
) -> Vec<Event<'static>> {
    let mut events = Vec::new();
    let mut pending = String::new();
    let mut in_link = 0usize;
    let mut in_code = false;
    let mut flush = |pending: &mut String, events: &mut Vec<Event<'static>>, link: bool| {
        if !pending.is_empty() {
            let html = format(pending, link);
            events.push(Event::InlineHtml(CowStr::from(html)));
            pending.clear();
        }
    };
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(t) if !in_code => pending.push_str(&t),
            other => {
                flush(&mut pending, &mut events, in_link > 0);
                match other {
                    Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }) => {
                        in_link += 1;
                        // `check` refuses other schemes; never emit one even so.
                        let dest = if link_allowed(&dest_url) {
                            document_url(&dest_url, root).unwrap_or_else(|| dest_url.to_string())
                        } else {
                            "#".to_string()
                        };
                        let dest = CowStr::from(dest);
                        events.push(Event::Start(Tag::Link {
                            link_type,
                            dest_url: dest,
                            title: title.into_static(),
                            id: id.into_static(),
                        }));
                    }
                    Event::End(pulldown_cmark::TagEnd::Link) => {
                        in_link = in_link.saturating_sub(1);
                        events.push(Event::End(pulldown_cmark::TagEnd::Link));
                    }
                    Event::Start(Tag::CodeBlock(k)) => {
                        in_code = true;
                        events.push(Event::Start(Tag::CodeBlock(k.into_static())));
                    }
                    Event::End(pulldown_cmark::TagEnd::CodeBlock) => {
                        in_code = false;
                        events.push(Event::End(pulldown_cmark::TagEnd::CodeBlock));
                    }
                    // Authors' raw HTML is shown as text: the site's markup is the templates'.
                    Event::Html(h) | Event::InlineHtml(h) => {
                        events.push(Event::Text(h.into_static()))
                    }
                    e => events.push(e.into_static()),
                }
            }
        }
    }
    flush(&mut pending, &mut events, in_link > 0);
    events
}

/// `case:2025-007` → `cases/2025-007.html` below `root`; other destinations as they are.
fn document_url(dest: &str, root: &str) -> Option<String> {
    let (kind, id) = dest.split_once(':')?;
    Some(match kind {
        "case" => format!("{root}{}", urls::case(id)),
        "risk" => format!("{root}{}", urls::risk(id)),
        "guide" => format!("{root}{}", urls::guide(id)),
        _ => return None,
    })
}

/// Plain text with its citations (found in it by the library) linked, HTML-escaped.
pub fn format_citations(lib: &Library, text: &str, found: &[Found], root: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut last = 0;
    for found in found {
        if found.span.start < last || found.span.end > text.len() {
            continue;
        }
        out.push_str(&escape(&text[last..found.span.start]));
        let cited = &text[found.span.clone()];
        match &found.target {
            Ok(Target::Clauses(keys)) if !keys.is_empty() => {
                let tip: Vec<String> = keys
                    .iter()
                    .take(4)
                    .map(|k| format!("{}：{}", lib.label(k), lib.clause_text(k)))
                    .collect();
                let eids: Vec<&str> = keys.iter().map(|k| k.eid.as_str()).collect();
                out.push_str(&format!(
                    "<a class=\"cite\" href=\"{}{}\" data-clauses=\"{}\" data-tip=\"{}\">{}</a>",
                    root,
                    urls::clause(lib, &keys[0]),
                    eids.join(" "),
                    escape(&tip.join("\n")),
                    escape(cited)
                ));
            }
            Ok(Target::External) => out.push_str(&format!(
                "<span class=\"cite-ext\" title=\"本库未收录的其他法律法规\">{}</span>",
                escape(cited)
            )),
            _ => out.push_str(&escape(cited)),
        }
        last = found.span.end;
    }
    out.push_str(&escape(&text[last..]));
    out
}

pub fn escape(s: &str) -> String {
    // Runs without a special character are copied whole: decoding each CJK
    // character to push it back cost 3 % of a build's instructions (callgrind).
    let mut out = String::with_capacity(s.len() + s.len() / 16);
    let mut from = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[from..i]);
        out.push_str(entity);
        from = i + 1;
    }
    out.push_str(&s[from..]);
    out
}

/// The body of the `## heading` section of a Markdown text, if it has one.
pub fn section(markdown: &str, heading: &str) -> Option<String> {
    section_at(markdown, heading).map(|(s, _)| s)
}

/// `section`, and how many lines after the first of `markdown` its text begins
/// (so findings in it are located in the file).
pub fn section_at(markdown: &str, heading: &str) -> Option<(String, usize)> {
    let start = markdown
        .lines()
        .position(|l| l.trim_start_matches('#').trim() == heading && l.starts_with("## "))?;
    let body: Vec<&str> = markdown
        .lines()
        .skip(start + 1)
        .take_while(|l| !l.starts_with("## ") && !l.starts_with("# "))
        .collect();
    let blank = body.iter().take_while(|l| l.trim().is_empty()).count();
    let s = body.join("\n").trim().to_string();
    (!s.is_empty()).then_some((s, start + 1 + blank))
}

/// Markdown reduced to plain text, for search bodies and summaries.
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::new();
    for e in Parser::new_ext(markdown, options()) {
        match e {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => {
                if !out.ends_with('\n') {
                    out.push('\n');
                }
            }
            _ => {}
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod link_tests {
    use super::link_allowed;

    #[test]
    fn only_safe_links_are_allowed() {
        for ok in [
            "cases.html",
            "../r/x/art_1.html#art_1",
            "#top",
            "https://example.org/a",
            "http://x",
            "mailto:a@b.cn",
            "case:2025-001",
            "risk:x",
            "guide:y",
            "第一条.html",
        ] {
            assert!(link_allowed(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:x",
            "java\tscript:x",
            "java\nscript:x",
            "vbscript:x",
            "data:text/html,x",
            "file:///etc/passwd",
            "//evil.example",
            "\\\\evil\\share",
            "ftp://x",
        ] {
            assert!(!link_allowed(bad), "{bad:?}");
        }
    }
}
