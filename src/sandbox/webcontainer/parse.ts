// Turns the WebContainer runner's terminal output into a RunResult outcome: marked JSON lines are results,
// everything else is the guest's console output.
import { OutputBuffer, type Outcome } from '../result.ts';
import type { RunLimits, TestResult, TestStatus } from '../types.ts';
import { RESULT_MARK } from './runner-script.ts';

// Terminal colour/cursor sequences that a pseudo-terminal may wrap around lines.
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;
const STATUSES: readonly TestStatus[] = ['passed', 'failed', 'error', 'timeout'];

export interface ParsedRun {
  outcome: Outcome;
  output: string;
  /** True when the runner printed its final record (it was not killed or crashed). */
  finished: boolean;
}

export interface ProcessEnd {
  /** The process was killed by the backend's time limit. */
  timedOut: boolean;
  exitCode: number | null;
}

export function parseRunnerOutput(raw: string, limits: RunLimits, end: ProcessEnd): ParsedRun {
  const out = new OutputBuffer(limits.outputBytes);
  const tests: TestResult[] = [];
  const loadErrors: string[] = [];
  let names: Array<[string, string]> = [];
  let finished = false;
  for (const rawLine of raw.replace(/\r\n?/g, '\n').split('\n')) {
    const line = rawLine.replace(ANSI, '');
    const at = line.indexOf(RESULT_MARK);
    if (at < 0) {
      if (line !== '' || rawLine !== '') out.append(`${line}\n`);
      continue;
    }
    let rec: Record<string, unknown>;
    try {
      rec = JSON.parse(line.slice(at + RESULT_MARK.length)) as Record<string, unknown>;
    } catch {
      out.append(`${line}\n`);
      continue;
    }
    if (rec.type === 'tests' && Array.isArray(rec.names)) names = rec.names as Array<[string, string]>;
    else if (rec.type === 'done') finished = true;
    else if (rec.type === 'load-error') {
      const message = String(rec.message ?? 'failed to load');
      loadErrors.push(`${String(rec.file)}: ${message}`);
      tests.push({ file: String(rec.file), name: '(load)', status: 'error', message, durationMs: 0 });
    } else if (rec.type === 'test' && STATUSES.includes(rec.status as TestStatus)) {
      const message = typeof rec.message === 'string' && rec.message ? rec.message : undefined;
      tests.push({
        file: String(rec.file),
        name: String(rec.name),
        status: rec.status as TestStatus,
        ...(message ? { message } : {}),
        durationMs: Number(rec.durationMs) || 0,
      });
    }
  }
  const memory = /heap out of memory|JavaScript heap|Allocation failed/i.test(raw);
  const limitHit = end.timedOut ? 'time' : memory ? 'memory' : out.exceeded ? 'output' : null;
  // Tests the runner announced but never reported: cut off by the limit, or by a crash of the process.
  const seen = new Set(tests.map((t) => `${t.file}\u0000${t.name}`));
  for (const [file, name] of names) {
    if (seen.has(`${file}\u0000${name}`)) continue;
    const status: TestStatus = limitHit === 'time' ? 'timeout' : 'error';
    tests.push({
      file,
      name,
      status,
      message: limitHit ? `not finished: ${limitHit} limit` : 'not finished: the runner exited early',
      durationMs: 0,
    });
  }
  const crash =
    !finished && !limitHit ? `the runner exited with code ${String(end.exitCode)} before finishing` : undefined;
  return {
    outcome: {
      tests,
      limitHit,
      loadErrors,
      ...(crash && names.length === 0 && loadErrors.length === 0 ? { crash } : {}),
    },
    output: out.text(),
    finished,
  };
}
