//! The regulation's preamble (its 印发通知) as the full text shows it.

/// The preamble as read: a portal's metadata table pasted with the notice leaves
/// `|` cell borders and empty cells ("通知 | |||"); only the cells' text is kept,
/// side by side.
pub fn lines(raw: &[String]) -> Vec<String> {
    raw.iter()
        .map(|line| {
            line.split('|')
                .map(str::trim)
                .filter(|cell| !cell.is_empty())
                .collect::<Vec<_>>()
                .join("\u{3000}")
        })
        .filter(|line| !line.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::lines;

    #[test]
    fn table_borders_and_empty_cells_go() {
        let raw = [
            "关于印发《锡林郭勒盟行政执法尽职免责和容错纠错制度》的通知 | |||",
            "索引号:01165959-9/2024-00010 | 发文字号: ——— | ||",
            "| | |",
            "局机关各科室、直属各二级单位:",
        ]
        .map(String::from);
        assert_eq!(
            lines(&raw),
            [
                "关于印发《锡林郭勒盟行政执法尽职免责和容错纠错制度》的通知",
                "索引号:01165959-9/2024-00010\u{3000}发文字号: ———",
                "局机关各科室、直属各二级单位:",
            ]
        );
    }
}
