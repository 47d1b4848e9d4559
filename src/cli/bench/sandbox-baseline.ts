// The Node worker_threads baseline of `atomgym bench sandbox`: the same tests, run by the same runner logic
// (the WebContainer backend's real-Node runner script) in a fresh worker thread per run. A fresh worker is
// the baseline's isolation unit: a reused worker would keep its ES module cache and never re-run the code.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { parseRunnerOutput } from '../../sandbox/webcontainer/parse.ts';
import { nodeRunFiles, RUNNER_SCRIPT_NAME } from '../../sandbox/webcontainer/runner-script.ts';
import { DEFAULT_LIMITS } from '../../sandbox/types.ts';
import { BENCH_REPO, BENCH_TEST_FILE } from '../../bench/sandbox-repo.ts';

async function runInFreshWorker(dir: string): Promise<number> {
  const worker = new Worker(join(dir, RUNNER_SCRIPT_NAME), {
    argv: [join(dir, BENCH_TEST_FILE)],
    stdout: true,
    stderr: true,
  });
  let raw = '';
  worker.stdout.setEncoding('utf8').on('data', (c: string) => (raw += c));
  const code = await new Promise<number>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', resolve);
  });
  const parsed = parseRunnerOutput(raw, DEFAULT_LIMITS, { timedOut: false, exitCode: code });
  return parsed.outcome.tests.filter((t) => t.status === 'passed').length;
}

export const BASELINE_MODE = 'fresh worker_threads Worker per run, real Node, same runner logic';

/** Writes the repo once and returns a sample function (perSample fresh-worker runs) plus cleanup. */
export async function prepareWorkerThreadsBaseline(
  perSample: number,
): Promise<{ sample: () => Promise<void>; passed: () => number; close: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'atomgym-bench-'));
  for (const [path, src] of Object.entries(nodeRunFiles(BENCH_REPO, 5_000))) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), src);
  }
  let passed = -1;
  return {
    sample: async () => {
      for (let i = 0; i < perSample; i++) passed = await runInFreshWorker(dir);
    },
    passed: () => passed,
    close: () => rm(dir, { recursive: true, force: true }),
  };
}
