# Avg@3 and greedy pass@1 by task form (direct, facade, helper) and level, from a pack and eval.json files:
#   python3 by-form.py test-l45.jsonl eval-base/eval.json sft/eval-120/eval.json
# A facade task is one whose repo has index.js / api.js / public.js / main.js (FACADE_NAMES; no module pool has them).
import json, re, sys
from collections import defaultdict
pack = {}
for l in open(sys.argv[1]):
    t = json.loads(l); pack[t['id']] = t
def fac(t): return any(re.search(r'/(index|api|public|main)\.js$', p) for p in t['repo']['files'])
for path in sys.argv[2:]:
    e = json.load(open(path))
    g = defaultdict(list); gg = defaultdict(list); ans = defaultdict(int)
    for r in e['results']:
        t = pack[r['id']]
        key = ('facade' if fac(t) else 'helper' if t['meta']['family'].startswith('helper:') else 'direct', r['level'])
        g[key].append(sum(x['reward'] for x in r['sampled']) / len(r['sampled']))
        gg[key].append(r['greedy']['reward'])
        if fac(t):
            f = [p for p in t['repo']['files'] if re.search(r'/(index|api|public|main)\.js$', p)][0].split('/')[-1]
            for x in r['sampled']:
                a = x['answer'].strip()
                ans['right' if x['reward'] else 'facade file' if f in a else 'other'] += 1
    print(path)
    for k in sorted(g): print(' ', k, len(g[k]), 'avg', round(sum(g[k]) / len(g[k]), 3), 'greedy', round(sum(gg[k]) / len(gg[k]), 3))
    print('  facade answers:', dict(ans))
