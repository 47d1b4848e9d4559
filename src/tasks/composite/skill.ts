// The SkillModule shared by all five composite kinds: one prompt shape, one answer format, one judge.
import type { CompositeKind, SkillModule, TaskBase } from '../types.ts';
import { judgeComposite } from './judge.ts';
import { renderCompositePrompt } from './prompt.ts';
import type { CompositeTask } from './types.ts';

function asComposite(task: TaskBase): CompositeTask {
  const t = task as CompositeTask;
  if (typeof t.statement !== 'string') throw new Error(`${task.id}: composite task without a 'statement' field`);
  const h = t.hidden as Partial<CompositeTask['hidden']>;
  if (!h.tests || typeof h.oracle !== 'string' || !Array.isArray(h.negatives) || typeof h.testCount !== 'number') {
    throw new Error(`${task.id}: composite task 'hidden' needs tests, testCount, oracle and negatives`);
  }
  return t;
}

export function compositeSkill(kind: CompositeKind): SkillModule {
  return {
    kind,
    renderPrompt: (task, fit) => renderCompositePrompt(asComposite(task), fit),
    reward: async (task, answer, sandbox) => {
      let t: CompositeTask;
      try {
        t = asComposite(task);
      } catch (e) {
        return { reward: 0, partial: 0, status: 'bad-task', detail: e instanceof Error ? e.message : String(e) };
      }
      return judgeComposite(t, answer, sandbox);
    },
    oracleAnswer: (task) => asComposite(task).hidden.oracle,
    negativeControls: (task) => asComposite(task).hidden.negatives,
  };
}
