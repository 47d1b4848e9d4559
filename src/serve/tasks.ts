// The tasks the service can score by id (from packs or a spec it loaded), and turning a request's label into a
// task: a known id, an inline task (validated), or a reason it cannot be scored.
import { readFile } from 'node:fs/promises';
import { decodeLabel } from '../export/label.ts';
import { readPack } from '../tasks/pack.ts';
import type { TaskBase } from '../tasks/types.ts';

export type Resolved = { ok: true; task: TaskBase } | { ok: false; status: string; detail: string };

export class TaskStore {
  private readonly byId = new Map<string, TaskBase>();

  get size(): number {
    return this.byId.size;
  }

  add(tasks: readonly TaskBase[], source: string): void {
    for (const t of tasks) {
      const had = this.byId.get(t.id);
      if (had && JSON.stringify(had) !== JSON.stringify(t))
        throw new Error(`${source}: task id ${JSON.stringify(t.id)} is already loaded with different content`);
      this.byId.set(t.id, t);
    }
  }

  async addPack(file: string): Promise<number> {
    const tasks = readPack(await readFile(file, 'utf8'), file);
    this.add(tasks, file);
    return tasks.length;
  }

  resolve(label: unknown): Resolved {
    const d = decodeLabel(label);
    if (d.kind === 'bad') return { ok: false, status: 'bad-label', detail: d.message };
    if (d.kind === 'task') return { ok: true, task: d.task };
    const task = this.byId.get(d.id);
    if (!task)
      return {
        ok: false,
        status: 'unknown-task',
        detail: `no loaded task has id ${JSON.stringify(d.id.slice(0, 200))}`,
      };
    return { ok: true, task };
  }
}
