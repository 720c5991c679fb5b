//! The personal-data guard: cases, risk points, annotations, guides and the texts
//! of config.toml must not identify anyone. Finds resident ID numbers (18 and 15
//! digits, checksum and birth date validated), mobile numbers (also in characters)
//! and landline numbers, e-mail addresses (also spelt out), bank card numbers
//! (Luhn), vehicle plates and VINs, QQ and WeChat IDs, passport and permit numbers,
//! home addresses to the door, and deny-listed names, in the text as a reader sees
//! it (`visible`): however it is grouped, escaped or folded.
//! Never echoes a full number back. docs/guard.md says what is and is not caught.

mod accounts;
mod contact;
mod homes;
mod names;
mod numbers;
mod visible;

use crate::config::AnonymizeConfig;
use crate::diagnostic::{Diagnostic, Message, Severity};
use std::ops::Range;
use std::path::Path;
use visible::Visible;

/// One piece of personal data found: its byte range and what it is (the number
/// masked), with what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub start: usize,
    pub end: usize,
    pub message: Message,
}

/// A finding as the detectors make it: also its visible characters, how many of
/// them the report may show, and its canonical value (digits only, lower case) for
/// the allow list.
struct Hit {
    start: usize,
    end: usize,
    chars: Range<usize>,
    keep: usize,
    value: String,
    message: Message,
}

/// Every piece of personal data in a file's text (`text` is the whole file, its
/// first line line 1), as located errors. The source line shown under each message
/// has every finding of the line masked too, so the report never echoes the data.
/// `check_anonymity` and `Loader::read` (for a file whose front matter is broken)
/// both report through this, so the same finding twice is one after `Report::sort`.
pub fn diagnostics(path: &Path, text: &str, config: &AnonymizeConfig) -> Vec<Diagnostic> {
    let visible = Visible::of(text);
    let hits = hits(text, &visible, config);
    located(path, text, &visible, &hits)
}

/// The same for config.toml, whose `title`, `description` and `[selfcheck]` texts
/// are published: the whole text is scanned except the `[anonymize]` lists, which
/// name what they deny and allow. `text` is config.toml as read; findings are at
/// its lines.
pub fn config_diagnostics(path: &Path, text: &str, config: &AnonymizeConfig) -> Vec<Diagnostic> {
    let visible = Visible::of(text);
    let lists = anonymize_lists(text);
    let hits: Vec<Hit> = hits(text, &visible, config)
        .into_iter()
        .filter(|h| match &lists {
            Some(lists) => !lists.iter().any(|l| l.start <= h.start && h.end <= l.end),
            // Unreadable TOML (reported elsewhere): the deny list may be anywhere.
            None => h.message.code != "E0607",
        })
        .collect();
    located(path, text, &visible, &hits)
}

/// Every piece of personal data in `text`, sorted by position.
pub fn scan(text: &str, config: &AnonymizeConfig) -> Vec<Finding> {
    hits(text, &Visible::of(text), config)
        .into_iter()
        .map(|h| Finding {
            start: h.start,
            end: h.end,
            message: h.message,
        })
        .collect()
}

fn hits(text: &str, visible: &Visible, config: &AnonymizeConfig) -> Vec<Hit> {
    let mut out = Vec::new();
    detect(text, visible, &mut out);
    let deny: Vec<&str> = config
        .deny
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
        .collect();
    let allow: Vec<&str> = config
        .allow
        .iter()
        .map(String::as_str)
        .filter(|a| !a.is_empty())
        .collect();
    let mut fold = names::Fold::default();
    let view = (!deny.is_empty()).then(|| names::NameView::of(visible, &mut fold));
    if let Some(view) = &view {
        names::find(visible, view, &deny, &mut fold, &mut out);
    }
    if !allow.is_empty() && !out.is_empty() {
        let allowed = Allowed::new(text, visible, view.as_ref(), &allow, &mut fold);
        out.retain(|h| !allowed.covers(h));
    }
    out.sort_by_key(|h| (h.start, h.end));
    out
}

/// The detectors that need no configuration.
fn detect(text: &str, visible: &Visible, out: &mut Vec<Hit>) {
    numbers::find(visible, out);
    numbers::spoken(visible, out);
    contact::emails(text, visible, out);
    contact::plates(visible, out);
    contact::vins(visible, out);
    accounts::find(visible, out);
    homes::find(visible, out);
}

/// What the allow list lets through: each number, address or plate an entry holds,
/// in any written form, and whatever lies inside an occurrence of an entry (as
/// written, as shown, or folded as names are).
struct Allowed {
    values: rustc_hash::FxHashSet<String>,
    /// Source byte ranges, sorted and merged.
    spans: Vec<Range<usize>>,
}

impl Allowed {
    fn new(
        text: &str,
        visible: &Visible,
        view: Option<&names::NameView>,
        allow: &[&str],
        fold: &mut names::Fold,
    ) -> Allowed {
        let mut values = rustc_hash::FxHashSet::default();
        let mut spans = Vec::new();
        for entry in allow {
            let shown = Visible::of(entry);
            let mut own = Vec::new();
            detect(entry, &shown, &mut own);
            values.extend(own.into_iter().map(|h| h.value));
            spans.extend(text.match_indices(entry).map(|(i, m)| i..i + m.len()));
            let needle = shown.chars.clone();
            spans.extend(find_chars(&visible.chars, &needle).map(|r| visible.source(r)));
            if let Some(view) = view {
                let folded = names::folded(entry, fold);
                spans.extend(view.find(&folded).map(|r| visible.source(r)));
            }
        }
        spans.sort_by_key(|r| (r.start, r.end));
        let mut merged: Vec<Range<usize>> = Vec::new();
        for r in spans {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        Allowed {
            values,
            spans: merged,
        }
    }

    fn covers(&self, h: &Hit) -> bool {
        if self.values.contains(&h.value) {
            return true;
        }
        let i = self.spans.partition_point(|r| r.start <= h.start);
        i > 0 && h.end <= self.spans[i - 1].end
    }
}

/// Non-overlapping occurrences of `needle` in `hay`, as index ranges.
fn find_chars<'a>(hay: &'a [char], needle: &'a [char]) -> impl Iterator<Item = Range<usize>> + 'a {
    let mut at = 0;
    std::iter::from_fn(move || {
        if needle.is_empty() {
            return None;
        }
        while at + needle.len() <= hay.len() {
            let i = at;
            at += 1;
            if hay[i..i + needle.len()] == *needle {
                at = i + needle.len();
                return Some(i..at);
            }
        }
        None
    })
}

/// The findings as errors at their first byte, each showing its line with every
/// finding on it masked.
fn located(path: &Path, text: &str, visible: &Visible, hits: &[Hit]) -> Vec<Diagnostic> {
    let mut masks: Vec<Range<usize>> = hits
        .iter()
        .flat_map(|h| {
            h.chars
                .clone()
                .skip(h.keep)
                .filter(|&i| {
                    let c = visible.chars[i];
                    c.is_ascii_alphanumeric() || numbers::spoken_digit(c).is_some()
                })
                .map(|i| visible.spans[i].clone())
        })
        .collect();
    masks.sort_by_key(|r| (r.start, r.end));
    masks.dedup();
    hits.iter()
        .map(|h| {
            let message = Message {
                code: h.message.code,
                zh: format!("个人信息：{}", h.message.zh),
                en: format!("personal data: {}", h.message.en),
            };
            let mut d = Diagnostic::at_offset(path, text, 1, h.start, Severity::Error, message);
            d.source_line = Some(masked_line(text, h.start, &masks));
            d
        })
        .collect()
}

/// The line holding byte `at`, each byte range of `masks` on it shown as one `*`.
fn masked_line(text: &str, at: usize, masks: &[Range<usize>]) -> String {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let end = if text[start..end].ends_with('\r') {
        end - 1
    } else {
        end
    };
    let mut out = String::with_capacity(end - start);
    let mut cursor = start;
    let first = masks.partition_point(|r| r.start < start);
    for r in masks[first..].iter().take_while(|r| r.end <= end) {
        if r.start < cursor {
            continue;
        }
        out.push_str(&text[cursor..r.start]);
        out.push('*');
        cursor = r.end;
    }
    out.push_str(&text[cursor..end]);
    out
}

/// The byte ranges of the values of `anonymize.deny` and `anonymize.allow` in a
/// config.toml text; `None` if it is not TOML.
fn anonymize_lists(text: &str) -> Option<Vec<Range<usize>>> {
    let table = toml::de::DeTable::parse(text).ok()?;
    let Some(toml::de::DeValue::Table(anonymize)) =
        table.get_ref().get("anonymize").map(|v| v.get_ref())
    else {
        return Some(Vec::new());
    };
    Some(
        ["deny", "allow"]
            .iter()
            .filter_map(|k| anonymize.get(*k))
            .map(|v| v.span())
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<String> {
        scan(text, &AnonymizeConfig::default())
            .into_iter()
            .map(|f| f.message.en)
            .collect()
    }

    #[test]
    fn finds_each_kind_of_personal_data() {
        // 11010519491231002X is the standard's published example number.
        let found = kinds(
            "身份证11010519491231002X，手机13912345678，座机0479-8223456，邮箱a.b@example.cn，卡号6222020200112233446（已核），车牌蒙H·12345。",
        );
        assert_eq!(found.len(), 6, "{found:?}");
        assert!(
            found[0].starts_with("resident ID number 1101**************;"),
            "{}",
            found[0]
        );
        assert!(
            found
                .iter()
                .all(|m| !m.contains("11010519491231002X") && !m.contains("13912345678"))
        );
    }

    #[test]
    fn no_false_positives_on_legal_text() {
        let seed = include_str!("../tests/fixtures/regulations/xilingol-seed.txt");
        assert_eq!(kinds(seed), Vec::<String>::new());
        let text = "锡教发〔2024〕15号；2025-03-18；罚款52000元，退费5.6万元；第十条第一款第（五）项；索引号01165959-9/2024-00010；123456789012345678；20250318";
        assert_eq!(kinds(text), Vec::<String>::new());
    }

    #[test]
    fn deny_and_allow_lists() {
        let config = AnonymizeConfig {
            deny: vec!["张三".into()],
            allow: vec!["12345678901".into(), "0479-8223456".into()],
        };
        let found = scan("当事人张三，举报电话0479-8223456", &config);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("deny list"));
        assert_eq!(found[0].message.code, "E0607");
    }

    #[test]
    fn each_kind_has_its_code_and_says_it_in_chinese_without_the_number() {
        let text = "身份证11010519491231002X，手机13912345678，座机0479-8223456，邮箱a.b@example.cn，卡号6222020200112233446（已核），车牌蒙H·12345。";
        let found = scan(text, &AnonymizeConfig::default());
        let codes: Vec<&str> = found.iter().map(|f| f.message.code).collect();
        assert_eq!(
            codes,
            ["E0601", "E0602", "E0603", "E0605", "E0604", "E0606"]
        );
        assert_eq!(
            found[0].message.zh,
            "身份证号码 1101**************：请删除，或改用身份称呼，如“当事人某某”"
        );
        assert_eq!(found[1].message.zh, "手机号码 139********：请删除");
        for f in &found {
            assert!(!f.message.zh.contains("13912345678") && !f.message.zh.contains("8223456"));
        }
    }

    #[test]
    fn diagnostics_are_located_prefixed_and_masked() {
        let text = "+++\ntitle = \"t\"\n+++\n园长（手机13912345678，座机0479-8223456）\n";
        let ds = diagnostics(Path::new("cases/a.md"), text, &AnonymizeConfig::default());
        assert_eq!(ds.len(), 2);
        assert_eq!(
            (ds[0].line, ds[0].column, ds[0].message.code),
            (4, 6, "E0602")
        );
        assert_eq!(ds[0].message.zh, "个人信息：手机号码 139********：请删除");
        assert_eq!(
            ds[0].message.en,
            "personal data: mobile phone number 139********; remove it"
        );
        let shown = ds[0].source_line.as_deref().unwrap();
        assert_eq!(shown, "园长（手机139********，座机047*-*******）");
    }

    #[test]
    fn an_allowed_number_is_allowed_however_written() {
        let config = AnonymizeConfig {
            deny: vec!["王建国".into()],
            allow: vec!["0479-8223456".into(), "王建国路".into()],
        };
        for text in [
            "(0479)8223456",
            "0479 8223456",
            "０４７９８２２３４５６",
            "&#48;479-8223456",
            "王建国路5号",
            "王 建國路",
        ] {
            assert_eq!(scan(text, &config), vec![], "{text}");
        }
        assert_eq!(scan("0479-8223457", &config).len(), 1);
        assert_eq!(scan("王建国在王建国路", &config).len(), 1);
    }

    #[test]
    fn config_lists_are_not_findings_but_its_texts_are() {
        let text = "title = \"某局（0479-8221234）\"\r\n[anonymize]\r\ndeny = [\"王建国\"]\r\nallow = [\"0479-8888888\"]\r\n# 王建国\r\n";
        let config = AnonymizeConfig {
            deny: vec!["王建国".into()],
            allow: vec!["0479-8888888".into()],
        };
        let ds = config_diagnostics(Path::new("config.toml"), text, &config);
        let at: Vec<_> = ds.iter().map(|d| (d.line, d.message.code)).collect();
        assert_eq!(at, [(1, "E0603"), (5, "E0607")]);
        assert_eq!(
            ds[0].source_line.as_deref(),
            Some("title = \"某局（047*-*******）\"")
        );
        for lists in [
            "anonymize = { deny = [\"王建国\"] }",
            "anonymize.deny = [\"王建国\"]",
        ] {
            assert_eq!(
                config_diagnostics(Path::new("config.toml"), lists, &config),
                vec![]
            );
        }
    }

    #[test]
    fn hostile_input_is_scanned_in_linear_time() {
        let config = AnonymizeConfig {
            deny: vec!["王建国".into(), "李晓梅".into()],
            allow: vec!["0479-8888888".into()],
        };
        let parts = [
            "1 ", "&#", "a@", "蒙H", "王 ", "\\u", "1-", "(0", "x.", "&#49;",
        ];
        let started = std::time::Instant::now();
        for part in parts {
            let text = part.repeat(200_000 / part.len());
            scan(&text, &config);
        }
        assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
    }
}
