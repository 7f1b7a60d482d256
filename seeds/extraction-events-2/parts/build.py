import json, re, datetime, glob, sys, collections
ACTS="offer threaten demand complain protest expel sanction visit attack mobilise aid agree praise criticise meet appeal accuse reject withdraw ceasefire".split()
WD=["Monday","Tuesday","Wednesday","Thursday","Friday","Saturday","Sunday"]
items=[]
for f in sorted(glob.glob('parts/p*.py')):
    ns={}; exec(open(f).read(),ns); items+=ns['I']
out=[]; bad=0
for n,(d,t,s,g,a,gs,st,ac) in enumerate(items,1):
    dt=datetime.date.fromisoformat(d)
    assert 1990<=dt.year<=2026
    assert ac in t, (n,ac)
    assert s!=g and len(s)==3 and len(g)==3, n
    assert a in ACTS, (n,a)
    assert st in ("conflict","neutral","cooperation")
    for w in re.findall(r"\bon (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",t):
        w=w[0] or w[1]
        ok=[(dt-datetime.timedelta(days=k)).weekday() for k in range(3)]
        if WD.index(w) not in ok:
            print("WEEKDAY",n,d,WD[dt.weekday()],w,t[:60]); bad+=1
    out.append({"id":"f%04d"%n,"date":d,"text":t,"source":s,"target":g,"act":a,"goldstein":float(gs),"stance":st,"actor":ac})
with open('items.jsonl','w') as fh:
    for o in out: fh.write(json.dumps(o,ensure_ascii=False)+"\n")
print(len(out),"items; weekday problems",bad)
print(collections.Counter(o['act'] for o in out))
print(collections.Counter(o['date'][:3]+'0s' for o in out))
print("countries",len(set(o['source'] for o in out)|set(o['target'] for o in out)))
