// Checkpoint files in the browser: fetched from a URL prefix (e.g. the app's public/ folder), picked as
// File objects (an <input type=file multiple> or File System Access), or in a directory handle — the
// origin-private file system (navigator.storage.getDirectory()) or a user-granted folder.
import type { CheckpointFiles, CheckpointReader, CheckpointWriter } from './checkpoint.ts';

/** Reads `${prefix}/${name}`; a 404 means the file does not exist, other HTTP errors throw. */
export function fetchReader(prefix: string, fetchImpl: typeof fetch = fetch): CheckpointReader {
  const base = prefix.endsWith('/') ? prefix : `${prefix}/`;
  return {
    description: base.slice(0, -1),
    async read(name: string): Promise<Uint8Array | undefined> {
      const url = `${base}${name}`;
      const res = await fetchImpl(url);
      if (res.status === 404) return undefined;
      if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${res.statusText}`);
      // Dev servers answer unknown paths with index.html; a checkpoint file is never HTML.
      if ((res.headers.get('content-type') ?? '').startsWith('text/html')) return undefined;
      return new Uint8Array(await res.arrayBuffer());
    },
  };
}

/** Files picked by the user (matched by base name; folders picked with webkitdirectory work too). */
export function fileListReader(
  files: Iterable<File> | ArrayLike<File>,
  description = 'selected files',
): CheckpointReader {
  const byName = new Map<string, File>();
  for (const f of Array.from(files as ArrayLike<File>)) byName.set(f.name, f);
  return {
    description,
    async read(name: string): Promise<Uint8Array | undefined> {
      const f = byName.get(name);
      return f ? new Uint8Array(await f.arrayBuffer()) : undefined;
    },
  };
}

export function directoryHandleReader(dir: FileSystemDirectoryHandle, description = dir.name): CheckpointReader {
  return {
    description,
    async read(name: string): Promise<Uint8Array | undefined> {
      let handle: FileSystemFileHandle;
      try {
        handle = await dir.getFileHandle(name);
      } catch (e) {
        if ((e as DOMException).name === 'NotFoundError') return undefined;
        throw e;
      }
      return new Uint8Array(await (await handle.getFile()).arrayBuffer());
    },
  };
}

/**
 * Writes into a directory handle. createWritable() writes to a swap file that replaces the target only on
 * close(), so each file is atomic; all files are written to swap files before any is committed.
 */
export function directoryHandleWriter(dir: FileSystemDirectoryHandle, description = dir.name): CheckpointWriter {
  return {
    description,
    async writeAll(files: CheckpointFiles): Promise<void> {
      const open: FileSystemWritableFileStream[] = [];
      try {
        for (const [name, bytes] of Object.entries(files)) {
          const handle = await dir.getFileHandle(name, { create: true });
          const stream = await handle.createWritable();
          open.push(stream);
          await stream.write(bytes as Uint8Array<ArrayBuffer>);
        }
      } catch (e) {
        await Promise.all(open.map((s) => s.abort().catch(() => undefined)));
        throw e;
      }
      for (const s of open) await s.close();
    },
  };
}

/** A folder in the origin-private file system (created if needed), e.g. opfsDirectory('checkpoints/run1'). */
export async function opfsDirectory(path: string): Promise<FileSystemDirectoryHandle> {
  let dir = await navigator.storage.getDirectory();
  for (const part of path.split('/').filter(Boolean)) dir = await dir.getDirectoryHandle(part, { create: true });
  return dir;
}
