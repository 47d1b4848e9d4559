// A few SFT steps on the micro preset from a plain Node script — no page, no Vite:
//   npx tsx examples/sft-steps.ts [--steps 8] [--lr 3e-3] [--out DIR] [--json]
// It tokenizes (prompt, answer) pairs, trains the WGSL Trainer on WebGPU through Dawn for Node
// (SwiftShader when the machine has no GPU), saves a Hugging Face-layout checkpoint, loads it back and
// samples from it with the onnxruntime-web sampler. Prints the answer-token loss per step.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { nodeGpu } from '../src/gpu/node.ts';
import { readCheckpoint, writeCheckpoint } from '../src/model/checkpoint.ts';
import { directoryReader, directoryWriter } from '../src/model/checkpoint-node.ts';
import { PRESETS } from '../src/model/config.ts';
import { tokenizerFromHfJson } from '../src/model/tokenizer/index.ts';
import { generate, PolicySession } from '../src/rollout/index.ts';
import { Trainer } from '../src/train/index.ts';

const EXAMPLES: readonly [string, string][] = [
  ['sort an array of numbers', 'xs.sort((a, b) => a - b)'],
  ['sum an array', 'xs.reduce((s, x) => s + x, 0)'],
  ['reverse a string', "s.split('').reverse().join('')"],
  ['largest element', 'Math.max(...xs)'],
];
const PROMPT = (p: string) => `<|user|>${p}<|end|><|assistant|>`;

const { values: args } = parseArgs({
  options: {
    steps: { type: 'string', default: '8' },
    lr: { type: 'string', default: '3e-3' },
    out: { type: 'string' },
    json: { type: 'boolean' },
  },
});
const steps = Number(args.steps);
const lr = Number(args.lr);
if (!Number.isInteger(steps) || steps < 1) {
  throw new RangeError(`--steps must be a positive integer, got '${args.steps}'`);
}
if (!(lr > 0)) throw new RangeError(`--lr must be a positive number, got '${args.lr}'`);
const log = (line: string) => args.json || console.log(line);

const tokenizerJson = readFileSync(new URL('../public/tokenizer/micro.json', import.meta.url), 'utf8');
const tok = tokenizerFromHfJson(tokenizerJson, 'public/tokenizer/micro.json');
const config = { ...PRESETS.micro, max_position_embeddings: 64 };
const T = 48;
const pad = tok.tokenId('<|pad|>');

// One row per example: prompt + answer + <|end|>, right-padded to T. The loss weights follow the Trainer's
// convention (src/train/backend.ts): entry t scores token t+1, and step() minimises Σ w·logprob, so SFT puts
// w = −1/(answer tokens) on every position whose next token belongs to the answer.
const tokens: number[][] = [];
const mask: number[][] = [];
const weights: number[][] = [];
const answerTokens = EXAMPLES.reduce((n, [, a]) => n + tok.encode(`${a}<|end|>`, { allowSpecial: true }).length, 0);
for (const [prompt, answer] of EXAMPLES) {
  const p = tok.encode(PROMPT(prompt), { allowSpecial: true });
  const a = tok.encode(`${answer}<|end|>`, { allowSpecial: true });
  const row = [...p, ...a];
  if (row.length > T) throw new Error(`example '${prompt}' has ${row.length} tokens, more than T = ${T}`);
  tokens.push([...row, ...new Array(T - row.length).fill(pad)]);
  mask.push(Array.from({ length: T }, (_, t) => (t < row.length ? 1 : 0)));
  weights.push(Array.from({ length: T }, (_, t) => (t + 1 >= p.length && t + 1 < row.length ? -1 / answerTokens : 0)));
}

const gpu = await nodeGpu();
const { vendor, architecture, description, isFallback } = gpu.report;
log(`adapter: ${vendor} ${architecture} ${description}${isFallback ? ' (CPU fallback)' : ''}`);
const options = { config, batch: EXAMPLES.length, seqLen: T, optimizer: { weightDecay: 0.01 } };
const trainer = await Trainer.create(gpu.device, options, { seed: 1 });
const losses: number[] = [];
for (let s = 0; s < steps; s++) {
  trainer.zeroGrad();
  const logprobs = await trainer.forward(tokens, mask);
  // loss = −(mean answer-token log-prob) = Σ w·logprob with the weights above.
  const loss = logprobs.reduce((sum, lp, i) => sum + lp * weights[Math.floor(i / T)][i % T], 0);
  await trainer.backward(weights);
  const { gradNorm, skipped } = await trainer.step(lr);
  losses.push(loss);
  const note = skipped ? '  (skipped: non-finite)' : '';
  log(`step ${s + 1}/${steps}: loss ${loss.toFixed(4)}  grad norm ${gradNorm.toFixed(3)}${note}`);
}

// Save (HF layout: config.json, model.safetensors, tokenizer.json, optimizer.safetensors), load, sample.
const out = args.out ?? mkdtempSync(join(tmpdir(), 'atomgym-sft-'));
await writeCheckpoint(directoryWriter(out), await trainer.save(JSON.parse(tokenizerJson)));
trainer.destroy();
const { checkpoint } = await readCheckpoint(directoryReader(out), { requireTokenizer: true });
const policy = await PolicySession.create(checkpoint.config, { backend: 'wasm', weights: checkpoint.weights });
const prompt = tok.encode(PROMPT(EXAMPLES[0][0]), { allowSpecial: true });
const { completions } = await generate(policy, tok, [prompt], { maxNewTokens: 16, seed: 7, temperature: 0 });
await policy.release();
log(`checkpoint: ${out}`);
log(`sample for '${EXAMPLES[0][0]}': ${JSON.stringify(completions[0].text)}`);
if (args.json) console.log(JSON.stringify({ steps, lr, losses, checkpoint: out, sample: completions[0].text }));
// Dawn keeps Node's event loop alive while its instance exists.
process.exit(0);
