// `atomgym gpu [--json]`: what WebGPU adapter headless Chromium gets here.
import type { ParsedArgs } from '../args.ts';
import { boolFlag } from '../args.ts';
import { startHeadless } from '../headless.ts';
import type { AdapterReport } from '../../gpu/device.ts';

export async function run(args: ParsedArgs): Promise<number> {
  const headless = await startHeadless();
  try {
    const report = await headless.page.evaluate(async () => {
      const gpu = await window.__load('/src/gpu/device.ts');
      const acquire = gpu.acquireGpu as () => Promise<{ report: AdapterReport; device: GPUDevice }>;
      const { report, device } = await acquire();
      device.destroy();
      return report;
    });
    if (boolFlag(args, 'json')) console.log(JSON.stringify(report, null, 2));
    else {
      console.log(`adapter: ${report.vendor} ${report.architecture} ${report.description}`.trim());
      console.log(`fallback (CPU) adapter: ${report.isFallback ? 'yes — correct but slow' : 'no'}`);
      console.log(
        `shader-f16: ${report.shaderF16}  subgroups: ${report.subgroups}  timestamp-query: ${report.timestampQuery}`,
      );
      console.log(`max storage binding: ${(report.limits.maxStorageBufferBindingSize / 2 ** 20).toFixed(0)} MiB`);
    }
    return 0;
  } finally {
    await headless.close();
  }
}
