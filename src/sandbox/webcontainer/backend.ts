// The WebContainer backend (browser only): real Node.js in the page via @webcontainer/api. Boot needs
// https://stackblitz.com, so it is guarded by a timeout; createSandbox() falls back to QuickJS when it fails.
import type { WebContainer } from '@webcontainer/api';
import { buildResult, checkInput, testFilesOf } from '../result.ts';
import {
  DEFAULT_LIMITS,
  type FileMap,
  type RunCommand,
  type RunLimits,
  type RunResult,
  type Sandbox,
} from '../types.ts';
import { toMountTree } from './mount.ts';
import { parseRunnerOutput } from './parse.ts';
import { nodeRunFiles, RUNNER_SCRIPT_NAME } from './runner-script.ts';

export const BACKEND = 'webcontainer';

export class BootTimeoutError extends Error {
  override name = 'BootTimeoutError';
}

/** Only one WebContainer may boot per page, ever: the attempt (and its outcome) is shared. */
let bootAttempt: Promise<WebContainer> | null = null;

export function webContainerUnsupportedReason(): string | null {
  const g = globalThis as { window?: unknown; crossOriginIsolated?: boolean; SharedArrayBuffer?: unknown };
  if (typeof g.window === 'undefined') return 'WebContainer runs only in a browser page';
  if (!g.crossOriginIsolated) return 'the page is not cross-origin isolated (COOP/COEP headers missing)';
  if (typeof g.SharedArrayBuffer === 'undefined') return 'SharedArrayBuffer is unavailable';
  return null;
}

/** Boots (once per page) with a deadline; offline the boot never settles, so the deadline is what ends it. */
export async function bootWebContainer(timeoutMs: number): Promise<WebContainer> {
  const unsupported = webContainerUnsupportedReason();
  if (unsupported) throw new Error(unsupported);
  bootAttempt ??= import('@webcontainer/api').then(({ WebContainer: WC }) =>
    WC.boot({ coep: 'require-corp', workdirName: 'atomgym' }),
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new BootTimeoutError(
            `WebContainer did not boot within ${timeoutMs} ms (it loads its runtime from https://stackblitz.com)`,
          ),
        ),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([bootAttempt, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

let runCounter = 0;

export class WebContainerSandbox implements Sandbox {
  readonly name = BACKEND;
  constructor(private readonly wc: WebContainer) {}

  async run(files: FileMap, command: RunCommand, limits?: Partial<RunLimits>): Promise<RunResult> {
    const t0 = performance.now();
    const lim: RunLimits = { ...DEFAULT_LIMITS, ...limits };
    const bad = checkInput(files, command);
    if (bad)
      return buildResult(
        BACKEND,
        { tests: [], limitHit: null, loadErrors: [`bad run input: ${bad}`] },
        '',
        performance.now() - t0,
        lim,
      );
    const dir = `run-${++runCounter}`;
    try {
      const tree = toMountTree(nodeRunFiles(files, lim.timeMs));
      await this.wc.fs.mkdir(dir, { recursive: true });
      await this.wc.mount(tree, { mountPoint: dir });
      const heapMb = Math.max(16, Math.ceil(lim.memoryBytes / 2 ** 20));
      const entry = command.kind === 'script' ? [command.entry] : [RUNNER_SCRIPT_NAME, ...testFilesOf(files, command)];
      const proc = await this.wc.spawn('node', [`--max-old-space-size=${heapMb}`, ...entry], {
        cwd: dir,
        terminal: { cols: 4096, rows: 24 },
      });
      let raw = '';
      const cap = lim.outputBytes * 4 + 1_000_000;
      void proc.output.pipeTo(
        new WritableStream({ write: (chunk) => void (raw.length < cap ? (raw += chunk) : proc.kill()) }),
      );
      let timedOut = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const killed = new Promise<null>((resolve) => {
        timer = setTimeout(
          () => {
            timedOut = true;
            proc.kill();
            resolve(null);
          },
          Math.max(1, lim.timeMs - (performance.now() - t0)),
        );
      });
      const exitCode = await Promise.race([proc.exit, killed]);
      clearTimeout(timer);
      const parsed = parseRunnerOutput(raw, lim, { timedOut, exitCode });
      if (command.kind === 'script' && !parsed.outcome.limitHit && exitCode !== 0)
        parsed.outcome.loadErrors.push(`${command.entry}: exited with code ${String(exitCode)}`);
      if (command.kind === 'script') delete parsed.outcome.crash;
      return buildResult(BACKEND, parsed.outcome, parsed.output, performance.now() - t0, lim);
    } catch (e) {
      return buildResult(
        BACKEND,
        {
          tests: [],
          limitHit: null,
          loadErrors: [],
          crash: `WebContainer run failed: ${e instanceof Error ? e.message : String(e)}`,
        },
        '',
        performance.now() - t0,
        lim,
      );
    } finally {
      void this.wc.fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
    }
  }
}
