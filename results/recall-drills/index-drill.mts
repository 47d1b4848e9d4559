// Can a checkpoint learn to answer "which file defines KEY?" from a forward index ("KEY → src/HEADER.js" lines after
// lookup-runs.ts's random-token files), where the answer follows the key instead of preceding it? Mode cot answers
// "KEY → src/HEADER.js" (the key first, then a copy), mode direct "src/HEADER.js". Trains STEPS steps of 8 × 256
// tokens at lr 1e-3 on the answers; every 100 steps, the first HEADER token's NLL and share at p > ½ on fresh rows.
// npx tsx results/recall-drills/index-drill.mts <checkpoint dir> cot|direct <STEPS>
import { mulberry32 } from '../../src/model/reference/rng.ts';
import { encodeLookupMarkers, lookupFiles } from '../../src/rl/lookup-runs.ts';
import { ordinaryTokenIds } from '../../src/rl/random-runs.ts';
import { probeTrainer } from '../probe-trainer.mts';
const [dir, mode, stepsArg] = process.argv.slice(2);
const steps = Number(stepsArg);
const [B, T] = [8, 256];
const { tok, trainer } = await probeTrainer(dir, B, T);
const ordinary = ordinaryTokenIds(tok);
const m = encodeLookupMarkers(tok, true);
const arrow = tok.encode(' → ');
const idxHead = tok.encode('\nIndex:\n');
const src = tok.encode('src/');
function batch(rand: () => number) {
  const token = () => ordinary[Math.floor(rand() * ordinary.length)];
  const tokens: number[] = [],
    kind: number[] = []; // 0 unscored, 1 first header token, 2 rest
  for (let b = 0; b < B; b++) {
    const { tokens: row, files } = lookupFiles(rand, token, m, 1);
    const k: number[] = row.map(() => 0);
    const push = (ids: number[], s: number | ((i: number) => number)) => {
      row.push(...ids);
      ids.forEach((_, i) => k.push(typeof s === 'number' ? s : s(i)));
    };
    push(idxHead, 0);
    const order = files.map((_, i) => i).sort(() => rand() - 0.5);
    for (const i of order) push([...files[i].key, ...arrow, ...src, ...files[i].header, ...m.headerEnd], 0);
    while (row.length < T) {
      const f = files[Math.floor(rand() * files.length)];
      push([...m.ask, ...f.key, ...m.askEnd], 0);
      if (mode === 'cot') push([...f.key, ...arrow, ...src], 2);
      else push(src, 2);
      push(f.header, (i) => (i === 0 ? 1 : 2));
      push(m.answerEnd!, 2);
    }
    tokens.push(...row.slice(0, T));
    kind.push(...k.slice(0, T));
  }
  const n = kind.filter((x, i) => x && i % T > 0).length;
  const weights = tokens.map((_, i) => (i % T < T - 1 && kind[i + 1] ? -1 / n : 0));
  return { tokens, weights, kind };
}
const mask = new Array(B * T).fill(1);
async function probe() {
  const rand = mulberry32(999);
  const first: number[] = [];
  for (let r = 0; r < 3; r++) {
    const { tokens, weights, kind } = batch(rand);
    const lp = await trainer.forwardBackward(tokens, mask, weights);
    trainer.zeroGrad();
    for (let i = 0; i < B * T - 1; i++) if (kind[i + 1] === 1 && (i + 1) % T) first.push(-lp[i]);
  }
  const p50 = first.filter((x) => x < Math.log(2)).length / first.length;
  return { firstNll: +(first.reduce((a, b) => a + b, 0) / first.length).toFixed(3), p50: +p50.toFixed(3) };
}
console.log(JSON.stringify({ step: 0, ...(await probe()) }));
const rand = mulberry32(5);
const t0 = Date.now();
for (let s = 1; s <= steps; s++) {
  const { tokens, weights } = batch(rand);
  const lp = await trainer.forwardBackward(tokens, mask, weights);
  const loss = lp.reduce((a, x, i) => a + x * weights[i], 0);
  await trainer.step(1e-3 * Math.min(1, s / 20));
  trainer.zeroGrad();
  if (s % 100 === 0)
    console.log(JSON.stringify({ step: s, loss: +loss.toFixed(3), sec: (Date.now() - t0) / 1000, ...(await probe()) }));
}
trainer.destroy();
