// Tiny argv parser: `--key value`, `--flag`, `--key=value`, positionals. Known switches never take a value, so
// `--json pack.jsonl` keeps the file positional; checkFlags rejects flags a command does not take.
import { FAMILY_SETS, type FamilySet } from '../tasks/world/families/index.ts';
import type { RenameStyle } from '../tasks/rename-identifiers.ts';
import { didYouMean } from './suggest.ts';

export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

export function parseArgs(argv: readonly string[], switches: ReadonlySet<string> = new Set()): ParsedArgs {
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
    } else if (!switches.has(arg.slice(2)) && i + 1 < argv.length && !argv[i + 1].startsWith('--')) {
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

/** Throws a UsageError naming the first flag not in `known`, with the nearest known one when it looks like a typo. */
export function checkFlags(args: ParsedArgs, known: Iterable<string>): void {
  const names = [...known];
  for (const flag of args.flags.keys()) {
    if (!names.includes(flag)) throw new UsageError(`unknown flag --${flag}${didYouMean(flag, names, '--')}`);
  }
}

/** `--families core|extended` (default core): which function families train-split tasks are drawn from. */
export function familiesFlag(args: ParsedArgs): FamilySet {
  const v = stringFlag(args, 'families', 'core');
  if (!(FAMILY_SETS as readonly string[]).includes(v))
    throw new UsageError(`--families must be ${FAMILY_SETS.join(' or ')} (got ${JSON.stringify(v)})`);
  return v as FamilySet;
}

/** A share flag in [0, 1] (default 0). */
function shareFlag(args: ParsedArgs, name: string): number {
  const share = args.flags.has(name) ? numberFlag(args, name) : 0;
  if (!(share >= 0 && share <= 1)) throw new UsageError(`--${name} must be in [0, 1] (got ${share})`);
  return share;
}

/** The unseen-package flags together (src/tasks/surface.ts `asUnseenPackages`); share 0 moves no task. */
export interface UnseenPackageFlags {
  /** --package-surface: the share of localization tasks shown as unseen packages. */
  share: number;
  /** --package-names: the style of their fresh names. */
  names: RenameStyle;
  /** --package-neighbors: at most this many other repositories' modules beside each. */
  neighbors: number;
  /** --package-one-word: the share of their functions named with one lower-case word. */
  oneWord: number;
}

export function unseenPackageFlags(args: ParsedArgs): UnseenPackageFlags {
  const neighbors = args.flags.has('package-neighbors') ? numberFlag(args, 'package-neighbors') : 0;
  if (!(Number.isInteger(neighbors) && neighbors >= 0))
    throw new UsageError(`--package-neighbors must be a whole number >= 0 (got ${neighbors})`);
  return {
    share: shareFlag(args, 'package-surface'),
    names: packageNamesFlag(args),
    neighbors,
    oneWord: shareFlag(args, 'package-one-word'),
  };
}

/** --package-names: the style of the fresh names `--package-surface` gives (default syllables). */
function packageNamesFlag(args: ParsedArgs): RenameStyle {
  const v = stringFlag(args, 'package-names', 'syllables');
  if (!['syllables', 'words', 'mixed'].includes(v))
    throw new UsageError(`--package-names must be syllables, words or mixed (got ${JSON.stringify(v)})`);
  return v as RenameStyle;
}
