#!/usr/bin/env python3
"""Counts for README.md, computed from items.jsonl."""
import json, collections, re
R = {
 'Europe': 'ALB AUT BEL BIH BLR CHE CZE DEU DNK ESP EST FIN FRA GBR GRC HRV HUN IRL ISL ITA LTU LUX LVA MDA MKD MNE NLD NOR POL ROU RUS SRB SVK SVN SWE UKR VAT CYP',
 'Middle East & North Africa': 'ARE BHR DZA EGY IRN IRQ ISR JOR KWT LBN LBY MAR OMN PSE QAT SAU SYR TUR YEM',
 'Sub-Saharan Africa': 'AGO BDI BEN BFA BWA CIV CMR COD COG CPV DJI ERI ETH GHA GMB GNB KEN LBR LSO MLI MOZ MRT MUS MWI NAM NER NGA RWA SDN SEN SLE SOM SSD TCD TZA UGA ZAF ZMB ZWE GIN TGO COM CAF SYC',
 'South Asia': 'AFG BGD BTN IND LKA MDV NPL PAK',
 'East & Southeast Asia': 'CHN HKG IDN JPN KHM KOR MMR MNG MYS PHL PRK SGP THA TLS TWN VNM',
 'Caucasus & Central Asia': 'ARM AZE GEO KAZ KGZ TJK UZB TKM',
 'Americas': 'ARG BLZ BOL BRA CAN CHL COL CRI CUB DOM ECU GTM GUY HND HTI MEX NIC PAN PER PRY SLV SUR TTO URY USA VEN',
 'Oceania': 'AUS FJI NRU NZL SLB TON TUV VUT WSM PNG KIR',
}
REG = {c: r for r, cs in R.items() for c in cs.split()}
rows = [json.loads(l) for l in open('items.jsonl', encoding='utf-8')]
countries = {c for r in rows for c in (r['source'], r['target'])}
missing = sorted(c for c in countries if c not in REG)
print('items', len(rows)); print('distinct countries', len(countries), 'unmapped', missing)
print('distinct sources', len({r['source'] for r in rows}), 'distinct targets', len({r['target'] for r in rows}))
print('acts', sorted(collections.Counter(r['act'] for r in rows).items()))
print('decades', sorted(collections.Counter(r['date'][:3] + '0s' for r in rows).items()))
print('years 2026', sum(r['date'].startswith('2026') for r in rows))
print('stance', collections.Counter(r['stance'] for r in rows))
print('source region', collections.Counter(REG.get(r['source']) for r in rows).most_common())
inv = collections.Counter()
for r in rows:
    for reg in {REG.get(r['source']), REG.get(r['target'])}: inv[reg] += 1
print('items involving region', inv.most_common())
print('stance x act', {a: dict(collections.Counter(r['stance'] for r in rows if r['act'] == a)) for a in sorted({r['act'] for r in rows})})

if __name__ == '__main__':
    import sys
    if '--md' in sys.argv:
        out = []
        out.append(f"- items: **{len(rows)}**")
        out.append(f"- distinct countries (source or target): **{len(countries)}** ({len({r['source'] for r in rows})} as source, {len({r['target'] for r in rows})} as target)")
        out.append(f"- items dated 2026 (invented events): {sum(r['date'].startswith('2026') for r in rows)}")
        multi = sum(1 for r in rows if re.search(r'[a-z0-9"]\. [A-Z"]', r['text']))
        out.append(f"- items with more than one sentence: {multi}")
        out.append(f"- items without a dateline: {sum(1 for r in rows if ' - ' not in r['text'][:45])}")
        out.append('\n| act | items | conflict | neutral | cooperation | mean Goldstein |\n|---|---|---|---|---|---|')
        for a in sorted({r['act'] for r in rows}):
            rs = [r for r in rows if r['act'] == a]; c = collections.Counter(r['stance'] for r in rs)
            out.append(f"| {a} | {len(rs)} | {c['conflict']} | {c['neutral']} | {c['cooperation']} | {sum(r['goldstein'] for r in rs)/len(rs):+.1f} |")
        out.append('\n| decade | items |\n|---|---|')
        for d, n in sorted(collections.Counter(r['date'][:3] + '0s' for r in rows).items()): out.append(f"| {d} | {n} |")
        out.append('\n| region | items with source there | items involving it (source or target) |\n|---|---|---|')
        src = collections.Counter(REG[r['source']] for r in rows)
        for reg in R: out.append(f"| {reg} | {src[reg]} | {inv[reg]} |")
        out.append('\n| stance | items |\n|---|---|')
        for s, n in collections.Counter(r['stance'] for r in rows).most_common(): out.append(f"| {s} | {n} |")
        out.append('\nCountries (ISO alpha-3): ' + ', '.join(sorted(countries)))
        print('\n'.join(out))
