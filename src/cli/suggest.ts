// "Did you mean …": the closest known name to a mistyped one, by edit distance (or a shared prefix).

/** Edit distance where a swap of two neighbours counts as one edit (optimal string alignment). */
function editDistance(a: string, b: string): number {
  const row = (i: number) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0));
  const d = Array.from({ length: a.length + 1 }, (_, i) => row(i));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      const swapped = i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1];
      if (swapped) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The known name nearest to `typed` when it is plausibly a typo (distance ≤ a third of its length, min 1). */
export function closest(typed: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const prefix = k.startsWith(typed) || typed.startsWith(k);
    const d = prefix ? Math.min(1, editDistance(typed, k)) : editDistance(typed, k);
    if (d < bestD) [best, bestD] = [k, d];
  }
  return bestD <= Math.max(1, Math.floor(typed.length / 3)) ? best : undefined;
}

export function didYouMean(typed: string, known: Iterable<string>, prefix = ''): string {
  const c = closest(typed, known);
  return c === undefined ? '' : ` (did you mean ${prefix}${c}?)`;
}
