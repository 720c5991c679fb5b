//! Training: the bundled lessons and bank, the questions generated from the cases
//! (answers that follow each case's front matter), `quiz = false`, and the pages'
//! DOM contract in the built HTML.

use super::support::*;
use regkb::library::load;
use regkb::training::{Block, Origin, bank};
use std::path::Path;

#[test]
fn the_bundled_knowledge_base_has_lessons_and_a_bank() {
    let (lib, _) = load(&repo()).expect("the bundled knowledge base loads");
    assert!(lib.lessons.len() >= 4, "{} lessons", lib.lessons.len());
    let authored = lib
        .questions
        .iter()
        .filter(|q| matches!(q.origin, Origin::Authored(_)))
        .count();
    let generated = lib.questions.len() - authored;
    assert!(authored >= 20, "{authored} authored questions");
    assert!(
        generated >= 2 * lib.cases.len(),
        "{generated} generated questions for {} cases",
        lib.cases.len()
    );
    for l in &lib.lessons {
        assert!(l.minutes > 0 && l.slides.len() >= 5, "{}", l.slug);
        let room = l
            .slides
            .iter()
            .flat_map(|s| &s.blocks)
            .any(|b| matches!(b, Block::Question(_)));
        assert!(room, "{} has a question for the room", l.slug);
    }
}

#[test]
fn generated_questions_follow_each_case() {
    let (lib, _) = load(&repo()).unwrap();
    let outcomes: Vec<&str> = lib.config.outcome_names().collect();
    for (ci, c) in lib.cases.iter().enumerate() {
        let find = |which: &str| {
            let id = bank::id(&c.id, which);
            lib.questions
                .iter()
                .find(|q| q.id == id)
                .unwrap_or_else(|| panic!("{id}"))
        };
        let o = find("outcome");
        assert_eq!(o.origin, Origin::Case(ci));
        assert_eq!(o.options, outcomes, "{}: every declared outcome", c.id);
        assert_eq!(o.options[o.answer[0]], c.outcome, "{}", c.id);
        let facts = o
            .material
            .as_ref()
            .expect("the stem's material is the facts");
        assert_eq!(Some(&facts.markdown), c.facts.as_ref().map(|f| &f.markdown));
        assert!(
            o.explain
                .as_ref()
                .unwrap()
                .markdown
                .contains(&c.reasons.as_ref().unwrap().markdown),
            "{}: the explanation is the 认定理由",
            c.id
        );
        let q = find("clause");
        assert_eq!(q.options.len(), 4, "{}", c.id);
        let label = lib.label(&c.clauses[0]);
        let right = &q.options[q.answer[0]];
        assert!(
            right.starts_with(&format!("{label}：")),
            "{}: {right} is {label}",
            c.id
        );
        // No distractor is a clause the case cites, or one inside or around it.
        for (i, opt) in q.options.iter().enumerate() {
            if i == q.answer[0] {
                continue;
            }
            let shown = opt.split('：').next().unwrap();
            for k in &c.clauses {
                assert_ne!(
                    shown,
                    lib.label(k),
                    "{}: a cited clause offered as wrong",
                    c.id
                );
                let inner = lib.label(k);
                assert!(
                    !inner.starts_with(shown) || shown.len() == inner.len(),
                    "{}: {shown} contains the cited {inner}",
                    c.id
                );
            }
        }
    }
}

#[test]
fn quiz_false_leaves_a_case_out_and_its_questions_cannot_be_pulled() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("kb");
    copy_dir(&fixture("kb-base"), &root);
    let (lib, _) = load(&root).unwrap();
    let first = lib.cases[0].id.clone();
    assert!(
        lib.questions
            .iter()
            .any(|q| q.id == bank::id(&first, "outcome"))
    );
    let path = lib.cases[0].path.clone();
    let file = root.join(&path);
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen("+++\n", "+++\nquiz = false\n", 1)).unwrap();
    let (lib, _) = load(&root).unwrap();
    assert!(
        !lib.questions
            .iter()
            .any(|q| q.id.starts_with(&format!("case-{first}-")))
    );
    assert!(
        lib.questions
            .iter()
            .any(|q| matches!(q.origin, Origin::Case(_))),
        "the other case still gives questions"
    );

    std::fs::create_dir_all(root.join("content/lessons")).unwrap();
    std::fs::write(
        root.join("content/lessons/l.md"),
        format!(
            "+++\ntitle = \"课\"\nminutes = 5\n+++\n# 课\n\n{{{{题目 case-{first}-outcome}}}}\n"
        ),
    )
    .unwrap();
    let report = load(&root).expect_err("the pulled question no longer exists");
    let text = format!("{:?}", report.diagnostics);
    assert!(text.contains("E1006"), "{text}");
}

fn page(site: &Path, rel: &str) -> String {
    std::fs::read_to_string(site.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn training_pages_keep_the_dom_contract_and_link_back() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    build(&repo(), &site);
    let index = page(&site, "training/index.html");
    let (lib, _) = load(&repo()).unwrap();
    for l in &lib.lessons {
        assert!(
            index.contains(&format!("href=\"../training/{}.html\"", l.slug)),
            "{}",
            l.slug
        );
        let html = page(&site, &format!("training/{}.html", l.slug));
        assert_eq!(
            html.matches("<section class=\"slide\"").count(),
            l.slides.len(),
            "{}",
            l.slug
        );
        assert!(html.contains("assets/training.js"));
    }
    let bank = page(&site, "training/bank.html");
    assert_eq!(
        bank.matches("<fieldset class=\"question").count(),
        lib.questions.len()
    );
    // Each fieldset: a legend first, inputs each with a label, an aria-live verdict.
    for fs in bank.split("<fieldset class=\"question").skip(1) {
        let fs = &fs[..fs.find("</fieldset>").unwrap()];
        let after_tag = &fs[fs.find('>').unwrap() + 1..];
        assert!(
            after_tag.trim_start().starts_with("<legend>"),
            "{}",
            &fs[..80.min(fs.len())]
        );
        let inputs = fs.matches("<input type=\"radio\"").count()
            + fs.matches("<input type=\"checkbox\"").count();
        assert!(inputs >= 2);
        assert_eq!(fs.matches("<label for=").count(), inputs);
        assert!(fs.contains("aria-live=\"polite\""));
    }
    let quiz = page(&site, "training/quiz.html");
    assert_eq!(
        quiz.matches("<li class=\"paper-item\"").count(),
        lib.questions.len()
    );
    assert!(page(&site, "index.html").contains("href=\"training/index.html\""));
    // Both ways: an article a lesson teaches links the lesson.
    let l = &lib.lessons[0];
    let k = l.clauses.first().expect("the lesson names its clauses");
    let art = regkb::library::Library::article_of(k);
    let article = page(
        &site,
        &format!("r/{}/{}.html", lib.regulations[0].slug, art.eid),
    );
    assert!(
        article.contains(&format!("../../training/{}.html", l.slug)),
        "{} links {}",
        art.eid,
        l.slug
    );
    let (checked, broken) = check_links(&site);
    assert!(checked > 0 && broken.is_empty(), "{broken:?}");
}

/// A case whose 基本案情 names its outcome or cites its first clause would give the
/// generated question's answer away: that question is left out, and the author is
/// warned at the words that give it away; the other question of the case stays.
#[test]
fn facts_that_give_the_answer_away_leave_their_question_out() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("kb");
    copy_dir(&fixture("kb-base"), &root);
    let file = root.join("content/cases/2025-002.md");
    let text = std::fs::read_to_string(&file).unwrap();
    let (lib, report) = load(&root).unwrap();
    let ids = |lib: &regkb::library::Library| -> Vec<String> {
        lib.questions
            .iter()
            .map(|q| q.id.clone())
            .filter(|id| id.starts_with("case-2025-002-"))
            .collect()
    };
    assert_eq!(ids(&lib), ["case-2025-002-outcome", "case-2025-002-clause"]);
    assert!(!format!("{:?}", report.diagnostics).contains("W102"));

    let leaks_outcome = text.replace("执法人员未按期复查。", "执法人员未按期复查，不予容错。");
    std::fs::write(&file, &leaks_outcome).unwrap();
    let (lib, report) = load(&root).unwrap();
    assert_eq!(ids(&lib), ["case-2025-002-clause"]);
    let found: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| (d.line, d.column, d.message.code))
        .collect();
    assert_eq!(found, [(16, 11, "W1021")], "{:?}", report.diagnostics);

    let leaks_clause = text.replace("执法人员未按期复查。", "执法人员未按第十二条复查。");
    std::fs::write(&file, leaks_clause).unwrap();
    let (lib, report) = load(&root).unwrap();
    assert_eq!(ids(&lib), ["case-2025-002-outcome"]);
    let found: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| (d.line, d.column, d.message.code))
        .collect();
    assert_eq!(found, [(16, 7, "W1022")], "{:?}", report.diagnostics);
}
