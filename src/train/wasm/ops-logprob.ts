// ONNX token embedding and next-token log-probabilities, forward and backward — the float32 counterparts of
// src/model/reference/embedding.ts and logprob.ts. Which entry scores which token is decided on the host
// (targets and score mask, see feeds.ts); here logprob[n] = logsoftmax(logits[n])[target[n]] · score[n].
import type { GraphBuilder } from '../../model/onnx/builder.ts';
import type { Dims } from './ops.ts';

/** ids [B,T] int64 → rows of the table, [N,C]. */
export const embeddingForward = (g: GraphBuilder, d: Dims, table: string, ids: string): string =>
  g.op('Reshape', [g.op('Gather', [table, ids]), g.ints([d.N, d.C])]);

/** Scatter-add of the rows of dOut [N,C] into `into` [V,C] at ids (repeated tokens accumulate, ScatterND add). */
export const embeddingBackward = (g: GraphBuilder, d: Dims, into: string, ids: string, dOut: string): string =>
  g.op('ScatterND', [into, g.op('Reshape', [ids, g.ints([d.N, 1])]), dOut], { reduction: 'add' });

/** logsm = log_softmax(logits) [N,V] (saved for the backward); logprobs [N,1]. */
export function logprobForward(
  g: GraphBuilder,
  logits: string,
  targets: string,
  score: string,
): { logsm: string; logprobs: string } {
  const logsm = g.op('LogSoftmax', [logits], { axis: -1 });
  return { logsm, logprobs: g.op('Mul', [g.op('GatherElements', [logsm, targets], { axis: 1 }), score]) };
}

/** dL/dlogits = w·(onehot(target) − softmax) on scored rows, w = loss weight ⊙ score mask, [N,V]. */
export function logprobBackward(
  g: GraphBuilder,
  d: Dims,
  logsm: string,
  targets: string,
  score: string,
  weights: string,
): string {
  const w = g.op('Mul', [weights, score]);
  const vocab = g.ints(Array.from({ length: d.V }, (_, i) => i)); // [V], broadcast against targets [N,1]
  const onehot = g.op('Cast', [g.op('Equal', [targets, vocab])], { to: 1 });
  return g.op('Mul', [g.op('Sub', [onehot, g.op('Exp', [logsm])]), w]);
}
