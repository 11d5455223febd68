// Adaptations of the wasm-bindgen glue.
//
// The mini-program glue: wasm-bindgen's --target web output (built with
// --omit-default-module-path from the MVP wasm) with TextEncoder/TextDecoder taken from
// src/utf8.js and two internal steps exported, so src/loader-wx.js can call
// WXWebAssembly.instantiate(path, __wbg_get_imports()) and then
// __wbg_finalize_init(instance, module). These are internals of the pinned wasm-bindgen
// (present since 0.2.85, checked in 0.2.129's output): every assumption is asserted, so a
// wasm-bindgen bump that changes them fails the build instead of shipping a broken package.

const TAIL = 'export { initSync, __wbg_init as default };';

const count = (s, needle) => s.split(needle).length - 1;
const uses = (s, name) => (s.match(new RegExp('\\b' + name + '\\b', 'g')) || []).length;

function check(ok, what) {
  if (!ok) {
    throw new Error(
      `the wasm-bindgen glue no longer ${what}; the mini-program adaptation (js/adapt-glue.mjs) relies on it — re-check it before changing wasm-bindgen`,
    );
  }
}

/** @param {string} src the --target web glue @returns {string} the adapted ES module */
export function adaptGlueForWx(src) {
  check(count(src, '\nfunction __wbg_get_imports() {') === 1, 'defines `function __wbg_get_imports()` (no arguments) once');
  check(count(src, '\nfunction __wbg_finalize_init(instance, module) {') === 1, 'defines `function __wbg_finalize_init(instance, module)` once');
  check(count(src, TAIL) === 1, 'ends with `' + TAIL + '`');
  check(!src.includes('import.meta'), 'is free of import.meta (--omit-default-module-path)');
  check(!/^import\b/m.test(src), 'has no imports of its own');
  check(!src.includes('__wbindgen_externrefs'), 'keeps JS values on a heap (no externref table): was the wasm built without reference-types?');
  check(uses(src, 'TextDecoder') === count(src, 'new TextDecoder('), 'uses TextDecoder only as `new TextDecoder(`');
  check(uses(src, 'TextEncoder') === count(src, 'new TextEncoder('), 'uses TextEncoder only as `new TextEncoder(`');
  return "import { TextEncoder, TextDecoder } from 'virtual:utf8';\n" + src.replace(TAIL, 'export { __wbg_get_imports, __wbg_finalize_init };');
}

const STRING_PASS = '\n    let len = arg.length;\n    let ptr = malloc(len, 1) >>> 0;\n';

/**
 * Strings of at least `minLength` UTF-16 units cross into the wasm through one
 * TextEncoder.encodeInto into a worst-case allocation (then shrunk), instead of
 * wasm-bindgen's per-character ASCII loop. Measured with 230- to 10,000-character strings: in Node 20 encodeInto costs ~90 ns at any length below a few KB while the
 * loop costs ~2.5 ns a character (crossover ~32); in Chromium 156 encodeInto has ~450 ns of
 * fixed cost (crossover ~500). A 95 KB response body crosses 4× (Chromium) to 40× (Node) faster.
 * The cost: the allocation is 3 bytes per unit until it is shrunk, so a 95 KB body briefly
 * takes 285 KB, and the wasm memory (which never shrinks) may grow by that much once.
 * @param {string} src wasm-bindgen glue (--target web or nodejs, native TextEncoder)
 * @param {number} minLength
 */
export function bulkStringPass(src, minLength) {
  check(count(src, 'function passStringToWasm0(arg, malloc, realloc) {') === 1, 'defines `function passStringToWasm0(arg, malloc, realloc)` once');
  check(count(src, STRING_PASS) === 1, 'starts its ASCII loop with `let len = arg.length; let ptr = malloc(len, 1) >>> 0;`');
  check(/\bcachedTextEncoder\.encodeInto\(/.test(src), 'uses cachedTextEncoder.encodeInto');
  return src.replace(
    STRING_PASS,
    `
    if (arg.length >= ${minLength}) {
        const cap = arg.length * 3;
        const at = malloc(cap, 1) >>> 0;
        const written = cachedTextEncoder.encodeInto(arg, getUint8ArrayMemory0().subarray(at, at + cap)).written;
        WASM_VECTOR_LEN = written;
        return written === cap ? at : realloc(at, cap, written, 1) >>> 0;
    }
${STRING_PASS.slice(1)}`,
  );
}
