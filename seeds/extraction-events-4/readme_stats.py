import json, collections
exec(open('stats.py').read().split("it=[json")[0])
it=[json.loads(l) for l in open('items.jsonl',encoding='utf-8')]
C=collections.Counter
cs=set(x['source'] for x in it)|set(x['target'] for x in it)
L=[]
L.append(f"- items: **{len(it)}** (dates {it[0]['date']} to {it[-1]['date']})")
L.append(f"- distinct countries (source or target): **{len(cs)}**; distinct sources: {len(set(x['source'] for x in it))}; distinct targets: {len(set(x['target'] for x in it))}")
L.append("\n| act | n |\n|---|---|"); L+= [f"| {a} | {n} |" for a,n in sorted(C(x['act'] for x in it).items())]
L.append("\n| decade | n |\n|---|---|"); L+= [f"| {a} | {n} |" for a,n in sorted(C(x['date'][:3]+'0s' for x in it).items())]
L.append("\n| region of source | n | items touching region (source or target) |\n|---|---|---|")
rs=C(reg[x['source']] for x in it); ra=C(r for x in it for r in {reg[x['source']],reg[x['target']]})
L+= [f"| {r} | {rs[r]} | {ra[r]} |" for r in R]
L.append("\n| stance | n |\n|---|---|"); L+= [f"| {a} | {n} |" for a,n in sorted(C(x['stance'] for x in it).items())]
print("\n".join(L))
