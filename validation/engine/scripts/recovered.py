"""Step 4: keys unknown/partial in OLD and exactly known in MID or NEW at the same place.
Place = (test, resource, mode, sink, last evidence step class, method, line).
A recovered key: an EXACT key at the place in MID (or NEW) that OLD does not have at the place,
where OLD has an unknown ('?') or partial ('*') key at the place."""
import sys, collections, random, json
sys.path.insert(0, 'scripts')
from norm import *

STRICT = True
def place(e):
    s = e['evidence'][-1]
    if STRICT:
        return (e['test'], e['resource'], e['mode'], e['sink'], s['class'], s['method'], s['line'])
    # relaxed: NEW renamed/split sink rules and re-moded some (jdk.mbean-register -> -quietly, DATABASE WRITE -> READ)
    return (e['test'], e['resource'], None, None, s['class'], s['method'], s['line'])

def index(es):
    d = collections.defaultdict(list)
    for e in es: d[place(e)].append(e)
    return d

FIELDISH = ('<init>', 'set', 'get')
def through_object(e):
    # evidence chain shows a constructor, setter or getter call on the way
    return any(s['method'] == '<init>' or s['method'].startswith('set') or s['method'].startswith('get') for s in e['evidence'][1:])

cands = []
stats = []
import os
for suite in SUITES:
  for STRICT in (True, False):
    O = index(load(suite, 'old'))
    for jar in ['mid', 'new']:
        X = index(load(suite, jar))
        unk_places = [p for p, es in O.items() if any(unknown(e) for e in es)]
        common = [p for p in unk_places if p in X]
        rec = []
        for p in common:
            okeys = {e['key'] for e in O[p]}
            for e in X[p]:
                if not unknown(e) and e['keyKind'] == 'EXACT' and e['key'] not in okeys:
                    rec.append((p, e))
        still = sum(1 for p, e in rec if any(unknown(x) for x in X[p[:]] ))
        stats.append((suite, jar, 'strict' if STRICT else 'relaxed', len(unk_places), len(common), len({p for p, _ in rec}), len(rec), still))
        for p, e in rec:
            cands.append(dict(suite=suite, jar=jar, strict=STRICT, place=p, key=e['key'], entry=e,
                              oldkeys=sorted({x['key'] for x in O[p]})))
print('suite jar | OLD places with unknown/partial | of those present in jar | places with a recovered exact key | (place,key) pairs | pairs whose place still has an unknown in jar')
for s in stats: print(*s)
# distinct (resource, key, sink location)
groups = collections.defaultdict(list)
for c in cands:
    p = c['place']
    groups[(c['suite'], p[1], c['key'], p[4], p[5], p[6])].append(c)
print('distinct (suite, resource, recovered key, sink location):', len(groups))
pref = [g for g in sorted(groups) if any(through_object(c['entry']) for c in groups[g])]
print('of which evidence shows <init>/set*/get* call:', len(pref))
for g in sorted(groups):
    cs = groups[g]
    jars = sorted({c['jar'] for c in cs})
    print('  ', g, 'tests=%d' % len({c['place'][0] for c in cs}), jars, 'oldkeys=', cs[0]['oldkeys'][:3], 'T' if g in pref else '')
random.seed(20261208)
# Stratified so the ten are not copies of one helper: shuffle the groups with the seed, then take
# one group per distinct (suite, resource, key) first (groups whose evidence shows <init>/set*/get*
# first within that), then fill from the rest in shuffled order.
order = sorted(groups)
random.shuffle(order)
seen, first, rest = set(), [], []
for g in sorted(order, key=lambda g: g not in pref):   # stable: keeps shuffled order within
    k = g[:3]
    (rest if k in seen else first).append(g)
    seen.add(k)
pick = (first + rest)[:10]
print('\nPICKED (first %d are one per distinct suite/resource/key)' % len(first))
for g in pick:
    cs = sorted(groups[g], key=lambda c: (c['place'][0], c['jar']))
    c = random.choice(cs)
    print(json.dumps(dict(group=g, test=c['place'][0], jar=sorted({x['jar'] for x in cs}), strict=c['strict'], oldkeys=c['oldkeys'], mode=c['entry']['mode'], sink=c['entry']['sink'],
                          evidence=[step_str(s) for s in c['entry']['evidence']])))
