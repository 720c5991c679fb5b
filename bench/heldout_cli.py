#!/usr/bin/env python3
"""Held-out retrieval figures of any regkb binary, through its CLI only, so two
versions can be compared on the same blind set (tests/fixtures/heldout/):
case-page and finder precision@3 over the bundled KB plus the held-out cases,
search nDCG@10 and hit counts over the bundled KB.

  bench/heldout_cli.py BIN [SET_DIR]     (SET_DIR default tests/fixtures/heldout)
"""
import json, math, os, shutil, subprocess, sys, tempfile, tomllib

repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
bin_, setdir = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else os.path.join(repo, 'tests/fixtures/heldout'))
labels = tomllib.load(open(os.path.join(setdir, 'labels.toml'), 'rb'))
tmp = tempfile.mkdtemp()
kb = os.path.join(tmp, 'kb')
shutil.copytree(os.path.join(repo, 'content'), os.path.join(kb, 'content'))
if os.path.isdir(os.path.join(repo, 'templates')):
    shutil.copytree(os.path.join(repo, 'templates'), os.path.join(kb, 'templates'))
shutil.copy(os.path.join(repo, 'config.toml'), kb)
for f in os.listdir(os.path.join(setdir, 'cases')):
    shutil.copy(os.path.join(setdir, 'cases', f), os.path.join(kb, 'content', 'cases', f))

def run(*args):
    return subprocess.run([bin_, *args], check=True, capture_output=True, text=True).stdout

def build(root, out):
    run('build', '--root', root, '--output', out, '--as-of', '2026-11-28')

site = os.path.join(tmp, 'site')
build(kb, site)
topic = {c['id']: c['topic'] for c in labels['case']}
p = 0
for c in labels['case']:
    top = [s['id'] for s in json.loads(run('similar', c['id'], '--json', '--limit', '3', '--site', site))]
    p += sum(topic.get(i) == c['topic'] for i in top) / 3
print('case-page P@3 %.3f (%d cases)' % (p / len(labels['case']), len(labels['case'])))
p = 0
for d in labels['description']:
    top = [s['id'] for s in json.loads(run('similar', '--text', d['text'], '--json', '--limit', '3', '--site', site))]
    p += sum(topic.get(i) == d['topic'] for i in top) / 3
print('finder P@3 %.3f (%d descriptions)' % (p / len(labels['description']), len(labels['description'])))
qfile = os.path.join(setdir, 'queries.toml')
if os.path.exists(qfile):
    bundled = os.path.join(tmp, 'bundled')
    build(repo, bundled)
    total, hits = 0, 0
    queries = tomllib.load(open(qfile, 'rb'))['query']
    for q in queries:
        ids = [h['id'] for h in json.loads(run('search', q['q'], '--json', '--limit', '1000', '--site', bundled))]
        rel = q['qrels']
        dcg = sum((2 ** rel.get(i, 0) - 1) / math.log2(k + 2) for k, i in enumerate(ids[:10]))
        ideal = sorted(rel.values(), reverse=True)
        idcg = sum((2 ** r - 1) / math.log2(k + 2) for k, r in enumerate(ideal[:10]))
        total += dcg / idcg if idcg else 0
        hits += len(ids)
    print('search nDCG@10 %.3f, mean hits %.1f (%d queries)' % (total / len(queries), hits / len(queries), len(queries)))
shutil.rmtree(tmp)
