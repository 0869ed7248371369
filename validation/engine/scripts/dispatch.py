"""Step 5 (part 2): which edges of the lost entries' OLD chains are dispatch into an override.
For an edge (caller C.m:line) -> (callee D.n): read C's bytecode (javap -c -l -p) and take the
invokevirtual/invokeinterface instructions at that line naming n. The edge is a dispatch into an
override when the instruction's owner O differs from D and D is a proper subtype of O (D's
supertypes read from the suite's jars with javap; a supertype outside the jars is walked through
the JDK with javap too). Writes out/dispatch-<suite>.json."""
import sys, json, subprocess, re, collections, random, os
sys.path.insert(0, 'scripts')
from norm import *

JARS_OF = {
    'dbcp2': ['corpus-cache/commons-dbcp2-2.13.0-tests.jar', 'corpus-cache/commons-dbcp2-2.13.0.jar'],
    'vfs2': ['corpus-cache/commons-vfs2-2.10.0-tests.jar', 'corpus-cache/commons-vfs2-2.10.0.jar'],
    'kafka': ['corpus-cache/kafka-clients-3.9.0-test.jar', 'corpus-cache/kafka-clients-3.9.0.jar'],
}
_cache = {}

def javap(cp, cls, code=True):
    k = (cp, cls, code)
    if k not in _cache:
        args = ['javap', '-p'] + (['-c', '-l'] if code else []) + ['-cp', cp, cls]
        r = subprocess.run(args, capture_output=True, text=True)
        _cache[k] = r.stdout if r.returncode == 0 else None
    return _cache[k]

def supertypes(cp, cls, seen=None):
    """direct supertypes of cls (dotted) read from javap's header line"""
    out = javap(cp, cls, code=False)
    if out is None: return None
    for line in out.splitlines():
        m = re.search(r'\b(class|interface)\s+(\S+?)(<.*?>)?(\s+extends\s+(.*?))?(\s+implements\s+(.*?))?\s*\{', line)
        if m and m.group(2).split('<')[0] == cls:
            names = []
            for g in (m.group(5), m.group(7)):
                if g:
                    g = re.sub(r'<[^<>]*(<[^<>]*>[^<>]*)*>', '', g)
                    names += [x.strip() for x in g.split(',') if x.strip()]
            return names
    return []

def is_subtype(cp, d, o):
    todo, seen = [d], set()
    while todo:
        c = todo.pop()
        if c in seen: continue
        seen.add(c)
        if c == o and c != d: return True
        st = supertypes(cp, c)
        if st: todo += st
    return False

def invokes_at(cp, cls, method, line):
    """(opcode, owner, name) of invokes in cls.method whose line is `line`"""
    out = javap(cp, cls)
    if out is None: return None
    res = []
    # split methods: javap prints '  <sig>;' then '    Code:' ... '    LineNumberTable:' ...
    blocks = re.split(r'\n(?=  \S)', out)
    for b in blocks:
        head = b.splitlines()[0]
        name = re.search(r'([\w$<>]+)\(', head)
        if not name: continue
        n = name.group(1)
        if n == cls.split('.')[-1]: n = '<init>'
        if head.strip().startswith('static {}'): n = '<clinit>'
        if n != method: continue
        ins = [(int(m.group(1)), m.group(2), m.group(3), m.group(4)) for m in
               re.finditer(r'^\s+(\d+): (invoke\w+)\s+#\d+(?:,\s*\d+)?\s+// (?:Interface)?Method ([\w/$]+)\.([\w$<>"]+):', b, re.M)]
        lt = [(int(a), int(b_)) for a, b_ in re.findall(r'line (\d+): (\d+)', b)]
        lt.sort(key=lambda x: x[1])
        def line_of(pc):
            l = None
            for ln, start in lt:
                if start <= pc: l = ln
            return l
        for pc, op, owner, nm in ins:
            if line_of(pc) == line:
                res.append((op, owner.replace('/', '.'), nm.strip('"')))
    return res

def edges(e):
    ev = e['evidence']
    return [((a['class'], a['method'], a['line']), (b['class'], b['method'])) for a, b in zip(ev, ev[1:])]

if __name__ == '__main__':
    allrows = []
    for suite in SUITES:
        cp = ':'.join(JARS_OF[suite])
        d = json.load(open(f'out/lost-{suite}.json'))
        M = load(suite, 'mid')
        mid_edges = {x for e in M for x in edges(e)}
        by_edge = collections.defaultdict(list)
        for e in d['lost']:
            for x in set(edges(e)): by_edge[x].append(e)
        rows = []
        for (caller, callee), es in sorted(by_edge.items()):
            inv = invokes_at(cp, caller[0], caller[1], caller[2])
            kind, owner = 'unread', None
            if inv is not None:
                named = [i for i in inv if i[2] == callee[1]]
                if not named: kind = 'no-invoke-of-name-at-line'
                else:
                    virt = [i for i in named if i[0] in ('invokevirtual', 'invokeinterface')]
                    if not virt: kind = 'static/special'; owner = named[0][1]
                    else:
                        kind = 'direct'
                        for op, o, nm in virt:
                            owner = o
                            if o != callee[0] and is_subtype(cp, callee[0], o):
                                kind = 'override'; break
            rows.append(dict(suite=suite, caller=list(caller), callee=list(callee), owner=owner, kind=kind,
                             in_mid_chains=(caller, callee) in mid_edges, lost_entries=len(es),
                             tests=sorted({e['test'] for e in es})))
        json.dump(rows, open(f'out/dispatch-{suite}.json', 'w'), indent=1)
        c = collections.Counter((r['kind'], r['in_mid_chains']) for r in rows)
        print(suite, 'edges in lost chains', len(rows), dict(c))
        allrows += rows
    ov = [r for r in allrows if r['kind'] == 'override']
    print('override edges:', len(ov), 'of which absent from all MID chains:', sum(not r['in_mid_chains'] for r in ov))
    for r in ov:
        print(' ', r['suite'], '%s.%s:%s -> %s.%s' % (*r['caller'], *r['callee']), 'owner=' + r['owner'], 'inMID' if r['in_mid_chains'] else 'GONE', r['lost_entries'], len(r['tests']))
