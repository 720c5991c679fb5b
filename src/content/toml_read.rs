//! Reads TOML into a typed value and reports every problem, not only the first: the
//! parser recovers after a syntax error, and a key that serde rejects is set aside
//! so that the keys after it are checked too. An author fixes a file in one pass.

use serde::de::DeserializeOwned;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue, Deserializer};

/// One problem as toml words it (English; `toml_message` says it in Chinese), and the
/// byte span of the TOML text it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TomlProblem {
    pub message: String,
    pub span: Range<usize>,
}

impl From<&toml::de::Error> for TomlProblem {
    fn from(e: &toml::de::Error) -> Self {
        TomlProblem {
            message: e.message().trim().replace('\n', " "),
            span: e.span().unwrap_or(0..0),
        }
    }
}

/// Syntax errors after which the parser goes on where the next line starts, so what
/// it then reports about later lines is true. After the others (an unclosed array or
/// table, a key without `=`) later lines may have been read as part of the broken one.
const ONE_LINE: &[&str] = &[
    "string values must be quoted",
    "invalid basic string",
    "invalid literal string",
    "duplicate key",
    "invalid boolean",
    "unexpected key or value",
    "unexpected content",
    "invalid date",
    "invalid time",
    "invalid datetime",
    "invalid offset",
    "unexpected leading zero",
    "invalid integer",
    "invalid float",
    "invalid unquoted key",
    "missing escaped value",
];

/// `source` as a `T`, or every problem found in it, in source order.
///
/// Syntax errors are all reported (toml's recovering parser). The value is then
/// deserialised again and again, each time without the key serde stopped at, so
/// every unknown key, wrong type and wrong value is found. A required key that was
/// set aside is not reported missing: it gets a stand-in value so that the keys
/// missing after it are still found. After a syntax error only findings that
/// recovery cannot have made up are kept: none on a line with a syntax error, no
/// missing keys, and, after a syntax error that may span lines, none below it.
pub fn read<T: DeserializeOwned>(source: &str) -> Result<T, Vec<TomlProblem>> {
    let (mut table, errors) = DeTable::parse_recoverable(source);
    let syntax: Vec<TomlProblem> = errors.iter().map(TomlProblem::from).collect();
    let mut found = Vec::new();
    let mut set_aside: Vec<SetAside> = Vec::new();
    // Each round removes or replaces one entry, so this ends; the bound only guards.
    for _ in 0..256 {
        let e = match attempt::<T>(&table) {
            Ok(value) if syntax.is_empty() && found.is_empty() => return Ok(value),
            Ok(_) => break,
            Err(e) => e,
        };
        if let Some(key) = missing_field(&e.message) {
            if let Some(i) = set_aside.iter().position(|s| s.key == key) {
                if stand_in::<T>(&mut table, &set_aside.remove(i)) {
                    continue;
                }
                break;
            }
            found.push(e.clone());
            // A table missing a key: set the table aside and go on; at the top, stop.
            let missing_in = |_: &Range<usize>, v: &Range<usize>| !v.is_empty() && *v == e.span;
            if remove(table.get_mut(), &missing_in, &mut Vec::new()).is_none() {
                break;
            }
            continue;
        }
        let covers = |key: &Range<usize>, value: &Range<usize>| {
            contains(key, &e.span) || contains(value, &e.span)
        };
        let removed = remove(table.get_mut(), &covers, &mut Vec::new());
        found.push(e);
        match removed {
            Some(s) => set_aside.push(s),
            None => break,
        }
    }
    if !syntax.is_empty() {
        let lines: Vec<usize> = syntax
            .iter()
            .map(|p| line_of(source, p.span.start))
            .collect();
        let first = syntax.iter().map(|p| p.span.start).min().unwrap_or(0);
        let all_one_line = syntax
            .iter()
            .all(|p| ONE_LINE.iter().any(|m| p.message.starts_with(m)));
        found.retain(|p| {
            missing_field(&p.message).is_none()
                && !lines.contains(&line_of(source, p.span.start))
                && (all_one_line || p.span.start < first)
        });
    }
    let mut all = syntax;
    all.extend(found);
    all.sort_by_key(|p| (p.span.start, p.span.end));
    all.dedup();
    if all.is_empty() {
        // Not reached (every way out of the loop above found something); never say nothing.
        all.push(TomlProblem {
            message: "the front matter could not be read".into(),
            span: 0..0,
        });
    }
    Err(all)
}

/// The key of serde's "missing field `x`".
pub fn missing_field(message: &str) -> Option<&str> {
    message.strip_prefix("missing field `")?.split('`').next()
}

fn contains(outer: &Range<usize>, inner: &Range<usize>) -> bool {
    if inner.is_empty() {
        outer.start <= inner.start && inner.start < outer.end
    } else {
        outer.start <= inner.start && inner.end <= outer.end
    }
}

/// 0-based line of a byte offset.
fn line_of(source: &str, offset: usize) -> usize {
    source[..offset.min(source.len())].matches('\n').count()
}

/// `table` as a `T`, or serde's first complaint about it.
fn attempt<T: DeserializeOwned>(table: &Spanned<DeTable<'_>>) -> Result<T, TomlProblem> {
    T::deserialize(Deserializer::from(table.clone())).map_err(|e| TomlProblem::from(&e))
}

/// An entry taken out of the table: where it was, so a stand-in can take its place.
struct SetAside {
    /// Keys of the tables it was in, from the top.
    path: Vec<String>,
    key: String,
    key_span: Range<usize>,
    value_span: Range<usize>,
}

/// Removes the innermost entry (at any depth of tables) whose key span and value
/// span satisfy `hit`; says where it was. `path` is the tables above `table`.
fn remove(
    table: &mut DeTable<'_>,
    hit: &dyn Fn(&Range<usize>, &Range<usize>) -> bool,
    path: &mut Vec<String>,
) -> Option<SetAside> {
    for (key, value) in table.iter_mut() {
        if let DeValue::Table(inner) = value.get_mut() {
            path.push(key.get_ref().to_string());
            if let Some(s) = remove(inner, hit, path) {
                return Some(s);
            }
            path.pop();
        }
    }
    let (key, key_span, value_span) = table
        .iter()
        .find(|(k, v)| hit(&k.span(), &v.span()))
        .map(|(k, v)| (k.get_ref().to_string(), k.span(), v.span()))?;
    table.remove(key.as_str());
    Some(SetAside {
        path: path.clone(),
        key,
        key_span,
        value_span,
    })
}

/// Puts back in place of a set-aside entry a value that `T` accepts there (each kind
/// of TOML value in turn; for a list of allowed words, the first of them), so that
/// serde goes on to the keys after it. False if no value will do.
fn stand_in<T: DeserializeOwned>(table: &mut Spanned<DeTable<'_>>, s: &SetAside) -> bool {
    let day = toml::value::Datetime {
        date: Some(toml::value::Date {
            year: 2000,
            month: 1,
            day: 1,
        }),
        time: None,
        offset: None,
    };
    let mut candidates = vec![
        DeValue::String("".into()),
        DeValue::Datetime(day),
        DeValue::Boolean(false),
        DeValue::Integer(Default::default()),
        DeValue::Float(Default::default()),
        DeValue::Array(Default::default()),
        DeValue::Table(DeTable::new()),
    ];
    let mut tried = 0;
    while tried < candidates.len() {
        let value = candidates[tried].clone();
        tried += 1;
        let Some(parent) = table_at(table.get_mut(), &s.path) else {
            return false;
        };
        parent.insert(
            Spanned::new(s.key_span.clone(), s.key.clone().into()),
            Spanned::new(s.value_span.clone(), value),
        );
        let Err(e) = attempt::<T>(table) else {
            return true;
        };
        if e.span != s.value_span {
            return true;
        }
        if let Some(rest) = e.message.strip_prefix("unknown variant ")
            && let Some(word) = rest.split('`').nth(3)
            && candidates.len() < 12
        {
            candidates.push(DeValue::String(word.to_string().into()));
        }
    }
    if let Some(parent) = table_at(table.get_mut(), &s.path) {
        parent.remove(s.key.as_str());
    }
    false
}

fn table_at<'t, 'i>(table: &'t mut DeTable<'i>, path: &[String]) -> Option<&'t mut DeTable<'i>> {
    let Some((first, rest)) = path.split_first() else {
        return Some(table);
    };
    match table.get_mut(first.as_str())?.get_mut() {
        DeValue::Table(inner) => table_at(inner, rest),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::date::Date;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Front {
        id: String,
        title: String,
        date: Date,
        #[serde(default)]
        sample: bool,
        rectification: Option<Rectification>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Rectification {
        required: String,
        deadline: Date,
    }

    /// (1-based line, toml's message) of every problem.
    fn problems(source: &str) -> Vec<(usize, String)> {
        read::<Front>(source)
            .unwrap_err()
            .into_iter()
            .map(|p| (line_of(source, p.span.start) + 1, p.message))
            .collect()
    }

    fn lines(source: &str) -> Vec<usize> {
        problems(source).into_iter().map(|(l, _)| l).collect()
    }

    #[test]
    fn a_good_front_matter_reads() {
        let f: Front = read("id = \"a\"\ntitle = \"t\"\ndate = 2025-03-01\n").unwrap();
        assert_eq!(f.date.to_string(), "2025-03-01");
    }

    #[test]
    fn every_key_problem_is_found_not_only_the_first() {
        // toml alone reports one, the first key in name order (date, before reviewer).
        let source = "id = \"a\"\ntitle = \"t\"\nreviewer = \"x\"\nsample = \"yes\"\ndate = \"2025-03-01\"\n";
        let found = problems(source);
        assert_eq!(lines(source), vec![3, 4, 5], "{found:?}");
        assert!(found[0].1.starts_with("unknown field `reviewer`"));
        assert!(found[2].1.contains("expected a TOML datetime"));
    }

    #[test]
    fn a_key_set_aside_is_not_also_reported_missing_but_a_missing_one_is() {
        assert_eq!(lines("id = \"a\"\ntitle = 3\ndate = 2025-03-01\n"), vec![2]);
        let found = problems("id = \"a\"\nreviewer = 1\ndate = 2025-03-01\n");
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().any(|(_, m)| m == "missing field `title`"));
    }

    #[test]
    fn a_key_missing_after_a_set_aside_one_is_found_too() {
        // serde looks for missing keys in declaration order and stops at the first:
        // date, set aside, needs a stand-in for title's absence to show.
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Later {
            date: Date,
            title: String,
        }
        let found = read::<Later>("date = \"2025-03-01\"\n").unwrap_err();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found
                .iter()
                .any(|p| p.message.contains("expected a TOML datetime"))
        );
        assert!(found.iter().any(|p| p.message == "missing field `title`"));
        // A word from a list needs the list's own words as a stand-in.
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Kinds {
            kind: Kind,
            title: String,
        }
        #[derive(Debug, Deserialize)]
        enum Kind {
            #[serde(rename = "高")]
            High,
        }
        let found = read::<Kinds>("kind = \"极高\"\n").unwrap_err();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().any(|p| p.message == "missing field `title`"));
    }

    #[test]
    fn problems_inside_a_table_are_found_and_the_keys_after_it_too() {
        let source = "id = \"a\"\ntitle = \"t\"\ndate = 2025-03-01\nsample = 2\n[rectification]\nrequired = 1\ndeadline = \"2025-01-01\"\nextra = 2\n";
        assert_eq!(lines(source), vec![4, 6, 7, 8], "{:?}", problems(source));
        let missing = problems(
            "id = \"a\"\ntitle = \"t\"\ndate = 2025-03-01\n[rectification]\nrequired = \"r\"\n",
        );
        assert_eq!(missing, vec![(4, "missing field `deadline`".to_string())]);
    }

    #[test]
    fn all_syntax_errors_are_reported_and_key_problems_on_other_lines() {
        let source = "id = \"a\"\nreviewer = \"x\"\ntitle = 某案\ndate = 2025/3/1\n";
        let found = problems(source);
        assert_eq!(lines(source), vec![2, 3, 4], "{found:?}");
        assert!(found[0].1.starts_with("unknown field `reviewer`"));
        assert!(found[1].1.starts_with("string values must be quoted"));
        assert!(found[2].1.starts_with("string values must be quoted"));
    }

    #[test]
    fn after_a_multi_line_syntax_error_only_what_comes_before_it_is_kept() {
        // The unclosed inline table swallows the lines below it; the unknown key above stays.
        let source = "reviewer = 1\nid = \"a\"\nrectification = { required = \"r\"\ntitle = \"t\"\ndate = 2025-03-01\n";
        let found = problems(source);
        assert_eq!(found.first().map(|p| p.0), Some(1), "{found:?}");
        assert!(found[0].1.starts_with("unknown field `reviewer`"));
        assert!(
            found[1..]
                .iter()
                .all(|(l, m)| *l >= 3 && !m.starts_with("unknown field")),
            "{found:?}"
        );
        assert!(!found.iter().any(|(_, m)| m.starts_with("missing field")));
    }

    #[test]
    fn one_line_syntax_errors_leave_the_following_lines_alone() {
        // After each of these the next lines are read as written: an unknown key on the
        // next line is found, and nothing else is made up.
        let broken = [
            ("title = 某案", "date = 2025-03-01"),
            ("title = \"某案", "date = 2025-03-01"),
            ("title = '某案", "date = 2025-03-01"),
            ("title = \"t\" x", "date = 2025-03-01"),
            ("sample = True", "title = \"t\"\ndate = 2025-03-01"),
            ("date = 2025-3-1", "title = \"t\""),
            ("date = 2025-02-30", "title = \"t\""),
            ("date = 2025/3/1", "title = \"t\""),
            ("标题 = \"t\"", "title = \"t\"\ndate = 2025-03-01"),
        ];
        for (line, rest) in broken {
            let source = format!("id = \"a\"\n{line}\nextra = 1\n{rest}\n");
            let found = problems(&source);
            assert!(found.iter().any(|(l, _)| *l == 2), "{line}: {found:?}");
            assert!(
                found
                    .iter()
                    .any(|(l, m)| *l == 3 && m.starts_with("unknown field `extra`")),
                "{line}: {found:?}"
            );
            assert!(
                found.iter().all(|(l, _)| *l == 2 || *l == 3),
                "{line}: {found:?}"
            );
        }
    }
}
