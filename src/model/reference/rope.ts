// float64 reference: rotary position embedding, Hugging Face "rotate_half" layout (halves, not interleaved pairs).
import { expectLength, expectPositiveInts, type Numeric } from './checks.ts';

/** inv_freq[j] = theta^(-2j/hd) for j < hd/2. */
export function ropeInvFreq(hd: number, theta: number): Float64Array {
  const half = hd / 2;
  const f = new Float64Array(half);
  for (let j = 0; j < half; j++) f[j] = Math.pow(theta, (-2 * j) / hd);
  return f;
}

/** Rotates each (x[j], x[j+hd/2]) pair by +angle (sign = 1, forward) or −angle (sign = −1, backward = transpose). */
function rotate(
  op: string,
  x: Numeric,
  positions: Numeric,
  B: number,
  T: number,
  nHeads: number,
  hd: number,
  theta: number,
  sign: number,
): Float64Array {
  expectPositiveInts(op, { B, T, nHeads, hd });
  if (hd % 2 !== 0) throw new RangeError(`${op}: head dimension ${hd} must be even`);
  expectLength(op, 'x', x, B * T * nHeads * hd);
  expectLength(op, 'positions', positions, B * T);
  const half = hd / 2;
  const invFreq = ropeInvFreq(hd, theta);
  const out = new Float64Array(B * T * nHeads * hd);
  for (let bt = 0; bt < B * T; bt++) {
    const pos = positions[bt];
    for (let j = 0; j < half; j++) {
      const angle = pos * invFreq[j];
      const cos = Math.cos(angle);
      const sin = sign * Math.sin(angle);
      for (let h = 0; h < nHeads; h++) {
        const base = (bt * nHeads + h) * hd;
        const a = x[base + j];
        const b = x[base + j + half];
        out[base + j] = a * cos - b * sin;
        out[base + j + half] = b * cos + a * sin;
      }
    }
  }
  return out;
}

/** x: [B, T, nHeads, hd], positions: [B, T]. */
export function ropeForward(
  x: Numeric,
  positions: Numeric,
  B: number,
  T: number,
  nHeads: number,
  hd: number,
  theta: number,
): Float64Array {
  return rotate('ropeForward', x, positions, B, T, nHeads, hd, theta, 1);
}

/** The rotation is orthogonal, so its gradient is the inverse rotation of dy. */
export function ropeBackward(
  dy: Numeric,
  positions: Numeric,
  B: number,
  T: number,
  nHeads: number,
  hd: number,
  theta: number,
): Float64Array {
  return rotate('ropeBackward', dy, positions, B, T, nHeads, hd, theta, -1);
}
