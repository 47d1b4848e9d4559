// Tiny argv parser: `--key value`, `--flag`, `--key=value`, positionals. Unknown flags are kept for the command to reject.
export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    if (eq > 0) {
      flags.set(arg.slice(2, eq), arg.slice(eq + 1));
    } else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) {
      flags.set(arg.slice(2), argv[++i]);
    } else {
      flags.set(arg.slice(2), true);
    }
  }
  return { positionals, flags };
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export function stringFlag(args: ParsedArgs, name: string, fallback?: string): string {
  const v = args.flags.get(name);
  if (v === undefined || v === true) {
    if (fallback !== undefined) return fallback;
    throw new UsageError(`missing --${name} <value>`);
  }
  return v;
}

export function numberFlag(args: ParsedArgs, name: string, fallback?: number): number {
  const v = args.flags.get(name);
  if (v === undefined) {
    if (fallback !== undefined) return fallback;
    throw new UsageError(`missing --${name} <number>`);
  }
  const n = Number(v);
  if (v === true || !Number.isFinite(n)) throw new UsageError(`--${name} needs a number, got ${String(v)}`);
  return n;
}

export function boolFlag(args: ParsedArgs, name: string): boolean {
  return args.flags.has(name);
}
