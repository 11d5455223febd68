// The one string crossing: parameters become JSON text before the wasm sees them, and what
// JSON cannot carry faithfully is refused with the field's dotted name — nothing is sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toJson } from '../../src/core.js';
import { CiError } from '../../src/errors.js';

const refused = (value, what, field, message) =>
  assert.throws(() => toJson(value, what), (e) => e instanceof CiError && e.code === 'InvalidArgument' && e.field === field && message.test(e.message), field);

test('plain data passes through as JSON; undefined is absent', () => {
  assert.equal(toJson(undefined, 'signing'), 'null');
  assert.equal(toJson(null, 'signing'), 'null');
  assert.equal(toJson({ a: 1, b: undefined, c: ['x', 2, true], d: { e: '文档' } }, 'params'), '{"a":1,"c":["x",2,true],"d":{"e":"文档"}}');
  assert.equal(toJson('text', 'params'), '"text"');
});

test('NaN, Infinity, BigInt, functions and symbols are refused, naming the field', () => {
  refused({ PageSize: NaN }, 'params', 'PageSize', /PageSize must be a finite number \(got NaN\)/);
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
  refused(o, 'params', 'params', /params must be plain data .* without cycles/);
  let deep = {};
  for (let i = 0; i < 200000; i++) deep = { a: deep };
  refused(deep, 'params', 'params', /without cycles/);
});
