//! Two versions of a regulation side by side: articles aligned by eId (through the
//! later version's `renumbered`), and the characters that changed (Chinese has no
//! spaces, so a word diff would mark whole sentences).

use super::Regulation;
use std::collections::{BTreeMap, BTreeSet};

/// One row of a 修改对照表: an article of the earlier version, of the later, or both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub old: Option<String>,
    pub new: Option<String>,
}

impl Row {
    pub fn renumbered(&self) -> bool {
        matches!((&self.old, &self.new), (Some(a), Some(b)) if a != b)
    }
}

/// Every article of both versions in the later one's order; an article the later
/// version dropped comes after the one it followed.
pub fn align(
    old: &Regulation,
    new: &Regulation,
    renumbered: &BTreeMap<String, String>,
) -> Vec<Row> {
    let inverse: BTreeMap<&str, &str> = renumbered
        .iter()
        .map(|(a, b)| (b.as_str(), a.as_str()))
        .collect();
    let in_old: BTreeSet<&str> = old.articles.iter().map(|a| a.eid.as_str()).collect();
    let mut used = BTreeSet::new();
    let mut rows: Vec<Row> = Vec::new();
    for a in &new.articles {
        let from = match inverse.get(a.eid.as_str()) {
            Some(o) => Some(*o),
            None if in_old.contains(a.eid.as_str()) && !renumbered.contains_key(&a.eid) => {
                Some(a.eid.as_str())
            }
            None => None,
        };
        if let Some(o) = from {
            used.insert(o);
        }
        rows.push(Row {
            old: from.map(str::to_string),
            new: Some(a.eid.clone()),
        });
    }
    let mut previous: Option<&str> = None;
    for a in &old.articles {
        if !used.contains(a.eid.as_str()) {
            let at = previous
                .and_then(|p| rows.iter().position(|r| r.old.as_deref() == Some(p)))
                .map_or(0, |i| i + 1);
            rows.insert(
                at,
                Row {
                    old: Some(a.eid.clone()),
                    new: None,
                },
            );
        }
        previous = Some(&a.eid);
    }
    rows
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Same(String),
    Deleted(String),
    Inserted(String),
}

/// Above this many character pairs the texts are shown as replaced whole.
const MAX_CELLS: usize = 4_000_000;

/// The characters of `a` and `b` as kept, deleted and inserted runs (a longest
/// common subsequence; deletions before insertions where both fall together).
pub fn diff_chars(a: &str, b: &str) -> Vec<Piece> {
    let x: Vec<char> = a.chars().collect();
    let y: Vec<char> = b.chars().collect();
    let (n, m) = (x.len(), y.len());
    if n.saturating_mul(m) > MAX_CELLS {
        return [
            (!a.is_empty()).then(|| Piece::Deleted(a.into())),
            (!b.is_empty()).then(|| Piece::Inserted(b.into())),
        ]
        .into_iter()
        .flatten()
        .collect();
    }
    // lcs[i][j]: the longest common subsequence of x[i..] and y[j..].
    let w = m + 1;
    let mut lcs = vec![0u32; (n + 1) * w];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i * w + j] = if x[i] == y[j] {
                lcs[(i + 1) * w + j + 1] + 1
            } else {
                lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
            };
        }
    }
    let mut out: Vec<Piece> = Vec::new();
    let mut push = |p: Piece| match (out.last_mut(), &p) {
        (Some(Piece::Same(s)), Piece::Same(t))
        | (Some(Piece::Deleted(s)), Piece::Deleted(t))
        | (Some(Piece::Inserted(s)), Piece::Inserted(t)) => s.push_str(t),
        _ => out.push(p),
    };
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && x[i] == y[j] {
            push(Piece::Same(x[i].to_string()));
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[(i + 1) * w + j] >= lcs[i * w + j + 1]) {
            push(Piece::Deleted(x[i].to_string()));
            i += 1;
        } else {
            push(Piece::Inserted(y[j].to_string()));
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_kept_deleted_and_inserted() {
        let d = diff_chars("应当在十五日内告知", "应当在七日内书面告知");
        assert_eq!(
            d,
            vec![
                Piece::Same("应当在".into()),
                Piece::Deleted("十五".into()),
                Piece::Inserted("七".into()),
                Piece::Same("日内".into()),
                Piece::Inserted("书面".into()),
                Piece::Same("告知".into()),
            ]
        );
        assert_eq!(diff_chars("同", "同"), vec![Piece::Same("同".into())]);
        assert_eq!(diff_chars("", "新"), vec![Piece::Inserted("新".into())]);
    }

    #[test]
    fn articles_aligned_through_renumbering() {
        let old = crate::regulation::parse("第一条 甲。\n第二条 乙。\n第三条 丙。\n");
        let new = crate::regulation::parse("第一条 甲。\n第二条 新条。\n第三条 乙改。\n");
        let map = BTreeMap::from([("art_2".to_string(), "art_3".to_string())]);
        let rows = align(&old, &new, &map);
        let pairs: Vec<(Option<&str>, Option<&str>)> = rows
            .iter()
            .map(|r| (r.old.as_deref(), r.new.as_deref()))
            .collect();
        assert_eq!(
            pairs,
            vec![
                (Some("art_1"), Some("art_1")),
                (None, Some("art_2")),
                (Some("art_2"), Some("art_3")),
                (Some("art_3"), None),
            ]
        );
        assert!(rows[2].renumbered());
    }
}
