// `atomgym tokenizer train --corpus <file|dir>[,<file|dir>…] --vocab N [--pattern code|ident] --out F [--json]`
// `atomgym tokenizer encode --tokenizer tokenizer.json --text "…"` (prints ids; handy for checking a file loads)
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readInputFile } from '../files.ts';
import { boolFlag, numberFlag, stringFlag, UsageError, type ParsedArgs } from '../args.ts';
import { PATTERNS, tokenizerFromHfJson, tokenizerToHfJson, trainBpe } from '../../model/tokenizer/index.ts';

const TEXT_EXTENSIONS = /\.(js|mjs|cjs|ts|tsx|jsx|md|txt|json)$/;

/**
 * Files under the given paths, each directory walked in sorted order so the corpus (and the result) is deterministic.
 */
function corpusFiles(spec: string): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) throw new UsageError(`--corpus: ${p} does not exist`);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        if (name === 'node_modules' || name.startsWith('.')) continue;
        const child = join(p, name);
        if (statSync(child).isDirectory() || TEXT_EXTENSIONS.test(name)) walk(child);
      }
    } else out.push(p);
  };
  for (const part of spec.split(',').filter(Boolean)) walk(part);
  return out;
}

async function train(args: ParsedArgs): Promise<number> {
  const files = corpusFiles(stringFlag(args, 'corpus'));
  const vocabSize = numberFlag(args, 'vocab');
  const out = stringFlag(args, 'out');
  const t0 = performance.now();
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const patternName = stringFlag(args, 'pattern', 'code');
  if (!(patternName in PATTERNS))
    throw new UsageError(`--pattern: ${patternName} is not one of ${Object.keys(PATTERNS).join(', ')}`);
  const pattern = PATTERNS[patternName as keyof typeof PATTERNS];
  const tok = trainBpe(texts, {
    vocabSize,
    preTokenizer: { addPrefixSpace: false, steps: [{ type: 'split', pattern }] },
  });
  writeFileSync(out, tokenizerToHfJson(tok));
  const seconds = (performance.now() - t0) / 1000;
  const summary = {
    out,
    files: files.length,
    corpusBytes: bytes,
    vocabSize: tok.vocabSize,
    merges: tok.spec.merges.length,
    seconds: Math.round(seconds * 100) / 100,
  };
  if (tok.vocabSize < vocabSize)
    console.error(
      `note: the corpus supported only ${tok.spec.merges.length} merges (vocab ${tok.vocabSize} < ${vocabSize})`,
    );
  console.log(
    boolFlag(args, 'json')
      ? JSON.stringify(summary)
      : `wrote ${out}: vocab ${summary.vocabSize} (${summary.merges} merges) from ${files.length} files, ${bytes} bytes, in ${summary.seconds}s`,
  );
  return 0;
}

async function encode(args: ParsedArgs): Promise<number> {
  const path = stringFlag(args, 'tokenizer');
  const tok = tokenizerFromHfJson(await readInputFile(path, 'a Hugging Face tokenizer.json'), path);
  const ids = tok.encode(stringFlag(args, 'text'), { allowSpecial: boolFlag(args, 'allow-special') });
  console.log(boolFlag(args, 'json') ? JSON.stringify({ ids }) : ids.join(' '));
  return 0;
}

export async function run(args: ParsedArgs): Promise<number> {
  const [sub] = args.positionals;
  if (sub === 'train') return train(args);
  if (sub === 'encode') return encode(args);
  throw new UsageError(
    'tokenizer needs a subcommand: train --corpus <paths> --vocab N --out F | encode --tokenizer F --text T',
  );
}
