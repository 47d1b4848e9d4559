// The sandbox contract (DESIGN.md, Contracts: Sandbox). Every backend returns the same RunResult.

/** A repository snapshot: path → file content. Paths are POSIX, relative, without a leading "./". */
export type FileMap = Record<string, string>;

export interface RunLimits {
  /** Wall-clock budget for the whole run, including module loading. */
  timeMs: number;
  /** Heap cap for the guest. */
  memoryBytes: number;
  /** Cap on captured console output; output past it is dropped and `limitHit` says 'output'. */
  outputBytes: number;
}

export const DEFAULT_LIMITS: RunLimits = { timeMs: 2_000, memoryBytes: 64 * 2 ** 20, outputBytes: 64 * 2 ** 10 };

/** What to run: the test files (all `*.test.js|ts` when omitted) or one script. */
export type RunCommand = { kind: 'tests'; files?: string[] } | { kind: 'script'; entry: string };

export type TestStatus = 'passed' | 'failed' | 'error' | 'timeout';

export interface TestResult {
  /** File that declared the test. */
  file: string;
  /** describe/it names joined with " > ". */
  name: string;
  status: TestStatus;
  message?: string;
  durationMs: number;
}

export type RunStatus =
  | 'ok' // ran to the end (tests may still have failed)
  | 'timeout'
  | 'memory'
  | 'output'
  | 'load-error' // a module failed to parse/load/evaluate at top level
  | 'stack' // guest recursion exhausted the engine's native stack (e.g. deeply nested JSON.parse / eval input)
  | 'crash'; // the backend itself failed; never the guest's fault alone

export interface RunResult {
  status: RunStatus;
  tests: TestResult[];
  totals: { passed: number; failed: number; error: number; timeout: number };
  durationMs: number;
  limitHit: LimitKind | null;
  /** Captured console output, truncated at limits.outputBytes. */
  output: string;
  /** Human-readable reason when status is not 'ok'. */
  message?: string;
  backend: string;
  /**
   * Canary module specifiers (`atomgym:canary/<name>`) that guest code tried to import during the run. The host
   * records them itself, so no guest code can hide one: exploit tests use them to see whether injected code ran.
   */
  canaries?: string[];
}

export type LimitKind = 'time' | 'memory' | 'output' | 'stack';

/** Dynamic imports of specifiers with this prefix are recorded by the host (RunResult.canaries) and then fail. */
export const CANARY_PREFIX = 'atomgym:canary/';

export interface Sandbox {
  readonly name: string;
  /** How many runs it executes at once when they are awaited together (default 1; a pool: one per member). */
  readonly concurrency?: number;
  run(files: FileMap, command: RunCommand, limits?: Partial<RunLimits>): Promise<RunResult>;
  dispose?(): void;
}
