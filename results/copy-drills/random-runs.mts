// A batch of rows made of random token runs, each followed by itself, with the trainer weights that score the
// repeats only (mean NLL): only an induction circuit predicts them. Shared by induction.mts and induction-warmup.mts.
export function randomRunBatch(
  rand: () => number,
  B: number,
  T: number,
  token: () => number,
): { tokens: number[]; weights: number[] } {
  const tokens: number[] = [];
  const scored: boolean[] = [];
  for (let b = 0; b < B; b++) {
    const row: number[] = [];
    const hit: boolean[] = [];
    while (row.length < T) {
      const run = Array.from({ length: 6 + Math.floor(rand() * 19) }, token);
      row.push(...run, ...run);
      hit.push(...run.map(() => false), ...run.map((_, i) => i > 0));
    }
    tokens.push(...row.slice(0, T));
    scored.push(...hit.slice(0, T));
  }
  // Entry t scores token t+1 (the Trainer's convention); step() minimises Σ w·logprob, so w = −1/n.
  const n = scored.filter((x, i) => x && i % T > 0).length;
  const weights = tokens.map((_, i) => (i % T < T - 1 && scored[i + 1] ? -1 / n : 0));
  return { tokens, weights };
}
