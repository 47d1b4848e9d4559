// The real-code pack builder: probe each real module, inject observable bugs with the project's mutation
// operators, and emit checked tasks (bug fixing plus the atomic skills) with package/version/file/license in meta.
import type { Sandbox } from '../../sandbox/types.ts';
import type { Level, TaskBase } from '../types.ts';
import { familySplit } from '../composite/splits.ts';
import { findRealBugs, probeModule } from './discover.ts';
import { emitBugFixing } from './emit-bug-fixing.ts';
import type { ProbedModule, RealSource } from './types.ts';

export interface RealPackOptions {
  sources: readonly RealSource[];
  sandbox: Sandbox;
  seed?: number;
  /** Bugs kept per package (each yields one task per emitted skill). */
  bugsPerPackage?: number;
  /** Extra emitters, e.g. atomic skills: one task (or none) per bug. */
  emitters?: readonly RealEmitter[];
}

export interface RealEmitterContext {
  id: string;
  level: Level;
  split: TaskBase['split'];
  sandbox: Sandbox;
  /** Other bugs of the same module (for negative controls and mutant variants). */
  siblings: readonly import('./types.ts').RealBug[];
  neighbours: readonly ProbedModule[];
}
export type RealEmitter = {
  skill: TaskBase['skill'];
  emit(bug: import('./types.ts').RealBug, ctx: RealEmitterContext): Promise<TaskBase | null>;
};

export async function buildRealCodePack(opts: RealPackOptions): Promise<TaskBase[]> {
  const seed = opts.seed ?? 1;
  const want = opts.bugsPerPackage ?? 3;
  const splits = familySplit(opts.sources.map((s) => s.pkg.name));
  const probed: ProbedModule[] = [];
  for (const real of opts.sources) probed.push(await probeModule(real, opts.sandbox, seed));
  const tasks: TaskBase[] = [];
  for (const [mi, mod] of probed.entries()) {
    const bugs = await findRealBugs(mod, opts.sandbox, seed, want + 1);
    const split = splits[mod.real.pkg.name];
    for (let b = 0; b < Math.min(want, bugs.length); b++) {
      const bug = bugs[b];
      const level = ((b % 3) + 1) as Level;
      const neighbours = level === 3 && probed.length > 1 ? [probed[(mi + 1) % probed.length]] : [];
      const other = bugs.find((x) => x !== bug);
      const base = `realcode-${mod.real.pkg.name}-${b + 1}`;
      tasks.push(await emitBugFixing(bug, other, neighbours, { id: `${base}-bug-fixing`, level, split, sandbox: opts.sandbox }));
      for (const emitter of opts.emitters ?? []) {
        const task = await emitter.emit(bug, { id: `${base}-${emitter.skill}`, level, split, sandbox: opts.sandbox, siblings: bugs.filter((x) => x !== bug), neighbours });
        if (task) tasks.push(task);
      }
    }
  }
  return tasks;
}
