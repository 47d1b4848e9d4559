// Train-only families (see ./index.ts): strings, part d.
import type { Family } from '../../family.ts';
import { bodyLines, cases, letters, sentence, word } from '../../gen.ts';
import { spaced, mixedCase } from './specs.ts';

const S = { names: ['text', 's', 'str', 'input'], type: 'string', doc: 'the input text' };

export const EXTENDED_STRINGS_D_FAMILIES: Family[] = [
  {
    name: 'compare-ignore-case',
    category: 'string',
    names: ['compareIgnoreCase', 'caseInsensitiveCompare', 'compareCi', 'orderIgnoringCase'],
    params: [
      { names: ['a', 'first', 's1', 'left'], type: 'string', doc: 'a text (ASCII letters, digits and spaces)' },
      { names: ['b', 'second', 's2', 'right'], type: 'string', doc: 'another text (ASCII letters, digits and spaces)' },
    ],
    returns: {
      type: 'number',
      doc:
        '-1 when the first text sorts before the second, 1 when after and 0 when they are equal, comparing ' +
        'the lower-cased texts character code by character code (a proper prefix sorts first)',
    },
    summary: 'Compares two texts alphabetically, ignoring case.',
    bodies: [
      bodyLines(
        `const @x = $0.toLowerCase();`,
        `const @y = $1.toLowerCase();`,
        `if (@x < @y) return -1;`,
        `return @x > @y ? 1 : 0;`,
      ),
      bodyLines(
        `const @len = Math.min($0.length, $1.length);`,
        `for (let @i = 0; @i < @len; @i++) {`,
        `  const @x = $0[@i].toLowerCase();`,
        `  const @y = $1[@i].toLowerCase();`,
        `  if (@x !== @y) return @x < @y ? -1 : 1;`,
        `}`,
        `return Math.sign($0.length - $1.length);`,
      ),
      `return Number($0.toLowerCase() > $1.toLowerCase()) - Number($0.toLowerCase() < $1.toLowerCase());`,
    ],
    inputs: (r) =>
      cases(
        r,
        [
          ['', ''],
          ['', 'a'],
          ['a', ''],
          ['abc', 'ABC'],
          ['Apple', 'banana'],
          ['b', 'A'],
          ['abc', 'ab'],
          ['a1', 'a 1'],
        ],
        8,
        (r) => {
          const w = word(r);
          const other = r.chance(0.4) ? w.slice(0, r.int(0, w.length)) + letters(r, r.int(0, 2), 'aez1 ') : word(r);
          return [mixedCase(r, w), mixedCase(r, other)];
        },
      ),
  },
  {
    name: 'anagram-deletions',
    category: 'string',
    names: ['anagramDeletions', 'lettersToRemove', 'deletionsToAnagram', 'anagramDistance'],
    params: [
      { names: ['a', 'first', 's1', 'left'], type: 'string', doc: 'a text' },
      { names: ['b', 'second', 's2', 'right'], type: 'string', doc: 'another text' },
    ],
    returns: {
      type: 'number',
      doc:
        'the smallest total number of characters to delete from the two texts so that what remains of them ' +
        'are anagrams of each other (characters compared exactly, case-sensitive)',
    },
    summary: 'Counts the characters to delete from two texts to make them anagrams.',
    bodies: [
      bodyLines(
        `const @map = {};`,
        `for (const @ch of $0) @map[@ch] = (@map[@ch] || 0) + 1;`,
        `for (const @ch of $1) @map[@ch] = (@map[@ch] || 0) - 1;`,
        `return Object.values(@map).reduce((@acc, @x) => @acc + Math.abs(@x), 0);`,
      ),
      bodyLines(
        `const @rest = $1.split('');`,
        `let @count = 0;`,
        `for (const @ch of $0) {`,
        `  const @i = @rest.indexOf(@ch);`,
        `  if (@i === -1) @count++;`,
        `  else @rest.splice(@i, 1);`,
        `}`,
        `return @count + @rest.length;`,
      ),
      bodyLines(
        `const @count = (@x, @ch) => @x.split(@ch).length - 1;`,
        `return [...new Set($0 + $1)].reduce((@acc, @ch) => @acc + Math.abs(@count($0, @ch) - @count($1, @ch)), 0);`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          ['', ''],
          ['abc', ''],
          ['', 'xy'],
          ['listen', 'silent'],
          ['abc', 'cde'],
          ['aab', 'ab'],
          ['Aa', 'aa'],
        ],
        8,
        (r) => [letters(r, r.int(0, 8), 'abcde'), letters(r, r.int(0, 8), 'abcdeA')],
      ),
  },
  {
    name: 'char-class-counts',
    category: 'string',
    names: ['charClassCounts', 'classifyChars', 'charStats', 'countCharKinds'],
    params: [{ ...S, doc: 'the input text (ASCII)' }],
    returns: {
      type: '{ letters: number, digits: number, spaces: number, other: number }',
      doc:
        'how many characters of the text are ASCII letters, decimal digits, spaces (the space character only) ' +
        'and anything else, in that key order',
    },
    summary: 'Counts the letters, digits, spaces and other characters of a text.',
    bodies: [
      bodyLines(
        `const @out = { letters: 0, digits: 0, spaces: 0, other: 0 };`,
        `for (const @ch of $0) {`,
        `  if (/[a-z]/i.test(@ch)) @out.letters++;`,
        `  else if (#isDigit(@ch)) @out.digits++;`,
        `  else if (@ch === ' ') @out.spaces++;`,
        `  else @out.other++;`,
        `}`,
        `return @out;`,
      ),
      bodyLines(
        `const @count = (@x) => ($0.match(@x) || []).length;`,
        `const @acc = { letters: @count(/[A-Za-z]/g), digits: @count(/[0-9]/g), spaces: @count(/ /g), other: 0 };`,
        `@acc.other = $0.length - @acc.letters - @acc.digits - @acc.spaces;`,
        `return @acc;`,
      ),
      bodyLines(
        `return $0.split('').reduce((@acc, @ch) => {`,
        `  const @num = @ch.charCodeAt(0);`,
        `  const @flag = (@num >= 65 && @num <= 90) || (@num >= 97 && @num <= 122);`,
        `  const @key = @flag ? 'letters' : @num >= 48 && @num <= 57 ? 'digits' : @num === 32 ? 'spaces' : 'other';`,
        `  return { ...@acc, [@key]: @acc[@key] + 1 };`,
        `}, { letters: 0, digits: 0, spaces: 0, other: 0 });`,
      ),
    ],
    inputs: (r) =>
      cases(r, [[''], ['   '], ['abc'], ['123'], ['a1 !'], ['@[`{/:'], ['Hello World 42!']], 8, (r) => [
        letters(r, r.int(1, 12), 'aZ09 _-!xQ:'),
      ]),
  },
  {
    name: 'is-subsequence',
    category: 'string',
    names: ['isSubsequence', 'inOrderWithin', 'subsequenceOf', 'appearsInOrder'],
    params: [
      { names: ['pattern', 'needle', 'sub', 'query'], type: 'string', doc: 'the characters to look for, in order' },
      { names: ['text', 'haystack', 'source', 'str'], type: 'string', doc: 'the text to search' },
    ],
    returns: {
      type: 'boolean',
      doc:
        'true when all characters of the pattern occur in the text in the same order, not necessarily next ' +
        'to each other (always true for an empty pattern)',
    },
    summary: 'Tells whether the characters of one text appear in order within another.',
    bodies: [
      bodyLines(
        `let @i = 0;`,
        `for (const @ch of $1) {`,
        `  if (@i < $0.length && @ch === $0[@i]) @i++;`,
        `}`,
        `return @i === $0.length;`,
      ),
      bodyLines(
        `let @j = -1;`,
        `for (const @ch of $0) {`,
        `  @j = $1.indexOf(@ch, @j + 1);`,
        `  if (@j === -1) return false;`,
        `}`,
        `return true;`,
      ),
      bodyLines(
        `let @i = 0;`,
        `let @j = 0;`,
        `while (@i < $0.length && @j < $1.length) {`,
        `  if ($0[@i] === $1[@j]) @i += 1;`,
        `  @j += 1;`,
        `}`,
        `return @i >= $0.length;`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          ['', ''],
          ['', 'abc'],
          ['a', ''],
          ['ace', 'abcde'],
          ['aec', 'abcde'],
          ['aa', 'a'],
          ['aa', 'bab'],
          ['abc', 'abc'],
        ],
        8,
        (r) => [letters(r, r.int(0, 4), 'abc'), letters(r, r.int(0, 9), 'abcd')],
      ),
  },
  {
    name: 'last-word-length',
    category: 'string',
    names: ['lastWordLength', 'finalWordLength', 'lengthOfLastWord', 'trailingWordSize'],
    params: [{ ...S, doc: 'the input text, words being separated by runs of spaces' }],
    returns: {
      type: 'number',
      doc: 'the number of characters in the last word of the text (trailing spaces ignored), or 0 when it has none',
    },
    summary: 'Measures the length of the last word of a text.',
    bodies: [
      bodyLines(
        `const @parts = $0.split(' ').filter((@word) => @word !== '');`,
        `return @parts.length > 0 ? @parts[@parts.length - 1].length : 0;`,
      ),
      bodyLines(
        `let @i = $0.length - 1;`,
        `while (@i >= 0 && $0[@i] === ' ') @i--;`,
        `let @j = @i;`,
        `while (@j >= 0 && $0[@j] !== ' ') @j--;`,
        `return @i - @j;`,
      ),
      bodyLines(`const @x = $0.match(/([^ ]+) *$/);`, `return @x ? @x[1].length : 0;`),
    ],
    inputs: (r) =>
      cases(r, [[''], ['   '], ['a'], ['hello world  '], ['  fly'], ['a bc def']], 8, (r) => [spaced(r, r.int(1, 4))]),
  },
  {
    name: 'atbash',
    category: 'string',
    names: ['atbash', 'mirrorAlphabet', 'atbashCipher', 'reverseAlphabet'],
    params: [{ ...S, doc: 'the text to encode (ASCII)' }],
    returns: {
      type: 'string',
      doc:
        'the text with every letter replaced by its mirror in the alphabet (a and z swap, b and y, and so on), ' +
        'keeping its case; all other characters unchanged',
    },
    summary: 'Encodes a text with the Atbash cipher, which mirrors the alphabet.',
    bodies: [
      bodyLines(
        `let @out = '';`,
        `for (const @ch of $0) {`,
        `  const @num = @ch.charCodeAt(0);`,
        `  if (@num >= 97 && @num <= 122) @out += String.fromCharCode(219 - @num);`,
        `  else if (@num >= 65 && @num <= 90) @out += String.fromCharCode(155 - @num);`,
        `  else @out += @ch;`,
        `}`,
        `return @out;`,
      ),
      bodyLines(
        `return $0.replace(/[a-zA-Z]/g, (@ch) => {`,
        `  const @num = @ch <= 'Z' ? 'A'.charCodeAt(0) + 90 : 'a'.charCodeAt(0) + 122;`,
        `  return String.fromCharCode(@num - @ch.charCodeAt(0));`,
        `});`,
      ),
      bodyLines(
        `const @key = 'abcdefghijklmnopqrstuvwxyz';`,
        `return $0.split('').map((@ch) => {`,
        `  const @i = @key.indexOf(@ch.toLowerCase());`,
        `  if (@i === -1) return @ch;`,
        `  return @ch === @key[@i] ? @key[25 - @i] : @key[25 - @i].toUpperCase();`,
        `}).join('');`,
      ),
    ],
    inputs: (r) =>
      cases(r, [[''], ['a'], ['z'], ['abc xyz'], ['Hello, World!'], ['@[`{ AZ az 09']], 8, (r) => [
        mixedCase(r, sentence(r, r.int(1, 3))) + r.pick(['', '!', ' 42', '.']),
      ]),
  },
  {
    name: 'swap-adjacent-chars',
    category: 'string',
    names: ['swapPairs', 'swapAdjacent', 'pairSwap', 'flipPairs'],
    params: [{ ...S, doc: 'the input text (a single line)' }],
    returns: {
      type: 'string',
      doc:
        'the text with the characters at positions 0 and 1 swapped, then 2 and 3, and so on ("abcde" becomes ' +
        '"badce"); a last unpaired character stays in place',
    },
    summary: 'Swaps every pair of neighbouring characters of a text.',
    bodies: [
      bodyLines(
        `let @out = '';`,
        `for (let @i = 0; @i < $0.length; @i += 2) {`,
        `  @out += @i + 1 < $0.length ? $0[@i + 1] + $0[@i] : $0[@i];`,
        `}`,
        `return @out;`,
      ),
      `return $0.replace(/(.)(.)/g, (@x, @ch, @y) => @y + @ch);`,
      bodyLines(
        `const @parts = $0.split('');`,
        `for (let @i = 1; @i < @parts.length; @i += 2) {`,
        `  const @tmp = @parts[@i];`,
        `  @parts[@i] = @parts[@i - 1];`,
        `  @parts[@i - 1] = @tmp;`,
        `}`,
        `return @parts.join('');`,
      ),
    ],
    inputs: (r) =>
      cases(r, [[''], ['a'], ['ab'], ['abc'], ['abcdef'], ['a b c!']], 8, (r) => [
        r.chance(0.5) ? word(r) : letters(r, r.int(1, 11), 'abcxyz 1'),
      ]),
  },
];
