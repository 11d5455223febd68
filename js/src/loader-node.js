// Node: the wasm-bindgen nodejs glue reads and instantiates the .wasm synchronously
// when the package is loaded.
import * as glue from 'virtual:glue';

export const wasm = glue;
export const loadedSynchronously = true;

export function load() {
  return Promise.resolve();
}
