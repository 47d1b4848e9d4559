// Shared RunResult assembly for every backend: totals, status precedence and output capping.
import type { FileMap, RunCommand, RunLimits, RunResult, RunStatus, TestResult } from './types.ts';

export const TEST_FILE_PATTERN = /\.(test|spec)\.[cm]?js$/;

/** The test files a command names, or every *.test.js / *.spec.js in the map, sorted for determinism. */
export function testFilesOf(files: FileMap, command: RunCommand): string[] {
  if (command.kind === 'script') return [command.entry];
  if (command.files) return [...command.files];
  return Object.keys(files)
    .filter((p) => TEST_FILE_PATTERN.test(p) && !p.startsWith('node_modules/'))
    .sort();
}

/** Bad input to run() itself (not the guest's fault or merit): a message, or null when fine. */
export function checkInput(files: unknown, command: unknown): string | null {
  if (files === null || typeof files !== 'object' || Array.isArray(files))
    return 'files must be an object mapping paths to file contents';
  for (const [path, content] of Object.entries(files as Record<string, unknown>)) {
    if (typeof content !== 'string') {
      const got = content === null ? 'null' : typeof content;
      return `file ${JSON.stringify(path)}: content must be a string, got ${got}`;
    }
  }
  const c = command as RunCommand | null;
  if (!c || (c.kind !== 'tests' && c.kind !== 'script'))
    return "command must be { kind: 'tests', files? } or { kind: 'script', entry }";
  if (c.kind === 'script' && typeof c.entry !== 'string') return 'command.entry must be a file path';
  if (
    c.kind === 'tests' &&
    c.files !== undefined &&
    (!Array.isArray(c.files) || c.files.some((f) => typeof f !== 'string'))
  )
    return 'command.files must be an array of paths';
  return null;
}

export function totalsOf(tests: readonly TestResult[]): RunResult['totals'] {
  const totals = { passed: 0, failed: 0, error: 0, timeout: 0 };
  for (const t of tests) totals[t.status]++;
  return totals;
}

/** Accumulates console output up to a byte cap; `exceeded` turns true at the first byte past it. */
export class OutputBuffer {
  private parts: string[] = [];
  private bytes = 0;
  exceeded = false;
  private static encoder = new TextEncoder();
  constructor(private readonly cap: number) {}

  /** Returns false once the cap is exceeded (the caller should stop the guest). */
  append(text: string): boolean {
    if (this.exceeded) return false;
    const size = text.length <= this.cap ? OutputBuffer.encoder.encode(text).length : this.cap + 1;
    if (this.bytes + size <= this.cap) {
      this.parts.push(text);
      this.bytes += size;
      return true;
    }
    const room = this.cap - this.bytes;
    // Cut by characters, then trim to the byte budget (multi-byte characters may push it over).
    let cut = text.slice(0, room);
    while (OutputBuffer.encoder.encode(cut).length > room) cut = cut.slice(0, -1);
    this.parts.push(cut);
    this.bytes = this.cap;
    this.exceeded = true;
    return false;
  }
  text(): string {
    return this.parts.join('');
  }
}

export interface Outcome {
  tests: TestResult[];
  limitHit: RunResult['limitHit'];
  loadErrors: string[];
  crash?: string;
  canaries?: string[];
}

/** Status precedence: crash > the limit that stopped the run > load errors > ok. */
export function buildResult(
  backend: string,
  outcome: Outcome,
  output: string,
  durationMs: number,
  limits: RunLimits,
): RunResult {
  let status: RunStatus = 'ok';
  let message: string | undefined;
  if (outcome.crash !== undefined) {
    status = 'crash';
    message = outcome.crash;
  } else if (outcome.limitHit === 'time') {
    status = 'timeout';
    message = `time limit of ${limits.timeMs} ms exceeded`;
  } else if (outcome.limitHit === 'memory') {
    status = 'memory';
    message = `memory limit of ${limits.memoryBytes} bytes exceeded`;
  } else if (outcome.limitHit === 'output') {
    status = 'output';
    message = `output limit of ${limits.outputBytes} bytes exceeded`;
  } else if (outcome.limitHit === 'stack') {
    status = 'stack';
    message =
      'stack overflow: guest recursion (e.g. deeply nested JSON.parse or eval input) exhausted the native stack';
  }
  if (outcome.loadErrors.length) {
    if (status === 'ok') status = 'load-error';
    message = message ? `${message}; ${outcome.loadErrors.join('; ')}` : outcome.loadErrors.join('; ');
  }
  const canaries = outcome.canaries?.length ? { canaries: [...outcome.canaries] } : {};
  return {
    status,
    tests: outcome.tests,
    totals: totalsOf(outcome.tests),
    durationMs,
    limitHit: outcome.limitHit,
    output,
    message,
    backend,
    ...canaries,
  };
}
