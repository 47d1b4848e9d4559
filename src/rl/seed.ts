// Per-step random streams derived from (seed, purpose, step): nothing random carries state from one step to the
// next, so a run resumed at step k draws exactly what an uninterrupted run draws there.
import { hashString } from '../tasks/rng.ts';

export const hashSeed = (seed: number, purpose: string, step: number): number =>
  hashString(`${seed}|${purpose}|${step}`);
