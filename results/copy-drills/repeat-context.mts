// Repeat loss of a checkpoint (no update) in three layouts of the same random runs: short rows as the warm-up trains
// (T = 96), long rows (T = 1024), and the SFT layout (<|user|> run <|end|> <|assistant|> run <|end|>, packed to 1024).
// Does an induction circuit learnt on short rows still copy where SFT asks it to?
// npx tsx results/copy-drills/repeat-context.mts CHECKPOINT_DIR
import { mulberry32 } from '../../src/model/reference/rng.ts';
import { chatTemplate } from '../../src/rl/chat-template.ts';
import { makeTrainer } from '../../src/rl/make-trainer.ts';
import { nodeTrainerPlacement } from '../../src/rl/node/gpu.ts';
import { loadPolicy } from '../../src/rl/node/setup.ts';
import { randomRepeats } from '../../src/rl/sft-data.ts';
import { randomRunBatch } from '../../src/rl/random-runs.ts';

const policy = await loadPolicy({ init: process.argv[2] });
const ordinary = policy.tokenizer.vocabSize - 5;
const loss = async (B: number, T: number, tokens: number[], w: number[]) => {
  const trainer = await makeTrainer(
    { config: policy.config, batch: B, seqLen: T },
    { weights: policy.init?.weights, seed: 0 },
    await nodeTrainerPlacement(),
  );
  const lp = await trainer.forwardBackward(tokens, new Array(B * T).fill(1), w);
  trainer.destroy();
  return lp.reduce((a, x, i) => a + x * w[i], 0);
};
for (const T of [96, 1024]) {
  const rand = mulberry32(99);
  const { tokens, weights } = randomRunBatch(rand, 4, T, () => Math.floor(rand() * ordinary));
  console.log(`random runs, rows of ${T}: repeat loss ${(await loss(4, T, tokens, weights)).toFixed(3)}`);
}
// SFT layout: answers scored from the second token on (the first is not in the prompt's run order to copy... it is,
// but only a head that finds the run's start after <|user|> predicts it), so the figure compares with the above.
const ct = chatTemplate(policy.tokenizer);
const tokens: number[] = [];
const scored: boolean[] = [];
for (const ex of randomRepeats(ct, 400, 99)) {
  if (tokens.length + ex.prompt.length + ex.completion.length > 4 * 1024) break;
  tokens.push(...ex.prompt, ...ex.completion);
  scored.push(...ex.prompt.map(() => false), false, ...ex.completion.slice(1, -1).map(() => true), false);
}
while (tokens.length < 4 * 1024) (tokens.push(ct.end), scored.push(false));
const n = scored.filter((x, i) => x && i % 1024 > 0).length;
const w = tokens.map((_, i) => (i % 1024 < 1023 && scored[i + 1] ? -1 / n : 0));
console.log(`SFT layout, rows of 1024: repeat loss ${(await loss(4, 1024, tokens, w)).toFixed(3)} (2nd token on)`);
process.exit(0);
