// FileMap → the nested mount tree @webcontainer/api expects ({ dir: { directory: { file: { file: { contents } } } } }).
import type { FileSystemTree } from '@webcontainer/api';
import type { FileMap } from '../types.ts';

export class MountTreeError extends Error {
  override name = 'MountTreeError';
}

/** Refuses paths that cannot be mounted (absolute, `..`, empty segments) and file/directory clashes. */
export function toMountTree(files: FileMap): FileSystemTree {
  const root: FileSystemTree = {};
  for (const [path, contents] of Object.entries(files)) {
    const parts = path.split('/');
    if (path.startsWith('/') || parts.some((p) => p === '' || p === '.' || p === '..'))
      throw new MountTreeError(
        `cannot mount ${JSON.stringify(path)}: paths must be relative, without '.', '..' or empty segments`,
      );
    let dir = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const node = dir[parts[i]];
      if (node === undefined) {
        const next: FileSystemTree = {};
        dir[parts[i]] = { directory: next };
        dir = next;
      } else if ('directory' in node) {
        dir = node.directory;
      } else {
        throw new MountTreeError(`cannot mount ${JSON.stringify(path)}: ${parts.slice(0, i + 1).join('/')} is a file`);
      }
    }
    const name = parts[parts.length - 1];
    if (dir[name] !== undefined)
      throw new MountTreeError(`cannot mount ${JSON.stringify(path)}: a directory of that name exists`);
    dir[name] = { file: { contents } };
  }
  return root;
}
