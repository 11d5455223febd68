// WeChat mini-programs: no WebAssembly global (iOS), only WXWebAssembly.instantiate(path,
// imports) with a code-package path to a .wasm or .wasm.br file. The glue is wasm-bindgen's
// --target web output adapted at build time (js/build.mjs: adaptGlueForWx) to expose its
// imports object and its finalize step, and to use ./utf8.js for TextEncoder/TextDecoder.
import * as glue from 'virtual:glue';
import { CiError } from './errors.js';

export const wasm = glue;
export const loadedSynchronously = false;

/** @param {string} path code-package path of cos_ci_wasm_bg.wasm.br */
export function load(path) {
  const WXWA = typeof WXWebAssembly !== 'undefined' && WXWebAssembly !== null ? WXWebAssembly : undefined;
  if (!WXWA || typeof WXWA.instantiate !== 'function') {
    throw new CiError(
      'NotInitialized',
      'WXWebAssembly is not available: cos-ci-wasm needs WeChat base library 2.14.0 or later (WXWebAssembly with .wasm.br)',
    );
  }
  if (typeof path !== 'string' || !/\.wasm(\.br)?$/.test(path)) {
    throw new CiError(
      'NotInitialized',
      "init(path) needs the code-package path of cos_ci_wasm_bg.wasm.br, e.g. await init('/miniprogram_npm/cos-ci-wasm/cos_ci_wasm_bg.wasm.br'), before the first call",
      { field: 'path' },
    );
  }
  return WXWA.instantiate(path, glue.__wbg_get_imports()).then((r) => {
    glue.__wbg_finalize_init(r.instance, r.module);
  });
}
