// ML-engineering scenarios: a numeric routine, bugs that keep it from reaching its metric, and a metric test that
// generates hidden data in the sandbox (seeded LCG) and asserts the threshold.
export interface MlScenario {
  family: string;
  file: string;
  fn: string;
  /** The correct routine. */
  source: string;
  /** Each bug: [exact text in `source`, replacement]. */
  bugs: ReadonlyArray<readonly [string, string]>;
  /** Test body (inside describe) computing the metric on data drawn with `seed`. */
  metricTest: (seed: number) => string;
  /** What the target is, in words: [precise, named file, vague]. */
  targets: readonly [string, string, string];
}

/** Deterministic data inside the sandbox: the same LCG in every metric test. */
export const LCG =
  'const lcg = (seed) => { let s = seed >>> 0; return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 4294967296; }; };';

const doc = (lines: string[]): string => `/**\n${lines.map((l) => ` * ${l}`).join('\n')}\n */`;

export const ML_SCENARIOS: readonly MlScenario[] = [
  {
    family: 'gradient-descent-fit',
    file: 'fit',
    fn: 'fitLine',
    source: `${doc(['Fits y ≈ slope * x + intercept by batch gradient descent on the mean squared error.', '@param {number[]} xs', '@param {number[]} ys', '@param {{ learningRate?: number, epochs?: number }} [options]', '@returns {{ slope: number, intercept: number }}'])}
export function fitLine(xs, ys, options = {}) {
  const learningRate = options.learningRate ?? 0.5;
  const epochs = options.epochs ?? 300;
  const n = xs.length;
  let slope = 0;
  let intercept = 0;
  for (let e = 0; e < epochs; e++) {
    let gradSlope = 0;
    let gradIntercept = 0;
    for (let i = 0; i < n; i++) {
      const error = slope * xs[i] + intercept - ys[i];
      gradSlope += error * xs[i];
      gradIntercept += error;
    }
    slope -= (learningRate * 2 * gradSlope) / n;
    intercept -= (learningRate * 2 * gradIntercept) / n;
  }
  return { slope, intercept };
}
`,
    bugs: [
      ['      gradIntercept += error;', '      gradIntercept += error * xs[i];'],
      ['    slope -= (learningRate * 2 * gradSlope) / n;', '    slope += (learningRate * 2 * gradSlope) / n;'],
      ['options.learningRate ?? 0.5;', 'options.learningRate ?? 0.0005;'],
      [
        '    intercept -= (learningRate * 2 * gradIntercept) / n;',
        '    intercept -= learningRate * 2 * gradIntercept;',
      ],
    ],
    metricTest: (seed) => `  test('held-out mean squared error is below 0.01', () => {
    const rand = lcg(${seed});
    const a = 4 * rand() - 2;
    const b = (rand() < 0.5 ? -1 : 1) * (0.5 + 0.5 * rand());
    const draw = (n) => { const xs = [], ys = []; for (let i = 0; i < n; i++) { const x = rand(); xs.push(x); ys.push(a * x + b + 0.1 * (rand() - 0.5)); } return { xs, ys }; };
    const train = draw(200);
    const test = draw(100);
    const { slope, intercept } = fitLine(train.xs, train.ys);
    let mse = 0;
    for (let i = 0; i < test.xs.length; i++) mse += (slope * test.xs[i] + intercept - test.ys[i]) ** 2;
    mse /= test.xs.length;
    expect(mse < 0.01).toBe(true);
  });`,
    targets: [
      'fitLine(xs, ys) must fit y ≈ a·x + b well: on held-out data drawn like the training data (x in [0, 1], small noise) the mean squared error must be below 0.01. It is far above that now.',
      'The line fitted by src/fit.js generalises badly: held-out mean squared error must drop below 0.01.',
      'Our trend lines are way off. Make the fit reach a held-out MSE under 0.01.',
    ],
  },
  {
    family: 'moving-average',
    file: 'smooth',
    fn: 'movingAverage',
    source: `${doc(['Trailing moving average: out[i] is the mean of values[max(0, i - window + 1) .. i].', '@param {number[]} values', '@param {number} window a positive integer', '@returns {number[]}'])}
export function movingAverage(values, window) {
  const out = [];
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i];
    if (i >= window) sum -= values[i - window];
    out.push(sum / Math.min(i + 1, window));
  }
  return out;
}
`,
    bugs: [
      ['    out.push(sum / Math.min(i + 1, window));', '    out.push(sum / window);'],
      ['    if (i >= window) sum -= values[i - window];', '    if (i > window) sum -= values[i - window];'],
      ['    out.push(sum / Math.min(i + 1, window));', '    out.push(sum / Math.min(i, window));'],
    ],
    metricTest: (seed) => `  test('smoothing recovers the clean signal (RMSE below 0.2)', () => {
    const rand = lcg(${seed});
    const phase = 6 * rand();
    const clean = [], noisy = [];
    for (let i = 0; i < 400; i++) { const v = 5 + Math.sin(i / 25 + phase); clean.push(v); noisy.push(v + 0.8 * (rand() - 0.5)); }
    const smooth = movingAverage(noisy, 8);
    let se = 0;
    for (let i = 0; i < clean.length; i++) se += (smooth[i] - clean[i]) ** 2;
    expect(smooth.length).toBe(400);
    expect(Math.sqrt(se / clean.length) < 0.2).toBe(true);
  });`,
    targets: [
      'movingAverage(values, 8) on a noisy slow signal (value ≈ 5, noise ±0.4) must give an RMSE below 0.2 against the clean signal, over every point including the first ones.',
      'The smoothing in src/smooth.js is biased: its RMSE against the clean signal must be below 0.2.',
      'The smoothed chart does not follow the data. Bring the smoothing error (RMSE) under 0.2.',
    ],
  },
  {
    family: 'standardize',
    file: 'scale',
    fn: 'standardize',
    source: `${doc(['Z-score normalisation with the population standard deviation; constant input gives zeros.', '@param {number[]} values', '@returns {number[]}'])}
export function standardize(values) {
  const n = values.length;
  if (n === 0) return [];
  let mean = 0;
  for (const v of values) mean += v;
  mean /= n;
  let variance = 0;
  for (const v of values) variance += (v - mean) ** 2;
  variance /= n;
  const std = Math.sqrt(variance);
  if (std === 0) return values.map(() => 0);
  return values.map((v) => (v - mean) / std);
}
`,
    bugs: [
      ['  return values.map((v) => (v - mean) / std);', '  return values.map((v) => (v - mean) / variance);'],
      ['  variance /= n;', '  variance /= n - 1;'],
      ['  mean /= n;\n', ''],
    ],
    metricTest: (seed) => `  test('output has mean 0 and standard deviation 1', () => {
    const rand = lcg(${seed});
    const offset = 100 + 400 * rand();
    const scale = 5 + 50 * rand();
    const data = [];
    for (let i = 0; i < 300; i++) data.push(offset + scale * (rand() + rand() + rand() - 1.5));
    const z = standardize(data);
    const mean = z.reduce((s, v) => s + v, 0) / z.length;
    const sd = Math.sqrt(z.reduce((s, v) => s + (v - mean) ** 2, 0) / z.length);
    expect(Math.abs(mean) < 1e-9).toBe(true);
    expect(Math.abs(sd - 1) < 1e-9).toBe(true);
  });
  test('constant input gives zeros', () => {
    expect(standardize([3, 3, 3])).toEqual([0, 0, 0]);
  });`,
    targets: [
      'standardize(values) must return values with mean 0 and (population) standard deviation 1 to within 1e-9 on any data; it does not.',
      'Features scaled by src/scale.js do not come out with mean 0 and standard deviation 1 (tolerance 1e-9).',
      'Model inputs look badly scaled after preprocessing. They should have mean 0 and std 1.',
    ],
  },
  {
    family: 'kmeans',
    file: 'kmeans',
    fn: 'kmeans',
    source: `${doc(["k-means (Lloyd's algorithm) on 2-D points, started from the first k points.", '@param {number[][]} points', '@param {number} k', '@param {number} [iterations=20]', '@returns {{ centroids: number[][], labels: number[] }}'])}
export function kmeans(points, k, iterations = 20) {
  let centroids = points.slice(0, k).map((p) => [p[0], p[1]]);
  let labels = points.map(() => 0);
  for (let it = 0; it < iterations; it++) {
    labels = points.map((p) => {
      let best = 0;
      let bestDist = Infinity;
      for (let c = 0; c < k; c++) {
        const d = (p[0] - centroids[c][0]) ** 2 + (p[1] - centroids[c][1]) ** 2;
        if (d < bestDist) {
          bestDist = d;
          best = c;
        }
      }
      return best;
    });
    const sums = centroids.map(() => [0, 0, 0]);
    points.forEach((p, i) => {
      const s = sums[labels[i]];
      s[0] += p[0];
      s[1] += p[1];
      s[2] += 1;
    });
    centroids = sums.map((s, c) => (s[2] === 0 ? centroids[c] : [s[0] / s[2], s[1] / s[2]]));
  }
  return { centroids, labels };
}
`,
    bugs: [
      ['        if (d < bestDist) {', '        if (d > bestDist) {'],
      ['points.slice(0, k)', 'points.slice(0, k - 1)'],
      ['      for (let c = 0; c < k; c++) {', '      for (let c = 1; c < k; c++) {'],
    ],
    metricTest: (seed) => `  test('cluster purity on separated blobs is at least 0.95', () => {
    const rand = lcg(${seed});
    const k = 3 + Math.floor(rand() * 2);
    const centers = [];
    for (let c = 0; c < k; c++) centers.push([10 * Math.cos((2 * Math.PI * c) / k), 10 * Math.sin((2 * Math.PI * c) / k)]);
    const points = [], truth = [];
    for (let i = 0; i < 60 * k; i++) { const c = i % k; points.push([centers[c][0] + 2 * (rand() - 0.5), centers[c][1] + 2 * (rand() - 0.5)]); truth.push(c); }
    const { labels } = kmeans(points, k);
    let agree = 0;
    for (let c = 0; c < k; c++) {
      const counts = new Array(k).fill(0);
      labels.forEach((l, i) => { if (l === c) counts[truth[i]] += 1; });
      agree += Math.max(...counts);
    }
    expect(agree / points.length >= 0.95).toBe(true);
  });`,
    targets: [
      'kmeans(points, k) on well-separated blobs must reach a cluster purity of at least 0.95; it stays far below.',
      'Clusters from src/kmeans.js are wrong: purity on separated blobs must be at least 0.95.',
      'Customer segments make no sense. The clustering should reach purity 0.95 on clean data.',
    ],
  },
  {
    family: 'stable-softmax',
    file: 'softmax',
    fn: 'softmax',
    source: `${doc(['Softmax of a list of logits, stable for large magnitudes.', '@param {number[]} logits', '@returns {number[]} probabilities that sum to 1'])}
export function softmax(logits) {
  const max = Math.max(...logits);
  const exps = logits.map((z) => Math.exp(z - max));
  let total = 0;
  for (const e of exps) total += e;
  return exps.map((e) => e / total);
}
`,
    bugs: [
      ['Math.exp(z - max)', 'Math.exp(z)'],
      ['Math.exp(z - max)', 'Math.exp(z + max)'],
      ['  return exps.map((e) => e / total);', '  return exps.map((e) => e / exps.length);'],
    ],
    metricTest: (seed) => `  test('cross-entropy on large logits is finite and below 0.05', () => {
    const rand = lcg(${seed});
    let loss = 0;
    const rows = 50;
    for (let r = 0; r < rows; r++) {
      const logits = [];
      for (let j = 0; j < 5; j++) logits.push(1600 * (rand() - 0.5));
      const label = logits.indexOf(Math.max(...logits));
      logits[label] += 20;
      const p = softmax(logits);
      const sum = p.reduce((s, v) => s + v, 0);
      expect(Math.abs(sum - 1) < 1e-9).toBe(true);
      loss -= Math.log(p[label]);
    }
    expect(Number.isFinite(loss / rows) && loss / rows < 0.05).toBe(true);
  });`,
    targets: [
      'softmax(logits) must stay correct for logits of magnitude up to ~800: probabilities sum to 1 and the mean cross-entropy on confident examples stays below 0.05.',
      'Training diverges with NaN losses; src/softmax.js must keep the cross-entropy finite (below 0.05 on confident examples).',
      'Loss becomes NaN after a few steps. Get the cross-entropy back under 0.05.',
    ],
  },
];
