// Per-position NLL of a checkpoint on lookup rows (src/rl/lookup-runs.ts): the first answer token, which only the
// lookup hop predicts, against the rest of the header, which the copy (induction) predicts once the first is out.
// npx tsx results/lookup-warmup/lookup-probe.mts <checkpoint dir> [declareFirst 0.5] [chat]: 4 batches of 8 × 256
// tokens, rows drawn with seed 999 (no warm-up draws them). p50: the share of tokens given probability > 0.5.
import { readCheckpoint } from '../../src/model/checkpoint.ts';
import { directoryReader } from '../../src/model/checkpoint-node.ts';
import { tokenizerFromHfJson } from '../../src/model/tokenizer/index.ts';
import { mulberry32 } from '../../src/model/reference/rng.ts';
import { makeTrainer } from '../../src/rl/make-trainer.ts';
import { encodeLookupMarkers, lookupRunBatch } from '../../src/rl/lookup-runs.ts';
import { ordinaryTokenIds } from '../../src/rl/random-runs.ts';
const dir = process.argv[2];
const { checkpoint } = await readCheckpoint(directoryReader(dir), { source: dir, requireTokenizer: true });
const tok = tokenizerFromHfJson(JSON.stringify(checkpoint.tokenizer), dir);
const ordinary = ordinaryTokenIds(tok);
// `chat` as the third argument: the layout of `warmup --chat` (the answer's end token counts with "rest").
const m = encodeLookupMarkers(tok, process.argv[4] === 'chat');
const B = 8,
  T = 256;
const trainer = await makeTrainer(
  { config: checkpoint.config, batch: B, seqLen: T, optimizer: {} },
  { weights: checkpoint.weights, seed: 0 },
  { backend: 'wasm' },
);
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
