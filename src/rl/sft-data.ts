// SFT data: oracle demonstrations (task prompt → oracle answer) through the chat template, laid into the trainer's
// fixed rows. 'packed' puts consecutive examples of a shuffled epoch into one row until it is full (attention spans
// the row, as TRL's packing without position reset); 'bucketed' puts one example per row and batches examples of
// similar length together. Examples longer than a row are counted per kind and reported, never silently dropped.
// An epoch's order is a pure function of (seed, epoch), so (epoch, batch) is the whole data cursor.
import { SKILLS } from '../tasks/registry.ts';
import { renameTaskIdentifiers, type RenameStyle } from '../tasks/rename-identifiers.ts';
import { copyDrills } from './copy-drills.ts';
import { encodeLookupMarkers, lookupFiles } from './lookup-runs.ts';
import { ordinaryTokenIds } from './random-runs.ts';
import { createRng } from '../tasks/rng.ts';
import type { TaskBase } from '../tasks/types.ts';
import { lineDemonstration, type EditingTask } from '../tasks/skills/editing.ts';
import { watchedFit } from '../tasks/skills/fit.ts';
import { encodeAnswer, encodePrompt, segmentLength, type ChatTemplate, type Segment } from './chat-template.ts';
import { hashSeed } from './seed.ts';
import type { LocalizationTask } from '../tasks/skills/localization.ts';
import { packageSurface } from '../tasks/surface.ts';
import { rephrasedIssue } from '../tasks/world/issue.ts';
import type { Rng } from '../tasks/rng.ts';

/** A localization demonstration as a package lays it out, its issue rephrased. */
function asPackage(task: LocalizationTask, rng: Rng): LocalizationTask {
  const moved = packageSurface(task, rng);
  return { ...moved, id: `${task.id}~package`, issue: rephrasedIssue(moved.issue, rng) };
}

export type Batching = 'packed' | 'bucketed';

export interface SftExample extends Segment {
  kind: string;
  id: string;
}

export interface SftData {
  examples: SftExample[];
  /** Examples longer than the row, by kind. */
  tooLong: Record<string, number>;
  /** Examples kept, by kind. */
  kept: Record<string, number>;
  /** Kept examples whose prompt was rendered shorter to fit the row (skills/fit.ts), by kind. */
  fitted: Record<string, number>;
  /** Extra demonstrations in a shorter prompt form (`shortForms`), by kind. */
  shortForms: Record<string, number>;
  /** Extra localization demonstrations in the package surface (`packageSurface`). */
  packageSurface: number;
}

export interface SftDataOptions {
  /**
   * Demonstrations per task with fresh function and module names (src/tasks/rename-identifiers.ts) instead of the
   * task as generated; 0 (default) keeps the names. Renamed copies pay only for copying names from the prompt.
   */
  renameCopies?: number;
  /**
   * With renamed copies, also show each task with its own names (default false: renamed copies only). A policy fed
   * only renamed answers learns the rename pools' vocabulary; the originals keep names like the test split's in view.
   */
  keepOriginals?: boolean;
  /**
   * How editing demonstrations write SEARCH: 'span' (default, the oracle's: the changed tokens with the least unique
   * context, skills/edit-span.ts) or 'lines' (whole lines and the prompt's format text of then, which the shipped
   * base's SFT stages were trained on; kept so its recipe replays exactly, and as the ablation).
   */
  editDemos?: 'span' | 'lines';
  /** Seed of the names drawn for the renamed copies. */
  seed?: number;
  /** How the fresh names look (default 'words'). */
  renameStyle?: RenameStyle;
  /** Copy drills (copy-drills.ts) added to the demonstrations, with fresh names in `renameStyle` (default 0). */
  copyDrills?: number;
  /** Lead each drill with its modules' code, as a skill prompt lists it (default false: the short drills). */
  drillCode?: boolean;
  /**
   * Examples whose prompt is a run of 8–24 random ordinary tokens and whose answer is the same run (kind
   * `copy:random`, default 0). No prior predicts a random run, only attending back to it does: they keep paying for
   * the induction circuit that every skill's copying needs, which task SFT alone erases in a few hundred steps
   * (results/copy-drills/README.md §9).
   */
  randomRepeats?: number;
  /**
   * Examples whose prompt is 4–30 runs of 8–24 random ordinary tokens and whose answer is one of them, not the last
   * (kind `copy:recall`, default 0): the copy at a distance of up to ~700 tokens that a code line or a name copied out
   * of a prompt needs. The random repeats copy from a few tokens back only, and under them the shipped base's
   * long-range recall fell to 26% of tokens at p > ½. Tried once, from public/base: learnt in their own layout, no
   * gain on any skill (results/recall-drills/).
   */
  recallDrills?: number;
  /**
   * Examples whose prompt is a lookup-runs.ts file set of random tokens and one "which file declares KEY?" question,
   * answered by that file's header run (kind `copy:lookup`, default 0): they keep paying for the hop back from a
   * declaration to its file's header that localization needs, as the random repeats do for the copy.
   */
  lookupDrills?: number;
  /** Lookup drills: the chance a file declares its key first thing (default 0.5). */
  lookupDeclareFirst?: number;
  /**
   * The chance (0–1, default 0) that a localization demonstration is also shown as a published package would lay it
   * out (src/tasks/surface.ts: `lib/<name>/index.js`, CommonJS) with its issue rephrased: the world writes only
   * `src/<name>.js` ES modules and one issue phrasing, and a policy trained on those alone is lost on real repos.
   */
  packageSurface?: number;
  /**
   * Extra demonstrations per skill demonstration whose prompt is fitted to a random smaller budget (20–85% of its
   * tokens), so the policy trains on the shorter forms (contents dropped, windows, the tree and index alone) it is
   * sent when a prompt does not fit its context (default 0). A copy is kept only when it is shorter than the full
   * prompt.
   */
  shortForms?: number;
}

/** `n` lookup drills over the tokenizer's ordinary tokens, seeded. */
export function lookupDrills(template: ChatTemplate, n: number, seed: number, declareFirst = 0.5): SftExample[] {
  const rng = createRng(hashSeed(seed, 'sft-lookup-drills', 0));
  const ordinary = ordinaryTokenIds(template.tok);
  const m = encodeLookupMarkers(template.tok);
  const rand = () => rng.next();
  return Array.from({ length: n }, (_, i) => {
    const { tokens, files } = lookupFiles(rand, () => rng.pick(ordinary), m, declareFirst);
    const f = rng.pick(files);
    return {
      kind: 'copy:lookup',
      id: `copy:lookup-${i}`,
      prompt: [template.user, ...tokens, ...m.ask, ...f.key, ...m.askEnd, template.end, template.assistant],
      completion: [...f.header, template.end],
    };
  });
}

/** `n` random-run repeats over the tokenizer's ordinary (non-special) tokens, seeded. */
export function randomRepeats(template: ChatTemplate, n: number, seed: number): SftExample[] {
  const rng = createRng(hashSeed(seed, 'sft-random-repeats', 0));
  const ordinary = ordinaryTokenIds(template.tok);
  return Array.from({ length: n }, (_, i) => {
    const run = Array.from({ length: rng.int(8, 24) }, () => rng.pick(ordinary));
    return {
      kind: 'copy:random',
      id: `copy:random-${i}`,
      prompt: [template.user, ...run, template.end, template.assistant],
      completion: [...run, template.end],
    };
  });
}

/** `n` recall drills over the tokenizer's ordinary tokens, seeded. */
export function recallDrills(template: ChatTemplate, n: number, seed: number): SftExample[] {
  const rng = createRng(hashSeed(seed, 'sft-recall-drills', 0));
  const ordinary = ordinaryTokenIds(template.tok);
  return Array.from({ length: n }, (_, i) => {
    const runs = Array.from({ length: rng.int(4, 30) }, () =>
      Array.from({ length: rng.int(8, 24) }, () => rng.pick(ordinary)),
    );
    return {
      kind: 'copy:recall',
      id: `copy:recall-${i}`,
      prompt: [template.user, ...runs.flat(), template.end, template.assistant],
      completion: [...runs[rng.int(0, runs.length - 2)], template.end],
    };
  });
}

export function buildSftData(
  template: ChatTemplate,
  tasks: readonly TaskBase[],
  T: number,
  o: SftDataOptions = {},
): SftData {
  const data: SftData = { examples: [], tooLong: {}, kept: {}, fitted: {}, shortForms: {}, packageSurface: 0 };
  const copies = o.renameCopies ?? 0;
  if (!Number.isInteger(copies) || copies < 0) throw new Error(`renameCopies must be an integer ≥ 0, got ${copies}`);
  const names = createRng(hashSeed(o.seed ?? 0, 'sft-rename', 0));
  const renamed = (t: TaskBase) =>
    Array.from({ length: copies }, () => renameTaskIdentifiers(t, names, o.renameStyle).task);
  const named = copies === 0 ? tasks : tasks.flatMap((t) => (o.keepOriginals ? [t, ...renamed(t)] : renamed(t)));
  const surfaces = createRng(hashSeed(o.seed ?? 0, 'sft-package-surface', 0));
  const surfaceChance = o.packageSurface ?? 0;
  if (!(surfaceChance >= 0 && surfaceChance <= 1))
    throw new Error(`packageSurface must be in [0, 1], got ${surfaceChance}`);
  const shown = named.flatMap((t) => {
    if (t.skill !== 'localization' || !surfaces.chance(surfaceChance)) return [t];
    data.packageSurface++;
    return [t, asPackage(t as LocalizationTask, surfaces)];
  });
  const shortForms = o.shortForms ?? 0;
  if (!Number.isInteger(shortForms) || shortForms < 0)
    throw new Error(`shortForms must be an integer ≥ 0, got ${shortForms}`);
  const budgets = createRng(hashSeed(o.seed ?? 0, 'sft-short-forms', 0));
  // Every example is counted per kind, as kept or as longer than a row (never silently dropped).
  // Returns the prompt's length in tokens.
  const add = (kind: string, id: string, prompt: string, answer: string): number => {
    const ex: SftExample = {
      kind,
      id,
      prompt: encodePrompt(template, prompt),
      completion: encodeAnswer(template, answer),
    };
    const fits = segmentLength(ex) <= T;
    const bucket = fits ? data.kept : data.tooLong;
    bucket[kind] = (bucket[kind] ?? 0) + 1;
    if (fits) data.examples.push(ex);
    return ex.prompt.length;
  };
  for (const task of shown) {
    const skill = SKILLS[task.skill];
    if (!skill) throw new Error(`task ${task.id}: no skill module for kind ${task.skill}`);
    if (o.editDemos === 'lines' && task.skill === 'editing') {
      const demo = lineDemonstration(task as EditingTask);
      add(task.skill, task.id, demo.prompt, demo.answer);
    } else {
      const answer = skill.oracleAnswer(task);
      const room = T - encodeAnswer(template, answer).length;
      // A prompt too long for the row is rendered shorter (fewer file contents, a window of a file) when it can be.
      const watched = watchedFit((p) => encodePrompt(template, p).length <= room);
      const prompt = skill.renderPrompt(task, watched.fit);
      if (watched.refused()) data.fitted[task.skill] = (data.fitted[task.skill] ?? 0) + 1;
      const full = add(task.skill, task.id, prompt, answer);
      for (let c = 0; c < shortForms; c++) {
        const budget = Math.floor(full * (0.2 + 0.65 * budgets.next()));
        const short = skill.renderPrompt(task, (p) => encodePrompt(template, p).length <= budget);
        if (short === prompt) continue;
        data.shortForms[task.skill] = (data.shortForms[task.skill] ?? 0) + 1;
        add(task.skill, `${task.id}~short${c}`, short, answer);
      }
    }
  }
  const drills = o.copyDrills ?? 0;
  if (drills > 0) {
    const rng = createRng(hashSeed(o.seed ?? 0, 'sft-copy-drills', 0));
    copyDrills(tasks, drills, rng, o.renameStyle ?? 'mixed', o.drillCode).forEach((d, i) =>
      add(d.kind, `${d.kind}-${i}`, d.prompt, d.answer),
    );
  }
  const repeats = o.randomRepeats ?? 0;
  if (!Number.isInteger(repeats) || repeats < 0)
    throw new Error(`randomRepeats must be an integer ≥ 0, got ${repeats}`);
  const recalls = o.recallDrills ?? 0;
  if (!Number.isInteger(recalls) || recalls < 0) throw new Error(`recallDrills must be an integer ≥ 0, got ${recalls}`);
  const lookups = o.lookupDrills ?? 0;
  if (!Number.isInteger(lookups) || lookups < 0) throw new Error(`lookupDrills must be an integer ≥ 0, got ${lookups}`);
  for (const ex of [
    ...randomRepeats(template, repeats, o.seed ?? 0),
    ...recallDrills(template, recalls, o.seed ?? 0),
    ...lookupDrills(template, lookups, o.seed ?? 0, o.lookupDeclareFirst),
  ]) {
    const bucket = segmentLength(ex) <= T ? data.kept : data.tooLong;
    bucket[ex.kind] = (bucket[ex.kind] ?? 0) + 1;
    if (bucket === data.kept) data.examples.push(ex);
  }
  if (data.examples.length === 0)
    throw new Error(`no SFT example fits in ${T} tokens (too long: ${JSON.stringify(data.tooLong)})`);
  return data;
}

/** The rows of one epoch, each a list of example indices, grouped into batches of B rows. */
export function epochBatches(
  data: SftData,
  T: number,
  B: number,
  batching: Batching,
  seed: number,
  epoch: number,
): number[][][] {
  const rng = createRng(hashSeed(seed, 'sft-epoch', epoch));
  const order = rng.shuffle(data.examples.map((_, i) => i));
  const len = (i: number) => segmentLength(data.examples[i]);
  let rows: number[][];
  if (batching === 'packed') {
    rows = [];
    let row: number[] = [];
    let used = 0;
    for (const i of order) {
      if (used + len(i) > T) {
        rows.push(row);
        row = [];
        used = 0;
      }
      row.push(i);
      used += len(i);
    }
    if (row.length) rows.push(row);
  } else {
    // Sort within windows of 32 batches by length, so a batch holds similar lengths but epochs still mix.
    const window = 32 * B;
    rows = [];
    for (let s = 0; s < order.length; s += window)
      rows.push(
        ...order
          .slice(s, s + window)
          .sort((a, b) => len(a) - len(b))
          .map((i) => [i]),
      );
  }
  const batches: number[][][] = [];
  for (let s = 0; s < rows.length; s += B) batches.push(rows.slice(s, s + B));
  return rng.shuffle(batches);
}

/** Fraction of row tokens that are real (not padding) in an epoch's batches. */
export function fillRatio(data: SftData, batches: readonly number[][][], T: number, B: number): number {
  let real = 0;
  for (const b of batches) for (const row of b) for (const i of row) real += segmentLength(data.examples[i]);
  return real / (batches.length * B * T);
}
