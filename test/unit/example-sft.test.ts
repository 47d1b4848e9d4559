// The README's example runs as a plain Node script under tsx (no Vite): the Trainer, Dawn set-up
// (src/gpu/node.ts), shader loading from disk, checkpoint IO, tokenizer and sampler all load outside a
// bundler. Three SFT steps must lower the answer-token loss and leave a loadable HF-layout checkpoint.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const out = mkdtempSync(join(tmpdir(), 'atomgym-example-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('examples/sft-steps.ts under tsx', () => {
  it('trains, saves, reloads and samples from a plain Node script', async () => {
    const args = ['tsx', 'examples/sft-steps.ts', '--steps', '3', '--lr', '3e-3', '--json', '--out', out];
    const { stdout } = await promisify(execFile)('npx', args, { timeout: 280_000, maxBuffer: 1 << 20 });
    type Report = { losses: number[]; checkpoint: string; sample: string };
    const report = JSON.parse(stdout.trim().split('\n').at(-1)!) as Report;
    expect(report.losses).toHaveLength(3);
    for (const l of report.losses) expect(Number.isFinite(l) && l > 0).toBe(true);
    // From random init the loss starts near ln(vocab) ≈ 6.9 and AdamW at 3e-3 lowers it every step.
    expect(report.losses[0]).toBeGreaterThan(5);
    expect(report.losses[2]).toBeLessThan(report.losses[0] - 0.2);
    expect(report.checkpoint).toBe(out);
    for (const f of ['config.json', 'model.safetensors', 'tokenizer.json', 'optimizer.safetensors']) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
    expect(typeof report.sample).toBe('string');
  }, 300_000);
});
