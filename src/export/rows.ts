// One dataset row per task in each framework's layout. Pure data; writing files is write.ts's job.
// veRL (RLHFDataset + reward manager): data_source, prompt (chat messages), ability,
//   reward_model {style, ground_truth}, extra_info — the reward function receives data_source, the decoded
//   response, ground_truth and extra_info.
// OpenRLHF (--input_key prompt --label_key label --apply_chat_template): prompt messages and a label column, which
//   reaches the remote reward service as `labels`.
// TRL (GRPOTrainer): a conversational `prompt` column; every other column reaches reward functions as a keyword list.
import { encodeLabel, type GroundTruthMode } from './label.ts';
import { taskMessages, type ChatMessage } from './messages.ts';
import type { TaskBase } from '../tasks/types.ts';

export const FORMATS = ['verl', 'openrlhf', 'trl'] as const;
export type ExportFormat = (typeof FORMATS)[number];

export interface VerlRow {
  data_source: string;
  prompt: ChatMessage[];
  ability: string;
  reward_model: { style: 'rule'; ground_truth: string };
  extra_info: { split: string; index: number; task_id: string; skill: string; level: number };
}

export interface OpenRlhfRow {
  prompt: ChatMessage[];
  label: string;
  task_id: string;
  skill: string;
}

export interface TrlRow {
  prompt: ChatMessage[];
  ground_truth: string;
  task_id: string;
  skill: string;
}

/** veRL routes rewards by data_source; one per skill lets its logs split metrics by skill. */
export const dataSource = (task: TaskBase): string => `atomgym/${task.skill}`;

export function verlRow(task: TaskBase, index: number, mode: GroundTruthMode): VerlRow {
  return {
    data_source: dataSource(task),
    prompt: taskMessages(task),
    ability: 'code',
    reward_model: { style: 'rule', ground_truth: encodeLabel(task, mode) },
    extra_info: { split: task.split, index, task_id: task.id, skill: task.skill, level: task.level },
  };
}

export function openRlhfRow(task: TaskBase, mode: GroundTruthMode): OpenRlhfRow {
  return { prompt: taskMessages(task), label: encodeLabel(task, mode), task_id: task.id, skill: task.skill };
}

export function trlRow(task: TaskBase, mode: GroundTruthMode): TrlRow {
  return { prompt: taskMessages(task), ground_truth: encodeLabel(task, mode), task_id: task.id, skill: task.skill };
}
