//! The bodies of the fuzz targets: each feeds one input to a public entry point of
//! regkb and checks what must hold for every input, not only that nothing panics.
//! `tests/it/fuzz_regressions.rs` includes this file, so the stable test suite
//! replays each crash the fuzzers found through the very same checks.

use regkb::citation::{self, Citation, Context, Instrument};
use regkb::config::{AnonymizeConfig, Config};
use regkb::content::document::SourceFile;
use regkb::content::kinds::{AnnotationFront, CaseFront, GuideFront, RegulationFront, RiskFront};
use regkb::content::{encoding, frontmatter};
use regkb::diagnostic::{Diagnostic, Severity};
use regkb::library::RegulationDoc;
use regkb::library::resolve::{self, Target};
use regkb::regulation::parser::{self, is_space};
use regkb::regulation::{ArticleNumber, Regulation};
use regkb::{anonymize, markdown, numerals};
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::fmt::Debug;
use std::ops::Range;
use std::path::Path;
use std::sync::LazyLock;

const PATH: &str = "fuzz.md";

/// A byte range that lies inside `text` on character boundaries.
fn assert_span(text: &str, span: &Range<usize>, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} cuts a character"
    );
}

/// A located finding points at a real line and column of `file`, and the line it
/// quotes is that line; printing it (with its caret) must not fail.
fn assert_diagnostic(d: &Diagnostic, file: &str) {
    assert!(d.line >= 1 && d.column >= 1, "{d:?}");
    let lines: Vec<&str> = file.split('\n').collect();
    assert!(
        d.line <= lines.len(),
        "line {} of {} lines",
        d.line,
        lines.len()
    );
    if let Some(source) = &d.source_line {
        assert_eq!(
            file.lines().nth(d.line - 1).unwrap_or(""),
            source,
            "the quoted line is not line {} of the file",
            d.line
        );
        assert!(d.column <= source.chars().count() + 1, "{d:?}");
    }
    let _ = d.to_string();
}

/// Bytes as the loader reads them; `None` for what it refuses (not UTF-8).
fn decoded(data: &[u8]) -> Option<String> {
    encoding::decode(Path::new(PATH), data).ok()
}

/// Target `decode`: BOM and line endings normalised, or a located error.
pub fn decode(data: &[u8]) {
    match encoding::decode(Path::new(PATH), data) {
        Ok(text) => {
            assert!(!text.contains('\r'));
            let body = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
            assert!(std::str::from_utf8(body).is_ok());
            if !text.starts_with('\u{feff}') {
                assert_eq!(
                    encoding::decode(Path::new(PATH), text.as_bytes()).ok(),
                    Some(text)
                );
            }
        }
        Err(d) => {
            let body = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
            assert!(std::str::from_utf8(body).is_err());
            assert!(d.line >= 1 && d.column >= 1, "{d:?}");
            let _ = d.to_string();
        }
    }
}

/// Target `frontmatter`: the split, then every kind's typed front matter.
pub fn frontmatter(data: &[u8]) {
    let Some(text) = decoded(data) else { return };
    let split = frontmatter::strip(&text);
    assert_eq!(&text[split.body_offset..], split.text);
    if let Some(front) = split.front {
        assert!(text["+++\n".len()..].starts_with(front));
        assert_eq!(split.front_line, 2);
    }
    if !split.text.is_empty() {
        let before = &text[..split.body_offset];
        assert_eq!(split.first_line, before.matches('\n').count() + 1);
    }
    assert_eq!(
        frontmatter::is_unclosed(&text),
        text.starts_with("+++\n") && split.front.is_none()
    );

    let file = SourceFile {
        path: PATH.into(),
        text: text.clone(),
    };
    typed::<RegulationFront>(&file);
    typed::<AnnotationFront>(&file);
    typed::<RiskFront>(&file);
    typed::<GuideFront>(&file);
    if let Some(case) = typed::<CaseFront>(&file) {
        let front = split.front.expect("parsed front matter");
        for span in [case.id.span(), case.field.span(), case.outcome.span()]
            .into_iter()
            .chain(case.clauses.iter().map(|c| c.span()))
        {
            assert_span(front, &span, "front matter value");
            let d = file.front_diagnostic(span, Severity::Error, "fuzz");
            assert_diagnostic(&d, &text);
            assert!(
                d.line >= 2 && d.line <= 1 + front.lines().count().max(1),
                "{d:?}"
            );
        }
    }
}

fn typed<T: DeserializeOwned + Debug>(file: &SourceFile) -> Option<T> {
    let first = file.parse::<T>();
    let again = file.parse::<T>();
    assert_eq!(
        format!("{first:?}"),
        format!("{again:?}"),
        "parsing twice differs"
    );
    match first {
        Ok((value, body)) => {
            assert!(file.text.ends_with(&body.markdown));
            assert!(body.first_line >= 1);
            Some(value)
        }
        Err(d) => {
            assert_diagnostic(&d, &file.text);
            None
        }
    }
}

/// Target `config_toml`: config.toml as the loader reads it (decoded first, so
/// without `\r`).
pub fn config_toml(data: &[u8]) {
    let Some(text) = decoded(data) else { return };
    let text = text.as_str();
    match toml::from_str::<Config>(text) {
        Ok(config) => {
            let again = toml::from_str::<Config>(text).expect("parsed once");
            assert_eq!(format!("{config:?}"), format!("{again:?}"));
            for f in &config.fields {
                assert_span(text, &f.span(), "field");
            }
            let _ = config.field_names().chain(config.action_names()).count();
            for name in config.outcome_names() {
                let _ = config.outcome_tone(name);
            }
            let _ = anonymize::scan(text, &config.anonymize);
        }
        Err(e) => {
            if let Some(span) = e.span() {
                assert!(span.start <= span.end && span.end <= text.len(), "{span:?}");
            }
            let offset = e.span().map_or(0, |s| s.start);
            let d = Diagnostic::at_offset(
                Path::new("config.toml"),
                text,
                1,
                offset,
                Severity::Error,
                e.message().trim().replace('\n', " "),
            );
            assert_diagnostic(&d, text);
        }
    }
}

/// Target `regulation_parser`: a regulation file (front matter optional) parsed the
/// way the loader does, checked against the file it came from.
pub fn regulation_parser(data: &[u8]) {
    let Some(text) = decoded(data) else { return };
    let split = frontmatter::strip(&text);
    let reg = parser::parse_at(split.text, split.first_line);
    assert_eq!(
        reg,
        parser::parse_at(split.text, split.first_line),
        "parsing twice differs"
    );
    if split.first_line == 1 {
        assert_eq!(reg, parser::parse(split.text));
    }
    check_tree(&reg, &text, split.first_line, split.text.lines().count());
}

fn check_tree(reg: &Regulation, file: &str, first_line: usize, body_lines: usize) {
    let lines: Vec<&str> = file.lines().collect();
    let body = first_line..first_line + body_lines;
    assert_eq!(reg.title, reg.title.trim_matches(is_space));
    for c in &reg.chapters {
        match &c.part {
            Some(p) => {
                assert!(reg.parts.iter().any(|x| &x.eid == p));
                assert_eq!(c.eid, format!("{p}__chp_{}", c.number));
            }
            None => assert_eq!(c.eid, format!("chp_{}", c.number)),
        }
    }
    let warned: Vec<usize> = reg.warnings.iter().map(|w| w.line).collect();
    for w in &reg.warnings {
        assert!(
            body.contains(&w.line),
            "warning line {} outside {body:?}",
            w.line
        );
    }
    let mut seen = std::collections::HashSet::new();
    let mut previous: Option<ArticleNumber> = None;
    for a in &reg.articles {
        // Numbers that do not rise are kept, but only with a warning at their line.
        assert!(
            previous.is_none_or(|p| p < a.number) || warned.contains(&a.line),
            "articles out of order at {} without a warning",
            a.num
        );
        previous = Some(a.number);
        assert!(seen.insert(a.eid.clone()), "eId {} twice", a.eid);
        assert!(
            a.eid == a.number.eid() || a.eid.starts_with(&format!("{}_dup", a.number.eid())),
            "{} is not the eId of {}",
            a.eid,
            a.num
        );
        assert!(
            body.contains(&a.line),
            "article line {} outside {body:?}",
            a.line
        );
        let heading = lines[a.line - 1].trim_matches(is_space);
        assert!(
            heading.starts_with(&a.num),
            "line {} {heading:?} is not {}",
            a.line,
            a.num
        );
        if let Some(caption) = &a.heading {
            assert!(
                heading.contains(caption.as_str()),
                "caption {caption:?} not on line {}",
                a.line
            );
        }
        if let Some(chapter) = &a.chapter {
            assert!(reg.chapters.iter().any(|c| &c.eid == chapter));
        }
        let mut line = a.line;
        for (i, p) in a.paragraphs.iter().enumerate() {
            assert_eq!(p.eid, format!("{}__para_{}", a.eid, i + 1));
            assert!(p.line >= line && body.contains(&p.line));
            line = p.line;
            assert!(lines[p.line - 1].contains(p.text.lines().next().unwrap_or("")));
            for pt in &p.points {
                assert_eq!(pt.eid, format!("{}__point_{}", p.eid, pt.number));
                assert!(pt.line >= line && body.contains(&pt.line));
                line = pt.line;
                assert!(lines[pt.line - 1].contains(pt.text.lines().next().unwrap_or("")));
            }
        }
    }
    for eid in reg.eids() {
        assert!(reg.clause(eid).is_some(), "{eid} in eids() but not found");
        assert!(reg.label(eid).is_some() && reg.text(eid).is_some());
        let _ = reg.points_of(eid);
    }
}

/// Target `citation_recognizer`: citations in prose.
pub fn citation_recognizer(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let found = citation::recognize(text);
    assert_eq!(
        found,
        citation::recognize(text),
        "recognising twice differs"
    );
    check_citations(text, &found);
    for c in &found {
        // A citation reads the same on its own (front matter `clauses` are exactly that).
        let cited = &text[c.span.clone()];
        let alone = citation::recognize(cited);
        let first = alone
            .first()
            .unwrap_or_else(|| panic!("{cited:?} not recognised alone"));
        assert_eq!(first.span, 0..cited.len(), "{cited:?} alone");
        assert_eq!(first.refs, c.refs, "{cited:?} alone");
        assert!(
            first.instrument == c.instrument
                || (c.instrument == Instrument::Unknown && first.instrument == Instrument::Default),
            "{cited:?}: {:?} alone, {:?} in the text",
            first.instrument,
            c.instrument
        );
    }
}

fn check_citations(text: &str, found: &[Citation]) {
    let mut last = 0;
    for c in found {
        assert_span(text, &c.span, "citation");
        assert!(
            c.span.start >= last && c.span.start < c.span.end,
            "{:?} after {last}",
            c.span
        );
        last = c.span.end;
        assert!(!c.refs.is_empty(), "{c:?} names no clause");
        if let Instrument::Named(name) = &c.instrument {
            assert!(text[c.span.clone()].starts_with(&format!("《{name}》")));
        }
        for r in &c.refs {
            let _ = (r.label(), r.is_relative());
        }
    }
}

/// Two regulations: the bundled one (index 0) and the 行政处罚法 fixture, so
/// named citations resolve into a second instrument.
static REGULATIONS: LazyLock<Vec<RegulationDoc>> = LazyLock::new(|| {
    let doc = |slug: &str, text: &str| {
        let file = SourceFile {
            path: format!("{slug}.md").into(),
            text: text.to_string(),
        };
        let (front, body) = file
            .parse::<RegulationFront>()
            .expect("fixture front matter");
        RegulationDoc {
            slug: slug.into(),
            path: file.path.clone(),
            front,
            tree: parser::parse_at(&body.markdown, body.first_line),
            links: BTreeMap::new(),
            versions: vec![],
            current: true,
        }
    };
    let other = format!(
        "+++\ntitle = \"中华人民共和国行政处罚法\"\nissuer = \"全国人民代表大会常务委员会\"\nissued = 2021-01-22\npublished = 2021-01-22\neffective = 2021-07-15\nstatus = \"有效\"\naliases = [\"行政处罚法\"]\n+++\n{}",
        include_str!("../../tests/fixtures/regulations/xingzheng-chufa-fa-2021.txt")
    );
    vec![
        doc(
            "xilingol",
            include_str!("../../content/regulations/xilingol.md"),
        ),
        doc("chufa", &other),
    ]
});

/// Target `citation_resolver`: the first byte picks the clause the text is about
/// (or none), the rest is prose whose citations are resolved as the loader does.
pub fn citation_resolver(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let regs = &*REGULATIONS;
    let reg = (pick as usize / 128) % regs.len();
    let eids = regs[reg].tree.eids();
    let context = (pick % 128 != 0).then(|| regkb::library::ClauseKey {
        regulation: reg,
        eid: eids[(pick as usize % 128) % eids.len()].to_string(),
    });
    let found = resolve::citations_in(regs, text, context.as_ref());
    let mut last = 0;
    for f in &found {
        assert_span(text, &f.span, "found");
        assert!(f.span.start >= last);
        last = f.span.end;
        if let Ok(Target::Clauses(keys)) = &f.target {
            for k in keys {
                assert!(
                    regs[k.regulation].tree.clause(&k.eid).is_some(),
                    "{k:?} resolved but absent"
                );
            }
        }
    }
    if let Ok((key, _)) = resolve::clause_reference(regs, text) {
        assert!(
            regs[key.regulation].tree.clause(&key.eid).is_some(),
            "{key:?}"
        );
    }
    let ctx = context
        .map(|k| resolve::context_of(&k.eid))
        .unwrap_or_default();
    let loose = Context {
        paragraph: ctx.paragraph.map(|p| p + 1),
        ..ctx
    };
    for c in citation::recognize(text) {
        for r in &c.refs {
            for ctx in [ctx, loose, Context::default()] {
                match citation::resolve(&regs[reg].tree, r, &ctx) {
                    Ok(res) => assert!(regs[reg].tree.clause(&res.eid).is_some(), "{res:?}"),
                    Err(e) => assert!(
                        e.zh.starts_with(&r.label()) && e.en.starts_with(&r.label()),
                        "{e}"
                    ),
                }
            }
        }
    }
}

/// Target `markdown`: what is callable without a Library.
pub fn markdown(data: &[u8]) {
    let Ok(md) = std::str::from_utf8(data) else {
        return;
    };
    let runs = markdown::runs(md);
    assert_eq!(runs, markdown::runs(md), "cutting twice differs");
    assert!(runs.iter().all(|r| !r.is_empty()), "an empty prose run");
    for run in &runs {
        check_citations(run, &citation::recognize(run));
    }
    for (dest, offset) in markdown::link_destinations(md) {
        assert!(
            offset < md.len() && md.is_char_boundary(offset),
            "{dest:?} at {offset}"
        );
    }
    let plain = markdown::plain_text(md);
    assert_eq!(plain, plain.trim());
    let escaped = markdown::escape(md);
    assert!(!escaped.contains(['<', '>', '"', '\'']));
    let headings = md.lines().filter_map(|l| l.strip_prefix("## ")).take(4);
    for heading in headings.map(str::trim).chain(["启示"]) {
        if let Some(s) = markdown::section(md, heading) {
            assert!(!s.is_empty() && s == s.trim());
            // The body stops before the next heading. Its first line is exempt: the
            // body is trimmed, which can expose a `#` that was not a heading in the
            // source ("\x0b# x", which CommonMark does not read as one either).
            let mut rest = s.lines().skip(1);
            assert!(
                rest.all(|l| !l.starts_with("## ") && !l.starts_with("# ")),
                "{s:?}"
            );
        }
    }
}

/// Target `anonymize`: `text \0 deny names (one a line) \0 allowed strings`.
pub fn anonymize(data: &[u8]) {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let mut parts = input.splitn(3, '\0');
    let text = parts.next().unwrap_or("");
    let list = |s: Option<&str>| s.map_or(vec![], |s| s.lines().map(String::from).collect());
    let config = AnonymizeConfig {
        deny: list(parts.next()),
        allow: list(parts.next()),
    };
    let findings = anonymize::scan(text, &config);
    assert_eq!(
        findings,
        anonymize::scan(text, &config),
        "scanning twice differs"
    );
    let mut previous = (0, 0);
    for f in &findings {
        assert_span(text, &(f.start..f.end), "finding");
        assert!(f.start < f.end, "{f:?}");
        assert!((f.start, f.end) >= previous, "findings out of order");
        previous = (f.start, f.end);
        let found = &text[f.start..f.end];
        // The guard never echoes what it found, except a name the author listed.
        if !config.deny.iter().any(|n| !n.is_empty() && n == found) {
            assert!(
                !f.message.contains(found),
                "{:?} echoes {found:?}",
                f.message
            );
        }
        let allowed = config.allow.iter().filter(|a| !a.is_empty()).any(|a| {
            text.match_indices(a.as_str())
                .any(|(i, m)| i <= f.start && f.end <= i + m.len())
        });
        assert!(!allowed, "{f:?} lies inside an allowed string");
    }
}

/// Target `numerals`: parsing and writing numbers.
pub fn numerals(data: &[u8]) {
    if let Some(bytes) = data.get(..4) {
        let n = u32::from_le_bytes(bytes.try_into().expect("four bytes"));
        assert_eq!(numerals::parse(&numerals::to_chinese(n)), Some(n), "{n}");
    }
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let value = numerals::parse(s);
    assert_eq!(value, numerals::parse(s));
    if value.is_some() {
        assert!(s.chars().all(numerals::is_numeral_char), "{s:?}");
    }
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        assert_eq!(value, s.parse::<u32>().ok(), "{s:?}");
    }
    if let Some(n) = value.filter(|&n| n < 10_000) {
        assert_eq!(numerals::parse(&numerals::to_chinese(n)), Some(n));
    }
}
