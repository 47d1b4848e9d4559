// Unified diff of two versions of one file (LCS over lines; the files here are small).
type Op = { kind: ' ' | '-' | '+'; text: string; oldLine: number; newLine: number };

function lineOps(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) ops.push({ kind: ' ', text: a[i], oldLine: ++i, newLine: ++j });
    // Deletions before insertions, as diff tools print them.
    else if (i < n && (j >= m || lcs[i + 1][j] >= lcs[i][j + 1]))
      ops.push({ kind: '-', text: a[i], oldLine: ++i, newLine: j });
    else ops.push({ kind: '+', text: b[j], oldLine: i, newLine: ++j });
  }
  return ops;
}

/** `--- a/path` / `+++ b/path` and hunks with `context` lines around each change. */
export function unifiedDiff(path: string, before: string, after: string, context = 3): string {
  const ops = lineOps(before.split('\n'), after.split('\n'));
  const changed = ops.map((o, k) => (o.kind !== ' ' ? k : -1)).filter((k) => k >= 0);
  if (changed.length === 0) return '';
  const hunks: Array<[number, number]> = [];
  for (const k of changed) {
    const s = Math.max(0, k - context);
    const e = Math.min(ops.length - 1, k + context);
    const last = hunks[hunks.length - 1];
    if (last && s <= last[1] + 1) last[1] = Math.max(last[1], e);
    else hunks.push([s, e]);
  }
  const out = [`--- a/${path}`, `+++ b/${path}`];
  for (const [s, e] of hunks) {
    const slice = ops.slice(s, e + 1);
    const oldCount = slice.filter((o) => o.kind !== '+').length;
    const newCount = slice.filter((o) => o.kind !== '-').length;
    const first = slice[0];
    const oldStart = first.kind === '+' ? first.oldLine + 1 : first.oldLine;
    const newStart = first.kind === '-' ? first.newLine + 1 : first.newLine;
    out.push(`@@ -${oldStart},${oldCount} +${newStart},${newCount} @@`);
    for (const o of slice) out.push(`${o.kind}${o.text}`);
  }
  return out.join('\n');
}
