// The build-time glue adaptation for mini-programs: it accepts the pinned wasm-bindgen's
// output (made by scripts/build.sh) and refuses, naming the change, each way that output
// could change under it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adaptGlueForWx, bulkStringPass } from '../../adapt-glue.mjs';

const pkgBuild = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'target', 'pkg-build');
const glueFile = join(pkgBuild, 'mp', 'cos_ci_wasm.js');

test('the pinned wasm-bindgen output is adapted', { skip: !existsSync(glueFile) && 'run make build first' }, () => {
  const glue = readFileSync(glueFile, 'utf8');
  const out = adaptGlueForWx(glue);
  assert.ok(out.startsWith("import { TextEncoder, TextDecoder } from 'virtual:utf8';\n"));
  assert.ok(out.includes('export { __wbg_get_imports, __wbg_finalize_init };'));
  assert.ok(!out.includes('initSync, __wbg_init as default'));

  const changes = [
    [glue.replace('function __wbg_get_imports() {', 'function __wbg_get_imports(memory) {'), /__wbg_get_imports/],
    [glue.replace('function __wbg_finalize_init(instance, module) {', 'function __wbg_finalize_init(instance, module, stack) {'), /__wbg_finalize_init/],
    [glue.replace('export { initSync, __wbg_init as default };', 'export { initSync };\nexport default __wbg_init;'), /ends with/],
    [glue + '\nconst u = new URL("x.wasm", import.meta.url);', /import\.meta/],
    ["import * as x from './snippets/x.js';\n" + glue, /imports of its own/],
    [glue + '\nwasm.__wbindgen_externrefs;', /externref/],
    [glue + '\nconst d = globalThis.TextDecoder;', /TextDecoder only/],
    [glue + '\nconst e = typeof TextEncoder;', /TextEncoder only/],
  ];
  for (const [changed, message] of changes) {
    assert.throws(() => adaptGlueForWx(changed), message);
  }
});

const webAndNode = ['web', 'node'].map((dir) => join(pkgBuild, dir, 'cos_ci_wasm.js'));

test('web and Node glue: long strings cross with one encodeInto, as exactly their UTF-8 bytes', { skip: !webAndNode.every(existsSync) && 'run make build first' }, () => {
  for (const dir of ['web', 'node']) {
    const glue = readFileSync(join(pkgBuild, dir, 'cos_ci_wasm.js'), 'utf8');
    const adapted = bulkStringPass(glue, 8);
    const fn = /\nfunction passStringToWasm0\(arg, malloc, realloc\) \{[\s\S]*?\n\}\n/.exec(adapted)[0];
    // The adapted function over a fake wasm memory and allocator that record their calls.
    const pass = new Function(
      'cachedTextEncoder',
      `let WASM_VECTOR_LEN = 0;
       const mem = new Uint8Array(4096);
       let next = 8;
       const getUint8ArrayMemory0 = () => mem;
       ${fn}
       return (s) => {
         const calls = [];
         const malloc = (n) => (calls.push(['malloc', n]), (next += n) - n);
         // realloc moves the bytes, as a real one may: the result must be read from its pointer.
         const realloc = (p, old, n) => {
           calls.push(['realloc', old, n]);
           const to = (next += n) - n;
           mem.copyWithin(to, p, p + Math.min(old, n));
           mem.fill(0, p, p + old);
           return to;
         };
         const at = passStringToWasm0(s, malloc, realloc);
         return { bytes: [...mem.slice(at, at + WASM_VECTOR_LEN)], calls };
       };`,
    )(new TextEncoder());
    for (const s of ['', 'short', 'exactly8', 'ascii and longer', '中文中文中文中文中文', 'emoji 😀 and 中文', '\uD800 lone surrogate', 'a\0b'.repeat(5)]) {
      assert.deepEqual(pass(s).bytes, [...new TextEncoder().encode(s)], `${dir}: ${JSON.stringify(s)}`);
    }
    // Below the threshold: wasm-bindgen's loop (malloc of the length); from it: one
    // allocation of 3 bytes per unit, shrunk to what was written unless it was filled.
    assert.deepEqual(pass('seven77').calls, [['malloc', 7]], dir);
    assert.deepEqual(pass('exactly8').calls, [['malloc', 24], ['realloc', 24, 8]], dir);
    assert.deepEqual(pass('中中中中中中中中').calls, [['malloc', 24]], dir);
    assert.throws(() => bulkStringPass(glue.replace('let ptr = malloc(len, 1) >>> 0;', 'let ptr = malloc(len) >>> 0;'), 8), /ASCII loop/);
    assert.throws(() => bulkStringPass(glue.replace(/cachedTextEncoder\.encodeInto\(/g, 'encodeInto('), 8), /encodeInto/);
  }
});
