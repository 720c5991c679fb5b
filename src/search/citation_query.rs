//! Citations typed into the search box (第十条第（五）项, 第10条第1款第5项,
//! 第九条至第十一条, 第十五、十六条) and the clauses they jump to.
//!
//! A small scanner of its own rather than `citation::recognize`: the browser
//! needs the same grammar in JS (`parseCitations` in search.js), and a grammar
//! small enough to port line by line is one the two sides agree on. A test
//! checks it against `citation::recognize` on the forms both accept.

use super::ClauseEntry;
use super::analyzer::fold_char;
use crate::numerals;

/// A clause named by a query; numbers as written, levels left out are `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClauseQuery {
    pub article: u32,
    /// 之一 → 1
    pub suffix: u32,
    pub paragraph: Option<u32>,
    pub point: Option<u32>,
}

pub const LEVELS: [char; 3] = ['条', '款', '项'];
pub const LIST_JOINERS: [char; 5] = ['、', ',', '，', '和', '及'];

/// One `第…<unit>` element: its numbers (several for 第十五、十六条), its level
/// (0 条, 1 款, 2 项), an optional 之N suffix, and where it ends.
struct Element {
    nums: Vec<u32>,
    level: usize,
    suffix: u32,
    end: usize,
}

fn number_at(s: &[char], mut i: usize) -> Option<(u32, usize)> {
    let bracket = s.get(i) == Some(&'(');
    if bracket {
        i += 1;
    }
    let start = i;
    while i < s.len() && numerals::is_numeral_char(s[i]) {
        i += 1;
    }
    let digits: String = s[start..i].iter().collect();
    let n = numerals::parse(&digits).filter(|&n| n > 0)?;
    if bracket {
        if s.get(i) != Some(&')') {
            return None;
        }
        i += 1;
    }
    Some((n, i))
}

fn element_at(s: &[char], i: usize) -> Option<Element> {
    if s.get(i) != Some(&'第') {
        return None;
    }
    let (first, mut j) = number_at(s, i + 1)?;
    let mut nums = vec![first];
    while s.get(j) == Some(&'、') {
        let Some((n, k)) = number_at(s, j + 1) else {
            break;
        };
        nums.push(n);
        j = k;
    }
    let level = LEVELS.iter().position(|&u| s.get(j) == Some(&u))?;
    j += 1;
    let mut suffix = 0;
    if level == 0
        && s.get(j) == Some(&'之')
        && let Some((n, k)) = number_at(s, j + 1)
    {
        suffix = n;
        j = k;
    }
    Some(Element {
        nums,
        level,
        suffix,
        end: j,
    })
}

/// Every clause the query names, in order, lists and ranges expanded.
pub fn parse(query: &str) -> Vec<ClauseQuery> {
    let s: Vec<char> = query.chars().map(fold_char).collect();
    let mut out: Vec<ClauseQuery> = Vec::new();
    // The clause a following 第（二）项 or 至第三款 continues from.
    let mut context: Option<ClauseQuery> = None;
    let mut i = 0;
    while i < s.len() {
        let after_title = i > 0 && s[i - 1] == '》';
        let Some(first) = element_at(&s, i).filter(|_| !after_title) else {
            i += 1;
            continue;
        };
        // A chain of elements with falling levels: 第十条第一款第（五）项.
        let mut chain = vec![first];
        while let Some(next) = element_at(&s, chain.last().unwrap().end) {
            if next.level <= chain.last().unwrap().level {
                break;
            }
            chain.push(next);
        }
        let end = chain.last().unwrap().end;
        let top = chain[0].level;
        let mut base = match (top, context) {
            (0, _) => ClauseQuery {
                article: 0,
                suffix: 0,
                paragraph: None,
                point: None,
            },
            (_, Some(c)) => ClauseQuery {
                paragraph: if top == 2 { c.paragraph } else { None },
                point: None,
                ..c
            },
            (_, None) => {
                i = end;
                continue; // 第（五）项 with no article before it names no clause of ours.
            }
        };
        let mut found = vec![];
        expand(&chain, 0, &mut base, &mut found);
        // A range: 第九条至第十一条, 第一款至第三款.
        let mut next_i = end;
        if s.get(end) == Some(&'至')
            && let (Some(to), Some(&last)) = (element_at(&s, end + 1), found.last())
            && to.nums.len() == 1
            && to.level == chain.last().unwrap().level
        {
            let from = level_value(&last, to.level) + 1;
            for n in from..=to.nums[0].min(from + 200) {
                found.push(set_level(last, to.level, n, to.suffix));
            }
            next_i = to.end;
        }
        context = found.last().copied();
        out.extend(found);
        i = next_i;
        // Let a list continue after a joiner: 第九条、第十条 / 第（一）项、第（二）项.
        if s.get(i).is_some_and(|c| LIST_JOINERS.contains(c)) && s.get(i + 1) == Some(&'第') {
            i += 1;
        }
    }
    out
}

fn expand(chain: &[Element], k: usize, base: &mut ClauseQuery, out: &mut Vec<ClauseQuery>) {
    let Some(e) = chain.get(k) else {
        out.push(*base);
        return;
    };
    for &n in &e.nums {
        let mut q = set_level(*base, e.level, n, e.suffix);
        expand(chain, k + 1, &mut q, out);
    }
}

fn level_value(q: &ClauseQuery, level: usize) -> u32 {
    match level {
        0 => q.article,
        1 => q.paragraph.unwrap_or(0),
        _ => q.point.unwrap_or(0),
    }
}

fn set_level(mut q: ClauseQuery, level: usize, n: u32, suffix: u32) -> ClauseQuery {
    match level {
        0 => {
            q = ClauseQuery {
                article: n,
                suffix,
                paragraph: None,
                point: None,
            };
        }
        1 => {
            q.paragraph = Some(n);
            q.point = None;
        }
        _ => q.point = Some(n),
    }
    q
}

/// The eId a clause query lands on, if the clause table has it. An item cited
/// without its 款 lands in the first paragraph that has such an item.
pub fn resolve<'a>(q: &ClauseQuery, clauses: &'a [ClauseEntry]) -> Option<&'a ClauseEntry> {
    let art = if q.suffix == 0 {
        format!("art_{}", q.article)
    } else {
        format!("art_{}-{}", q.article, q.suffix)
    };
    let find = |eid: &str| clauses.iter().find(|c| c.eid == eid);
    match (q.paragraph, q.point) {
        (None, None) => find(&art),
        (Some(p), None) => find(&format!("{art}__para_{p}")),
        (Some(p), Some(n)) => find(&format!("{art}__para_{p}__point_{n}")),
        (None, Some(n)) => {
            let suffix = format!("__point_{n}");
            let prefix = format!("{art}__para_");
            clauses
                .iter()
                .filter(|c| c.eid.starts_with(&prefix) && c.eid.ends_with(&suffix))
                .filter(|c| {
                    c.eid[prefix.len()..c.eid.len() - suffix.len()]
                        .parse::<u32>()
                        .is_ok()
                })
                .min_by_key(|c| {
                    c.eid[prefix.len()..c.eid.len() - suffix.len()]
                        .parse::<u32>()
                        .unwrap_or(u32::MAX)
                })
        }
    }
}

/// The clauses a query jumps to, in order, without repeats.
pub fn jumps<'a>(query: &str, clauses: &'a [ClauseEntry]) -> Vec<&'a ClauseEntry> {
    let mut out: Vec<&ClauseEntry> = Vec::new();
    for q in parse(query) {
        if let Some(c) = resolve(&q, clauses)
            && !out.iter().any(|o| o.eid == c.eid)
        {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
#[path = "citation_query_tests.rs"]
mod tests;
