// Seeded PRNG for deterministic initialisation and test inputs (mulberry32 + Box–Muller).

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard-normal samples from a seeded uniform source. */
export function normalSampler(seed: number): () => number {
  const u = mulberry32(seed);
  return () => {
    const u1 = 1 - u(); // (0, 1]: log stays finite
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u());
  };
}

export function randomNormal(n: number, seed: number, std = 1): Float64Array {
  const next = normalSampler(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = next() * std;
  return out;
}
