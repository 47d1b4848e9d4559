// Guest-side runner, part 2: `expect` (jest-style matchers) and `assert` (node:assert subset). Built only on
// the snapshots of part 1; every object handed to the guest is frozen, so the guest cannot patch a matcher.
export const EXPECT_JS = String.raw`
var assertionErrors = new WeakMapCtor();
function AssertionError(message) {
  var e = new ErrorCtor(message);
  ObjectDefineProperty(e, 'name', { value: 'AssertionError', enumerable: false });
  ObjectDefineProperty(e, 'code', { value: 'ERR_ASSERTION', enumerable: false });
  call(WeakMapProtoSet, assertionErrors, e, true);
  return e;
}
function isAssertionError(e) { return isObject(e) && call(WeakMapProtoHas, assertionErrors, e); }
function fail(message) { throw AssertionError(message); }

function expectedThrowMatches(e, expected) {
  if (expected === undefined) return true;
  if (typeof expected === 'string') return call(StringProtoIndexOf, thrownMessage(e), expected) !== -1;
  if (instanceOf(expected, RegExpCtor)) return call(RegExpProtoTest, expected, thrownMessage(e));
  if (typeof expected === 'function') {
    if (instanceOf(e, expected)) return true;
    // assert.throws also accepts a validation function (not a class).
    return false;
  }
  if (instanceOf(expected, ErrorCtor)) return thrownMessage(e) === thrownMessage(expected);
  if (isObject(expected)) return matchesSubset(e, expected, newList());
  return false;
}
function describeExpected(expected) {
  if (typeof expected === 'function') { try { return 'an instance of ' + (expected.name || 'the given class'); } catch (x) { return 'the given class'; } }
  return fmt(expected);
}
function callForThrow(fn) {
  if (typeof fn !== 'function') fail('expected a function to call, received ' + fmt(fn));
  try { fn(); } catch (e) { return { threw: true, error: e }; }
  return { threw: false, error: undefined };
}

/** As jest: ordering matchers compare numbers (or bigints) only, never objects with a custom valueOf. */
function requireNumbers(a, b, matcher) {
  var ta = typeof a, tb = typeof b;
  if ((ta !== 'number' && ta !== 'bigint') || (tb !== 'number' && tb !== 'bigint')) fail(matcher + ' needs numbers, received ' + fmt(a) + ' and ' + fmt(b));
}
/** The expectation being judged: set around each matcher call by judge(), read by the matcher bodies. */
var actual, negated;
function check(pass, positive, negative) {
  if (pass === negated) fail(negated ? negative() : positive());
}
var matcherImpls = {
  toBe: function (expected) {
    check(ObjectIs(actual, expected),
      function () { return 'expected ' + fmt(actual) + ' to be ' + fmt(expected) + (deepEqual(actual, expected, STRICT) ? ' (same structure, different identity)' : ''); },
      function () { return 'expected ' + fmt(actual) + ' not to be ' + fmt(expected); });
  },
  toEqual: function (expected) {
    check(deepEqual(actual, expected, EQUAL),
      function () { return 'expected ' + fmt(actual) + ' to equal ' + fmt(expected); },
      function () { return 'expected ' + fmt(actual) + ' not to equal ' + fmt(expected); });
  },
  toStrictEqual: function (expected) {
    check(deepEqual(actual, expected, STRICT),
      function () { return 'expected ' + fmt(actual) + ' to strictly equal ' + fmt(expected); },
      function () { return 'expected ' + fmt(actual) + ' not to strictly equal ' + fmt(expected); });
  },
  toMatchObject: function (expected) {
    check(matchesSubset(actual, expected, newList()),
      function () { return 'expected ' + fmt(actual) + ' to match object ' + fmt(expected); },
      function () { return 'expected ' + fmt(actual) + ' not to match object ' + fmt(expected); });
  },
  toThrow: function (expected) {
    var r = callForThrow(actual);
    if (!r.threw) { check(false, function () { return 'expected the function to throw' + (expected === undefined ? '' : ' ' + describeExpected(expected)) + ', but it returned'; }, function () { return ''; }); return; }
    check(expectedThrowMatches(r.error, expected),
      function () { return 'expected the function to throw ' + describeExpected(expected) + ', but it threw ' + fmt(r.error); },
      function () { return 'expected the function not to throw' + (expected === undefined ? '' : ' ' + describeExpected(expected)) + ', but it threw ' + fmt(r.error); });
  },
  toBeTruthy: function () { check(!!actual, function () { return 'expected ' + fmt(actual) + ' to be truthy'; }, function () { return 'expected ' + fmt(actual) + ' to be falsy'; }); },
  toBeFalsy: function () { check(!actual, function () { return 'expected ' + fmt(actual) + ' to be falsy'; }, function () { return 'expected ' + fmt(actual) + ' to be truthy'; }); },
  toBeNull: function () { check(actual === null, function () { return 'expected ' + fmt(actual) + ' to be null'; }, function () { return 'expected a value other than null'; }); },
  toBeUndefined: function () { check(actual === undefined, function () { return 'expected ' + fmt(actual) + ' to be undefined'; }, function () { return 'expected a value other than undefined'; }); },
  toBeDefined: function () { check(actual !== undefined, function () { return 'expected a defined value, received undefined'; }, function () { return 'expected undefined, received ' + fmt(actual); }); },
  toBeNaN: function () { check(typeof actual === 'number' && NumberIsNaN(actual), function () { return 'expected ' + fmt(actual) + ' to be NaN'; }, function () { return 'expected a value other than NaN'; }); },
  toBeInstanceOf: function (ctor) { check(instanceOf(actual, ctor), function () { return 'expected ' + fmt(actual) + ' to be ' + describeExpected(ctor); }, function () { return 'expected ' + fmt(actual) + ' not to be ' + describeExpected(ctor); }); },
  toContain: function (item) {
    var pass = false;
    if (typeof actual === 'string') pass = typeof item === 'string' && call(StringProtoIndexOf, actual, item) !== -1;
    else if (tagOf(actual) === '[object Set]') pass = call(SetProtoHas, actual, item);
    else if (isObject(actual)) { var n = actual.length; for (var i = 0; i < n && !pass; i++) if (actual[i] === item) pass = true; }
    check(pass, function () { return 'expected ' + fmt(actual) + ' to contain ' + fmt(item); }, function () { return 'expected ' + fmt(actual) + ' not to contain ' + fmt(item); });
  },
  toContainEqual: function (item) {
    var pass = false;
    if (isObject(actual)) { var n = actual.length; for (var i = 0; i < n && !pass; i++) if (deepEqual(actual[i], item, EQUAL)) pass = true; }
    check(pass, function () { return 'expected ' + fmt(actual) + ' to contain an item equal to ' + fmt(item); }, function () { return 'expected ' + fmt(actual) + ' not to contain an item equal to ' + fmt(item); });
  },
  toBeCloseTo: function (expected, digits) {
    var d = digits === undefined ? 2 : digits;
    var pass = typeof actual === 'number' && typeof expected === 'number' &&
      ((actual === Infinity && expected === Infinity) || (actual === -Infinity && expected === -Infinity) || MathAbs(expected - actual) < MathPow(10, -d) / 2);
    check(pass, function () { return 'expected ' + fmt(actual) + ' to be close to ' + fmt(expected) + ' (' + d + ' digits)'; }, function () { return 'expected ' + fmt(actual) + ' not to be close to ' + fmt(expected); });
  },
  toBeGreaterThan: function (n) { requireNumbers(actual, n, 'toBeGreaterThan'); check(actual > n, function () { return 'expected ' + fmt(actual) + ' > ' + fmt(n); }, function () { return 'expected ' + fmt(actual) + ' not > ' + fmt(n); }); },
  toBeGreaterThanOrEqual: function (n) { requireNumbers(actual, n, 'toBeGreaterThanOrEqual'); check(actual >= n, function () { return 'expected ' + fmt(actual) + ' >= ' + fmt(n); }, function () { return 'expected ' + fmt(actual) + ' not >= ' + fmt(n); }); },
  toBeLessThan: function (n) { requireNumbers(actual, n, 'toBeLessThan'); check(actual < n, function () { return 'expected ' + fmt(actual) + ' < ' + fmt(n); }, function () { return 'expected ' + fmt(actual) + ' not < ' + fmt(n); }); },
  toBeLessThanOrEqual: function (n) { requireNumbers(actual, n, 'toBeLessThanOrEqual'); check(actual <= n, function () { return 'expected ' + fmt(actual) + ' <= ' + fmt(n); }, function () { return 'expected ' + fmt(actual) + ' not <= ' + fmt(n); }); },
  toHaveLength: function (n) {
    var len;
    try { len = isObject(actual) || typeof actual === 'string' ? actual.length : undefined; } catch (e) { len = undefined; }
    check(len === n, function () { return 'expected length ' + fmt(n) + ', received ' + fmt(len) + ' for ' + fmt(actual); }, function () { return 'expected length other than ' + fmt(n); });
  },
  toMatch: function (pattern) {
    var pass = typeof actual === 'string' && (typeof pattern === 'string' ? call(StringProtoIndexOf, actual, pattern) !== -1 : instanceOf(pattern, RegExpCtor) && call(RegExpProtoTest, pattern, actual));
    check(pass, function () { return 'expected ' + fmt(actual) + ' to match ' + fmt(pattern); }, function () { return 'expected ' + fmt(actual) + ' not to match ' + fmt(pattern); });
  },
  toHaveProperty: function (path, value) {
    var hasValue = arguments.length >= 2;
    var parts = typeof path === 'string' ? call(StringProtoSplit, path, '.') : path, cur = actual, found = true;
    for (var i = 0; i < parts.length; i++) {
      if (!isObject(cur) && typeof cur !== 'string') { found = false; break; }
      if (!(parts[i] in ObjectCtor(cur))) { found = false; break; }
      cur = cur[parts[i]];
    }
    var pass = found && (!hasValue || deepEqual(cur, value, EQUAL));
    check(pass, function () { return 'expected ' + fmt(actual) + ' to have property ' + fmt(path) + (hasValue ? ' = ' + fmt(value) : ''); }, function () { return 'expected ' + fmt(actual) + ' not to have property ' + fmt(path); });
  },
};
matcherImpls.toThrowError = matcherImpls.toThrow;

// expect(x) returns a frozen object whose state lives in a WeakMap and whose matchers live on one frozen
// prototype: creating an expectation costs one object, not a closure per matcher.
var matcherStates = new WeakMapCtor();
var MatcherProto = ObjectCreate(null);
function stateOf(m) {
  var st = isObject(m) ? call(WeakMapProtoGet, matcherStates, m) : undefined;
  if (!st) throw new TypeErrorCtor('matchers must be called on the object expect() returned');
  return st;
}
function newMatcher(value, isNegated, mode) {
  var m = ObjectCreate(MatcherProto);
  call(WeakMapProtoSet, matcherStates, m, { actual: value, negated: isNegated, mode: mode });
  return ObjectFreeze(m);
}
function judge(st, key, args) {
  if (st.mode) return judgeAsync(st, key, args);
  var prevActual = actual, prevNegated = negated;
  actual = st.actual; negated = st.negated;
  try { return ReflectApply(matcherImpls[key], undefined, args); } finally { actual = prevActual; negated = prevNegated; }
}
/** expect(promise).resolves / .rejects: the matcher runs on the settled value and returns a promise. */
function judgeAsync(st, key, args) {
  var settled = call(PromiseResolve, PromiseCtor, st.actual), rejects = st.mode === 'rejects';
  return call(PromiseProtoThen, settled,
    function (v) {
      if (rejects) fail('expected the promise to reject, but it resolved with ' + fmt(v));
      return judge({ actual: v, negated: st.negated, mode: '' }, key, args);
    },
    function (e) {
      if (!rejects) fail('expected the promise to resolve, but it rejected with ' + fmt(e));
      // .rejects.toThrow(x) judges the rejection reason itself, as jest does.
      if (key === 'toThrow' || key === 'toThrowError') {
        if (expectedThrowMatches(e, args[0]) === st.negated) fail('expected the rejection ' + (st.negated ? 'not ' : '') + 'to match ' + describeExpected(args[0]) + ', got ' + fmt(e));
        return;
      }
      return judge({ actual: e, negated: st.negated, mode: '' }, key, args);
    });
}
(function () {
  var keys = ObjectKeys(matcherImpls);
  for (var i = 0; i < keys.length; i++) (function (key) {
    MatcherProto[key] = ObjectFreeze(function () { return judge(stateOf(this), key, arguments); });
  })(keys[i]);
  var views = { not: function (st) { return newMatcher(st.actual, !st.negated, st.mode); }, resolves: function (st) { return newMatcher(st.actual, st.negated, 'resolves'); }, rejects: function (st) { return newMatcher(st.actual, st.negated, 'rejects'); } };
  var names = ObjectKeys(views);
  for (var j = 0; j < names.length; j++) (function (view) {
    ObjectDefineProperty(MatcherProto, names[j], { get: ObjectFreeze(function () { return view(stateOf(this)); }), enumerable: false, configurable: false });
  })(views[names[j]]);
  ObjectFreeze(MatcherProto);
})();
function expect(value) {
  if (currentTest) currentTest.assertions++;
  return newMatcher(value, false, '');
}
expect.assertions = function (n) { if (currentTest) currentTest.expectedAssertions = n; };
expect.hasAssertions = function () { if (currentTest) currentTest.expectedAssertions = -1; };

function assert(value, message) { if (currentTest) currentTest.assertions++; if (!value) fail(message === undefined ? 'expected ' + fmt(value) + ' to be truthy' : StringCtor(message)); }
function counted(fn) { return function () { if (currentTest) currentTest.assertions++; return ReflectApply(fn, undefined, arguments); }; }
function msg(message, fallback) { return message === undefined ? fallback : instanceOf(message, ErrorCtor) ? thrownMessage(message) : StringCtor(message); }
assert.ok = counted(function (value, message) { if (!value) fail(msg(message, 'expected ' + fmt(value) + ' to be truthy')); });
assert.equal = counted(function (a, b, message) { if (!(a == b || (a !== a && b !== b))) fail(msg(message, fmt(a) + ' == ' + fmt(b))); });
assert.notEqual = counted(function (a, b, message) { if (a == b || (a !== a && b !== b)) fail(msg(message, fmt(a) + ' != ' + fmt(b))); });
assert.strictEqual = counted(function (a, b, message) { if (!ObjectIs(a, b)) fail(msg(message, 'expected ' + fmt(a) + ' to strictly equal ' + fmt(b))); });
assert.notStrictEqual = counted(function (a, b, message) { if (ObjectIs(a, b)) fail(msg(message, 'expected ' + fmt(a) + ' not to strictly equal ' + fmt(b))); });
assert.deepEqual = counted(function (a, b, message) { if (!deepEqual(a, b, LOOSE)) fail(msg(message, 'expected ' + fmt(a) + ' to deep-equal ' + fmt(b))); });
assert.notDeepEqual = counted(function (a, b, message) { if (deepEqual(a, b, LOOSE)) fail(msg(message, 'expected ' + fmt(a) + ' not to deep-equal ' + fmt(b))); });
assert.deepStrictEqual = counted(function (a, b, message) { if (!deepEqual(a, b, STRICT)) fail(msg(message, 'expected ' + fmt(a) + ' to deep-strict-equal ' + fmt(b))); });
assert.notDeepStrictEqual = counted(function (a, b, message) { if (deepEqual(a, b, STRICT)) fail(msg(message, 'expected ' + fmt(a) + ' not to deep-strict-equal ' + fmt(b))); });
assert.throws = counted(function (fn, expected, message) {
  if (typeof expected === 'string' && message === undefined) { message = expected; expected = undefined; }
  var r = callForThrow(fn);
  if (!r.threw) fail(msg(message, 'expected the function to throw'));
  if (!expectedThrowMatches(r.error, expected)) fail(msg(message, 'expected the function to throw ' + describeExpected(expected) + ', but it threw ' + fmt(r.error)));
});
assert.doesNotThrow = counted(function (fn, message) { var r = callForThrow(fn); if (r.threw) fail(msg(message, 'expected no throw, but it threw ' + fmt(r.error))); });
assert.rejects = counted(function (p, expected, message) {
  var settled = call(PromiseResolve, PromiseCtor, typeof p === 'function' ? p() : p);
  return call(PromiseProtoThen, settled,
    function () { fail(msg(message, 'expected the promise to reject')); },
    function (e) { if (!expectedThrowMatches(e, expected)) fail(msg(message, 'expected the rejection to be ' + describeExpected(expected) + ', but got ' + fmt(e))); });
});
assert.match = counted(function (s, re, message) { if (typeof s !== 'string' || !call(RegExpProtoTest, re, s)) fail(msg(message, 'expected ' + fmt(s) + ' to match ' + fmt(re))); });
assert.fail = function (message) { fail(message === undefined ? 'Failed' : StringCtor(message)); };
assert.AssertionError = AssertionError;
assert.strict = assert;
`;
