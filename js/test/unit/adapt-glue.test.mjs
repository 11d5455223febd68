// The build-time glue adaptation for mini-programs: it accepts the pinned wasm-bindgen's
// output (made by scripts/build.sh) and refuses, naming the change, each way that output
// could change under it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adaptGlueForWx } from '../../adapt-glue.mjs';

const glueFile = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'target', 'pkg-build', 'mp', 'cos_ci_wasm.js');

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
