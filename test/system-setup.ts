// Vitest global setup for the unit tests: install what the machine lacks (src/cli/system.ts) before any test runs,
// so `npm test` on a fresh Debian machine needs no other step.
import { ensureSystem } from '../src/cli/system.ts';

export async function setup(): Promise<void> {
  await ensureSystem();
}
