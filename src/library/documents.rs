//! The loader's readers of the four kinds of authored document: annotations, cases,
//! risk points and guides, each read, checked against the regulations and sorted.

use super::*;

impl Loader<'_> {
    pub(super) fn annotations(&mut self) -> Vec<Annotation> {
        let mut out = Vec::new();
        for (file, front, body) in self.read::<AnnotationFront>("annotations") {
            let Some(target) = self.annotated(&file, &front) else {
                continue;
            };
            let title = front.title.unwrap_or_else(|| {
                format!(
                    "{}释义",
                    self.regulations[target.regulation]
                        .tree
                        .label(&target.eid)
                        .unwrap_or_default()
                )
            });
            let Some(slug) = slug(&file.path, &mut self.report) else {
                continue;
            };
            let body = self.text(&file, body, Some(target.clone()));
            out.push(Annotation {
                slug,
                path: file.path,
                title,
                target,
                body,
            });
        }
        let order: Vec<Vec<&str>> = self.regulations.iter().map(|r| r.tree.eids()).collect();
        let position = |k: &ClauseKey| {
            order[k.regulation]
                .iter()
                .position(|e| *e == k.eid)
                .unwrap_or(usize::MAX)
        };
        out.sort_by(|a, b| {
            (a.target.regulation, position(&a.target), &a.slug).cmp(&(
                b.target.regulation,
                position(&b.target),
                &b.slug,
            ))
        });
        out
    }

    /// The clause an annotation annotates: in the current text, or in the version
    /// `version = YYYY-MM-DD` names; a warning when a later version changed it.
    fn annotated(&mut self, file: &SourceFile, front: &AnnotationFront) -> Option<ClauseKey> {
        let Some(v) = &front.version else {
            return self
                .front_clauses(file, std::slice::from_ref(&front.clause))
                .pop();
        };
        let date = *v.get_ref();
        let family = self
            .regulations
            .first()
            .map(|r| r.versions.clone())
            .unwrap_or_default();
        let Some(index) = family
            .iter()
            .copied()
            .find(|&i| self.regulations[i].front.effective == date)
        else {
            let known: Vec<String> = family
                .iter()
                .map(|&i| self.regulations[i].front.effective.to_string())
                .collect();
            self.report.push(file.front_diagnostic(v.span(), Severity::Error, crate::msg!(
                "E0524",
                format!("没有 {date} 起施行的版本：现有版本的施行日期是 {}；请改正 version 或删去这一行（默认为现行文本）。", known.join("、")),
                format!("no version takes effect on {date}; the versions are {}", known.join(", "))
            )));
            return None;
        };
        let key = match super::resolve::clause_reference_in(
            &self.regulations,
            index,
            front.clause.get_ref(),
        ) {
            Ok((key, _)) => key,
            Err(e) => {
                self.report
                    .push(file.front_diagnostic(front.clause.span(), Severity::Error, e));
                return None;
            }
        };
        let text = self.regulations[index].tree.text(&key.eid);
        let from = family.iter().position(|&i| i == index).unwrap_or(0);
        let ids = super::identities(&self.regulations, index, &key.eid);
        for (k, &later) in family.iter().enumerate().skip(from + 1) {
            let reg = &self.regulations[later];
            if ids[k].as_ref().and_then(|e| reg.tree.text(e)) != text {
                let m = crate::msg!(
                    "W0525",
                    format!(
                        "所释条款在 {} 起施行的版本（{}）中已修改或删除：请核对释义是否仍然适用，或为新版本另写释义。",
                        reg.front.effective,
                        reg.path.display()
                    ),
                    format!(
                        "the annotated clause changed in the version in force from {} ({})",
                        reg.front.effective,
                        reg.path.display()
                    )
                );
                self.report
                    .push(file.front_diagnostic(front.clause.span(), Severity::Warning, m));
                break;
            }
        }
        Some(key)
    }

    pub(super) fn cases(&mut self) -> (Vec<Case>, Vec<(SourceFile, CaseFront)>) {
        let mut out = Vec::new();
        let mut files = Vec::new();
        let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
        // What needs only the regulations (citations in the body and its
        // sections) runs in parallel; findings are reported in path order below.
        let files_read = self.read::<CaseFront>("cases");
        let regs = &self.regulations;
        let read: Vec<_> = files_read
            .into_par_iter()
            .map(|(file, front, body)| {
                // Read against the rules in force on the day of the decision (or the conduct).
                let at = Some(front.conduct_date.unwrap_or(front.date));
                let (body, found) = checked_text(regs, body, None, at);
                let section = |heading: &str| {
                    crate::markdown::section_at(&body.markdown, heading).map(|(md, line)| {
                        Text::resolved_at(regs, md, body.first_line + line, None, at)
                    })
                };
                let sections = [section("启示"), section("基本案情"), section("认定理由")];
                (file, front, at, body, found, sections)
            })
            .collect();
        for (file, front, at, body, found, sections) in read {
            let id = front.id.get_ref().clone();
            if let Err(m) = super::ids::check(&id, "案例编号") {
                self.report
                    .push(file.front_diagnostic(front.id.span(), Severity::Error, m));
                continue;
            }
            if let Some(first) = seen.get(&id) {
                let msg = crate::msg!(
                    "E0505",
                    format!(
                        "案例编号 id = \"{id}\" 重复：{} 也用了它；每个案例的编号各不相同。",
                        first.display()
                    ),
                    format!(
                        "duplicate case id \"{id}\": {} has it too; give each case its own id",
                        first.display()
                    )
                );
                self.report
                    .push(file.front_diagnostic(front.id.span(), Severity::Error, msg));
                continue;
            }
            seen.insert(id.clone(), file.path.clone());
            if front.clauses.is_empty() {
                self.report.push(Diagnostic::error(
                    &file.path,
                    2,
                    1,
                    crate::msg!(
                        "E0506",
                        "clauses = [] 为空：请写明认定所依据的条款，如 clauses = [\"第一条\"]。",
                        "clauses = [] is empty: name the clauses the decision relied on"
                    ),
                ));
            }
            self.declared(&file, "fields", &front.field);
            self.declared(&file, "actions", &front.action);
            self.declared(&file, "outcomes", &front.outcome);
            let clauses = self.front_clauses_at(&file, &front.clauses, at);
            self.report_citations(&file, &body, found, at);
            let [lesson, facts, reasons] = sections;
            out.push(Case {
                id,
                path: file.path.clone(),
                title: front.title.clone(),
                date: front.date,
                field: front.field.get_ref().clone(),
                action: front.action.get_ref().clone(),
                outcome: front.outcome.get_ref().clone(),
                clauses,
                risk_points: front
                    .risk_points
                    .iter()
                    .map(|r| r.get_ref().clone())
                    .collect(),
                sample: front.sample,
                quiz: front.quiz,
                rectification: front.rectification.clone(),
                body,
                lesson,
                facts,
                reasons,
            });
            files.push((file, front));
        }
        out.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
        (out, files)
    }

    pub(super) fn risks(&mut self) -> Vec<Risk> {
        let mut out: Vec<Risk> = Vec::new();
        for (file, front, body) in self.read::<RiskFront>("risks") {
            let id = front.id.get_ref().clone();
            if let Err(m) = super::ids::check(&id, "风险点编号") {
                self.report
                    .push(file.front_diagnostic(front.id.span(), Severity::Error, m));
                continue;
            }
            if let Some(first) = out.iter().find(|r| r.id == id) {
                let msg = crate::msg!(
                    "E0507",
                    format!(
                        "风险点编号 id = \"{id}\" 重复：{} 也用了它；每个风险点的编号各不相同。",
                        first.path.display()
                    ),
                    format!(
                        "duplicate risk point id \"{id}\": {} has it too",
                        first.path.display()
                    )
                );
                self.report
                    .push(file.front_diagnostic(front.id.span(), Severity::Error, msg));
                continue;
            }
            self.declared(&file, "fields", &front.field);
            let clauses = self.front_clauses(&file, &front.clauses);
            let body = self.text(&file, body, None);
            out.push(Risk {
                id,
                path: file.path.clone(),
                title: front.title,
                field: front.field.get_ref().clone(),
                level: front.level,
                clauses,
                cases: vec![],
                body,
            });
        }
        out.sort_by(|a, b| a.id.cmp(&b.id));
        out
    }

    pub(super) fn guides(&mut self) -> Vec<Guide> {
        let mut out = Vec::new();
        for (file, front, body) in self.read::<GuideFront>("guides") {
            let Some(slug) = slug(&file.path, &mut self.report) else {
                continue;
            };
            if let Some(first) = out.iter().find(|g: &&Guide| g.slug == slug) {
                let m = crate::msg!(
                    "E0515",
                    format!(
                        "指南文件名“{slug}”重复：{} 也叫这个名字；请改名，每篇指南的文件名各不相同。",
                        first.path.display()
                    ),
                    format!(
                        "guide file name \"{slug}\" is used twice ({} too); rename one",
                        first.path.display()
                    )
                );
                self.report.push(Diagnostic::error(&file.path, 1, 1, m));
                continue;
            }
            let body = self.text(&file, body, None);
            out.push(Guide {
                slug,
                path: file.path,
                title: front.title,
                weight: front.weight,
                home: front.home,
                body,
            });
        }
        out.sort_by(|a, b| (a.weight, &a.slug).cmp(&(b.weight, &b.slug)));
        out
    }
}
