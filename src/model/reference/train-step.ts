// float64 reference of one optimizer step as the Trainer performs it: skip on any non-finite gradient,
// global-norm clip, then AdamW with weight decay on 2-D weights only (norm weights are not decayed).
import { adamwReference, clipReference, globalNormReference, hasNonFinite } from './optim.ts';
import type { ParamMap } from './params.ts';

export interface AdamwState {
  m: ParamMap;
  v: ParamMap;
  /** Steps taken so far (skipped steps do not count). */
  step: number;
}

export interface StepHyper {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  /** Clip the global gradient norm to this; omit for no clipping. */
  maxNorm?: number;
}

/** HF norm weights (input_layernorm, post_attention_layernorm, model.norm) are 1-D and not decayed. */
export const isDecayed = (name: string): boolean => !name.endsWith('norm.weight');

export function newAdamwState(params: ParamMap): AdamwState {
  const zeros = (): ParamMap => new Map([...params].map(([n, p]) => [n, new Float64Array(p.length)]));
  return { m: zeros(), v: zeros(), step: 0 };
}

/**
 * Updates params and state in place (grads are clipped in place); returns the pre-clip norm and whether the step was
 * skipped.
 */
export function referenceOptimizerStep(
  params: ParamMap,
  grads: ParamMap,
  state: AdamwState,
  hp: StepHyper,
): { gradNorm: number; skipped: boolean } {
  const names = [...params.keys()];
  const g = names.map((n) => {
    const t = grads.get(n);
    if (!t) throw new RangeError(`referenceOptimizerStep: no gradient for tensor ${n}`);
    return t;
  });
  if (g.some(hasNonFinite)) return { gradNorm: globalNormReference(g), skipped: true };
  const gradNorm = hp.maxNorm === undefined ? globalNormReference(g) : clipReference(g, hp.maxNorm);
  state.step++;
  names.forEach((n, i) => {
    const { weightDecay, ...rest } = hp;
    adamwReference(params.get(n)!, g[i], state.m.get(n)!, state.v.get(n)!, {
      ...rest,
      weightDecay: isDecayed(n) ? weightDecay : 0,
      step: state.step,
    });
  });
  return { gradNorm, skipped: false };
}
