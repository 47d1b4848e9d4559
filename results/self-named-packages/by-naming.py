import json, sys, re
# Avg@3 of an eval.json's localization tasks, split by whether the task's repo has packages named after their
# exports (self-named: lib/is-number for isNumber) or not. Usage: by-naming.py PACK EVAL.json [EVAL.json ...]
def kebab(n): return re.sub(r'([a-z0-9])([A-Z])', r'\1-\2', n).lower()
def self_named(t):
    for p, src in t['repo']['files'].items():
        m = re.match(r'lib/([^/]+)/index\.js$', p)
        if not m: continue
        names = re.findall(r'module\.exports\.(\w+) =', src) + sum([x.replace(' ', '').split(',') for x in re.findall(r'module\.exports = \{ ([^}]*) \}', src)], [])
        if any(m.group(1) in (kebab(n), n.lower()) for n in names): return True
    return False
pack = {json.loads(l)['id']: json.loads(l) for l in open(sys.argv[1]) if l.strip()}
for f in sys.argv[2:]:
    e = json.load(open(f))
    groups = {}
    for r in e['results']:
        t = pack.get(r['id'])
        if not t or r['kind'] != 'localization': continue
        g = 'self-named' if self_named(t) else 'plain'
        a = sum(s['reward'] for s in r['sampled']) / len(r['sampled'])
        groups.setdefault(g, []).append(a)
    print(f, {g: (len(v), round(sum(v)/len(v), 3)) for g, v in groups.items()})
