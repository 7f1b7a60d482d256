#!/usr/bin/env python3
"""Assemble items.jsonl from src/*.txt (date|src|tgt|act|gold|stance|actor|text) and check it."""
import json, glob, datetime, re, collections, sys
ACTS = "offer threaten demand complain protest expel sanction visit attack mobilise aid agree praise criticise meet appeal accuse reject withdraw ceasefire".split()
rows = []
for f in sorted(glob.glob('src/*.txt')):
    for n, line in enumerate(open(f, encoding='utf-8'), 1):
        line = line.rstrip('\n')
        if not line.strip():
            continue
        p = line.split('|')
        assert len(p) == 8, (f, n, line)
        d, s, t, a, g, st, actor, text = p
        rows.append(dict(date=d, text=text, source=s, target=t, act=a, goldstein=float(g), stance=st, actor=actor))
rows.sort(key=lambda r: r['date'])
WD = ['monday','tuesday','wednesday','thursday','friday','saturday','sunday']
errs = []
for i, r in enumerate(rows, 1):
    r2 = {'id': 'g%04d' % i}; r2.update(r); rows[i-1] = r2
    d = datetime.date.fromisoformat(r['date'])
    if not 1990 <= d.year <= 2026: errs.append(('year', r))
    if r['act'] not in ACTS: errs.append(('act', r))
    if r['source'] == r['target'] or not re.fullmatch('[A-Z]{3}', r['source']) or not re.fullmatch('[A-Z]{3}', r['target']): errs.append(('code', r))
    if r['actor'] not in r['text']: errs.append(('actor', r))
    if r['stance'] not in ('conflict','neutral','cooperation'): errs.append(('stance', r))
    if not -10 <= r['goldstein'] <= 10: errs.append(('gold', r))
    for w in re.findall(r'\b(' + '|'.join(WD) + r')\b', r['text'].lower()):
        wd = WD.index(w)
        if not any((d - datetime.timedelta(days=k)).weekday() == wd for k in range(3)):
            errs.append(('weekday ' + w + ' ' + str(d.strftime('%A')), r['date'], r['text'][:80]))
    if r['stance'] == 'conflict' and r['goldstein'] > 0 or r['stance'] == 'cooperation' and r['goldstein'] < 0: errs.append(('gold/stance', r['date'], r['text'][:60]))
for e in errs: print('ERR', e)
texts = collections.Counter(r['text'] for r in rows)
for t, c in texts.items():
    if c > 1: print('DUP', t[:80])
if '--write' in sys.argv:
    with open('items.jsonl', 'w', encoding='utf-8') as out:
        for r in rows: out.write(json.dumps(r, ensure_ascii=False) + '\n')
print('items', len(rows))
