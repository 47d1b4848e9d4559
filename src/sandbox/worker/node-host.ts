// Runs inside a Node worker thread: hosts one QuickJS sandbox and answers run requests one at a time.
import { parentPort } from 'node:worker_threads';
import { createQuickJsSandbox } from '../quickjs/sandbox.ts';
import type { RunRequest, WorkerReply } from './protocol.ts';

const port = parentPort;
if (!port) throw new Error('node-host.ts must run in a worker thread');
const sandbox = createQuickJsSandbox();
const reply = (m: WorkerReply): void => port.postMessage(m);

port.on('message', (req: RunRequest) => {
  void sandbox
    .then((sb) => sb.run(req.files, req.command, req.limits))
    .then(
      (result) => reply({ id: req.id, result }),
      (e: unknown) => reply({ id: req.id, error: e instanceof Error ? e.message : String(e) }),
    );
});
void sandbox.then(() => reply({ ready: true }));
