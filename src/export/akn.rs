//! One expression of a regulation as an Akoma Ntoso 3.0 `act`: FRBR metadata from
//! the front matter, the preface, the body (part / chapter / section / article /
//! paragraph / point, eIds as the site's) and the annexes as attachments.
//!
//! `expression` takes one clause tree and the metadata of that version, so a
//! regulation with several versions becomes one call per version.

use super::xml::{Inline, XmlWriter};
use crate::content::date::Date;
use crate::regulation::{Annex, Article, Chapter, Paragraph, Point, Regulation};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

pub const NAMESPACE: &str = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";
/// ISO 639-2 code of Chinese, as AKN's FRBRlanguage wants it.
pub const LANGUAGE: &str = "zho";
const COUNTRY: &str = "cn";

/// What names one expression: the work (slug, issue date, issuer, number, title)
/// and this version (its effective date, its publication date).
pub struct ExpressionMeta<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub issuer: &'a str,
    pub doc_number: &'a str,
    pub issued: Date,
    pub published: Date,
    pub effective: Date,
}

/// Citations inside the text of one paragraph or item: byte spans into that text
/// and the IRI each links to. Keyed by the clause's eId.
pub type Refs = BTreeMap<String, Vec<(Range<usize>, String)>>;

impl ExpressionMeta<'_> {
    /// `/akn/cn/act/2024-09-14/xilingol`: the work, by issue date and slug.
    pub fn work_iri(&self) -> String {
        work_iri(self.issued, self.slug)
    }

    /// `/akn/cn/act/2024-09-14/xilingol/zho@2024-10-14`: this version, in Chinese,
    /// as in force from its effective date.
    pub fn expression_iri(&self) -> String {
        format!("{}/{LANGUAGE}@{}", self.work_iri(), self.effective)
    }
}

pub fn work_iri(issued: Date, slug: &str) -> String {
    format!("/akn/{COUNTRY}/act/{issued}/{}", iri_segment(slug))
}

/// The whole `<akomaNtoso>` document of one expression.
pub fn expression(tree: &Regulation, meta: &ExpressionMeta, refs: &Refs) -> String {
    let mut w = XmlWriter::new();
    w.open("akomaNtoso", &[("xmlns", NAMESPACE)]);
    w.open("act", &[("name", "act")]);
    write_meta(&mut w, meta, "!main", None);
    write_preface(&mut w, tree, meta);
    Body { w: &mut w, refs }.write(tree);
    if !tree.annexes.is_empty() {
        w.open("attachments", &[]);
        for (i, annex) in tree.annexes.iter().enumerate() {
            write_annex(&mut w, meta, annex, i + 1);
        }
        w.close();
    }
    w.close();
    w.close();
    w.finish()
}

/// `<meta>`: identification (work, expression, manifestation of `component`) and,
/// for the act itself (`name` is `None`), the publication and the references its
/// `#…` links point to. An annex passes its own work name.
fn write_meta(w: &mut XmlWriter, meta: &ExpressionMeta, component: &str, name: Option<&str>) {
    let work = meta.work_iri();
    let expr = meta.expression_iri();
    let (issued, effective) = (meta.issued.to_string(), meta.effective.to_string());
    w.open("meta", &[]);
    w.open("identification", &[("source", "#regkb")]);

    w.open("FRBRWork", &[]);
    w.empty("FRBRthis", &[("value", &format!("{work}/{component}"))]);
    w.empty("FRBRuri", &[("value", &work)]);
    w.empty("FRBRdate", &[("date", &issued), ("name", "issued")]);
    w.empty("FRBRauthor", &[("href", "#issuer"), ("as", "#author")]);
    w.empty("FRBRcountry", &[("value", COUNTRY)]);
    if !meta.doc_number.is_empty() {
        w.empty(
            "FRBRnumber",
            &[("value", meta.doc_number), ("showAs", meta.doc_number)],
        );
    }
    w.empty("FRBRname", &[("value", name.unwrap_or(meta.title))]);
    w.close();

    w.open("FRBRExpression", &[]);
    w.empty("FRBRthis", &[("value", &format!("{expr}/{component}"))]);
    w.empty("FRBRuri", &[("value", &expr)]);
    w.empty("FRBRdate", &[("date", &effective), ("name", "effective")]);
    w.empty("FRBRauthor", &[("href", "#issuer"), ("as", "#author")]);
    w.empty("FRBRlanguage", &[("language", LANGUAGE)]);
    w.close();

    // The manifestation is dated by its expression, not by the day of the export,
    // so that two exports of the same content are byte-identical.
    w.open("FRBRManifestation", &[]);
    w.empty("FRBRthis", &[("value", &format!("{expr}/{component}.xml"))]);
    w.empty("FRBRuri", &[("value", &format!("{expr}.akn"))]);
    w.empty("FRBRdate", &[("date", &effective), ("name", "effective")]);
    w.empty("FRBRauthor", &[("href", "#regkb")]);
    w.empty("FRBRformat", &[("value", "application/akn+xml")]);
    w.close();

    w.close();
    if name.is_some() {
        // An annex's `#issuer` and `#regkb` are the act's: eIds are unique in the
        // whole document, so the references are written once, in the act's meta.
        w.close();
        return;
    }
    w.empty(
        "publication",
        &[
            ("date", &meta.published.to_string()),
            ("name", "published"),
            ("showAs", meta.issuer),
        ],
    );
    w.open("references", &[("source", "#regkb")]);
    w.empty(
        "TLCOrganization",
        &[
            ("eId", "regkb"),
            ("href", "/ontology/organization/regkb"),
            ("showAs", "regkb"),
        ],
    );
    w.empty(
        "TLCOrganization",
        &[
            ("eId", "issuer"),
            (
                "href",
                &format!(
                    "/ontology/organization/{COUNTRY}/{}",
                    iri_segment(meta.issuer)
                ),
            ),
            ("showAs", meta.issuer),
        ],
    );
    w.empty(
        "TLCRole",
        &[
            ("eId", "author"),
            ("href", "/ontology/role/regkb/author"),
            ("showAs", "制定机关"),
        ],
    );
    w.close();
    w.close();
}

/// The title, the document number and the 题注 (adoption and amendment history).
fn write_preface(w: &mut XmlWriter, tree: &Regulation, meta: &ExpressionMeta) {
    w.open("preface", &[]);
    w.open("longTitle", &[]);
    let title = if tree.title.is_empty() {
        meta.title
    } else {
        &tree.title
    };
    w.mixed(
        "p",
        &[],
        &[Inline::Element {
            name: "docTitle",
            attrs: vec![],
            text: title,
        }],
    );
    w.close();
    if !meta.doc_number.is_empty() {
        w.mixed(
            "p",
            &[],
            &[Inline::Element {
                name: "docNumber",
                attrs: vec![],
                text: meta.doc_number,
            }],
        );
    }
    for note in &tree.notes {
        w.leaf("p", &[("class", "note")], note);
    }
    w.close();
}

/// An annex as an attachment holding a `doc` of its own, its lines as paragraphs.
fn write_annex(w: &mut XmlWriter, meta: &ExpressionMeta, annex: &Annex, n: usize) {
    let eid = format!("att_{n}");
    w.open("attachment", &[("eId", &eid)]);
    if !annex.num.is_empty() {
        w.leaf("num", &[], &annex.num);
    }
    if !annex.heading.is_empty() {
        w.leaf("heading", &[], &annex.heading);
    }
    w.open("doc", &[("name", "annex")]);
    let label = [annex.num.as_str(), annex.heading.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    let name = if label.is_empty() {
        format!("{} 附件{n}", meta.title)
    } else {
        format!("{} {label}", meta.title)
    };
    write_meta(w, meta, &format!("!annex_{n}"), Some(&name));
    w.open("mainBody", &[]);
    let lines: Vec<&str> = annex
        .text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.is_empty() {
        w.empty("p", &[]);
    }
    for line in lines {
        w.leaf("p", &[], line);
    }
    w.close();
    w.close();
    w.close();
}

/// The body: containers opened in document order around the articles they hold.
struct Body<'a> {
    w: &'a mut XmlWriter,
    refs: &'a Refs,
}

impl Body<'_> {
    fn write(&mut self, tree: &Regulation) {
        self.w.open("body", &[]);
        let in_part = |a: &Article| {
            a.chapter.is_none()
                && a.part
                    .as_ref()
                    .is_some_and(|p| tree.parts.iter().any(|x| &x.eid == p))
        };
        let outside = |a: &&Article| {
            !in_part(a)
                && (a.chapter.is_none()
                    || !tree
                        .chapters
                        .iter()
                        .any(|c| Some(&c.eid) == a.chapter.as_ref()))
        };
        // Articles outside every chapter (rules without chapters, or a stray one).
        for a in tree.articles.iter().filter(outside) {
            self.article(a);
        }
        // Parts are opened around their chapters; a part no chapter names is written
        // empty where it stands among the others.
        let named = |eid: &str| tree.chapters.iter().any(|c| c.part.as_deref() == Some(eid));
        let mut written: BTreeSet<&str> = BTreeSet::new();
        let mut open_part: Option<&str> = None;
        for c in &tree.chapters {
            if c.part.as_deref() != open_part {
                if open_part.take().is_some() {
                    self.w.close();
                }
                let at = c.part.as_deref().and_then(|e| {
                    (!written.contains(e))
                        .then(|| tree.parts.iter().position(|p| p.eid == e))
                        .flatten()
                });
                if let Some(at) = at {
                    for q in &tree.parts[..at] {
                        if !written.contains(q.eid.as_str()) && !named(&q.eid) {
                            self.container("part", &q.eid, &q.num, &q.heading);
                            self.part_articles(tree, &q.eid);
                            self.w.close();
                            written.insert(&q.eid);
                        }
                    }
                    let p = &tree.parts[at];
                    self.container("part", &p.eid, &p.num, &p.heading);
                    self.part_articles(tree, &p.eid);
                    written.insert(&p.eid);
                    open_part = Some(&p.eid);
                }
            }
            self.chapter(tree, c);
        }
        if open_part.is_some() {
            self.w.close();
        }
        for p in tree
            .parts
            .iter()
            .filter(|p| !written.contains(p.eid.as_str()))
        {
            self.container("part", &p.eid, &p.num, &p.heading);
            self.part_articles(tree, &p.eid);
            self.w.close();
        }
        if tree.articles.is_empty() && tree.chapters.is_empty() && tree.parts.is_empty() {
            // The schema wants at least one element in a body; the loader refuses a
            // regulation without articles (E0502), so only a hand-made tree gets here.
            self.w
                .open("hcontainer", &[("eId", "hcontainer_1"), ("name", "empty")]);
            self.w.open("content", &[]);
            self.w.empty("p", &[]);
            self.w.close();
            self.w.close();
        }
        self.w.close();
    }

    /// The articles a 编 holds outside any chapter (刑法's 附则).
    fn part_articles(&mut self, tree: &Regulation, part: &str) {
        for a in tree
            .articles
            .iter()
            .filter(|a| a.chapter.is_none() && a.part.as_deref() == Some(part))
        {
            self.article(a);
        }
    }

    /// A chapter: its articles outside any section, then its sections with theirs.
    fn chapter(&mut self, tree: &Regulation, c: &Chapter) {
        self.container("chapter", &c.eid, &c.num, &c.heading);
        let in_chapter = |a: &&Article| a.chapter.as_ref() == Some(&c.eid);
        let in_section = |a: &Article| {
            a.section
                .as_ref()
                .is_some_and(|s| c.sections.iter().any(|x| &x.eid == s))
        };
        for a in tree
            .articles
            .iter()
            .filter(in_chapter)
            .filter(|a| !in_section(a))
        {
            self.article(a);
        }
        for s in &c.sections {
            self.container("section", &s.eid, &s.num, &s.heading);
            for a in tree
                .articles
                .iter()
                .filter(in_chapter)
                .filter(|a| a.section.as_ref() == Some(&s.eid))
            {
                self.article(a);
            }
            self.w.close();
        }
        self.w.close();
    }

    /// Opens a part, chapter or section with its number and heading.
    fn container(&mut self, name: &'static str, eid: &str, num: &str, heading: &str) {
        self.w.open(name, &[("eId", eid)]);
        if !num.is_empty() {
            self.w.leaf("num", &[], num);
        }
        if !heading.is_empty() {
            self.w.leaf("heading", &[], heading);
        }
    }

    fn article(&mut self, a: &Article) {
        self.w.open("article", &[("eId", &a.eid)]);
        self.w.leaf("num", &[], &a.num);
        if let Some(h) = a.heading.as_deref().filter(|h| !h.is_empty()) {
            self.w.leaf("heading", &[], h);
        }
        for p in &a.paragraphs {
            self.paragraph(p);
        }
        self.w.close();
    }

    /// A 款: its text as `content`, or, with items, as the `intro` before them.
    /// 款 carry no number in Chinese rules, so none is written.
    fn paragraph(&mut self, p: &Paragraph) {
        self.w.open("paragraph", &[("eId", &p.eid)]);
        if p.points.is_empty() {
            self.w.open("content", &[]);
            self.text(&p.eid, &p.text);
            self.w.close();
        } else {
            if !p.text.is_empty() {
                self.w.open("intro", &[]);
                self.text(&p.eid, &p.text);
                self.w.close();
            }
            for pt in &p.points {
                self.point(pt);
            }
        }
        self.w.close();
    }

    fn point(&mut self, pt: &Point) {
        self.w.open("point", &[("eId", &pt.eid)]);
        if !pt.num.is_empty() {
            self.w.leaf("num", &[], &pt.num);
        }
        self.w.open("content", &[]);
        self.text(&pt.eid, &pt.text);
        self.w.close();
        self.w.close();
    }

    /// A `<p>` of clause text, its citations of the library's regulations as `<ref>`.
    fn text(&mut self, eid: &str, text: &str) {
        let mut runs = Vec::new();
        let mut last = 0;
        for (span, href) in self.refs.get(eid).map(Vec::as_slice).unwrap_or_default() {
            let ok = span.start >= last
                && span.end <= text.len()
                && text.is_char_boundary(span.start)
                && text.is_char_boundary(span.end);
            if !ok {
                continue;
            }
            runs.push(Inline::Text(&text[last..span.start]));
            runs.push(Inline::Element {
                name: "ref",
                attrs: vec![("href", href.clone())],
                text: &text[span.clone()],
            });
            last = span.end;
        }
        runs.push(Inline::Text(&text[last..]));
        self.w.mixed("p", &[], &runs);
    }
}

/// A path segment of an IRI: unreserved ASCII kept, everything else percent-encoded
/// as UTF-8 (slugs and issuers may be Chinese).
pub fn iri_segment(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
#[path = "akn_tests.rs"]
mod tests;
