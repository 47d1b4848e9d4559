// Induction warm-up: train a checkpoint on pure copying (random token runs, each followed by its repeat; loss on the
// repeat only) so it has an induction circuit before SFT asks it to copy names out of a prompt.
// npx tsx results/copy-drills/induction-warmup.mts INIT_DIR|preset:NAME:TOKENIZER[:LAYERS[:ROPE_THETA]] OUT_DIR \
//   [steps 300] [lr 1e-3] [T 96] [B 16] [next|recall]
import { join } from 'node:path';
import { writeCheckpoint } from '../../src/model/checkpoint.ts';
import { directoryWriter } from '../../src/model/checkpoint-node.ts';
import { mulberry32 } from '../../src/model/reference/rng.ts';
import { makeTrainer } from '../../src/rl/make-trainer.ts';
import { nodeTrainerPlacement } from '../../src/rl/node/gpu.ts';
import { loadPolicy } from '../../src/rl/node/setup.ts';
import { randomRunBatch, recallRunBatch } from './random-runs.mts';

const [init, out] = [process.argv[2], process.argv[3]];
const steps = Number(process.argv[4] ?? 300);
const lr = Number(process.argv[5] ?? 1e-3);
const [preset, tokenizer, layers, theta] = init.startsWith('preset:') ? init.slice(7).split(':') : [];
const policy = await loadPolicy(preset ? { preset, tokenizer } : { init });
if (layers) policy.config = { ...policy.config, num_hidden_layers: Number(layers) };
if (theta) policy.config = { ...policy.config, rope_theta: Number(theta) };
const T = Number(process.argv[6] ?? 96);
const B = Number(process.argv[7] ?? 16);
// 'next': each run is followed by its repeat; 'recall': a run may come back anywhere later in the row.
const batch = process.argv[8] === 'recall' ? recallRunBatch : randomRunBatch;
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
  const { tokens, weights: w } = batch(rand, B, T, () => Math.floor(rand() * ordinary));
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
