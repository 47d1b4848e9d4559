// What every probe and drill script under results/ starts from: a checkpoint, its tokenizer, and a Trainer on the
// wasm backend over its weights, shaped `batch` rows of `seqLen` tokens (forwardBackward scores, step trains).
import { readCheckpoint } from '../src/model/checkpoint.ts';
import { directoryReader } from '../src/model/checkpoint-node.ts';
import { tokenizerFromHfJson } from '../src/model/tokenizer/index.ts';
import { makeTrainer } from '../src/rl/make-trainer.ts';

export async function probeTrainer(dir: string, batch: number, seqLen: number) {
  const { checkpoint } = await readCheckpoint(directoryReader(dir), { source: dir, requireTokenizer: true });
  const tok = tokenizerFromHfJson(JSON.stringify(checkpoint.tokenizer), dir);
  const trainer = await makeTrainer(
    { config: checkpoint.config, batch, seqLen, optimizer: {} },
    { weights: checkpoint.weights, seed: 0 },
    { backend: 'wasm' },
  );
  return { checkpoint, tok, trainer };
}
