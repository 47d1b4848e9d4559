// Trivial baselines: answers that ignore what a task asks, scored beside a policy so a number means something
// (at level 1 a repo has one source file, so "name every source file" already solves localization). Names are
// stable per kind, so each is aggregated over the tasks of a kind. The task suite's own list (src/tasks,
// issue 9) replaces this at merge; the evaluation takes any BaselineProvider.
import { isTestFile } from '../tasks/composite/structure.ts';
import type { TaskBase } from '../tasks/types.ts';
import type { Baseline } from './types.ts';

const TAUTOLOGY = "it('holds', () => {\n  expect(1).toBe(1);\n});\n";

export function defaultBaselines(task: TaskBase): Baseline[] {
  const empty: Baseline = { name: 'empty', answer: '' };
  switch (task.skill) {
    case 'localization': {
      const sources = Object.keys(task.repo.files)
        .filter((p) => !isTestFile(p))
        .sort();
      // With one source file this is "copy the only candidate".
      return [empty, { name: 'all-source-files', answer: sources.join('\n') }];
    }
    case 'review':
      return [
        { name: 'always-approve', answer: 'VERDICT: approve' },
        { name: 'always-reject', answer: 'VERDICT: request changes\nLINE: 1' },
      ];
    case 'test-generation':
    case 'reproduction':
      return [empty, { name: 'tautological-test', answer: TAUTOLOGY }];
    default:
      // editing and every composite kind answer with edit blocks: the empty answer is "change nothing".
      return [empty];
  }
}
