// Browsers (ESM, directly or through a bundler): the wasm is fetched from next to
// this module (`new URL('cos_ci_wasm_bg.wasm', import.meta.url)`) on first use.
import initGlue, * as glue from 'virtual:glue';
import { CiError } from './errors.js';

export const wasm = glue;
export const loadedSynchronously = false;

/** The file wasm-bindgen fetches by default: next to this module. */
const nextToModule = () => new URL('cos_ci_wasm_bg.wasm', import.meta.url);

/**
 * Vite's dev server (5–7) pre-bundles dependencies into `/node_modules/.vite/deps/`, where the
 * .wasm is not (it answers with its HTML page); the package's own copy is where npm put it.
 */
function outsideViteDeps(url) {
  const at = url.pathname.indexOf('/node_modules/.vite/deps/');
  return at < 0 ? undefined : new URL(url.pathname.slice(0, at) + '/node_modules/cos-ci-wasm/dist/web/cos_ci_wasm_bg.wasm', url);
}

/** @param {RequestInfo | URL | Response | BufferSource | WebAssembly.Module} [input] where the .wasm is */
export async function load(input) {
  if (input !== undefined) return initGlue({ module_or_path: input });
  const url = nextToModule();
  try {
    return await initGlue({ module_or_path: url });
  } catch (first) {
    const fallback = outsideViteDeps(url);
    if (fallback) {
      try {
        return await initGlue({ module_or_path: fallback });
      } catch {
        // Reported below, with the first URL.
      }
    }
    throw new CiError(
      'NotInitialized',
      `loading the cos-ci-wasm .wasm from ${url.href}${fallback ? ` (and ${fallback.href})` : ''} failed: ${first && first.message ? first.message : String(first)}` +
        (fallback
          ? ". Vite's dev server pre-bundled cos-ci-wasm away from its .wasm: add optimizeDeps: { exclude: ['cos-ci-wasm'] } to vite.config"
          : '. If a bundler moved this module without its .wasm (esbuild and Rollup do not copy it): serve node_modules/cos-ci-wasm/dist/web/cos_ci_wasm_bg.wasm next to the bundle, or pass its URL to init(url)'),
      { cause: first },
    );
  }
}
