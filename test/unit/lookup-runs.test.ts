import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/model/reference/rng.ts';
import { runInductionWarmup } from '../../src/rl/induction-warmup.ts';
import { lookupRunBatch, type LookupMarkers } from '../../src/rl/lookup-runs.ts';
import type { TrainerBackend } from '../../src/train/backend.ts';

// Markers are ids 1–8; row tokens are drawn from 100–999, so a row can be parsed back unambiguously.
const M: LookupMarkers = { header: [1], headerEnd: [2, 3], declare: [4], keyEnd: [8], ask: [5, 6], askEnd: [7] };
const isMarker = (t: number) => t < 100;

/** Splits a row into its files (header, declared key) and its questions (key, answer tokens with their weights). */
function parseRow(row: number[], w: number[]) {
  const files: { header: number[]; key: number[] }[] = [];
  const questions: { key: number[]; answer: number[]; scored: boolean[] }[] = [];
  const runFrom = (i: number) => {
    const run: number[] = [];
    while (i + run.length < row.length && !isMarker(row[i + run.length])) run.push(row[i + run.length]);
    return run;
  };
  for (let i = 0; i < row.length; i++) {
    if (row[i] === 1) files.push({ header: runFrom(i + 1), key: [] });
    if (row[i] === 4) files[files.length - 1].key = runFrom(i + 1);
    if (row[i] === 6) {
      const key = runFrom(i + 1);
      const a = i + 1 + key.length + 1; // after askEnd
      const answer = runFrom(a);
      // Entry t scores token t+1: the answer's tokens are scored through the entries before them.
      questions.push({ key, answer, scored: answer.map((_, j) => w[a + j - 1] < 0) });
    }
  }
  return { files, questions };
}

describe('lookup rows (the which-file hop)', () => {
  const B = 4;
  const T = 256;
  const rand = mulberry32(3);
  const { tokens, weights } = lookupRunBatch(rand, B, T, () => 100 + Math.floor(rand() * 900), M);

  it('fills B rows of T tokens and weights the answers only, as a mean', () => {
    expect(tokens).toHaveLength(B * T);
    expect(weights).toHaveLength(B * T);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(-1, 12);
    for (let i = 0; i < B * T; i++) if (weights[i] !== 0) expect(isMarker(tokens[i + 1])).toBe(false);
  });

  it('answers each question with the header of the file that declares the key, and scores all of it', () => {
    for (let b = 0; b < B; b++) {
      const row = tokens.slice(b * T, (b + 1) * T);
      const { files, questions } = parseRow(row, weights.slice(b * T, (b + 1) * T));
      expect(files.length).toBeGreaterThanOrEqual(3);
      expect(questions.length).toBeGreaterThanOrEqual(3);
      for (const q of questions.slice(0, -1)) {
        // Random keys of distinct files may collide only with negligible odds over 900 tokens.
        const owner = files.find((f) => f.key.join() === q.key.join());
        expect(owner, `key ${q.key} is declared by a file`).toBeDefined();
        expect(q.answer).toEqual(owner!.header);
        expect(q.scored.every(Boolean)).toBe(true);
      }
    }
  });

  it('with declareFirst = 1 every file opens with its declaration, as a one-function module does', () => {
    const r = mulberry32(5);
    const batch = lookupRunBatch(r, 2, T, () => 100 + Math.floor(r() * 900), M, 1);
    let files = 0;
    for (let i = 0; i + 3 < batch.tokens.length; i++)
      if (batch.tokens[i] === 1 && i % T < T - 8) {
        files++;
        const afterHeader = batch.tokens.slice(i + 1).findIndex((t) => t === 2);
        expect(batch.tokens[i + 1 + afterHeader + 2]).toBe(4); // header, headerEnd (2 tokens), declare
      }
    expect(files).toBeGreaterThanOrEqual(6);
  });

  it('scores an answer end marker with the header (the chat layout)', () => {
    const r = mulberry32(6);
    const batch = lookupRunBatch(r, 1, T, () => 100 + Math.floor(r() * 900), { ...M, answerEnd: [9] }, 1);
    const ends = batch.tokens.map((t, i) => (t === 9 ? i : -1)).filter((i) => i > 0);
    expect(ends.length).toBeGreaterThanOrEqual(3);
    for (const i of ends) expect(batch.weights[i - 1]).toBeLessThan(0);
  });

  it('refuses a lookup warm-up without markers or with rows too short for one', async () => {
    const trainer = {} as TrainerBackend; // never reached: the options are checked first
    const o = { steps: 1, learning_rate: 1e-3, warmup_steps: 1, batch: 1, seed: 0 };
    await expect(runInductionWarmup(trainer, [100, 101], { ...o, layout: 'lookup', seqLen: 256 })).rejects.toThrow(
      /needs lookupMarkers/,
    );
    await expect(
      runInductionWarmup(trainer, [100, 101], { ...o, layout: 'lookup', seqLen: 96, lookupMarkers: M }),
    ).rejects.toThrow(/seqLen ≥ 256, got 96/);
  });
});
