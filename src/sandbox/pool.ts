// A Sandbox over several sandboxes (typically worker sandboxes, one per core): each run goes to the member with
// the fewest runs in flight, so a batch of rewards awaited together runs in parallel. Each member keeps its own
// limits and watchdog; the pool adds no state a run could observe.
import type { FileMap, RunCommand, RunLimits, RunResult, Sandbox } from './types.ts';

export class SandboxPool implements Sandbox {
  readonly name: string;
  private readonly busy: number[];

  constructor(private readonly members: readonly Sandbox[]) {
    if (members.length === 0) throw new Error('a sandbox pool needs at least one sandbox');
    this.name = `pool(${members.length}×${members[0].name})`;
    this.busy = members.map(() => 0);
  }

  get size(): number {
    return this.members.length;
  }

  get concurrency(): number {
    return this.members.length;
  }

  async run(files: FileMap, command: RunCommand, limits?: Partial<RunLimits>): Promise<RunResult> {
    let k = 0;
    for (let i = 1; i < this.busy.length; i++) if (this.busy[i] < this.busy[k]) k = i;
    this.busy[k]++;
    try {
      return await this.members[k].run(files, command, limits);
    } finally {
      this.busy[k]--;
    }
  }

  dispose(): void {
    for (const m of this.members) m.dispose?.();
  }
}
