// Reading and writing StepRecord logs (JSONL, one step per line, src/rl/types.ts). A bad line gets an error that
// names the source, the line and the field, and nothing of a bad log is used.
import type { RolloutRecord, StepRecord } from '../rl/types.ts';

export class StepLogError extends Error {
  override name = 'StepLogError';
}

const ROLLOUT_FIELDS: Array<[keyof RolloutRecord, string]> = [
  ['step', 'number'],
  ['group', 'number'],
  ['taskId', 'string'],
  ['skill', 'string'],
  ['prompt', 'string'],
  ['completion', 'string'],
  ['reward', 'number'],
  ['status', 'string'],
  ['detail', 'string'],
  ['advantage', 'number'],
  ['truncated', 'boolean'],
];

function checkRecord(value: unknown, where: string): StepRecord {
  const fail = (field: string, msg: string): never => {
    throw new StepLogError(`${where}: ${field}: ${msg}`);
  };
  if (typeof value !== 'object' || value === null) fail('(line)', 'expected an object {metrics, rollouts}');
  const v = value as Partial<StepRecord>;
  if (typeof v.metrics !== 'object' || v.metrics === null) fail('metrics', 'expected an object');
  for (const [k, x] of Object.entries(v.metrics!)) if (typeof x !== 'number') fail(`metrics.${k}`, 'expected a number');
  if (!Number.isInteger(v.metrics!.step) || v.metrics!.step < 0) fail('metrics.step', 'expected an integer >= 0');
  if (!Array.isArray(v.rollouts)) fail('rollouts', 'expected an array');
  v.rollouts!.forEach((r, i) => {
    for (const [k, type] of ROLLOUT_FIELDS) if (typeof r[k] !== type) fail(`rollouts[${i}].${k}`, `expected a ${type}`);
    if (!Array.isArray(r.tokens) || !Array.isArray(r.logprobs)) {
      fail(`rollouts[${i}].tokens`, 'expected arrays tokens and logprobs');
    }
    if (r.tokens.length !== r.logprobs.length) {
      fail(`rollouts[${i}].logprobs`, `length ${r.logprobs.length} != tokens ${r.tokens.length}`);
    }
  });
  return v as StepRecord;
}

/** Parses a whole log; steps must increase. */
export function parseStepLog(text: string, source: string): StepRecord[] {
  const out: StepRecord[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    const where = `${source} line ${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      throw new StepLogError(`${where}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
    }
    const rec = checkRecord(value, where);
    const prev = out.at(-1);
    if (prev && rec.metrics.step <= prev.metrics.step) {
      throw new StepLogError(`${where}: metrics.step ${rec.metrics.step} does not follow step ${prev.metrics.step}`);
    }
    out.push(rec);
  });
  if (out.length === 0) {
    throw new StepLogError(`${source}: no steps (expected a StepRecord log: JSONL, one step per line)`);
  }
  return out;
}

export const stepLine = (r: StepRecord): string => `${JSON.stringify(r)}\n`;
