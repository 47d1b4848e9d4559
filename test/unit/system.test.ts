// The install step the README's commands share (src/cli/system.ts): what it detects, how it sizes an install.
import { describe, expect, it } from 'vitest';
import { ensureSystem, inspectSystem, parsePrintUris } from '../../src/cli/system.ts';

describe('system setup', () => {
  it('sizes an install from apt-get --print-uris output (captured from Debian 12)', () => {
    const out = [
      "'http://deb.debian.org/debian/pool/main/v/vulkan-loader/libvulkan-dev_1.3.239.0-1_amd64.deb' " +
        'libvulkan-dev_1.3.239.0-1_amd64.deb 1115368 MD5Sum:87fb8954850f813841714c373865ba09',
      "'http://deb.debian.org/debian/pool/main/v/vulkan-validationlayers/vulkan-validationlayers_1.3.239.0-2_amd64.deb' " +
        'vulkan-validationlayers_1.3.239.0-2_amd64.deb 4481940 MD5Sum:5edaa671cb3513d0e5bee9b76be09ea2',
      'W: some warning line',
      '',
    ].join('\n');
    expect(parsePrintUris(out)).toEqual({ packages: 2, bytes: 1115368 + 4481940 });
    expect(parsePrintUris('')).toEqual({ packages: 0, bytes: 0 });
  });

  it('finds Chromium and the Vulkan loader here (the global setup installed them) and then does nothing', async () => {
    const parts = inspectSystem();
    expect(parts.map((p) => p.pkg)).toEqual(process.platform === 'linux' ? ['chromium', 'libvulkan1'] : ['chromium']);
    for (const p of parts) expect(p.present, `${p.pkg}: ${p.detail}`).toBe(true);
    const logs: string[] = [];
    expect(await ensureSystem((m) => logs.push(m))).toEqual([]);
    expect(logs).toEqual([]);
  });

  it('counts Chromium missing when CHROMIUM_PATH points nowhere', () => {
    const saved = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    try {
      const chromium = inspectSystem().find((p) => p.pkg === 'chromium');
      expect(chromium?.present).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
  });
});
