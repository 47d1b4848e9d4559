// Every kernel family but matmul (src/parity/matmul.ts has that) against the float64 reference, batched so
// it runs wherever WebGPU does: the browser test runs it in Chromium; the Node unit tests cover the same
// families in more shapes with the same comparison (compare.ts). Each check returns the worst error
// relative to its bound (≤ 1 passes); bounds follow the unit tests' reasoning.
import { createBuffer, readBytes, type Encodable } from '../gpu/index.ts';
import { attentionBackward, attentionForward } from '../model/reference/attention.ts';
import { embeddingBackward, embeddingForward } from '../model/reference/embedding.ts';
import { logprobBackward, logprobForward } from '../model/reference/logprob.ts';
import { adamwReference, clipReference } from '../model/reference/optim.ts';
import { rmsnormBackward, rmsnormForward } from '../model/reference/rmsnorm.ts';
import { mulberry32, randomNormal } from '../model/reference/rng.ts';
import { ropeBackward, ropeForward } from '../model/reference/rope.ts';
import { swigluBackward, swigluForward } from '../model/reference/swiglu.ts';
import { Adamw } from '../train/ops/adamw.ts';
import { Attention } from '../train/ops/attention.ts';
import { Embedding } from '../train/ops/embedding.ts';
import { GRAD_STATS_BYTES, decodeGradStats } from '../train/ops/grad-stats.ts';
import { GradNorm } from '../train/ops/gradnorm.ts';
import { Logprob } from '../train/ops/logprob.ts';
import { NonFinite } from '../train/ops/nonfinite.ts';
import { Rmsnorm } from '../train/ops/rmsnorm.ts';
import { Rope } from '../train/ops/rope.ts';
import { Swiglu } from '../train/ops/swiglu.ts';
import { F32_EPS as E, compare, f32, maxAbs } from './compare.ts';
import { emptyF32, readF, run, upF32, upU32 } from './gpu-io.ts';

export interface CheckResult {
  name: string;
  /** Worst |got − want| / (atol + rtol·|want|); ≤ 1 passes. */
  ratio: number;
}

export async function runKernelSelfCheck(device: GPUDevice): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  const up = (a: ArrayLike<number>, label: string) => upF32(device, a, label);
  const upU = (a: ArrayLike<number>, label: string) => upU32(device, a, label);
  const empty = (n: number, label: string) => emptyF32(device, n, label);
  const read = (b: GPUBuffer, n: number) => readF(device, b, n);
  const exec = (...parts: Encodable[]) => run(device, ...parts);
  const check = (name: string, got: ArrayLike<number>, want: ArrayLike<number>, rtol: number, atol: number) =>
    out.push({ name, ratio: compare(got, want, rtol, atol).ratio });

  {
    // SwiGLU
    const n = 777;
    const [gate, upv, dh] = [f32(randomNormal(n, 1, 4)), f32(randomNormal(n, 2)), f32(randomNormal(n, 3))];
    const op = await Swiglu.create(device, { n });
    const [g, u, d, h, dg, du] = [
      up(gate, 'gate'),
      up(upv, 'up'),
      up(dh, 'dh'),
      empty(n, 'h'),
      empty(n, 'dgate'),
      empty(n, 'dup'),
    ];
    await exec(op.bindForward({ gate: g, up: u, h }), op.bindBackward({ dh: d, gate: g, up: u, dgate: dg, dup: du }));
    const ref = swigluBackward(dh, gate, upv);
    check('swiglu h', await read(h, n), swigluForward(gate, upv), 1e-5, 1e-6);
    check('swiglu dgate', await read(dg, n), ref.dgate, 1e-5, 1e-6);
    check('swiglu dup', await read(du, n), ref.dup, 1e-5, 1e-6);
  }
  {
    // RMSNorm
    const [rows, C, eps] = [37, 96, 1e-5];
    const [x, w, dy] = [f32(randomNormal(rows * C, 4, 2)), f32(randomNormal(C, 5)), f32(randomNormal(rows * C, 6))];
    const op = await Rmsnorm.create(device, { rows, C, eps });
    const [bx, bw, bdy, y, rstd, dx, dw] = [
      up(x, 'x'),
      up(w, 'w'),
      up(dy, 'dy'),
      empty(rows * C, 'y'),
      empty(rows, 'rstd'),
      empty(rows * C, 'dx'),
      empty(C, 'dw'),
    ];
    await exec(op.bindForward({ x: bx, w: bw, y, rstd }), op.bindBackward({ dy: bdy, x: bx, w: bw, rstd, dx, dw }));
    const ref = rmsnormForward(x, w, rows, C, eps);
    const gr = await read(rstd, rows);
    const back = rmsnormBackward(dy, x, w, gr, rows, C);
    check('rmsnorm y', await read(y, rows * C), ref.y, 1e-5, 1e-6 * maxAbs(ref.y));
    check('rmsnorm rstd', gr, ref.rstd, 1e-5, 0);
    check('rmsnorm dx', await read(dx, rows * C), back.dx, 1e-5, C * E * maxAbs(back.dx));
    check('rmsnorm dw', await read(dw, C), back.dw, 1e-5, rows * E * maxAbs(back.dw));
  }
  {
    // RoPE, left padding
    const [B, T, heads, hd, theta] = [2, 5, 3, 8, 10000];
    const pos = [0, 0, 0, 1, 2, 0, 1, 2, 3, 4];
    const x = f32(randomNormal(B * T * heads * hd, 7));
    const op = await Rope.create(device, { rows: B * T, heads, hd, theta, maxPositions: 16 });
    const [bx, bp, y, dx] = [up(x, 'x'), upU(pos, 'pos'), empty(x.length, 'y'), empty(x.length, 'dx')];
    await exec(op.bindForward({ x: bx, positions: bp, y }), op.bindBackward({ dy: bx, positions: bp, dx }));
    check('rope forward', await read(y, x.length), ropeForward(x, pos, B, T, heads, hd, theta), 1e-5, 1e-6);
    check('rope backward', await read(dx, x.length), ropeBackward(x, pos, B, T, heads, hd, theta), 1e-5, 1e-6);
  }
  {
    // Embedding with repeated ids
    const [N, V, C] = [130, 20, 12];
    const rnd = mulberry32(9);
    const tokens = Array.from({ length: N }, () => Math.floor(rnd() * V));
    const [table, dOut] = [f32(randomNormal(V * C, 10)), f32(randomNormal(N * C, 11))];
    const op = await Embedding.create(device, { N, V, C });
    const [bt, o, bd, dt] = [upU(tokens, 'tokens'), empty(N * C, 'out'), up(dOut, 'dOut'), empty(V * C, 'dTable')];
    await exec(
      op.bindForward({ tokens: bt, table: up(table, 'table'), out: o }),
      op.bindBackward({ tokens: bt, dOut: bd, dTable: dt }),
    );
    check('embedding forward', await read(o, N * C), embeddingForward(tokens, table, V, C), 0, 0.5 * E);
    check(
      'embedding backward',
      await read(dt, V * C),
      embeddingBackward(dOut, tokens, V, C),
      1e-5,
      4 * N * E * maxAbs(dOut),
    );
  }
  for (const variant of ['tiled', 'rowwise'] as const) {
    // Attention: GQA 4:1, left padding, T not a multiple of 4 or the workgroup
    const [B, T, nH, nKV, hd] = [2, 37, 4, 1, 8];
    const mask = Array.from({ length: B * T }, (_, i) => (i % T < (i < T ? 0 : 3) ? 0 : 1));
    const [q, k, v, dO] = [
      f32(randomNormal(B * T * nH * hd, 12)),
      f32(randomNormal(B * T * nKV * hd, 13)),
      f32(randomNormal(B * T * nKV * hd, 14)),
      f32(randomNormal(B * T * nH * hd, 15)),
    ];
    const op = await Attention.create(device, { B, T, nH, nKV, hd }, variant);
    const [bq, bk, bv, bm, bdo] = [up(q, 'q'), up(k, 'k'), up(v, 'v'), upU(mask, 'mask'), up(dO, 'dOut')];
    const [o, saved, dq, dk, dv] = [
      empty(q.length, 'out'),
      createBuffer(device, op.savedBytes, 'saved'),
      empty(q.length, 'dq'),
      empty(k.length, 'dk'),
      empty(v.length, 'dv'),
    ];
    await exec(
      op.bindForward({ q: bq, k: bk, v: bv, mask: bm, out: o, saved }),
      op.bindBackward({ dOut: bdo, q: bq, k: bk, v: bv, mask: bm, out: o, saved, dq, dk, dv }),
    );
    const fwd = attentionForward(q, k, v, mask, B, T, nH, nKV, hd);
    const back = attentionBackward(dO, q, k, v, fwd.probs, mask, B, T, nH, nKV, hd);
    const bound = (r: Float64Array, mult = 1) => 4 * E * (T + hd) * maxAbs(r) * mult;
    check(`attention ${variant} out`, await read(o, q.length), fwd.out, 1e-5, bound(fwd.out));
    check(`attention ${variant} dq`, await read(dq, q.length), back.dq, 1e-5, bound(back.dq));
    check(`attention ${variant} dk`, await read(dk, k.length), back.dk, 1e-5, bound(back.dk, nH / nKV));
    check(`attention ${variant} dv`, await read(dv, v.length), back.dv, 1e-5, bound(back.dv, nH / nKV));
  }
  {
    // Log-probs at V = 16384, right padding
    const [B, T, V] = [2, 3, 16384];
    const rows = B * T;
    const rnd = mulberry32(16);
    const tokens = Array.from({ length: rows }, () => Math.floor(rnd() * V));
    const mask = [1, 1, 1, 1, 1, 0];
    const [logits, weights] = [f32(randomNormal(rows * V, 17, 4)), f32(randomNormal(rows, 18))];
    const op = await Logprob.create(device, { B, T, V });
    const [bl, bt, bm, bw, lp, lse, dl] = [
      up(logits, 'logits'),
      upU(tokens, 'tokens'),
      upU(mask, 'mask'),
      up(weights, 'w'),
      empty(rows, 'logprobs'),
      empty(rows, 'lse'),
      empty(rows * V, 'dlogits'),
    ];
    await exec(
      op.bindForward({ logits: bl, tokens: bt, mask: bm, logprobs: lp, lse }),
      op.bindBackward({ weights: bw, logits: bl, tokens: bt, mask: bm, lse, dlogits: dl }),
    );
    const ref = logprobForward(logits, tokens, mask, B, T, V);
    const tol = 1e-5 * (1 + maxAbs(logits));
    check('logprob logprobs', await read(lp, rows), ref.logprobs, 0, tol);
    check('logprob lse', await read(lse, rows), ref.lse, 0, tol);
    check(
      'logprob dlogits',
      await read(dl, rows * V),
      logprobBackward(weights, logits, tokens, mask, ref.lse, B, T, V),
      1e-4,
      1e-7 * maxAbs(weights),
    );
  }
  {
    // Grad norm + clip scale + non-finite flag + AdamW (and the skip on NaN)
    const sizes = [5000, 33];
    const hyper = { lr: 1e-2, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.1, step: 1 };
    const g = sizes.map((n, i) => f32(randomNormal(n, 20 + i, 0.1)));
    const p = sizes.map((n, i) => f32(randomNormal(n, 22 + i)));
    const [m, v] = [sizes.map((n) => new Float64Array(n)), sizes.map((n) => new Float64Array(n))];
    const [bg, bp] = [g.map((x, i) => up(x, `g${i}`)), p.map((x, i) => up(x, `p${i}`))];
    const [bm, bv] = [sizes.map((n, i) => empty(n, `m${i}`)), sizes.map((n, i) => empty(n, `v${i}`))];
    const stats = createBuffer(device, GRAD_STATS_BYTES, 'stats');
    const [norm, flag, adamw] = await Promise.all([
      GradNorm.create(device, sizes, { maxNorm: 1 }),
      NonFinite.create(device, sizes),
      Adamw.create(device),
    ]);
    const plan = [
      norm.bind(bg, stats),
      flag.bind(bg, stats),
      ...sizes.map((n, i) =>
        adamw.bindTensor({ param: bp[i], grad: bg[i], m: bm[i], v: bv[i], size: n, decay: i === 0 }, stats),
      ),
    ];
    adamw.setHyper(hyper);
    await exec(...plan);
    const s = decodeGradStats(await readBytes(device, stats, GRAD_STATS_BYTES));
    const wantNorm = clipReference(g, 1);
    check('gradnorm norm', [s.norm], [wantNorm], 1e-5, 0);
    check('gradnorm nonfinite flag clear', [Number(s.nonFinite)], [0], 0, 0.5);
    sizes.forEach((_, i) =>
      adamwReference(p[i], g[i], m[i], v[i], { ...hyper, weightDecay: i === 0 ? hyper.weightDecay : 0 }),
    );
    for (let i = 0; i < sizes.length; i++) check(`adamw p${i}`, await read(bp[i], sizes[i]), p[i], 1e-5, 1e-7);
    const before = await read(bp[0], sizes[0]);
    device.queue.writeBuffer(bg[1], 0, new Float32Array([NaN]));
    adamw.setHyper({ ...hyper, step: 2 });
    await exec(...plan);
    const skipped = decodeGradStats(await readBytes(device, stats, GRAD_STATS_BYTES));
    check('nonfinite flag set on NaN', [Number(skipped.nonFinite)], [1], 0, 0.5);
    check('adamw skipped on NaN (p0 unchanged)', await read(bp[0], sizes[0]), before, 0, 1e-30);
  }
  return out;
}
