import json, collections
R={
'Europe':"ALB AND AUT BEL BGR BIH BLR CHE CYP CZE DEU DNK ESP EST FIN FRA GBR GRC HRV HUN IRL ISL ITA LIE LTU LUX LVA MDA MKD MLT MNE NLD NOR POL PRT ROU RUS SRB SVK SVN SWE UKR VAT XKX MCO SMR FRO GRL",
'Middle East & North Africa':"ARE BHR DZA EGY IRN IRQ ISR JOR KWT LBN LBY MAR OMN PSE QAT SAU SYR TUN TUR YEM ESH",
'Sub-Saharan Africa':"AGO BDI BEN BFA BWA CAF CIV CMR COD COG COM CPV DJI ERI ETH GAB GHA GIN GMB GNB GNQ KEN LBR LSO MDG MLI MOZ MRT MUS MWI NAM NER NGA RWA SDN SEN SLE SOM SSD STP SWZ SYC TCD TGO TZA UGA ZAF ZMB ZWE",
'Americas':"ARG ATG BHS BLZ BOL BRA BRB CAN CHL COL CRI CUB DMA DOM ECU GRD GTM GUY HND HTI JAM KNA LCA MEX NIC PAN PER PRY SLV SUR TTO URY USA VCT VEN FLK",
'South & Central Asia':"AFG BGD BTN IND KAZ KGZ LKA MDV NPL PAK TJK TKM UZB ARM AZE GEO",
'East & Southeast Asia':"BRN CHN HKG IDN JPN KHM KOR LAO MMR MNG MYS PHL PRK SGP THA TLS TWN VNM",
'Oceania':"AUS FJI FSM KIR MHL NRU NZL PLW PNG SLB TON TUV VUT WSM",
}
reg={c:k for k,v in R.items() for c in v.split()}
it=[json.loads(l) for l in open('items.jsonl',encoding='utf-8')]
C=collections.Counter
cs=set(x['source'] for x in it)|set(x['target'] for x in it)
unk=[c for c in cs if c not in reg]
print('items',len(it)); print('distinct countries',len(cs),'unknown',unk)
print('acts',sorted(C(x['act'] for x in it).items(),key=lambda z:z[1]))
print('decades',sorted(C(x['date'][:3]+'0s' for x in it).items()))
print('stance',C(x['stance'] for x in it))
print('region(source)',C(reg.get(x['source'],'?') for x in it))
print('region(any)',C(r for x in it for r in {reg.get(x['source']),reg.get(x['target'])}))
