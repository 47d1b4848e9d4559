// Node: a WorkerSandbox on worker_threads (Node-only; the browser uses createBrowserWorkerSandbox). Use it where
// a guest must never hold the calling thread past its limit (CLI scoring, long task checks).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { SandboxPool } from '../pool.ts';
import type { WorkerReply } from './protocol.ts';
import { WorkerSandbox, type WorkerSandboxOptions } from './client.ts';

export function createNodeWorkerSandbox(opts: WorkerSandboxOptions = {}): WorkerSandbox {
  return new WorkerSandbox(() => {
    const w = new Worker(new URL('./node-entry.mjs', import.meta.url));
    w.unref(); // an idle sandbox never keeps the process alive
    return {
      postMessage: (m) => w.postMessage(m),
      onMessage: (h) => w.on('message', (m: WorkerReply) => h(m)),
      onError: (h) => w.on('error', (e: Error) => h(e.message)),
      terminate: () => void w.terminate(),
    };
  }, opts);
}

/** `size` worker sandboxes behind one Sandbox: runs awaited together spread over the workers (one per core). */
export function createNodeWorkerPool(
  size = Math.max(1, Math.min(4, availableParallelism())),
  opts: WorkerSandboxOptions = {},
): SandboxPool {
  return new SandboxPool(Array.from({ length: size }, () => createNodeWorkerSandbox(opts)));
}
