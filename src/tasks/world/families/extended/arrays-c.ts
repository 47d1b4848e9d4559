// Train-only families (see ./index.ts): arrays, part c.
import type { Family } from '../../family.ts';
import { bodyLines, cases, ints } from '../../gen.ts';
import { XS, MATRIX, matrix } from './specs.ts';

export const EXTENDED_ARRAYS_C_FAMILIES: Family[] = [
  {
    name: 'transpose-matrix',
    category: 'array',
    names: ['transpose', 'transposed', 'swapRowsColumns', 'flipAxes'],
    params: [MATRIX],
    returns: {
      type: 'number[][]',
      doc:
        'a new matrix whose row c is column c of the input (result[c][r] is matrix[r][c]); ' +
        '[] when there are no columns',
    },
    summary: 'Transposes a matrix, turning its rows into columns.',
    bodies: [
      bodyLines(`if ($0.length === 0) return [];`, `return $0[0].map((@x, @j) => $0.map((@parts) => @parts[@j]));`),
      bodyLines(
        `const @out = [];`,
        `const @len = $0.length === 0 ? 0 : $0[0].length;`,
        `for (let @j = 0; @j < @len; @j++) {`,
        `  @out.push([]);`,
        `  for (let @i = 0; @i < $0.length; @i++) @out[@j].push($0[@i][@j]);`,
        `}`,
        `return @out;`,
      ),
      bodyLines(
        `const @len = $0.length > 0 ? $0[0].length : 0;`,
        `return Array.from({ length: @len }, (@x, @j) => Array.from($0, (@parts) => @parts[@j]));`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [[]],
          [[[], []]],
          [[[1, 2, 3]]],
          [[[1], [2]]],
          [
            [
              [1, 2],
              [3, 4],
            ],
          ],
          [
            [
              [-1, 0, 5],
              [7, 8, -2],
            ],
          ],
        ],
        8,
        (r) => [matrix(r, r.int(1, 4), r.int(1, 4))],
      ),
  },
  {
    name: 'row-sums',
    category: 'array',
    names: ['rowSums', 'sumRows', 'rowTotals', 'totalsPerRow'],
    params: [{ ...MATRIX, doc: 'a list of rows of numbers (rows may differ in length)' }],
    returns: { type: 'number[]', doc: 'the sum of each row, in row order; an empty row sums to 0' },
    summary: 'Adds up each row of a matrix.',
    bodies: [
      `return $0.map((@parts) => @parts.reduce((@acc, @x) => @acc + @x, 0));`,
      bodyLines(
        `const @out = [];`,
        `for (const @parts of $0) {`,
        `  let @acc = 0;`,
        `  for (let @i = 0; @i < @parts.length; @i++) @acc += @parts[@i];`,
        `  @out.push(@acc);`,
        `}`,
        `return @out;`,
      ),
      bodyLines(
        `const @out = new Array($0.length).fill(0);`,
        `for (let @i = 0; @i < $0.length; @i++) {`,
        `  for (let @j = $0[@i].length - 1; @j >= 0; @j--) @out[@i] += $0[@i][@j];`,
        `}`,
        `return @out;`,
      ),
    ],
    inputs: (r) =>
      cases(r, [[[]], [[[]]], [[[5]]], [[[1, 2], [], [-3, 3]]], [[[-1, -2, -3]]]], 8, (r) => [
        Array.from({ length: r.int(1, 4) }, () => ints(r, r.int(0, 4), -9, 9)),
      ]),
  },
  {
    name: 'column-max',
    category: 'array',
    names: ['columnMax', 'columnMaxima', 'maxPerColumn', 'columnPeaks'],
    params: [MATRIX],
    returns: {
      type: 'number[]',
      doc: 'the largest number of each column, left to right; [] for a matrix with no rows',
    },
    summary: 'Finds the largest number in each column of a matrix.',
    bodies: [
      bodyLines(
        `if ($0.length === 0) return [];`,
        `return $0[0].map((@x, @j) => Math.max(...$0.map((@parts) => @parts[@j])));`,
      ),
      bodyLines(
        `if ($0.length === 0) return [];`,
        `const @out = $0[0].slice();`,
        `for (let @i = 1; @i < $0.length; @i++) {`,
        `  for (let @j = 0; @j < @out.length; @j++) {`,
        `    if ($0[@i][@j] > @out[@j]) @out[@j] = $0[@i][@j];`,
        `  }`,
        `}`,
        `return @out;`,
      ),
      bodyLines(
        `if ($0.length === 0) return [];`,
        `return $0.reduce((@best, @parts) => @best.map((@x, @j) => #maxOf(@x, @parts[@j])));`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [[]],
          [[[7]]],
          [[[1, 5, 2]]],
          [[[1], [4], [2]]],
          [
            [
              [-3, -8],
              [-5, -1],
            ],
          ],
          [
            [
              [2, 2],
              [2, 2],
            ],
          ],
        ],
        8,
        (r) => [matrix(r, r.int(1, 4), r.int(1, 4))],
      ),
  },
  {
    name: 'main-diagonal',
    category: 'array',
    names: ['mainDiagonal', 'diagonalOf', 'leadingDiagonal', 'diagEntries'],
    params: [MATRIX],
    returns: {
      type: 'number[]',
      doc: 'matrix[0][0], matrix[1][1], … for every index that is both a row and a column index, in order',
    },
    summary: 'Reads the main diagonal of a matrix (which need not be square).',
    bodies: [
      bodyLines(
        `const @out = [];`,
        `for (let @i = 0; @i < $0.length && @i < $0[@i].length; @i++) @out.push($0[@i][@i]);`,
        `return @out;`,
      ),
      `return $0.slice(0, $0.length > 0 ? $0[0].length : 0).map((@parts, @i) => @parts[@i]);`,
      bodyLines(
        `const @len = Math.min($0.length, $0.length === 0 ? 0 : $0[0].length);`,
        `return Array.from({ length: @len }, (@x, @i) => $0[@i][@i]);`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [[]],
          [[[], []]],
          [[[4]]],
          [[[1, 2, 3]]],
          [[[1], [2], [3]]],
          [
            [
              [1, 2],
              [3, 4],
            ],
          ],
        ],
        8,
        (r) => [matrix(r, r.int(1, 5), r.int(1, 5))],
      ),
  },
  {
    name: 'count-live-neighbours',
    category: 'array',
    names: ['liveNeighbours', 'countLiveNeighbours', 'adjacentOnes', 'neighbourCount'],
    params: [
      { names: ['grid', 'board', 'cells', 'field'], type: 'number[][]', doc: 'a rectangular grid of 0s and 1s' },
      { names: ['row', 'rowIndex', 'ri', 'line'], type: 'number', doc: 'the row of a cell inside the grid' },
      { names: ['col', 'colIndex', 'ci', 'column'], type: 'number', doc: 'the column of a cell inside the grid' },
    ],
    returns: {
      type: 'number',
      doc:
        'how many of the up to 8 cells around grid[row][col] (diagonals included, the cell itself excluded) hold 1; ' +
        'positions outside the grid do not count',
    },
    summary: 'Counts the cells set to 1 around one cell of a grid.',
    bodies: [
      bodyLines(
        `let @count = 0;`,
        `for (let @i = $1 - 1; @i <= $1 + 1; @i++) {`,
        `  for (let @j = $2 - 1; @j <= $2 + 1; @j++) {`,
        `    if ((@i !== $1 || @j !== $2) && $0[@i] && $0[@i][@j] === 1) @count++;`,
        `  }`,
        `}`,
        `return @count;`,
      ),
      bodyLines(
        `const @rest = $0.slice(Math.max(0, $1 - 1), $1 + 2);`,
        `const @out = @rest.flatMap((@parts) => @parts.slice(Math.max(0, $2 - 1), $2 + 2));`,
        `return @out.filter((@x) => @x === 1).length - ($0[$1][$2] === 1 ? 1 : 0);`,
      ),
      bodyLines(
        `const @parts = [[-1, -1], [-1, 0], [-1, 1], [0, -1], [0, 1], [1, -1], [1, 0], [1, 1]];`,
        `return @parts.filter(([@i, @j]) => ($0[$1 + @i] || [])[$2 + @j] === 1).length;`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [[[1]], 0, 0],
          [
            [
              [0, 1],
              [1, 1],
            ],
            0,
            0,
          ],
          [
            [
              [1, 1, 1],
              [1, 1, 1],
              [1, 1, 1],
            ],
            1,
            1,
          ],
          [
            [
              [1, 1, 1],
              [1, 0, 1],
              [1, 1, 1],
            ],
            1,
            1,
          ],
          [
            [
              [1, 0, 1],
              [0, 0, 0],
              [1, 0, 1],
            ],
            2,
            2,
          ],
          [[[1, 1, 0, 1]], 0, 2],
        ],
        10,
        (r) => {
          const rows = r.int(1, 5);
          const cols = r.int(1, 5);
          return [matrix(r, rows, cols, 0, 1), r.int(0, rows - 1), r.int(0, cols - 1)];
        },
      ),
  },
  {
    name: 'first-greater-index',
    category: 'array',
    names: ['firstGreaterIndex', 'indexAbove', 'firstExceeding', 'positionAbove'],
    params: [XS, { names: ['limit', 'threshold', 'floor', 'cutoff'], type: 'number', doc: 'the number to exceed' }],
    returns: {
      type: 'number',
      doc: 'the index of the first number strictly greater than limit, or -1 when there is none',
    },
    summary: 'Finds the position of the first number greater than a limit.',
    bodies: [
      `return $0.findIndex((@x) => @x > $1);`,
      bodyLines(`for (let @i = 0; @i < $0.length; @i++) {`, `  if ($0[@i] > $1) return @i;`, `}`, `return -1;`),
      bodyLines(`let @i = 0;`, `while (@i < $0.length && $0[@i] <= $1) @i += 1;`, `return @i === $0.length ? -1 : @i;`),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [[], 0],
          [[1, 2, 3], 3],
          [[1, 2, 3], 2],
          [[5, 1], 0],
          [[-4, -2, -3], -3],
          [[2, 2], 2],
        ],
        8,
        (r) => [ints(r, r.int(1, 8), -6, 6), r.int(-6, 6)],
      ),
  },
  {
    name: 'count-inversions',
    category: 'array',
    names: ['countInversions', 'inversionCount', 'outOfOrderPairs', 'disorderScore'],
    params: [XS],
    returns: {
      type: 'number',
      doc: 'the number of index pairs i < j with xs[i] > xs[j] (equal numbers are not an inversion); 0 when sorted',
    },
    summary: 'Counts the pairs of numbers that are in the wrong order.',
    bodies: [
      bodyLines(
        `let @count = 0;`,
        `for (let @i = 0; @i < $0.length; @i++) {`,
        `  for (let @j = @i + 1; @j < $0.length; @j++) {`,
        `    if ($0[@i] > $0[@j]) @count++;`,
        `  }`,
        `}`,
        `return @count;`,
      ),
      `return $0.reduce((@acc, @x, @i) => @acc + $0.slice(@i + 1).filter((@y) => @y < @x).length, 0);`,
      bodyLines(
        `const @tmp = $0.slice();`,
        `let @count = 0;`,
        `for (let @i = 1; @i < @tmp.length; @i++) {`,
        `  for (let @j = @i; @j > 0 && @tmp[@j - 1] > @tmp[@j]; @j--, @count++) {`,
        `    [@tmp[@j - 1], @tmp[@j]] = [@tmp[@j], @tmp[@j - 1]];`,
        `  }`,
        `}`,
        `return @count;`,
      ),
    ],
    inputs: (r) =>
      cases(r, [[[]], [[1]], [[1, 2, 3]], [[3, 2, 1]], [[2, 2, 2]], [[2, 1, 2, 1]], [[-1, -5, 0]]], 8, (r) => [
        ints(r, r.int(2, 8), -5, 5),
      ]),
  },
];
