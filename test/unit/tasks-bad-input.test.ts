// Hostile and malformed answers: reward 0 with a clear status, no crash, no hang, no influence on the next run.
import { beforeAll, describe, expect, it } from 'vitest';
import { createQuickJsSandbox } from '../../src/sandbox/index.ts';
import type { Sandbox } from '../../src/sandbox/types.ts';
import { GENERATORS, SKILLS } from '../../src/tasks/registry.ts';
import type { TaskBase } from '../../src/tasks/types.ts';

let sandbox: Sandbox;
let editing: TaskBase & { file: string; location: { fn: string } };
let testGen: TaskBase & { module: string; fn: string; testPath: string };
let repro: TaskBase;

beforeAll(async () => {
  sandbox = await createQuickJsSandbox();
  editing = (await GENERATORS.editing!({ split: 'train', n: 1, seed: 5, level: 2, sandbox }))[0] as typeof editing;
  testGen = (
    await GENERATORS['test-generation']!({ split: 'train', n: 1, seed: 5, level: 2, sandbox })
  )[0] as typeof testGen;
  repro = (await GENERATORS.reproduction!({ split: 'train', n: 1, seed: 5, level: 2, sandbox }))[0];
}, 120_000);

/** Test-file answers that try to loop, allocate, flood output, throw non-Errors or escape. */
const HOSTILE_TESTS: Record<string, string> = {
  'infinite loop': "it('loops', () => { while (true) {} });",
  'allocates without end': "it('grows', () => { const a = []; while (true) a.push(new Array(1e6).fill(1)); });",
  'prints megabytes': "it('floods', () => { for (let i = 0; i < 1e6; i++) console.log('x'.repeat(1000)); });",
  'throw null at top level': 'throw null;',
  'globalThis.process': "it('escapes', () => { globalThis.process.exit(0); });",
  'Function(return this)': "it('escapes', () => { Function('return this')().process.mainModule.require('fs'); });",
  'constructor.constructor': "it('escapes', () => { ({}).constructor.constructor('return process')().exit(1); });",
  "require('fs')": "const fs = require('fs'); it('reads', () => { fs.readFileSync('/etc/passwd'); });",
  'prototype tampering':
    "Object.is = () => true; Array.prototype.every = () => true; it('passes?', () => { expect(1).toBe(2); });",
  'redefines the test API':
    "globalThis.expect = () => ({ toBe() {} }); globalThis.it = (n, f) => f(); it('x', () => { expect(1).toBe(2); });",
  'binary junk': '\u0000\u0001\u0002garbage\u00ff',
  '1 MB of text': 'x'.repeat(1 << 20),
};
// Every script answer also asserts something, so it reaches the sandbox instead of failing the assertion check.
for (const name of Object.keys(HOSTILE_TESTS)) {
  if (name !== 'binary junk' && name !== '1 MB of text')
    HOSTILE_TESTS[name] += "\nit('asserts', () => { expect(1).toBe(1); });";
}

describe('bad answers to test-writing skills', () => {
  it.each(Object.entries(HOSTILE_TESTS))('test-generation: %s → 0', async (_name, answer) => {
    const r = await SKILLS['test-generation']!.reward(testGen, answer, sandbox);
    expect(r.reward).toBe(0);
    expect(r.status).toMatch(/\S/);
    expect(r.status).not.toBe('ok');
  });

  // The slow resource-limit cases (memory, output) run once above; reproduction gets the rest.
  const REPRO_CASES = Object.entries(HOSTILE_TESTS).filter(
    ([name]) => name !== 'allocates without end' && name !== 'prints megabytes',
  );
  it.each(REPRO_CASES)('reproduction: %s → 0', async (_name, answer) => {
    const r = await SKILLS.reproduction!.reward(repro, answer, sandbox);
    expect(r.reward).toBe(0);
    expect(r.status).not.toBe('ok');
  });

  it('a hostile run does not influence the next: the oracle still earns 1', async () => {
    await SKILLS['test-generation']!.reward(testGen, HOSTILE_TESTS['prototype tampering'], sandbox);
    expect(
      (await SKILLS['test-generation']!.reward(testGen, SKILLS['test-generation']!.oracleAnswer(testGen), sandbox))
        .reward,
    ).toBe(1);
    expect((await SKILLS.reproduction!.reward(repro, SKILLS.reproduction!.oracleAnswer(repro), sandbox)).reward).toBe(
      1,
    );
  });
});

describe('bad answers to editing', () => {
  const edit = (search: string, replace: string) =>
    `${editing.file}\n<<<<<<< SEARCH\n${search}\n=======\n${replace}\n>>>>>>> REPLACE`;
  const decl = () =>
    editing.repo.files[editing.file]
      .split('\n')
      .find((l) => l.startsWith('export ') && l.includes(editing.location.fn))!;

  const EDIT_CASES: Array<[string, () => string, string | null]> = [
    ['malformed block (no separator)', () => `${editing.file}\n<<<<<<< SEARCH\nfoo\n>>>>>>> REPLACE`, 'parse-error'],
    ['block without a file name', () => '<<<<<<< SEARCH\nfoo\n=======\nbar\n>>>>>>> REPLACE', 'parse-error'],
    ['binary junk', () => '\u0000\u0001PK\u0003\u0004', 'malformed-answer'],
    ['1 MB of text', () => 'y'.repeat(1 << 20), 'answer-too-large'],
    ['module that loops at load', () => edit(decl(), `while (true) {}\n${decl()}`), 'timeout'],
    ['module that throws null at load', () => edit(decl(), `throw null;\n${decl()}`), 'load-error'],
    [
      'module that tampers with prototypes',
      () => edit(decl(), `Object.is = () => true;\nArray.prototype.join = () => '';\n${decl()}`),
      null,
    ],
    [
      'module that redefines the test API',
      () => edit(decl(), `globalThis.it = globalThis.test = () => {};\nglobalThis.describe = () => {};\n${decl()}`),
      null,
    ],
    [
      'module that reaches for host objects',
      () => edit(decl(), `globalThis.process?.exit?.(0);\n${decl()}`),
      'tests-failed',
    ],
  ];
  it.each(EDIT_CASES)('%s → 0', async (_name, make, status) => {
    const r = await SKILLS.editing!.reward(editing, make(), sandbox);
    expect(r.reward).toBe(0);
    if (status) expect(r.status).toBe(status);
    else expect(r.status).not.toBe('ok');
  });

  it('an answer that only rewrites test files gains nothing, and the oracle still earns 1 afterwards', async () => {
    const testPath = Object.keys(editing.repo.files).find((p) => p.endsWith('.test.js'))!;
    const r = await SKILLS.editing!.reward(
      editing,
      `${testPath}\n<<<<<<< SEARCH\n${editing.repo.files[testPath].split('\n')[0]}\n=======\n// nothing to see\n>>>>>>> REPLACE`,
      sandbox,
    );
    expect(r.reward).toBe(0);
    expect((await SKILLS.editing!.reward(editing, SKILLS.editing!.oracleAnswer(editing), sandbox)).reward).toBe(1);
  });
});
