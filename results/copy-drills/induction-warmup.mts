// Induction warm-up: train a checkpoint on pure copying (random token runs, each followed by its repeat; loss on the
// repeat only) so it has an induction circuit before SFT asks it to copy names out of a prompt.
// npx tsx results/copy-drills/induction-warmup.mts INIT_DIR|preset:NAME:TOKENIZER OUT_DIR [steps 300] [lr 1e-3]
import { join } from 'node:path';
import { writeCheckpoint } from '../../src/model/checkpoint.ts';
import { directoryWriter } from '../../src/model/checkpoint-node.ts';
import { mulberry32 } from '../../src/model/reference/rng.ts';
import { makeTrainer } from '../../src/rl/make-trainer.ts';
import { nodeTrainerPlacement } from '../../src/rl/node/gpu.ts';
import { loadPolicy } from '../../src/rl/node/setup.ts';

const [init, out] = [process.argv[2], process.argv[3]];
const steps = Number(process.argv[4] ?? 300);
const lr = Number(process.argv[5] ?? 1e-3);
const [preset, tokenizer] = init.startsWith('preset:') ? init.slice(7).split(':') : [];
const policy = await loadPolicy(preset ? { preset, tokenizer } : { init });
const B = 16,
  T = 96;
const trainer = await makeTrainer(
  { config: policy.config, batch: B, seqLen: T, optimizer: { weightDecay: 0.01, maxGradNorm: 1 } },
  { weights: policy.init?.weights, seed: 0 },
  await nodeTrainerPlacement(),
);
// Ordinary tokens only (the specials sit at the end of the vocabulary).
const ordinary = policy.tokenizer.vocabSize - 5;
const rand = mulberry32(11);
const mask = new Array(B * T).fill(1);
const t0 = Date.now();
for (let s = 1; s <= steps; s++) {
  // Each row: runs of 6–24 random tokens, each run followed by itself; the repeat's tokens carry the loss.
  const tokens: number[] = [];
  const scored: boolean[] = [];
  for (let b = 0; b < B; b++) {
    const row: number[] = [];
    const rowScored: boolean[] = [];
    while (row.length < T) {
      const L = 6 + Math.floor(rand() * 19);
      const run = Array.from({ length: L }, () => Math.floor(rand() * ordinary));
      row.push(...run, ...run);
      rowScored.push(...run.map(() => false), ...run.map((_, i) => i > 0));
    }
    tokens.push(...row.slice(0, T));
    scored.push(...rowScored.slice(0, T));
  }
  // Entry t scores token t+1: weight entry t when token t+1 is a scored repeat token.
  const n = scored.filter((x, i) => x && i % T > 0).length;
  const w = tokens.map((_, i) => (i % T < T - 1 && scored[i + 1] ? -1 / n : 0));
  const lp = await trainer.forwardBackward(tokens, mask, w);
  const loss = lp.reduce((a, x, i) => a + x * w[i], 0);
  await trainer.step(lr * Math.min(1, s / 20));
  trainer.zeroGrad();
  if (s % 25 === 0 || s === 1)
    console.log(`step ${s} repeat loss ${loss.toFixed(3)} ${((Date.now() - t0) / 1000).toFixed(0)}s`);
}
const ckpt = await trainer.save(policy.tokenizerJson);
delete ckpt.extraFiles;
await writeCheckpoint(directoryWriter(join(out, 'model')), ckpt);
console.log(`wrote ${out}/model`);
process.exit(0);
