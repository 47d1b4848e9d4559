// Checkpoint files in a Node directory. Writes are atomic per checkpoint as far as a file system allows:
// every file is first written in full to a temporary name in the same directory, and only when all of
// them are on disk are they renamed over the final names (rename is atomic), so a crash or a failed
// write never leaves a half-written config/model next to each other.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { CheckpointFiles, CheckpointReader, CheckpointWriter } from './checkpoint.ts';

export function directoryReader(dir: string): CheckpointReader {
  return {
    description: dir,
    async read(name: string): Promise<Uint8Array | undefined> {
      try {
        return new Uint8Array(await readFile(join(dir, name)));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw e;
      }
    },
  };
}

export function directoryWriter(dir: string): CheckpointWriter {
  return {
    description: dir,
    async writeAll(files: CheckpointFiles): Promise<void> {
      await mkdir(dir, { recursive: true });
      const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
      const temps = Object.keys(files).map((name) => ({ name, temp: join(dir, `.${name}.tmp-${tag}`) }));
      try {
        for (const { name, temp } of temps) await writeFile(temp, files[name], { flush: true });
        for (const { name, temp } of temps) await rename(temp, join(dir, name));
      } catch (e) {
        await Promise.all(temps.map(({ temp }) => rm(temp, { force: true })));
        throw e;
      }
    },
  };
}
