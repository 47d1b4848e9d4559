// The function bank behind the composite tasks: small JSDoc'd ES modules with example and hidden test cases.

/** One test case: a call expression and its expected value as JS source, or THROWS when the call must throw. */
export type Case = readonly [call: string, expected: string];
export const THROWS = 'THROWS';

export interface BankFunction {
  name: string;
  /** One-sentence summary for the JSDoc. */
  doc: string;
  /** JSDoc @param / @returns lines, without the leading " * ". */
  tags: readonly string[];
  params: string;
  /** Function body, indented by two spaces, without the braces. */
  body: string;
  /** Shown in the JSDoc and in the visible tests. */
  examples: readonly Case[];
  /** Only in the hidden tests: edges that catch injected bugs. */
  hidden: readonly Case[];
}

export interface BankModule {
  /** Function family, the unit of the family split. */
  family: string;
  /** Base name: src/<file>.js and test/<file>.test.js. */
  file: string;
  /** Import lines the module needs from other bank modules (cross-file calls). */
  imports?: readonly string[];
  /** Modules it imports from (by file), so a repo always contains them. */
  dependsOn?: readonly string[];
  functions: readonly BankFunction[];
}
