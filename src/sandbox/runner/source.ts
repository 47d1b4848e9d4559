// Assembles the guest-side runner. The result is one function expression:
//   (hostReport, hostLog, hostResolve, hostCompile, harden) => control
// evaluated before any guest code. The host keeps `control`; guests only ever see the frozen test API.
import { CORE_JS } from './core.ts';
import { EXPECT_JS } from './expect.ts';
import { GLOBALS_JS } from './globals.ts';
import { INTRINSICS_JS } from './intrinsics.ts';

/** File name the runner is evaluated under; stack frames from it are skipped when finding a test's caller. */
export const RUNNER_FILE = '<atomgym-runner>';

/**
 * CommonJS for QuickJS: `require` runs inside the guest; the host only resolves paths and compiles a file
 * into a `(exports, require, module, __filename, __dirname)` function (or returns JSON text).
 */
const REQUIRE_JS = String.raw`
var JSONParse = JSON.parse;
var moduleCache = ObjectCreate(null);
function dirnameOf(p) { for (var i = p.length - 1; i >= 0; i--) if (call(StringProtoCharCodeAt, p, i) === 47) return call(StringProtoSlice, p, 0, i); return ''; }
function requireFrom(from, spec) {
  if (typeof spec !== 'string') throw new TypeErrorCtor('require() needs a string, got ' + fmt(spec));
  var path = hostResolve(from, spec);
  if (builtins[path] !== undefined) return builtins[path];
  var cached = moduleCache[path];
  if (cached) return cached.exports;
  var compiled = hostCompile(path);
  var module = { exports: {}, id: path, filename: path, loaded: false };
  moduleCache[path] = module;
  try {
    if (typeof compiled === 'string') module.exports = JSONParse(compiled);
    else ReflectApply(compiled, module.exports, [module.exports, makeRequire(path), module, path, dirnameOf(path)]);
  } catch (e) {
    moduleCache[path] = undefined;
    throw e;
  }
  module.loaded = true;
  return module.exports;
}
function makeRequire(from) {
  var req = function require(spec) { return requireFrom(from, spec); };
  req.resolve = function (spec) { return hostResolve(from, spec); };
  return ObjectFreeze(req);
}
ObjectDefineProperty(G, '__atomgym_require', { value: ObjectFreeze(function (path) { return requireFrom(null, path); }), writable: false, enumerable: false, configurable: false });
ObjectDefineProperty(G, '__atomgym_builtin', { value: ObjectFreeze(function (name) { return builtins[name]; }), writable: false, enumerable: false, configurable: false });
control.requireEntry = function (path) { requireFrom(null, path); };
`;

/**
 * `withRequire`: include the QuickJS CommonJS loader (the Node runner uses Node's own).
 * `form: 'module'` (QuickJS): an ES module that takes its host functions from a one-shot global it deletes
 * before any guest code runs and exports `control` as default; QuickJS compiles module scope markedly faster
 * than one large function scope. `form: 'function'` (Node): a function expression taking the host functions.
 */
export function runnerSource(opts: { withRequire: boolean; runnerMark: string; form?: 'function' | 'module' }): string {
  const body = [
    `var RUNNER_MARK = ${JSON.stringify(opts.runnerMark)};`,
    "var InternalErrorCtor = typeof InternalError === 'function' ? InternalError : null;",
    INTRINSICS_JS,
    EXPECT_JS,
    CORE_JS,
    GLOBALS_JS,
    opts.withRequire ? REQUIRE_JS : '',
    'control.describeError = function (e) { return describeFailure(e) + (errorFlags(e) ? "\u0001" + errorFlags(e) : ""); };',
    'if (harden) hardenRealm();',
  ];
  if (opts.form === 'module') {
    return [
      `var HOST = globalThis[${JSON.stringify(HOST_GLOBAL)}];`,
      `delete globalThis[${JSON.stringify(HOST_GLOBAL)}];`,
      'var hostReport = HOST.report, hostLog = HOST.log, hostResolve = HOST.resolve, hostCompile = HOST.compile, harden = HOST.harden;',
      ...body,
      'export default ObjectFreeze(control);',
    ].join('\n');
  }
  return [
    '(function (hostReport, hostLog, hostResolve, hostCompile, harden) {',
    "'use strict';",
    ...body,
    'return ObjectFreeze(control);',
    '})',
  ].join('\n');
}

/** The one-shot global through which the module-form runner receives its host functions. */
export const HOST_GLOBAL = '__atomgym_host';
