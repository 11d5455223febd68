// The mini-program UTF-8 polyfill against the platform's TextEncoder/TextDecoder:
// the same bytes and strings for every kind of code point, lone surrogates, and
// random invalid byte sequences (fatal and replacing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as poly from '../../src/utf8.js';

const native = { enc: new globalThis.TextEncoder(), dec: new globalThis.TextDecoder('utf-8') };
const ours = { enc: new poly.TextEncoder(), dec: new poly.TextDecoder('utf-8') };

// A small deterministic PRNG so a failure is reproducible.
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SAMPLES = [
  '',
  'ascii only <Request><Name>q</Name></Request>',
  'a é 你好 😀 \u{10FFFF} end',
  '\u007f\u0080\u07ff\u0800\uffff\u{10000}',
  'lone high \ud800 x',
  'lone low \udc00 x',
  'reversed \udc00\ud800',
  'trailing high \udbff',
  '文档预览 队列 数据万象',
];

test('encode and encodeInto give the platform bytes', () => {
  const r = rng(1);
  const strings = [...SAMPLES];
  for (let i = 0; i < 2000; i++) {
    let s = '';
    const len = Math.floor(r() * 12);
    for (let j = 0; j < len; j++) {
      const k = r();
      // ASCII, 2-, 3-byte, surrogate halves (paired or not), astral.
      if (k < 0.3) s += String.fromCharCode(Math.floor(r() * 0x80));
      else if (k < 0.5) s += String.fromCharCode(0x80 + Math.floor(r() * 0x780));
      else if (k < 0.7) s += String.fromCharCode(0x800 + Math.floor(r() * 0xf800));
      else if (k < 0.85) s += String.fromCodePoint(0x10000 + Math.floor(r() * 0x100000));
      else s += String.fromCharCode(0xd800 + Math.floor(r() * 0x800));
    }
    strings.push(s);
  }
  for (const s of strings) {
    const want = native.enc.encode(s);
    assert.deepEqual(ours.enc.encode(s), want, JSON.stringify(s));
    const buf = new Uint8Array(s.length * 3 + 1);
    const got = ours.enc.encodeInto(s, buf);
    assert.deepEqual(got, native.enc.encodeInto(s, new Uint8Array(s.length * 3 + 1)));
    assert.deepEqual(buf.subarray(0, got.written), want);
    assert.equal(ours.dec.decode(want), native.dec.decode(want));
  }
});

test('encodeInto stops before a character that does not fit, like the platform', () => {
  for (const s of ['abc', 'é你😀', 'x😀y']) {
    for (let cap = 0; cap <= 8; cap++) {
      assert.deepEqual(ours.enc.encodeInto(s, new Uint8Array(cap)), native.enc.encodeInto(s, new Uint8Array(cap)), `${s} ${cap}`);
    }
  }
});

test('decode of invalid bytes: U+FFFD like the platform, TypeError when fatal', () => {
  const r = rng(7);
  const fatalOurs = new poly.TextDecoder('utf-8', { fatal: true });
  const fatalNative = new globalThis.TextDecoder('utf-8', { fatal: true });
  const cases = [
    [0xc0, 0x80],
    [0xe0, 0x80, 0x80],
    [0xed, 0xa0, 0x80],
    [0xf4, 0x90, 0x80, 0x80],
    [0xf0, 0x9f, 0x98],
    [0xe4, 0xbd],
    [0xff],
    [0x80, 0x41],
  ];
  for (let i = 0; i < 5000; i++) {
    const len = Math.floor(r() * 8);
    const bytes = [];
    for (let j = 0; j < len; j++) bytes.push(r() < 0.5 ? 0x80 + Math.floor(r() * 0x80) : Math.floor(r() * 0x100));
    cases.push(bytes);
  }
  for (const c of cases) {
    const b = new Uint8Array(c);
    assert.equal(ours.dec.decode(b), native.dec.decode(b), c.join(','));
    let want = null;
    try {
      want = fatalNative.decode(b);
    } catch {
      assert.throws(() => fatalOurs.decode(b), TypeError, c.join(','));
      continue;
    }
    assert.equal(fatalOurs.decode(b), want);
  }
});

test('BOM handling, views and long input', () => {
  const bom = new Uint8Array([0xef, 0xbb, 0xbf, 0x41]);
  assert.equal(new poly.TextDecoder().decode(bom), 'A');
  assert.equal(new poly.TextDecoder('utf-8', { ignoreBOM: true }).decode(bom), '\ufeffA');
  const big = '队列'.repeat(50000) + '😀';
  const bytes = native.enc.encode(big);
  assert.equal(ours.dec.decode(bytes), big);
  assert.equal(ours.dec.decode(bytes.buffer), big);
  assert.equal(ours.dec.decode(new DataView(bytes.buffer, 3, 3)), '列');
  assert.equal(ours.dec.decode(), '');
  assert.throws(() => new poly.TextDecoder('latin1'), RangeError);
});
