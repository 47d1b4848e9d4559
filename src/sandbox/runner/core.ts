// Guest-side runner, part 3: test registration (describe / it / hooks), execution with async steps, virtual
// timers and console capture. Results leave only through `hostReport`, a function the host passed in as an
// argument: it lives in this closure and is never reachable from guest code, so results cannot be forged.
export const CORE_JS = String.raw`
var tests = newList();
var allowedFiles = newList();
var loadingFile = null, loadingRoot = null, loadingStart = 0;
var current = null, currentTest = null;
var builtins = ObjectCreate(null);

function newBlock(parent, name, file) {
  return { parent: parent, name: name, file: file, beforeAll: newList(), afterAll: newList(), beforeEach: newList(), afterEach: newList(), first: -1, last: -1, beforeAllError: undefined, beforeAllFailed: false };
}
function titleOf(x) {
  if (typeof x === 'string') return x;
  if (typeof x === 'function') { try { if (typeof x.name === 'string') return x.name; } catch (e) {} return '[function]'; }
  return fmt(x);
}
function fullName(block, name) {
  var parts = newList(), out = '';
  for (var b = block; b && b.parent; b = b.parent) push(parts, b.name);
  for (var i = parts.length - 1; i >= 0; i--) out += parts[i] + ' > ';
  return out + name;
}
/** "    at f (file:1:2)": a stack frame line (V8 puts the error message first; QuickJS does not). */
function isFrameLine(line) {
  var at = ReflectApply(StringProtoIndexOf, line, ['at ']);
  if (at < 0) return false;
  for (var i = 0; i < at; i++) { var c = ReflectApply(StringProtoCharCodeAt, line, [i]); if (c !== 32 && c !== 9) return false; }
  return true;
}
/** The first stack frame outside this runner and outside native code, as "file:line:col" (indexOf-based: this runs once per declared test). */
function callerLocation() {
  var st = '';
  try { var e = new ErrorCtor(); var d = ObjectGetOwnPropertyDescriptor(e, 'stack'); if (d && typeof d.value === 'string') st = d.value; } catch (x) {}
  var from = 0;
  while (from < st.length) {
    var nl = ReflectApply(StringProtoIndexOf, st, ['\n', from]);
    if (nl < 0) nl = st.length;
    var line = ReflectApply(StringProtoSlice, st, [from, nl]);
    from = nl + 1;
    if (!isFrameLine(line)) continue;
    var open = ReflectApply(StringProtoLastIndexOf, line, ['(']);
    var loc = open >= 0 ? ReflectApply(StringProtoSlice, line, [open + 1, line.length - 1]) : ReflectApply(StringProtoSlice, line, [ReflectApply(StringProtoIndexOf, line, ['at ']) + 3]);
    if (loc === 'native' || loc === '' || ReflectApply(StringProtoIndexOf, loc, [RUNNER_MARK]) !== -1 || ReflectApply(StringProtoIndexOf, loc, ['node:']) === 0) continue;
    return loc;
  }
  return '';
}
/** Only test files may declare tests: a module under test that calls it()/describe() is refused. */
function assertDeclaring(what) {
  if (loadingFile === null) throw new TypeErrorCtor(what + '() may only be called while a test file is loading');
  var loc = callerLocation();
  for (var i = 0; i < allowedFiles.length; i++) {
    var f = allowedFiles[i], k = call(StringProtoIndexOf, loc, f + ':');
    if (k === 0 || (k > 0 && call(StringProtoCharCodeAt, loc, k - 1) === 47 && k + f.length + 1 <= loc.length)) return;
  }
  throw new TypeErrorCtor(what + '() called from ' + (loc || 'unknown code') + ': only test files may declare tests');
}
function addTest(name, fn) {
  var t = { index: tests.length, file: loadingFile, name: fullName(current, titleOf(name)), fn: fn, block: current,
    assertions: 0, expectedAssertions: 0, errored: false, error: undefined, errorPhase: '', done: false };
  if (typeof fn !== 'function') { t.errored = true; t.error = new TypeErrorCtor('test "' + t.name + '" has no function'); }
  push(tests, t);
}
function describe(name, fn) {
  assertDeclaring('describe');
  var b = newBlock(current, titleOf(name), loadingFile), prev = current;
  current = b;
  try {
    if (typeof fn !== 'function') throw new TypeErrorCtor('describe "' + titleOf(name) + '" needs a function');
    var r = fn();
    if (thenableOf(r)) throw new TypeErrorCtor('describe callbacks must be synchronous');
  } catch (e) {
    addTest('(describe failed)', function () { throw e; });
  } finally {
    current = prev;
  }
}
function it(name, fn) { assertDeclaring('it'); if (fn === undefined) return; addTest(name, fn); }
function skip() { assertDeclaring('skip'); }
function each(table) {
  return function (name, fn) {
    assertDeclaring('each');
    var rows = table, n = rows.length, title = titleOf(name);
    for (var r = 0; r < n; r++) (function (row) {
      var args = ArrayIsArray(row) ? row : [row], k = 0, t = '', i = 0;
      while (i < title.length) {
        var c = call(StringProtoCharCodeAt, title, i);
        if (c === 37 && i + 1 < title.length) {
          var d = call(StringProtoSlice, title, i + 1, i + 2);
          if (d === '%') { t += '%'; i += 2; continue; }
          if (call(StringProtoIndexOf, 'sdipjof#', d) !== -1) { t += d === '#' ? StringCtor(r) : d === 's' && typeof args[k] === 'string' ? args[k++] : fmt(args[k++]); i += 2; continue; }
        }
        t += call(StringProtoSlice, title, i, i + 1); i++;
      }
      addTest(t, function () { return ReflectApply(fn, undefined, args); });
    })(rows[r]);
  };
}
function hook(kind) {
  return function (fn) {
    assertDeclaring(kind);
    if (typeof fn !== 'function') throw new TypeErrorCtor(kind + ' needs a function');
    push(current[kind], fn);
  };
}

// Virtual timers: time advances only when nothing else can run, so tests that wait are fast and deterministic.
var timers = newList(), timerSeq = 0, timerNow = 0;
function addTimer(fn, ms, args, repeat) {
  if (typeof fn !== 'function') throw new TypeErrorCtor('timer callback must be a function');
  var delay = typeof ms === 'number' && ms > 0 ? ms : 0, id = ++timerSeq;
  push(timers, { id: id, at: timerNow + delay, delay: delay, fn: fn, args: args, repeat: repeat, live: true });
  return id;
}
function restArgs(a, from) { var out = []; for (var i = from; i < a.length; i++) out[i - from] = a[i]; return out; }
function setTimeout(fn, ms) { return addTimer(fn, ms, restArgs(arguments, 2), false); }
function setInterval(fn, ms) { return addTimer(fn, ms, restArgs(arguments, 2), true); }
function setImmediate(fn) { return addTimer(fn, 0, restArgs(arguments, 1), false); }
function clearTimer(id) { for (var i = 0; i < timers.length; i++) if (timers[i].id === id) timers[i].live = false; }
function queueMicrotask(fn) { call(PromiseProtoThen, call(PromiseResolve, PromiseCtor), function () { fn(); }); }
/** Fires the earliest live timer; 0 when none is left (a pending test can then never finish). */
function tick() {
  var best = null;
  for (var i = 0; i < timers.length; i++) { var t = timers[i]; if (t.live && (best === null || t.at < best.at || (t.at === best.at && t.id < best.id))) best = t; }
  if (best === null) { timers = newList(); return 0; }
  if (best.at > timerNow) timerNow = best.at;
  if (best.repeat) best.at = timerNow + (best.delay > 0 ? best.delay : 1); else best.live = false;
  try { ReflectApply(best.fn, undefined, best.args); } catch (e) { if (currentTest && !currentTest.done) noteError(currentTest, 'test', null, e); }
  return 1;
}

function logger(level) {
  return function () {
    var text = '';
    for (var i = 0; i < arguments.length; i++) { var a = arguments[i]; text += (i ? ' ' : '') + (typeof a === 'string' ? a : fmt(a)); }
    hostLog(level, text);
  };
}
var console = { log: logger('log'), info: logger('info'), debug: logger('debug'), warn: logger('warn'), error: logger('error'), trace: logger('trace'), dir: logger('log') };

function noteError(t, phase, block, e) {
  if (phase === 'beforeAll' && block) { block.beforeAllFailed = true; block.beforeAllError = e; }
  if (t.errored) return;
  t.errored = true; t.error = e; t.errorPhase = phase;
}
function invoke(fn) {
  if (fn.length === 0) return fn();
  return new PromiseCtor(function (resolve, reject) {
    var called = false;
    fn(function done(err) { if (called) return; called = true; if (err !== undefined && err !== null) reject(err); else resolve(); });
  });
}
function stepsFor(t) {
  var chain = newList(), steps = newList(), i, j, b;
  for (b = t.block; b; b = b.parent) push(chain, b);
  for (i = chain.length - 1; i >= 0; i--) { b = chain[i]; if (b.first === t.index) for (j = 0; j < b.beforeAll.length; j++) push(steps, { fn: b.beforeAll[j], phase: 'beforeAll', block: b }); }
  for (i = chain.length - 1; i >= 0; i--) { b = chain[i]; for (j = 0; j < b.beforeEach.length; j++) push(steps, { fn: b.beforeEach[j], phase: 'beforeEach', block: b }); }
  push(steps, { fn: t.fn, phase: 'test', block: t.block });
  for (i = 0; i < chain.length; i++) { b = chain[i]; for (j = 0; j < b.afterEach.length; j++) push(steps, { fn: b.afterEach[j], phase: 'afterEach', block: b }); }
  for (i = 0; i < chain.length; i++) { b = chain[i]; if (b.last === t.index) for (j = 0; j < b.afterAll.length; j++) push(steps, { fn: b.afterAll[j], phase: 'afterAll', block: b }); }
  for (i = 0; i < chain.length; i++) if (chain[i].beforeAllFailed && !t.errored) { t.errored = true; t.error = chain[i].beforeAllError; t.errorPhase = 'beforeAll'; }
  return steps;
}
function isAfter(phase) { return phase === 'afterEach' || phase === 'afterAll'; }
/** Runs steps from k on; returns true when the test finished synchronously. */
function advance(t, steps, k) {
  for (; k < steps.length; k++) {
    var s = steps[k];
    if (t.errored && !isAfter(s.phase)) continue;
    var r;
    try { r = invoke(s.fn); } catch (e) { noteError(t, s.phase, s.block, e); continue; }
    if (thenableOf(r)) {
      var next = k + 1, step = s;
      try {
        var p = isNativePromise(r) ? r : call(PromiseResolve, PromiseCtor, r);
        call(PromiseProtoThen, p,
          function () { if (!t.done) advance(t, steps, next); },
          function (e) { if (!t.done) { noteError(t, step.phase, step.block, e); advance(t, steps, next); } });
      } catch (e) { noteError(t, s.phase, s.block, e); continue; }
      return false;
    }
  }
  finish(t);
  return true;
}
function errorFlags(e) {
  if (InternalErrorCtor !== null && instanceOf(e, InternalErrorCtor)) {
    var m = thrownMessage(e);
    if (m === 'out of memory') return 'memory';
  }
  return '';
}
/** The guest's stack frames only: the runner's own frames say nothing useful to a reader. */
function guestStack(st) {
  var lines = call(StringProtoSplit, st, '\n'), out = '';
  for (var i = 0; i < lines.length; i++) {
    var l = lines[i];
    if (!isFrameLine(l) || call(StringProtoIndexOf, l, RUNNER_MARK) !== -1 || call(StringProtoIndexOf, l, '(native)') !== -1 || call(StringProtoIndexOf, l, 'node:internal') !== -1) continue;
    out += (out ? '\n' : '') + l;
  }
  return out;
}
function describeFailure(e) {
  if (isAssertionError(e)) return thrownMessage(e);
  if (instanceOf(e, ErrorCtor)) { var st = guestStack(stackOf(e)); return errorText(e) + (st ? '\n' + st : ''); }
  return 'thrown value: ' + fmt(e);
}
function finish(t) {
  t.done = true;
  if (currentTest === t) currentTest = null;
  var status = 'passed', message = '', flags = '';
  if (t.errored) {
    status = isAssertionError(t.error) ? 'failed' : 'error';
    message = (t.errorPhase && t.errorPhase !== 'test' ? 'in ' + t.errorPhase + ': ' : '') + describeFailure(t.error);
    flags = errorFlags(t.error);
  } else if (t.expectedAssertions > 0 && t.assertions !== t.expectedAssertions) {
    status = 'failed'; message = 'expected ' + t.expectedAssertions + ' assertions, got ' + t.assertions;
  } else if (t.expectedAssertions < 0 && t.assertions === 0) {
    status = 'failed'; message = 'expected at least one assertion';
  }
  hostReport(t.index, status, message, flags);
}

var control = {
  /** Test files that may declare tests; set once before loading. */
  allow: function (file) { push(allowedFiles, file); },
  beginFile: function (file) { loadingFile = file; loadingStart = tests.length; loadingRoot = newBlock(null, '', file); current = loadingRoot; },
  /** A test file that failed to load contributes no tests (as in jest). */
  endFile: function (ok) { if (!ok) tests.length = loadingStart; loadingFile = null; current = null; },
  /** Fixes hook ranges and returns "file\u0001name" per test, joined by "\u0000". */
  prepare: function () {
    var out = '';
    for (var i = 0; i < tests.length; i++) {
      var t = tests[i];
      for (var b = t.block; b; b = b.parent) { if (b.first < 0) b.first = i; b.last = i; }
      out += (i ? '\u0001' : '') + t.file + '\u0002' + t.name;
    }
    return out;
  },
  run: function (i) { var t = tests[i]; currentTest = t; return advance(t, stepsFor(t), 0) ? 1 : 0; },
  tick: tick,
};
`;
