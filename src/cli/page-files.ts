// Local files handed to the training page under /__atomgym/…: a checkpoint folder's model files (the page fetches
// config.json, model.safetensors and tokenizer.json under a URL prefix) and single files such as a task pack.
// Playwright answers the requests, so nothing but the named files is reachable from the page.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright';
import { CONFIG_FILE, MODEL_FILE, TOKENIZER_FILE } from '../model/checkpoint.ts';

const MODEL_FILES = new Set([CONFIG_FILE, MODEL_FILE, TOKENIZER_FILE]);

/** Serves `dir`'s model files under `prefix` (which ends with '/'); returns the prefix. */
export async function serveModelFolder(page: Page, prefix: string, dir: string): Promise<string> {
  await page.route(`**${prefix}*`, async (route) => {
    const name = decodeURIComponent(new URL(route.request().url()).pathname.split('/').pop() ?? '');
    if (!MODEL_FILES.has(name)) return route.fulfill({ status: 404, body: `${name}: not served` });
    return route.fulfill({ body: await readFile(join(dir, name)) });
  });
  return prefix;
}

/** Serves one file at `path`; returns the path. */
export async function serveFile(page: Page, path: string, file: string): Promise<string> {
  await page.route(`**${path}`, async (route) => route.fulfill({ body: await readFile(file) }));
  return path;
}
