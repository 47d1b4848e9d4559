// SFT: the loss falls on a small demonstration set, a run stopped and resumed logs and ends exactly like an
// uninterrupted one, the schedule warms up and decays, packing respects the row length and examples that do not
// fit are counted by kind; real oracle demonstrations go through the chat template with weights on answers only.
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tokenizerFromHfJson } from '../../src/model/tokenizer/index.ts';
import { initParams } from '../../src/model/reference/params.ts';
import {
  chatTemplate,
  decodeCompletion,
  encodeAnswer,
  encodePrompt,
  layoutRow,
  placeCompletionWeights,
  tokenizerChatTemplate,
} from '../../src/rl/chat-template.ts';
import { makeTrainer } from '../../src/rl/make-trainer.ts';
import { nodeRunStore } from '../../src/rl/run-store-node.ts';
import { learningRate, runSft, type SftOptions, type SftState } from '../../src/rl/sft.ts';
import {
  buildSftData,
  epochBatches,
  lookupDrills,
  randomRepeats,
  recallDrills,
  type SftData,
} from '../../src/rl/sft-data.ts';
import { createQuickJsSandbox } from '../../src/sandbox/index.ts';
import { generateTaskPool } from '../../src/rl/task-env.ts';
import { SKILLS } from '../../src/tasks/registry.ts';
import { diffToEditBlock, EDIT_FORMAT, LINE_EDIT_FORMAT } from '../../src/tasks/skills/edits.ts';
import type { EditingTask } from '../../src/tasks/skills/editing.ts';
import { TOY_CONFIG } from './rl-toy-env.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});
const tempDir = async () => {
  const d = await mkdtemp(join(tmpdir(), 'atomgym-sft-'));
  dirs.push(d);
  return d;
};

// Toy demonstrations: prompt [1, k] → answer [k+2, k+3, 15].
const toy: SftData = {
  examples: Array.from({ length: 10 }, (_, k) => ({
    kind: k % 2 ? 'a' : 'b',
    id: `t${k}`,
    prompt: [1, k + 2],
    completion: [((k + 2) % 14) + 1, ((k + 3) % 14) + 1, 15],
  })),
  tooLong: {},
  kept: { a: 5, b: 5 },
  fitted: {},
  shortForms: {},
  packageSurface: 0,
};
const T = 12;
const opts = (o: Partial<SftOptions>): SftOptions => ({
  learning_rate: 2e-2,
  warmup_steps: 2,
  min_lr_ratio: 0.1,
  batching: 'packed',
  seed: 3,
  save_steps: 100,
  ...o,
});
const trainer = () =>
  makeTrainer({ config: TOY_CONFIG, batch: 2, seqLen: T }, { weights: initParams(TOY_CONFIG, 2, 0.2) });
const noTimes = (r: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(r).filter(([k]) => !/time|elapsed|per_second/.test(k)));

class Killed extends Error {}

describe('SFT', () => {
  it('lowers the answer NLL; a run killed between snapshots resumes to the same log and weights', async () => {
    const whole = await tempDir();
    const a = await trainer();
    const sa = await runSft(a, toy, nodeRunStore<SftState>(whole), opts({ max_steps: 9, save_steps: 3 }), { pad: 0 });
    const wa = await a.getWeights();
    a.destroy();
    const la = await nodeRunStore(whole).readLog();
    expect(sa.step).toBe(9);
    expect(la[8].loss as number).toBeLessThan((la[0].loss as number) * 0.6);

    // The process dies after logging step 5, before the snapshot at 6: the store holds the snapshot at 3 and 5 log
    // lines.
    const split = await tempDir();
    const b1 = await trainer();
    const kill = (p: { step: number }) => {
      if (p.step === 5) throw new Killed();
    };
    await expect(
      runSft(b1, toy, nodeRunStore<SftState>(split), opts({ max_steps: 9, save_steps: 3 }), { pad: 0, progress: kill }),
    ).rejects.toThrow(Killed);
    b1.destroy();
    expect(await nodeRunStore(split).readLog()).toHaveLength(5);
    const b2 = await trainer();
    const sb = await runSft(b2, toy, nodeRunStore<SftState>(split), opts({ max_steps: 9, save_steps: 3 }), { pad: 0 });
    const wb = await b2.getWeights();
    b2.destroy();
    expect(sb.step).toBe(9);
    expect((await nodeRunStore(split).readLog()).map(noTimes)).toEqual(la.map(noTimes));
    for (const [n, w] of wa) expect(Array.from(wb.get(n)!), n).toEqual(Array.from(w));

    // Every toy answer has 3 tokens, so the step's loss is the kinds' per-token losses weighted by their answers.
    for (const line of la) {
      const kinds = Object.keys(line).filter((k) => k.startsWith('loss/'));
      expect(kinds.length).toBeGreaterThan(0);
      expect(kinds.every((k) => ['loss/a', 'loss/b'].includes(k))).toBe(true);
      const byKind = kinds.map((k) => line[k] as number);
      expect(line.loss as number).toBeGreaterThanOrEqual(Math.min(...byKind) - 1e-9);
      expect(line.loss as number).toBeLessThanOrEqual(Math.max(...byKind) + 1e-9);
    }
  }, 300_000);

  it("prompt_loss_weight adds the prompt tokens' NLL to the loss: the prompt NLL falls only with it", async () => {
    const promptLoss = async (w: number) => {
      const dir = await tempDir();
      const t = await trainer();
      await runSft(t, toy, nodeRunStore<SftState>(dir), opts({ max_steps: 12, prompt_loss_weight: w }), { pad: 0 });
      t.destroy();
      const log = await nodeRunStore(dir).readLog();
      const first = log[0].prompt_loss as number;
      const last = (log.at(-1)!.prompt_loss as number) + (log.at(-2)!.prompt_loss as number);
      return { first, last: last / 2, answer: [log[0].loss as number, log.at(-1)!.loss as number] };
    };
    const on = await promptLoss(1);
    const off = await promptLoss(0);
    expect(on.first).toBeCloseTo(off.first, 6); // same model, same first batch, before any update
    expect(on.last).toBeLessThan(on.first * 0.85);
    expect(on.last).toBeLessThan(off.last - 0.1);
    expect(on.answer[1]).toBeLessThan(on.answer[0] * 0.8); // the answers still train
  }, 300_000);

  it('a time budget fixes the number of steps after timing the first ones, and stores it for a resume', async () => {
    const dir = await tempDir();
    const t = await trainer();
    const s = await runSft(t, toy, nodeRunStore<SftState>(dir), opts({ minutes: 1e-8 }), { pad: 0 });
    t.destroy();
    expect(s.step).toBe(3); // 0.6 µs of budget: the 3 probe steps always exceed it
    expect(s.total_steps).toBe(3);
    expect((await nodeRunStore<SftState>(dir).load())!.state.total_steps).toBe(3);
    await expect(
      runSft(t, toy, nodeRunStore<SftState>(dir), opts({ minutes: 1, max_steps: 4 }), { pad: 0 }),
    ).rejects.toThrow(/exactly one/);
  }, 300_000);

  it('warm-up then cosine decay to min_lr_ratio', () => {
    const o = { learning_rate: 1, warmup_steps: 4, min_lr_ratio: 0.1 };
    expect([0, 1, 2, 3].map((s) => learningRate(o, s, 20))).toEqual([0.25, 0.5, 0.75, 1]);
    expect(learningRate(o, 4, 20)).toBeCloseTo(1, 12);
    expect(learningRate(o, 12, 20)).toBeCloseTo(0.55, 12);
    expect(learningRate(o, 20, 20)).toBeCloseTo(0.1, 12);
  });

  it('packed and bucketed epochs: every example once, rows within T, same order for the same (seed, epoch)', () => {
    for (const batching of ['packed', 'bucketed'] as const) {
      const e0 = epochBatches(toy, T, 2, batching, 3, 0);
      const seen = e0.flat(2).sort((x, y) => x - y);
      expect(seen).toEqual(toy.examples.map((_, i) => i));
      for (const row of e0.flat())
        expect(
          row.reduce((a, i) => a + toy.examples[i].prompt.length + toy.examples[i].completion.length, 0),
        ).toBeLessThanOrEqual(T);
      expect(epochBatches(toy, T, 2, batching, 3, 0)).toEqual(e0);
      expect(JSON.stringify(epochBatches(toy, T, 2, batching, 3, 1))).not.toEqual(JSON.stringify(e0));
    }
    expect(
      epochBatches(toy, T, 2, 'packed', 3, 0)
        .flat()
        .some((row) => row.length > 1),
    ).toBe(true);
  });
});

describe('chat template on real tasks', () => {
  const tok = tokenizerFromHfJson(readFileSync('public/tokenizer/micro.json', 'utf8'));
  const ct = chatTemplate(tok);

  it('weights fall on the answer tokens (and the end token) only, at the log-prob that scores each', () => {
    const prompt = encodePrompt(ct, 'Which file? <|end|> is plain text here');
    const answer = encodeAnswer(ct, 'src/a.js');
    expect(prompt.filter((t) => t === ct.end)).toHaveLength(1); // special text in the prompt is not a special token
    const seg = { prompt, completion: answer };
    const { tokens } = layoutRow([seg], prompt.length + answer.length + 3, ct.pad);
    const w = new Float64Array(tokens.length);
    placeCompletionWeights(
      w,
      seg,
      0,
      answer.map(() => 1),
    );
    // Entry t scores token t+1: the weighted entries are exactly those whose next token is an answer token.
    const scored = [...w.keys()].filter((t) => w[t] !== 0).map((t) => tokens[t + 1]);
    expect(scored).toEqual(answer);
    expect(decodeCompletion(ct, [...answer, ...encodeAnswer(ct, 'junk')])).toBe('src/a.js');
    // The same template in src/eval's seam shape (tokenizer per call, the answer's span).
    const ex = tokenizerChatTemplate.encodeExample(tok, 'Which file? <|end|> is plain text here', 'src/a.js');
    expect(ex.tokens).toEqual([...prompt, ...answer]);
    expect(ex.answerStart).toBe(prompt.length);
    expect(tokenizerChatTemplate.eos(tok)).toEqual([ct.end]);
    expect(tokenizerChatTemplate.decode(tok, answer)).toBe('src/a.js');
  });

  it('random repeats: the answer is the prompt run, ordinary tokens only, seeded, counted as copy:random', () => {
    const a = randomRepeats(ct, 50, 4);
    expect(randomRepeats(ct, 50, 4)).toEqual(a);
    expect(randomRepeats(ct, 50, 5)).not.toEqual(a);
    for (const ex of a) {
      const run = ex.completion.slice(0, -1);
      expect(ex.kind).toBe('copy:random');
      expect(ex.prompt).toEqual(encodePrompt(ct, '').slice(0, 1).concat(run, encodePrompt(ct, '').slice(1)));
      expect(ex.completion.at(-1)).toBe(ct.end);
      expect(run.length).toBeGreaterThanOrEqual(8);
      expect(run.length).toBeLessThanOrEqual(24);
      expect(run.some((id) => tok.isSpecial(id))).toBe(false);
    }
    const data = buildSftData(ct, [], 64, { randomRepeats: 7, seed: 4 });
    expect(data.kept).toEqual({ 'copy:random': 7 });
    expect(data.examples).toEqual(randomRepeats(ct, 7, 4));
    expect(() => buildSftData(ct, [], 64, { randomRepeats: -1 })).toThrow(/randomRepeats/);
  });

  it("recall drills: the answer is one of the prompt's runs, not its last, so it is copied from further back", () => {
    const a = recallDrills(ct, 40, 4);
    expect(recallDrills(ct, 40, 4)).toEqual(a);
    let farthest = 0;
    for (const ex of a) {
      expect(ex.kind).toBe('copy:recall');
      expect([ex.prompt[0], ...ex.prompt.slice(-2)]).toEqual([ct.user, ct.end, ct.assistant]);
      const runs = ex.prompt.slice(1, -2);
      const answer = ex.completion.slice(0, -1);
      expect(ex.completion.at(-1)).toBe(ct.end);
      expect(answer.length).toBeGreaterThanOrEqual(8);
      expect(answer.length).toBeLessThanOrEqual(24);
      expect([...runs, ...answer].some((id) => tok.isSpecial(id))).toBe(false);
      // The answer occurs in the prompt, and at least one whole run (≥ 8 tokens) follows it there.
      const starts = runs.flatMap((_, i) => (answer.every((t, j) => runs[i + j] === t) ? [i] : []));
      expect(starts.length, `example ${ex.id}`).toBeGreaterThan(0);
      const distance = runs.length - starts[0];
      expect(distance).toBeGreaterThanOrEqual(answer.length + 8);
      farthest = Math.max(farthest, distance);
    }
    expect(farthest).toBeGreaterThan(300);
    const data = buildSftData(ct, [], 256, { recallDrills: 40, seed: 4 });
    expect((data.kept['copy:recall'] ?? 0) + (data.tooLong['copy:recall'] ?? 0)).toBe(40);
    expect(data.tooLong['copy:recall']).toBeGreaterThan(0);
    expect(() => buildSftData(ct, [], 64, { recallDrills: -2 })).toThrow(/recallDrills/);
  });

  it('lookup drills: one question per file set, answered by the header above its declaration; too long counted', () => {
    const a = lookupDrills(ct, 30, 4, 1);
    expect(lookupDrills(ct, 30, 4, 1)).toEqual(a);
    const enc = (text: string) => tok.encode(text);
    const [header, headerEnd, declare, keyEnd] = [enc('--- src/'), enc('.js\n'), enc('export function '), enc('(')];
    const at = (xs: readonly number[], sub: readonly number[], from = 0) => {
      for (let i = from; i + sub.length <= xs.length; i++) if (sub.every((t, j) => xs[i + j] === t)) return i;
      return -1;
    };
    for (const ex of a) {
      expect(ex.kind).toBe('copy:lookup');
      const answer = ex.completion.slice(0, -1);
      expect(ex.completion.at(-1)).toBe(ct.end);
      // The question's key, declared right after the answer's header line (declareFirst = 1).
      const ask = at(ex.prompt, enc('\nWhich file defines `'));
      const key = ex.prompt.slice(ask + enc('\nWhich file defines `').length, at(ex.prompt, enc('`?\n'), ask));
      const owner = at(ex.prompt, [...header, ...answer, ...headerEnd, ...declare, ...key, ...keyEnd]);
      expect(owner, `example ${ex.id}`).toBeGreaterThan(0);
    }
    const data = buildSftData(ct, [], 128, { lookupDrills: 40, seed: 4 });
    expect((data.kept['copy:lookup'] ?? 0) + (data.tooLong['copy:lookup'] ?? 0)).toBe(40);
    expect(data.tooLong['copy:lookup']).toBeGreaterThan(0);
    expect(() => buildSftData(ct, [], 64, { lookupDrills: 1.5 })).toThrow(/lookupDrills/);
  });

  it('oracle demonstrations of the train split; long prompts shortened to fit, the rest counted', async () => {
    const sandbox = await createQuickJsSandbox();
    const tasks = await generateTaskPool({
      kinds: ['localization', 'review'],
      levels: [1],
      perKind: 2,
      seed: 0,
      sandbox,
    });
    const all = buildSftData(ct, tasks, 4096);
    expect(all.examples).toHaveLength(4);
    expect(all.kept).toEqual({ localization: 2, review: 2 });
    const lens = all.examples.map((e) => e.prompt.length + e.completion.length).sort((a, b) => a - b);
    // The two longer ones are rendered shorter (localization drops file contents, review its listing) and kept.
    const fitted = buildSftData(ct, tasks, lens[1]);
    expect(fitted.examples).toHaveLength(4);
    expect(Object.values(fitted.fitted).reduce((a, b) => a + b, 0)).toBe(2);
    for (const e of fitted.examples) expect(e.prompt.length + e.completion.length).toBeLessThanOrEqual(lens[1]);
    // Shorter than any prompt can be made: every example is counted as too long, and an empty set is an error.
    expect(() => buildSftData(ct, tasks, 40)).toThrow('too long: {"localization":2,"review":2}');
  }, 120_000);

  it('editing demos: span SEARCH blocks by default; whole lines and their format text with lines', async () => {
    const sandbox = await createQuickJsSandbox();
    const tasks = (await generateTaskPool({ kinds: ['editing'], levels: [1], perKind: 3, seed: 0, sandbox })).map(
      (t) => t as EditingTask,
    );
    const span = buildSftData(ct, tasks, 4096);
    const lines = buildSftData(ct, tasks, 4096, { editDemos: 'lines' });
    tasks.forEach((t, i) => {
      const wholeLines = diffToEditBlock(t.file, t.repo.files[t.file], t.hidden.fixedSource);
      expect(span.examples[i].completion).toEqual(encodeAnswer(ct, SKILLS.editing!.oracleAnswer(t)));
      expect(span.examples[i].completion).not.toEqual(encodeAnswer(ct, wholeLines));
      expect(lines.examples[i].completion).toEqual(encodeAnswer(ct, wholeLines));
      const legacyPrompt = SKILLS.editing!.renderPrompt(t).replace(EDIT_FORMAT, LINE_EDIT_FORMAT);
      expect(span.examples[i].prompt).toEqual(encodePrompt(ct, SKILLS.editing!.renderPrompt(t)));
      expect(lines.examples[i].prompt).toEqual(encodePrompt(ct, legacyPrompt));
    });
  }, 120_000);
});
