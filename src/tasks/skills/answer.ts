// Shared answer handling: screening raw policy text (size, binary junk), unwrapping code fences, zero rewards.
import type { RewardResult } from '../types.ts';

/** Answers longer than this are rejected unread (a policy's answer is a few KB at most). */
export const MAX_ANSWER_CHARS = 100_000;

export function zero(status: string, detail: string, partial = 0, metrics?: Record<string, number>): RewardResult {
  return { reward: 0, partial, status, detail, ...(metrics ? { metrics } : {}) };
}

export type Screened = { ok: true; text: string } | { ok: false; result: RewardResult };

/** Rejects non-strings, oversized answers and binary junk with a clear status; normalises line endings. */
export function screenAnswer(answer: unknown): Screened {
  if (typeof answer !== 'string')
    return {
      ok: false,
      result: zero('malformed-answer', `answer must be text, got ${answer === null ? 'null' : typeof answer}`),
    };
  if (answer.length > MAX_ANSWER_CHARS)
    return {
      ok: false,
      result: zero('answer-too-large', `answer has ${answer.length} characters; the limit is ${MAX_ANSWER_CHARS}`),
    };
  let control = 0;
  for (let i = 0; i < answer.length; i++) {
    const c = answer.charCodeAt(i);
    if (c === 0) return { ok: false, result: zero('malformed-answer', 'answer contains NUL bytes (binary data)') };
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) control++;
  }
  if (control > 0 && control > answer.length * 0.02)
    return { ok: false, result: zero('malformed-answer', `answer looks binary (${control} control characters)`) };
  return { ok: true, text: answer.replace(/\r\n?/g, '\n') };
}

/**
 * The content of the first fenced code block when there is one, else the text itself. A scan, not a regex: each
 * step moves forward, so it is linear however many backticks or lines the text has.
 */
export function unfence(text: string): string {
  for (let open = text.indexOf('```'); open >= 0; ) {
    const eol = text.indexOf('\n', open + 3);
    if (eol < 0) return text;
    const tick = text.indexOf('`', open + 3);
    if (tick >= 0 && tick < eol) {
      // An info string cannot hold a backtick: the next candidate opening is at or after that backtick.
      open = text.indexOf('```', Math.max(open + 1, tick - 2));
      continue;
    }
    const close = text.indexOf('```', eol + 1);
    if (close < 0) return text;
    const end = close > eol + 1 && text[close - 1] === '\n' ? close - 1 : close;
    return text.slice(eol + 1, end);
  }
  return text;
}

export function isTestPath(path: string): boolean {
  return /\.(test|spec)\.[cm]?[jt]s$/.test(path) || path.startsWith('__hidden__/');
}

/** A test file must assert something: an `expect(` or `assert` call (a file with zero assertions earns 0). */
export function hasAssertion(test: string): boolean {
  return /\b(expect|assert)\s*(\.\s*\w+\s*)?\(/.test(test);
}
