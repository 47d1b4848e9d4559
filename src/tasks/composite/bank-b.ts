// Bank modules, part B: searching, roman numerals, word statistics, intervals, money, grids, stacks.
import type { BankModule } from './bank-types.ts';
import { THROWS } from './bank-types.ts';

export const BANK_B: readonly BankModule[] = [
  {
    family: 'searching',
    file: 'search',
    functions: [
      {
        name: 'binarySearch',
        doc: 'Index of `target` in an ascending list, or -1 when absent.',
        tags: ['@param {number[]} sorted', '@param {number} target', '@returns {number}'],
        params: 'sorted, target',
        body: '  let lo = 0;\n  let hi = sorted.length - 1;\n  while (lo <= hi) {\n    const mid = (lo + hi) >> 1;\n    if (sorted[mid] === target) return mid;\n    if (sorted[mid] < target) lo = mid + 1;\n    else hi = mid - 1;\n  }\n  return -1;',
        examples: [['binarySearch([1, 3, 5, 7, 9], 7)', '3']],
        hidden: [['binarySearch([], 1)', '-1'], ['binarySearch([1, 3, 5], 1)', '0'], ['binarySearch([1, 3, 5], 5)', '2'], ['binarySearch([1, 3, 5], 4)', '-1'], ['binarySearch([2], 2)', '0']],
      },
      {
        name: 'indexOfMax',
        doc: 'Index of the largest value (the first one on ties), or -1 for an empty list.',
        tags: ['@param {number[]} values', '@returns {number}'],
        params: 'values',
        body: '  if (values.length === 0) return -1;\n  let best = 0;\n  for (let i = 1; i < values.length; i++) {\n    if (values[i] > values[best]) best = i;\n  }\n  return best;',
        examples: [['indexOfMax([3, 9, 2])', '1']],
        hidden: [['indexOfMax([])', '-1'], ['indexOfMax([5, 5, 1])', '0'], ['indexOfMax([-3, -1, -2])', '1'], ['indexOfMax([1, 2, 7])', '2']],
      },
    ],
  },
  {
    family: 'roman',
    file: 'roman',
    functions: [
      {
        name: 'toRoman',
        doc: 'Roman numeral for an integer from 1 to 3999.',
        tags: ['@param {number} n', '@returns {string}', '@throws {RangeError} outside 1..3999'],
        params: 'n',
        body: "  if (!Number.isInteger(n) || n < 1 || n > 3999) throw new RangeError('out of range');\n  const table = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];\n  let out = '';\n  for (const [value, symbol] of table) {\n    while (n >= value) {\n      out += symbol;\n      n -= value;\n    }\n  }\n  return out;",
        examples: [['toRoman(1994)', "'MCMXCIV'"]],
        hidden: [['toRoman(4)', "'IV'"], ['toRoman(3999)', "'MMMCMXCIX'"], ['toRoman(0)', THROWS], ['toRoman(4000)', THROWS], ['toRoman(58)', "'LVIII'"], ['toRoman(1)', "'I'"]],
      },
      {
        name: 'fromRoman',
        doc: 'Integer value of a Roman numeral (subtractive pairs like IV count as 4).',
        tags: ['@param {string} text', '@returns {number}'],
        params: 'text',
        body: "  const values = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };\n  let total = 0;\n  for (let i = 0; i < text.length; i++) {\n    const v = values[text[i]];\n    const next = values[text[i + 1]] || 0;\n    total += v < next ? -v : v;\n  }\n  return total;",
        examples: [["fromRoman('MCMXCIV')", '1994']],
        hidden: [["fromRoman('IV')", '4'],["fromRoman('IX')", '9'], ["fromRoman('LVIII')", '58'], ["fromRoman('III')", '3'], ["fromRoman('')", '0']],
      },
    ],
  },
  {
    family: 'word-stats',
    file: 'words',
    functions: [
      {
        name: 'wordCounts',
        doc: 'Counts lower-cased words (runs of letters and digits) in text.',
        tags: ['@param {string} text', '@returns {Record<string, number>}'],
        params: 'text',
        body: '  const counts = {};\n  for (const word of text.toLowerCase().match(/[a-z0-9]+/g) || []) {\n    counts[word] = (counts[word] || 0) + 1;\n  }\n  return counts;',
        examples: [["wordCounts('the cat, the hat')", '{ the: 2, cat: 1, hat: 1 }']],
        hidden: [["wordCounts('')", '{}'], ["wordCounts('A a A')", '{ a: 3 }'], ["wordCounts('x1 x1, y')", '{ x1: 2, y: 1 }']],
      },
      {
        name: 'longestWord',
        doc: 'The longest word (first one on ties), or an empty string when there is none.',
        tags: ['@param {string} text', '@returns {string}'],
        params: 'text',
        body: "  let best = '';\n  for (const word of text.split(/\\s+/)) {\n    if (word.length > best.length) best = word;\n  }\n  return best;",
        examples: [["longestWord('a quick fox')", "'quick'"]],
        hidden: [["longestWord('')", "''"], ["longestWord('ab cd')", "'ab'"], ["longestWord('one three seven')", "'three'"], ["longestWord('  hi  ')", "'hi'"]],
      },
    ],
  },
  {
    family: 'intervals',
    file: 'intervals',
    functions: [
      {
        name: 'overlaps',
        doc: 'Whether closed intervals [a0, a1] and [b0, b1] share at least one point.',
        tags: ['@param {[number, number]} a', '@param {[number, number]} b', '@returns {boolean}'],
        params: 'a, b',
        body: '  return a[0] <= b[1] && b[0] <= a[1];',
        examples: [['overlaps([1, 5], [4, 8])', 'true']],
        hidden: [['overlaps([1, 2], [3, 4])', 'false'], ['overlaps([1, 3], [3, 4])', 'true'], ['overlaps([5, 6], [1, 5])', 'true'], ['overlaps([5, 6], [1, 4])', 'false']],
      },
      {
        name: 'mergeIntervals',
        doc: 'Merges overlapping closed intervals; the result is sorted by start.',
        tags: ['@param {Array<[number, number]>} list', '@returns {Array<[number, number]>}'],
        params: 'list',
        body: '  const sorted = list.map((iv) => [iv[0], iv[1]]).sort((x, y) => x[0] - y[0]);\n  const out = [];\n  for (const iv of sorted) {\n    const last = out[out.length - 1];\n    if (last && iv[0] <= last[1]) last[1] = Math.max(last[1], iv[1]);\n    else out.push(iv);\n  }\n  return out;',
        examples: [['mergeIntervals([[1, 3], [2, 6], [8, 10]])', '[[1, 6], [8, 10]]']],
        hidden: [['mergeIntervals([])', '[]'], ['mergeIntervals([[5, 6], [1, 2]])', '[[1, 2], [5, 6]]'], ['mergeIntervals([[1, 4], [4, 5]])', '[[1, 5]]'], ['mergeIntervals([[1, 10], [2, 3]])', '[[1, 10]]']],
      },
    ],
  },
  {
    family: 'money',
    file: 'money',
    imports: ["import { padLeft } from './format.js';"],
    dependsOn: ['format', 'math'],
    functions: [
      {
        name: 'splitAmount',
        doc: 'Splits an amount in cents into `parts` integer shares that differ by at most one cent; larger shares first.',
        tags: ['@param {number} cents a non-negative integer', '@param {number} parts a positive integer', '@returns {number[]}'],
        params: 'cents, parts',
        body: "  if (parts < 1) throw new RangeError('parts must be positive');\n  const base = Math.floor(cents / parts);\n  const extra = cents % parts;\n  const out = [];\n  for (let i = 0; i < parts; i++) out.push(i < extra ? base + 1 : base);\n  return out;",
        examples: [['splitAmount(100, 3)', '[34, 33, 33]']],
        hidden: [['splitAmount(0, 2)', '[0, 0]'], ['splitAmount(7, 7)', '[1, 1, 1, 1, 1, 1, 1]'], ['splitAmount(5, 0)', THROWS], ['splitAmount(11, 4)', '[3, 3, 3, 2]']],
      },
      {
        name: 'formatCents',
        doc: 'Formats cents as dollars with two decimals, e.g. 1234 → "$12.34"; negative amounts get a leading minus.',
        tags: ['@param {number} cents an integer', '@returns {string}'],
        params: 'cents',
        body: "  const sign = cents < 0 ? '-' : '';\n  const abs = Math.abs(cents);\n  return sign + '$' + Math.floor(abs / 100) + '.' + padLeft(String(abs % 100), 2, '0');",
        examples: [['formatCents(1234)', "'$12.34'"]],
        hidden: [['formatCents(5)', "'$0.05'"], ['formatCents(-250)', "'-$2.50'"], ['formatCents(0)', "'$0.00'"], ['formatCents(100)', "'$1.00'"]],
      },
    ],
  },
  {
    family: 'grids',
    file: 'grid',
    functions: [
      {
        name: 'transpose',
        doc: 'Transposes a rectangular matrix given as a list of rows.',
        tags: ['@param {Array<Array>} rows', '@returns {Array<Array>}'],
        params: 'rows',
        body: '  if (rows.length === 0) return [];\n  const out = [];\n  for (let c = 0; c < rows[0].length; c++) {\n    const column = [];\n    for (let r = 0; r < rows.length; r++) column.push(rows[r][c]);\n    out.push(column);\n  }\n  return out;',
        examples: [['transpose([[1, 2, 3], [4, 5, 6]])', '[[1, 4], [2, 5], [3, 6]]']],
        hidden: [['transpose([])', '[]'], ['transpose([[1]])', '[[1]]'], ['transpose([[1, 2]])', '[[1], [2]]'], ['transpose([[1], [2], [3]])', '[[1, 2, 3]]']],
      },
      {
        name: 'countNeighbors',
        doc: 'How many of the 8 cells around (row, col) hold a truthy value; cells outside the grid count as empty.',
        tags: ['@param {Array<Array>} grid', '@param {number} row', '@param {number} col', '@returns {number}'],
        params: 'grid, row, col',
        body: '  let count = 0;\n  for (let dr = -1; dr <= 1; dr++) {\n    for (let dc = -1; dc <= 1; dc++) {\n      if (dr === 0 && dc === 0) continue;\n      const r = row + dr;\n      const c = col + dc;\n      if (r >= 0 && r < grid.length && c >= 0 && c < grid[r].length && grid[r][c]) count++;\n    }\n  }\n  return count;',
        examples: [['countNeighbors([[1, 1, 0], [0, 1, 0], [1, 0, 0]], 1, 1)', '3']],
        hidden: [['countNeighbors([[1, 1], [1, 1]], 0, 0)', '3'], ['countNeighbors([[0]], 0, 0)', '0'], ['countNeighbors([[1, 1, 1], [1, 1, 1], [1, 1, 1]], 1, 1)', '8'], ['countNeighbors([[1, 0, 1], [0, 0, 0], [1, 0, 1]], 2, 2)', '0'], ['countNeighbors([[0, 0, 1], [0, 0, 1], [0, 0, 1]], 1, 2)', '2']],
      },
    ],
  },
];
