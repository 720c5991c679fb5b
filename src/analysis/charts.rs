//! Charts as inline SVG strings, drawn at build time: no library, no script, no
//! network. Every number is printed as text (print and colour-blind readers do
//! not depend on fills), every string is escaped, and each chart names itself
//! with <title>/<desc> for screen readers. Page contexts decide labels and links.

use crate::markdown::escape;
use std::fmt::Write;

const FONT: f64 = 14.0;
/// Fills run from this pale blue to the site's 免责 blue.
const LOW: (u8, u8, u8) = (0xee, 0xf3, 0xf8);
const HIGH: (u8, u8, u8) = (0x1f, 0x5f, 0x8b);
const INK: &str = "#1d2329";
const MUTED: &str = "#5b6670";
const LINE: &str = "#c9d0d6";

/// One number of a chart and where the cases behind it are listed.
#[derive(Debug, Clone)]
pub struct Cell {
    pub value: usize,
    pub href: Option<String>,
    /// Spoken and shown on hover, e.g. "校园安全 · 履职尽责：3 件".
    pub tip: String,
}

/// One bar of a horizontal bar chart.
#[derive(Debug, Clone)]
pub struct Bar {
    pub label: String,
    pub cell: Cell,
    /// Printed after the number, e.g. "频繁出现"; the flag is text, not a colour.
    pub note: Option<String>,
}

/// The chart's accessible name: `id` must be unique on the page.
pub struct Caption<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub desc: &'a str,
}

/// Rough advance of a label: CJK characters are a full em, ASCII about half.
fn text_width(s: &str, size: f64) -> f64 {
    s.chars()
        .map(|c| if c.is_ascii() { 0.58 } else { 1.0 })
        .sum::<f64>()
        * size
}

fn open(out: &mut String, cap: &Caption, w: f64, h: f64) {
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {w:.0} {h:.0}" width="{w:.0}" height="{h:.0}" role="group" aria-labelledby="{id}-title {id}-desc"><title id="{id}-title">{t}</title><desc id="{id}-desc">{d}</desc>"#,
        id = escape(cap.id),
        t = escape(cap.title),
        d = escape(cap.desc)
    );
}

/// A text element; `anchor` is start, middle or end.
fn text(out: &mut String, x: f64, y: f64, anchor: &str, fill: &str, extra: &str, s: &str) {
    let _ = write!(
        out,
        r#"<text x="{x:.1}" y="{y:.1}" text-anchor="{anchor}" fill="{fill}"{extra}>{}</text>"#,
        escape(s)
    );
}

/// Wraps `inner` in a link when the cell has one. The chart is a group, not an
/// image, so its links are reachable by keyboard and announced by their titles.
fn linked(out: &mut String, cell: &Cell, inner: &str) {
    match &cell.href {
        Some(h) => {
            let _ = write!(
                out,
                r#"<a href="{}"><title>{}</title>{inner}</a>"#,
                escape(h),
                escape(&cell.tip)
            );
        }
        None => {
            let _ = write!(out, r#"<g><title>{}</title>{inner}</g>"#, escape(&cell.tip));
        }
    }
}

fn mix(t: f64) -> String {
    let t = t.clamp(0.0, 1.0);
    let c = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
    format!(
        "#{:02x}{:02x}{:02x}",
        c(LOW.0, HIGH.0),
        c(LOW.1, HIGH.1),
        c(LOW.2, HIGH.2)
    )
}

/// A heat map: one row per `rows` label, one column per `cols` label, the count
/// printed in every cell and the fill darker for larger counts.
pub fn heat_map(cap: &Caption, rows: &[String], cols: &[String], cells: &[Vec<Cell>]) -> String {
    let left = rows.iter().map(|r| text_width(r, FONT)).fold(0.0, f64::max) + 16.0;
    let cw = cols
        .iter()
        .map(|c| text_width(c, FONT))
        .fold(56.0, f64::max)
        + 20.0;
    let (ch, top) = (34.0, 30.0);
    let (w, h) = (
        left + cw * cols.len() as f64 + 2.0,
        top + ch * rows.len() as f64 + 2.0,
    );
    let max = largest(cells);
    let mut out = String::new();
    open(&mut out, cap, w, h);
    for (j, c) in cols.iter().enumerate() {
        text(
            &mut out,
            left + cw * (j as f64 + 0.5),
            top - 10.0,
            "middle",
            INK,
            "",
            c,
        );
    }
    for (i, r) in rows.iter().enumerate() {
        let y = top + ch * i as f64;
        text(&mut out, left - 10.0, y + ch / 2.0 + 5.0, "end", INK, "", r);
        for (j, cell) in cells[i].iter().enumerate() {
            let x = left + cw * j as f64;
            let t = cell.value as f64 / max;
            let (fill, ink) = if cell.value == 0 {
                ("#ffffff".to_string(), MUTED)
            } else {
                (mix(0.15 + 0.85 * t), if t > 0.5 { "#ffffff" } else { INK })
            };
            let mut inner = format!(
                r#"<rect x="{x:.1}" y="{y:.1}" width="{cw:.1}" height="{ch:.1}" fill="{fill}" stroke="{LINE}"/>"#
            );
            let weight = if cell.value == 0 {
                ""
            } else {
                r#" font-weight="700""#
            };
            text(
                &mut inner,
                x + cw / 2.0,
                y + ch / 2.0 + 5.0,
                "middle",
                ink,
                weight,
                &cell.value.to_string(),
            );
            linked(&mut out, cell, &inner);
        }
    }
    out + "</svg>"
}

/// Small multiples: one strip of bars per row (a field), one bar per column (a
/// quarter), all on one scale so strips compare. `cols` are (upper, lower)
/// label lines; an empty upper line is left out (the year is shown once).
pub fn small_multiples(
    cap: &Caption,
    rows: &[String],
    cols: &[(String, String)],
    cells: &[Vec<Cell>],
) -> String {
    let left = rows.iter().map(|r| text_width(r, FONT)).fold(0.0, f64::max) + 16.0;
    let cw = cols
        .iter()
        .map(|c| text_width(&c.1, 12.0))
        .fold(48.0, f64::max)
        + 14.0;
    let (rh, top, bar_h) = (54.0, 40.0, 34.0);
    let (w, h) = (
        left + cw * cols.len() as f64 + 2.0,
        top + rh * rows.len() as f64 + 4.0,
    );
    let max = largest(cells);
    let mut out = String::new();
    open(&mut out, cap, w, h);
    for (j, (upper, lower)) in cols.iter().enumerate() {
        let x = left + cw * (j as f64 + 0.5);
        if !upper.is_empty() {
            text(
                &mut out,
                left + cw * j as f64 + 2.0,
                14.0,
                "start",
                INK,
                r#" font-weight="700""#,
                upper,
            );
        }
        text(
            &mut out,
            x,
            top - 8.0,
            "middle",
            MUTED,
            r#" font-size="12""#,
            lower,
        );
    }
    for (i, r) in rows.iter().enumerate() {
        let base = top + rh * (i as f64 + 1.0);
        text(&mut out, left - 10.0, base - 8.0, "end", INK, "", r);
        let _ = write!(
            out,
            r#"<line x1="{left:.1}" y1="{base:.1}" x2="{:.1}" y2="{base:.1}" stroke="{LINE}"/>"#,
            w - 2.0
        );
        for (j, cell) in cells[i].iter().enumerate() {
            let x = left + cw * j as f64;
            let inner = strip_bar(cell, x, base, cw, rh, bar_h * cell.value as f64 / max);
            linked(&mut out, cell, &inner);
        }
    }
    out + "</svg>"
}

/// One bar of a small-multiples strip: the bar, a hit area the cell's full
/// size (so small bars are as easy to click as big ones), and the number above it.
fn strip_bar(cell: &Cell, x: f64, base: f64, cw: f64, rh: f64, bh: f64) -> String {
    let mut inner = String::new();
    if cell.value > 0 {
        let _ = write!(
            inner,
            r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{bh:.1}" fill="{}"/>"#,
            x + cw * 0.22,
            base - bh,
            cw * 0.56,
            mix(0.8)
        );
    }
    // An invisible hit area, so small bars are as easy to click as big ones.
    let _ = write!(
        inner,
        r#"<rect x="{x:.1}" y="{:.1}" width="{cw:.1}" height="{rh:.1}" fill="none" pointer-events="all"/>"#,
        base - rh
    );
    let (ink, extra) = if cell.value == 0 {
        (MUTED, r#" font-size="11""#)
    } else {
        (INK, r#" font-weight="700""#)
    };
    text(
        &mut inner,
        x + cw / 2.0,
        base - bh - 4.0,
        "middle",
        ink,
        extra,
        &cell.value.to_string(),
    );
    inner
}

/// Horizontal bars, longest first as given, the number and any note after each bar.
pub fn bars(cap: &Caption, items: &[Bar]) -> String {
    let left = items
        .iter()
        .map(|b| text_width(&b.label, FONT))
        .fold(0.0, f64::max)
        + 16.0;
    let (track, rh, top) = (300.0, 30.0, 6.0);
    let note_w = items
        .iter()
        .filter_map(|b| b.note.as_deref())
        .map(|n| text_width(n, 12.0) + 10.0)
        .fold(0.0, f64::max);
    let (w, h) = (
        left + track + 40.0 + note_w,
        top + rh * items.len() as f64 + 4.0,
    );
    let max = items.iter().map(|b| b.cell.value).max().unwrap_or(0).max(1) as f64;
    let mut out = String::new();
    open(&mut out, cap, w, h);
    for (i, b) in items.iter().enumerate() {
        let y = top + rh * i as f64;
        let bw = (track * b.cell.value as f64 / max).max(2.0);
        text(
            &mut out,
            left - 10.0,
            y + rh / 2.0 + 5.0,
            "end",
            INK,
            "",
            &b.label,
        );
        let mut inner = format!(
            r#"<rect x="{left:.1}" y="{:.1}" width="{bw:.1}" height="{:.1}" fill="{}"/>"#,
            y + 5.0,
            rh - 10.0,
            mix(0.8)
        );
        text(
            &mut inner,
            left + bw + 6.0,
            y + rh / 2.0 + 5.0,
            "start",
            INK,
            r#" font-weight="700""#,
            &b.cell.value.to_string(),
        );
        if let Some(n) = &b.note {
            let nx = left + bw + 14.0 + text_width(&b.cell.value.to_string(), FONT);
            text(
                &mut inner,
                nx,
                y + rh / 2.0 + 4.0,
                "start",
                "#8a1c1c",
                r#" font-size="12""#,
                &format!("▲{n}"),
            );
        }
        linked(&mut out, &b.cell, &inner);
    }
    out + "</svg>"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(v: usize) -> Cell {
        Cell {
            value: v,
            href: Some(format!("#g-{v}")),
            tip: format!("<{v}> & \"x\""),
        }
    }

    #[test]
    fn text_is_escaped_and_numbers_printed() {
        let cap = Caption {
            id: "c",
            title: "A<B",
            desc: "x & y",
        };
        let svg = heat_map(&cap, &["甲&乙".into()], &["<o>".into()], &[vec![cell(3)]]);
        assert!(
            svg.contains("<title id=\"c-title\">A&lt;B</title>"),
            "{svg}"
        );
        assert!(
            svg.contains("甲&amp;乙")
                && svg.contains("&lt;o&gt;")
                && svg.contains("&lt;3&gt; &amp; &quot;x&quot;"),
            "{svg}"
        );
        assert!(svg.contains(">3</text>") && svg.contains(r##"href="#g-3""##));
        assert!(!svg.contains("甲&乙"));
    }

    #[test]
    fn empty_inputs_still_draw() {
        let cap = Caption {
            id: "e",
            title: "t",
            desc: "d",
        };
        for svg in [
            heat_map(&cap, &[], &[], &[]),
            small_multiples(&cap, &[], &[], &[]),
            bars(&cap, &[]),
        ] {
            assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
            assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
        }
    }

    #[test]
    fn zero_bars_and_notes() {
        let cap = Caption {
            id: "b",
            title: "t",
            desc: "d",
        };
        let svg = bars(
            &cap,
            &[Bar {
                label: "风险".into(),
                cell: cell(0),
                note: Some("频繁出现".into()),
            }],
        );
        assert!(svg.contains("▲频繁出现") && svg.contains(">0</text>"));
    }
}

/// The largest cell value (at least 1, so scales never divide by zero).
fn largest(cells: &[Vec<Cell>]) -> f64 {
    cells
        .iter()
        .flatten()
        .map(|c| c.value)
        .max()
        .unwrap_or(0)
        .max(1) as f64
}
