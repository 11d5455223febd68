// The one string crossing: parameters become the packed encoding before the wasm sees them
// (src/bindings/value.rs reads it), and what JSON would change or drop is refused with the
// field's dotted name — nothing is sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pack } from '../../src/core.js';
import { CiError } from '../../src/errors.js';

const refused = (value, what, field, message) =>
  assert.throws(() => pack(value, what), (e) => e instanceof CiError && e.code === 'InvalidArgument' && e.field === field && message.test(e.message), field);

test('plain data is packed as JSON.stringify would read it; undefined is absent', () => {
  assert.equal(pack(undefined, 'signing'), 'z');
  assert.equal(pack(null, 'signing'), 'z');
  assert.equal(
    pack({ a: 1, b: undefined, c: ['x', 2, true, undefined, null], d: { e: '文档' }, f: -1.5, g: 1e21 }, 'params'),
    'oka\0n1\0kc\0as' + 'x\0n2\0tzz]kd\0oke\0s文档\0}kf\0n-1.5\0kg\0n1e+21\0}',
  );
  assert.equal(pack('text', 'params'), 'stext\0');
  // NUL and \x01 in text are escaped by \x01; toJSON and boxed primitives are read as JSON.stringify reads them.
  assert.equal(pack({ 'k\0': 'a\0b\x01c' }, 'params'), 'okk\x010\0sa\x010b\x011c\0}');
  assert.equal(pack({ t: { toJSON: () => 'T' }, n: Object(5), s: Object('x'), b: Object(false) }, 'params'), 'okt\0sT\0kn\0n5\0ks\0sx\0kb\0f}');
  // A key may begin with any character: keys are tagged.
  assert.equal(pack({ '}a': 1 }, 'params'), 'ok}a\0n1\0}');
});

test('NaN, Infinity, BigInt, functions and symbols are refused, naming the field', () => {
  refused({ PageSize: NaN }, 'params', 'PageSize', /^PageSize: must be a finite number \(got NaN\)/);
  refused({ Operation: { DocProcess: { StartPage: Infinity } } }, 'params', 'Operation.DocProcess.StartPage', /finite number/);
  refused({ QueueIds: ['p1', 2n] }, 'params', 'QueueIds[1]', /not a bigint/);
  refused({ NotifyConfig: { Url: () => 'x' } }, 'params', 'NotifyConfig.Url', /not a function/);
  refused({ Region: Symbol('r') }, 'config', 'Region', /not a symbol/);
  refused(NaN, 'params', 'params', /finite number/);
  refused(-Infinity, 'signing', 'signing', /finite number/);
});

test('cycles and runaway depth are refused as not plain data', () => {
  const o = { QueueId: 'p1' };
  o.NotifyConfig = o;
  refused(o, 'params', 'params', /^params: must be plain data .* without cycles/);
  let deep = {};
  for (let i = 0; i < 200000; i++) deep = { a: deep };
  refused(deep, 'params', 'params', /without cycles/);
});
