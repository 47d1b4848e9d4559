// Splits for composite tasks: by seed range AND by family. A family belongs to exactly one split, so test
// families never appear in train; seeds are offset per split so no (family, seed) pair repeats across splits.
import { hashString } from '../rng.ts';
import type { Split } from '../types.ts';

export const SPLIT_SEED_OFFSET: Record<Split, number> = { train: 0, val: 1_000_000, test: 2_000_000 };

/**
 * Deterministic family → split assignment: families are ordered by hash; every 5th goes to test, the one after
 * it to val, the rest to train. Kinds with fewer than three families still get one family per split.
 */
export function familySplit(families: readonly string[]): Record<string, Split> {
  const ordered = [...families].sort((a, b) => hashString(a) - hashString(b) || a.localeCompare(b));
  const out: Record<string, Split> = {};
  ordered.forEach((f, i) => {
    out[f] = i % 5 === 0 ? 'test' : i % 5 === 1 ? 'val' : 'train';
  });
  return out;
}

export function familiesOf(families: readonly string[], split: Split): string[] {
  const assignment = familySplit(families);
  const chosen = families.filter((f) => assignment[f] === split);
  if (chosen.length === 0)
    throw new Error(`composite splits: no family assigned to split '${split}' among ${families.join(', ')}`);
  return chosen;
}
