// The real environment: train-split tasks through the chat template, drawn per step as a pure function of
// (seed, step) with the mode's skill mix, and scored by the skills' rewards with guest code in sandbox workers
// (oracle demonstrations earn 1, junk earns 0). GRPO options reject bad values naming the field.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { tokenizerFromHfJson } from '../../src/model/tokenizer/index.ts';
import { chatTemplate, encodeAnswer } from '../../src/rl/chat-template.ts';
import { resolveGrpoOptions } from '../../src/rl/options.ts';
import { generateTaskPool, kindsForMode, TaskEnvironment } from '../../src/rl/task-env.ts';
import { createQuickJsSandbox } from '../../src/sandbox/index.ts';
import { createNodeWorkerSandbox } from '../../src/sandbox/worker/node.ts';
import type { ReviewTask } from '../../src/tasks/skills/review.ts';

const workers = [createNodeWorkerSandbox(), createNodeWorkerSandbox()];
afterAll(() => workers.forEach((w) => w.dispose()));

describe('TaskEnvironment', () => {
  const ct = chatTemplate(tokenizerFromHfJson(readFileSync('public/tokenizer/micro.json', 'utf8')));

  it('gives every level of a pool its own tasks and ids, and refuses a pool with one id twice', async () => {
    const sandbox = await createQuickJsSandbox();
    const tasks = await generateTaskPool({ kinds: ['localization'], levels: [1, 2, 3], perKind: 6, seed: 4, sandbox });
    expect(tasks.map((t) => t.level)).toEqual([1, 1, 2, 2, 3, 3]);
    expect(new Set(tasks.map((t) => t.id)).size).toBe(6);
    const weights = kindsForMode('single:localization');
    const opts = { template: ct, weights, sandboxes: workers, maxPromptTokens: 2048 };
    expect(() => new TaskEnvironment({ ...opts, tasks: [tasks[0], { ...tasks[2], id: tasks[0].id }] })).toThrow(
      new RegExp(`task ${tasks[0].id}: two tasks`),
    );
  }, 60_000);

  it('draws deterministically by (seed, step) with the skill mix, and scores in sandbox workers', async () => {
    const sandbox = await createQuickJsSandbox();
    const tasks = await generateTaskPool({
      kinds: ['localization', 'review', 'editing'],
      levels: [1],
      perKind: 3,
      seed: 1,
      sandbox,
    });
    const env = new TaskEnvironment({
      template: ct,
      tasks,
      weights: kindsForMode('joint', { localization: 1, review: 1, editing: 0, 'test-generation': 0, reproduction: 0 }),
      sandboxes: workers,
      maxPromptTokens: 2048,
    });
    expect(Object.keys(env.sizes).sort()).toEqual(['localization', 'review']);
    const a = env.draw(4, 3, 7);
    expect(env.draw(4, 3, 7)).toEqual(a);
    expect(new Set(a.map((t) => t.id)).size).toBe(3);
    expect(JSON.stringify(env.draw(5, 3, 7))).not.toEqual(JSON.stringify(a));
    const kinds = new Set(
      Array.from({ length: 20 }, (_, s) => env.draw(s, 2, 7))
        .flat()
        .map((t) => t.kind),
    );
    expect([...kinds].sort()).toEqual(['localization', 'review']);

    const items = a.flatMap((task) => [
      { task, completion: task.demo! },
      { task, completion: encodeAnswer(ct, 'no idea') },
    ]);
    const scored = await env.score(items);
    expect(scored.map((s) => s.reward)).toEqual(a.flatMap(() => [1, 0]));
    expect(env.decode(a[0].demo!)).not.toContain('<|end|>');

    const strict = new TaskEnvironment({
      template: ct,
      tasks,
      weights: kindsForMode('single:review'),
      sandboxes: workers,
      maxPromptTokens: 200 + Math.min(...a.map((t) => t.prompt.length)),
    });
    expect(Object.values(strict.excluded).reduce((x, y) => x + y, 0) + strict.sizes.review).toBe(3);

    // Localization prompts longer than the limit are rendered shorter (fewer file contents) rather than left out.
    const longest = Math.max(...a.filter((t) => t.kind === 'localization').map((t) => t.prompt.length), 0);
    const tight = Math.ceil(longest * 0.8);
    const fitted = new TaskEnvironment({
      template: ct,
      tasks,
      weights: kindsForMode('single:localization'),
      sandboxes: workers,
      maxPromptTokens: tight,
    });
    expect(longest).toBeGreaterThan(0);
    expect(fitted.sizes.localization).toBe(3);
    for (let s = 0; s < 4; s++)
      for (const t of fitted.draw(s, 3, 7)) expect(t.prompt.length).toBeLessThanOrEqual(tight);
  }, 120_000);

  it("mode 'composite' draws only composite kinds, and their oracle answers earn 1", async () => {
    const sandbox = await createQuickJsSandbox();
    const weights = kindsForMode('composite');
    const tasks = await generateTaskPool({ kinds: [...weights.keys()], levels: [1], perKind: 1, seed: 0, sandbox });
    const env = new TaskEnvironment({ template: ct, tasks, weights, sandboxes: workers, maxPromptTokens: 4096 });
    expect(Object.keys(env.sizes).sort()).toEqual([
      'bug-fixing',
      'feature',
      'ml-engineering',
      'refactoring',
      'security-fix',
    ]);
    const drawn = env.draw(0, 4, 0);
    const scored = await env.score(drawn.map((task) => ({ task, completion: task.demo! })));
    expect(scored.map((x) => x.reward)).toEqual([1, 1, 1, 1]);
  }, 120_000);

  it('credits a review verdict without its line in training only when asked, and never a wrong verdict', async () => {
    const sandbox = await createQuickJsSandbox();
    const tasks = await generateTaskPool({ kinds: ['review'], levels: [1], perKind: 8, seed: 3, sandbox });
    const faulty = tasks.find((t) => (t as ReviewTask).hidden.verdict === 'request-changes')!;
    const clean = tasks.find((t) => (t as ReviewTask).hidden.verdict === 'approve')!;
    const envWith = (credit?: number) =>
      new TaskEnvironment({
        template: ct,
        tasks: [faulty, clean],
        weights: kindsForMode('single:review'),
        sandboxes: workers,
        maxPromptTokens: 4096,
        reviewVerdictCredit: credit,
      });
    const task = (env: TaskEnvironment, id: string) => env.draw(0, 2, 0).find((t) => t.id === id)!;
    const answers = (env: TaskEnvironment) => [
      { task: task(env, faulty.id), completion: encodeAnswer(ct, 'VERDICT: request changes\nLINE: not this one') },
      { task: task(env, faulty.id), completion: encodeAnswer(ct, 'VERDICT: approve') },
      { task: task(env, faulty.id), completion: task(env, faulty.id).demo! },
      { task: task(env, clean.id), completion: encodeAnswer(ct, 'VERDICT: request changes\nLINE: 1') },
      { task: task(env, clean.id), completion: task(env, clean.id).demo! },
    ];
    const plain = envWith();
    expect((await plain.score(answers(plain))).map((s) => s.reward)).toEqual([0, 0, 1, 0, 1]);
    const credited = envWith(0.5);
    const scored = await credited.score(answers(credited));
    expect(scored.map((s) => s.reward)).toEqual([0.5, 0, 1, 0, 1]);
    expect(scored[0].status).toBe('wrong-line');
    expect(scored[0].detail).toMatch(/verdict credit 0.5/);
    expect(() => resolveGrpoOptions({ review_verdict_credit: 1.5 })).toThrow(/review_verdict_credit/);
  }, 60_000);

  it('GRPO options: TRL defaults, errors that name the field', () => {
    expect(resolveGrpoOptions({}).loss_type).toBe('dapo');
    expect(() => resolveGrpoOptions({ num_generations: 1 })).toThrow(/num_generations/);
    expect(() => resolveGrpoOptions({ loss_type: 'ppo' as never })).toThrow(/loss_type/);
    expect(() => resolveGrpoOptions({ mode: 'single:cooking' as never })).toThrow(/mode/);
    expect(() => resolveGrpoOptions({ epsilon: 1.5 })).toThrow(/epsilon/);
    expect(() => resolveGrpoOptions({ skill_mix: { cooking: 1 } as never })).toThrow(/skill_mix/);
  });
});
