// Shared bench arithmetic: medians of repeated runs after warm-up. Used in Node and (via __load) in pages.

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export interface Timing {
  medianMs: number;
  minMs: number;
  maxMs: number;
  runs: number;
}

/** Runs `fn` `warmup` times untimed, then `runs` times timed (each awaited to completion). */
export async function timeRuns(fn: () => Promise<unknown> | unknown, runs = 5, warmup = 1): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return { medianMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times), runs };
}

/** ours/theirs, rounded for printing; NaN when either side is missing. */
export const ratio = (ours: number, theirs: number): number =>
  theirs > 0 && Number.isFinite(ours) ? Math.round((ours / theirs) * 1000) / 1000 : NaN;
