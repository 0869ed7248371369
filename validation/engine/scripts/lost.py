"""Step 5 (part 1): OLD entries gone in MID.
An OLD entry is lost when MID has no entry with the same (test, resource, key, mode, sink) and no
entry at the same place (test, resource, mode, sink, last step) either (so key recoveries are not
counted as losses). Writes out/lost-<suite>.json with the lost entries' evidence."""
import sys, json, collections
sys.path.insert(0, 'scripts')
from norm import *

def ident(e): return (e['test'], e['resource'], e['key'], e['mode'], e['sink'])
def place(e):
    s = e['evidence'][-1]
    return (e['test'], e['resource'], e['mode'], e['sink'], s['class'], s['method'], s['line'])
def edges(e):
    ev = e['evidence']
    return [((a['class'], a['method'], a['line']), (b['class'], b['method'])) for a, b in zip(ev, ev[1:])]

for suite in SUITES:
    O = load(suite, 'old'); M = load(suite, 'mid')
    mid_ids = {ident(e) for e in M}; mid_places = {place(e) for e in M}
    mid_edges = {x for e in M for x in edges(e)}
    lost = [e for e in O if ident(e) not in mid_ids and place(e) not in mid_places]
    gone_ids = [e for e in O if ident(e) not in mid_ids]
    # edges of lost chains that no MID chain of the suite shows
    cand = collections.Counter(x for e in lost for x in set(edges(e)) if x not in mid_edges)
    print(suite, 'OLD entries', len(O), 'MID entries', len(M), 'OLD ids gone in MID', len(gone_ids), 'lost (no MID entry at the place either)', len(lost),
          'tests', len({e['test'] for e in lost}), 'edges in lost chains absent from all MID chains', len(cand))
    json.dump(dict(lost=lost, cand=[[list(a), list(b), n] for (a, b), n in cand.items()]), open(f'out/lost-{suite}.json', 'w'))
