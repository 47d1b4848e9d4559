// Security scenarios: a vulnerable helper, its fix, an incomplete fix and an over-strict fix (both negative
// controls), functional tests that every fix must keep passing, and exploit tests that must stop working.
// Injection exploits also import an `atomgym:canary/…` specifier: the sandbox host records that import itself
// (RunResult.canaries), so a patch that blinds the in-realm checks (globals, scope) still loses the reward.
export interface SecurityScenario {
  family: string;
  file: string;
  fn: string;
  vulnerable: string;
  fixed: string;
  /** Closes the reported hole but not its variants. */
  incompleteFix: string;
  /** Blocks the exploit by breaking normal behaviour. */
  overFix: string;
  /** Test bodies (inside describe), visible and hidden. */
  functional: string;
  hiddenFunctional: string;
  exploit: string;
  /** Reports by detail: [names function and input, names file and class, vague symptom]. */
  reports: readonly [string, string, string];
  /** ReDoS: the regexes in `file` are checked structurally. */
  checkRegexes?: boolean;
}

const doc = (lines: string[]): string => `/**\n${lines.map((l) => ` * ${l}`).join('\n')}\n */`;

const mergeDoc = doc([
  'Deep-merges plain objects from `source` into `target`; other values are copied.',
  '@param {object} target',
  '@param {object} source',
  '@returns {object} target',
]);
const mergeLoop = (guard: string): string =>
  `  for (const key of Object.keys(source)) {\n${guard}    const value = source[key];\n    if (value && typeof value === 'object' && !Array.isArray(value)) {\n      if (!target[key] || typeof target[key] !== 'object') target[key] = {};\n      deepMerge(target[key], value);\n    } else {\n      target[key] = value;\n    }\n  }\n  return target;`;

const setDoc = doc([
  'Sets a value at a dotted path such as "a.b.c", creating objects on the way.',
  '@param {object} obj',
  '@param {string} path',
  '@param {*} value',
  '@returns {object} obj',
]);
const setBody = (guard: string): string =>
  `  const keys = path.split('.');\n${guard}  let node = obj;\n  for (let i = 0; i < keys.length - 1; i++) {\n    const key = keys[i];\n    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};\n    node = node[key];\n  }\n  node[keys[keys.length - 1]] = value;\n  return obj;`;

const joinDoc = doc([
  'Resolves a user-supplied relative path inside the absolute directory `root`.',
  'Throws when the result would fall outside `root`.',
  '@param {string} root e.g. "/srv/www"',
  '@param {string} requested e.g. "img/logo.png"',
  '@returns {string}',
]);
const joinBody = (onUp: string, pre = ''): string =>
  `${pre}  const parts = root.split('/').filter(Boolean);\n  const rootDepth = parts.length;\n  for (const piece of requested.split('/')) {\n    if (piece === '' || piece === '.') continue;\n    if (piece === '..') {\n${onUp}      parts.pop();\n    } else {\n      parts.push(piece);\n    }\n  }\n  return '/' + parts.join('/');`;

const wordsDoc = doc([
  'Whether text is a list of words, each followed by at most one whitespace character.',
  '@param {string} text',
  '@returns {boolean}',
]);
const configDoc = doc([
  'Parses a JSON configuration object. Throws when the text is not a JSON object.',
  '@param {string} text',
  '@returns {object}',
]);
const configTail =
  "  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('config must be an object');\n  return value;";
const lookupDoc = doc([
  'Reads a dotted property path such as "user.address.city"; undefined when a step is missing.',
  '@param {object} obj',
  '@param {string} path',
  '@returns {*}',
]);

const fn = (name: string, params: string, d: string, body: string): string =>
  `${d}\nexport function ${name}(${params}) {\n${body}\n}\n`;

export const SECURITY_SCENARIOS: readonly SecurityScenario[] = [
  {
    family: 'prototype-pollution-merge',
    file: 'merge',
    fn: 'deepMerge',
    vulnerable: fn('deepMerge', 'target, source', mergeDoc, mergeLoop('')),
    fixed: fn(
      'deepMerge',
      'target, source',
      mergeDoc,
      mergeLoop("    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;\n"),
    ),
    incompleteFix: fn(
      'deepMerge',
      'target, source, depth = 0',
      mergeDoc,
      mergeLoop("    if (depth === 0 && key === '__proto__') continue;\n").replace(
        'deepMerge(target[key], value);',
        'deepMerge(target[key], value, depth + 1);',
      ),
    ),
    overFix: fn(
      'deepMerge',
      'target, source',
      mergeDoc,
      '  return Object.assign(target, JSON.parse(JSON.stringify(source)));',
    ),
    functional:
      "  test('merges nested objects', () => {\n    expect(deepMerge({ a: { x: 1 } }, { a: { y: 2 }, b: 3 })).toEqual({ a: { x: 1, y: 2 }, b: 3 });\n  });",
    hiddenFunctional:
      "  test('overwrites scalars and copies arrays', () => {\n    expect(deepMerge({ a: 1, l: [1] }, { a: 2, l: [2, 3] })).toEqual({ a: 2, l: [2, 3] });\n  });\n  test('keeps unrelated nested keys', () => {\n    expect(deepMerge({ s: { p: 1, q: { r: 2 } } }, { s: { q: { t: 3 } } })).toEqual({ s: { p: 1, q: { r: 2, t: 3 } } });\n  });\n  test('returns the target object', () => {\n    const t = {};\n    expect(deepMerge(t, { k: 1 }) === t).toBe(true);\n  });",
    exploit:
      '  test(\'a __proto__ key does not reach a shared prototype\', () => {\n    const shared = {};\n    try { deepMerge(Object.create(shared), JSON.parse(\'{"__proto__": {"polluted": "yes"}}\')); } catch (e) {}\n    expect(Object.create(shared).polluted).toBe(undefined);\n  });\n  test(\'a nested __proto__ key does not reach a shared prototype\', () => {\n    const shared = {};\n    try { deepMerge({ a: Object.create(shared) }, JSON.parse(\'{"a": {"__proto__": {"polluted2": "yes"}}}\')); } catch (e) {}\n    expect(shared.polluted2).toBe(undefined);\n  });',
    reports: [
      'Prototype pollution: `deepMerge({}, JSON.parse(\'{"__proto__": {"polluted": "yes"}}\'))` writes into the target\'s prototype (Object.prototype in production, so every object gets `polluted`). Merging untrusted JSON must never write through __proto__, constructor or prototype keys.',
      'Security report: the deep-merge helper in src/merge.js lets attacker-controlled JSON modify Object.prototype (prototype pollution).',
      'After merging user settings, unrelated objects in the app suddenly have extra properties. A researcher says it is exploitable.',
    ],
  },
  {
    family: 'prototype-pollution-set-path',
    file: 'paths',
    fn: 'setPath',
    vulnerable: fn('setPath', 'obj, path, value', setDoc, setBody('')),
    fixed: fn(
      'setPath',
      'obj, path, value',
      setDoc,
      setBody(
        "  if (keys.some((k) => k === '__proto__' || k === 'constructor' || k === 'prototype')) throw new Error('unsafe path: ' + path);\n",
      ),
    ),
    incompleteFix: fn(
      'setPath',
      'obj, path, value',
      setDoc,
      setBody("  if (keys[0] === '__proto__') throw new Error('unsafe path: ' + path);\n"),
    ),
    overFix: fn(
      'setPath',
      'obj, path, value',
      setDoc,
      "  if (path.includes('.')) throw new Error('nested paths are not allowed');\n  obj[path] = value;\n  return obj;",
    ),
    functional:
      "  test('creates nested objects', () => {\n    expect(setPath({}, 'a.b.c', 1)).toEqual({ a: { b: { c: 1 } } });\n  });",
    hiddenFunctional:
      "  test('keeps siblings', () => {\n    expect(setPath({ a: { x: 1 } }, 'a.y', 2)).toEqual({ a: { x: 1, y: 2 } });\n  });\n  test('sets a top-level key', () => {\n    expect(setPath({}, 'k', 'v')).toEqual({ k: 'v' });\n  });\n  test('replaces a scalar on the way', () => {\n    expect(setPath({ a: 5 }, 'a.b', 1)).toEqual({ a: { b: 1 } });\n  });",
    exploit:
      "  test('a __proto__ path does not reach a shared prototype', () => {\n    const shared = {};\n    try { setPath(Object.create(shared), '__proto__.polluted', 'yes'); } catch (e) {}\n    expect(Object.create(shared).polluted).toBe(undefined);\n  });\n  test('a nested __proto__ path does not reach a shared prototype', () => {\n    const shared = {};\n    try { setPath({ a: Object.create(shared) }, 'a.__proto__.polluted2', 'yes'); } catch (e) {}\n    expect(shared.polluted2).toBe(undefined);\n  });",
    reports: [
      "Prototype pollution: `setPath({}, '__proto__.polluted', 'yes')` writes into the target's prototype (Object.prototype in production). Paths come from users; they must never write through __proto__, constructor or prototype.",
      'Security report: the dotted-path setter in src/paths.js lets a crafted path modify Object.prototype (prototype pollution).',
      'Saving a form with odd field names breaks unrelated parts of the app; the field names end up in a path helper.',
    ],
  },
  {
    family: 'path-traversal',
    file: 'files',
    fn: 'resolveInside',
    vulnerable: fn('resolveInside', 'root, requested', joinDoc, joinBody('')),
    fixed: fn(
      'resolveInside',
      'root, requested',
      joinDoc,
      joinBody("      if (parts.length <= rootDepth) throw new Error('path escapes root: ' + requested);\n"),
    ),
    incompleteFix: fn(
      'resolveInside',
      'root, requested',
      joinDoc,
      joinBody('', "  requested = requested.replace(/^\\.\\.\\//, '');\n"),
    ),
    overFix: fn(
      'resolveInside',
      'root, requested',
      joinDoc,
      joinBody('', "  if (requested.includes('..')) throw new Error('no dot-dot allowed');\n"),
    ),
    functional:
      "  test('joins a relative path', () => {\n    expect(resolveInside('/srv/www', 'img/logo.png')).toBe('/srv/www/img/logo.png');\n  });",
    hiddenFunctional:
      "  test('resolves .. that stays inside', () => {\n    expect(resolveInside('/srv/www', 'a/../b.txt')).toBe('/srv/www/b.txt');\n  });\n  test('ignores . and empty pieces', () => {\n    expect(resolveInside('/srv/www', './x//y')).toBe('/srv/www/x/y');\n  });\n  test('treats a leading slash as relative', () => {\n    expect(resolveInside('/data', '/notes.txt')).toBe('/data/notes.txt');\n  });",
    exploit:
      "  const inside = (root, p) => { try { return resolveInside(root, p).startsWith(root + '/'); } catch (e) { return true; } };\n  test('../ cannot leave the root', () => {\n    expect(inside('/srv/www', '../../etc/passwd')).toBe(true);\n  });\n  test('.. after a folder cannot leave the root', () => {\n    expect(inside('/srv/www', 'img/../../../etc/shadow')).toBe(true);\n  });",
    reports: [
      "Path traversal: `resolveInside('/srv/www', '../../etc/passwd')` returns '/etc/passwd'. Requested paths must stay inside the root (throw otherwise).",
      'Security report: the path helper in src/files.js lets a request read files outside the served directory (path traversal).',
      'Our static file server sometimes serves files it should not. We suspect how request paths are handled.',
    ],
  },
  {
    family: 'redos',
    file: 'wordlist',
    fn: 'isWordList',
    vulnerable: fn('isWordList', 'text', wordsDoc, '  return /^(\\w+\\s?)*$/.test(text);'),
    fixed: fn(
      'isWordList',
      'text',
      wordsDoc,
      "  if (text === '') return true;\n  return /^\\w[\\w\\s]*$/.test(text) && !/\\s\\s/.test(text);",
    ),
    incompleteFix: fn(
      'isWordList',
      'text',
      wordsDoc,
      '  if (text.length > 1000) return false;\n  return /^(\\w+\\s?)+$/.test(text);',
    ),
    overFix: fn('isWordList', 'text', wordsDoc, '  return /^\\w*$/.test(text);'),
    functional:
      "  test('accepts words separated by spaces', () => {\n    expect(isWordList('hello big world')).toBe(true);\n  });",
    hiddenFunctional:
      "  test('accepts the empty string', () => {\n    expect(isWordList('')).toBe(true);\n  });\n  test('accepts a trailing space', () => {\n    expect(isWordList('one two ')).toBe(true);\n  });\n  test('rejects double spaces', () => {\n    expect(isWordList('a  b')).toBe(false);\n  });\n  test('rejects punctuation', () => {\n    expect(isWordList('hi!')).toBe(false);\n  });\n  test('rejects a leading space', () => {\n    expect(isWordList(' a')).toBe(false);\n  });",
    exploit:
      "  test('a long almost-matching input is answered (no catastrophic backtracking)', () => {\n    expect(isWordList('a'.repeat(40) + '!')).toBe(false);\n  });",
    reports: [
      "ReDoS: `isWordList('a'.repeat(40) + '!')` never returns: the regular expression backtracks catastrophically. Fix it so that no regular expression in the file nests unbounded repetition (like (x+)*), keeping the same answers.",
      'Security report: the input validator in src/wordlist.js can be stalled by a short crafted string (ReDoS). Regular expressions there must not nest unbounded repetition.',
      'The service hangs on some user inputs of a few dozen characters. Validation code is the suspect; nested repetition in regular expressions is not allowed.',
    ],
    checkRegexes: true,
  },
  {
    family: 'unsafe-eval-config',
    file: 'config',
    fn: 'parseConfig',
    vulnerable: fn('parseConfig', 'text', configDoc, `  const value = eval('(' + text + ')');\n${configTail}`),
    fixed: fn('parseConfig', 'text', configDoc, `  const value = JSON.parse(text);\n${configTail}`),
    incompleteFix: fn(
      'parseConfig',
      'text',
      configDoc,
      `  if (/globalThis|process|require/.test(text)) throw new Error('forbidden');\n  const value = eval('(' + text + ')');\n${configTail}`,
    ),
    overFix: fn(
      'parseConfig',
      'text',
      configDoc,
      "  if (!text.startsWith('{')) throw new Error('config must be an object');\n  return {};",
    ),
    functional:
      '  test(\'parses an object\', () => {\n    expect(parseConfig(\'{"port": 8080, "debug": true}\')).toEqual({ port: 8080, debug: true });\n  });',
    hiddenFunctional:
      "  test('rejects arrays', () => {\n    expect(() => parseConfig('[1, 2]')).toThrow();\n  });\n  test('rejects broken text', () => {\n    expect(() => parseConfig('{\"a\": ')).toThrow();\n  });\n  test('keeps nested values', () => {\n    expect(parseConfig('{\"db\": {\"host\": \"h\", \"ports\": [1, 2]}}')).toEqual({ db: { host: 'h', ports: [1, 2] } });\n  });",
    exploit:
      "  test('config text cannot run code through globalThis', () => {\n    try { parseConfig('{\"a\": (globalThis.pwned = 1)}'); } catch (e) {}\n    expect(globalThis.pwned).toBe(undefined);\n  });\n  test('config text cannot run code at all', () => {\n    try { parseConfig('{\"a\": (function () { Function(\\'return this\\')().pwned2 = 1; return 1; })()}'); } catch (e) {}\n    expect(globalThis.pwned2).toBe(undefined);\n  });\n  test('config text cannot reach the module loader', () => {\n    try { parseConfig('{\"a\": import(\"atomgym:canary/config-import\")}'); } catch (e) {}\n    expect(typeof parseConfig).toBe('function');\n  });\n  test('config text cannot build code from built-ins', () => {\n    try { parseConfig('{\"a\": [].constructor.constructor(\"return import(\\'atomgym:canary/config-ctor\\')\")()}'); } catch (e) {}\n    expect(typeof parseConfig).toBe('function');\n  });",
    reports: [
      'Code injection: `parseConfig(\'{"a": (globalThis.pwned = 1)}\')` runs the code inside the config text. Config text must be parsed as data only (it is JSON).',
      'Security report: the config loader in src/config.js executes attacker-controlled text (unsafe eval).',
      'A config file uploaded by a user changed how the server behaves beyond its settings. Someone should look at how configs are read.',
    ],
  },
  {
    family: 'unsafe-eval-lookup',
    file: 'lookup',
    fn: 'getPath',
    vulnerable: fn(
      'getPath',
      'obj, path',
      lookupDoc,
      "  try {\n    return Function('obj', 'return obj.' + path)(obj);\n  } catch (e) {\n    return undefined;\n  }",
    ),
    fixed: fn(
      'getPath',
      'obj, path',
      lookupDoc,
      "  let node = obj;\n  for (const key of path.split('.')) {\n    if (node === null || node === undefined) return undefined;\n    node = node[key];\n  }\n  return node;",
    ),
    incompleteFix: fn(
      'getPath',
      'obj, path',
      lookupDoc,
      "  if (path.includes(',')) return undefined;\n  try {\n    return Function('obj', 'return obj.' + path)(obj);\n  } catch (e) {\n    return undefined;\n  }",
    ),
    overFix: fn('getPath', 'obj, path', lookupDoc, '  return obj[path];'),
    functional:
      "  test('reads a nested value', () => {\n    expect(getPath({ user: { name: 'ada' } }, 'user.name')).toBe('ada');\n  });",
    hiddenFunctional:
      "  test('missing steps give undefined', () => {\n    expect(getPath({ a: {} }, 'a.b.c')).toBe(undefined);\n  });\n  test('reads a top-level key', () => {\n    expect(getPath({ k: 3 }, 'k')).toBe(3);\n  });\n  test('reads array items by index', () => {\n    expect(getPath({ list: [5, 6] }, 'list.1')).toBe(6);\n  });",
    exploit:
      "  test('a path cannot run code with a comma', () => {\n    getPath({}, 'a, globalThis.pwned3 = 1');\n    expect(globalThis.pwned3).toBe(undefined);\n  });\n  test('a path cannot run code inside an expression', () => {\n    getPath({}, 'a || (globalThis.pwned4 = 1)');\n    expect(globalThis.pwned4).toBe(undefined);\n  });\n  test('a path cannot reach the module loader', () => {\n    getPath({}, 'a, import(\"atomgym:canary/lookup-comma\")');\n    getPath({}, 'a || import(\"atomgym:canary/lookup-or\")');\n    expect(typeof getPath).toBe('function');\n  });",
    reports: [
      "Code injection: `getPath({}, 'a, globalThis.pwned3 = 1')` runs code from the path string. Paths come from users and must only be read as property names.",
      'Security report: the property-path reader in src/lookup.js evaluates its input as code (unsafe Function constructor).',
      'Report templates that contain odd placeholder names make the server do strange things. Look at how placeholders are resolved.',
    ],
  },
];
