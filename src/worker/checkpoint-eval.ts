// Checkpoint evaluation inside the run worker: the same src/eval pipeline as `atomgym eval` in Node — tasks from a
// pack or generated, Avg@k and greedy pass@1 with bootstrap CIs, the trivial baselines on the same tasks — with the
// models and the pack fetched by URL and the rewards computed in sandbox workers. `atomgym eval --page` and the
// Evaluation tab's form call it; a GRPO run in the same tab is not touched.
import type { CheckpointEvalRequest } from '../api/page-state.ts';
import { OrtPolicy } from '../eval/ort-policy.ts';
import type { EvalReport } from '../eval/report.ts';
import { runEvaluation } from '../eval/run.ts';
import { generateEvalTasks, selectPackTasks } from '../eval/tasks.ts';
import { chatTemplate } from '../eval/template.ts';
import { readCheckpoint } from '../model/checkpoint.ts';
import { fetchReader } from '../model/checkpoint-web.ts';
import { SandboxPool } from '../sandbox/pool.ts';
import { createBrowserWorkerSandbox } from '../sandbox/worker/client.ts';
import { trivialBaselines } from '../tasks/baselines.ts';
import { readPack } from '../tasks/pack.ts';

async function fetchText(url: string, what: string): Promise<string> {
  const res = await fetch(url).catch((e: unknown) => {
    throw new Error(`${what} ${url}: ${e instanceof Error ? e.message : String(e)}`);
  });
  if (!res.ok) throw new Error(`${what} ${url}: HTTP ${res.status} ${res.statusText}`);
  return res.text();
}

export async function evaluateCheckpoints(
  r: CheckpointEvalRequest,
  note: (s: string) => void = () => {},
): Promise<EvalReport[]> {
  if (r.models.length === 0) throw new Error('checkpoint evaluation: no model URL given');
  const size = Math.max(1, Math.min(3, (navigator.hardwareConcurrency || 2) - 1));
  const pool = new SandboxPool(Array.from({ length: size }, () => createBrowserWorkerSandbox()));
  try {
    const packName = r.packName ?? r.pack ?? '';
    const source = { pack: packName, split: r.split, kinds: r.kinds, n: r.n, seed: r.seed, level: r.level };
    note(r.pack ? `eval: reading the pack ${packName} …` : `eval: generating tasks in ${size} sandbox workers …`);
    const { tasks, label } = r.pack
      ? selectPackTasks(readPack(await fetchText(r.pack, 'task pack'), packName), source, packName)
      : await generateEvalTasks(source, pool);
    note(`eval: ${label}`);
    const reports: EvalReport[] = [];
    for (const [i, url] of r.models.entries()) {
      const name = r.modelNames?.[i] ?? url;
      const { checkpoint } = await readCheckpoint(fetchReader(url), { requireTokenizer: true, source: name });
      const policy = await OrtPolicy.create(checkpoint, { name });
      note(`eval: ${name}: sampler ${policy.backend.backend} (${policy.backend.reason})`);
      try {
        reports.push(
          await runEvaluation({
            policy,
            tasks,
            tasksLabel: label,
            sandbox: pool,
            options: {
              k: r.k,
              temperature: r.temperature,
              seed: r.seed,
              maxNewTokens: r.maxNewTokens,
              composed: r.composed,
              baselines: trivialBaselines,
              onProgress: (m) => note(`eval: ${name}: ${m}`),
            },
            baselinesName: 'trivial baselines of the task suite (src/tasks/baselines.ts)',
            templateName: chatTemplate.name,
            policyStats: () => ({ ...policy.stats }),
          }),
        );
      } finally {
        await policy.release();
      }
    }
    return reports;
  } finally {
    pool.dispose();
  }
}
