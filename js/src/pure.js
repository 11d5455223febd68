// The pure layer of every entry: the wasm (loaded per runtime), init(), and the core's
// builders, parsers and getAuthorization — no client, transports or credentials.
import { wasm, load, loadedSynchronously } from 'virtual:loader';
import { CiError } from './errors.js';
import { makeCore } from './core.js';

let loaded = loadedSynchronously;
let loading;

/**
 * Loads the wasm. Browsers: needed only before the synchronous builders/parsers/getAuthorization
 * (CiClient methods call it themselves). Node: resolves at once. Mini-programs: required
 * before anything else, with the code-package path of cos_ci_wasm_bg.wasm.br.
 * @param {*} [input] where the .wasm is (URL, Response, bytes or WebAssembly.Module; a code-package
 *   path in mini-programs); default in browsers: next to this module
 */
export function init(input) {
  if (loaded) return Promise.resolve();
  if (!loading) {
    loading = Promise.resolve()
      .then(() => load(input))
      .then(
        () => {
          loaded = true;
        },
        (e) => {
          loading = undefined;
          if (e instanceof CiError) throw e;
          throw new CiError('NotInitialized', 'loading the cos-ci-wasm .wasm failed: ' + (e && e.message ? e.message : String(e)), {
            cause: e,
          });
        },
      );
  }
  return loading;
}

function ready() {
  if (!loaded) {
    throw new CiError(
      'NotInitialized',
      'await init() before calling the synchronous builders, parsers or getAuthorization (this build loads its .wasm asynchronously; CiClient methods do it themselves)',
    );
  }
}

/** Whether the wasm is loaded now (always in Node and, after init, in mini-programs). */
export function isLoaded() {
  return loaded;
}

export const core = makeCore(wasm, ready);
export const getAuthorization = core.getAuthorization;
export const getDocPreviewUrl = core.getDocPreviewUrl;
export const parseDocProcessJobNotification = core.parseDocProcessJobNotification;
