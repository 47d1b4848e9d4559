// Placeholder until the matmul bench lands; replaced by its issue's work.
import type { ParsedArgs } from '../args.ts';

export async function run(_args: ParsedArgs): Promise<number> {
  console.error('atomgym bench matmul: not built yet');
  return 1;
}
