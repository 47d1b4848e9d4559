// Train-only families (see ./index.ts): strings.
import type { Family } from '../../family.ts';
import type { Rng } from '../../../rng.ts';
import { bodyLines, capitalized, cases, letters, sentence, word, words } from '../../gen.ts';

const S = { names: ['text', 's', 'str', 'input', 'raw'], type: 'string', doc: 'the input text' };
const A = (doc: string) => ({ names: ['a', 'first', 's1', 'left'], type: 'string', doc });
const B = (doc: string) => ({ names: ['b', 'second', 's2', 'right'], type: 'string', doc });

/** Words separated by runs of 0-3 spaces, with optional leading and trailing spaces. */
const spaced = (r: Rng, n: number): string =>
  ' '.repeat(r.int(0, 2)) +
  words(r, n)
    .map((w, i) => (i === 0 ? w : ' '.repeat(r.int(1, 3)) + w))
    .join('') +
  ' '.repeat(r.int(0, 2));

/** A word with some letters upper-cased at random. */
const mixedCase = (r: Rng, w: string): string =>
  w
    .split('')
    .map((c) => (r.chance(0.4) ? c.toUpperCase() : c))
    .join('');

export const EXTENDED_STRING_FAMILIES: Family[] = [
  {
    name: 'collapse-spaces',
    category: 'string',
    names: ['collapseSpaces', 'squishSpaces', 'normalizeSpaces', 'squeezeBlanks'],
    params: [{ ...S, doc: 'the input text (only the space character counts as blank)' }],
    returns: {
      type: 'string',
      doc: 'the text without leading or trailing spaces and with every run of spaces replaced by one space',
    },
    summary: 'Trims a text and collapses every run of spaces into a single space.',
    bodies: [
      `return $0.split(' ').filter((@word) => @word !== '').join(' ');`,
      bodyLines(
        `let @out = '';`,
        `let @flag = false;`,
        `for (const @ch of $0) {`,
        `  if (@ch !== ' ') @out += (@flag && @out.length > 0 ? ' ' : '') + @ch;`,
        `  @flag = @ch === ' ';`,
        `}`,
        `return @out;`,
      ),
      `return $0.replace(/ +/g, ' ').replace(/^ | $/g, '');`,
    ],
    inputs: (r) =>
      cases(r, [[''], ['   '], ['a'], [' a '], ['a  b'], ['  hello   world  ']], 8, (r) => [spaced(r, r.int(1, 4))]),
  },
  {
    name: 'expand-runs',
    category: 'string',
    names: ['expandRuns', 'runLengthDecode', 'decodeRuns', 'inflateRuns'],
    params: [{ ...S, doc: 'a run-length encoding: non-digit characters, each followed by a positive decimal count' }],
    returns: { type: 'string', doc: 'the decoded text: each character repeated as many times as its count says' },
    summary: 'Decodes a run-length encoding: "a3b1" becomes "aaab".',
    bodies: [
      bodyLines(
        `let @out = '';`,
        `for (const [, @ch, @num] of $0.matchAll(/([^0-9])([0-9]+)/g)) @out += @ch.repeat(Number(@num));`,
        `return @out;`,
      ),
      bodyLines(
        `let @out = '';`,
        `let @i = 0;`,
        `while (@i < $0.length) {`,
        `  let @j = @i + 1;`,
        `  while (@j < $0.length && $0[@j] >= '0' && $0[@j] <= '9') @j++;`,
        `  @out += $0[@i].repeat(Number($0.slice(@i + 1, @j)));`,
        `  @i = @j;`,
        `}`,
        `return @out;`,
      ),
      bodyLines(
        `const @parts = $0.match(/[^0-9][0-9]+/g) || [];`,
        `return @parts.map((@word) => @word[0].repeat(parseInt(@word.slice(1), 10))).join('');`,
      ),
    ],
    inputs: (r) =>
      cases(r, [[''], ['a1'], ['a3b1'], ['x10'], ['a2a2'], ['-3+2']], 8, (r) => [
        Array.from({ length: r.int(1, 4) }, () => letters(r, 1, 'abcxyz') + r.int(1, 12)).join(''),
      ]),
  },
  {
    name: 'swap-case',
    category: 'string',
    names: ['swapCase', 'invertCase', 'toggleCase', 'flipCase'],
    params: [{ ...S, doc: 'the input text (ASCII)' }],
    returns: {
      type: 'string',
      doc: 'the text with lower-case letters upper-cased and upper-case ones lower-cased; other characters unchanged',
    },
    summary: 'Swaps the case of every letter in a text.',
    bodies: [
      `return $0.split('').map((@ch) => (@ch === @ch.toUpperCase() ? @ch.toLowerCase() : @ch.toUpperCase())).join('');`,
      bodyLines(
        `let @out = '';`,
        `for (let @i = 0; @i < $0.length; @i++) {`,
        `  const @num = $0.charCodeAt(@i);`,
        `  if (@num >= 97 && @num <= 122) @out += String.fromCharCode(@num - 32);`,
        `  else if (@num >= 65 && @num <= 90) @out += String.fromCharCode(@num + 32);`,
        `  else @out += $0[@i];`,
        `}`,
        `return @out;`,
      ),
      bodyLines(
        `let @out = '';`,
        `for (const @ch of $0) {`,
        `  @out += #isUpper(@ch) ? @ch.toLowerCase() : @ch.toUpperCase();`,
        `}`,
        `return @out;`,
      ),
    ],
    inputs: (r) =>
      cases(r, [[''], ['a'], ['Z'], ['Hello World'], ['abc-XYZ 123'], ['@[`{']], 8, (r) => [
        letters(r, r.int(1, 10), 'aBcDeFzZ -1'),
      ]),
  },
  {
    name: 'word-count',
    category: 'string',
    names: ['wordCount', 'numWords', 'countTerms', 'howManyWords'],
    params: [S],
    returns: { type: 'number', doc: 'how many non-empty words the text has, words being separated by spaces' },
    summary: 'Counts the words of a text.',
    bodies: [
      `return $0.split(' ').filter((@word) => @word.length > 0).length;`,
      bodyLines(
        `let @count = 0;`,
        `for (let @i = 0; @i < $0.length; @i++) {`,
        `  if ($0[@i] !== ' ' && (@i === 0 || $0[@i - 1] === ' ')) @count++;`,
        `}`,
        `return @count;`,
      ),
      bodyLines(
        `let @count = 0;`,
        `let @flag = false;`,
        `for (const @ch of $0) {`,
        `  if (@ch !== ' ' && !@flag) @count += 1;`,
        `  @flag = @ch !== ' ';`,
        `}`,
        `return @count;`,
      ),
    ],
    inputs: (r) =>
      cases(r, [[''], [' '], ['a'], ['one two'], ['  x  y  '], ['a b c d']], 8, (r) => [spaced(r, r.int(1, 6))]),
  },
  {
    name: 'has-prefix-ignore-case',
    category: 'string',
    names: ['startsWithIgnoreCase', 'hasPrefixCi', 'beginsWithCi', 'prefixMatches'],
    params: [
      { ...S, doc: 'the text to inspect (ASCII)' },
      { names: ['prefix', 'begin', 'opening', 'stem'], type: 'string', doc: 'the prefix to look for' },
    ],
    returns: {
      type: 'boolean',
      doc: 'true when the text starts with the prefix, ignoring letter case (always true for an empty prefix)',
    },
    summary: 'Tells whether a text starts with a prefix, ignoring case.',
    bodies: [
      `return $0.toLowerCase().startsWith($1.toLowerCase());`,
      bodyLines(
        `if ($1.length > $0.length) return false;`,
        `for (let @i = 0; @i < $1.length; @i++) {`,
        `  if ($0[@i].toLowerCase() !== $1[@i].toLowerCase()) return false;`,
        `}`,
        `return true;`,
      ),
      `return $0.slice(0, $1.length).toUpperCase() === $1.toUpperCase();`,
    ],
    inputs: (r) =>
      cases(
        r,
        [
          ['', ''],
          ['abc', ''],
          ['', 'a'],
          ['Hello', 'he'],
          ['Hello', 'HELLO'],
          ['Hi', 'hit'],
          ['abc', 'abd'],
        ],
        8,
        (r) => {
          const w = word(r);
          const p = r.chance(0.6) ? w.slice(0, r.int(0, w.length + 1)) : letters(r, r.int(1, 3), 'aeiort');
          return [mixedCase(r, w), mixedCase(r, p)];
        },
      ),
  },
  {
    name: 'center-text',
    category: 'formatting',
    names: ['centerText', 'padCenter', 'centerAlign', 'centred'],
    params: [S, { names: ['width', 'cols', 'size', 'span'], type: 'number', doc: 'the width of the field' }],
    returns: {
      type: 'string',
      doc:
        'the text padded with spaces on both sides to the width, the extra space going on the right when the ' +
        'padding is odd; a text at least as long as the width is returned unchanged',
    },
    summary: 'Centres a text in a field of the given width, padding with spaces.',
    bodies: [
      bodyLines(
        `if ($0.length >= $1) return $0;`,
        `const @lo = Math.floor(($1 - $0.length) / 2);`,
        `return ' '.repeat(@lo) + $0 + ' '.repeat($1 - $0.length - @lo);`,
      ),
      bodyLines(
        `let @out = $0;`,
        `while (@out.length < $1) {`,
        `  @out = @out.length % 2 === $0.length % 2 ? @out + ' ' : ' ' + @out;`,
        `}`,
        `return @out;`,
      ),
      `return $0.padStart(Math.floor(($0.length + $1) / 2)).padEnd($1);`,
    ],
    inputs: (r) =>
      cases(
        r,
        [
          ['', 0],
          ['', 3],
          ['abc', 3],
          ['abc', 2],
          ['ab', 5],
          ['abc', 6],
          ['x', 4],
        ],
        8,
        (r) => [word(r), r.int(0, 14)],
      ),
  },
  {
    name: 'first-unique-char',
    category: 'string',
    names: ['firstUniqueChar', 'firstNonRepeating', 'loneCharIndex', 'firstSingleton'],
    params: [S],
    returns: {
      type: 'number',
      doc: 'the index of the first character that occurs exactly once (case-sensitive), or -1 when there is none',
    },
    summary: 'Finds the position of the first character that occurs only once in a text.',
    bodies: [
      bodyLines(
        `for (let @i = 0; @i < $0.length; @i++) {`,
        `  if ($0.indexOf($0[@i]) === $0.lastIndexOf($0[@i])) return @i;`,
        `}`,
        `return -1;`,
      ),
      bodyLines(
        `const @map = {};`,
        `for (const @ch of $0) @map[@ch] = (@map[@ch] || 0) + 1;`,
        `for (let @i = 0; @i < $0.length; @i++) {`,
        `  if (@map[$0[@i]] === 1) return @i;`,
        `}`,
        `return -1;`,
      ),
      `return $0.split('').findIndex((@ch) => $0.split(@ch).length === 2);`,
    ],
    inputs: (r) =>
      cases(r, [[''], ['a'], ['aa'], ['aab'], ['abcabc'], ['abacabad'], ['aA']], 8, (r) => [
        letters(r, r.int(1, 8), 'abcd'),
      ]),
  },
  {
    name: 'is-anagram',
    category: 'string',
    names: ['isAnagram', 'areAnagrams', 'sameLetters', 'anagramOf'],
    params: [A('a word'), B('another word')],
    returns: {
      type: 'boolean',
      doc: 'true when both words contain the same letters the same number of times, ignoring case',
    },
    summary: 'Tells whether two words are anagrams of each other, ignoring case.',
    bodies: [
      `return $0.toLowerCase().split('').sort().join('') === $1.toLowerCase().split('').sort().join('');`,
      bodyLines(
        `if ($0.length !== $1.length) return false;`,
        `const @map = {};`,
        `for (const @ch of $0.toLowerCase()) @map[@ch] = (@map[@ch] || 0) + 1;`,
        `for (const @ch of $1.toLowerCase()) {`,
        `  if (!@map[@ch]) return false;`,
        `  @map[@ch]--;`,
        `}`,
        `return true;`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          ['', ''],
          ['a', 'A'],
          ['listen', 'silent'],
          ['abc', 'abd'],
          ['ab', 'abb'],
          ['Dusty', 'study'],
          ['aab', 'abb'],
        ],
        8,
        (r) => {
          const w = letters(r, r.int(1, 6), 'abcde');
          const other = r.shuffle(w.split('')).join('');
          return [w, mixedCase(r, r.chance(0.6) ? other : other.slice(1) + letters(r, 1, 'abcde'))];
        },
      ),
  },
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
