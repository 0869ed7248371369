import sys, collections
sys.path.insert(0, 'scripts')
from norm import *
KINDS = ['FILE', 'SYSTEM_PROPERTY', 'STATIC_FIELD', 'JVM_GLOBAL', 'DATABASE']
allkinds = collections.Counter()
rows = []
for s in SUITES:
    for j in JARS:
        es = load(s, j)
        for e in es: allkinds[e['resource']] += 1
        tot = len(es); unk = sum(e['key'] == '?' for e in es); par = sum(e['key'] != '?' and '*' in e['key'] for e in es)
        sub = [e for e in es if e['resource'] in KINDS]
        rows.append((s, j, tot, unk, par, len(sub), sum(e['key'] == '?' for e in sub), sum(e['key'] != '?' and '*' in e['key'] for e in sub),
                     sum(e['keyKind'] != 'EXACT' for e in es)))
print('kinds seen (all suites/jars, entries):', dict(allkinds))
print('| suite | jar | entries | key ? | key with * | unknown+partial | % | entries (5 kinds) | ? | * | unknown+partial (5 kinds) | keyKind!=EXACT |')
print('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
for s, j, tot, unk, par, st, su, sp, kk in rows:
    print(f'| {s} | {j.upper()} | {tot} | {unk} | {par} | {unk+par} | {100*(unk+par)/tot:.1f} | {st} | {su} | {sp} | {su+sp} | {kk} |')
# per kind detail
print()
for s in SUITES:
    per = {}
    for j in JARS:
        c = collections.Counter((e['resource'], unknown(e)) for e in load(s, j))
        per[j] = c
    kinds = sorted({k for j in JARS for (k, _) in per[j]})
    print(f'{s}: kind: unknown+partial/total OLD | MID | NEW')
    for k in kinds:
        print('  ', k, ' | '.join(f"{per[j][(k, True)]}/{per[j][(k, True)] + per[j][(k, False)]}" for j in JARS))
