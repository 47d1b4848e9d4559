// Every function family of the procedural world, and the split each belongs to.
import type { Split } from '../../types.ts';
import { hashString } from '../../rng.ts';
import { CATEGORIES, type Family } from '../family.ts';
import { STRING_FAMILIES } from './strings.ts';
import { ARRAY_FAMILIES } from './arrays.ts';
import { MATH_FAMILIES } from './math.ts';
import { PARSING_FAMILIES } from './parsing.ts';
import { DATA_FAMILIES } from './data.ts';
import { VALIDATION_FAMILIES } from './validation.ts';
import { FORMATTING_FAMILIES } from './formatting.ts';
import { EXTENDED_FAMILIES } from './extended/index.ts';

export const FAMILIES: readonly Family[] = [
  ...STRING_FAMILIES,
  ...ARRAY_FAMILIES,
  ...MATH_FAMILIES,
  ...PARSING_FAMILIES,
  ...DATA_FAMILIES,
  ...VALIDATION_FAMILIES,
  ...FORMATTING_FAMILIES,
];

/**
 * Family → split. Within each category, families are ordered by a hash of their name; the first ~15% (at least
 * one) go to test, the next ~10% (at least one) to val, the rest to train. Fixed by the family names alone; a new
 * core family can move others across a cut, so new behaviours go to ./extended (train-only, outside this order).
 */
function assignSplits(): Map<string, Split> {
  const out = new Map<string, Split>();
  for (const category of CATEGORIES) {
    const members = FAMILIES.filter((f) => f.category === category).sort(
      (a, b) => hashString(a.name) - hashString(b.name) || a.name.localeCompare(b.name),
    );
    const nTest = Math.max(1, Math.round(members.length * 0.15));
    const nVal = Math.max(1, Math.round(members.length * 0.1));
    members.forEach((f, i) => out.set(f.name, i < nTest ? 'test' : i < nTest + nVal ? 'val' : 'train'));
  }
  return out;
}

export const FAMILY_SPLIT: ReadonlyMap<string, Split> = assignSplits();

/**
 * Which families a generator draws from: `core` (the split-assigned families above; every shipped recipe and
 * evaluation so far) or `extended` (core, plus for the train split the train-only families of ./extended).
 */
export type FamilySet = 'core' | 'extended';
export const FAMILY_SETS: readonly FamilySet[] = ['core', 'extended'];

export function familiesFor(split: Split, set: FamilySet = 'core'): Family[] {
  const core = FAMILIES.filter((f) => FAMILY_SPLIT.get(f.name) === split);
  return set === 'extended' && split === 'train' ? [...core, ...EXTENDED_FAMILIES] : core;
}
