#!/usr/bin/env python3
"""Runs `regkb inspect` over every text of a LawRefBook/Laws checkout and counts
what looks wrong in the parsed trees (docs/content-format.md, "The parser on real
texts"). Usage: bench/corpus.py LAWS_DIR [REGKB_BINARY]

Each Markdown file is turned into the plain text as published: front matter and
HTML comments dropped, leading `#` markers removed, lines kept. The counts compare
the tree with what the text itself says (its `# ` title line, its 第X条 lines), never
with a stored answer."""
import json, os, re, subprocess, sys, tempfile
from concurrent.futures import ThreadPoolExecutor

NUM = "〇零一二三四五六七八九十百千万两0-9"
ARTICLE_LINE = re.compile(rf"^第([{NUM}]+)条(之[{NUM}]+)?[ \u3000]")
# A title that is really a date line, a 通过/公布/施行 line or a 题注.
DATE_LIKE = re.compile(r"^[（(]?([0-9０-９]{4}|[〇零一二三四五六七八九○]{4})年|(通过|公布|施行|修正|修订|批准|发布)[）)]?$|^[（(]")

def to_plain(md: str) -> tuple[str, str]:
    md = re.sub(r"<!--.*?-->", "", md, flags=re.S)
    lines = md.splitlines()
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), 0)
        lines = lines[end + 1:]
    out, title = [], ""
    for l in lines:
        s = re.sub(r"^#+\s*", "", l).rstrip()
        if not title and l.startswith("# "):
            title = s
        if s.strip():
            out.append(s)
    return "\n".join(out) + "\n", title

CN = {c: i for i, c in enumerate("零一二三四五六七八九")}
CN["〇"] = 0; CN["两"] = 2
def cn(s):
    if s.isdigit(): return int(s)
    total, cur = 0, 0
    for c in s:
        if c in CN: cur = CN[c]
        elif c == "十": total += (cur or 1) * 10; cur = 0
        elif c == "百": total += (cur or 1) * 100; cur = 0
        elif c == "千": total += (cur or 1) * 1000; cur = 0
        elif c == "万": total = (total + cur) * 10000; cur = 0
        else: return None
    return total + cur

def run(binary, path):
    p = subprocess.run([binary, "inspect", path, "--json"], capture_output=True, text=True)
    if p.returncode != 0: return None, p.stderr
    return json.loads(p.stdout), p.stderr

def main():
    laws = sys.argv[1]
    binary = sys.argv[2] if len(sys.argv) > 2 else "target/release/regkb"
    files = sorted(os.path.join(r, f) for r, _, fs in os.walk(laws) for f in fs
                   if f.endswith(".md") and not f.startswith(("_index", "README")) and "法律法规模版" not in f)
    tmp = tempfile.mkdtemp()
    jobs = []
    for i, f in enumerate(files):
        text, title = to_plain(open(f, encoding="utf-8", errors="replace").read())
        if not ARTICLE_LINE.search(text, re.M) and not re.search(r"^第.+条", text, re.M):
            continue
        p = os.path.join(tmp, f"{i}.txt")
        open(p, "w", encoding="utf-8").write(text)
        jobs.append((f, p, title, text))
    with ThreadPoolExecutor(2) as ex:
        results = list(ex.map(lambda j: run(binary, j[1]), jobs))
    counts = {k: 0 for k in ["texts", "failed", "title_is_a_date_or_note_line", "title_differs_from_the_heading",
                             "article_numbers_with_gaps_or_duplicates", "article_lines_folded_into_another_article",
                             "chapter_numbers_not_rising_within_a_part", "annex_lines_taken_as_paragraphs",
                             "caption_lines_taken_as_paragraphs", "texts_with_parser_warnings"]}
    examples = {k: [] for k in counts}
    def hit(k, f):
        counts[k] += 1
        if len(examples[k]) < 3: examples[k].append(os.path.relpath(f, laws))
    for (f, p, title, text), (tree, err) in zip(jobs, results):
        counts["texts"] += 1
        if tree is None:
            hit("failed", f); continue
        t = tree["title"]
        if not t or DATE_LIKE.search(t): hit("title_is_a_date_or_note_line", f)
        if t.strip("《》") != title:
            hit("title_differs_from_the_heading", f)
            if os.environ.get("DUMP"): print(f"{title}\t{t}", file=sys.stderr)
        nums = [(cn(re.match(rf"第([{NUM}]+)条", a["num"]).group(1)), "之" in a["num"]) for a in tree["articles"]]
        main = [n for n, sub in nums if not sub]
        if any(b != a + 1 for a, b in zip(main, main[1:])) or (main and main[0] != 1):
            hit("article_numbers_with_gaps_or_duplicates", f)
        if len(tree["articles"]) < sum(1 for l in text.splitlines() if ARTICLE_LINE.match(l)):
            hit("article_lines_folded_into_another_article", f)
        by_part = {}
        bad = False
        for c in tree["chapters"]:
            n = cn(re.match(rf"第([{NUM}]+)章", c["num"]).group(1)) if c["num"] else None
            if n is None: continue
            key = c.get("part")
            if key in by_part and n <= by_part[key]: bad = True
            by_part[key] = n
        if bad: hit("chapter_numbers_not_rising_within_a_part", f)
        paras = [para["text"] for a in tree["articles"] for para in a["paragraphs"]]
        if any(re.match(r"^附件", x) for x in paras): hit("annex_lines_taken_as_paragraphs", f)
        if any(len(a["paragraphs"]) > 1 and a["paragraphs"][0]["text"] and len(a["paragraphs"][0]["text"]) <= 40
               and not re.search(r"[。，；：:,;！？]", a["paragraphs"][0]["text"]) and not a["paragraphs"][0]["points"]
               for a in tree["articles"]):
            hit("caption_lines_taken_as_paragraphs", f)
        if "warning" in err: hit("texts_with_parser_warnings", f)
    for k, v in counts.items():
        print(f"{k:45} {v:5}  {'; '.join(examples[k]) if k != 'texts' else ''}")

if __name__ == "__main__":
    main()
