// Report charts as PNG files: the chart page module (src/app/report/chart.ts) draws each spec on a canvas in
// headless Chromium and the canvas is screenshotted. One browser for all charts of a report.
import { writeFile } from 'node:fs/promises';
import type { ChartSpec } from '../eval/chart-spec.ts';
import { startHeadless } from './headless.ts';

export async function writeChartPngs(charts: ReadonlyArray<{ spec: ChartSpec; file: string }>): Promise<void> {
  if (charts.length === 0) return;
  const headless = await startHeadless();
  try {
    for (const { spec, file } of charts) {
      await headless.page.evaluate(async (s) => {
        const mod = (await window.__load('/src/eval/chart-page.ts')) as typeof import('../eval/chart-page.ts');
        document.getElementById('atomgym-chart')?.remove();
        const canvas = mod.renderChart(s);
        canvas.id = 'atomgym-chart';
        document.body.style.margin = '0';
        document.body.append(canvas);
      }, spec);
      const png = await headless.page.locator('#atomgym-chart').screenshot({ type: 'png' });
      await writeFile(file, png);
    }
  } finally {
    await headless.close();
  }
}
