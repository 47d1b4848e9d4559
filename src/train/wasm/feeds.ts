// The wasm trainer's batch inputs as preallocated host arrays wrapped once in ORT tensors: filling them for a new
// batch allocates nothing. Also decides which entries score which token (the Trainer convention: entry (b,t)
// scores token t+1 when t < T−1 and that token is real and sees t: src/model/packed-rows.ts), so the graph only
// gathers. The mask goes to the graph as it is: its values also tell a packed row's segments apart.
import type * as OrtNs from 'onnxruntime-web';
import { checkMask, checkTokens, flattenBatch, positionsFromMask, type BatchInput } from '../batch.ts';
import { scoresNext } from '../../model/packed-rows.ts';
import type { Ort } from '../../rollout/ort.ts';

export class BatchFeeds {
  readonly tensors: Record<string, OrtNs.Tensor>;
  private readonly tokens: Uint32Array;
  private readonly mask: Uint32Array;
  private readonly positions: Uint32Array;
  private readonly ids: BigInt64Array;
  private readonly pos: BigInt64Array;
  private readonly maskF: Float32Array;
  private readonly targets: BigInt64Array;
  private readonly score: Float32Array;
  /** Loss weights of the next backward, [N]. */
  readonly lossWeights: Float32Array;

  constructor(
    ort: Ort,
    readonly B: number,
    readonly T: number,
    private readonly vocab: number,
  ) {
    const N = B * T;
    [this.tokens, this.mask, this.positions] = [new Uint32Array(N), new Uint32Array(N), new Uint32Array(N)];
    [this.ids, this.pos, this.targets] = [new BigInt64Array(N), new BigInt64Array(N), new BigInt64Array(N)];
    [this.maskF, this.score, this.lossWeights] = [new Float32Array(N), new Float32Array(N), new Float32Array(N)];
    this.tensors = {
      input_ids: new ort.Tensor('int64', this.ids, [B, T]),
      position_ids: new ort.Tensor('int64', this.pos, [B, T]),
      attention_mask: new ort.Tensor('float32', this.maskF, [B, T]),
      targets: new ort.Tensor('int64', this.targets, [N, 1]),
      score_mask: new ort.Tensor('float32', this.score, [N, 1]),
      loss_weights: new ort.Tensor('float32', this.lossWeights, [N, 1]),
    };
  }

  /** Checks and writes a batch (errors name the input, row and bad entry). */
  setBatch(tokens: BatchInput, mask: BatchInput): void {
    const { B, T } = this;
    flattenBatch('tokens', tokens, B, T, this.tokens);
    checkTokens(this.tokens, this.vocab);
    flattenBatch('mask', mask, B, T, this.mask);
    checkMask(this.mask);
    positionsFromMask(this.mask, B, T, this.positions);
    for (let i = 0; i < B * T; i++) {
      const t = i % T;
      const scored = scoresNext(this.mask, (i - t) / T, t, T);
      this.ids[i] = BigInt(this.tokens[i]);
      this.pos[i] = BigInt(this.positions[i]);
      this.maskF[i] = this.mask[i];
      this.targets[i] = scored ? BigInt(this.tokens[i + 1]) : 0n;
      this.score[i] = scored ? 1 : 0;
    }
  }

  setLossWeights(weights: BatchInput): void {
    flattenBatch('weights', weights, this.B, this.T, this.lossWeights);
  }
}
