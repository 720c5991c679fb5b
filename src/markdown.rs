//! Markdown to HTML with the library's links: every citation of a clause becomes
//! a link to it carrying the clause's text for hover and focus, and `case:`,
//! `risk:`, `guide:` links become relative URLs.

use crate::library::resolve::{Target, citations_in};
use crate::library::{ClauseKey, Library, Text};
use crate::render::urls;
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, html};

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Destinations of every Markdown link in `markdown`, with their byte offsets.
pub fn link_destinations(markdown: &str) -> Vec<(String, usize)> {
    Parser::new_ext(markdown, options())
        .into_offset_iter()
        .filter_map(|(e, range)| match e {
            Event::Start(Tag::Link { dest_url, .. }) => Some((dest_url.to_string(), range.start)),
            _ => None,
        })
        .collect()
}

/// Renders a text of the library for a page whose way back to the site root is `root`.
pub fn render(lib: &Library, text: &Text, root: &str) -> String {
    let mut events = Vec::new();
    let mut pending = String::new();
    let mut in_link = 0usize;
    let mut in_code = false;
    let flush = |pending: &mut String, events: &mut Vec<Event<'static>>, link: bool| {
        if !pending.is_empty() {
            let html = if link {
                escape(pending)
            } else {
                link_citations(lib, pending, text.context.as_ref(), root)
            };
            events.push(Event::InlineHtml(CowStr::from(html)));
            pending.clear();
        }
    };
    for event in Parser::new_ext(&text.markdown, options()) {
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
                        let dest = CowStr::from(
                            document_url(&dest_url, root).unwrap_or_else(|| dest_url.to_string()),
                        );
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
    let mut out = String::new();
    html::push_html(&mut out, events.into_iter());
    out
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

/// Plain text with its citations linked, HTML-escaped.
pub fn link_citations(
    lib: &Library,
    text: &str,
    context: Option<&ClauseKey>,
    root: &str,
) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut last = 0;
    for found in citations_in(&lib.regulations, text, context) {
        out.push_str(&escape(&text[last..found.span.start]));
        let cited = &text[found.span.clone()];
        match found.target {
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
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
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
