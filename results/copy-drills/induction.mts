// Sanity: does our trainer learn a pure induction task (a random sequence, then the same sequence again)?
// npx tsx results/copy-drills/induction.mts PRESET LAYERS STEPS [fixed|var] [lr]
// fixed: every row is 24 random tokens then the same 24, so the copy sits at a fixed distance and a positional head
// solves it. var: rows of runs of 6–24 random tokens, each followed by itself, so only a real induction circuit
// (find the previous occurrence of this token, copy what followed it) predicts the repeats.
import { PRESETS } from '../../src/model/config.ts';
import { mulberry32 } from '../../src/model/reference/rng.ts';
import { WasmTrainer } from '../../src/train/wasm/trainer.ts';
import { randomRunBatch } from '../../src/rl/random-runs.ts';
const preset = (process.argv[2] ?? 'micro') as keyof typeof PRESETS;
const layers = Number(process.argv[3] ?? 2);
const cfg = { ...PRESETS[preset], num_hidden_layers: layers };
const variable = process.argv[5] === 'var';
const lr = Number(process.argv[6] ?? 1e-3);
const B = 32,
  L = 24,
  T = 2 * L;
const trainer = await WasmTrainer.create(
  { config: cfg, batch: B, seqLen: T, optimizer: { maxGradNorm: 1 } },
  { seed: 0 },
);
const u = mulberry32(3);
const mask = new Array(B * T).fill(1);
const targets = B * (L - 1);
const w = Array.from({ length: B * T }, (_, i) => (i % T >= L && i % T < T - 1 ? -1 / targets : 0));
const t0 = Date.now();
for (let s = 1; s <= Number(process.argv[4] ?? 300); s++) {
  const tokens: number[] = [];
  let weights = w;
  if (variable) {
    const batch = randomRunBatch(u, B, T, () => 5 + Math.floor(u() * (cfg.vocab_size - 5)));
    tokens.push(...batch.tokens);
    weights = batch.weights;
  } else {
    for (let b = 0; b < B; b++) {
      const seq = Array.from({ length: L }, () => 5 + Math.floor(u() * (cfg.vocab_size - 5)));
      tokens.push(...seq, ...seq);
    }
  }
  const lp = await trainer.forward(tokens, mask);
  const loss = lp.reduce((a, x, i) => a + x * weights[i], 0);
  await trainer.backward(weights);
  await trainer.step(lr);
  trainer.zeroGrad();
  if (s % 25 === 0 || s === 1)
    console.log(
      `step ${s} repeat loss ${loss.toFixed(3)} (ln V ${Math.log(cfg.vocab_size).toFixed(2)})`,
      `${((Date.now() - t0) / 1000).toFixed(0)}s`,
    );
}
process.exit(0);
