// How the ground truth travels to the reward service: as the task id (the service resolves it in the tasks it
// loaded) or as the whole task in JSON. Either way it rides in the frameworks' label/ground-truth column, which
// they hand only to the reward function — never in the prompt.
import { validateTask } from '../tasks/pack.ts';
import type { TaskBase } from '../tasks/types.ts';

export type GroundTruthMode = 'id' | 'task';

export function encodeLabel(task: TaskBase, mode: GroundTruthMode): string {
  return mode === 'id' ? task.id : JSON.stringify(task);
}

export type DecodedLabel =
  | { kind: 'id'; id: string }
  | { kind: 'task'; task: TaskBase }
  | { kind: 'bad'; message: string };

/** A label is a task id, or a JSON object that must pass the pack validator (errors name the field). */
export function decodeLabel(label: unknown): DecodedLabel {
  if (typeof label !== 'string')
    return { kind: 'bad', message: `label must be a string (a task id or a task as JSON), got ${typeof label}` };
  const text = label.trim();
  if (!text.startsWith('{'))
    return text.length > 0 ? { kind: 'id', id: text } : { kind: 'bad', message: 'label is empty' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return {
      kind: 'bad',
      message: `label looks like a task but is not valid JSON: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
  const problems = validateTask(value);
  if (problems.length > 0)
    return {
      kind: 'bad',
      message: `inline task: ${problems.map((p) => `field '${p.field}': ${p.message}`).join('; ')}`,
    };
  return { kind: 'task', task: value as TaskBase };
}
