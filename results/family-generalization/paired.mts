// Paired change per skill between two evaluations of the same tasks (Avg@k per task; bootstrap 95% CI of the mean
// difference, src/eval/stats.ts): npx tsx results/family-generalization/paired.mts <before eval.json> <after eval.json>
import { readFileSync } from 'node:fs';
import { avgAtK, pairedDifference } from '../../src/eval/stats.ts';

interface Scored {
  id: string;
  kind: string;
  sampled: Array<{ reward: number }>;
}
const load = (f: string) => (JSON.parse(readFileSync(f, 'utf8')) as { results: Scored[] }).results;
const [beforeFile, afterFile] = process.argv.slice(2);
const before = new Map(load(beforeFile).map((r) => [r.id, r]));
const after = load(afterFile);
for (const kind of [...new Set(after.map((r) => r.kind))]) {
  const rows = after.filter((r) => r.kind === kind);
  const missing = rows.filter((r) => !before.has(r.id));
  if (missing.length) throw new Error(`${beforeFile}: no task ${missing[0].id}`);
  const a = rows.map((r) => avgAtK(r.sampled.map((s) => s.reward)));
  const b = rows.map((r) => avgAtK(before.get(r.id)!.sampled.map((s) => s.reward)));
  const d = pairedDifference(b, a);
  const f = (x: number) => (x >= 0 ? '+' : '−') + Math.abs(x).toFixed(3);
  console.log(`${kind.padEnd(16)} n=${rows.length}  ${f(d.mean)} [${f(d.lo)}, ${f(d.hi)}]`);
}
