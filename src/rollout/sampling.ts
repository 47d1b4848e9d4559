// One sampling decision from a row of logits: temperature → top-k → top-p (the order HF's generate applies them),
// renormalised. Returns the token, its log-probability under that sampling distribution, and under the unmodified
// model distribution (log_softmax of the raw logits), both computed in float64.

export interface SamplingParams {
  /** 0 = greedy (argmax; the sampling distribution is a point mass, logprob 0). Default 1. */
  temperature?: number;
  /** Keep only the k most likely tokens; 0 or undefined = all. */
  topK?: number;
  /** Keep the smallest set of most likely tokens whose probability reaches p; 1 = all. */
  topP?: number;
}

export interface Pick {
  token: number;
  logprob: number;
  modelLogprob: number;
}

export function validateSampling(p: SamplingParams): Required<SamplingParams> {
  const temperature = p.temperature ?? 1;
  const topK = p.topK ?? 0;
  const topP = p.topP ?? 1;
  if (!(temperature >= 0) || !Number.isFinite(temperature))
    throw new RangeError(`sampling: temperature must be ≥ 0, got ${temperature}`);
  if (!Number.isInteger(topK) || topK < 0)
    throw new RangeError(`sampling: topK must be a non-negative integer, got ${topK}`);
  if (!(topP > 0 && topP <= 1)) throw new RangeError(`sampling: topP must be in (0, 1], got ${topP}`);
  return { temperature, topK, topP };
}

/** logits: the row (offset .. offset+V) of a larger array; u: a uniform in [0,1) from the sequence's RNG. */
export function sampleRow(
  logits: Float32Array,
  offset: number,
  V: number,
  params: Required<SamplingParams>,
  u: number,
  scratch: Float64Array,
): Pick {
  let max = -Infinity;
  let argmax = 0;
  for (let j = 0; j < V; j++) {
    const l = logits[offset + j];
    if (l > max) {
      max = l;
      argmax = j;
    }
  }
  if (!Number.isFinite(max)) throw new RangeError(`sampling: logits row has no finite maximum (${max})`);
  const p = scratch;
  let z = 0;
  for (let j = 0; j < V; j++) z += p[j] = Math.exp(logits[offset + j] - max);
  const lse = max + Math.log(z);
  const modelLogprob = (t: number) => logits[offset + t] - lse;
  if (params.temperature === 0) return { token: argmax, logprob: 0, modelLogprob: modelLogprob(argmax) };

  // Unnormalised weights at the temperature (the max has weight 1), then the kept set.
  if (params.temperature !== 1) {
    const invT = 1 / params.temperature;
    for (let j = 0; j < V; j++) p[j] = Math.exp((logits[offset + j] - max) * invT);
  }
  const filtering = (params.topK > 0 && params.topK < V) || params.topP < 1;
  const kept = filtering ? keptTokens(p, V, params) : null;
  const ids = kept ?? null;
  let total = 0;
  if (ids) for (const j of ids) total += p[j];
  else for (let j = 0; j < V; j++) total += p[j];
  const target = u * total;
  let cum = 0;
  let token = -1;
  const count = ids ? ids.length : V;
  for (let i = 0; i < count; i++) {
    const j = ids ? ids[i] : i;
    cum += p[j];
    if (target < cum) {
      token = j;
      break;
    }
  }
  if (token < 0) {
    // u·total rounded up to the full sum: take the last token with non-zero weight.
    for (let i = count - 1; i >= 0; i--) {
      const j = ids ? ids[i] : i;
      if (p[j] > 0) {
        token = j;
        break;
      }
    }
  }
  return { token, logprob: Math.log(p[token] / total), modelLogprob: modelLogprob(token) };
}

const IDX_BITS = 2 ** 20;
let keys = new Float64Array(0);

/**
 * The top-k / top-p set, largest first. Sorting all V weights dominates, so candidates above a threshold are sorted
 * first; that is exact whenever the kept set lies inside them (it is a prefix of the full order), else the threshold
 * drops.
 */
function keptTokens(p: Float64Array, V: number, params: Required<SamplingParams>): Int32Array {
  let total = 0;
  for (let j = 0; j < V; j++) total += p[j];
  const k = params.topK > 0 ? Math.min(params.topK, V) : V;
  for (let tau = 1e-3; tau > 1e-12; tau *= 1e-3) {
    const cand: number[] = [];
    for (let j = 0; j < V; j++) if (p[j] >= tau) cand.push(j);
    if (cand.length < k && params.topK > 0 && params.topP < 1) continue; // the top-k mass needs the whole top-k
    const order = descendingOrder(p, V, Int32Array.from(cand));
    const n = cutoff(p, order, k, params.topP, params.topK > 0 ? -1 : total);
    if (n > 0) return order.subarray(0, n);
  }
  const all = descendingOrder(p, V, null);
  return all.subarray(0, cutoff(p, all, k, params.topP, -1) || Math.min(k, V));
}

/** Kept-prefix length in `order`, or 0 when `order` is too short to decide; total < 0 means "sum of the top-k". */
function cutoff(p: Float64Array, order: Int32Array, k: number, topP: number, total: number): number {
  if (order.length >= k) {
    if (topP >= 1) return k;
    if (total < 0) {
      total = 0;
      for (let i = 0; i < k; i++) total += p[order[i]];
    }
  } else if (topP >= 1 || total < 0) return 0;
  let cum = 0;
  const limit = Math.min(k, order.length);
  for (let i = 0; i < limit; i++) {
    cum += p[order[i]];
    if (cum >= topP * total) return i + 1;
  }
  return limit === k ? k : 0;
}

/**
 * Token ids by weight, largest first (ties: smaller id first). A native Float64Array sort of packed keys
 * (weight quantised to 32 bits, then the id) is ~10× faster than sorting an index array with a comparator.
 */
function descendingOrder(p: Float64Array, V: number, subset: Int32Array | null): Int32Array {
  if (V > IDX_BITS) throw new RangeError(`sampling: vocabulary ${V} exceeds ${IDX_BITS}`);
  const n = subset ? subset.length : V;
  if (keys.length < n) keys = new Float64Array(V);
  const k = keys.subarray(0, n);
  for (let i = 0; i < n; i++) {
    const j = subset ? subset[i] : i;
    k[i] = Math.floor(p[j] * 4294967295) * IDX_BITS + (IDX_BITS - 1 - j);
  }
  k.sort();
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = IDX_BITS - 1 - (k[n - 1 - i] % IDX_BITS);
  return order;
}
