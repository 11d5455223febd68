// WeChat mini-programs: no WebAssembly global, only WXWebAssembly.instantiate(path, imports)
// with a code-package path to a .wasm or .wasm.br file. The glue is wasm-bindgen's --target web
// output adapted as cos-ci-wasm's is (js/adapt-glue.mjs): its imports object and finalize step
// exported, TextEncoder/TextDecoder from js/src/utf8.js.
import * as glue from 'virtual:glue';

/** Where DevTools' "build npm" puts the wasm. */
export const WASM_PATH = '/miniprogram_npm/cos-ci-emulator/emulator.wasm.br';

let ready;

/** @param {string} [path] code-package path of emulator.wasm.br */
export function loadCore(path = WASM_PATH) {
  if (!ready) {
    const WXWA = typeof WXWebAssembly !== 'undefined' && WXWebAssembly !== null ? WXWebAssembly : undefined;
    if (!WXWA || typeof WXWA.instantiate !== 'function') {
      return Promise.reject(new Error('cos-ci-emulator: WXWebAssembly is not available (WeChat base library 2.14.0 or later)'));
    }
    ready = WXWA.instantiate(path, glue.__wbg_get_imports()).then((r) => {
      glue.__wbg_finalize_init(r.instance, r.module);
      return { Core: glue.Core, command: glue.command, help: glue.help };
    });
    ready.catch(() => (ready = undefined));
  }
  return ready;
}
