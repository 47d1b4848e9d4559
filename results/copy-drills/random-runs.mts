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

/**
 * Rows of random runs in which a run, once shown, may come back anywhere later in the row (half of the runs are
 * such recalls): the copy distance ranges from a few tokens to the whole row, as a name copied out of a prompt's
 * code does. Weights score each recalled run from its second token on (mean NLL).
 */
export function recallRunBatch(
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
    const shown: number[][] = [];
    while (row.length < T) {
      if (shown.length > 0 && rand() < 0.5) {
        const run = shown[Math.floor(rand() * shown.length)];
        row.push(...run);
        hit.push(...run.map((_, i) => i > 0));
      } else {
        const run = Array.from({ length: 6 + Math.floor(rand() * 19) }, token);
        shown.push(run);
        row.push(...run);
        hit.push(...run.map(() => false));
      }
    }
    tokens.push(...row.slice(0, T));
    scored.push(...hit.slice(0, T));
  }
  const n = scored.filter((x, i) => x && i % T > 0).length;
  const weights = tokens.map((_, i) => (i % T < T - 1 && scored[i + 1] ? -1 / n : 0));
  return { tokens, weights };
}
