// Placeholder until the train bench lands; replaced by its issue's work.
import type { ParsedArgs } from '../args.ts';

export async function run(_args: ParsedArgs): Promise<number> {
  console.error('atomgym bench train: not built yet');
  return 1;
}
