// Episode lengths: tokens in a task's rendered prompt plus its oracle answer, summarised per kind and level. The
// tokenizer is passed in as a counting function so this module stays a leaf (src/model is not imported here).
import { SKILLS } from './registry.ts';
import type { Level, TaskBase, TaskKind } from './types.ts';

export interface LengthRow {
  kind: TaskKind;
  level: Level;
  tasks: number;
  p50: number;
  p90: number;
  p95: number;
  max: number;
  /** Characters per token over the prompts alone (what the tokenizer goal is stated on). */
  promptCharsPerToken: number;
}

/** The q-quantile (nearest rank) of sorted numbers. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export function episodeTokens(
  task: TaskBase,
  count: (text: string) => number,
): { prompt: string; tokens: number; promptTokens: number } {
  const skill = SKILLS[task.skill];
  if (!skill) throw new Error(`${task.id}: no skill module for ${task.skill}`);
  const prompt = skill.renderPrompt(task);
  const promptTokens = count(prompt);
  return { prompt, tokens: promptTokens + count(skill.oracleAnswer(task)), promptTokens };
}

export function lengthTable(tasks: readonly TaskBase[], count: (text: string) => number): LengthRow[] {
  const groups = new Map<
    string,
    { kind: TaskKind; level: Level; tokens: number[]; chars: number; promptTokens: number }
  >();
  for (const t of tasks) {
    const e = episodeTokens(t, count);
    const key = `${t.skill}|${t.level}`;
    const g = groups.get(key) ?? { kind: t.skill, level: t.level, tokens: [], chars: 0, promptTokens: 0 };
    g.tokens.push(e.tokens);
    g.chars += e.prompt.length;
    g.promptTokens += e.promptTokens;
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => {
    const s = [...g.tokens].sort((a, b) => a - b);
    return {
      kind: g.kind,
      level: g.level,
      tasks: s.length,
      p50: quantile(s, 0.5),
      p90: quantile(s, 0.9),
      p95: quantile(s, 0.95),
      max: s[s.length - 1],
      promptCharsPerToken: Number((g.chars / g.promptTokens).toFixed(2)),
    };
  });
}
