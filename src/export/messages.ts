// A task's prompt as chat messages (system + user) for the frameworks' datasets. The project's chat template
// (src/rl/chat-template.ts) owns the system text and the turn layout; until it lands here this builder is the one
// place the export reads messages from, so repointing `taskMessages` at the template is a one-line change.
import { SKILLS } from '../tasks/registry.ts';
import type { TaskBase } from '../tasks/types.ts';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** What the agent is told before every task; the task's own prompt (renderPrompt) follows as the user turn. */
export const SYSTEM_PROMPT =
  'You are a coding agent working on a small JavaScript repository. Follow the task exactly and answer in the ' +
  'format it asks for, with nothing else.';

/** system + user messages; the user turn is the skill's renderPrompt, which never reads `task.hidden`. */
export function taskMessages(task: TaskBase): ChatMessage[] {
  const skill = SKILLS[task.skill];
  if (!skill) throw new Error(`task ${task.id}: no skill module for ${JSON.stringify(task.skill)}`);
  return [
    { role: 'system', content: SYSTEM_PROMPT },
    { role: 'user', content: skill.renderPrompt(task) },
  ];
}
