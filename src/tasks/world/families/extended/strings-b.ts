// Train-only families (see ./index.ts): strings, part b.
import type { Family } from '../../family.ts';
import { bodyLines, capitalized, cases, letters, sentence } from '../../gen.ts';
import { A, B, mixedCase } from './specs.ts';

const S = { names: ['text', 's', 'str', 'input', 'raw'], type: 'string', doc: 'the input text' };

export const EXTENDED_STRINGS_B_FAMILIES: Family[] = [
  {
    name: 'caesar-shift',
    category: 'string',
    names: ['caesarShift', 'rotateLetters', 'caesarCipher', 'shiftLetters'],
    params: [
      { ...S, doc: 'the text to encode' },
      {
        names: ['shift', 'by', 'offset', 'amount'],
        type: 'number',
        doc: 'how many places to move each letter, a non-negative integer',
      },
    ],
    returns: {
      type: 'string',
      doc:
        'the text with every lower-case letter a-z moved that many places forward in the alphabet, ' +
        'wrapping from z to a; all other characters unchanged',
    },
    summary: 'Applies a Caesar shift to the lower-case letters of a text.',
    bodies: [
      bodyLines(
        `let @out = '';`,
        `for (const @ch of $0) {`,
        `  if (@ch < 'a' || @ch > 'z') @out += @ch;`,
        `  else @out += String.fromCharCode(((@ch.charCodeAt(0) - 97 + $1) % 26) + 97);`,
        `}`,
        `return @out;`,
      ),
      bodyLines(
        `const @map = 'abcdefghijklmnopqrstuvwxyz';`,
        `let @out = '';`,
        `for (const @ch of $0) {`,
        `  const @i = @map.indexOf(@ch);`,
        `  @out += @i === -1 ? @ch : @map[(@i + $1) % @map.length];`,
        `}`,
        `return @out;`,
      ),
      `return $0.replace(/[a-z]/g, (@ch) => String.fromCharCode(97 + ((@ch.charCodeAt(0) - 97 + $1) % 26)));`,
    ],
    inputs: (r) =>
      cases(
        r,
        [
          ['', 3],
          ['abc', 0],
          ['xyz', 3],
          ['Hello, World!', 13],
          ['abc', 26],
          ['zebra', 25],
          ['a{`z', 1],
        ],
        8,
        (r) => [r.chance(0.3) ? capitalized(sentence(r, r.int(1, 3))) : sentence(r, r.int(1, 3)), r.int(0, 30)],
      ),
  },
  {
    name: 'remove-vowels',
    category: 'string',
    names: ['removeVowels', 'stripVowels', 'disemvowel', 'dropVowels'],
    params: [S],
    returns: { type: 'string', doc: 'the text without its vowels (a, e, i, o, u in either case); y is not a vowel' },
    summary: 'Removes the vowels from a text.',
    bodies: [
      `return $0.replace(/[aeiou]/gi, '');`,
      `return $0.split('').filter((@ch) => !#isVowel(@ch)).join('');`,
      bodyLines(
        `let @out = '';`,
        `for (let @i = 0; @i < $0.length; @i++) {`,
        `  if ('aeiouAEIOU'.indexOf($0[@i]) === -1) @out += $0[@i];`,
        `}`,
        `return @out;`,
      ),
    ],
    inputs: (r) =>
      cases(r, [[''], ['a'], ['b'], ['AEIOU'], ['rhythm'], ['Queue Up']], 8, (r) => [
        mixedCase(r, sentence(r, r.int(1, 3))),
      ]),
  },
  {
    name: 'capitalize-sentences',
    category: 'string',
    names: ['capitalizeSentences', 'sentenceCase', 'fixCapitals', 'capSentences'],
    params: [S],
    returns: {
      type: 'string',
      doc:
        'the text with its first character and every character that directly follows a period and a space ' +
        '(". ") upper-cased; everything else unchanged',
    },
    summary: 'Upper-cases the first letter of every sentence.',
    bodies: [
      bodyLines(
        `let @out = '';`,
        `for (let @i = 0; @i < $0.length; @i++) {`,
        `  const @flag = @i === 0 || ($0[@i - 2] === '.' && $0[@i - 1] === ' ');`,
        `  @out += @flag ? $0[@i].toUpperCase() : $0[@i];`,
        `}`,
        `return @out;`,
      ),
      `return $0.split('. ').map((@x) => @x.charAt(0).toUpperCase() + @x.slice(1)).join('. ');`,
      `return $0.replace(/(?<=^|[.] )./g, (@ch) => @ch.toUpperCase());`,
    ],
    inputs: (r) =>
      cases(
        r,
        [[''], ['a'], ['hello. world'], ['one. two. three.'], ['a. . b'], ['x.y. z'], ['ok.  two'], ['. a']],
        8,
        (r) => [
          Array.from({ length: r.int(1, 4) }, () => sentence(r, r.int(1, 3))).join(r.pick(['. ', '. ', '.', ', '])),
        ],
      ),
  },
  {
    name: 'longest-char-run',
    category: 'string',
    names: ['longestCharRun', 'maxRepeatLength', 'longestCharStreak', 'maxSameRun'],
    params: [S],
    returns: {
      type: 'number',
      doc: 'the length of the longest block of consecutive equal characters (0 for an empty text)',
    },
    summary: 'Finds the length of the longest run of one repeated character.',
    bodies: [
      bodyLines(
        `let @best = 0;`,
        `let @count = 0;`,
        `for (let @i = 0; @i < $0.length; @i++) {`,
        `  @count = @i > 0 && $0[@i] === $0[@i - 1] ? @count + 1 : 1;`,
        `  if (@count > @best) @best = @count;`,
        `}`,
        `return @best;`,
      ),
      bodyLines(
        `let @best = 0;`,
        `let @i = 0;`,
        `while (@i < $0.length) {`,
        `  let @j = @i;`,
        `  while (@j < $0.length && $0[@j] === $0[@i]) @j++;`,
        `  @best = Math.max(@best, @j - @i);`,
        `  @i = @j;`,
        `}`,
        `return @best;`,
      ),
      `return ($0.match(/(.)\\1*/g) || []).reduce((@best, @x) => Math.max(@best, @x.length), 0);`,
    ],
    inputs: (r) =>
      cases(r, [[''], ['a'], ['ab'], ['aaa'], ['abbbcc'], ['aabbb']], 8, (r) => [letters(r, r.int(1, 10), 'aab')]),
  },
  {
    name: 'alternating-case',
    category: 'string',
    names: ['alternateCase', 'spongeCase', 'zigzagCase', 'altCaps'],
    params: [{ ...S, doc: 'the input text (ASCII)' }],
    returns: {
      type: 'string',
      doc:
        'the text with the characters at even indices upper-cased and those at odd indices lower-cased ' +
        '(spaces count as characters)',
    },
    summary: 'Alternates the case of the characters of a text, starting with upper case.',
    bodies: [
      `return $0.split('').map((@ch, @i) => (@i % 2 === 0 ? @ch.toUpperCase() : @ch.toLowerCase())).join('');`,
      bodyLines(
        `let @out = '';`,
        `for (let @i = 0; @i < $0.length; @i++) {`,
        `  @out += @i % 2 === 1 ? $0[@i].toLowerCase() : $0[@i].toUpperCase();`,
        `}`,
        `return @out;`,
      ),
      bodyLines(
        `let @out = '';`,
        `let @flag = true;`,
        `for (const @ch of $0) {`,
        `  @out += @flag ? @ch.toUpperCase() : @ch.toLowerCase();`,
        `  @flag = !@flag;`,
        `}`,
        `return @out;`,
      ),
    ],
    inputs: (r) =>
      cases(r, [[''], ['a'], ['AB'], ['hello world'], ['a1b2']], 8, (r) => [mixedCase(r, sentence(r, r.int(1, 3)))]),
  },
  {
    name: 'common-prefix',
    category: 'string',
    names: ['commonPrefix', 'sharedPrefix', 'longestCommonPrefix', 'samePrefix'],
    params: [A('a text'), B('another text')],
    returns: {
      type: 'string',
      doc: 'the longest text that both start with (case-sensitive; "" when they differ at the first character)',
    },
    summary: 'Finds the longest common prefix of two texts.',
    bodies: [
      bodyLines(
        `let @i = 0;`,
        `while (@i < $0.length && @i < $1.length && $0[@i] === $1[@i]) @i++;`,
        `return $0.slice(0, @i);`,
      ),
      bodyLines(
        `let @out = '';`,
        `for (let @i = 0; @i < Math.min($0.length, $1.length); @i++) {`,
        `  if ($0[@i] !== $1[@i]) break;`,
        `  @out += $0[@i];`,
        `}`,
        `return @out;`,
      ),
      bodyLines(`let @out = $0;`, `while (!$1.startsWith(@out)) @out = @out.slice(0, -1);`, `return @out;`),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          ['', ''],
          ['abc', ''],
          ['', 'abc'],
          ['abc', 'abc'],
          ['abc', 'abd'],
          ['flower', 'flow'],
          ['dog', 'cat'],
          ['a', 'A'],
        ],
        8,
        (r) => {
          const shared = letters(r, r.int(0, 4), 'abc');
          return [shared + letters(r, r.int(0, 3), 'abc'), shared + letters(r, r.int(0, 3), 'abc')];
        },
      ),
  },
  {
    name: 'hamming-distance',
    category: 'string',
    names: ['hammingDistance', 'hamming', 'diffCount', 'mismatchCount'],
    params: [A('a text'), B('another text of the same length')],
    returns: {
      type: 'number',
      doc: 'the number of indices at which the two texts have different characters; throws when their lengths differ',
    },
    summary: 'Counts the positions at which two equally long texts differ.',
    bodies: [
      bodyLines(
        `if ($0.length !== $1.length) throw new Error('lengths differ');`,
        `let @count = 0;`,
        `for (let @i = 0; @i < $0.length; @i++) {`,
        `  if ($0[@i] !== $1[@i]) @count++;`,
        `}`,
        `return @count;`,
      ),
      bodyLines(
        `if ($0.length !== $1.length) {`,
        `  throw new RangeError('texts must have the same length');`,
        `}`,
        `return $0.split('').filter((@ch, @i) => @ch !== $1[@i]).length;`,
      ),
      bodyLines(
        `if ($0.length !== $1.length) throw new Error('length mismatch');`,
        `return $0.split('').reduce((@acc, @ch, @i) => @acc + (@ch === $1[@i] ? 0 : 1), 0);`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          ['', ''],
          ['a', 'a'],
          ['a', 'b'],
          ['karolin', 'kathrin'],
          ['abc', 'ab'],
          ['a', 'A'],
        ],
        8,
        (r) => {
          const n = r.int(1, 8);
          return [letters(r, n, 'abc'), letters(r, n, 'abc')];
        },
      ),
  },
];
