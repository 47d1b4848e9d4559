// The recipe file `atomgym base` runs: {"about"?: string | string[], "stages": [{"name", "command", "args": [...]}]}.
// A long "about" may be given as lines (joined with spaces), so the file stays readable.
// Parsed strictly: every problem names the file and the field.
import { UsageError } from './args.ts';

export const STAGE_COMMANDS = ['warmup', 'sft'] as const;
export type StageCommand = (typeof STAGE_COMMANDS)[number];

export interface RecipeStage {
  /** Its folder under --out: letters, digits, '.', '-', '_'. */
  name: string;
  command: StageCommand;
  /** The command's flags, without --out (the stage's folder) and, after the first stage, usually without --init. */
  args: string[];
}

export interface Recipe {
  about?: string;
  stages: RecipeStage[];
}

export function parseRecipe(text: string, file: string): Recipe {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file}: not JSON (${(e as Error).message})`);
  }
  const bad = (field: string, why: string) => new UsageError(`${file}: ${field} ${why}`);
  if (typeof raw !== 'object' || raw === null || !Array.isArray((raw as { stages?: unknown }).stages))
    throw bad('stages', 'must be an array of stages');
  const { about, stages } = raw as { about?: unknown; stages: unknown[] };
  const lines = Array.isArray(about) && about.every((l) => typeof l === 'string');
  if (about !== undefined && typeof about !== 'string' && !lines)
    throw bad('about', 'must be a string or an array of strings');
  if (stages.length === 0) throw bad('stages', 'is empty');
  const names = new Set<string>();
  const parsed = stages.map((s, i): RecipeStage => {
    const at = `stages[${i}]`;
    if (typeof s !== 'object' || s === null) throw bad(at, 'must be an object');
    const { name, command, args } = s as Record<string, unknown>;
    if (typeof name !== 'string' || !/^[\w.-]+$/.test(name))
      throw bad(`${at}.name`, 'must be a folder name ([\\w.-]+)');
    if (names.has(name)) throw bad(`${at}.name`, `repeats ${name}`);
    names.add(name);
    if (!(STAGE_COMMANDS as readonly unknown[]).includes(command))
      throw bad(`${at}.command`, `must be one of ${STAGE_COMMANDS.join(', ')}, got ${JSON.stringify(command)}`);
    if (!Array.isArray(args) || args.some((a) => typeof a !== 'string'))
      throw bad(`${at}.args`, 'must be an array of strings');
    if (args.some((a: string) => a === '--out' || a.startsWith('--out=')))
      throw bad(`${at}.args`, 'must not give --out (each stage runs in --out/<name>)');
    return { name, command: command as StageCommand, args: args as string[] };
  });
  return { about: lines ? (about as string[]).join(' ') : (about as string | undefined), stages: parsed };
}
