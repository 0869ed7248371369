"""Loads OLD/MID (schemaVersion 1) and NEW (schemaVersion 2 converted by report-v1.py) reports
into one shape: a list of entries (test id, access dict, evidence as list of step dicts)."""
import json

OUT = 'out'
SUITES = ['dbcp2', 'vfs2', 'kafka']
JARS = ['old', 'mid', 'new']


def load(suite, jar):
    path = f'{OUT}/{suite}-{jar}-v1.json' if jar == 'new' else f'{OUT}/{suite}-{jar}.json'
    r = json.load(open(path))
    assert r['schemaVersion'] == 1, path
    steps = {s['id']: s for s in r['steps']}
    entries = []
    for t in r['tests']:
        for a in t['accesses']:
            ev = [steps[i] for i in a['evidence']]
            entries.append(dict(test=t['id'], resource=a['resource'], key=a['key'],
                                keyKind=a['keyKind'], mode=a['mode'], sink=a['sink'],
                                confidence=a['confidence'], scope=a.get('scope'), evidence=ev))
    return entries


def unknown(e):
    return e['key'] == '?' or '*' in e['key']


def step_str(s):
    return f"{s['class']}.{s['method']}:{s['line']}"
