// float64 reference: token embedding gather (forward) and scatter-add (backward).
import { expectLength, expectPositiveInts, type Numeric } from './checks.ts';

function checkToken(op: string, tokens: Numeric, i: number, V: number): number {
  const id = tokens[i];
  if (!Number.isInteger(id) || id < 0 || id >= V)
    throw new RangeError(`${op}: token ${i} is ${id}, outside the vocabulary [0, ${V})`);
  return id;
}

/** out[n, :] = table[tokens[n], :] → [N, C]. */
export function embeddingForward(tokens: Numeric, table: Numeric, V: number, C: number): Float64Array {
  expectPositiveInts('embeddingForward', { V, C });
  expectLength('embeddingForward', 'table', table, V * C);
  const N = tokens.length;
  const out = new Float64Array(N * C);
  for (let n = 0; n < N; n++) {
    const id = checkToken('embeddingForward', tokens, n, V);
    for (let c = 0; c < C; c++) out[n * C + c] = table[id * C + c];
  }
  return out;
}

/** dTable [V, C]: every row n of dOut is added into dTable[tokens[n]] (repeated tokens accumulate). */
export function embeddingBackward(dOut: Numeric, tokens: Numeric, V: number, C: number): Float64Array {
  expectPositiveInts('embeddingBackward', { V, C });
  const N = tokens.length;
  expectLength('embeddingBackward', 'dOut', dOut, N * C);
  const dTable = new Float64Array(V * C);
  for (let n = 0; n < N; n++) {
    const id = checkToken('embeddingBackward', tokens, n, V);
    for (let c = 0; c < C; c++) dTable[id * C + c] += dOut[n * C + c];
  }
  return dTable;
}
