// float64 reference: SwiGLU gating h = silu(gate) ⊙ up, silu(z) = z·σ(z).
import { expectLength, type Numeric } from './checks.ts';

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

export function swigluForward(gate: Numeric, up: Numeric): Float64Array {
  expectLength('swigluForward', 'up', up, gate.length);
  const h = new Float64Array(gate.length);
  for (let i = 0; i < gate.length; i++) h[i] = gate[i] * sigmoid(gate[i]) * up[i];
  return h;
}

/** silu'(z) = σ(z)·(1 + z·(1 − σ(z))). */
export function swigluBackward(dh: Numeric, gate: Numeric, up: Numeric): { dgate: Float64Array; dup: Float64Array } {
  expectLength('swigluBackward', 'up', up, gate.length);
  expectLength('swigluBackward', 'dh', dh, gate.length);
  const dgate = new Float64Array(gate.length);
  const dup = new Float64Array(gate.length);
  for (let i = 0; i < gate.length; i++) {
    const z = gate[i];
    const s = sigmoid(z);
    dup[i] = dh[i] * z * s;
    dgate[i] = dh[i] * up[i] * s * (1 + z * (1 - s));
  }
  return { dgate, dup };
}
