// Sanity: does our trainer learn a pure induction task (a random sequence, then the same sequence again)?
import { PRESETS } from '../../src/model/config.ts';
import { mulberry32 } from '../../src/model/reference/rng.ts';
import { WasmTrainer } from '../../src/train/wasm/trainer.ts';
const preset = (process.argv[2] ?? 'micro') as keyof typeof PRESETS;
const layers = Number(process.argv[3] ?? 2);
const cfg = { ...PRESETS[preset], num_hidden_layers: layers };
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
  for (let b = 0; b < B; b++) {
    const seq = Array.from({ length: L }, () => 5 + Math.floor(u() * (cfg.vocab_size - 5)));
    tokens.push(...seq, ...seq);
  }
  const lp = await trainer.forward(tokens, mask);
  const loss = -lp.reduce((a, x, i) => a + x * -w[i], 0);
  await trainer.backward(w);
  await trainer.step(1e-3);
  trainer.zeroGrad();
  if (s % 25 === 0 || s === 1)
    console.log(
      `step ${s} second-half loss ${loss.toFixed(3)} (ln V ${Math.log(cfg.vocab_size).toFixed(2)})`,
      `${((Date.now() - t0) / 1000).toFixed(0)}s`,
    );
}
process.exit(0);
