// Train-only families (see ./index.ts): strings, second wave.
import type { Family } from '../../family.ts';
import type { Rng } from '../../../rng.ts';
import { bodyLines, capitalized, cases, letters, sentence, word, words } from '../../gen.ts';

const S = { names: ['text', 's', 'str', 'input'], type: 'string', doc: 'the input text' };

/** Words separated by runs of 1-3 spaces, with optional leading and trailing spaces. */
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

export const EXTENDED_STRING_2_FAMILIES: Family[] = [
  {
    name: 'count-uppercase',
    category: 'string',
    names: ['countUppercase', 'upperCount', 'numCapitals', 'tallyCapitals'],
    params: [{ ...S, doc: 'the input text (ASCII)' }],
    returns: { type: 'number', doc: 'how many characters of the text are upper-case ASCII letters A-Z' },
    summary: 'Counts the upper-case letters in a text.',
    bodies: [
      `return ($0.match(/[A-Z]/g) || []).length;`,
      bodyLines(`let @count = 0;`, `for (const @ch of $0) {`, `  if (#isUpper(@ch)) @count++;`, `}`, `return @count;`),
      bodyLines(
        `return $0.split('').reduce((@acc, @ch) => {`,
        `  const @num = @ch.charCodeAt(0);`,
        `  return @num >= 65 && @num <= 90 ? @acc + 1 : @acc;`,
        `}, 0);`,
      ),
    ],
    inputs: (r) =>
      cases(r, [[''], ['abc'], ['ABC'], ['Hello World'], ['@[Z`a'], ['x1Y2z3']], 8, (r) => [
        r.chance(0.5) ? mixedCase(r, sentence(r, r.int(1, 3))) : letters(r, r.int(1, 10), 'aBcDZz -1@['),
      ]),
  },
  {
    name: 'nth-index-of',
    category: 'string',
    names: ['nthIndexOf', 'indexOfNth', 'findNthChar', 'nthPosition'],
    params: [
      { ...S, doc: 'the text to search' },
      {
        names: ['target', 'needle', 'mark', 'sought'],
        type: 'string',
        doc: 'the character to look for (one character)',
      },
      {
        names: ['n', 'nth', 'which', 'occurrence'],
        type: 'number',
        doc: 'which occurrence to find, counting from 1',
      },
    ],
    returns: {
      type: 'number',
      doc:
        'the zero-based index of the n-th occurrence of the character in the text, or -1 when the text has ' +
        'fewer than n occurrences or n is less than 1',
    },
    summary: 'Finds the position of the n-th occurrence of a character in a text.',
    bodies: [
      bodyLines(
        `let @count = 0;`,
        `for (let @i = 0; @i < $0.length; @i++) {`,
        `  if ($0[@i] === $1 && ++@count === $2) return @i;`,
        `}`,
        `return -1;`,
      ),
      bodyLines(
        `if ($2 < 1) return -1;`,
        `let @i = -1;`,
        `for (let @j = 0; @j < $2; @j++) {`,
        `  @i = $0.indexOf($1, @i + 1);`,
        `  if (@i === -1) return -1;`,
        `}`,
        `return @i;`,
      ),
      bodyLines(
        `const @parts = $0.split($1);`,
        `if ($2 < 1 || $2 >= @parts.length) return -1;`,
        `return @parts.slice(0, $2).join($1).length;`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          ['', 'a', 1],
          ['banana', 'a', 1],
          ['banana', 'a', 3],
          ['banana', 'a', 4],
          ['banana', 'a', 0],
          ['aaa', 'a', 2],
          ['x', 'y', 1],
          ['a b a', ' ', 2],
        ],
        8,
        (r) => [letters(r, r.int(0, 12), 'abcab '), r.pick(['a', 'b', 'c', ' ']), r.int(0, 4)],
      ),
  },
  {
    name: 'words-starting-with',
    category: 'string',
    names: ['wordsStartingWith', 'wordsBeginningWith', 'filterByInitial', 'wordsWithInitial'],
    params: [
      { ...S, doc: 'the input text, words being separated by runs of spaces' },
      { names: ['letter', 'initial', 'firstChar', 'opener'], type: 'string', doc: 'one letter' },
    ],
    returns: {
      type: 'string[]',
      doc: 'the words of the text whose first character is that letter, ignoring case, in their original order',
    },
    summary: 'Lists the words of a text that start with a given letter.',
    bodies: [
      `return $0.split(' ').filter((@word) => @word !== '' && @word[0].toLowerCase() === $1.toLowerCase());`,
      bodyLines(
        `const @out = [];`,
        `for (const @word of $0.split(' ')) {`,
        `  if (@word.length > 0 && @word[0].toUpperCase() === $1.toUpperCase()) @out.push(@word);`,
        `}`,
        `return @out;`,
      ),
      bodyLines(
        `const @ch = $1.toLowerCase();`,
        `return ($0.match(/[^ ]+/g) || []).filter((@word) => @word.charAt(0).toLowerCase() === @ch);`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          ['', 'a'],
          ['   ', 'a'],
          ['apple Amber birch', 'a'],
          ['apple Amber birch', 'B'],
          ['x y z', 'q'],
          [' Moss  maple ', 'm'],
        ],
        8,
        (r) => [
          words(r, r.int(1, 6))
            .map((w) => (r.chance(0.3) ? capitalized(w) : w))
            .join(r.pick([' ', '  '])),
          r.pick(['a', 'm', 'c', 'A', 'M', 'o']),
        ],
      ),
  },
  {
    name: 'dedupe-words',
    category: 'string',
    names: ['removeDuplicateWords', 'uniqueWords', 'dedupeWords', 'dropRepeatedWords'],
    params: [{ ...S, doc: 'the input text, words being separated by runs of spaces' }],
    returns: {
      type: 'string',
      doc:
        'the words of the text joined by single spaces, keeping only the first occurrence (in its original ' +
        'spelling) of words that are equal ignoring case',
    },
    summary: 'Removes repeated words from a text, ignoring case and keeping first occurrences.',
    bodies: [
      bodyLines(
        `const @map = new Set();`,
        `const @out = [];`,
        `for (const @word of $0.split(' ')) {`,
        `  const @key = @word.toLowerCase();`,
        `  if (@word !== '' && !@map.has(@key)) @out.push(@word);`,
        `  @map.add(@key);`,
        `}`,
        `return @out.join(' ');`,
      ),
      bodyLines(
        `const @parts = $0.split(' ').filter((@word) => @word !== '');`,
        `const @flag = (@x, @i) => @parts.findIndex((@y) => @y.toLowerCase() === @x.toLowerCase()) === @i;`,
        `return @parts.filter(@flag).join(' ');`,
      ),
      bodyLines(
        `const @acc = [];`,
        `for (const @word of $0.split(' ')) {`,
        `  if (@word === '' || @acc.some((@y) => @y.toLowerCase() === @word.toLowerCase())) continue;`,
        `  @acc.push(@word);`,
        `}`,
        `return @acc.join(' ');`,
      ),
    ],
    inputs: (r) =>
      cases(r, [[''], ['  '], ['a'], ['a a'], ['Moss moss MOSS'], ['  x y  x z y '], ['b a B A c']], 8, (r) => [
        Array.from({ length: r.int(1, 7) }, () => {
          const w = r.pick(['moss', 'jade', 'kite', 'nova', 'a']);
          return r.chance(0.3) ? capitalized(w) : w;
        }).join(r.pick([' ', '  '])),
      ]),
  },
  {
    name: 'count-substring',
    category: 'string',
    names: ['countSubstring', 'occurrencesOf', 'substringCount', 'timesFound'],
    params: [
      { ...S, doc: 'the text to search' },
      { names: ['needle', 'sub', 'pattern', 'part'], type: 'string', doc: 'the substring to count' },
    ],
    returns: {
      type: 'number',
      doc:
        'how many non-overlapping occurrences of the substring the text has, scanning from the left ' +
        '(0 for an empty substring)',
    },
    summary: 'Counts the non-overlapping occurrences of a substring in a text.',
    bodies: [
      bodyLines(`if ($1 === '') return 0;`, `return $0.split($1).length - 1;`),
      bodyLines(
        `if ($1.length === 0) return 0;`,
        `let @count = 0;`,
        `let @i = $0.indexOf($1);`,
        `while (@i !== -1) {`,
        `  @count++;`,
        `  @i = $0.indexOf($1, @i + $1.length);`,
        `}`,
        `return @count;`,
      ),
      bodyLines(
        `let @count = 0;`,
        `let @i = 0;`,
        `while ($1.length > 0 && @i + $1.length <= $0.length) {`,
        `  const @flag = $0.startsWith($1, @i);`,
        `  @count += @flag ? 1 : 0;`,
        `  @i += @flag ? $1.length : 1;`,
        `}`,
        `return @count;`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          ['', ''],
          ['abc', ''],
          ['', 'a'],
          ['aaaa', 'aa'],
          ['aaa', 'aa'],
          ['abab', 'ab'],
          ['abc', 'abcd'],
          ['abc', 'abc'],
        ],
        8,
        (r) => [letters(r, r.int(0, 12), 'aab'), letters(r, r.int(1, 3), 'ab')],
      ),
  },
  {
    name: 'insert-separators',
    category: 'formatting',
    names: ['insertEvery', 'groupChars', 'separateEvery', 'spacedGroups'],
    params: [
      { ...S, doc: 'the text to split up (a single line)' },
      { names: ['n', 'every', 'groupSize', 'step'], type: 'number', doc: 'the group size, a positive integer' },
      { names: ['sep', 'separator', 'joiner', 'glue'], type: 'string', doc: 'the separator to insert' },
    ],
    returns: {
      type: 'string',
      doc:
        'the text cut into groups of n characters from the start (the last group may be shorter), joined ' +
        'with the separator; an empty text gives an empty string',
    },
    summary: 'Inserts a separator after every n characters of a text.',
    bodies: [
      bodyLines(
        `const @parts = [];`,
        `for (let @i = 0; @i < $0.length; @i += $1) @parts.push($0.slice(@i, @i + $1));`,
        `return @parts.join($2);`,
      ),
      bodyLines(
        `let @out = '';`,
        `for (let @i = 0; @i < $0.length; @i++) {`,
        `  if (@i > 0 && @i % $1 === 0) @out += $2;`,
        `  @out += $0[@i];`,
        `}`,
        `return @out;`,
      ),
      `return ($0.match(new RegExp('.{1,' + $1 + '}', 'g')) || []).join($2);`,
    ],
    inputs: (r) =>
      cases(
        r,
        [
          ['', 3, '-'],
          ['abc', 1, ' '],
          ['abcdef', 3, '-'],
          ['abcdefg', 3, '-'],
          ['ab', 4, ':'],
          ['12345678', 4, ' '],
          ['abcd', 2, ''],
        ],
        8,
        (r) => [letters(r, r.int(0, 12), '0123456789ab'), r.int(1, 5), r.pick(['-', ' ', ':', '', '--'])],
      ),
  },
  {
    name: 'trim-char',
    category: 'string',
    names: ['trimChar', 'stripChar', 'trimEnds', 'stripAround'],
    params: [
      { ...S, doc: 'the text to trim' },
      { names: ['fill', 'padChar', 'junk', 'strip'], type: 'string', doc: 'the character to remove (one character)' },
    ],
    returns: {
      type: 'string',
      doc:
        'the text without any leading or trailing occurrences of the character; occurrences inside the ' +
        'text are kept',
    },
    summary: 'Removes a given character from both ends of a text.',
    bodies: [
      bodyLines(
        `let @lo = 0;`,
        `let @hi = $0.length;`,
        `while (@lo < @hi && $0[@lo] === $1) @lo++;`,
        `while (@hi > @lo && $0[@hi - 1] === $1) @hi--;`,
        `return $0.slice(@lo, @hi);`,
      ),
      bodyLines(
        `let @out = $0;`,
        `while (@out.startsWith($1)) @out = @out.slice(1);`,
        `while (@out.endsWith($1)) @out = @out.slice(0, -1);`,
        `return @out;`,
      ),
      bodyLines(
        `const @parts = $0.split('');`,
        `while (@parts.length > 0 && @parts[0] === $1) @parts.shift();`,
        `while (@parts.length > 0 && @parts[@parts.length - 1] === $1) @parts.pop();`,
        `return @parts.join('');`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          ['', '-'],
          ['----', '-'],
          ['--a-b--', '-'],
          ['abc', 'x'],
          ['xabcx', 'x'],
          ['/path/', '/'],
          ['a', 'a'],
        ],
        8,
        (r) => {
          const c = r.pick(['-', '/', '0', ' ', 'a']);
          return [c.repeat(r.int(0, 3)) + letters(r, r.int(0, 5), 'ab-/0 ') + c.repeat(r.int(0, 3)), c];
        },
      ),
  },
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
