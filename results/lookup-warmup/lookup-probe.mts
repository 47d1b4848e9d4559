// Per-position NLL of a checkpoint on lookup rows (src/rl/lookup-runs.ts): the first answer token, which only the
// lookup hop predicts, against the rest of the header, which the copy (induction) predicts once the first is out.
// npx tsx results/lookup-warmup/lookup-probe.mts <checkpoint dir> [declareFirst 0.5] [chat]: 4 batches of 8 × 256
// tokens, rows drawn with seed 999 (no warm-up draws them). p50: the share of tokens given probability > 0.5.
import { mulberry32 } from '../../src/model/reference/rng.ts';
import { encodeLookupMarkers, lookupRunBatch } from '../../src/rl/lookup-runs.ts';
import { ordinaryTokenIds } from '../../src/rl/random-runs.ts';
import { probeTrainer } from '../probe-trainer.mts';
const dir = process.argv[2];
const [B, T] = [8, 256];
const { tok, trainer } = await probeTrainer(dir, B, T);
const ordinary = ordinaryTokenIds(tok);
// `chat` as the third argument: the layout of `warmup --chat` (the answer's end token counts with "rest").
const m = encodeLookupMarkers(tok, process.argv[4] === 'chat');
const rand = mulberry32(999);
const first: number[] = [],
  rest: number[] = [];
for (let rep = 0; rep < 4; rep++) {
  const { tokens, weights } = lookupRunBatch(
    rand,
    B,
    T,
    () => ordinary[Math.floor(rand() * ordinary.length)],
    m,
    Number(process.argv[3] ?? 0.5),
  );
  const lp = await trainer.forwardBackward(tokens, new Array(B * T).fill(1), weights);
  trainer.zeroGrad();
  for (let i = 0; i < B * T; i++) {
    if (weights[i] === 0) continue;
    const isFirst = weights[i - 1] === 0 || i % T === 0;
    (isFirst ? first : rest).push(-lp[i]);
  }
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const acc = (xs: number[]) => xs.filter((x) => x < Math.log(2)).length / xs.length;
console.log(
  JSON.stringify({
    dir,
    firstTokens: first.length,
    firstNll: mean(first),
    firstP50: acc(first),
    restTokens: rest.length,
    restNll: mean(rest),
    restP50: acc(rest),
  }),
);
trainer.destroy();
