// Batches of random token runs with trainer weights that score only the repeated runs (mean NLL): only an induction
// circuit predicts them. Used by the induction warm-up (induction-warmup.ts) and results/copy-drills' probes.

import type { Tokenizer } from '../model/tokenizer/index.ts';

type Batch = { tokens: number[]; weights: number[] };

/** The ids of `tok`'s ordinary (non-special) tokens: what random runs and lookup rows are drawn from. */
export function ordinaryTokenIds(tok: Tokenizer): number[] {
  const ordinary: number[] = [];
  for (let id = 0; id < tok.vocabSize; id++) if (!tok.isSpecial(id)) ordinary.push(id);
  return ordinary;
}

/** B rows of T tokens, each filled by `row` (tokens and whether each is scored), then the weights. */
function runBatch(B: number, T: number, row: () => { row: number[]; hit: boolean[] }): Batch {
  const tokens: number[] = [];
  const scored: boolean[] = [];
  for (let b = 0; b < B; b++) {
    const r = row();
    tokens.push(...r.row.slice(0, T));
    scored.push(...r.hit.slice(0, T));
  }
  // Entry t scores token t+1 (the Trainer's convention); step() minimises Σ w·logprob, so w = −1/n.
  const n = scored.filter((x, i) => x && i % T > 0).length;
  const weights = tokens.map((_, i) => (i % T < T - 1 && scored[i + 1] ? -1 / n : 0));
  return { tokens, weights };
}

const freshRun = (rand: () => number, token: () => number) =>
  Array.from({ length: 6 + Math.floor(rand() * 19) }, token);

/** Each run of 6–24 tokens is followed by itself; the repeat is scored from its second token on. */
export function randomRunBatch(rand: () => number, B: number, T: number, token: () => number): Batch {
  return runBatch(B, T, () => {
    const row: number[] = [];
    const hit: boolean[] = [];
    while (row.length < T) {
      const run = freshRun(rand, token);
      row.push(...run, ...run);
      hit.push(...run.map(() => false), ...run.map((_, i) => i > 0));
    }
    return { row, hit };
  });
}

/**
 * A run, once shown, may come back anywhere later in the row (half of the runs are such recalls): the copy distance
 * ranges from a few tokens to the whole row, as a name copied out of a prompt's code does. Recalls are scored from
 * their second token on.
 */
export function recallRunBatch(rand: () => number, B: number, T: number, token: () => number): Batch {
  return runBatch(B, T, () => {
    const row: number[] = [];
    const hit: boolean[] = [];
    const shown: number[][] = [];
    while (row.length < T) {
      const recall = shown.length > 0 && rand() < 0.5;
      const run = recall ? shown[Math.floor(rand() * shown.length)] : freshRun(rand, token);
      if (!recall) shown.push(run);
      row.push(...run);
      hit.push(...run.map((_, i) => recall && i > 0));
    }
    return { row, hit };
  });
}
