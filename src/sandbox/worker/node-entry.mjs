// Node worker_threads entry for WorkerSandbox: registers tsx so the TypeScript sandbox loads without a build.
import { register } from 'tsx/esm/api';

register();
await import('./node-host.ts');
