// A simulated WeChat mini-program runtime in Node, for js/test/miniprogram.test.mjs.
//
// What it takes away and gives, after the mini-program docs (see README "WeChat mini-programs"):
// - a fresh `vm` context with the context's own WebAssembly deleted, and no TextEncoder,
//   TextDecoder, fetch, URL, AbortController, XMLHttpRequest, Buffer, process or require;
// - WXWebAssembly whose instantiate(path, imports) accepts only a string path to a .wasm or
//   .wasm.br file inside the code package (a leading '/' means the package root; .br is
//   brotli-decoded), never bytes;
// - a CommonJS require confined to the code package: relative paths, and package names
//   looked up in miniprogram_npm/ from the requiring file's directory upwards (as after
//   DevTools' "build npm"); no Node built-ins. Modules are wrapped like WeChat's own
//   define(): browser globals such as `window` are parameters bound to undefined;
// - the `wx` object it is given (the tests pass one whose request goes over real HTTP).
import vm from 'node:vm';
import { readFileSync, existsSync, statSync, mkdtempSync, mkdirSync, cpSync, copyFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve, dirname, relative, isAbsolute } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';

const require = createRequire(import.meta.url);

/**
 * A code package (in a new temporary directory) as DevTools' "build npm" leaves it, with
 * the installed cos-ci-wasm (`installed`: its package directory) and cos-wx-sdk-v5.
 */
export function buildCodePackage(installed) {
  const dir = mkdtempSync(join(tmpdir(), 'cos-ci-mp-'));
  // A mini-program npm package (a "miniprogram" field): that directory is copied as is.
  const field = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')).miniprogram;
  if (field !== 'miniprogram_dist') throw new Error('package.json "miniprogram" is ' + field);
  cpSync(join(installed, field), join(dir, 'miniprogram_npm', 'cos-ci-wasm'), { recursive: true });
  // Any other npm package is bundled from its main (cos-wx-sdk-v5's main is already a bundle).
  const wxSdk = dirname(require.resolve('cos-wx-sdk-v5/package.json'));
  mkdirSync(join(dir, 'miniprogram_npm', 'cos-wx-sdk-v5'), { recursive: true });
  copyFileSync(join(wxSdk, require('cos-wx-sdk-v5/package.json').main), join(dir, 'miniprogram_npm', 'cos-wx-sdk-v5', 'index.js'));
  writeFileSync(join(dir, 'app.js'), '');
  return dir;
}

/** `p` resolved under `root`, or null when it would leave it. */
function inside(root, p) {
  const abs = resolve(root, p);
  const rel = relative(root, abs);
  return rel.startsWith('..') || isAbsolute(rel) ? null : abs;
}

/** @param {string} root @param {boolean} [brotli] false: base library 2.13, which cannot load .wasm.br */
export function makeWXWebAssembly(root, brotli = true) {
  return {
    instantiate(path, imports) {
      if (typeof path !== 'string') {
        return Promise.reject(new TypeError('WXWebAssembly.instantiate: the first argument must be a code-package path string'));
      }
      if (!brotli && path.endsWith('.br')) {
        return Promise.reject(new Error('WXWebAssembly.instantiate: .wasm.br needs base library 2.14.0'));
      }
      if (!/\.wasm(\.br)?$/.test(path)) {
        return Promise.reject(new Error('WXWebAssembly.instantiate: only .wasm or .wasm.br files: ' + path));
      }
      const file = inside(root, path.replace(/^\/+/, ''));
      if (!file || !existsSync(file)) {
        return Promise.reject(new Error('WXWebAssembly.instantiate: no such file in the code package: ' + path));
      }
      let bytes = readFileSync(file);
      if (path.endsWith('.br')) bytes = brotliDecompressSync(bytes);
      return WebAssembly.instantiate(bytes, imports);
    },
    Memory: WebAssembly.Memory,
    Table: WebAssembly.Table,
    Global: WebAssembly.Global,
    Instance: WebAssembly.Instance,
  };
}

// What WeChat's module wrapper binds to undefined (a subset of its parameter list).
const SHADOWED = ['window', 'document', 'self', 'location', 'navigator', 'XMLHttpRequest', 'WebSocket'];

/**
 * @param {{ root: string, wx: object, WXWebAssembly?: boolean, brotli?: boolean }} options root: the code package;
 *   WXWebAssembly false: base library < 2.13; brotli false: 2.13 (no .wasm.br)
 * @returns {{ context: object, require(spec: string, fromFile?: string): any, globals(): Record<string, string> }}
 */
export function createMiniProgram({ root, wx, WXWebAssembly = true, brotli = true }) {
  const sandbox = { console, setTimeout, clearTimeout, setInterval, clearInterval, wx };
  if (WXWebAssembly) sandbox.WXWebAssembly = makeWXWebAssembly(root, brotli);
  const context = vm.createContext(sandbox);
  vm.runInContext('delete globalThis.WebAssembly;', context);
  const cache = new Map();

  function notDefined(spec, from) {
    return new Error(`module "${spec}" is not defined (required from ${relative(root, from) || '.'})`);
  }

  function resolveFile(base) {
    for (const c of [base, base + '.js', join(base, 'index.js')]) {
      const f = inside(root, c);
      if (f && existsSync(f) && statSync(f).isFile()) return f;
    }
    return null;
  }

  function resolveSpec(spec, fromFile) {
    const fromDir = dirname(fromFile);
    if (spec.startsWith('./') || spec.startsWith('../')) return resolveFile(join(fromDir, spec));
    if (spec.startsWith('/') || spec.includes(':')) return null;
    for (let dir = fromDir; ; dir = dirname(dir)) {
      const f = resolveFile(join(dir, 'miniprogram_npm', spec));
      if (f) return f;
      if (dir === root || !inside(root, dir) || dir === dirname(dir)) return null;
    }
  }

  function load(file) {
    if (cache.has(file)) return cache.get(file).exports;
    const module = { exports: {} };
    cache.set(file, module);
    const wrapper = `(function (require, module, exports, ${SHADOWED.join(', ')}) {${readFileSync(file, 'utf8')}\n})`;
    try {
      const fn = vm.runInContext(wrapper, context, { filename: file });
      fn.call(module.exports, (spec) => req(spec, file), module, module.exports);
    } catch (e) {
      cache.delete(file);
      throw e;
    }
    return module.exports;
  }

  function req(spec, fromFile) {
    const file = typeof spec === 'string' ? resolveSpec(spec, fromFile) : null;
    if (!file) throw notDefined(spec, fromFile);
    return load(file);
  }

  return {
    context,
    require: (spec, fromFile = join(root, 'app.js')) => req(spec, fromFile),
    globals() {
      const names = ['WebAssembly', 'WXWebAssembly', 'TextEncoder', 'TextDecoder', 'fetch', 'URL', 'AbortController', 'XMLHttpRequest', 'Buffer', 'process', 'require', 'module', 'wx'];
      return JSON.parse(vm.runInContext(`JSON.stringify({ ${names.map((n) => `${n}: typeof ${n}`).join(', ')} })`, context));
    },
  };
}
