// Browser worker entry: hosts one QuickJS sandbox and runs requests one at a time.
import { createQuickJsSandbox } from '../quickjs/sandbox.ts';
import type { RunRequest, WorkerReply } from './protocol.ts';

interface WorkerScope {
  postMessage(message: WorkerReply): void;
  onmessage: ((ev: MessageEvent<RunRequest>) => void) | null;
}
const scope = globalThis as unknown as WorkerScope;
const sandbox = createQuickJsSandbox();

scope.onmessage = (ev) => {
  const { id, files, command, limits } = ev.data;
  void sandbox
    .then((sb) => sb.run(files, command, limits))
    .then(
      (result) => scope.postMessage({ id, result }),
      (e: unknown) => scope.postMessage({ id, error: e instanceof Error ? e.message : String(e) }),
    );
};
void sandbox.then(() => scope.postMessage({ ready: true }));
