// The shim's own error path, without the package: a real WebAssembly trap (what a Rust
// panic would become) thrown by a "wasm export" reaches the caller as CiError
// InternalError with the trap as `cause`, and the next call still works.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unpack } from '../helpers/unpack.mjs';
import { makeCore, keyTimeAt } from '../../src/core.js';
import { CiError, fromWasmError } from '../../src/errors.js';

// (module (func (export "trap") unreachable))
const TRAP = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00,
  0x07, 0x08, 0x01, 0x04, 0x74, 0x72, 0x61, 0x70, 0x00, 0x00, 0x0a, 0x05, 0x01, 0x03, 0x00, 0x00, 0x0b,
]);

test('a wasm trap becomes CiError InternalError with the trap as cause', async () => {
  const { instance } = await WebAssembly.instantiate(TRAP);
  let calls = 0;
  const fake = {
    getAuthorization: () => {
      calls++;
      if (calls === 1) instance.exports.trap();
      return 'q-sign-algorithm=sha1';
    },
  };
  for (const n of ['DescribeDocProcessQueues', 'UpdateDocProcessQueue', 'DescribeAiProcessQueues', 'UpdateAiProcessQueue',
    'CreateDocProcessJobs', 'DescribeDocProcessJob', 'DescribeDocProcessJobs']) {
    fake['build' + n] = () => ({});
    fake['parse' + n] = () => ({});
  }
  const core = makeCore(fake, () => {});
  assert.throws(
    () => core.getAuthorization({ KeyTime: '1;2' }),
    (e) => e instanceof CiError && e.code === 'InternalError' && e.cause instanceof WebAssembly.RuntimeError && /unreachable/.test(e.message),
  );
  assert.equal(core.getAuthorization({ KeyTime: '1;2' }), 'q-sign-algorithm=sha1');
});

test('errors thrown by the bindings keep their code and details', () => {
  const raw = Object.assign(new Error('State must be one of All, Active, Paused (got "x")'), {
    name: 'CiError', code: 'InvalidArgument', field: 'State',
  });
  const e = fromWasmError(raw);
  assert.ok(e instanceof CiError && e instanceof Error);
  assert.deepEqual([e.name, e.code, e.field, e.statusCode, e.message], ['CiError', 'InvalidArgument', 'State', undefined, raw.message]);
});

test('key times start a second early, last Expires seconds and never outlive temporary keys', () => {
  assert.equal(keyTimeAt(1700000000500, 900), '1699999999;1700000899');
  assert.equal(keyTimeAt(1700000000500, 900, 1700000100), '1699999999;1700000100');
  assert.equal(keyTimeAt(1700000000500), '1699999999;1700000899');
});

test('getAuthorization packs plain options for the fast path and sends anything else as a packed tree', () => {
  const seen = [];
  const fake = {
    getAuthorization: (fast, text) => (seen.push([fast ? 'packed' : 'json', text]), fast ? 'packed' : 'json'),
  };
  const core = makeCore(fake, () => {});
  const base = { SecretId: 'AKID', SecretKey: 'sk', KeyTime: '1;2' };
  const opts = { ...base, Method: 'GET', Key: 'doc_jobs', Query: { b: 'x', a: 1 }, Headers: { Host: 'h' }, SystemClockOffset: 0 };
  assert.equal(core.getAuthorization(opts), 'packed');
  assert.deepEqual(seen.pop(), ['packed', ['AKID', 'sk', 'GET', '', 'doc_jobs', '1;2', '', '', '2', 'b', 'x', 'a', '1', '1', 'Host', 'h'].join('\0')]);
  // Absent Method is get; StartTime from the clock when neither time is given.
  const before = Math.floor(Date.now() / 1000) - 1;
  core.getAuthorization({ SecretId: 'AKID', SecretKey: 'sk', Expires: 60 });
  const [kind, packed] = seen.pop();
  const fields = packed.split('\0');
  assert.equal(kind, 'packed');
  assert.deepEqual([fields[2], fields[5], fields[7], fields[8], fields[9]], ['get', '', '60', '0', '0']);
  assert.ok(Number(fields[6]) >= before && Number(fields[6]) <= before + 2);
  // Everything the flat packed form cannot carry exactly goes as a packed tree, where the wasm names the field.
  for (const odd of [
    { Bucket: 'b-1250000000', Region: 'ap-guangzhou' },
    { Scope: [] },
    { Extra: undefined },
    { Method: 5 },
    { Key: 'a\0b' },
    { KeyTime: '' },
    { StartTime: 1.5, KeyTime: undefined },
    { StartTime: -1, KeyTime: undefined },
    { Expires: 0 },
    { Query: { a: true } },
    { Query: { a: null } },
    { Query: [] },
    { Headers: new Map() },
    { Headers: { 'x-cos-a': 'a\0b' } },
    { Key: 'emoji-\uD83D\uDE00' },
  ]) {
    core.getAuthorization({ ...base, ...odd });
    assert.equal(seen.pop()[0], 'json', JSON.stringify(odd));
  }
  // A lone surrogate is refused before the wasm, naming the field (JSON would carry it as an
  // escape the wasm refuses with a less precise error; packed, it would become U+FFFD).
  for (const [odd, field] of [
    [{ SecretKey: 'sk\uD800' }, 'SecretKey'],
    [{ Query: { a: '\uDC00' } }, 'Query.a'],
    [{ SystemClockOffset: '\uD800' }, 'SystemClockOffset'],
    [{ Headers: { ['x-\uD800']: 'v' } }, 'Headers.x-\uD800'],
  ]) {
    const before = seen.length;
    assert.throws(() => core.getAuthorization({ ...base, ...odd }), (e) => e instanceof CiError && e.code === 'InvalidArgument' && e.field === field && /lone surrogate/.test(e.message));
    assert.equal(seen.length, before, 'nothing reached the wasm');
  }
  // Numbers other than safe integers cross as the text JS gives them (the wasm formats none).
  core.getAuthorization({ ...base, Query: { a: 1.5, b: 1e21, c: -0 } });
  assert.deepEqual(seen.pop()[1].split('\0').slice(8, 15), ['3', 'a', '1.5', 'b', '1e+21', 'c', '0']);
  core.getAuthorization({ ...base, Query: { a: 1e-7, t: true }, Headers: { h: 2 ** 60 } });
  const [how, json] = seen.pop();
  assert.equal(how, 'json');
  assert.deepEqual([unpack(json).Query, unpack(json).Headers], [{ a: '1e-7', t: true }, { h: '1152921504606847000' }]);
  // …from any object, as JSON.stringify reads it (own enumerable properties), `__proto__` included.
  class Params { constructor() { this.a = 0.5; } }
  const protoKey = JSON.parse('{"__proto__": 2.5, "b": "x"}');
  core.getAuthorization({ ...base, Query: new Params(), Headers: protoKey });
  const sent = unpack(seen.pop()[1]);
  assert.deepEqual([sent.Query, Object.entries(sent.Headers)], [{ a: '0.5' }, [['__proto__', '2.5'], ['b', 'x']]]);
  core.getAuthorization(Object.assign(Object.create({ inherited: 1 }), base));
  assert.equal(seen.pop()[0], 'json');
  // Only own enumerable properties are packed, as JSON.stringify would send them.
  const hidden = Object.defineProperty({ SecretId: 'AKID', SecretKey: 'sk' }, 'KeyTime', { value: '1;2', enumerable: false });
  core.getAuthorization({ ...hidden, StartTime: 5 });
  assert.equal(seen.pop()[1].split('\0')[5], '');
  const packedFields = (o) => (core.getAuthorization(o), seen.pop()[1].split('\0'));
  assert.equal(packedFields(Object.defineProperty({ ...base }, 'Key', { value: 'k', enumerable: false }))[4], '');
  // …and what JSON could not carry is refused there, as before, naming the field.
  assert.throws(() => core.getAuthorization({ ...base, SystemClockOffset: NaN }), (e) => e.field === 'SystemClockOffset');
  assert.equal(seen.length, 0);
});

test('response headers: numbers other than safe integers cross as the text JS gives them', () => {
  const seen = [];
  const fake = { build: () => '{}', parse: (op, head, body) => (seen.push([unpack(head), body]), '{}') };
  const core = makeCore(fake, () => {});
  class AxiosLikeHeaders { constructor() { this['x-a'] = 1.5; this['content-length'] = 12; this['x-big'] = 2 ** 60; } }
  core.parseDescribeDocProcessQueues({ status: 200, headers: new AxiosLikeHeaders(), body: '<Response/>' });
  assert.deepEqual(seen.pop(), [{ status: 200, headers: { 'x-a': '1.5', 'content-length': 12, 'x-big': '1152921504606847000' } }, '<Response/>']);
  const plain = { 'x-request-id': 'r1' };
  core.parseDescribeDocProcessQueues({ statusCode: 404, headers: plain, body: '' });
  assert.deepEqual(seen.pop(), [{ statusCode: 404, headers: plain }, '']);
});

test('instanceof CiError holds across copies of the package (ESM and CommonJS builds) and never throws', () => {
  const other = Object.defineProperty(new Error('from the other copy'), Symbol.for('cos-ci-wasm.CiError'), { value: true });
  assert.ok(other instanceof CiError);
  assert.ok(new CiError('InvalidArgument', 'x') instanceof CiError);
  assert.ok(!(new Error('plain') instanceof CiError));
  const hostile = new Proxy({}, { get() { throw new Error('trap'); } });
  assert.equal(hostile instanceof CiError, false);
  assert.equal(null instanceof CiError, false);
  class Sub extends CiError {}
  assert.ok(!(new CiError('X', 'y') instanceof Sub) && new Sub('X', 'y') instanceof CiError && new Sub('X', 'y') instanceof Sub);
});
