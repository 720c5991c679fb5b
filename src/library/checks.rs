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
                        format!(
                            "风险点“{}”不存在：content/risks/ 下没有这个 id 的文件；请核对 risk_points 或新建该风险点。",
                            r.get_ref()
                        ),
                        format!(
                            "unknown risk point \"{}\": no file in content/risks/ has this id",
                            r.get_ref()
                        )
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
        extra: &[(&PathBuf, &Text)],
    ) {
        let texts = cases
            .iter()
            .map(|c| (&c.path, &c.body))
            .chain(risks.iter().map(|r| (&r.path, &r.body)))
            .chain(guides.iter().map(|g| (&g.path, &g.body)))
            .chain(annotations.iter().map(|a| (&a.path, &a.body)))
            .chain(extra.iter().copied());
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

    /// Every file that reaches the pages (regulations, cases and risk points, loaded or
    /// not, annotations, guides, config.toml's texts, the KB's templates) is scanned
    /// whole for personal data; findings are masked.
    pub(super) fn check_anonymity(&mut self) {
        let Some(config) = self.config.as_ref().map(|c| c.anonymize.clone()) else {
            return;
        };
        let kinds = [
            ("regulations", "md"),
            ("cases", "md"),
            ("risks", "md"),
            ("annotations", "md"),
            ("guides", "md"),
            ("lessons", "md"),
            ("questions", "toml"),
        ];
        let paths: Vec<PathBuf> = kinds
            .into_iter()
            .flat_map(|(kind, ext)| files_with(self.root, kind, ext, &mut Report::default()))
            .collect();
        // Each file is scanned on its own (on every core); reported in path order.
        let found: Vec<Vec<Diagnostic>> = paths
            .par_iter()
            .map(|path| match SourceFile::read(self.root, path) {
                Ok(file) => scanned(&file, &config),
                Err(_) => Vec::new(),
            })
            .collect();
        self.report.extend(found.into_iter().flatten());
        // config.toml's texts (not its deny and allow lists) and the knowledge base's own
        // templates are published on every page too.
        self.report.extend(anonymize::config_diagnostics(
            Path::new("config.toml"),
            &self.config_text,
            &config,
        ));
        let mut templates: Vec<PathBuf> = std::fs::read_dir(self.root.join("templates"))
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "html"))
            .collect();
        templates.sort();
        for path in templates {
            if let Ok(file) = SourceFile::read(self.root, &path) {
                self.report.extend(scanned(&file, &config));
            }
        }
    }
}

/// The personal-data findings of one file (`anonymize::diagnostics`), kept for
/// `serve`'s next rebuild.
fn scanned(file: &SourceFile, config: &crate::config::AnonymizeConfig) -> Vec<Diagnostic> {
    static SCANNED: crate::memo::Memo<Vec<Diagnostic>> = crate::memo::Memo::new();
    let key = || format!("{}\0{config:?}\0{}", file.path.display(), file.text);
    SCANNED.get_or(key, || {
        anonymize::diagnostics(&file.path, &file.text, config)
    })
}
