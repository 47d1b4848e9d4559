// Placeholder until the demo (build, headless app, GPU check, matmul bench) lands.
import type { ParsedArgs } from '../args.ts';

export async function run(_args: ParsedArgs): Promise<number> {
  console.error('atomgym demo: not built yet');
  return 1;
}
