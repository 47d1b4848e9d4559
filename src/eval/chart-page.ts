// Draws a report chart (src/eval/chart-spec.ts) on a canvas: grouped bars per category, one colour per series,
// whiskers for intervals, a legend. The CLI loads this module in headless Chromium and screenshots the canvas
// into the report's PNG; the page can show the same chart.
import type { ChartSpec } from './chart-spec.ts';

const COLOURS = [
  '#2563eb',
  '#16a34a',
  '#f59e0b',
  '#9ca3af',
  '#dc2626',
  '#7c3aed',
  '#0891b2',
  '#db2777',
  '#65a30d',
  '#ea580c',
  '#475569',
];

export function renderChart(spec: ChartSpec): HTMLCanvasElement {
  const width = spec.width ?? 1100;
  const height = spec.height ?? 480;
  const canvas = document.createElement('canvas');
  const dpr = 2; // crisp text in the PNG
  canvas.width = width * dpr;
  canvas.height = height * dpr;
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const g = canvas.getContext('2d');
  if (!g) throw new Error('renderChart: no 2D canvas context');
  g.scale(dpr, dpr);
  g.fillStyle = '#fff';
  g.fillRect(0, 0, width, height);

  const finite = spec.series.flatMap((s) => [...s.values, ...(s.hi ?? []), ...(s.lo ?? [])]).filter(Number.isFinite);
  const yMin = spec.yMin ?? Math.min(0, ...finite);
  const yMax = spec.yMax ?? Math.max(1, ...finite);
  const left = 60,
    right = 20,
    top = spec.subtitle ? 58 : 40,
    bottom = 90;
  const plotW = width - left - right,
    plotH = height - top - bottom;
  const y = (v: number) => top + plotH * (1 - (Math.min(Math.max(v, yMin), yMax) - yMin) / (yMax - yMin || 1));

  g.fillStyle = '#111';
  g.font = 'bold 16px sans-serif';
  g.fillText(spec.title, left, 22);
  if (spec.subtitle) {
    g.font = '12px sans-serif';
    g.fillStyle = '#555';
    g.fillText(spec.subtitle.slice(0, 160), left, 42);
  }
  // Axis and grid.
  g.font = '11px sans-serif';
  g.strokeStyle = '#e5e7eb';
  g.fillStyle = '#444';
  for (let i = 0; i <= 5; i++) {
    const v = yMin + ((yMax - yMin) * i) / 5;
    g.beginPath();
    g.moveTo(left, y(v));
    g.lineTo(left + plotW, y(v));
    g.stroke();
    g.fillText(v.toFixed(2), 8, y(v) + 4);
  }
  g.save();
  g.translate(14, top + plotH / 2 + 20);
  g.rotate(-Math.PI / 2);
  g.fillText(spec.yLabel, 0, 0);
  g.restore();

  const nCat = Math.max(1, spec.categories.length);
  const groupW = plotW / nCat;
  const barW = Math.max(2, (groupW * 0.8) / Math.max(1, spec.series.length));
  spec.categories.forEach((cat, c) => {
    const x0 = left + c * groupW + groupW * 0.1;
    spec.series.forEach((s, k) => {
      const v = s.values[c];
      if (!Number.isFinite(v)) return;
      const x = x0 + k * barW;
      g.fillStyle = COLOURS[k % COLOURS.length];
      const y0 = y(Math.max(0, yMin));
      g.fillRect(x, Math.min(y(v), y0), barW - 1, Math.abs(y0 - y(v)));
      const lo = s.lo?.[c],
        hi = s.hi?.[c];
      if (lo !== undefined && hi !== undefined && Number.isFinite(lo) && Number.isFinite(hi)) {
        g.strokeStyle = '#111';
        g.beginPath();
        const xm = x + barW / 2;
        g.moveTo(xm, y(lo));
        g.lineTo(xm, y(hi));
        g.moveTo(xm - 3, y(lo));
        g.lineTo(xm + 3, y(lo));
        g.moveTo(xm - 3, y(hi));
        g.lineTo(xm + 3, y(hi));
        g.stroke();
      }
    });
    g.fillStyle = '#111';
    g.save();
    g.translate(left + c * groupW + groupW / 2, top + plotH + 12);
    g.rotate(-Math.PI / 8);
    g.textAlign = 'right';
    g.fillText(cat, 0, 0);
    g.restore();
  });
  // Zero line when the axis spans negative values (changes vs a base).
  if (yMin < 0) {
    g.strokeStyle = '#111';
    g.beginPath();
    g.moveTo(left, y(0));
    g.lineTo(left + plotW, y(0));
    g.stroke();
  }
  // Legend.
  let lx = left;
  const ly = height - 18;
  g.font = '12px sans-serif';
  spec.series.forEach((s, k) => {
    g.fillStyle = COLOURS[k % COLOURS.length];
    g.fillRect(lx, ly - 10, 12, 12);
    g.fillStyle = '#111';
    g.fillText(s.name, lx + 16, ly);
    lx += 24 + g.measureText(s.name).width;
  });
  return canvas;
}
