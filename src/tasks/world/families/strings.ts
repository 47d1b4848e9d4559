// String families.
import type { Family } from '../family.ts';
import { cases, letters, sentence, words, capitalized } from '../gen.ts';

const S = { names: ['text', 's', 'str', 'input', 'raw'], type: 'string', doc: 'the input text' };

export const STRING_FAMILIES: Family[] = [
  {
    name: 'count-vowels',
    category: 'string',
    names: ['countVowels', 'vowelCount', 'numVowels', 'tallyVowels'],
    params: [S],
    returns: { type: 'number', doc: 'how many vowels (a, e, i, o, u, either case) the text has' },
    summary: 'Counts the vowels in a text.',
    bodies: [
      `let @count = 0;\nfor (const @ch of $0.toLowerCase()) {\n  if ('aeiou'.includes(@ch)) @count++;\n}\nreturn @count;`,
      `return $0.split('').filter((@ch) => 'aeiouAEIOU'.indexOf(@ch) !== -1).length;`,
      `let @count = 0;\nfor (let @i = 0; @i < $0.length; @i++) {\n  const @ch = $0[@i].toLowerCase();\n  if (@ch === 'a' || @ch === 'e' || @ch === 'i' || @ch === 'o' || @ch === 'u') {\n    @count += 1;\n  }\n}\nreturn @count;`,
      `return $0.split('').filter((@ch) => #isVowel(@ch)).length;`,
    ],
    inputs: (r) => cases(r, [[''], ['xyz'], ['AEIOU'], ['Banana']], 8, (r) => [sentence(r, r.int(1, 3))]),
  },
  {
    name: 'is-palindrome',
    category: 'string',
    names: ['isPalindrome', 'readsSameBackwards', 'palindromic', 'checkPalindrome'],
    params: [S],
    returns: { type: 'boolean', doc: 'true when the letters read the same both ways, ignoring case and spaces' },
    summary: 'Tells whether a text is a palindrome, ignoring case and spaces.',
    bodies: [
      `const @out = $0.toLowerCase().split(' ').join('');\nlet @lo = 0;\nlet @hi = @out.length - 1;\nwhile (@lo < @hi) {\n  if (@out[@lo] !== @out[@hi]) return false;\n  @lo++;\n  @hi--;\n}\nreturn true;`,
      `const @out = $0.toLowerCase().replace(/ /g, '');\nreturn @out === @out.split('').reverse().join('');`,
    ],
    inputs: (r) =>
      cases(r, [[''], ['a'], ['Never odd or even'], ['abca'], ['Abba'], ['ab']], 6, (r) => {
        const w = letters(r, r.int(1, 4), 'abc');
        return [r.chance(0.5) ? w + w.split('').reverse().join('') : w + letters(r, 2, 'abc')];
      }),
  },
  {
    name: 'title-case',
    category: 'string',
    names: ['titleCase', 'toTitle', 'capitalizeWords', 'headline'],
    params: [S],
    returns: {
      type: 'string',
      doc: 'the text with the first letter of every word upper-cased and the rest lower-cased',
    },
    summary: 'Converts a text to title case.',
    bodies: [
      `return $0.split(' ').map((@word) => @word.charAt(0).toUpperCase() + @word.slice(1).toLowerCase()).join(' ');`,
      `const @parts = $0.split(' ');\nconst @out = [];\nfor (const @word of @parts) {\n  if (@word.length === 0) {\n    @out.push(@word);\n    continue;\n  }\n  @out.push(@word[0].toUpperCase() + @word.substring(1).toLowerCase());\n}\nreturn @out.join(' ');`,
    ],
    inputs: (r) => cases(r, [[''], ['hello'], ['hELLO wORLD'], ['a  b']], 7, (r) => [sentence(r, r.int(1, 4))]),
  },
  {
    name: 'truncate',
    category: 'string',
    names: ['truncate', 'ellipsize', 'shorten', 'clip'],
    params: [
      S,
      {
        names: ['max', 'limit', 'maxLen', 'width'],
        type: 'number',
        doc: 'the maximum length of the result, at least 3',
      },
    ],
    returns: {
      type: 'string',
      doc: 'the text, or its start followed by "..." so that the result is at most max characters',
    },
    summary: 'Shortens a text to a maximum length, ending with an ellipsis when it was cut.',
    bodies: [
      `if ($0.length <= $1) return $0;\nreturn $0.slice(0, $1 - 3) + '...';`,
      `if ($0.length > $1) {\n  return $0.substring(0, $1 - 3) + '...';\n}\nreturn $0;`,
    ],
    inputs: (r) =>
      cases(
        r,
        [
          ['', 5],
          ['abc', 3],
          ['abcd', 3],
          ['hello world', 8],
          ['hello', 5],
          ['hello', 6],
        ],
        6,
        (r) => [sentence(r, r.int(1, 4)), r.int(3, 14)],
      ),
  },
  {
    name: 'snake-to-camel',
    category: 'string',
    names: ['snakeToCamel', 'camelize', 'toCamelCase', 'fromSnake'],
    params: [{ ...S, doc: 'a snake_case identifier' }],
    returns: { type: 'string', doc: 'the identifier in camelCase' },
    summary: 'Converts a snake_case identifier to camelCase.',
    bodies: [
      `const @parts = $0.split('_');\nlet @out = @parts[0];\nfor (let @i = 1; @i < @parts.length; @i++) {\n  const @word = @parts[@i];\n  @out += @word.charAt(0).toUpperCase() + @word.slice(1);\n}\nreturn @out;`,
      `return $0.split('_').map((@word, @i) => (@i === 0 ? @word : @word.charAt(0).toUpperCase() + @word.slice(1))).join('');`,
    ],
    inputs: (r) =>
      cases(r, [['abc'], ['a_b'], ['user_id'], ['_x'], ['long_snake_name']], 7, (r) => [
        words(r, r.int(1, 4)).join('_'),
      ]),
  },
  {
    name: 'camel-to-kebab',
    category: 'string',
    names: ['camelToKebab', 'kebabize', 'toKebabCase', 'dasherize'],
    params: [{ ...S, doc: 'a camelCase identifier' }],
    returns: { type: 'string', doc: 'the identifier in kebab-case' },
    summary: 'Converts a camelCase identifier to kebab-case.',
    bodies: [
      `let @out = '';\nfor (const @ch of $0) {\n  if (@ch >= 'A' && @ch <= 'Z') {\n    @out += '-' + @ch.toLowerCase();\n  } else {\n    @out += @ch;\n  }\n}\nreturn @out;`,
      `return $0.split('').map((@ch) => (@ch !== @ch.toLowerCase() ? '-' + @ch.toLowerCase() : @ch)).join('');`,
      `let @out = '';\nfor (const @ch of $0) {\n  @out += #isUpper(@ch) ? '-' + @ch.toLowerCase() : @ch;\n}\nreturn @out;`,
    ],
    inputs: (r) =>
      cases(r, [['abc'], ['aB'], ['userId'], ['XMLParser']], 7, (r) => {
        const ws = words(r, r.int(1, 4));
        return [ws[0] + ws.slice(1).map(capitalized).join('')];
      }),
  },
  {
    name: 'longest-word',
    category: 'string',
    names: ['longestWord', 'findLongestWord', 'widestWord', 'maxWord'],
    params: [S],
    returns: {
      type: 'string',
      doc: 'the longest space-separated word (the first one on ties), or "" for an empty text',
    },
    summary: 'Finds the longest word of a text.',
    bodies: [
      `let @best = '';\nfor (const @word of $0.split(' ')) {\n  if (@word.length > @best.length) @best = @word;\n}\nreturn @best;`,
      `return $0.split(' ').reduce((@best, @word) => (@word.length > @best.length ? @word : @best), '');`,
    ],
    inputs: (r) => cases(r, [[''], ['a bb cc'], ['same size'], ['x']], 8, (r) => [sentence(r, r.int(1, 5))]),
  },
  {
    name: 'initials',
    category: 'string',
    names: ['initials', 'monogram', 'getInitials', 'abbreviateName'],
    params: [{ ...S, doc: 'a full name, words separated by spaces' }],
    returns: { type: 'string', doc: 'the upper-case first letters of each non-empty word' },
    summary: 'Builds the initials of a name.',
    bodies: [
      `let @out = '';\nfor (const @word of $0.split(' ')) {\n  if (@word !== '') @out += @word[0].toUpperCase();\n}\nreturn @out;`,
      `return $0.split(' ').filter((@word) => @word.length > 0).map((@word) => @word[0].toUpperCase()).join('');`,
    ],
    inputs: (r) =>
      cases(r, [[''], ['ada lovelace'], ['  grace  hopper '], ['x']], 7, (r) => [sentence(r, r.int(1, 4))]),
  },
  {
    name: 'count-char',
    category: 'string',
    names: ['countChar', 'occurrences', 'countOf', 'charFrequency'],
    params: [S, { names: ['target', 'needle', 'ch', 'what'], type: 'string', doc: 'a single character to count' }],
    returns: { type: 'number', doc: 'how many times the character occurs' },
    summary: 'Counts the occurrences of one character in a text.',
    bodies: [
      `let @count = 0;\nfor (let @i = 0; @i < $0.length; @i++) {\n  if ($0[@i] === $1) @count++;\n}\nreturn @count;`,
      `return $0.split($1).length - 1;`,
      `let @count = 0;\nlet @i = $0.indexOf($1);\nwhile (@i !== -1) {\n  @count += 1;\n  @i = $0.indexOf($1, @i + 1);\n}\nreturn @count;`,
    ],
    inputs: (r) =>
      cases(
        r,
        [
          ['', 'a'],
          ['aaa', 'a'],
          ['banana', 'n'],
          ['abc', 'z'],
        ],
        7,
        (r) => [letters(r, r.int(1, 9), 'abcd'), r.pick(['a', 'b', 'c'])],
      ),
  },
  {
    name: 'reverse-words',
    category: 'string',
    names: ['reverseWords', 'flipWords', 'wordsBackwards', 'invertWordOrder'],
    params: [S],
    returns: { type: 'string', doc: 'the words of the text in reverse order, joined by single spaces' },
    summary: 'Reverses the order of the words in a text.',
    bodies: [
      `const @parts = $0.split(' ').filter((@word) => @word !== '');\nreturn @parts.reverse().join(' ');`,
      `const @parts = $0.split(' ');\nconst @out = [];\nfor (let @i = @parts.length - 1; @i >= 0; @i--) {\n  if (@parts[@i] !== '') @out.push(@parts[@i]);\n}\nreturn @out.join(' ');`,
    ],
    inputs: (r) => cases(r, [[''], ['one'], ['a b c'], [' x  y ']], 7, (r) => [sentence(r, r.int(1, 5))]),
  },
  {
    name: 'compress-runs',
    category: 'string',
    names: ['compressRuns', 'runLengthEncode', 'rle', 'squeezeRuns'],
    params: [S],
    returns: {
      type: 'string',
      doc: 'each run of a repeated character written as the character followed by the run length',
    },
    summary: 'Run-length encodes a text: "aaab" becomes "a3b1".',
    bodies: [
      `let @out = '';\nlet @i = 0;\nwhile (@i < $0.length) {\n  let @j = @i;\n  while (@j < $0.length && $0[@j] === $0[@i]) @j++;\n  @out += $0[@i] + (@j - @i);\n  @i = @j;\n}\nreturn @out;`,
      `let @out = '';\nlet @count = 0;\nfor (let @i = 0; @i < $0.length; @i++) {\n  @count++;\n  if (@i === $0.length - 1 || $0[@i] !== $0[@i + 1]) {\n    @out += $0[@i] + @count;\n    @count = 0;\n  }\n}\nreturn @out;`,
    ],
    inputs: (r) => cases(r, [[''], ['a'], ['aaab'], ['abc'], ['zzzz']], 7, (r) => [letters(r, r.int(1, 10), 'aab')]),
  },
  {
    name: 'mask-tail',
    category: 'string',
    names: ['maskTail', 'maskSecret', 'redact', 'hideAllButLast'],
    params: [
      S,
      {
        names: ['keep', 'visible', 'show', 'tailLen'],
        type: 'number',
        doc: 'how many trailing characters stay visible',
      },
    ],
    returns: { type: 'string', doc: 'the text with every character but the last `keep` replaced by "*"' },
    summary: 'Masks a secret, keeping only its last characters visible.',
    bodies: [
      `if ($1 >= $0.length) return $0;\nreturn '*'.repeat($0.length - $1) + $0.slice($0.length - $1);`,
      `let @out = '';\nfor (let @i = 0; @i < $0.length; @i++) {\n  @out += @i < $0.length - $1 ? '*' : $0[@i];\n}\nreturn @out;`,
    ],
    inputs: (r) =>
      cases(
        r,
        [
          ['', 2],
          ['abcd', 4],
          ['abcd', 5],
          ['1234567890', 4],
          ['ab', 0],
        ],
        6,
        (r) => [letters(r, r.int(2, 12), '0123456789'), r.int(0, 5)],
      ),
  },
  {
    name: 'word-wrap-count',
    category: 'string',
    names: ['countLines', 'wrapCount', 'linesNeeded', 'wrappedLineCount'],
    params: [S, { names: ['width', 'cols', 'lineWidth', 'maxWidth'], type: 'number', doc: 'the maximum line width' }],
    returns: { type: 'number', doc: 'how many lines greedy word wrapping needs (0 for an empty text)' },
    summary: 'Counts the lines a greedy word wrap at the given width produces.',
    bodies: [
      `const @parts = $0.split(' ').filter((@word) => @word.length > 0);\nif (@parts.length === 0) return 0;\nlet @count = 1;\nlet @len = @parts[0].length;\nfor (let @i = 1; @i < @parts.length; @i++) {\n  if (@len + 1 + @parts[@i].length <= $1) {\n    @len += 1 + @parts[@i].length;\n  } else {\n    @count++;\n    @len = @parts[@i].length;\n  }\n}\nreturn @count;`,
    ],
    inputs: (r) =>
      cases(
        r,
        [
          ['', 10],
          ['abc', 10],
          ['aa bb cc', 5],
          ['aa bb cc', 4],
        ],
        8,
        (r) => [sentence(r, r.int(1, 7)), r.int(6, 20)],
      ),
  },
];
