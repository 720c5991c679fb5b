//! The knowledge base's own schema, declared in config.toml: the fields, actions and
//! outcomes cases may take, and the self-check, resolved against the regulation.
//! Every finding points at config.toml or at the front matter value.

use super::*;
use crate::config::{Rule, SelfcheckDef};
use crate::msg;

/// The self-check, its clauses resolved: what `render` turns into the page.
#[derive(Debug, Clone)]
pub struct Selfcheck {
    pub title: String,
    pub audience: String,
    pub lead: String,
    pub note: String,
    pub none: String,
    pub materials: Vec<Text>,
    pub procedure: Vec<Text>,
    pub groups: Vec<CheckGroup>,
    pub verdicts: Vec<Verdict>,
}

#[derive(Debug, Clone)]
pub struct CheckGroup {
    pub id: String,
    pub title: String,
    pub clause: ClauseKey,
    pub rule: Rule,
    pub hint: String,
    /// The boxes: a label and the clause each stands for.
    pub items: Vec<(String, ClauseKey)>,
}

#[derive(Debug, Clone)]
pub struct Verdict {
    /// Indexes into `Selfcheck::groups`.
    pub when: Vec<usize>,
    pub label: String,
    pub outcomes: Vec<String>,
}

/// The declared value nearest to `value`, for "did you mean".
pub fn nearest<'a>(value: &str, declared: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    declared
        .map(|d| {
            let contains = d.contains(value) || value.contains(d);
            let distance = strsim::levenshtein(value, d);
            (if contains { 0 } else { distance }, d)
        })
        .filter(|(d, name)| *d <= (name.chars().count() / 3).max(1))
        .min()
        .map(|(_, d)| d)
}

impl Loader<'_> {
    /// A front matter value must be one of config.toml's `key` list.
    pub(super) fn declared(&mut self, file: &SourceFile, key: &str, value: &toml::Spanned<String>) {
        let Some(config) = self.config.as_ref() else {
            return;
        };
        let list: Vec<&str> = match key {
            "fields" => config.field_names().collect(),
            "actions" => config.action_names().collect(),
            _ => config.outcome_names().collect(),
        };
        let v = value.get_ref().as_str();
        if list.contains(&v) {
            return;
        }
        let one = match key {
            "fields" => ("field", "领域"),
            "actions" => ("action", "执法类别"),
            _ => ("outcome", "认定结论"),
        };
        let near = nearest(v, list.iter().copied());
        let hint_zh = match near {
            Some(n) => format!("您是不是要写“{n}”？"),
            None if list.is_empty() => {
                format!("config.toml 还没有声明 {key}，请先在其中写 {key} = [\"…\"]。")
            }
            None => format!("可选：{}。", list.join("、")),
        };
        let hint_en = match near {
            Some(n) => format!("did you mean \"{n}\"?"),
            None if list.is_empty() => {
                format!("config.toml declares no {key} yet: add {key} = [\"…\"]")
            }
            None => format!("declared: {}", list.join(", ")),
        };
        let m = msg!(
            "E0201",
            format!(
                "{} = “{v}” 不是 config.toml 声明的{}；{hint_zh}如确为新的{}，请先加入 config.toml 的 {key}。",
                one.0, one.1, one.1
            ),
            format!(
                "{} = \"{v}\" is not one of config.toml's {key}; {hint_en} (declare new values in config.toml first)",
                one.0
            )
        );
        self.report
            .push(file.front_diagnostic(value.span(), Severity::Error, m));
    }

    /// config.toml's lists: no value twice, and every outcome's grounds resolve
    /// (returned parallel to the outcomes).
    pub(super) fn check_schema(&mut self) -> Vec<Vec<ClauseKey>> {
        let Some(config) = self.config.clone() else {
            return vec![];
        };
        let lists = [
            ("fields", config.fields.clone()),
            ("actions", config.actions.clone()),
            (
                "outcomes",
                config.outcomes.iter().map(|o| o.name.clone()).collect(),
            ),
        ];
        for (key, values) in lists {
            let mut seen = BTreeSet::new();
            for v in values {
                if !seen.insert(v.get_ref().clone()) {
                    let m = msg!(
                        "E0202",
                        format!("{key} 中“{}”重复出现；每个值只写一次。", v.get_ref()),
                        format!(
                            "\"{}\" appears twice in {key}; write each value once",
                            v.get_ref()
                        )
                    );
                    self.config_error(v.span(), m);
                }
            }
        }
        config
            .outcomes
            .iter()
            .map(|o| {
                o.grounds
                    .iter()
                    .filter_map(|g| self.config_clause(g))
                    .collect()
            })
            .collect()
    }

    /// The self-check, resolved; `None` when config.toml has no `[selfcheck]` (or it is wrong).
    pub(super) fn selfcheck(&mut self) -> Option<Selfcheck> {
        let def: SelfcheckDef = self.config.as_ref()?.selfcheck.clone()?;
        let outcomes: Vec<String> = self
            .config
            .as_ref()?
            .outcome_names()
            .map(str::to_string)
            .collect();
        let mut ok = true;
        let mut groups = Vec::new();
        for g in &def.groups {
            if groups.iter().any(|x: &CheckGroup| x.id == *g.id.get_ref()) {
                let m = msg!(
                    "E0203",
                    format!(
                        "自查分组 id = “{}” 重复；每组的 id 各不相同。",
                        g.id.get_ref()
                    ),
                    format!("self-check group id \"{}\" is used twice", g.id.get_ref())
                );
                self.config_error(g.id.span(), m);
                ok = false;
                continue;
            }
            let Some(clause) = self.config_clause(&g.clause) else {
                ok = false;
                continue;
            };
            let reg = &self.regulations[clause.regulation];
            let items: Vec<(String, ClauseKey)> = if !g.items.is_empty() {
                g.items
                    .iter()
                    .map(|label| (label.clone(), clause.clone()))
                    .collect()
            } else {
                let points = reg.tree.points_of(&clause.eid);
                if points.is_empty() {
                    vec![(
                        reg.tree.text(&clause.eid).unwrap_or_default(),
                        clause.clone(),
                    )]
                } else {
                    points
                        .into_iter()
                        .map(|(eid, label)| {
                            (
                                label,
                                ClauseKey {
                                    regulation: clause.regulation,
                                    eid,
                                },
                            )
                        })
                        .collect()
                }
            };
            groups.push(CheckGroup {
                id: g.id.get_ref().clone(),
                title: g.title.clone(),
                clause,
                rule: g.rule,
                hint: g.hint.clone(),
                items,
            });
        }
        let mut verdicts = Vec::new();
        for v in &def.verdicts {
            let mut when = Vec::new();
            for w in &v.when {
                match groups.iter().position(|g| g.id == *w.get_ref()) {
                    Some(i) => when.push(i),
                    None => {
                        let m = msg!(
                            "E0204",
                            format!(
                                "when 中的“{}”不是 [[selfcheck.groups]] 的 id。",
                                w.get_ref()
                            ),
                            format!(
                                "\"{}\" in when names no [[selfcheck.groups]] id",
                                w.get_ref()
                            )
                        );
                        self.config_error(w.span(), m);
                        ok = false;
                    }
                }
            }
            for o in &v.outcomes {
                if !outcomes.contains(o.get_ref()) {
                    let m = msg!(
                        "E0205",
                        format!(
                            "“{}”不是 config.toml 声明的认定结论（[[outcomes]] 的 name）。",
                            o.get_ref()
                        ),
                        format!(
                            "\"{}\" is not a declared outcome ([[outcomes]] name)",
                            o.get_ref()
                        )
                    );
                    self.config_error(o.span(), m);
                    ok = false;
                }
            }
            verdicts.push(Verdict {
                when,
                label: v.label.clone(),
                outcomes: v.outcomes.iter().map(|o| o.get_ref().clone()).collect(),
            });
        }
        let procedure: Vec<Text> = def.procedure.iter().map(|p| self.config_prose(p)).collect();
        let materials: Vec<Text> = def.materials.iter().map(|p| self.config_prose(p)).collect();
        ok.then_some(Selfcheck {
            title: def.title,
            audience: def.audience,
            lead: def.lead,
            note: def.note,
            none: def.none,
            materials,
            procedure,
            groups,
            verdicts,
        })
    }

    /// A clause named in config.toml, resolved against the default regulation.
    fn config_clause(&mut self, value: &toml::Spanned<String>) -> Option<ClauseKey> {
        if self.regulations.is_empty() {
            return None;
        }
        match clause_reference(&self.regulations, value.get_ref()) {
            Ok((key, _)) => Some(key),
            Err(e) => {
                self.config_error(value.span(), e);
                None
            }
        }
    }

    /// A line of Markdown written in config.toml, its citations resolved; a citation
    /// that names no clause is an error at the value.
    fn config_prose(&mut self, value: &toml::Spanned<String>) -> Text {
        let markdown = value.get_ref().clone();
        if !self.regulations.is_empty() {
            for found in citations_in(&self.regulations, &markdown, None) {
                if let Err(e) = &found.target {
                    self.config_error(value.span(), e.clone());
                }
            }
        }
        let links = crate::markdown::runs(&markdown)
            .iter()
            .map(|run| citations_in(&self.regulations, run, None))
            .collect();
        Text {
            markdown,
            first_line: 1,
            context: None,
            links,
        }
    }

    fn config_error(
        &mut self,
        span: std::ops::Range<usize>,
        message: impl Into<crate::diagnostic::Message>,
    ) {
        self.report.push(Diagnostic::at_offset(
            Path::new("config.toml"),
            &self.config_text,
            1,
            span.start,
            Severity::Error,
            message,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::nearest;

    #[test]
    fn a_near_value_is_suggested() {
        let declared = ["校园安全", "校外培训监管", "民办教育"];
        assert_eq!(
            nearest("校园安全管理", declared.iter().copied()),
            Some("校园安全")
        );
        assert_eq!(
            nearest("校外培训监督", declared.iter().copied()),
            Some("校外培训监管")
        );
        assert_eq!(nearest("食品安全", declared.iter().copied()), None);
    }
}
