//! Browser test of the training pages in headless Debian chromium, from file://:
//! the presenter view (keys, one slide at a time, hash), the speaker window (notes,
//! timer, both windows in step), room questions revealed on a key press, seeded
//! papers (the same paper twice, another paper different, a lesson's paper within its
//! clauses), feedback and score, the DOM contract on every question, and A4 prints.
//! Usage: node tests/browser/training.mjs SITE_DIR. Last line: "N passed, N failed".
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch } from './site.mjs';

const site = path.resolve(process.argv[2] || process.env.REGKB_SITE || '');
if (!fs.existsSync(path.join(site, 'training', 'index.html'))) {
  console.error('usage: node tests/browser/training.mjs SITE_DIR (a site built with `regkb build`, with lessons)');
  process.exit(2);
}
const base = pathToFileURL(site + '/').href;
let passed = 0, failed = 0;
function check(ok, what, detail) {
  if (ok) passed++;
  else { failed++; console.log(`FAIL ${what}${detail ? '\n  ' + detail : ''}`); }
}
const pdfPages = (buf) => (buf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;

const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));

  // The index lists the lessons, the papers and the bank.
  await page.goto(base + 'training/index.html');
  const lessons = await page.$$eval('table.lessons tbody a[href$=".html"]', (as) => as.map((a) => a.getAttribute('href')));
  check(lessons.length >= 4, 'at least 4 lessons listed', lessons.join());
  check(await page.$('a[href="quiz.html?paper=A"]') && await page.$('a[href="quiz.html?paper=B"]'), 'papers A and B linked');
  check(await page.$('a[href="bank.html"]'), 'the bank is linked');
  await page.goto(base + 'index.html');
  check(await page.$('a[href="training/index.html"]'), 'the home page links the training index');

  // Presenter view.
  const lessonUrl = base + 'training/' + lessons[1].replace(/^\.\.\/training\//, '');
  await page.goto(lessonUrl);
  const total = await page.$$eval('section.slide', (s) => s.length);
  check(total >= 8, 'a lesson has its slides as section.slide', String(total));
  const visible = () => page.$$eval('section.slide', (s) => s.filter((x) => x.offsetParent !== null || getComputedStyle(x).display !== 'none' && x.getClientRects().length).map((x) => x.id));
  check((await visible()).length === total, 'reading mode shows every slide');
  await page.keyboard.press('f');
  await page.waitForFunction(() => document.body.classList.contains('presenting'));
  check(JSON.stringify(await visible()) === '["slide-1"]', 'F presents one slide', (await visible()).join());
  for (const key of ['ArrowRight', 'PageDown', ' ']) await page.keyboard.press(key);
  check(JSON.stringify(await visible()) === '["slide-4"]', '→, PgDn and space go forward', (await visible()).join());
  await page.keyboard.press('PageUp');
  await page.keyboard.press('ArrowLeft');
  check(JSON.stringify(await visible()) === '["slide-2"]', 'PgUp and ← go back', (await visible()).join());
  check(await page.evaluate(() => location.hash) === '#slide-2', 'the hash follows the slide');
  const status = await page.textContent('#slide-status');
  check(/^第 2 张，共 \d+ 张：/.test(status), 'the slide change is announced', status);
  const size = await page.$eval('section.slide.current', (s) => parseFloat(getComputedStyle(s).fontSize));
  check(size >= 30, 'projector-sized type at 1280 px', String(size));
  await page.keyboard.press('End');
  check(JSON.stringify(await visible()) === `["slide-${total}"]`, 'End goes to the last slide');
  await page.keyboard.press('Home');

  // A room question: revealed on a key press, with an explanation that links its clause.
  const qSlide = await page.$$eval('section.slide', (s) => s.findIndex((x) => x.querySelector('fieldset.question')));
  check(qSlide >= 0, 'the lesson has a room question');
  for (let i = 0; i < qSlide; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('a');
  const fb = await page.$eval('section.slide.current fieldset.question .q-feedback', (d) => ({ live: d.getAttribute('aria-live'), text: d.textContent, links: d.querySelectorAll('a[href*="art_"]').length }));
  check(fb.live === 'polite' && /正确答案/.test(fb.text), 'A reveals the answer in an aria-live region', JSON.stringify(fb));
  check(fb.links > 0, 'the explanation links the clause', JSON.stringify(fb));
  check(await page.$$eval('section.slide.current li.is-answer', (l) => l.length) >= 1, 'the right option is marked');

  // The speaker window: opened by S, in step both ways, with notes and a timer.
  await page.keyboard.press('Home');
  const [speaker] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('s')]);
  await speaker.waitForLoadState();
  await speaker.waitForSelector('.speaker-bar');
  check(/^\d\d:\d\d$/.test(await speaker.textContent('#speaker-timer')), 'the speaker window has a timer');
  check(/计划 \d+ 分钟/.test(await speaker.textContent('.speaker-bar')), 'the timer is against the lesson minutes');
  await page.keyboard.press('ArrowRight');
  await speaker.waitForFunction(() => document.querySelector('section.slide.current')?.id === 'slide-2');
  check(await speaker.$eval('section.slide.next', (s) => s.id) === 'slide-3', 'the speaker sees the next slide');
  const notesOpen = await speaker.$$eval('section.slide.current details.slide-notes', (d) => d.map((x) => x.open));
  check(notesOpen.every(Boolean), 'the current slide\'s notes are open in the speaker window', JSON.stringify(notesOpen));
  await speaker.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('section.slide.current')?.id === 'slide-3', null, { timeout: 5000 }).catch(() => {});
  check(await page.$eval('section.slide.current', (s) => s.id) === 'slide-3', 'a key in the speaker window moves the room\'s slide');
  await speaker.close();
  await page.keyboard.press('Escape');
  check(!(await page.evaluate(() => document.body.classList.contains('presenting'))), 'Esc ends presenting');

  // The handout: A4, slides with note lines, no navigation.
  await page.emulateMedia({ media: 'print' });
  check(await page.$eval('.site-header', (h) => getComputedStyle(h).display) === 'none', 'no navigation in print');
  check(await page.$eval('.slide-lines', (h) => getComputedStyle(h).display) === 'block', 'note lines in the handout');
  await page.emulateMedia({ media: 'screen' });
  const handout = await page.pdf({ format: 'A4' });
  const handoutPages = pdfPages(handout);
  check(handoutPages >= 2 && handoutPages <= total, `the handout prints on A4 (${handoutPages} pages for ${total} slides)`);

  // Papers: seeded, the same twice, another name another paper.
  const paperIds = async (query) => {
    await page.goto(base + 'training/quiz.html' + query);
    await page.waitForSelector('#paper li.paper-item:not([hidden])');
    return page.$$eval('#paper li.paper-item:not([hidden])', (l) => l.map((x) => x.getAttribute('data-qid')));
  };
  const a1 = await paperIds('?paper=A');
  const a2 = await paperIds('?paper=A');
  const b = await paperIds('?paper=B');
  check(a1.length === 10, 'a paper has 10 questions', String(a1.length));
  check(JSON.stringify(a1) === JSON.stringify(a2), 'paper A is the same paper twice');
  check(JSON.stringify(a1) !== JSON.stringify(b), 'paper B differs from paper A');
  const n5 = await paperIds('?paper=A&n=5');
  check(n5.length === 5, '?n=5 gives 5 questions');

  // The DOM contract, and feedback after each question.
  await paperIds('?paper=A');
  const contract = await page.$$eval('#paper li.paper-item:not([hidden]) fieldset.question', (fs) => fs.every((f) =>
    f.firstElementChild.tagName === 'LEGEND' && f.querySelectorAll('input[type=radio],input[type=checkbox]').length >= 2 &&
    [...f.querySelectorAll('input')].every((i) => f.querySelector(`label[for="${i.id}"]`)) && f.querySelector('[aria-live]')));
  check(contract, 'every question: legend, choices with labels, an aria-live verdict');
  const firstQ = '#paper li.paper-item:not([hidden]) fieldset.question';
  const answerOf = (sel) => page.$eval(sel, (f) => f.getAttribute('data-answer').split(',').map(Number));
  const choose = async (fs, idx) => {
    const inputs = await fs.$$('input');
    for (const i of idx) await inputs[i].check();
  };
  const sets = await page.$$(firstQ);
  // Right answers for the first 6, a wrong one for the rest.
  for (let k = 0; k < sets.length; k++) {
    const answer = await sets[k].getAttribute('data-answer').then((s) => s.split(',').map(Number));
    const count = await sets[k].$$eval('input', (l) => l.length);
    const wrong = [...Array(count).keys()].find((i) => !answer.includes(i));
    await choose(sets[k], k < 6 ? answer : [wrong]);
  }
  await sets[0].$('button.q-check').then((b) => b.click());
  const v0 = await sets[0].$eval('.q-feedback', (d) => d.textContent);
  check(/回答正确/.test(v0), 'checking a right answer says so', v0);
  await sets[9].$('button.q-check').then((b) => b.click());
  const v9 = await sets[9].$eval('.q-feedback', (d) => ({ t: d.textContent, a: d.querySelectorAll('a').length }));
  check(/回答错误/.test(v9.t) && /正确答案/.test(v9.t) && v9.a > 0, 'checking a wrong answer gives the answer and links', JSON.stringify(v9));
  await page.click('#submit-paper');
  const result = await page.textContent('#quiz-result');
  check(/答对 6 \/ 10 题/.test(result), 'the score counts right answers', result);
  check(/建议复习/.test(result) && await page.$$eval('#quiz-result a', (a) => a.length) > 0, 'the clauses to review are linked', result);
  check(await page.$eval('#answer-key', (k) => getComputedStyle(k).display) === 'block', 'the answer key shows after submitting');
  check(await page.evaluate(() => document.activeElement.id) === 'quiz-result', 'focus moves to the result');
  check((await answerOf(firstQ)).length >= 1, 'answers are option indexes');

  // Feedback at the end only.
  await paperIds('?paper=A&feedback=end');
  check(await page.$eval(firstQ + ' button.q-check', (b) => getComputedStyle(b).display) === 'none', 'feedback=end hides per-question checks');

  // A lesson's paper stays within its clauses.
  const slug = lessons[1].replace(/^.*\//, '').replace(/\.html$/, '');
  const within = await (async () => {
    await paperIds(`?paper=A&lesson=${slug}`);
    const data = await page.$eval('#quiz-data', (s) => JSON.parse(s.textContent));
    const lesson = data.lessons[slug];
    return page.$$eval('#paper li.paper-item:not([hidden])', (l, lesson) => l.every((li) => {
      const eids = li.querySelector('fieldset').getAttribute('data-eids').split(' ').filter(Boolean);
      return lesson.questions.includes(li.getAttribute('data-qid')) || eids.some((q) => lesson.eids.some((e) => q === e || q.startsWith(e + '__') || e.startsWith(q + '__')));
    }), lesson);
  })();
  check(within, `a lesson's paper (${slug}) draws only its questions`);

  // A printed paper: the answer key starts a new page.
  await paperIds('?paper=B');
  await page.emulateMedia({ media: 'print' });
  const brk = await page.$eval('#answer-key', (k) => [getComputedStyle(k).display, getComputedStyle(k).breakBefore]);
  check(brk[0] === 'block' && brk[1] === 'page', 'a printed paper has its key after a page break', brk.join());
  await page.emulateMedia({ media: 'screen' });
  const paperPdf = pdfPages(await page.pdf({ format: 'A4' }));
  check(paperPdf >= 2, `paper B prints on A4 with its key (${paperPdf} pages)`);

  // The bank: every question, the contract, the key.
  await page.goto(base + 'training/bank.html');
  const bank = await page.$$eval('fieldset.question', (f) => f.length);
  const cases = await page.$$eval('fieldset.question[data-qid^="case-"]', (f) => f.length);
  check(bank >= cases + 20 && cases >= 2 * 30, 'the bank holds the generated and the authored questions', `${bank} questions, ${cases} generated`);
  check(await page.$$eval('.answer-key > ol > li', (l) => l.length) === bank, 'the bank\'s key has an entry per question');

  check(errors.length === 0, 'no script errors', errors.join('\n  '));
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
