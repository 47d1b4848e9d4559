// `atomgym bench rollout [--json] [--quick] [--no-browser] [--skip-node] [--presets micro,mini]
//   [--backends wasm,webgpu] [--tokens N] [--runs N]`
// Generated tokens/s for the micro and mini presets at batch 1 and 64: KV-cache decoding vs full recompute each step,
// on ORT's wasm EP in Node, and in headless Chromium on the wasm and WebGPU EPs; plus tokenizer throughput and where
// the time of a generation goes (ORT run / sampling / tokenizer). What had to be shortened is listed in `notes`.
import { readFileSync } from 'node:fs';
import { boolFlag, numberFlag, UsageError, type ParsedArgs } from '../args.ts';
import { startHeadless } from '../headless.ts';
import { tokenizerFromHfJson } from '../../model/tokenizer/index.ts';
import type { PresetName } from '../../model/config.ts';
import { measureCase, tokenizerThroughput, type CaseResult, type CaseSpec } from '../../bench/rollout-measure.ts';
import type { Backend } from '../../rollout/ort.ts';

const TOKENIZER_FILE: Record<'micro' | 'mini', string> = { micro: 'tokenizer/micro.json', mini: 'tokenizer/mini.json' };

interface Plan {
  backend: Backend;
  spec: CaseSpec;
}

function plans(
  newTokens: number,
  runs: number,
  quick: boolean,
  presets: PresetName[],
): { node: CaseSpec[]; browser: Plan[]; notes: string[] } {
  const notes: string[] = [];
  const node: CaseSpec[] = [];
  const browser: Plan[] = [];
  const heavy = (preset: PresetName, batch: number) => preset !== 'micro' && batch > 1;
  for (const preset of presets) {
    for (const batch of [1, 64]) {
      node.push(
        heavy(preset, batch)
          ? {
              preset,
              batch,
              newTokens,
              runs: 1,
              budgetMs: 0,
              recompute: 'sampled',
              recomputeSamples: 2,
              recomputeReps: 1,
            }
          : {
              preset,
              batch,
              newTokens,
              runs,
              budgetMs: 60_000,
              recompute: preset === 'micro' && batch === 1 ? 'both' : 'sampled',
              recomputeSamples: quick ? 3 : 5,
              recomputeReps: 3,
              recomputeRuns: 2,
            },
      );
    }
  }
  notes.push(
    `Node: up to ${runs} timed KV runs per case after an 8-token warm-up, fewer when a case's 60 s budget runs out ('runs' says how many); mini-class batch 64 gets 1 run (~4 min each on 2 shared cores).`,
  );
  notes.push(
    'Recompute is measured end to end (2 runs) only for micro batch 1, where it is also extrapolated to check the method; other cases time single forwards at a few sequence lengths and interpolate linearly (batch-64 mini: 2 lengths, 1 rep).',
  );
  // The browser wasm EP is the same binary as in Node: the affordable cases only.
  for (const preset of presets)
    browser.push({
      backend: 'wasm',
      spec: {
        preset,
        batch: preset === 'micro' ? 64 : 1,
        newTokens,
        runs: Math.min(runs, 3),
        budgetMs: 60_000,
        recompute: 'sampled',
        recomputeSamples: 3,
        recomputeReps: 3,
      },
    });
  // ORT's WebGPU EP may compile shaders for new shapes: both KV layouts are measured cold (the first generation at a
  // new prompt length: new shapes for every decoding step of the growing cache, for the prefill and one decoding
  // step of the static one) and warm (after a warm-up that visits every length).
  const gpuTokens = quick ? 4 : 8;
  for (const preset of presets)
    browser.push({
      backend: 'webgpu',
      spec: {
        preset,
        batch: 1,
        newTokens: gpuTokens,
        runs: 3,
        budgetMs: 20_000,
        recompute: 'sampled',
        recomputeSamples: 2,
        recomputeReps: 1,
        caches: ['static', 'dynamic'],
      },
    });
  if (presets.includes('micro'))
    browser.push({
      backend: 'webgpu',
      spec: {
        preset: 'micro',
        batch: 64,
        newTokens: 4,
        runs: 1,
        budgetMs: 0,
        recompute: 'sampled',
        recomputeSamples: 2,
        recomputeReps: 1,
        caches: ['static', 'dynamic'],
      },
    });
  notes.push(
    `Browser: wasm EP for micro batch 64 and mini batch 1 (${Math.min(runs, 3)} runs). WebGPU EP (SwiftShader ` +
      `here) with ${gpuTokens} new tokens at batch 1 and 4 at micro batch 64, 1 run; mini batch 64 is skipped (one ` +
      'micro batch-64 run of 4 tokens took ~90 s on this loaded 2-core machine). ' +
      "'caches' gives each KV layout's cold run (first generation at a new prompt length; the static cache compiles " +
      'the prefill and one decoding shape, the growing one every length) and warm runs (after a warm-up over every ' +
      "length); 'kv' is the default layout (static on WebGPU). These tokens/s say little about a real GPU.",
  );
  return { node, browser, notes };
}

export async function run(args: ParsedArgs): Promise<number> {
  const json = boolFlag(args, 'json');
  const quick = boolFlag(args, 'quick');
  const newTokens = numberFlag(args, 'tokens', quick ? 64 : 256);
  const runs = numberFlag(args, 'runs', quick ? 2 : 5);
  const log = (s: string) => console.error(s);
  const presets = String(args.flags.get('presets') ?? 'micro,mini').split(',') as PresetName[];
  for (const p of presets)
    if (p !== 'micro' && p !== 'mini') throw new UsageError(`--presets: ${p} is not micro or mini`);
  const { node, browser, notes } = plans(newTokens, runs, quick, presets);
  const backends = String(args.flags.get('backends') ?? 'wasm,webgpu').split(',');
  const tokJson = {
    micro: readFileSync(`public/${TOKENIZER_FILE.micro}`, 'utf8'),
    mini: readFileSync(`public/${TOKENIZER_FILE.mini}`, 'utf8'),
  };
  const toks = { micro: tokenizerFromHfJson(tokJson.micro), mini: tokenizerFromHfJson(tokJson.mini) };
  const corpus = readFileSync('node_modules/acorn/dist/acorn.js', 'utf8');
  const tokenizer = {
    corpus: 'node_modules/acorn/dist/acorn.js',
    micro: tokenizerThroughput(toks.micro, corpus),
    mini: tokenizerThroughput(toks.mini, corpus),
  };
  log(`tokenizer: ${JSON.stringify(tokenizer)}`);

  const nodeResults: CaseResult[] = [];
  for (const spec of boolFlag(args, 'skip-node') ? [] : node) {
    const r = await measureCase(spec, 'wasm', toks[spec.preset as 'micro' | 'mini'], log);
    log(summary(r));
    nodeResults.push(r);
  }

  let browserResults: { choice: unknown; cases: CaseResult[]; errors: string[] } | { skipped: string } = {
    skipped: '--no-browser',
  };
  if (!boolFlag(args, 'no-browser')) {
    const h = await startHeadless();
    try {
      h.page.on('console', (m) => {
        if (m.text().startsWith('  ')) log(`[page] ${m.text()}`);
      });
      browserResults = await h.page.evaluate(
        async ({ plans, tokJson }) => {
          const measure = (await window.__load(
            '/src/bench/rollout-measure.ts',
          )) as typeof import('../../bench/rollout-measure.ts');
          const tk = (await window.__load(
            '/src/model/tokenizer/index.ts',
          )) as typeof import('../../model/tokenizer/index.ts');
          const ro = (await window.__load('/src/rollout/ort.ts')) as typeof import('../../rollout/ort.ts');
          const toks = { micro: tk.tokenizerFromHfJson(tokJson.micro), mini: tk.tokenizerFromHfJson(tokJson.mini) };
          const cases: CaseResult[] = [];
          const errors: string[] = [];
          for (const p of plans) {
            try {
              // The WebGPU warm-up visits every sequence length, so warm runs measure execution, not compilation.
              cases.push(
                await measure.measureCase(
                  p.spec,
                  p.backend,
                  toks[p.spec.preset as 'micro' | 'mini'],
                  (s) => console.log(s),
                  p.backend === 'webgpu' ? p.spec.newTokens : undefined,
                ),
              );
            } catch (e) {
              errors.push(
                `${p.backend} ${p.spec.preset} B=${p.spec.batch}: ${e instanceof Error ? e.message : String(e)}`,
              );
            }
          }
          return { choice: await ro.chooseBackend(), cases, errors };
        },
        { plans: browser.filter((p) => backends.includes(p.backend)), tokJson },
      );
    } finally {
      await h.close();
    }
  }
  const result = {
    bench: 'rollout',
    newTokens,
    node: { backend: 'wasm', tokenizer, cases: nodeResults },
    browser: browserResults,
    notes,
  };
  if (json) console.log(JSON.stringify(result, null, 1));
  else {
    for (const r of nodeResults) console.log(`node    ${summary(r)}`);
    if ('cases' in browserResults) for (const r of browserResults.cases) console.log(`browser ${summary(r)}`);
    for (const n of notes) console.log(`note: ${n}`);
  }
  return 0;
}

function summary(r: CaseResult): string {
  const b = r.kv.breakdownMs;
  const caches = (r.caches ?? [])
    .map((c) => `; ${c.cache} cache: cold ${c.coldTokensPerSec} tok/s (${c.coldMs} ms), warm ${c.tokensPerSec} tok/s`)
    .join('');
  const head = `${r.preset.padEnd(5)} ${r.backend.padEnd(6)} B=${String(r.batch).padEnd(3)} ${r.newTokens} new`;
  const speeds =
    `KV (${r.kv.cache}) ${r.kv.tokensPerSec} tok/s, recompute ${r.recompute.tokensPerSec} tok/s ` +
    `(${r.recompute.method.split(':')[0]}) → ${r.kvOverRecompute}×`;
  const time = `ort ${b.ortRun} ms, sampling ${b.sampling} ms, tokenizer ${b.tokenizer} ms, other ${b.other} ms`;
  return `${head}: ${speeds}; KV time: ${time}${caches}`;
}
