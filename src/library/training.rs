//! The loader's training part: `content/questions/*.toml` checked question by
//! question, the bank generated from the cases, and `content/lessons/*.md` cut into
//! slides with their pull-ins resolved. Every problem is located at its value.

use super::*;
use crate::content::kinds::{LessonFront, QuestionFile, QuestionKind, QuestionToml};
use crate::training::slides::{self, Part, PullKind};
use crate::training::{Block, Lesson, Origin, Question, Slide, bank, index_of_letter, letter};

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
        out.extend(bank::generate(&self.regulations, &outcomes, cases));
        out
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

    pub(super) fn lessons(&mut self, cases: &[Case], questions: &[Question]) -> Vec<Lesson> {
        let mut out: Vec<Lesson> = Vec::new();
        for (file, front, body) in self.read::<LessonFront>("lessons") {
            let Some(slug) = slug(&file.path, &mut self.report) else {
                continue;
            };
            if let Some(first) = out.iter().find(|l| l.slug == slug) {
                let m = crate::msg!(
                    "E1001",
                    format!(
                        "课程文件名“{slug}”重复：{} 也叫这个名字；请改名。",
                        first.path.display()
                    ),
                    format!(
                        "lesson file name \"{slug}\" is used twice ({} too)",
                        first.path.display()
                    )
                );
                self.report.push(Diagnostic::error(&file.path, 1, 1, m));
                continue;
            }
            if front.minutes == 0 {
                self.report.push(Diagnostic::error(
                    &file.path,
                    2,
                    1,
                    crate::msg!(
                        "E1002",
                        "minutes = 0：请写本课计划的分钟数，讲者计时用。",
                        "minutes = 0: give the lesson's planned length"
                    ),
                ));
            }
            let clauses = self.front_clauses(&file, &front.clauses);
            let mut case_ix = Vec::new();
            for c in &front.cases {
                match cases.iter().position(|x| x.id == *c.get_ref()) {
                    Some(i) => case_ix.push(i),
                    None => self.report.push(file.front_diagnostic(
                        c.span(),
                        Severity::Error,
                        unknown_case(c.get_ref()),
                    )),
                }
            }
            let (raw, unknown) = slides::split(&body.markdown, body.first_line);
            for u in unknown {
                let source = file.text.lines().nth(u.line - 1).unwrap_or("");
                self.report.push(Diagnostic::error(&file.path, u.line, u.column, crate::msg!(
                    "E1003",
                    format!("不认识的引入“{{{{{} …}}}}”：只能写 {{{{条文 第十条第二款}}}}、{{{{案情 案例编号}}}} 或 {{{{题目 题目编号}}}}。", u.word),
                    format!("unknown pull-in {{{{{} …}}}}: use {{{{条文 …}}}}, {{{{案情 …}}}} or {{{{题目 …}}}}", u.word)
                )).with_source(source));
            }
            if raw.is_empty() {
                self.report.push(Diagnostic::error(&file.path, body.first_line, 1, crate::msg!(
                    "E1004",
                    "课程没有幻灯片：正文每张幻灯片以 ## 标题开头，幻灯片之间用单独一行 --- 分隔。",
                    "the lesson has no slide: start each with a ## heading, separate them with a line ---"
                )));
                continue;
            }
            let mut slides_out = Vec::new();
            for s in raw {
                let mut blocks = Vec::new();
                for part in s.parts {
                    match part {
                        Part::Prose { markdown, line } => blocks.push(Block::Prose(self.text(
                            &file,
                            Body {
                                markdown,
                                first_line: line,
                            },
                            None,
                        ))),
                        Part::Pull {
                            kind,
                            arg,
                            line,
                            column,
                        } => {
                            if let Some(b) =
                                self.pull(&file, kind, &arg, line, column, cases, questions)
                            {
                                blocks.push(b);
                            }
                        }
                    }
                }
                let notes = s.notes.map(|(markdown, line)| {
                    self.text(
                        &file,
                        Body {
                            markdown,
                            first_line: line,
                        },
                        None,
                    )
                });
                slides_out.push(Slide {
                    title: s.title,
                    blocks,
                    notes,
                });
            }
            out.push(Lesson {
                slug,
                path: file.path,
                title: front.title,
                weight: front.weight,
                minutes: front.minutes,
                clauses,
                cases: case_ix,
                slides: slides_out,
            });
        }
        out.sort_by(|a, b| (a.weight, &a.slug).cmp(&(b.weight, &b.slug)));
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn pull(
        &mut self,
        file: &SourceFile,
        kind: PullKind,
        arg: &str,
        line: usize,
        column: usize,
        cases: &[Case],
        questions: &[Question],
    ) -> Option<Block> {
        let source = file.text.lines().nth(line - 1).unwrap_or("").to_string();
        let error = |m: crate::diagnostic::Message| {
            Diagnostic::error(&file.path, line, column, m).with_source(&source)
        };
        match kind {
            PullKind::Clause => match clause_reference(&self.regulations, arg) {
                Ok((key, _)) => Some(Block::Clause(key)),
                Err(e) => {
                    self.report.push(error(e));
                    None
                }
            },
            PullKind::Facts => match cases.iter().position(|c| c.id == arg) {
                Some(i) if cases[i].facts.is_some() => Some(Block::Facts(i)),
                Some(_) => {
                    self.report.push(error(crate::msg!(
                        "E1005",
                        format!("案例 {arg} 没有“## 基本案情”一节，无法引入案情。"),
                        format!("case {arg} has no ## 基本案情 section to pull in")
                    )));
                    None
                }
                None => {
                    self.report.push(error(unknown_case(arg)));
                    None
                }
            },
            PullKind::Question => match questions.iter().position(|q| q.id == arg) {
                Some(i) => Some(Block::Question(i)),
                None => {
                    let generated = arg.starts_with("case-");
                    let zh = if generated {
                        format!(
                            "没有编号为“{arg}”的题目：由案例生成的题目编号是 case-案例编号-outcome 或 case-案例编号-clause，且该案例未设 quiz = false。"
                        )
                    } else {
                        format!("没有编号为“{arg}”的题目：请核对 content/questions/ 中的 id。")
                    };
                    self.report.push(error(crate::msg!(
                        "E1006",
                        zh,
                        format!("no question has id \"{arg}\"")
                    )));
                    None
                }
            },
        }
    }

    /// Links in lessons and authored questions name existing documents, like everywhere.
    pub(super) fn training_texts<'a>(
        lessons: &'a [Lesson],
        questions: &'a [Question],
    ) -> Vec<(&'a PathBuf, &'a Text)> {
        let mut out = Vec::new();
        for l in lessons {
            for s in &l.slides {
                for b in &s.blocks {
                    if let Block::Prose(t) = b {
                        out.push((&l.path, t));
                    }
                }
                if let Some(n) = &s.notes {
                    out.push((&l.path, n));
                }
            }
        }
        for q in questions {
            if let Origin::Authored(path) = &q.origin {
                out.push((path, &q.stem));
                if let Some(e) = &q.explain {
                    out.push((path, e));
                }
            }
        }
        out
    }
}

fn unknown_case(id: &str) -> crate::diagnostic::Message {
    crate::msg!(
        "E1007",
        format!("案例“{id}”不存在：content/cases/ 下没有这个 id 的案例；请核对编号。"),
        format!("no case has id \"{id}\"")
    )
}
