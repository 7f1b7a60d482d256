import json, re, datetime, glob, collections
ACTS="offer threaten demand complain protest expel sanction visit attack mobilise aid agree praise criticise meet appeal accuse reject withdraw ceasefire".split()
rows=[]
for f in sorted(glob.glob('b*.py')):
    if f=='build.py': continue
    d={}; exec(open(f).read(),d); rows+=d['L']
rows.sort(key=lambda r:r[0])
WD=['monday','tuesday','wednesday','thursday','friday','saturday','sunday']
errs=[]; out=[]
for i,(date,s,t,a,g,st,actor,text) in enumerate(rows,1):
    dt=datetime.date.fromisoformat(date)
    if a not in ACTS: errs.append((date,'act',a))
    if s==t: errs.append((date,'src=tgt'))
    if actor not in text: errs.append((date,'actor',actor))
    if not(-10<=g<=10): errs.append((date,'g'))
    if st not in('conflict','neutral','cooperation'): errs.append((date,'stance'))
    for w in re.findall(r'\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b',text):
        k=WD.index(w.lower()); diff=(dt.weekday()-k)%7
        if diff>2: errs.append((date,'weekday',w,WD[dt.weekday()],text[:60]))
    out.append(dict(id=f"h{i:04d}",date=date,text=text,source=s,target=t,act=a,goldstein=float(g),stance=st,actor=actor))
dup=[x for x,c in collections.Counter(r['text'] for r in out).items() if c>1]
if dup: errs.append(('dup',dup))
for e in errs: print('ERR',e)
with open('items.jsonl','w',encoding='utf-8') as f:
    for o in out: f.write(json.dumps(o,ensure_ascii=False)+'\n')
print(len(out),'items')
