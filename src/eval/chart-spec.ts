// What a report chart shows, as plain data: the report modules (src/eval) build it, the chart page
// (src/eval/chart-page.ts) draws it, the CLI screenshots the page into a PNG.

export interface ChartSeries {
  name: string;
  values: number[];
  /** Optional interval per category (same length as values); NaN for none. */
  lo?: number[];
  hi?: number[];
}

export interface ChartSpec {
  title: string;
  subtitle?: string;
  categories: string[];
  series: ChartSeries[];
  yLabel: string;
  /** Upper end of the y axis (default: 1, or the largest value / interval end). */
  yMax?: number;
  /** Lower end of the y axis (default 0; negative for changes). */
  yMin?: number;
  /** Canvas size in CSS pixels (default 1100 × 480). */
  width?: number;
  height?: number;
}
