// Seeded randomness for sampling. Each generated sequence owns a stream derived from (seed, prompt tokens, sample
// index), so its text does not depend on which other prompts share the batch or in which order.

/** 32-bit FNV-1a over numbers, for deriving stream seeds. */
export function hashNumbers(values: Iterable<number>, h = 0x811c9dc5): number {
  for (const v of values) {
    let x = v >>> 0;
    for (let i = 0; i < 4; i++) {
      h ^= x & 0xff;
      h = Math.imul(h, 0x01000193) >>> 0;
      x >>>= 8;
    }
  }
  return h >>> 0;
}

/** sfc32: small, fast, good-quality 32-bit generator; returns uniforms in [0, 1) with 32 bits of resolution. */
export function sfc32(seed: number): () => number {
  let a = 0x9e3779b9,
    b = 0x243f6a88,
    c = 0xb7e15162,
    d = seed >>> 0;
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next(); // mix the seed in
  return next;
}

export function sequenceRng(seed: number, promptTokens: readonly number[], sample: number): () => number {
  return sfc32(hashNumbers([seed, sample, promptTokens.length], hashNumbers(promptTokens)));
}
