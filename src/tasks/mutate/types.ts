// Mutations: one small, deterministic source edit that injects a bug. Descriptions are hidden data.

export const MUTATION_OPERATORS = [
  'arithmetic-swap',
  'comparison-swap',
  'logical-swap',
  'off-by-one',
  'wrong-constant',
  'wrong-variable',
  'missing-return',
  'missing-guard',
  'swap-args',
  'invert-condition',
] as const;
export type MutationOperator = (typeof MUTATION_OPERATORS)[number];

export interface Mutation {
  /** Stable within one source text: `${file}:${start}:${operator}:${index}`. */
  id: string;
  operator: MutationOperator;
  file: string;
  /** 1-based line of the first changed character; unchanged lines above keep their numbers in the mutant. */
  line: number;
  /** Character range replaced in the original source. */
  start: number;
  end: number;
  /** Source text of the range before and after. */
  original: string;
  replacement: string;
  /** What changed, for logs and answer keys; never shown to the policy. */
  description: string;
  /** True when the edit removes whole statements (no single faulty line remains in the mutant). */
  removesCode: boolean;
}
