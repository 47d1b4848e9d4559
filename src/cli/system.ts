// What the machine itself must have for the README's commands: a Chromium (headless pages, WebGPU via SwiftShader)
// and the Vulkan loader libvulkan1 (Dawn in Node and Chromium's SwiftShader load it; Chromium's package does not
// pull it in). On Debian/Ubuntu as root (or with password-less sudo) the missing ones are installed with
// --no-install-recommends, after saying what and how large; apt's own output goes to a log file, not the terminal.
// Used by `atomgym setup`, by the demo, by every headless launch and by the test runs' global setup.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium } from './browser.ts';

export interface SystemPart {
  /** The Debian package that provides it. */
  pkg: 'chromium' | 'libvulkan1';
  present: boolean;
  /** Where it was found, or why it is needed. */
  detail: string;
}

const VULKAN_PATHS = [
  '/usr/lib/x86_64-linux-gnu/libvulkan.so.1',
  '/usr/lib/aarch64-linux-gnu/libvulkan.so.1',
  '/usr/lib64/libvulkan.so.1',
  '/usr/lib/libvulkan.so.1',
];

function vulkanLoader(): string | undefined {
  const ld = spawnSync('ldconfig', ['-p'], { encoding: 'utf8' });
  const line = ld.status === 0 ? ld.stdout.split('\n').find((l) => l.includes('libvulkan.so.1')) : undefined;
  if (line) return line.split('=>').pop()?.trim();
  return VULKAN_PATHS.find((p) => existsSync(p));
}

export function inspectSystem(): SystemPart[] {
  let chromium: string | undefined;
  try {
    chromium = findChromium();
  } catch {
    chromium = undefined; // CHROMIUM_PATH points nowhere: treat as missing; the install fixes the default path
  }
  const parts: SystemPart[] = [
    { pkg: 'chromium', present: !!chromium, detail: chromium ?? 'headless pages and WebGPU' },
  ];
  if (process.platform === 'linux') {
    const vk = vulkanLoader();
    parts.push({ pkg: 'libvulkan1', present: !!vk, detail: vk ?? 'the Vulkan loader for WebGPU on SwiftShader' });
  }
  return parts;
}

/** Packages and download bytes from `apt-get install --print-uris` ('url' file size hash, one per line). */
export function parsePrintUris(text: string): { packages: number; bytes: number } {
  let packages = 0;
  let bytes = 0;
  for (const line of text.split('\n')) {
    const m = /^'[^']+'\s+\S+\.deb\s+(\d+)\s/.exec(line);
    if (m) {
      packages++;
      bytes += Number(m[1]);
    }
  }
  return { packages, bytes };
}

const mb = (bytes: number) => `${Math.max(1, Math.round(bytes / 1e6))} MB`;

export class SystemSetupError extends Error {
  override name = 'SystemSetupError';
}

/** The command prefix that runs apt as root, or undefined when this process cannot. */
function asRoot(): string[] | undefined {
  if (process.getuid?.() === 0) return [];
  const sudo = spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' });
  return sudo.status === 0 ? ['sudo', '-n'] : undefined;
}

function run(cmd: string[], env: NodeJS.ProcessEnv = {}): { ok: boolean; out: string } {
  const r = spawnSync(cmd[0], cmd.slice(1), { encoding: 'utf8', env: { ...process.env, ...env } });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

const APT_ENV = { DEBIAN_FRONTEND: 'noninteractive' };

/** Runs apt-get install with its output in `logFile`, printing a line per ~10 packages unpacked. */
function aptInstall(root: string[], pkgs: string[], total: number, logFile: string, log: (m: string) => void) {
  const args = [...root, 'apt-get', 'install', '-y', '--no-install-recommends', '-o', 'Dpkg::Use-Pty=0', ...pkgs];
  return new Promise<void>((resolve, reject) => {
    const out = createWriteStream(logFile);
    const child = spawn(args[0], args.slice(1), { env: { ...process.env, ...APT_ENV } });
    let unpacked = 0;
    const onData = (chunk: Buffer) => {
      out.write(chunk);
      for (const line of chunk.toString().split('\n')) {
        if (!line.startsWith('Unpacking ')) continue;
        unpacked++;
        if (unpacked % 10 === 0 || unpacked === total) log(`setup: unpacked ${unpacked} of ~${total} packages …`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('close', (code) => {
      out.end();
      if (code === 0) resolve();
      else {
        const msg = `apt-get install ${pkgs.join(' ')} failed (exit ${code}); its output is in ${logFile}`;
        reject(new SystemSetupError(msg));
      }
    });
  });
}

/**
 * Installs what inspectSystem() finds missing, or throws saying exactly what to run. Quiet when nothing is
 * missing. Returns the packages it installed.
 */
export async function ensureSystem(log: (m: string) => void = (m) => console.error(m)): Promise<string[]> {
  const missing = inspectSystem().filter((p) => !p.present);
  if (missing.length === 0) return [];
  const pkgs = missing.map((p) => p.pkg);
  const manual = `sudo apt-get install -y --no-install-recommends ${pkgs.join(' ')}`;
  const what = missing.map((p) => `${p.pkg} (${p.detail})`).join(', ');
  const hasApt = existsSync('/usr/bin/apt-get');
  const root = hasApt ? asRoot() : undefined;
  if (!hasApt || !root) {
    const hint = hasApt
      ? `run: ${manual}`
      : 'install them with your package manager, or set CHROMIUM_PATH to a Chromium binary';
    throw new SystemSetupError(`this machine lacks ${what}; ${hint}`);
  }
  if (!run([...root, 'apt-cache', 'show', ...pkgs]).ok) {
    log('setup: refreshing the package lists (apt-get update) …');
    const upd = run([...root, 'apt-get', 'update', '-qq'], APT_ENV);
    if (!upd.ok) throw new SystemSetupError(`apt-get update failed:\n${upd.out.slice(-2000)}`);
  }
  const plan = run([...root, 'apt-get', 'install', '-qq', '--no-install-recommends', '--print-uris', ...pkgs]);
  if (!plan.ok) {
    throw new SystemSetupError(`apt-get cannot install ${pkgs.join(' ')}:\n${plan.out.slice(-2000)}\n(${manual})`);
  }
  const { packages, bytes } = parsePrintUris(plan.out);
  const logFile = join(tmpdir(), `atomgym-apt-${Date.now()}.log`);
  log(`setup: installing ${what}`);
  log(
    `setup: apt-get install --no-install-recommends ${pkgs.join(' ')}: ${packages} packages with dependencies, ` +
      `~${mb(bytes)} to download (apt's output: ${logFile}) …`,
  );
  const t0 = Date.now();
  await aptInstall(root, pkgs, packages, logFile, log);
  const still = inspectSystem().filter((p) => !p.present);
  if (still.length) {
    throw new SystemSetupError(`installed ${pkgs.join(' ')} but still missing: ${still.map((p) => p.pkg).join(', ')}`);
  }
  log(`setup: installed ${pkgs.join(', ')} in ${Math.round((Date.now() - t0) / 1000)} s`);
  return pkgs;
}
