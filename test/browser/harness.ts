// Loaded by harness.html: lets Node (tests, benches) import any project module in the page through Vite.
declare global {
  interface Window {
    __load(path: string): Promise<Record<string, unknown>>;
    __harnessReady: boolean;
  }
}
window.__load = (path: string) => import(/* @vite-ignore */ path);
window.__harnessReady = true;
export {};
