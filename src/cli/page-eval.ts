// `atomgym eval --page`: the evaluation run by the page people open — the Evaluation tab's "Evaluate a model"
// form, in the page's run worker (src/worker/checkpoint-eval.ts) — in headless Chromium instead of in this Node
// process. The checkpoint folders and the pack are served to the page under /__atomgym/; the page's progress line is
// echoed; the reports come back as the same JSON `atomgym eval` writes, and a screenshot of the tab is kept.
import { resolve } from 'node:path';
import type { CheckpointEvalRequest } from '../api/page-state.ts';
import type { EvalReport } from '../eval/report.ts';
import { openPageSession } from './headless.ts';
import { serveFile, serveModelFolder } from './page-files.ts';

export interface PageEvalInput {
  /** Checkpoint folders, evaluated in order on the same tasks. */
  dirs: string[];
  pack?: string;
  request: Omit<CheckpointEvalRequest, 'models' | 'modelNames' | 'pack' | 'packName'>;
  /** Where the screenshot of the Evaluation tab goes (a PNG path), if anywhere. */
  screenshot?: string;
  log: (s: string) => void;
}

export async function evaluateInPage(o: PageEvalInput): Promise<EvalReport[]> {
  const { page, origin, close } = await openPageSession(o.log);
  try {
    const models: string[] = [];
    for (const [i, dir] of o.dirs.entries())
      models.push(origin + (await serveModelFolder(page, `/__atomgym/model/${i}/`, resolve(dir))));
    const pack = o.pack ? origin + (await serveFile(page, '/__atomgym/pack.jsonl', resolve(o.pack))) : undefined;
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => typeof window.atomgym?.evaluateCheckpoints === 'function');
    await page.click('nav button[data-tab="evaluation"]');
    const request: CheckpointEvalRequest = { ...o.request, models, modelNames: o.dirs, pack, packName: o.pack };
    // Every line the tab's progress shows, as it shows it (a MutationObserver calls back into Node).
    await page.exposeFunction('atomgymEvalNote', (line: string) => o.log(line));
    await page.evaluate(() => {
      const el = document.getElementById('ceval-progress')!;
      const say = (window as unknown as { atomgymEvalNote: (s: string) => void }).atomgymEvalNote;
      new MutationObserver(() => el.textContent && say(el.textContent)).observe(el, { childList: true });
    });
    const reports = await page.evaluate((r) => window.atomgym.evaluateCheckpoints!(r), request);
    if (o.screenshot) await page.screenshot({ path: o.screenshot, fullPage: true });
    return reports;
  } finally {
    await close();
  }
}
