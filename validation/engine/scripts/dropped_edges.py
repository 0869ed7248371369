"""Step 5 (part 3): the dropped dispatch edges behind the losses, from Walk.java's output on MID
(the first edge of each lost OLD chain that MID's call graph does not have, with the caller node's
context = class of `this`), checked as override edges by dispatch.py; draw 10 with the seed."""
import json, random, collections
rows = collections.defaultdict(list)
for s in ['dbcp2', 'kafka']:
    chains = [l.rstrip('\n').split('\t') for l in open(f'walk/chains-{s}.tsv')]
    outs = [l.rstrip('\n').split('\t') for l in open(f'walk/mid-{s}.txt')]
    assert len(chains) == len(outs)
    disp = {(tuple(r['caller']), tuple(r['callee'])): r['kind'] for r in json.load(open(f'out/dispatch-{s}.json'))}
    for ch, o in zip(chains, outs):
        if o[1] != 'DROP': continue
        c = o[2].split('|'); d = o[3].split('|')
        kind = disp.get(((c[0], c[1], int(c[2])), (d[0], d[1])))
        rows[(s, o[2], d[0] + '.' + d[1], o[4].replace('ctx=', ''), kind)].append(ch[0])
print('distinct caller:line -> callee:', len({(k[0], k[1], k[2]) for k in rows}), ' with caller context:', len(rows))
for k, v in sorted(rows.items()): print(' ', k, len(v), 'chains', len(set(v)), 'tests')
random.seed(20261208)
pick = random.sample(sorted(rows), min(10, len(rows)))
print('PICKED')
for k in pick:
    tests = sorted(set(rows[k]))
    print(json.dumps(dict(edge=k, test=random.choice(tests), ntests=len(tests))))
