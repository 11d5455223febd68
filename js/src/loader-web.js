// Browsers (ESM, directly or through a bundler): the wasm is fetched from next to
// this module (`new URL('cos_ci_wasm_bg.wasm', import.meta.url)`) on first use.
import initGlue, * as glue from 'virtual:glue';

export const wasm = glue;
export const loadedSynchronously = false;

/** @param {RequestInfo | URL | Response | BufferSource | WebAssembly.Module} [input] where the .wasm is */
export function load(input) {
  return initGlue(input === undefined ? undefined : { module_or_path: input });
}
