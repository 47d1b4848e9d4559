// Public entry of src/serve: the reward service (HTTP + worker pool + task store) as one object to start and stop.
import type { AddressInfo } from 'node:net';
import { createService, DEFAULT_LIMITS, type Service, type ServiceLimits } from './http.ts';
import { RewardPool, type PoolOptions } from './pool.ts';
import { TaskStore } from './tasks.ts';

export { RewardPool, TaskStore, createService, DEFAULT_LIMITS, type ServiceLimits, type PoolOptions };

export interface RunningService extends Service {
  pool: RewardPool;
  store: TaskStore;
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startService(
  opts: PoolOptions & { store: TaskStore; host?: string; port?: number; limits?: Partial<ServiceLimits> },
): Promise<RunningService> {
  const pool = new RewardPool(opts);
  const svc = createService(pool, opts.store, { ...DEFAULT_LIMITS, ...opts.limits });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    svc.server.once('error', reject);
    // A deep accept backlog: a burst of connections waits in the kernel instead of being dropped.
    svc.server.listen({ port: opts.port ?? 0, host, backlog: 4096 }, () => resolve());
  });
  const port = (svc.server.address() as AddressInfo).port;
  return {
    ...svc,
    pool,
    store: opts.store,
    port,
    url: `http://${host}:${port}`,
    async close() {
      await new Promise<void>((r) => svc.server.close(() => r()));
      svc.server.closeAllConnections();
      await pool.close();
    },
  };
}
