// Hand-made refactoring scenarios with duplicated code or a repeated magic literal, in a few naming variants.
export interface RefactorTemplate {
  family: string;
  file: string;
  kind: 'extract-function' | 'named-constant';
  /** Names the policy is asked to introduce (one is picked per seed). */
  names: readonly string[];
  /** The module as shipped (with the duplication). */
  before: string;
  /** The module after the reference refactoring, for helper/constant name N. */
  after: (name: string) => string;
  /** The same refactoring with a behaviour change: a negative control. */
  afterWrong: (name: string) => string;
  /** Half done: the name exists but one copy of the duplicated code (or literal) stays. A negative control. */
  afterHalf: (name: string) => string;
  /** The duplicated snippet (extract-function) or the literal (named-constant). */
  duplicated: string;
  value?: number;
  exports: readonly string[];
  visibleTests: string;
  hiddenTests: string;
}

const slugChain = ".trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')";
const avgBlock =
  'let total = 0;\n  for (const value of values) total += value;\n  const avg = values.length === 0 ? 0 : total / values.length;';

export const REFACTOR_TEMPLATES: readonly RefactorTemplate[] = [
  {
    family: 'extract-slug',
    file: 'slugs',
    kind: 'extract-function',
    names: ['slugify', 'toSlug', 'makeSlug'],
    before: `/** URL slug for an article: "Hello, World!" and 7 → "hello-world-7". */\nexport function articleSlug(title, id) {\n  const base = title${slugChain};\n  return base + '-' + id;\n}\n\n/** Hash tag for a label: " Big Deal " → "#big-deal". */\nexport function tagSlug(label) {\n  const base = label${slugChain};\n  return '#' + base;\n}\n`,
    after: (n) =>
      `function ${n}(text) {\n  return text${slugChain};\n}\n\n/** URL slug for an article: "Hello, World!" and 7 → "hello-world-7". */\nexport function articleSlug(title, id) {\n  return ${n}(title) + '-' + id;\n}\n\n/** Hash tag for a label: " Big Deal " → "#big-deal". */\nexport function tagSlug(label) {\n  return '#' + ${n}(label);\n}\n`,
    afterWrong: (n) =>
      `function ${n}(text) {\n  return text.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-');\n}\n\n/** URL slug for an article: "Hello, World!" and 7 → "hello-world-7". */\nexport function articleSlug(title, id) {\n  return ${n}(title) + '-' + id;\n}\n\n/** Hash tag for a label: " Big Deal " → "#big-deal". */\nexport function tagSlug(label) {\n  return '#' + ${n}(label);\n}\n`,
    afterHalf: (n) =>
      `function ${n}(text) {\n  return text${slugChain};\n}\n\n/** URL slug for an article: "Hello, World!" and 7 → "hello-world-7". */\nexport function articleSlug(title, id) {\n  return ${n}(title) + '-' + id;\n}\n\n/** Hash tag for a label: " Big Deal " → "#big-deal". */\nexport function tagSlug(label) {\n  return '#' + label${slugChain};\n}\n`,
    duplicated: slugChain,
    exports: ['articleSlug', 'tagSlug'],
    visibleTests:
      "  test('article slug', () => {\n    expect(articleSlug('Hello World', 7)).toBe('hello-world-7');\n  });",
    hiddenTests:
      "  test('punctuation collapses', () => {\n    expect(articleSlug('Hello, World!', 7)).toBe('hello-world-7');\n  });\n  test('tag slug trims', () => {\n    expect(tagSlug(' Big Deal ')).toBe('#big-deal');\n  });\n  test('tag slug of symbols only', () => {\n    expect(tagSlug('!!')).toBe('#');\n  });",
  },
  {
    family: 'extract-average',
    file: 'averages',
    kind: 'extract-function',
    names: ['average', 'meanOf', 'computeMean'],
    before: `/** Mean score rounded to one decimal (0 for no scores). */\nexport function averageScore(values) {\n  ${avgBlock}\n  return Math.round(avg * 10) / 10;\n}\n\n/** Mean age in whole years, rounded down (0 for nobody). */\nexport function averageAge(people) {\n  const values = people.map((p) => p.age);\n  ${avgBlock}\n  return Math.floor(avg);\n}\n`,
    after: (n) =>
      `function ${n}(values) {\n  let total = 0;\n  for (const value of values) total += value;\n  return values.length === 0 ? 0 : total / values.length;\n}\n\n/** Mean score rounded to one decimal (0 for no scores). */\nexport function averageScore(values) {\n  return Math.round(${n}(values) * 10) / 10;\n}\n\n/** Mean age in whole years, rounded down (0 for nobody). */\nexport function averageAge(people) {\n  return Math.floor(${n}(people.map((p) => p.age)));\n}\n`,
    afterWrong: (n) =>
      `function ${n}(values) {\n  let total = 0;\n  for (const value of values) total += value;\n  return total / Math.max(values.length, 1) + (values.length > 3 ? 1 : 0);\n}\n\n/** Mean score rounded to one decimal (0 for no scores). */\nexport function averageScore(values) {\n  return Math.round(${n}(values) * 10) / 10;\n}\n\n/** Mean age in whole years, rounded down (0 for nobody). */\nexport function averageAge(people) {\n  return Math.floor(${n}(people.map((p) => p.age)));\n}\n`,
    afterHalf: (n) =>
      `function ${n}(values) {\n  let total = 0;\n  for (const value of values) total += value;\n  return values.length === 0 ? 0 : total / values.length;\n}\n\n/** Mean score rounded to one decimal (0 for no scores). */\nexport function averageScore(values) {\n  return Math.round(${n}(values) * 10) / 10;\n}\n\n/** Mean age in whole years, rounded down (0 for nobody). */\nexport function averageAge(people) {\n  const values = people.map((p) => p.age);\n  ${avgBlock}\n  return Math.floor(avg);\n}\n`,
    duplicated: 'for (const value of values) total += value;',
    exports: ['averageScore', 'averageAge'],
    visibleTests: "  test('average score', () => {\n    expect(averageScore([1, 2, 4])).toBe(2.3);\n  });",
    hiddenTests:
      "  test('no scores', () => {\n    expect(averageScore([])).toBe(0);\n  });\n  test('average age rounds down', () => {\n    expect(averageAge([{ age: 30 }, { age: 31 }])).toBe(30);\n  });\n  test('four ages', () => {\n    expect(averageAge([{ age: 10 }, { age: 20 }, { age: 30 }, { age: 40 }])).toBe(25);\n  });\n  test('nobody', () => {\n    expect(averageAge([])).toBe(0);\n  });",
  },
  {
    family: 'constant-tax',
    file: 'prices',
    kind: 'named-constant',
    names: ['VAT_RATE', 'TAX_RATE', 'SALES_TAX'],
    value: 0.19,
    before: `/** Price including tax, in cents. */\nexport function gross(netCents) {\n  return Math.round(netCents * (1 + 0.19));\n}\n\n/** The tax part of a gross price, in cents. */\nexport function taxOf(grossCents) {\n  return Math.round(grossCents - grossCents / (1 + 0.19));\n}\n\n/** Net price from a gross price, in cents. */\nexport function net(grossCents) {\n  return Math.round(grossCents / (1 + 0.19));\n}\n`,
    after: (n) =>
      `const ${n} = 0.19;\n\n/** Price including tax, in cents. */\nexport function gross(netCents) {\n  return Math.round(netCents * (1 + ${n}));\n}\n\n/** The tax part of a gross price, in cents. */\nexport function taxOf(grossCents) {\n  return Math.round(grossCents - grossCents / (1 + ${n}));\n}\n\n/** Net price from a gross price, in cents. */\nexport function net(grossCents) {\n  return Math.round(grossCents / (1 + ${n}));\n}\n`,
    afterWrong: (n) =>
      `const ${n} = 0.19;\n\n/** Price including tax, in cents. */\nexport function gross(netCents) {\n  return Math.round(netCents * (1 + ${n}));\n}\n\n/** The tax part of a gross price, in cents. */\nexport function taxOf(grossCents) {\n  return Math.round(grossCents * ${n});\n}\n\n/** Net price from a gross price, in cents. */\nexport function net(grossCents) {\n  return Math.round(grossCents / (1 + ${n}));\n}\n`,
    afterHalf: (n) =>
      `const ${n} = 0.19;\n\n/** Price including tax, in cents. */\nexport function gross(netCents) {\n  return Math.round(netCents * (1 + ${n}));\n}\n\n/** The tax part of a gross price, in cents. */\nexport function taxOf(grossCents) {\n  return Math.round(grossCents - grossCents / (1 + ${n}));\n}\n\n/** Net price from a gross price, in cents. */\nexport function net(grossCents) {\n  return Math.round(grossCents / (1 + 0.19));\n}\n`,
    duplicated: '0.19',
    exports: ['gross', 'taxOf', 'net'],
    visibleTests: "  test('gross', () => {\n    expect(gross(1000)).toBe(1190);\n  });",
    hiddenTests:
      "  test('tax part', () => {\n    expect(taxOf(1190)).toBe(190);\n  });\n  test('net', () => {\n    expect(net(1190)).toBe(1000);\n  });\n  test('rounding', () => {\n    expect(gross(999)).toBe(1189);\n  });",
  },
];
