// Finds (or installs) a Chromium for Playwright, and holds the one list of launch flags
// that makes WebGPU work headless and offline. Node only.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { chromium, type LaunchOptions } from 'playwright';

/** Flags that give headless Chromium WebGPU (SwiftShader when there is no GPU) and keep it quiet offline. */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--no-sandbox',
  '--disable-gpu-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export class BrowserNotFoundError extends Error {
  override name = 'BrowserNotFoundError';
}

function playwrightsOwnChromium(): string | undefined {
  try {
    const p = chromium.executablePath();
    return p && existsSync(p) ? p : undefined;
  } catch {
    return undefined;
  }
}

/** CHROMIUM_PATH, else /usr/bin/chromium, else Playwright's downloaded Chromium; undefined when none exists. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv))
      throw new BrowserNotFoundError(
        `CHROMIUM_PATH=${fromEnv} does not exist. Point it at a Chromium binary or unset it.`,
      );
    return fromEnv;
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  return playwrightsOwnChromium();
}

const HOW_TO_GET_ONE =
  'No Chromium found. Install one with `sudo apt-get install -y chromium` (Debian/Ubuntu) or ' +
  '`npx playwright install chromium`, or set CHROMIUM_PATH to a Chromium binary.';

/**
 * Finds a Chromium; when none exists, installs one where it can (root + apt, else Playwright), or throws saying what to
 * run.
 */
export function ensureChromium(log: (msg: string) => void = (m) => console.error(m)): string {
  const found = findChromium();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const attempts: Array<[string, string[]]> = [];
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    attempts.push([
      'sh',
      ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'],
    ]);
  }
  attempts.push(['npx', ['--yes', 'playwright', 'install', 'chromium']]);
  for (const [cmd, args] of attempts) {
    log(`atomgym: no Chromium found; trying: ${cmd} ${args.join(' ')}`);
    try {
      execFileSync(cmd, args, { stdio: 'inherit', timeout: 600_000 });
    } catch {
      continue;
    }
    const now = findChromium();
    if (now) return now;
  }
  throw new BrowserNotFoundError(HOW_TO_GET_ONE);
}

export function launchOptions(executablePath: string, headless = true): LaunchOptions {
  return { executablePath, headless, args: [...CHROMIUM_FLAGS] };
}
