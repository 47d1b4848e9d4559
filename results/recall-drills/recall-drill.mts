// Long-range recall at 1,024 tokens (random-runs.ts's recall rows: a run, once shown, comes back anywhere later;
// scored from its second token), probed on fresh rows over the full vocabulary and over a small per-row alphabet of k
// tokens (where one token of context does not say where a copy continues); optionally trained on a mix of k- and
// 4k-token alphabets for STEPS steps of 4 × 1,024 tokens, probed every 100, and saved to OUT.
// npx tsx results/recall-drills/recall-drill.mts <checkpoint dir> <OUT or ""> <STEPS> <k> [lr 5e-4]
import { writeCheckpoint } from '../../src/model/checkpoint.ts';
import { directoryWriter } from '../../src/model/checkpoint-node.ts';
import { mulberry32 } from '../../src/model/reference/rng.ts';
import { ordinaryTokenIds, recallRunBatch } from '../../src/rl/random-runs.ts';
import { probeTrainer } from '../probe-trainer.mts';

const [dir, out, stepsArg, kArg, lrArg] = process.argv.slice(2);
const [steps, k, lr] = [Number(stepsArg), Number(kArg), Number(lrArg ?? 5e-4)];
const [B, T] = [4, 1024];
const { checkpoint, tok, trainer } = await probeTrainer(dir, B, T);
const ordinary = ordinaryTokenIds(tok);
/** B recall rows, each over its own alphabet of `size` ordinary tokens; weights average over the whole batch. */
function batch(rand: () => number, size: number) {
  const tokens: number[] = [];
  const weights: number[] = [];
  for (let b = 0; b < B; b++) {
    const alphabet = Array.from({ length: size }, () => ordinary[Math.floor(rand() * ordinary.length)]);
    const row = recallRunBatch(rand, 1, T, () => alphabet[Math.floor(rand() * size)]);
    tokens.push(...row.tokens);
    weights.push(...row.weights.map((w) => w / B));
  }
  return { tokens, weights };
}
const mask = new Array<number>(B * T).fill(1);
async function probe(size: number) {
  const rand = mulberry32(999);
  const nlls: number[] = [];
  for (let r = 0; r < 2; r++) {
    const { tokens, weights } = batch(rand, size);
    const logprobs = await trainer.forwardBackward(tokens, mask, weights);
    trainer.zeroGrad();
    for (let i = 0; i < B * T; i++) if (weights[i] !== 0) nlls.push(-logprobs[i]);
  }
  const mean = nlls.reduce((a, b) => a + b, 0) / nlls.length;
  const p50 = nlls.filter((x) => x < Math.log(2)).length / nlls.length;
  return { k: size, nll: +mean.toFixed(3), p50: +p50.toFixed(3) };
}
console.log(JSON.stringify({ step: 0, small: await probe(k), full: await probe(ordinary.length) }));
const rand = mulberry32(7);
const t0 = Date.now();
for (let s = 1; s <= steps; s++) {
  const { tokens, weights } = batch(rand, rand() < 0.5 ? k : 4 * k);
  const logprobs = await trainer.forwardBackward(tokens, mask, weights);
  await trainer.step(lr * Math.min(1, s / 20));
  trainer.zeroGrad();
  if (s % 100 === 0 || s === steps) {
    const loss = logprobs.reduce((a, x, i) => a + x * weights[i], 0);
    const sec = (Date.now() - t0) / 1000;
    console.log(
      JSON.stringify({
        step: s,
        loss: +loss.toFixed(3),
        sec,
        small: await probe(k),
        full: await probe(ordinary.length),
      }),
    );
  }
}
if (out) await writeCheckpoint(directoryWriter(out), await trainer.save(checkpoint.tokenizer));
trainer.destroy();
