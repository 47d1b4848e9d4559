// The real environment: tasks from src/tasks (the train split by default), prompts through the chat template,
// rewards from each skill's module with the guest code running in a pool of sandbox workers (WorkerSandbox in
// Node or a page), so the loop's thread never runs untrusted code. Which kinds are drawn follows the mode:
// 'joint' mixes the five atomic skills (uniform unless skill_mix says otherwise), 'single:<skill>' one skill,
// 'composite' the composite kinds, 'sft' like 'joint'.
import { generateInSlices } from '../tasks/generate/slices.ts';
import { GENERATORS, SKILLS } from '../tasks/registry.ts';
import { createRng } from '../tasks/rng.ts';
import {
  ATOMIC_SKILLS,
  COMPOSITE_KINDS,
  type AtomicSkill,
  type Level,
  type RewardResult,
  type Split,
  type TaskBase,
  type TaskKind,
} from '../tasks/types.ts';
import type { Sandbox } from '../sandbox/types.ts';
import type { FamilySet } from '../tasks/world/families/index.ts';
import { asUnseenPackages } from '../tasks/surface.ts';
import type { RenameStyle } from '../tasks/rename-identifiers.ts';
import { decodeCompletion, encodeAnswer, encodePrompt, stopTokens, type ChatTemplate } from './chat-template.ts';
import type { Environment, RlTask, Scored } from './env.ts';
import { hashSeed } from './seed.ts';
import type { GrpoOptions, RlMode } from './types.ts';

/** Task kinds a mode trains on, with their draw weights. */
export function kindsForMode(mode: RlMode, mix?: GrpoOptions['skill_mix']): Map<TaskKind, number> {
  if (mode === 'composite') return new Map(COMPOSITE_KINDS.map((k) => [k, 1]));
  if (mode.startsWith('single:')) return new Map([[mode.slice('single:'.length) as AtomicSkill, 1]]);
  return new Map(ATOMIC_SKILLS.map((k) => [k, mix?.[k] ?? 1] as [TaskKind, number]).filter(([, w]) => w > 0));
}

/**
 * Generates `perKind` tasks of each kind (`perKindOf[kind]` where given) over the levels (seeded; in slices over a
 * pool sandbox's workers, the same tasks as on one); the caller may cache them as a pack.
 */
export async function generateTaskPool(o: {
  kinds: readonly TaskKind[];
  levels: readonly number[];
  perKind: number;
  /** Tasks of these kinds instead of `perKind` (a skill-weighted SFT pool). */
  perKindOf?: Partial<Record<TaskKind, number>>;
  seed: number;
  split?: Split;
  families?: FamilySet;
  /** Share of localization tasks replaced by their form as an unseen package (src/tasks/surface.ts unseenPackage). */
  packageSurface?: number;
  /** Style of those tasks' fresh names (default syllables). */
  packageNames?: RenameStyle;
  /** Up to this many other repositories' modules beside each of those tasks' own (src/tasks/neighbors.ts). */
  packageNeighbors?: number;
  /** Share of those tasks' functions given one lower-case word as their name (src/tasks/rename-identifiers.ts). */
  packageOneWord?: number;
  sandbox: Sandbox;
}): Promise<TaskBase[]> {
  const out: TaskBase[] = [];
  for (const kind of o.kinds) {
    const gen = GENERATORS[kind];
    if (!gen) throw new Error(`no generator for task kind ${kind}`);
    const n = Math.max(1, Math.ceil((o.perKindOf?.[kind] ?? o.perKind) / o.levels.length));
    // Each level has its own range of task indexes: with one range for all, every level's task i had the same id
    // and the same random draws as the others' (a pool of three levels held each id three times).
    for (const [li, level] of o.levels.entries())
      out.push(
        ...(await generateInSlices(gen, {
          split: o.split ?? 'train',
          n,
          first: li * n,
          seed: o.seed,
          level: level as Level,
          families: o.families,
          sandbox: o.sandbox,
        })),
      );
  }
  // Drawn after generation, from a stream of their own, so the tasks themselves are those of a pool without it.
  const rng = createRng(hashSeed(o.seed, 'pool-package-surface', 0));
  return asUnseenPackages(out, o.packageSurface ?? 0, rng, o.packageNames, o.packageNeighbors, o.packageOneWord);
}

export interface TaskEnvOptions {
  template: ChatTemplate;
  tasks: readonly TaskBase[];
  weights: Map<TaskKind, number>;
  sandboxes: readonly Sandbox[];
  /** Tasks whose prompt exceeds this many tokens are left out (and counted in `excluded`). */
  maxPromptTokens: number;
  /** Training reward for a review with the right verdict and not the line (GrpoOptions.review_verdict_credit). */
  reviewVerdictCredit?: number;
}

interface Entry {
  task: TaskBase;
  rl: RlTask;
}

export class TaskEnvironment implements Environment {
  readonly eos: readonly number[];
  readonly vocabSize: number;
  /** Tasks left out because their prompt does not fit, by kind. */
  readonly excluded: Partial<Record<TaskKind, number>> = {};
  private readonly byKind = new Map<TaskKind, Entry[]>();
  private readonly kinds: TaskKind[];
  private readonly cumulative: number[];

  constructor(private readonly o: TaskEnvOptions) {
    this.eos = stopTokens(o.template);
    this.vocabSize = o.template.tok.vocabSize;
    const ids = new Set<string>();
    for (const task of o.tasks) {
      if (!o.weights.has(task.skill)) continue;
      // Samples are scored against their task by id: two tasks with one id would score one's answers on the other.
      if (ids.has(task.id)) throw new Error(`task ${task.id}: two tasks in the pool have this id`);
      ids.add(task.id);
      const skill = SKILLS[task.skill];
      if (!skill) throw new Error(`task ${task.id}: no skill module for kind ${task.skill}`);
      // A long prompt is rendered shorter to fit (skills/fit.ts); one that cannot be is left out and counted.
      const promptText = skill.renderPrompt(task, (p) => encodePrompt(o.template, p).length <= o.maxPromptTokens);
      const prompt = encodePrompt(o.template, promptText);
      if (prompt.length > o.maxPromptTokens) {
        this.excluded[task.skill] = (this.excluded[task.skill] ?? 0) + 1;
        continue;
      }
      const demo = encodeAnswer(o.template, skill.oracleAnswer(task));
      const list = this.byKind.get(task.skill) ?? [];
      list.push({ task, rl: { id: task.id, kind: task.skill, prompt, promptText, demo } });
      this.byKind.set(task.skill, list);
    }
    this.kinds = [...o.weights.keys()].filter((k) => this.byKind.has(k));
    const missing = [...o.weights.keys()].filter((k) => !this.byKind.has(k));
    if (missing.length)
      throw new Error(
        `no usable tasks for ${missing.join(', ')} (prompts over ${o.maxPromptTokens} tokens: ${JSON.stringify(this.excluded)})`,
      );
    let acc = 0;
    this.cumulative = this.kinds.map((k) => (acc += o.weights.get(k)!));
  }

  /** Usable tasks per kind. */
  get sizes(): Record<string, number> {
    return Object.fromEntries([...this.byKind].map(([k, v]) => [k, v.length]));
  }

  draw(step: number, count: number, seed: number): RlTask[] {
    const rng = createRng(hashSeed(seed, 'draw', step));
    const total = this.cumulative[this.cumulative.length - 1];
    const used = new Set<string>();
    const out: RlTask[] = [];
    for (let i = 0; i < count; i++) {
      const u = rng.next() * total;
      const kind = this.kinds[this.cumulative.findIndex((c) => u < c)];
      const pool = this.byKind.get(kind)!;
      // Distinct tasks within a step (identical prompts would share a sampling stream); repeat only when exhausted.
      let pick = pool[rng.int(0, pool.length - 1)];
      for (let tries = 0; used.has(pick.rl.id) && tries < 8; tries++) pick = pool[rng.int(0, pool.length - 1)];
      used.add(pick.rl.id);
      out.push(pick.rl);
    }
    return out;
  }

  async score(items: readonly { task: RlTask; completion: readonly number[] }[]): Promise<Scored[]> {
    const out: Scored[] = new Array(items.length);
    let next = 0;
    // One queue per sandbox worker; each worker runs one guest at a time.
    const worker = async (sandbox: Sandbox) => {
      while (next < items.length) {
        const i = next++;
        const entry = this.entry(items[i].task);
        const r = await SKILLS[entry.task.skill]!.reward(entry.task, this.decode(items[i].completion), sandbox);
        out[i] = this.credited(entry.task.skill, r);
      }
    };
    await Promise.all(this.o.sandboxes.map(worker));
    return out;
  }

  /** The training reward: the skill's, or a review's verdict credit where that is more. */
  private credited(kind: TaskKind, r: RewardResult): Scored {
    const credit = this.o.reviewVerdictCredit ?? 0;
    if (kind === 'review' && r.metrics?.verdictCorrect === 1 && r.reward < credit)
      return { reward: credit, status: r.status, detail: `${r.detail} (verdict credit ${credit})` };
    return { reward: r.reward, status: r.status, detail: r.detail };
  }

  decode(ids: readonly number[]): string {
    return decodeCompletion(this.o.template, ids);
  }

  piece(id: number): string {
    return this.o.template.tok.decode([id]);
  }

  private entry(t: RlTask): Entry {
    const e = this.byKind.get(t.kind as TaskKind)?.find((x) => x.rl.id === t.id);
    if (!e) throw new Error(`task ${t.id} is not in this environment`);
    return e;
  }
}
