// `atomgym setup [--check] [--json]`: installs what the machine lacks for the demo and the tests (Chromium and the
// Vulkan loader; see ../system.ts), or with --check only reports it. `npm run demo` and the test runs call the same
// step themselves, so this command is for doing it up front.
import { boolFlag, type ParsedArgs } from '../args.ts';
import { ensureSystem, inspectSystem } from '../system.ts';

export async function run(args: ParsedArgs): Promise<number> {
  const installed = boolFlag(args, 'check') ? [] : await ensureSystem();
  const parts = inspectSystem();
  if (boolFlag(args, 'json')) console.log(JSON.stringify({ installed, parts }, null, 2));
  else for (const p of parts) console.log(`${p.pkg.padEnd(11)} ${p.present ? 'ok' : 'MISSING'}  ${p.detail}`);
  return parts.every((p) => p.present) ? 0 : 1;
}
