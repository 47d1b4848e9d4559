// Exporting the trained policy as a Hugging Face model folder: a .zip download, or the files written into a folder
// the user picks (File System Access API, where the browser has it: Chromium does, Firefox and Safari do not).
import type { ModelExport } from '../../worker/run-worker.ts';

/** The part of the File System Access API this uses (not in TypeScript's DOM lib yet). */
interface DirectoryPicker {
  showDirectoryPicker(o: { mode: 'readwrite' }): Promise<FileSystemDirectoryHandle>;
}

export const canWriteFolders = (): boolean => 'showDirectoryPicker' in window;

/** Writes the export's files into a new sub-folder of a folder the user picks; returns a line for the page. */
export async function writeModelFolder(m: ModelExport): Promise<string> {
  if (!m.files) throw new Error('model export: no files to write');
  const parent = await (window as unknown as DirectoryPicker).showDirectoryPicker({ mode: 'readwrite' });
  const dir = await parent.getDirectoryHandle(m.name, { create: true });
  for (const [name, bytes] of Object.entries(m.files)) {
    const w = await (await dir.getFileHandle(name, { create: true })).createWritable();
    await w.write(bytes as Uint8Array<ArrayBuffer>);
    await w.close();
  }
  return `wrote ${Object.keys(m.files).length} files to ${parent.name}/${m.name}/`;
}
