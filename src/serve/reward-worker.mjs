// worker_threads entry for the reward pool: registers tsx so the TypeScript worker loads without a build step.
import { register } from 'tsx/esm/api';

register();
await import('./reward-worker.ts');
