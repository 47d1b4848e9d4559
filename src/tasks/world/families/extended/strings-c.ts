// Train-only families (see ./index.ts): strings, part c.
import type { Family } from '../../family.ts';
import { bodyLines, capitalized, cases, letters, sentence, words } from '../../gen.ts';
import { mixedCase } from './specs.ts';

const S = { names: ['text', 's', 'str', 'input'], type: 'string', doc: 'the input text' };

export const EXTENDED_STRINGS_C_FAMILIES: Family[] = [
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
];
