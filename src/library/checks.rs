//! The loader's checks across documents: links between them, risk points
//! named by cases, personal data.

use super::*;

impl Loader<'_> {
    pub(super) fn check_risk_points(&mut self, files: &[(SourceFile, CaseFront)], risks: &[Risk]) {
        let known: BTreeSet<&str> = risks.iter().map(|r| r.id.as_str()).collect();
        for (file, front) in files {
            for r in &front.risk_points {
                if !known.contains(r.get_ref().as_str()) {
                    let msg = crate::msg!(
                        "E0508",
                        format!("风险点“{}”不存在：content/risks/ 下没有这个 id 的文件；请核对 risk_points 或新建该风险点。", r.get_ref()),
                        format!("unknown risk point \"{}\": no file in content/risks/ has this id", r.get_ref())
                    );
                    self.report
                        .push(file.front_diagnostic(r.span(), Severity::Error, msg));
                }
            }
        }
    }

    /// `[text](case:ID)`, `risk:ID`, `guide:SLUG` links must name existing documents.
    pub(super) fn check_links(
        &mut self,
        cases: &[Case],
        risks: &[Risk],
        guides: &[Guide],
        annotations: &[Annotation],
    ) {
        let texts = cases
            .iter()
            .map(|c| (&c.path, &c.body))
            .chain(risks.iter().map(|r| (&r.path, &r.body)))
            .chain(guides.iter().map(|g| (&g.path, &g.body)))
            .chain(annotations.iter().map(|a| (&a.path, &a.body)));
        let mut found = Vec::new();
        for (path, text) in texts {
            for (dest, offset) in crate::markdown::link_destinations(&text.markdown) {
                if !crate::markdown::link_allowed(&dest) {
                    let body = Body {
                        markdown: text.markdown.clone(),
                        first_line: text.first_line,
                    };
                    let shown: String = dest.chars().take(40).collect();
                    found.push(body_diagnostic(
                        path,
                        &body,
                        offset,
                        Severity::Error,
                        crate::msg!(
                            "E0510",
                            format!("链接“{}”不允许发布：只能链接到本站页面（相对路径、#锚点、case:/risk:/guide:）、http(s): 网址或 mailto: 邮箱。", shown.escape_debug()),
                            format!("link \"{}\" may not be published: use a relative path, #fragment, case:/risk:/guide:, http(s): or mailto:", shown.escape_debug())
                        ),
                    ));
                    continue;
                }
                let missing = match dest.split_once(':') {
                    Some(("case", id)) => !cases.iter().any(|c| c.id == id),
                    Some(("risk", id)) => !risks.iter().any(|r| r.id == id),
                    Some(("guide", slug)) => !guides.iter().any(|g| g.slug == slug),
                    _ => false,
                };
                if missing {
                    let body = Body {
                        markdown: text.markdown.clone(),
                        first_line: text.first_line,
                    };
                    found.push(body_diagnostic(
                        path,
                        &body,
                        offset,
                        Severity::Error,
                        crate::msg!("E0509", format!("链接 {dest} 指向的文档不存在；请核对编号（case:编号、risk:编号、guide:文件名）。"), format!("link to {dest}: no such document")),
                    ));
                }
            }
        }
        self.report.extend(found);
    }

    pub(super) fn check_anonymity(
        &mut self,
        cases: &[(SourceFile, CaseFront)],
        risks: &[SourceFile],
    ) {
        let Some(config) = self.config.as_ref().map(|c| c.anonymize.clone()) else {
            return;
        };
        let mut prose: Vec<PathBuf> = cases
            .iter()
            .map(|(f, _)| f.path.clone())
            .chain(risks.iter().map(|f| f.path.clone()))
            .collect();
        prose.extend(
            files(self.root, "annotations", &mut Report::default())
                .into_iter()
                .chain(files(self.root, "guides", &mut Report::default()))
                .map(|p| p.strip_prefix(self.root).unwrap_or(&p).to_path_buf()),
        );
        for shown in prose {
            let Ok(file) = SourceFile::read(self.root, &self.root.join(&shown)) else {
                continue;
            };
            let findings = anonymize::scan(&file.text, &config);
            // The source line shown under a message must not leak any of the data either.
            let masks: Vec<(&str, String)> = findings
                .iter()
                .map(|f| {
                    let found = &file.text[f.start..f.end];
                    (
                        found,
                        found
                            .chars()
                            .enumerate()
                            .map(|(i, c)| {
                                if i < 3 || !c.is_ascii_alphanumeric() {
                                    c
                                } else {
                                    '*'
                                }
                            })
                            .collect(),
                    )
                })
                .collect();
            for f in &findings {
                let mut d = Diagnostic::at_offset(
                    &file.path,
                    &file.text,
                    1,
                    f.start,
                    Severity::Error,
                    format!("personal data: {}", f.message),
                );
                d.source_line = d
                    .source_line
                    .map(|l| masks.iter().fold(l, |l, (from, to)| l.replace(from, to)));
                self.report.push(d);
            }
        }
    }
}
