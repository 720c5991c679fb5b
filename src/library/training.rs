//! The loader's lessons: `content/lessons/*.md` cut into slides with their pull-ins
//! (a clause's text, a case's facts, a question) resolved, every problem located at
//! its value; and the texts of lessons and questions for the cross-document checks.

use super::*;
use crate::content::kinds::LessonFront;
use crate::training::slides::{self, Part, PullKind};
use crate::training::{Block, Lesson, Origin, Question, Slide};

impl Loader<'_> {
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

pub(super) fn unknown_case(id: &str) -> crate::diagnostic::Message {
    crate::msg!(
        "E1007",
        format!("案例“{id}”不存在：content/cases/ 下没有这个 id 的案例；请核对编号。"),
        format!("no case has id \"{id}\"")
    )
}
