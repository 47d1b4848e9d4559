// `atomgym serve [--port P] [--host H] [--workers N] (--pack P[,P…] | --skills S --split S --n N --seed S)`: the
// reward service for veRL, OpenRLHF and TRL (src/serve). Runs until SIGINT/SIGTERM.
import { availableParallelism } from 'node:os';
import { boolFlag, numberFlag, stringFlag, UsageError, type ParsedArgs } from '../args.ts';
import { startService, TaskStore, DEFAULT_LIMITS } from '../../serve/index.ts';
import { DEFAULT_JOB_TIMEOUT_MS } from '../../serve/pool.ts';
import { SpecError, tasksFromSpec } from '../../export/spec.ts';
import { specFromArgs } from './export.ts';

export const HELP = `usage: atomgym serve [--port 8000] [--host 127.0.0.1] [--workers N]
         (--pack DIR/tasks.jsonl[,more.jsonl] | --skills S --split S --n N --seed S [--level L])
         [--job-timeout-ms ${DEFAULT_JOB_TIMEOUT_MS}] [--max-body-mb 32] [--max-items ${DEFAULT_LIMITS.maxItems}]
         [--max-inflight-mb 512] [--json]
  POST /get_reward (OpenRLHF), POST /score, GET /health, GET /metrics. Labels are task ids of the loaded tasks, or
  whole tasks as JSON (then no pack is needed).`;

export async function run(args: ParsedArgs): Promise<number> {
  if (boolFlag(args, 'help')) {
    console.log(HELP);
    return 0;
  }
  const workers = numberFlag(args, 'workers', Math.max(1, Math.min(4, availableParallelism())));
  if (!Number.isInteger(workers) || workers < 1 || workers > 256)
    throw new UsageError('--workers must be an integer 1..256');
  const store = new TaskStore();
  if (args.flags.has('pack')) for (const p of stringFlag(args, 'pack').split(',')) await store.addPack(p.trim());
  if (args.flags.has('n')) {
    try {
      store.add(await tasksFromSpec(specFromArgs(args)), 'spec');
    } catch (e) {
      if (e instanceof SpecError) throw new UsageError(e.message);
      throw e;
    }
  }
  const svc = await startService({
    workers,
    store,
    host: stringFlag(args, 'host', '127.0.0.1'),
    port: numberFlag(args, 'port', 8000),
    jobTimeoutMs: numberFlag(args, 'job-timeout-ms', DEFAULT_JOB_TIMEOUT_MS),
    limits: {
      maxBodyBytes: numberFlag(args, 'max-body-mb', 32) * 2 ** 20,
      maxItems: numberFlag(args, 'max-items', DEFAULT_LIMITS.maxItems),
      maxInFlightBytes: numberFlag(args, 'max-inflight-mb', DEFAULT_LIMITS.maxInFlightBytes / 2 ** 20) * 2 ** 20,
    },
  });
  const info = {
    url: svc.url,
    port: svc.port,
    workers,
    tasks: store.size,
    endpoints: ['/get_reward', '/score', '/health', '/metrics'],
  };
  if (boolFlag(args, 'json')) console.log(JSON.stringify(info));
  else
    console.log(
      `atomgym serve: listening on ${svc.url} (${workers} workers, ${store.size} tasks loaded); ` +
        'POST /get_reward, /score',
    );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await svc.close();
  return 0;
}
