"""Unknown/partial OLD entries whose place is gone in MID: how many (a blind spot of matching by place:
a key recovered to one an entry of the test already had merges into that entry, with its evidence)."""
import sys, collections
sys.path.insert(0, 'scripts')
from norm import *
def place(e):
    s = e['evidence'][-1]; return (e['test'], e['resource'], e['mode'], e['sink'], s['class'], s['method'], s['line'])
for s in SUITES:
    O = load(s, 'old'); M = load(s, 'mid')
    mp = {place(e) for e in M}
    gone = [e for e in O if unknown(e) and place(e) not in mp]
    print(s, 'OLD unknown/partial entries whose place is absent in MID:', len(gone), collections.Counter((e['resource'], e['key'], e['sink']) for e in gone).most_common(4))
