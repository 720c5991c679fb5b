//! The 第十七条 analysis: statistics and flags of a hand-counted fixture, charts
//! that are well-formed SVG with the same numbers as their tables, thresholds
//! read from config.toml, and rectification states on the as-of date.

use super::support::*;
use regex::Regex;
use regkb::analysis::Analysis;
use regkb::content::date::Date;
use regkb::content::kinds::RectificationState;
use regkb::library::Library;
use std::path::Path;

fn load(root: &Path) -> Library {
    match regkb::library::load(root) {
        Ok((lib, _)) => lib,
        Err(r) => panic!("fixture does not load: {:?}", r.diagnostics),
    }
}

fn date(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn ids<'a>(lib: &'a Library, cases: &[usize]) -> Vec<&'a str> {
    cases.iter().map(|&i| lib.cases[i].id.as_str()).collect()
}

/// (risk id, cases, busiest window as (first, last, case ids), 频繁出现)
type RiskRow<'a> = (&'a str, usize, Option<(String, String, Vec<&'a str>)>, bool);
/// (case id, state, due, days overdue, days left)
type RectRow<'a> = (
    &'a str,
    RectificationState,
    String,
    Option<i64>,
    Option<i64>,
);

/// Every number below was counted by hand from tests/fixtures/kb-analysis:
/// 2025-001 03-18 校外培训监管 检查 容错免责 concealed-records, completed
/// 2025-002 05-20 校园安全     检查 不予容错 late-followup, due 2025-06-15, open
/// 2025-003 08-05 校外培训监管 处罚 从轻处理 concealed-records, extended to 2026-12-31
/// 2026-001 03-10 校外培训监管 检查 容错免责 concealed-records, completed 07-15 (due 06-30)
/// 2026-002 04-01 校外培训监管 强制 履职尽责 concealed-records, no rectification
/// 2026-003 05-20 校园安全     检查 减轻处理 late-followup, due 2027-01-31
/// 2026-004 07-01 教育收费     其他 容错免责 fee-refund, due 2026-09-30
#[test]
fn fixture_statistics_are_exact() {
    let lib = load(&fixture("kb-analysis"));
    let an = Analysis::compute(&lib, date("2026-11-28"));
    assert_eq!(an.total, 7);

    // Fields: most cases first. Mean share 1/3; 1.5 × 1/3 = 50%: only 4/7 reaches it.
    let fields: Vec<(&str, Vec<&str>, bool)> = an
        .fields
        .iter()
        .map(|f| (f.name.as_str(), ids(&lib, &f.cases), f.concentrated))
        .collect();
    assert_eq!(
        fields,
        vec![
            (
                "校外培训监管",
                vec!["2025-001", "2025-003", "2026-001", "2026-002"],
                true
            ),
            ("校园安全", vec!["2025-002", "2026-003"], false),
            ("教育收费", vec!["2026-004"], false),
        ]
    );
    assert!((an.fields[0].share - 4.0 / 7.0).abs() < 1e-12);
    let outcome_counts = |f: usize| {
        an.fields[f]
            .by_outcome
            .iter()
            .map(Vec::len)
            .collect::<Vec<_>>()
    };
    assert_eq!(outcome_counts(0), vec![1, 2, 1, 0, 0]);
    assert_eq!(outcome_counts(1), vec![0, 0, 0, 1, 1]);
    assert_eq!(outcome_counts(2), vec![0, 1, 0, 0, 0]);
    assert_eq!(
        ids(&lib, &an.fields[0].by_outcome[1]),
        vec!["2025-001", "2026-001"]
    );
    let field_risks: Vec<Vec<&str>> = an
        .fields
        .iter()
        .map(|f| f.risks.iter().map(|&r| lib.risks[r].id.as_str()).collect())
        .collect();
    assert_eq!(
        field_risks,
        vec![
            vec!["concealed-records"],
            vec!["drill-records", "late-followup"],
            vec!["fee-refund"]
        ]
    );

    let outcomes: Vec<(&str, Vec<&str>)> = an
        .outcomes
        .iter()
        .map(|(o, c)| (o.as_str(), ids(&lib, c)))
        .collect();
    assert_eq!(
        outcomes,
        vec![
            ("履职尽责", vec!["2026-002"]),
            ("容错免责", vec!["2025-001", "2026-001", "2026-004"]),
            ("从轻处理", vec!["2025-003"]),
            ("减轻处理", vec!["2026-003"]),
            ("不予容错", vec!["2025-002"]),
        ]
    );
    let actions: Vec<(&str, usize)> = an
        .actions
        .iter()
        .map(|(a, c)| (a.as_str(), c.len()))
        .collect();
    assert_eq!(
        actions,
        vec![
            ("行政检查", 4),
            ("行政处罚", 1),
            ("行政强制", 1),
            ("其他", 1)
        ]
    );

    // Quarters run without gaps from the first case to the last; 2025Q4 is empty.
    let quarters: Vec<(String, usize)> = an
        .quarters
        .iter()
        .map(|q| (q.key(), q.cases.len()))
        .collect();
    let expected = [
        ("2025Q1", 1),
        ("2025Q2", 1),
        ("2025Q3", 1),
        ("2025Q4", 0),
        ("2026Q1", 1),
        ("2026Q2", 2),
        ("2026Q3", 1),
    ];
    assert_eq!(
        quarters,
        expected
            .iter()
            .map(|(k, n)| (k.to_string(), *n))
            .collect::<Vec<_>>()
    );
    let by_quarter = |f: usize| {
        an.fields[f]
            .by_quarter
            .iter()
            .map(Vec::len)
            .collect::<Vec<_>>()
    };
    assert_eq!(by_quarter(0), vec![1, 0, 1, 0, 1, 1, 0]);
    assert_eq!(by_quarter(1), vec![0, 1, 0, 0, 0, 1, 0]);
    assert_eq!(by_quarter(2), vec![0, 0, 0, 0, 0, 0, 1]);

    // Risk points in id order. concealed-records: 3 cases from 2025-03-18 to before
    // 2026-03-18. late-followup: 2025-05-20 and 2026-05-20 are exactly twelve
    // months apart, so no window holds both.
    let risks: Vec<RiskRow> = an
        .risks
        .iter()
        .map(|r| {
            let w = r
                .busiest
                .as_ref()
                .map(|w| (w.first.to_string(), w.last.to_string(), ids(&lib, &w.cases)));
            (lib.risks[r.risk].id.as_str(), r.cases.len(), w, r.recurring)
        })
        .collect();
    let w = |a: &str, b: &str, c: Vec<&'static str>| Some((a.to_string(), b.to_string(), c));
    assert_eq!(
        risks,
        vec![
            (
                "concealed-records",
                4,
                w(
                    "2025-03-18",
                    "2026-03-17",
                    vec!["2025-001", "2025-003", "2026-001"]
                ),
                true
            ),
            ("drill-records", 0, None, false),
            (
                "fee-refund",
                1,
                w("2026-07-01", "2027-06-30", vec!["2026-004"]),
                false
            ),
            (
                "late-followup",
                2,
                w("2025-05-20", "2026-05-19", vec!["2025-002"]),
                false
            ),
        ]
    );
    let top: Vec<&str> = an
        .top_risks(&lib, 10)
        .iter()
        .map(|r| lib.risks[r.risk].id.as_str())
        .collect();
    assert_eq!(
        top,
        vec!["concealed-records", "late-followup", "fee-refund"]
    );

    // Rectifications: overdue, extended, open, completed; by due date within each.
    let rects: Vec<RectRow> = an
        .rectifications
        .iter()
        .map(|r| {
            (
                lib.cases[r.case].id.as_str(),
                r.state,
                r.due.to_string(),
                r.days_overdue,
                r.days_left,
            )
        })
        .collect();
    assert_eq!(
        rects,
        vec![
            (
                "2025-002",
                RectificationState::Overdue,
                "2025-06-15".into(),
                Some(531),
                None
            ),
            (
                "2026-004",
                RectificationState::Overdue,
                "2026-09-30".into(),
                Some(59),
                None
            ),
            (
                "2025-003",
                RectificationState::Extended,
                "2026-12-31".into(),
                None,
                Some(33)
            ),
            (
                "2026-003",
                RectificationState::Open,
                "2027-01-31".into(),
                None,
                Some(64)
            ),
            (
                "2025-001",
                RectificationState::Completed,
                "2025-04-30".into(),
                None,
                None
            ),
            (
                "2026-001",
                RectificationState::Completed,
                "2026-06-30".into(),
                None,
                None
            ),
        ]
    );
    let counts: Vec<usize> = an.rectification_counts().iter().map(|c| c.1).collect();
    assert_eq!(counts, vec![2, 1, 1, 2]);
}

#[test]
fn completion_after_the_as_of_date_has_not_happened() {
    let lib = load(&fixture("kb-analysis"));
    let an = Analysis::compute(&lib, date("2026-07-01"));
    let row = an
        .rectifications
        .iter()
        .find(|r| lib.cases[r.case].id == "2026-001")
        .unwrap();
    assert_eq!(
        (row.state, row.days_overdue),
        (RectificationState::Overdue, Some(1))
    );
    let on_deadline = Analysis::compute(&lib, date("2026-06-30"));
    let row = on_deadline
        .rectifications
        .iter()
        .find(|r| lib.cases[r.case].id == "2026-001")
        .unwrap();
    assert_eq!(
        (row.state, row.days_left),
        (RectificationState::Open, Some(0))
    );
}

/// A copy of the fixture with `[analysis]` replaced, built as of 2026-11-28.
fn build_with(analysis: &str, tmp: &Path) -> std::path::PathBuf {
    let root = tmp.join("kb");
    copy_dir(&fixture("kb-analysis"), &root);
    let config = std::fs::read_to_string(root.join("config.toml")).unwrap();
    let head = config.split("[analysis]").next().unwrap();
    std::fs::write(
        root.join("config.toml"),
        format!("{head}[analysis]\n{analysis}\n"),
    )
    .unwrap();
    let out = tmp.join("site");
    build(&root, &out);
    out
}

fn read(site: &Path, path: &str) -> String {
    std::fs::read_to_string(site.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The `<section … id="ID" …>` of a page, up to its first closing tag.
fn section(html: &str, id: &str) -> String {
    let re = Regex::new(&format!(
        r#"(?s)<section[^>]*\bid="{id}"[^>]*>.*?</section>"#
    ))
    .unwrap();
    re.find(html)
        .unwrap_or_else(|| panic!("no section #{id}"))
        .as_str()
        .to_string()
}

const FLAG_RECURS: &str = r#"<strong class="flag">▲频繁出现</strong>"#;
const FLAG_CONCENTRATES: &str = r#"<strong class="flag">▲集中出现</strong>"#;

#[test]
fn thresholds_in_config_change_the_flags() {
    let slug = regkb::analysis::field_slug("校外培训监管");
    let tmp = tempfile::tempdir().unwrap();

    let low = build_with("recurrence_cases = 2", &tmp.path().join("low"));
    assert!(
        section(&read(&low, "risks/concealed-records.html"), "statistics").contains(FLAG_RECURS)
    );
    // Two cases exactly twelve months apart are not within twelve months.
    assert!(!section(&read(&low, "risks/late-followup.html"), "statistics").contains(FLAG_RECURS));
    let dash = read(&low, "dashboard.html");
    assert!(dash.contains("任意 12 个月内的案例不少于 2 个"));
    assert!(
        section(&dash, "risks").contains(FLAG_RECURS)
            && section(&dash, "risks").contains("▲频繁出现</text>")
    );

    let wide = build_with(
        "recurrence_cases = 2\nrecurrence_months = 13",
        &tmp.path().join("wide"),
    );
    let late = section(&read(&wide, "risks/late-followup.html"), "statistics");
    assert!(late.contains(FLAG_RECURS), "{late}");
    assert!(
        late.contains("2025-05-20 至 2026-06-19（13 个月）内 2 个案例"),
        "{late}"
    );

    let high = build_with(
        "recurrence_cases = 5\nconcentration_ratio = 2.0",
        &tmp.path().join("high"),
    );
    let dash = read(&high, "dashboard.html");
    // The thresholds paragraph shows both flags as a legend; the tables show none.
    assert!(
        !section(&dash, "risks").contains(FLAG_RECURS)
            && !section(&dash, "fields").contains(FLAG_CONCENTRATES)
    );
    assert!(
        !section(&dash, "risks").contains("▲频繁出现</text>"),
        "nor does the chart"
    );
    assert!(dash.contains("<span class=\"big\"><a href=\"#risks\">0</a></span>个风险点频繁出现"));
    assert!(!read(&high, "risks/concealed-records.html").contains(FLAG_RECURS));
    assert!(!read(&high, &format!("warnings/{slug}.html")).contains(FLAG_CONCENTRATES));

    let default = build_with("", &tmp.path().join("default"));
    let dash = read(&default, "dashboard.html");
    assert!(section(&dash, "fields").contains(FLAG_CONCENTRATES));
    assert!(dash.contains("<span class=\"big\"><a href=\"#risks\">1</a></span>个风险点频繁出现"));
    assert!(read(&default, &format!("warnings/{slug}.html")).contains(FLAG_CONCENTRATES));
}

#[test]
fn unknown_analysis_key_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("kb");
    copy_dir(&fixture("kb-analysis"), &root);
    let config = std::fs::read_to_string(root.join("config.toml")).unwrap();
    std::fs::write(
        root.join("config.toml"),
        config.replace("recurrence_months = 12", "recurrence_month = 12"),
    )
    .unwrap();
    let out = regkb(&["check", "--root", root.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("recurrence_month"));
}

/// Every `<svg>…</svg>` in the HTML files of a site, with its page.
fn svgs(site: &Path) -> Vec<(String, String)> {
    let re = Regex::new(r"(?s)<svg\b.*?</svg>").unwrap();
    files(site)
        .into_iter()
        .filter(|f| f.0.ends_with(".html"))
        .flat_map(|(p, b)| {
            let html = String::from_utf8(b).unwrap();
            re.find_iter(&html)
                .map(|m| (p.clone(), m.as_str().to_string()))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn every_svg_is_well_formed_and_labelled() {
    let tmp = tempfile::tempdir().unwrap();
    let mut total = 0;
    let after = Regex::new(r#"</figure>\s*(?:<div class="table-scroll">)?<table"#).unwrap();
    for (name, root) in [("bundled", repo()), ("fixture", fixture("kb-analysis"))] {
        let out = tmp.path().join(name);
        build(&root, &out);
        let all = svgs(&out);
        assert!(all.len() >= 3, "{name}: {} charts", all.len());
        for (page, svg) in &all {
            let doc = roxmltree::Document::parse(svg)
                .unwrap_or_else(|e| panic!("{name} {page}: {e}\n{svg}"));
            let root = doc.root_element();
            assert_eq!(
                root.tag_name().namespace(),
                Some("http://www.w3.org/2000/svg"),
                "{page}"
            );
            // A group, not an image: an image's links would be hidden from keyboards.
            assert_eq!(root.attribute("role"), Some("group"), "{page}");
            for link in doc.descendants().filter(|n| n.has_tag_name("a")) {
                assert_eq!(
                    link.attribute("tabindex"),
                    None,
                    "{page}: a link out of the tab order"
                );
                assert!(
                    link.first_element_child()
                        .is_some_and(|t| t.has_tag_name("title")),
                    "{page}: a link without its title"
                );
            }
            let kids: Vec<&str> = root
                .children()
                .filter(|n| n.is_element())
                .take(2)
                .map(|n| n.tag_name().name())
                .collect();
            assert_eq!(kids, ["title", "desc"], "{page}");
            for id in root.attribute("aria-labelledby").unwrap().split(' ') {
                assert!(
                    doc.descendants().any(|n| n.attribute("id") == Some(id)),
                    "{page}: no #{id}"
                );
            }
            assert!(
                doc.descendants().any(|n| n.has_tag_name("text")),
                "{page}: labels must be text"
            );
            total += 1;
        }
        // Each chart is followed by the same numbers as a table.
        let dash = read(&out, "dashboard.html");
        assert_eq!(
            after.find_iter(&dash).count(),
            dash.matches("<figure").count(),
            "{name}: a chart without its table"
        );
    }
    assert!(total >= 6);
}

/// The numbers drawn in the heat map, row by row, are the table's numbers.
#[test]
fn heat_map_and_table_agree_and_link_their_cases() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&fixture("kb-analysis"), &out);
    let dash = read(&out, "dashboard.html");
    let svg = Regex::new(r#"(?s)<svg[^>]*aria-labelledby="chart-matrix-title.*?</svg>"#)
        .unwrap()
        .find(&dash)
        .unwrap()
        .as_str()
        .to_string();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let drawn: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect"))
        .filter_map(|r| r.next_sibling_element())
        .filter_map(|t| t.text())
        .map(str::to_string)
        .collect();
    assert_eq!(
        drawn,
        [
            "1", "2", "1", "0", "0", "0", "0", "0", "1", "1", "0", "1", "0", "0", "0"
        ]
    );
    let table =
        Regex::new(r#"(?s)<table class="stats matrix" id="matrix-table">.*?<tbody>(.*?)</tbody>"#)
            .unwrap()
            .captures(&dash)
            .unwrap()[1]
            .to_string();
    let tags = Regex::new(r"<[^>]+>").unwrap();
    let cells: Vec<String> = Regex::new(r#"<td class="num">(.*?)</td>"#)
        .unwrap()
        .captures_iter(&table)
        .map(|c| tags.replace_all(&c[1], "").to_string())
        .collect();
    // Six columns per row: five outcomes and the total.
    let without_totals: Vec<String> = cells.chunks(6).flat_map(|r| r[..5].to_vec()).collect();
    assert_eq!(without_totals, drawn);
    // The 校外培训监管 × 容错免责 cell lists exactly its two cases.
    let slug = regkb::analysis::field_slug("校外培训监管");
    let id = format!("g-fo-{slug}-{}", regkb::analysis::field_slug("容错免责"));
    assert!(svg.contains(&format!("href=\"#{id}\"")) && table.contains(&format!("href=\"#{id}\"")));
    let listed = Regex::new(&format!(r#"<dt id="{id}">[^<]*</dt><dd>(.*?)</dd>"#))
        .unwrap()
        .captures(&dash)
        .unwrap()[1]
        .to_string();
    let linked: Vec<String> = Regex::new(r#"href="(cases/[^"]+)""#)
        .unwrap()
        .captures_iter(&listed)
        .map(|c| c[1].to_string())
        .collect();
    assert_eq!(
        linked,
        ["cases/2025-0/2025-001.html", "cases/2026-0/2026-001.html"]
    );
    // Every same-page link of the dashboard has its target.
    for c in Regex::new(r##"href="#([^"]+)""##)
        .unwrap()
        .captures_iter(&dash)
    {
        assert!(
            dash.contains(&format!("id=\"{}\"", &c[1])),
            "dashboard: no id {}",
            &c[1]
        );
    }
}

#[test]
fn rectifications_and_warnings_render() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&fixture("kb-analysis"), &out);
    let dash = read(&out, "dashboard.html");
    let rect = Regex::new(r#"(?s)<section id="rectification".*?<section id="warnings""#)
        .unwrap()
        .find(&dash)
        .unwrap()
        .as_str()
        .to_string();
    assert!(rect.contains("截至 <strong>2026-11-28</strong>，共 6 项纠错整改"));
    for (state, n) in [("已逾期", 2), ("已延期", 1), ("整改中", 1), ("已完成", 2)] {
        assert!(rect.contains(&format!("{state} {n} 项")), "{state} {n}");
    }
    assert!(
        rect.contains("<strong class=\"flag\">531 天</strong>")
            && rect.contains("<strong class=\"flag\">59 天</strong>")
    );
    assert!(rect.contains(r#"<a href="cases/2025-0/2025-003.html#rectification">2025-003</a>"#));

    let warning = read(
        &out,
        &format!("warnings/{}.html", regkb::analysis::field_slug("校园安全")),
    );
    assert!(warning.contains("<h1>校园安全领域易错风险警示提醒</h1>"));
    // Higher level first; the risk body's sections sit under the risk's heading.
    let late = warning.find("（1）安全隐患复查迟延").unwrap();
    let drill = warning.find("（2）应急演练记录缺失").unwrap();
    assert!(late < drill);
    assert!(warning.contains("<h4>问题症结</h4>") && !warning.contains("<h2>问题症结</h2>"));
    let lessons = read(
        &out,
        &format!(
            "warnings/{}.html",
            regkb::analysis::field_slug("校外培训监管")
        ),
    );
    assert!(
        lessons.contains("收费流水与台账&lt;比对&gt;是关键 &amp; 要点"),
        "the 启示 of a case is shown, escaped"
    );
    assert!(read(&out, "warnings/index.html").contains("校园安全领域风险警示提醒"));
    assert!(read(&out, "index.html").contains(r#"<a href="dashboard.html">统计</a>"#));
}

#[test]
fn as_of_comes_from_config_when_not_given() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let o = regkb(&[
        "build",
        "--root",
        fixture("kb-analysis").to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let dash = read(&out, "dashboard.html");
    // config.toml: as_of = 2025-06-30. Then 2025-002 (due 06-15) is 15 days overdue.
    assert!(dash.contains("截至 <strong>2025-06-30</strong>"));
    assert!(dash.contains("<strong class=\"flag\">15 天</strong>"));
}

#[test]
fn fixture_builds_are_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    build(&fixture("kb-analysis"), &tmp.path().join("a"));
    build(&fixture("kb-analysis"), &tmp.path().join("b"));
    // tantivy's own index directory has random segment ids; everything else must match.
    let site = |d: &str| {
        files(&tmp.path().join(d))
            .into_iter()
            .filter(|f| !f.0.starts_with("search/index/"))
            .collect::<Vec<_>>()
    };
    assert_eq!(site("a"), site("b"));
}
