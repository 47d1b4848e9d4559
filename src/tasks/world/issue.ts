// Issue texts in several styles. They describe a symptom through the public behaviour, never the fix: they
// never quote source lines, only calls, values and documented behaviour.
import type { Level } from '../types.ts';
import type { Rng } from '../rng.ts';
import type { Family } from './family.ts';
import { outcomeLiteral, type Outcome } from './probe.ts';
import { callText } from './tests.ts';

export const ISSUE_STYLES = ['failing-example', 'stack-trace', 'behavioural', 'vague'] as const;
export type IssueStyle = (typeof ISSUE_STYLES)[number];

export interface Symptom {
  fn: string;
  family: Family;
  args: unknown[];
  expected: Outcome;
  actual: Outcome;
  /** Test file that would show the failure (for the stack-trace style). */
  testPath: string;
}

export function styleFor(level: Level, rng: Rng): IssueStyle {
  switch (level) {
    case 1:
      return 'failing-example';
    case 2:
      return rng.pick(['failing-example', 'stack-trace'] as const);
    case 3:
      return rng.pick(['failing-example', 'stack-trace', 'behavioural'] as const);
    case 4:
      return rng.pick(['behavioural', 'behavioural', 'vague'] as const);
    case 5:
      return rng.pick(['behavioural', 'vague', 'vague'] as const);
  }
}

const TITLES = ['Wrong result from', 'Bug in', 'Unexpected output of', 'Regression in', 'Incorrect behaviour of'];
const VAGUE_OPENERS = [
  'Since the last change, some results look off.',
  'A user reported that the numbers we show are sometimes wrong.',
  'Something is not right, but I could not narrow it down much.',
  'We noticed odd output in production for a few inputs.',
];

/** Longest wrong value an issue quotes whole: a mutant can return a huge one (a pad to a 70,000-character width),
 * which made an issue longer than a pack line may be. */
export const ACTUAL_MAX_CHARS = 400;

/** The wrong value as an issue quotes it: its ends around an elision that says how long it is, when too long. */
export function actualLiteral(o: Outcome): string {
  const text = outcomeLiteral(o);
  if (text.length <= ACTUAL_MAX_CHARS) return text;
  const end = Math.floor((ACTUAL_MAX_CHARS - 40) / 2);
  return `${text.slice(0, end)}… (${text.length.toLocaleString('en-US')} characters) …${text.slice(-end)}`;
}

const isObjectOutcome = (o: Outcome) => 'v' in o && typeof o.v === 'object' && o.v !== null;

function describeActual(o: Outcome): string {
  return 't' in o ? 'it throws an exception' : `it returns \`${actualLiteral(o)}\``;
}

/** The issue text for a symptom. `style` decides how much is given away: a literal example or a vague hint. */
export function issueText(s: Symptom, style: IssueStyle, rng: Rng): string {
  const call = callText(s.fn, s.args);
  const expected = outcomeLiteral(s.expected);
  const title = `${rng.pick(TITLES)} \`${s.fn}\``;
  switch (style) {
    case 'failing-example':
      // No title: the sentence below names the function already, and level-1 prompts must stay short.
      return [
        `Calling \`${call}\` gives the wrong result.`,
        `Expected: \`${expected}\``,
        `Actual: ${'t' in s.actual ? 'an exception is thrown' : `\`${actualLiteral(s.actual)}\``}`,
      ].join('\n');
    case 'stack-trace': {
      const message =
        't' in s.actual
          ? `expected ${call} not to throw`
          : `expected ${actualLiteral(s.actual)} to ${isObjectOutcome(s.expected) ? 'equal' : 'be'} ${expected}`;
      return [
        `# ${title}`,
        '',
        'Our test run fails with:',
        '```',
        `AssertionError: ${message}`,
        `    at ${s.testPath}`,
        `    (while checking ${call})`,
        '```',
      ].join('\n');
    }
    case 'behavioural':
      return [
        `# ${title}`,
        '',
        `\`${s.fn}\` is documented as: "${s.family.summary}" It should return ${s.family.returns.doc}.`,
        `That does not hold for every input: for example with arguments ${s.args.map((a) => `\`${JSON.stringify(a)}\``).join(', ')} ${describeActual(s.actual)}, which is not what the documentation promises.`,
      ].join('\n');
    case 'vague':
      return [
        `# ${title}`,
        '',
        rng.pick(VAGUE_OPENERS),
        `It seems to involve \`${s.fn}\` (${s.family.summary.replace(/\.$/, '').toLowerCase()}): for some inputs the output does not match the documentation.`,
      ].join('\n');
  }
}

const FAILING_EXAMPLE =
  /^Calling `(.+)` gives the wrong result\.\nExpected: `(.+)`\nActual: (an exception is thrown|`(.+)`)$/s;

/**
 * A failing-example issue said another way, as issue writers vary (the call, the expected value and what happened
 * are kept); any other issue is returned as it is. Training on one phrasing taught a small policy that phrasing.
 */
export function rephrasedIssue(issue: string, rng: Rng): string {
  const m = FAILING_EXAMPLE.exec(issue);
  if (!m) return issue;
  const [, call, expected, , actual] = m;
  const got = actual === undefined ? 'throws an exception' : `returns \`${actual}\``;
  return rng.pick([
    () => `\`${call}\` ${got}, but it should return \`${expected}\`.`,
    () => `\`${call}\` should return \`${expected}\`, but it ${got}.`,
    () => `When I call \`${call}\` it ${got} instead of \`${expected}\`.`,
    () => `Wrong result from \`${call}\`: expected \`${expected}\`.`,
    () => issue,
  ])();
}
