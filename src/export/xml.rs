//! A small XML writer: elements opened and closed in order, two-space indentation
//! between elements, and text escaped so that any string the library holds gives
//! well-formed XML 1.0.

/// XML under construction. Elements holding text are written on one line
/// (`leaf`, `mixed`), so no whitespace is added inside text.
pub struct XmlWriter {
    out: String,
    open: Vec<&'static str>,
}

/// One run of mixed content: text, or an element with attributes and text.
pub enum Inline<'a> {
    Text(&'a str),
    Element {
        name: &'static str,
        attrs: Vec<(&'static str, String)>,
        text: &'a str,
    },
}

impl Default for XmlWriter {
    fn default() -> Self {
        XmlWriter::new()
    }
}

impl XmlWriter {
    pub fn new() -> XmlWriter {
        XmlWriter {
            out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
            open: Vec::new(),
        }
    }

    pub fn open(&mut self, name: &'static str, attrs: &[(&str, &str)]) {
        self.start_tag(name, attrs, false);
        self.out.push('\n');
        self.open.push(name);
    }

    pub fn close(&mut self) {
        let name = self.open.pop().expect("close matches an open");
        self.indent();
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    /// `<name attrs/>`.
    pub fn empty(&mut self, name: &'static str, attrs: &[(&str, &str)]) {
        self.start_tag(name, attrs, true);
        self.out.push('\n');
    }

    /// `<name attrs>text</name>` on one line.
    pub fn leaf(&mut self, name: &'static str, attrs: &[(&str, &str)], text: &str) {
        self.mixed(name, attrs, &[Inline::Text(text)]);
    }

    /// An element of mixed content on one line: text runs and inline elements.
    pub fn mixed(&mut self, name: &'static str, attrs: &[(&str, &str)], runs: &[Inline]) {
        self.start_tag(name, attrs, false);
        for run in runs {
            match run {
                Inline::Text(t) => escape_into(&mut self.out, t, false),
                Inline::Element { name, attrs, text } => {
                    self.out.push('<');
                    self.out.push_str(name);
                    for (k, v) in attrs {
                        push_attr(&mut self.out, k, v);
                    }
                    self.out.push('>');
                    escape_into(&mut self.out, text, false);
                    self.out.push_str("</");
                    self.out.push_str(name);
                    self.out.push('>');
                }
            }
        }
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    pub fn finish(self) -> String {
        assert!(self.open.is_empty(), "unclosed elements: {:?}", self.open);
        self.out
    }

    fn start_tag(&mut self, name: &str, attrs: &[(&str, &str)], empty: bool) {
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in attrs {
            push_attr(&mut self.out, k, v);
        }
        self.out.push_str(if empty { "/>" } else { ">" });
    }

    fn indent(&mut self) {
        for _ in 0..self.open.len() {
            self.out.push_str("  ");
        }
    }
}

fn push_attr(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    escape_into(out, value, true);
    out.push('"');
}

/// Escapes markup characters; drops what XML 1.0 cannot carry at all (C0 controls
/// other than tab, newline and carriage return; U+FFFE, U+FFFF), which no official
/// text contains but a damaged file might. In attributes, whitespace is written as
/// character references so that attribute-value normalisation keeps it.
fn escape_into(out: &mut String, s: &str, attribute: bool) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped_and_parse_back() {
        let mut w = XmlWriter::new();
        w.open("root", &[("title", "a\"b<c>&\nd")]);
        w.leaf("p", &[], "《法》第1条 <b> & \u{1}x\u{FFFF}\r");
        w.mixed(
            "p",
            &[],
            &[
                Inline::Text("见"),
                Inline::Element {
                    name: "ref",
                    attrs: vec![("href", "#art_1?a=1&b=2".to_string())],
                    text: "第一条",
                },
                Inline::Text("。"),
            ],
        );
        w.close();
        let xml = w.finish();
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let root = doc.root_element();
        assert_eq!(root.attribute("title"), Some("a\"b<c>&\nd"));
        let ps: Vec<_> = root.children().filter(|n| n.is_element()).collect();
        assert_eq!(ps[0].text(), Some("《法》第1条 <b> & x\r"));
        let r = ps[1].first_element_child().unwrap();
        assert_eq!(
            (r.attribute("href"), r.text()),
            (Some("#art_1?a=1&b=2"), Some("第一条"))
        );
    }

    #[test]
    #[should_panic(expected = "unclosed")]
    fn an_unclosed_element_is_a_bug() {
        let mut w = XmlWriter::new();
        w.open("a", &[]);
        let _ = w.finish();
    }
}
