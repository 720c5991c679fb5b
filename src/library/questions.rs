//! The loader's question bank: `content/questions/*.toml` checked question by
//! question, then the questions generated from the cases. Every problem is located
//! at its value.

use super::training::unknown_case;
use super::*;
use crate::content::kinds::{QuestionFile, QuestionKind, QuestionToml};
use crate::training::{Origin, Question, bank, index_of_letter, letter};

/// More options than this cannot be lettered on a paper sensibly.
const MAX_OPTIONS: usize = 8;

impl Loader<'_> {
    /// The authored questions, file by file, then the generated ones.
    pub(super) fn questions(&mut self, cases: &[Case]) -> Vec<Question> {
        let mut out: Vec<Question> = Vec::new();
        let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
        for path in files_with(self.root, "questions", "toml", &mut self.report) {
            let file = match SourceFile::read(self.root, &path) {
                Ok(f) => f,
                Err(d) => {
                    self.report.push(d);
                    continue;
                }
            };
            let parsed = match file.parse_toml::<QuestionFile>() {
                Ok(q) => q,
                Err(ds) => {
                    self.report.extend(ds);
                    continue;
                }
            };
            if parsed.question.is_empty() {
                self.report.push(Diagnostic::warning(&file.path, 1, 1, crate::msg!(
                    "W1010",
                    "文件中没有题目：每道题以一行 [[question]] 开头，再写 id、kind、stem、options、answer、explain。",
                    "no question in this file: each starts with a line [[question]]"
                )));
            }
            for q in &parsed.question {
                let id = q.id.get_ref().clone();
                if let Err(m) = super::ids::check(&id, "题目编号") {
                    self.report
                        .push(file.toml_diagnostic(q.id.span().start, Severity::Error, m));
                    continue;
                }
                if id.starts_with("case-") {
                    self.report.push(file.toml_diagnostic(q.id.span().start, Severity::Error, crate::msg!(
                        "E1011",
                        format!("题目编号“{id}”以 case- 开头：这种编号留给由案例自动生成的题目（如 case-2025-007-outcome）；请换一个编号。"),
                        format!("question id \"{id}\" starts with case-, which is kept for the questions generated from cases")
                    )));
                    continue;
                }
                if let Some(first) = seen.get(&id) {
                    self.report.push(file.toml_diagnostic(q.id.span().start, Severity::Error, crate::msg!(
                        "E1012",
                        format!("题目编号 id = \"{id}\" 重复：{} 中已有这个编号；每道题的编号各不相同。", first.display()),
                        format!("duplicate question id \"{id}\": {} has it too", first.display())
                    )));
                    continue;
                }
                seen.insert(id.clone(), file.path.clone());
                if let Some(question) = self.question(&file, q, cases) {
                    out.push(question);
                }
            }
        }
        let outcomes = self
            .config
            .as_ref()
            .map(|c| c.outcome_names().map(str::to_string).collect::<Vec<_>>())
            .unwrap_or_default();
        self.report_giveaways(cases, outcomes.len() >= 2);
        out.extend(bank::generate(&self.regulations, &outcomes, cases));
        out
    }

    /// A warning where a case's 基本案情 gives a generated question's answer away
    /// (`bank::giveaway`): the bank leaves that question out. Outcome questions
    /// exist only with two outcomes or more (`with_outcomes`).
    fn report_giveaways(&mut self, cases: &[Case], with_outcomes: bool) {
        for ci in bank::eligible(cases) {
            let c = &cases[ci];
            let Some(facts) = &c.facts else { continue };
            let leaks = bank::giveaway(c);
            let at = |offset: usize, message: crate::diagnostic::Message| {
                Diagnostic::at_offset(
                    &c.path,
                    &facts.markdown,
                    facts.first_line,
                    offset,
                    Severity::Warning,
                    message,
                )
            };
            if let Some(offset) = leaks.outcome.filter(|_| with_outcomes) {
                self.report.push(at(offset, crate::msg!(
                    "W1021",
                    format!("基本案情中写出了本案的认定结果“{}”：由它生成的“依据案情，应如何认定？”一题会泄露答案，已不放入题库；请把认定写在“认定理由”中，或在文件头设 quiz = false。", c.outcome),
                    format!("the facts name the case's outcome \"{}\": the generated outcome question would give its answer away and is left out; move it to 认定理由 or set quiz = false", c.outcome)
                )));
            }
            if let Some(offset) = leaks.clause {
                self.report.push(at(offset, crate::msg!(
                    "W1022",
                    "基本案情引用了本案的主要条款（clauses 的第一项）：由它生成的“本案主要适用哪一条款？”一题会泄露答案，已不放入题库；请在案情中只写事实、把条款写在“认定理由”中，或在文件头设 quiz = false。",
                    "the facts cite the case's first clause: the generated clause question would give its answer away and is left out; cite it in 认定理由 instead, or set quiz = false"
                )));
            }
        }
    }

    fn question(
        &mut self,
        file: &SourceFile,
        q: &QuestionToml,
        cases: &[Case],
    ) -> Option<Question> {
        let at = |span: std::ops::Range<usize>| span.start;
        let mut ok = true;
        let stem_text = q.stem.get_ref().trim();
        if stem_text.is_empty() {
            self.report.push(file.toml_diagnostic(
                at(q.stem.span()),
                Severity::Error,
                crate::msg!(
                    "E1013",
                    "题干 stem 为空：请写出题目本身。",
                    "the stem is empty: write the question"
                ),
            ));
            ok = false;
        }
        let options: Vec<String> = match (q.kind, &q.options) {
            (QuestionKind::Judge, None) => vec!["正确".into(), "错误".into()],
            (QuestionKind::Judge, Some(o)) => {
                self.report.push(file.toml_diagnostic(at(o.span()), Severity::Error, crate::msg!(
                    "E1014",
                    "判断题（kind = \"judge\"）不写 options：选项固定为“正确”“错误”，answer 写 true 或 false。",
                    "a judge question has no options: its answer is true or false"
                )));
                return None;
            }
            (_, None) => {
                self.report.push(file.toml_diagnostic(at(q.id.span()), Severity::Error, crate::msg!(
                    "E1015",
                    format!("{}缺少 options：请写出选项，如 options = [\"……\", \"……\", \"……\", \"……\"]（不写 A、B、C、D，页面会加）。", q.kind.label()),
                    "options are missing: list the choices, without letters"
                )));
                return None;
            }
            (_, Some(o)) => {
                let list = o.get_ref();
                if list.len() < 2 || list.len() > MAX_OPTIONS {
                    self.report.push(file.toml_diagnostic(
                        at(o.span()),
                        Severity::Error,
                        crate::msg!(
                            "E1015",
                            format!(
                                "选项有 {} 个：{}需要 2 至 {MAX_OPTIONS} 个选项。",
                                list.len(),
                                q.kind.label()
                            ),
                            format!(
                                "{} options: a question needs 2 to {MAX_OPTIONS}",
                                list.len()
                            )
                        ),
                    ));
                    return None;
                }
                let mut seen = BTreeSet::new();
                for (i, opt) in list.iter().enumerate() {
                    if opt.trim().is_empty() || !seen.insert(opt.trim()) {
                        self.report.push(file.toml_diagnostic(
                            at(o.span()),
                            Severity::Error,
                            crate::msg!(
                                "E1016",
                                format!(
                                    "选项 {} 为空或与前面的选项相同：每个选项各不相同。",
                                    letter(i)
                                ),
                                format!("option {} is empty or repeats an earlier one", letter(i))
                            ),
                        ));
                        ok = false;
                    }
                }
                list.clone()
            }
        };
        let answer = self.answer(file, q, options.len())?;
        let stem = self.toml_text(file, &q.stem);
        let explain = match &q.explain {
            Some(e) => Some(self.toml_text(file, e)),
            None => {
                self.report.push(file.toml_diagnostic(
                    at(q.id.span()),
                    Severity::Warning,
                    crate::msg!(
                        "W1017",
                        "这道题没有解析 explain：学员答完后只看到对错；请写明依据哪一条、为什么。",
                        "this question has no explain: trainees will only see right or wrong"
                    ),
                ));
                None
            }
        };
        let clauses = self.front_clauses_toml(file, &q.clauses);
        let mut case_ix = Vec::new();
        for c in &q.cases {
            match cases.iter().position(|x| x.id == *c.get_ref()) {
                Some(i) => case_ix.push(i),
                None => {
                    self.report.push(file.toml_diagnostic(
                        at(c.span()),
                        Severity::Error,
                        unknown_case(c.get_ref()),
                    ));
                    ok = false;
                }
            }
        }
        ok.then(|| Question {
            id: q.id.get_ref().clone(),
            kind: q.kind,
            material: None,
            stem,
            options,
            answer,
            explain,
            clauses,
            cases: case_ix,
            origin: Origin::Authored(file.path.clone()),
        })
    }

    /// `answer` as option indexes, checked against the kind and the options.
    fn answer(&mut self, file: &SourceFile, q: &QuestionToml, n: usize) -> Option<Vec<usize>> {
        let span = q.answer.span();
        let value = q.answer.get_ref();
        let wrong_type = |kind: QuestionKind| match kind {
            QuestionKind::Single => crate::msg!(
                "E1018",
                "单选题的 answer 写一个字母，如 answer = \"B\"（A 是第一个选项）。",
                "a single-choice answer is one letter, e.g. answer = \"B\""
            ),
            QuestionKind::Multi => crate::msg!(
                "E1018",
                "多选题的 answer 写所有正确选项的字母，如 answer = [\"A\", \"C\"]。",
                "a multiple-choice answer lists every right letter, e.g. answer = [\"A\", \"C\"]"
            ),
            QuestionKind::Judge => crate::msg!(
                "E1018",
                "判断题的 answer 写 true（正确）或 false（错误），不加引号。",
                "a judge answer is true or false, without quotes"
            ),
        };
        let letters: Vec<&str> = match (q.kind, value) {
            (QuestionKind::Judge, toml::Value::Boolean(b)) => {
                return Some(vec![usize::from(!*b)]);
            }
            (QuestionKind::Single, toml::Value::String(s)) => vec![s.as_str()],
            (QuestionKind::Multi, toml::Value::Array(a)) if a.iter().all(|v| v.is_str()) => {
                a.iter().filter_map(|v| v.as_str()).collect()
            }
            _ => {
                self.report.push(file.toml_diagnostic(
                    span.start,
                    Severity::Error,
                    wrong_type(q.kind),
                ));
                return None;
            }
        };
        let mut out = Vec::new();
        for l in &letters {
            match index_of_letter(l) {
                Some(i) if i < n => out.push(i),
                _ => {
                    let last = letter(n - 1);
                    self.report.push(file.toml_diagnostic(span.start, Severity::Error, crate::msg!(
                        "E1019",
                        format!("答案“{l}”不是选项字母：本题有 {n} 个选项，答案只能是 A 至 {last}。"),
                        format!("answer \"{l}\" is not an option letter: this question has options A to {last}")
                    )));
                    return None;
                }
            }
        }
        out.sort_unstable();
        let before = out.len();
        out.dedup();
        if out.is_empty() || out.len() != before {
            self.report.push(file.toml_diagnostic(
                span.start,
                Severity::Error,
                crate::msg!(
                    "E1019",
                    "多选题的答案为空或有重复的字母：每个正确选项写一次。",
                    "the answer is empty or repeats a letter"
                ),
            ));
            return None;
        }
        if q.kind == QuestionKind::Multi && out.len() == 1 {
            self.report.push(file.toml_diagnostic(
                span.start,
                Severity::Warning,
                crate::msg!(
                    "W1020",
                    "多选题只有一个正确选项：若确实如此，可改为单选题 kind = \"single\"。",
                    "a multiple-choice question with one right option: perhaps kind = \"single\""
                ),
            ));
        }
        Some(out)
    }

    /// A TOML string value as Markdown: its citations checked and reported at their
    /// place in the file (escapes inside the string aside), resolved for the pages.
    fn toml_text(&mut self, file: &SourceFile, value: &toml::Spanned<String>) -> Text {
        let span = value.span();
        let raw = &file.text[span.start..span.end.min(file.text.len())];
        let quote = if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
            3 + usize::from(raw[3..].starts_with('\n'))
        } else {
            1
        };
        let start = span.start + quote;
        let markdown = value.get_ref().clone();
        for found in citations_in(&self.regulations, &markdown, None) {
            let offset = start + found.span.start;
            for w in &found.warnings {
                self.report
                    .push(file.toml_diagnostic(offset, Severity::Warning, w.clone()));
            }
            if let Err(e) = &found.target {
                self.report
                    .push(file.toml_diagnostic(offset, Severity::Error, e.clone()));
            }
        }
        let (line, _) = crate::diagnostic::line_col(&file.text, start);
        Text::resolved(&self.regulations, markdown, line, None)
    }

    /// `front_clauses` for the values of a whole TOML file.
    fn front_clauses_toml(
        &mut self,
        file: &SourceFile,
        values: &[toml::Spanned<String>],
    ) -> Vec<ClauseKey> {
        self.clauses_located(values, None, |span, severity, m| {
            file.toml_diagnostic(span.start, severity, m)
        })
    }
}
