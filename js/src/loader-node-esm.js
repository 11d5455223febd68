// Node as an ES module: the web glue, instantiated synchronously when the package is loaded,
// from the package's one .wasm (dist/web/). `new URL(…, import.meta.url)` is what bundlers of
// server code recognise as an asset (a path from `__dirname` does not survive them): Next.js
// with Turbopack gives route handlers a file URL of its copy; where a bundler gives the
// browser's asset path instead (webpack's server build, a client component rendered on the
// server), the package's own file is read from ./node_modules, where `next start` and Next.js'
// standalone output (which traces it) run. Where neither is there, importing still succeeds and
// the first call says what is missing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as glue from 'virtual:glue';
import { CiError } from './errors.js';

export const wasm = glue;

// As text: where a bundler's server runtime gives its own URL class, fs refuses the instance.
const location = String(new URL('../web/cos_ci_wasm_bg.wasm', import.meta.url));
const tried = [];
let problem;
for (const file of [
  () => fileURLToPath(location),
  () => join(process.cwd(), 'node_modules', 'cos-ci-wasm', 'dist', 'web', 'cos_ci_wasm_bg.wasm'),
]) {
  try {
    const path = file();
    tried.push(path);
    glue.initSync({ module: readFileSync(path) });
    problem = undefined;
    break;
  } catch (e) {
    if (tried.length === 0) tried.push(location); // not a file URL (a bundler's asset path)
    if (problem === undefined) problem = e;
  }
}

export const loadedSynchronously = problem === undefined;

/** @param {string | URL | BufferSource | WebAssembly.Module} [input] the .wasm's path or bytes */
export function load(input) {
  if (input === undefined) {
    return Promise.reject(
      new CiError(
        'NotInitialized',
        `the cos-ci-wasm .wasm could not be read (tried ${tried.join(', ')}): ${problem && problem.message ? problem.message : String(problem)}. ` +
          "Pass its bytes or path to init() (node_modules/cos-ci-wasm/dist/web/cos_ci_wasm_bg.wasm), or keep the package out of the server bundle (Next.js: serverExternalPackages: ['cos-ci-wasm'])",
        { cause: problem },
      ),
    );
  }
  return Promise.resolve().then(() => {
    const bytes = typeof input === 'string' || input instanceof URL ? readFileSync(input) : input;
    glue.initSync({ module: bytes });
  });
}
