// Guest-side runner, part 4: installs the test API as non-writable, non-configurable globals of frozen
// objects, and (QuickJS only) hardens the realm's built-ins: prototypes, constructors and namespaces are
// frozen so code under test cannot change what Array.prototype.includes or JSON.stringify do for the tests.
export const GLOBALS_JS = String.raw`
function deepFreeze(root) {
  var stack = [root], seen = new WeakMapCtor();
  while (stack.length) {
    var o = stack.pop();
    if (!isObject(o) || call(WeakMapProtoHas, seen, o)) continue;
    call(WeakMapProtoSet, seen, o, true);
    var keys = ReflectOwnKeys(o);
    for (var i = 0; i < keys.length; i++) {
      var d = ObjectGetOwnPropertyDescriptor(o, keys[i]);
      if ('value' in d) stack[stack.length] = d.value; else { stack[stack.length] = d.get; stack[stack.length] = d.set; }
    }
    ObjectFreeze(o);
  }
  return root;
}
it.skip = skip; it.todo = skip; it.only = it; it.each = each;
describe.skip = skip; describe.only = describe; describe.each = function (table) {
  return function (name, fn) {
    assertDeclaring('describe.each');
    for (var r = 0; r < table.length; r++) (function (row) {
      var args = ArrayIsArray(row) ? row : [row];
      describeUnchecked(titleOf(name) + ' ' + fmt(args), function () { return ReflectApply(fn, undefined, args); });
    })(table[r]);
  };
};
function describeUnchecked(name, fn) {
  var b = newBlock(current, name, loadingFile), prev = current;
  current = b;
  try { fn(); } catch (e) { addTest('(describe failed)', function () { throw e; }); } finally { current = prev; }
}
var api = {
  describe: describe, it: it, test: it, xit: skip, xtest: skip, xdescribe: skip, fit: it, fdescribe: describe,
  expect: expect, assert: assert,
  beforeAll: hook('beforeAll'), afterAll: hook('afterAll'), beforeEach: hook('beforeEach'), afterEach: hook('afterEach'),
  setTimeout: setTimeout, clearTimeout: clearTimer, setInterval: setInterval, clearInterval: clearTimer,
  setImmediate: setImmediate, clearImmediate: clearTimer, queueMicrotask: queueMicrotask, console: console,
};
var apiNames = ObjectKeys(api);
for (var ai = 0; ai < apiNames.length; ai++) {
  deepFreeze(api[apiNames[ai]]);
  ObjectDefineProperty(G, apiNames[ai], { value: api[apiNames[ai]], writable: false, enumerable: false, configurable: false });
}
var globalsModule = ObjectCreate(null);
var globalNames = ['describe', 'it', 'test', 'expect', 'beforeAll', 'afterAll', 'beforeEach', 'afterEach', 'xit', 'xtest', 'xdescribe'];
for (var gi = 0; gi < globalNames.length; gi++) globalsModule[globalNames[gi]] = api[globalNames[gi]];
builtins['node:assert'] = assert; builtins['node:assert/strict'] = assert;
builtins['@jest/globals'] = ObjectFreeze(globalsModule); builtins['vitest'] = globalsModule;
ObjectFreeze(builtins);

/**
 * Assigning to a property that a frozen prototype holds throws (the "override mistake"), which would break
 * ordinary code such as this.name = 'MyError'. These few properties become accessors whose setter defines an
 * own property on the receiver instead, so normal code keeps working and the prototype stays untouched.
 */
function allowOverride(obj, key) {
  var d = ObjectGetOwnPropertyDescriptor(obj, key);
  if (!d || !('value' in d) || !d.configurable) return;
  var value = d.value;
  ObjectDefineProperty(obj, key, {
    get: ObjectFreeze(function () { return value; }),
    set: ObjectFreeze(function (v) {
      if (this === obj || !isObject(this)) throw new TypeErrorCtor('Cannot assign to read only property ' + StringCtor(key) + ' of a built-in');
      ObjectDefineProperty(this, key, { value: v, writable: true, enumerable: true, configurable: true });
    }),
    enumerable: d.enumerable, configurable: false,
  });
}
/**
 * QuickJS lets Object.defineProperty replace a non-configurable property of the global object (a quirk of its
 * global-variable storage), which would let a guest swap JSON, expect or Array for the tests. Every path
 * that defines properties is wrapped so the global object's non-configurable properties stay as they are.
 */
function keyText(key) { return typeof key === 'symbol' ? call(SymbolProtoToString, key) : StringCtor(key); }
/**
 * The global object is what exploit and functional tests observe through, so a guest may add ordinary globals
 * but not blind it: no accessor, read-only or non-deletable global of its own, no new prototype, no freezing.
 */
function guardGlobalDefine(key, desc) {
  var cur = ObjectGetOwnPropertyDescriptor(G, key);
  if (cur && !cur.configurable) throw new TypeErrorCtor('Cannot redefine property: ' + keyText(key));
  if (!isObject(desc)) return;
  var bad = 'get' in desc || 'set' in desc || (cur ? desc.writable === false || desc.configurable === false : desc.writable !== true || desc.configurable !== true);
  if (bad) throw new TypeErrorCtor('the sandbox allows only plain writable, configurable properties on the global object: ' + keyText(key));
}
function refuseGlobal(what) { throw new TypeErrorCtor(what + ' of the global object is not allowed in the sandbox'); }
function guardDefiners() {
  var ObjectProto = ObjectCtor.prototype, RealReflectDefine = Reflect.defineProperty, RealDefineProperties = ObjectCtor.defineProperties;
  var legacyGetter = ObjectProto.__defineGetter__, legacySetter = ObjectProto.__defineSetter__;
  var RealSetProto = ObjectCtor.setPrototypeOf, RealReflectSetProto = Reflect.setPrototypeOf;
  var RealPrevent = ObjectCtor.preventExtensions, RealReflectPrevent = Reflect.preventExtensions;
  var RealFreeze = ObjectCtor.freeze, RealSeal = ObjectCtor.seal;
  var protoDesc = ObjectGetOwnPropertyDescriptor(ObjectProto, '__proto__');
  var wrapped = {
    defineProperty: function defineProperty(o, k, d) { if (o === G) guardGlobalDefine(k, d); return ObjectDefineProperty(o, k, d); },
    defineProperties: function defineProperties(o, props) {
      if (o === G && isObject(props)) { var keys = ReflectOwnKeys(props); for (var i = 0; i < keys.length; i++) guardGlobalDefine(keys[i], props[keys[i]]); }
      return RealDefineProperties(o, props);
    },
    reflectDefine: function defineProperty(o, k, d) { if (o === G) { try { guardGlobalDefine(k, d); } catch (e) { return false; } } return RealReflectDefine(o, k, d); },
    defineGetter: function __defineGetter__(k, f) { if (this === G) guardGlobalDefine(k, { get: f }); return call(legacyGetter, this, k, f); },
    defineSetter: function __defineSetter__(k, f) { if (this === G) guardGlobalDefine(k, { set: f }); return call(legacySetter, this, k, f); },
    setPrototypeOf: function setPrototypeOf(o, p) { if (o === G) refuseGlobal('Changing the prototype'); return RealSetProto(o, p); },
    reflectSetProto: function setPrototypeOf(o, p) { return o === G ? false : RealReflectSetProto(o, p); },
    preventExtensions: function preventExtensions(o) { if (o === G) refuseGlobal('Preventing extensions'); return RealPrevent(o); },
    reflectPrevent: function preventExtensions(o) { return o === G ? false : RealReflectPrevent(o); },
    freeze: function freeze(o) { if (o === G) refuseGlobal('Freezing'); return RealFreeze(o); },
    seal: function seal(o) { if (o === G) refuseGlobal('Sealing'); return RealSeal(o); },
  };
  ObjectDefineProperty(ObjectCtor, 'defineProperty', { value: wrapped.defineProperty });
  ObjectDefineProperty(ObjectCtor, 'defineProperties', { value: wrapped.defineProperties });
  ObjectDefineProperty(Reflect, 'defineProperty', { value: wrapped.reflectDefine });
  ObjectDefineProperty(ObjectCtor, 'setPrototypeOf', { value: wrapped.setPrototypeOf });
  ObjectDefineProperty(Reflect, 'setPrototypeOf', { value: wrapped.reflectSetProto });
  ObjectDefineProperty(ObjectCtor, 'preventExtensions', { value: wrapped.preventExtensions });
  ObjectDefineProperty(Reflect, 'preventExtensions', { value: wrapped.reflectPrevent });
  ObjectDefineProperty(ObjectCtor, 'freeze', { value: wrapped.freeze });
  ObjectDefineProperty(ObjectCtor, 'seal', { value: wrapped.seal });
  if (protoDesc && typeof protoDesc.set === 'function') {
    var realProtoSet = protoDesc.set;
    ObjectDefineProperty(ObjectProto, '__proto__', { get: protoDesc.get, set: function __proto__(p) { if (this === G) refuseGlobal('Changing the prototype'); return call(realProtoSet, this, p); } });
  }
  if (typeof legacyGetter === 'function') ObjectDefineProperty(ObjectProto, '__defineGetter__', { value: wrapped.defineGetter });
  if (typeof legacySetter === 'function') ObjectDefineProperty(ObjectProto, '__defineSetter__', { value: wrapped.defineSetter });
}
/**
 * Function source text would let a test tell the reference from a mutant by its text instead of its behaviour
 * (or let a patch read a hidden test's source): every function prints as native code, as built-ins do.
 */
function hideFunctionSource(fnProto) {
  var toString = function toString() {
    if (typeof this !== 'function') throw new TypeErrorCtor('Function.prototype.toString requires that "this" be a Function');
    var n = '';
    try { var d = ObjectGetOwnPropertyDescriptor(this, 'name'); if (d && typeof d.value === 'string') n = d.value; } catch (e) {}
    return 'function ' + n + '() {\n    [native code]\n}';
  };
  ObjectDefineProperty(fnProto, 'toString', { value: toString, writable: true, configurable: true });
}
function hardenRealm() {
  hideFunctionSource(ObjectGetPrototypeOf(function () {}));
  guardDefiners();
  var names = ObjectGetOwnPropertyNames(G), targets = [], gp = ObjectGetPrototypeOf, i;
  var fnProto = gp(function () {}), genFn = gp(function* () {}), asyncFn = gp(async function () {}), asyncGenFn = gp(async function* () {});
  var extra = [fnProto, genFn, genFn.prototype, gp(genFn.prototype), asyncFn, asyncGenFn, asyncGenFn.prototype, gp(asyncGenFn.prototype),
    gp([][Symbol.iterator]()), gp(''[Symbol.iterator]()), gp(new MapCtor()[Symbol.iterator]()), gp(new SetCtor()[Symbol.iterator]()),
    gp(/a/[Symbol.matchAll]('')), gp(Uint8ArrayCtor), gp(Uint8ArrayCtor.prototype)];
  var overridable = [[ObjectCtor.prototype, ['toString', 'valueOf', 'constructor', 'toLocaleString', 'hasOwnProperty', 'isPrototypeOf']],
    [fnProto, ['toString', 'constructor']], [ArrayCtor.prototype, ['toString', 'constructor']], [PromiseCtor.prototype, ['constructor']]];
  var errorNames = ['Error', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError', 'InternalError', 'AggregateError'];
  for (i = 0; i < errorNames.length; i++) { var E = G[errorNames[i]]; if (typeof E === 'function') overridable[overridable.length] = [E.prototype, ['name', 'message', 'toString', 'constructor']]; }
  for (i = 0; i < overridable.length; i++) for (var k = 0; k < overridable[i][1].length; k++) allowOverride(overridable[i][0], overridable[i][1][k]);
  for (i = 0; i < names.length; i++) {
    var d = ObjectGetOwnPropertyDescriptor(G, names[i]);
    if (!('value' in d)) continue;
    var v = d.value;
    if (isObject(v) && v !== G) { targets[targets.length] = v; if (typeof v === 'function' && isObject(v.prototype)) targets[targets.length] = v.prototype; }
    if (d.configurable || d.writable) ObjectDefineProperty(G, names[i], { writable: false, configurable: false });
  }
  for (i = 0; i < extra.length; i++) targets[targets.length] = extra[i];
  for (i = 0; i < targets.length; i++) ObjectFreeze(targets[i]);
}
`;
