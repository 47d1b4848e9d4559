// Flag parsing the sft, train and bench rl commands share; the Node-side setup itself is src/rl/node/setup.ts.
import { loadPolicy, type Policy, type PolicySource } from '../../rl/node/setup.ts';
import { UsageError, type ParsedArgs } from '../args.ts';

/** --init DIR (a checkpoint, or a run directory) or --preset P [--tokenizer F] (a fresh, seeded model). */
export function policySource(args: ParsedArgs): PolicySource {
  const flag = (n: string) => (typeof args.flags.get(n) === 'string' ? (args.flags.get(n) as string) : undefined);
  const num = (n: string) => {
    const v = flag(n);
    if (v === undefined) return undefined;
    if (src.init) throw new UsageError(`--${n} shapes a fresh --preset model; a checkpoint's config.json fixes it`);
    if (!Number.isFinite(Number(v))) throw new UsageError(`--${n} needs a number, got ${v}`);
    return Number(v);
  };
  const src = { init: flag('init') ?? flag('checkpoint'), preset: flag('preset'), tokenizer: flag('tokenizer') };
  if (!src.init && !src.preset) throw new UsageError('give --preset <name> (random init) or --init <checkpoint dir>');
  return { ...src, layers: num('layers'), ropeTheta: num('rope-theta'), vocab: num('vocab'), context: num('context') };
}

export const loadPolicyFromArgs = (args: ParsedArgs): Promise<Policy> => loadPolicy(policySource(args));

export function listFlag(args: ParsedArgs, name: string, fallback: string[]): string[] {
  const v = args.flags.get(name);
  if (v === undefined) return fallback;
  if (v === true) throw new UsageError(`--${name} needs a comma-separated list`);
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `--name a=1,b=2` as [key, number] pairs (the caller checks keys and values); a pair without `=` is refused. */
export function pairsFlag(args: ParsedArgs, name: string, what: string): [string, number][] {
  return listFlag(args, name, []).map((kv) => {
    const [k, v] = kv.split('=');
    if (v === undefined) throw new UsageError(`--${name} takes ${what} pairs, got ${kv}`);
    return [k, Number(v)];
  });
}

export const formatDuration = (s: number): string =>
  s >= 3600
    ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
    : s >= 60
      ? `${Math.floor(s / 60)}m${String(Math.floor(s % 60)).padStart(2, '0')}s`
      : `${s.toFixed(1)}s`;
