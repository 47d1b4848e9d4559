// Vitest global setup for the unit tests: install what the machine lacks (src/cli/system.ts) before any test runs,
// so `npm test` on a fresh Debian machine needs no other step. Where it cannot install (no root, no apt) it says
// what to run and lets the tests go on: only the WebGPU-in-Node tests need libvulkan1, and they fail naming it.
import { ensureSystem, SystemSetupError } from '../src/cli/system.ts';

export async function setup(): Promise<void> {
  try {
    await ensureSystem();
  } catch (e) {
    if (!(e instanceof SystemSetupError)) throw e;
    console.error(`setup: ${e.message}`);
  }
}
