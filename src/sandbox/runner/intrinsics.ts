// Guest-side runner, part 1: snapshots of every built-in the runner relies on, taken before any guest code
// runs, plus value formatting and deep equality built only on those snapshots. A guest that later swaps
// Object.is, JSON.stringify, Array.prototype.* or Function.prototype.call cannot change how the runner
// judges a test. This text is evaluated inside the sandbox (QuickJS) or in the runner script (Node); it is
// plain ES2020 with no backticks so it can live in a String.raw literal.
export const INTRINSICS_JS = String.raw`
var G = globalThis;
var ObjectCtor = Object, ArrayCtor = Array, StringCtor = String, ErrorCtor = Error, TypeErrorCtor = TypeError;
var PromiseCtor = Promise, MapCtor = Map, SetCtor = Set, WeakMapCtor = WeakMap, DateCtor = Date, RegExpCtor = RegExp;
var ReflectApply = Reflect.apply, ReflectOwnKeys = Reflect.ownKeys;
var ObjectIs = Object.is, ObjectKeys = Object.keys, ObjectFreeze = Object.freeze, ObjectCreate = Object.create;
var ObjectGetPrototypeOf = Object.getPrototypeOf, ObjectDefineProperty = Object.defineProperty;
var ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor, ObjectGetOwnPropertyNames = Object.getOwnPropertyNames;
var ObjectGetOwnPropertySymbols = Object.getOwnPropertySymbols;
var ObjectProtoToString = Object.prototype.toString, ObjectProtoHasOwn = Object.prototype.hasOwnProperty;
var ObjectProtoPropertyIsEnumerable = Object.prototype.propertyIsEnumerable;
var ArrayIsArray = Array.isArray, ArrayProtoJoin = Array.prototype.join;
var JSONStringify = JSON.stringify, MathAbs = Math.abs, MathPow = Math.pow, MathMin = Math.min;
var NumberIsNaN = Number.isNaN, NumberIsFinite = Number.isFinite;
var StringProtoIndexOf = String.prototype.indexOf, StringProtoLastIndexOf = String.prototype.lastIndexOf, StringProtoSlice = String.prototype.slice;
var StringProtoSplit = String.prototype.split, StringProtoCharCodeAt = String.prototype.charCodeAt;
var RegExpProtoTest = RegExp.prototype.test;
var RegExpSourceGet = Object.getOwnPropertyDescriptor(RegExp.prototype, 'source').get;
var RegExpFlagsGet = Object.getOwnPropertyDescriptor(RegExp.prototype, 'flags').get;
var DateProtoGetTime = Date.prototype.getTime;
var SymbolProtoToString = Symbol.prototype.toString;
var FunctionProtoToString = Function.prototype.toString;
var PromiseProtoThen = Promise.prototype.then, PromiseResolve = Promise.resolve;
var MapProtoForEach = Map.prototype.forEach, MapProtoHas = Map.prototype.has, MapProtoGet = Map.prototype.get;
var MapProtoSet = Map.prototype.set;
var MapSizeGet = Object.getOwnPropertyDescriptor(Map.prototype, 'size').get;
var SetProtoForEach = Set.prototype.forEach, SetProtoHas = Set.prototype.has, SetProtoAdd = Set.prototype.add;
var SetSizeGet = Object.getOwnPropertyDescriptor(Set.prototype, 'size').get;
var WeakMapProtoGet = WeakMap.prototype.get, WeakMapProtoSet = WeakMap.prototype.set, WeakMapProtoHas = WeakMap.prototype.has;
var ArrayBufferIsView = ArrayBuffer.isView;
var Uint8ArrayCtor = Uint8Array;
var TypedArrayLengthGet = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), 'length').get;

/** fn.call(self, ...) without trusting Function.prototype.call (at most three arguments are ever passed). */
function call(fn, self, a, b, c) {
  switch (arguments.length) {
    case 2: return ReflectApply(fn, self, []);
    case 3: return ReflectApply(fn, self, [a]);
    case 4: return ReflectApply(fn, self, [a, b]);
    default: return ReflectApply(fn, self, [a, b, c]);
  }
}
/** An append-only list with no prototype: guest setters on Array.prototype cannot intercept writes. */
function newList() { var l = ObjectCreate(null); l.length = 0; return l; }
function push(list, v) { list[list.length] = v; list.length = list.length + 1; }
function isObject(v) { return v !== null && (typeof v === 'object' || typeof v === 'function'); }
function hasOwn(o, k) { return call(ObjectProtoHasOwn, o, k); }
function tagOf(v) { try { return call(ObjectProtoToString, v); } catch (e) { return '[object Object]'; } }
/** instanceof without Symbol.hasInstance or proxies' getPrototypeOf trap surprises beyond the guest's own object. */
function instanceOf(v, ctor) {
  if (!isObject(v) || typeof ctor !== 'function') return false;
  var proto;
  try { proto = ctor.prototype; } catch (e) { return false; }
  try {
    for (var p = ObjectGetPrototypeOf(v), n = 0; p !== null && n < 10000; p = ObjectGetPrototypeOf(p), n++) if (p === proto) return true;
  } catch (e) { return false; }
  return false;
}
function isNativePromise(v) {
  if (!isObject(v)) return false;
  try { call(PromiseProtoThen, v, undefined, undefined); return true; } catch (e) { return false; }
}
function thenableOf(v) {
  if (!isObject(v)) return null;
  var t;
  try { t = v.then; } catch (e) { return null; }
  return typeof t === 'function' ? v : null;
}
function clip(s, n) { return s.length > n ? call(StringProtoSlice, s, 0, n) + '…' : s; }

/** A readable, bounded rendering of any guest value; never throws and never trusts the value's own methods. */
function fmt(v, depth) {
  if (depth === undefined) depth = 0;
  try {
    switch (typeof v) {
      case 'string': return depth === 0 && v.length > 400 ? JSONStringify(clip(v, 400)) : JSONStringify(v);
      case 'number': return ObjectIs(v, -0) ? '-0' : StringCtor(v);
      case 'bigint': return StringCtor(v) + 'n';
      case 'boolean': case 'undefined': return StringCtor(v);
      case 'symbol': return call(SymbolProtoToString, v);
      case 'function': { var fname = ''; try { fname = v.name; } catch (e) {} return '[Function' + (typeof fname === 'string' && fname ? ' ' + fname : '') + ']'; }
    }
    if (v === null) return 'null';
    if (instanceOf(v, ErrorCtor)) return errorText(v);
    if (depth > 2) return ArrayIsArray(v) ? '[Array]' : '[Object]';
    var tag = tagOf(v), parts = [], i, n = 0;
    if (ArrayIsArray(v)) {
      var len = v.length;
      for (i = 0; i < len && i < 20; i++) parts[i] = fmt(v[i], depth + 1);
      if (len > 20) parts[20] = '… ' + (len - 20) + ' more';
      return '[' + call(ArrayProtoJoin, parts, ', ') + ']';
    }
    if (tag === '[object Date]') return 'Date(' + call(DateProtoGetTime, v) + ')';
    if (tag === '[object RegExp]') return '/' + call(RegExpSourceGet, v) + '/' + call(RegExpFlagsGet, v);
    if (tag === '[object Map]') {
      call(MapProtoForEach, v, function (val, key) { if (n < 20) parts[n] = fmt(key, depth + 1) + ' => ' + fmt(val, depth + 1); n++; });
      return 'Map {' + call(ArrayProtoJoin, parts, ', ') + '}';
    }
    if (tag === '[object Set]') {
      call(SetProtoForEach, v, function (val) { if (n < 20) parts[n] = fmt(val, depth + 1); n++; });
      return 'Set {' + call(ArrayProtoJoin, parts, ', ') + '}';
    }
    var keys = ObjectKeys(v);
    for (i = 0; i < keys.length && i < 20; i++) parts[i] = fmt(keys[i], 1) + ': ' + fmt(v[keys[i]], depth + 1);
    if (keys.length > 20) parts[20] = '…';
    return '{' + call(ArrayProtoJoin, parts, ', ') + '}';
  } catch (e) {
    return '[unprintable ' + typeof v + ']';
  }
}
function errorText(e) {
  var name = 'Error', message = '';
  try { var nm = e.name; if (typeof nm === 'string') name = nm; } catch (x) {}
  try { var m = e.message; if (typeof m === 'string') message = m; } catch (x) {}
  return clip(name + (message ? ': ' + message : ''), 2000);
}
/** The message of any thrown value, for toThrow('text') and assert.throws. */
function thrownMessage(e) {
  if (isObject(e)) { try { var m = e.message; if (typeof m === 'string') return m; } catch (x) {} return ''; }
  return typeof e === 'string' ? e : fmt(e);
}
function stackOf(e) {
  if (!isObject(e)) return '';
  try { var d = ObjectGetOwnPropertyDescriptor(e, 'stack'); if (d && typeof d.value === 'string') return clip(d.value, 1500); } catch (x) {}
  return '';
}

var LOOSE = 0, EQUAL = 1, STRICT = 2;
/** Deep equality. LOOSE = node assert.deepEqual, EQUAL = jest toEqual, STRICT = toStrictEqual / deepStrictEqual. */
function deepEqual(a, b, mode) { return deq(a, b, mode, newList()); }
function deq(a, b, mode, seen) {
  if (ObjectIs(a, b)) return true;
  if (!isObject(a) || !isObject(b)) {
    if (mode === LOOSE && !isObject(a) && !isObject(b)) return a == b;
    if (mode !== STRICT && typeof a === 'number' && typeof b === 'number') return a === b;
    return false;
  }
  if (typeof a === 'function' || typeof b === 'function') return false;
  for (var s = 0; s < seen.length; s++) if (seen[s][0] === a && seen[s][1] === b) return true;
  push(seen, [a, b]);
  var ta = tagOf(a), tb = tagOf(b);
  if (ta !== tb) return false;
  if (mode === STRICT && ObjectGetPrototypeOf(a) !== ObjectGetPrototypeOf(b)) return false;
  if (ArrayIsArray(a) !== ArrayIsArray(b)) return false;
  if (ta === '[object Date]') return ObjectIs(call(DateProtoGetTime, a), call(DateProtoGetTime, b));
  if (ta === '[object RegExp]') return call(RegExpSourceGet, a) === call(RegExpSourceGet, b) && call(RegExpFlagsGet, a) === call(RegExpFlagsGet, b);
  if (instanceOf(a, ErrorCtor) && instanceOf(b, ErrorCtor)) {
    if (a.message !== b.message || a.name !== b.name) return false;
    if (mode !== STRICT) return true;
  }
  if (ta === '[object Number]' || ta === '[object String]' || ta === '[object Boolean]') {
    if (!ObjectIs(a.valueOf(), b.valueOf())) return false;
  }
  if (ArrayBufferIsView(a)) {
    if (!ArrayBufferIsView(b)) return false;
    var la, lb;
    try { la = call(TypedArrayLengthGet, a); lb = call(TypedArrayLengthGet, b); } catch (e) { la = -1; lb = -2; }
    if (la !== lb) return false;
    for (var t = 0; t < la; t++) if (!ObjectIs(a[t], b[t])) return false;
    return true;
  }
  if (ta === '[object Map]') {
    if (call(MapSizeGet, a) !== call(MapSizeGet, b)) return false;
    var okMap = true;
    call(MapProtoForEach, a, function (va, ka) {
      if (!okMap) return;
      if (call(MapProtoHas, b, ka)) { if (!deq(va, call(MapProtoGet, b, ka), mode, seen)) okMap = false; return; }
      var found = false;
      call(MapProtoForEach, b, function (vb, kb) { if (!found && deq(ka, kb, mode, seen) && deq(va, vb, mode, seen)) found = true; });
      if (!found) okMap = false;
    });
    if (!okMap) return false;
  }
  if (ta === '[object Set]') {
    if (call(SetSizeGet, a) !== call(SetSizeGet, b)) return false;
    var okSet = true;
    call(SetProtoForEach, a, function (va) {
      if (!okSet || call(SetProtoHas, b, va)) return;
      var found = false;
      call(SetProtoForEach, b, function (vb) { if (!found && deq(va, vb, mode, seen)) found = true; });
      if (!found) okSet = false;
    });
    if (!okSet) return false;
  }
  if (ArrayIsArray(a)) {
    if (a.length !== b.length) return false;
    for (var i = 0; i < a.length; i++) {
      if (mode === STRICT && hasOwn(a, i) !== hasOwn(b, i)) return false;
      if (!deq(a[i], b[i], mode, seen)) return false;
    }
  }
  return sameKeys(a, b, mode, seen);
}
function ownEnumerableKeys(o, mode) {
  var keys = ObjectKeys(o), out = newList();
  for (var i = 0; i < keys.length; i++) {
    var k = keys[i];
    if (ArrayIsArray(o) && isIndex(k)) continue;
    if (mode === EQUAL && o[k] === undefined) continue;
    push(out, k);
  }
  if (mode === STRICT) {
    var syms = ObjectGetOwnPropertySymbols(o);
    for (var j = 0; j < syms.length; j++) if (call(ObjectProtoPropertyIsEnumerable, o, syms[j])) push(out, syms[j]);
  }
  return out;
}
function isIndex(k) { var c = call(StringProtoCharCodeAt, k, 0); return c >= 48 && c <= 57 && StringCtor(k >>> 0) === k; }
function sameKeys(a, b, mode, seen) {
  var ka = ownEnumerableKeys(a, mode), kb = ownEnumerableKeys(b, mode);
  if (ka.length !== kb.length) return false;
  for (var i = 0; i < ka.length; i++) {
    var k = ka[i];
    if (!hasOwn(b, k)) return false;
    if (!deq(a[k], b[k], mode, seen)) return false;
  }
  return true;
}
/** expect(x).toMatchObject(subset): every property of subset matches, recursively. */
function matchesSubset(obj, subset, seen) {
  if (!isObject(subset) || !isObject(obj)) return deq(obj, subset, EQUAL, newList());
  if (ArrayIsArray(subset)) {
    if (!ArrayIsArray(obj) || obj.length !== subset.length) return false;
    for (var i = 0; i < subset.length; i++) if (!matchesSubset(obj[i], subset[i], seen)) return false;
    return true;
  }
  var keys = ObjectKeys(subset);
  for (var j = 0; j < keys.length; j++) {
    var k = keys[j];
    if (!(k in obj)) return false;
    if (!matchesSubset(obj[k], subset[k], seen)) return false;
  }
  return true;
}
`;
