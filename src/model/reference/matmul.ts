// float64 CPU reference for the matmul family: C (+)= op(A)·op(B) (+ bias), row-major.
// The three products a backward pass needs: nn: A[M,K]·B[K,N]; tn: Aᵀ with A[K,M]; nt: Bᵀ with B[N,K].

export type MatmulVariant = 'nn' | 'tn' | 'nt';

export interface MatmulRefSpec {
  M: number;
  N: number;
  K: number;
  variant: MatmulVariant;
  /** Add into `c` instead of overwriting it. */
  accumulate?: boolean;
}

type Numeric = ArrayLike<number>;

export function matmulReference(
  spec: MatmulRefSpec,
  a: Numeric,
  b: Numeric,
  c?: Float64Array,
  bias?: Numeric,
): Float64Array {
  const { M, N, K, variant } = spec;
  const out = c ?? new Float64Array(M * N);
  if (out.length < M * N) throw new RangeError(`matmulReference: C has ${out.length} elements, needs ${M * N}`);
  const aAt = variant === 'tn' ? (i: number, k: number) => a[k * M + i] : (i: number, k: number) => a[i * K + k];
  const bAt = variant === 'nt' ? (k: number, j: number) => b[j * K + k] : (k: number, j: number) => b[k * N + j];
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = bias ? bias[j] : 0;
      for (let k = 0; k < K; k++) s += aAt(i, k) * bAt(k, j);
      out[i * N + j] = spec.accumulate ? out[i * N + j] + s : s;
    }
  }
  return out;
}
