// Saves a URL (an object URL or a data URL) under a file name through a temporary link.
import { h } from '../adapter-view.ts';

export function download(name: string, href: string): void {
  const a = h('a', { href, download: name });
  document.body.append(a);
  a.click();
  a.remove();
}
