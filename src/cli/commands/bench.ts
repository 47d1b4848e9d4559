// `atomgym bench <what>`: each benchmark is a module under ../bench exporting `run`.
import { UsageError, type ParsedArgs } from '../args.ts';

const BENCHES: Record<string, () => Promise<{ run: (args: ParsedArgs) => Promise<number> }>> = {
  matmul: () => import('../bench/matmul.ts'),
  sandbox: () => import('../bench/sandbox.ts'),
  train: () => import('../bench/train.ts'),
  rollout: () => import('../bench/rollout.ts'),
  sizing: () => import('../bench/sizing.ts'),
  serve: () => import('../bench/serve.ts'),
  rl: () => import('../bench/rl.ts'),
  gen: () => import('../bench/gen.ts'),
};

export async function run(args: ParsedArgs): Promise<number> {
  const [what, ...rest] = args.positionals;
  const load = what ? BENCHES[what] : undefined;
  if (!load) throw new UsageError(`bench needs one of: ${Object.keys(BENCHES).join(', ')}`);
  return (await load()).run({ positionals: rest, flags: args.flags });
}
