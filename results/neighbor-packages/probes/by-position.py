# Avg@k of eval.json files by the answer line's distance from the end of the symbol index (bins), with counts.
import json, subprocess, sys
pack, evals = sys.argv[1], sys.argv[2:]
pos = json.loads(subprocess.check_output(['npx', 'tsx', 'results/neighbor-packages/probes/index-pos.mts', pack], text=True))
bins = [(0, 2), (3, 5), (6, 8), (9, 99)]
# `name:name/index.js` (a one-word function in a package of its own name, as `leven`, `ms`) apart from the rest.
same = lambda o: o.split(':')[0] == o.split(':')[1].split('/')[0]
for f in evals:
    d = json.load(open(f))
    acc = {b: [] for b in bins}
    ident = {True: [], False: []}
    for r in d['results']:
        if r['id'] not in pos: continue
        s = sum(x['reward'] for x in r['sampled']) / len(r['sampled'])
        fe = pos[r['id']]['fromEnd']
        ident[same(pos[r['id']]['oracle'])].append(s)
        for b in bins:
            if b[0] <= fe <= b[1]: acc[b].append(s)
    mean = lambda v: f'{sum(v) / len(v):.3f} (n={len(v)})' if v else '-'
    print(f, 'name:name/', mean(ident[True]), 'other', mean(ident[False]))
    print(f, '  '.join(f'{b[0]}-{b[1]}: {sum(v)/len(v):.3f} (n={len(v)})' if v else f'{b[0]}-{b[1]}: -' for b, v in acc.items()))
