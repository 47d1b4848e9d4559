import { describe, expect, it } from 'vitest';
import { numberFlag, parseArgs, UsageError } from '../../src/cli/args.ts';

describe('parseArgs', () => {
  it('splits positionals, --k v, --k=v and bare flags', () => {
    const a = parseArgs(['bench', 'matmul', '--json', '--n', '5', '--seed=7']);
    expect(a.positionals).toEqual(['bench', 'matmul']);
    expect(a.flags.get('json')).toBe(true);
    expect(numberFlag(a, 'n')).toBe(5);
    expect(numberFlag(a, 'seed')).toBe(7);
  });
  it('names the flag when a number is malformed', () => {
    expect(() => numberFlag(parseArgs(['--n', 'abc']), 'n')).toThrow(/--n needs a number/);
    expect(() => numberFlag(parseArgs([]), 'n')).toThrow(UsageError);
  });
});
