// Reading the files a user names on the command line: a missing or unreadable one gets an error that names the
// path and says what was expected there; a task pack with no tasks is an error, not "pack ok: 0 tasks".
import { readFile } from 'node:fs/promises';
import { parsePack } from '../tasks/pack.ts';

export class InputFileError extends Error {
  override name = 'InputFileError';
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'is a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

/** The file's text; `what` says what the file should be ("a task pack (JSONL, one task per line)"). */
export async function readInputFile(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    const reason = REASONS[code] ?? (e instanceof Error ? e.message : String(e));
    throw new InputFileError(`cannot read ${path}: ${reason} (expected ${what})`);
  }
}

export const PACK_EXPECTED = 'a task pack: JSONL, one task per line';

/** Reads and parses a pack; throws when it holds no task lines at all (bad lines are returned, not thrown). */
export async function readPackFile(path: string): Promise<ReturnType<typeof parsePack>> {
  const pack = parsePack(await readInputFile(path, PACK_EXPECTED), path);
  if (pack.tasks.length === 0 && pack.problems.length === 0) {
    throw new InputFileError(`${path} holds no tasks (expected ${PACK_EXPECTED})`);
  }
  return pack;
}
