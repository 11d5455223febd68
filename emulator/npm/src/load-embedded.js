// Node and browsers: the wasm travels inside this module (base64), so one file works in
// Node, in browsers and under any bundler or test runner, with no asset to serve.
import init, { Core, command, help } from 'virtual:glue';
import { wasmBase64 } from 'virtual:wasm';

let ready;

/** Loads and instantiates the wasm (once; asynchronous, as browsers require for a module this size). */
export function loadCore() {
  if (!ready) {
    ready = (async () => {
      const text = atob(wasmBase64);
      const bytes = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
      await init({ module_or_path: bytes });
      return { Core, command, help };
    })();
  }
  return ready;
}
