// Messages between a WorkerSandbox and the worker that hosts a QuickJS sandbox.
import type { FileMap, RunCommand, RunLimits, RunResult } from '../types.ts';

export interface RunRequest {
  id: number;
  files: FileMap;
  command: RunCommand;
  limits: RunLimits;
}

export type WorkerReply = { id: number; result: RunResult } | { id: number; error: string } | { ready: true };

/** The little a WorkerSandbox needs from a browser Worker or a Node worker_threads Worker. */
export interface WorkerPort {
  postMessage(message: RunRequest): void;
  onMessage(handler: (reply: WorkerReply) => void): void;
  onError(handler: (message: string) => void): void;
  terminate(): void;
}
