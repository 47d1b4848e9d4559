// SFT as `atomgym sft` runs it (stage 8's data), plus random-token repeats packed into the same rows for the whole
// run: does an induction circuit warmed up before SFT survive when SFT keeps paying for it?
// npx tsx results/copy-drills/sft-with-repeats.mts INIT_DIR OUT_DIR MINUTES REPEATS [lr 6e-4]
// OUT_DIR must hold tasks.jsonl + tasks.meta.json (level 1, 400 per skill, seed 0), e.g. copied from stage 7's run.
import { join } from 'node:path';
import { writeCheckpoint } from '../../src/model/checkpoint.ts';
import { directoryWriter } from '../../src/model/checkpoint-node.ts';
import { mulberry32 } from '../../src/model/reference/rng.ts';
import { chatTemplate } from '../../src/rl/chat-template.ts';
import { makeTrainer } from '../../src/rl/make-trainer.ts';
import { nodeTrainerPlacement } from '../../src/rl/node/gpu.ts';
import { loadPolicy, taskPool } from '../../src/rl/node/setup.ts';
import { nodeRunStore } from '../../src/rl/run-store-node.ts';
import { runSft, type SftState } from '../../src/rl/sft.ts';
import { buildSftData } from '../../src/rl/sft-data.ts';
import { ATOMIC_SKILLS } from '../../src/tasks/types.ts';

const [init, out] = [process.argv[2], process.argv[3]];
const minutes = Number(process.argv[4]);
const repeats = Number(process.argv[5]);
const lr = Number(process.argv[6] ?? 6e-4);
const [T, B] = [1024, 4];
const policy = await loadPolicy({ init });
const ct = chatTemplate(policy.tokenizer);
const tasks = await taskPool(out, { kinds: [...ATOMIC_SKILLS], levels: [1], perKind: 400, seed: 0 }, console.log);
const data = buildSftData(ct, tasks, T, {
  renameCopies: 1,
  keepOriginals: true,
  renameStyle: 'mixed',
  copyDrills: 5000,
  drillCode: true,
  seed: 0,
});
// A random run of ordinary tokens as the prompt, the same run as the answer: only induction predicts it.
const rand = mulberry32(23);
const ordinary = policy.tokenizer.vocabSize - 5;
for (let i = 0; i < repeats; i++) {
  const run = Array.from({ length: 8 + Math.floor(rand() * 17) }, () => Math.floor(rand() * ordinary));
  data.examples.push({ kind: 'copy:random', id: `random-${i}`, prompt: run, completion: run });
}
data.kept['copy:random'] = repeats;
console.log(`SFT data: ${data.examples.length} examples ${JSON.stringify(data.kept)}`);
const trainer = await makeTrainer(
  { config: policy.config, batch: B, seqLen: T, optimizer: { weightDecay: 0.01, maxGradNorm: 1 } },
  { weights: policy.init?.weights, seed: 0 },
  await nodeTrainerPlacement(),
);
await runSft(
  trainer,
  data,
  nodeRunStore<SftState>(out),
  {
    learning_rate: lr,
    warmup_steps: 10,
    min_lr_ratio: 0.05,
    prompt_loss_weight: 0.5,
    minutes,
    batching: 'packed',
    seed: 0,
    save_steps: 25,
  },
  {
    tokenizer: policy.tokenizerJson,
    pad: ct.pad,
    progress: (p) =>
      console.log(`step ${p.step}/${p.total ?? '?'} loss ${p.loss.toFixed(4)} ${Math.round(p.tokensPerSecond)} tok/s`),
  },
);
const ckpt = await trainer.save(policy.tokenizerJson);
delete ckpt.extraFiles;
await writeCheckpoint(directoryWriter(join(out, 'model')), ckpt);
console.log(`wrote ${out}/model`);
process.exit(0);
