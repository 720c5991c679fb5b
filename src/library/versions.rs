//! Versions of a regulation: `content/regulations/<slug>.md` is the first,
//! `<slug>.<YYYY-MM-DD>.md` each later one (the date is its `effective`). The
//! version in force on the build's date is the regulation's current text; the
//! others follow every current regulation in the library's list, so a citation
//! resolved against the text of its day is an ordinary `ClauseKey`.

use super::*;

/// `rules.2026-01-01` → (`rules`, 2026-01-01); any other stem is a first version.
pub(super) fn split(stem: &str) -> (String, Option<Date>) {
    if let Some((slug, date)) = stem.rsplit_once('.') {
        if let Some(d) = Date::parse(date).filter(|_| !slug.is_empty() && date.len() == 10) {
            return (slug.to_string(), Some(d));
        }
    }
    (stem.to_string(), None)
}

/// The 1-based line of `key = ` in a file's front matter (1 if absent).
fn line_of(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            l.trim_start().starts_with(key)
                && l[l.find(key).unwrap_or(0) + key.len()..]
                    .trim_start()
                    .starts_with('=')
        })
        .map_or(1, |i| i + 1)
}

/// Groups the versions of each regulation, checks their dates and renumbering,
/// picks the version in force on `as_of`, and orders the list: current versions in
/// the order given (the default regulation first), then the others by regulation
/// and date.
pub(super) fn arrange(
    regs: Vec<RegulationDoc>,
    as_of: Date,
    root: &Path,
    report: &mut Report,
) -> Vec<RegulationDoc> {
    let read = |p: &Path| std::fs::read_to_string(root.join(p)).unwrap_or_default();
    let mut families: Vec<(String, Vec<RegulationDoc>)> = Vec::new();
    let mut later: Vec<(Date, RegulationDoc)> = Vec::new();
    for reg in regs {
        let stem = stem(&reg.path);
        let (slug, dated) = split(&stem);
        match dated {
            None => families.push((reg.slug.clone(), vec![reg])),
            Some(date) => {
                let mut reg = reg;
                reg.slug = slug;
                later.push((date, reg));
            }
        }
    }
    for (date, reg) in later {
        if reg.front.effective != date {
            let line = line_of(&read(&reg.path), "effective");
            report.push(Diagnostic::error(&reg.path, line, 1, crate::msg!(
                "E0520",
                format!("文件名中的日期 {date} 与 effective = {} 不一致：修改后的版本以施行日期命名，请把文件改名为 {}.{}.md 或改正 effective。", reg.front.effective, reg.slug, reg.front.effective),
                format!("the file name's date {date} differs from effective = {}: name a later version by its effective date", reg.front.effective)
            )));
            continue;
        }
        match families.iter_mut().find(|(s, _)| *s == reg.slug) {
            Some((_, family)) => family.push(reg),
            None => report.push(Diagnostic::error(&reg.path, 1, 1, crate::msg!(
                "E0521",
                format!("没有第一个版本 content/regulations/{}.md：修改后的版本 {}.{date}.md 必须与原文本同名（去掉日期）。", reg.slug, reg.slug),
                format!("no first version content/regulations/{}.md for this later version", reg.slug)
            ))),
        }
    }
    let mut current = Vec::new();
    let mut others = Vec::new();
    for (_, mut family) in families {
        family.sort_by_key(|r| r.front.effective);
        for pair in family.windows(2) {
            if pair[0].front.effective == pair[1].front.effective {
                let text = read(&pair[1].path);
                report.push(Diagnostic::error(
                    &pair[1].path,
                    line_of(&text, "effective"),
                    1,
                    crate::msg!(
                        "E0522",
                        format!(
                            "{} 与 {} 的施行日期相同（{}）：每个版本的 effective 各不相同。",
                            pair[1].path.display(),
                            pair[0].path.display(),
                            pair[0].front.effective
                        ),
                        format!(
                            "{} and {} have the same effective date",
                            pair[1].path.display(),
                            pair[0].path.display()
                        )
                    ),
                ));
            }
        }
        for i in 0..family.len() {
            let (before, rest) = family.split_at(i);
            let reg = &rest[0];
            for (from, to) in &reg.front.renumbered {
                let ok_from = before.last().is_some_and(|p| p.tree.clause(from).is_some());
                let ok_to = reg.tree.clause(to).is_some();
                if !(ok_from && ok_to) {
                    report.push(Diagnostic::error(&reg.path, line_of(&read(&reg.path), "renumbered"), 1, crate::msg!(
                        "E0523",
                        format!("renumbered 中的 \"{from}\" = \"{to}\" 不成立：左边应是上一版本中存在的条款编号，右边是本版本中的编号（如 \"art_12\" = \"art_13\"）。"),
                        format!("renumbered \"{from}\" = \"{to}\": the left must be an eId of the version before, the right one of this version")
                    )));
                }
            }
        }
        let now = family
            .iter()
            .rposition(|r| r.front.effective <= as_of)
            .unwrap_or(0);
        let mut members: Vec<(bool, RegulationDoc)> = family
            .into_iter()
            .enumerate()
            .map(|(i, r)| (i == now, r))
            .collect();
        let this = members.remove(now).1;
        current.push((this, members.len(), now));
        others.push(members);
    }
    // Indexes: current versions first, then each family's others in date order.
    let mut next = current.len();
    let mut out: Vec<RegulationDoc> = Vec::new();
    let mut tails = Vec::new();
    for (f, (reg, n_others, now)) in current.into_iter().enumerate() {
        let other_ix: Vec<usize> = (next..next + n_others).collect();
        next += n_others;
        let mut family_ix = other_ix.clone();
        family_ix.insert(now, f);
        let mut reg = reg;
        reg.current = true;
        reg.versions = family_ix.clone();
        out.push(reg);
        tails.push(family_ix);
    }
    for (members, family_ix) in others.into_iter().zip(tails) {
        for (_, mut reg) in members {
            reg.current = false;
            reg.versions = family_ix.clone();
            out.push(reg);
        }
    }
    out
}
