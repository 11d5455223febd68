// Assembles the npm package in ../pkg from ../pkg-template, the wasm-bindgen output
// in ../target/pkg-build (made by scripts/build.sh) and the shim in ./src.
//
//   pkg/
//     package.json            pkg-template/package.json + the crate's version
//     README.md, LICENSE, index.d.ts
//     dist/web/index.js       ESM for browsers and bundlers (glue + shim), loads ./cos_ci_wasm_bg.wasm
//     dist/node/index.cjs     CommonJS for Node (glue + shim), reads ../web/cos_ci_wasm_bg.wasm (one copy)
//     dist/node/index.mjs     ESM for Node (web glue + shim), reads ../web/cos_ci_wasm_bg.wasm via
//                             new URL(…, import.meta.url), which server bundlers (Next.js) follow
//     miniprogram_dist/       WeChat mini-programs ("miniprogram" field; DevTools "build npm"
//       index.js              copies it to miniprogram_npm/cos-ci-wasm/): CommonJS, minified,
//       cos_ci_wasm_bg.wasm.br  the MVP wasm (scripts/build.sh), brotli, for WXWebAssembly
import { build } from 'esbuild';
import { readFileSync, writeFileSync, mkdirSync, rmSync, copyFileSync, existsSync, readdirSync } from 'node:fs';
import { brotliCompressSync, constants as zlib } from 'node:zlib';
import { adaptGlueForWx, bulkStringPass } from './adapt-glue.mjs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const wb = join(root, 'target', 'pkg-build');
const pkg = join(root, 'pkg');
const wasmFile = join(wb, 'cos_ci_wasm_bg.wasm');
const mpWasmFile = join(wb, 'mp', 'cos_ci_wasm_bg.opt.wasm');
for (const f of [wasmFile, mpWasmFile, join(wb, 'web', 'cos_ci_wasm.js'), join(wb, 'node', 'cos_ci_wasm.js'), join(wb, 'mp', 'cos_ci_wasm.js')]) {
  if (!existsSync(f)) {
    console.error('missing ' + f + ': run scripts/build.sh (make build)');
    process.exit(2);
  }
}

const cargoToml = readFileSync(join(root, 'Cargo.toml'), 'utf8');
const version = /^version\s*=\s*"([^"]+)"/m.exec(cargoToml)[1];

rmSync(pkg, { recursive: true, force: true });
mkdirSync(join(pkg, 'dist', 'web'), { recursive: true });
mkdirSync(join(pkg, 'dist', 'node'), { recursive: true });
mkdirSync(join(pkg, 'miniprogram_dist'), { recursive: true });

/** Resolves the virtual modules of src/index.js to one runtime's loader and glue. */
function runtime(loader, glue) {
  return {
    name: 'runtime',
    setup(b) {
      b.onResolve({ filter: /^virtual:loader$/ }, () => ({ path: join(here, 'src', loader) }));
      b.onResolve({ filter: /^virtual:glue$/ }, () => ({ path: glue }));
      b.onResolve({ filter: /^virtual:utf8$/ }, () => ({ path: join(here, 'src', 'utf8.js') }));
      // Mini-programs have no TextDecoder: response bytes are decoded by ./utf8.js there.
      if (loader === 'loader-wx.js') b.onResolve({ filter: /^\.\/text\.js$/ }, () => ({ path: join(here, 'src', 'text-wx.js') }));
    },
  };
}

const banner = `/* cos-ci-wasm ${version} — Tencent Cloud COS CI asynchronous processing. MIT. */`;
const common = { bundle: true, target: 'es2020', logLevel: 'warning', legalComments: 'none', banner: { js: banner } };

// One bundle per runtime: the same shim with that runtime's loader and wasm-bindgen glue
// (long strings cross with one encodeInto: js/adapt-glue.mjs, thresholds measured there).
for (const [dir, file, format, platform, loader, bulkFrom] of [
  ['web', 'index.js', 'esm', 'browser', 'loader-web.js', 512],
  ['node', 'index.cjs', 'cjs', 'node', 'loader-node.js', 48],
]) {
  const glue = join(wb, dir, 'cos_ci_wasm.bulk.js');
  try {
    let source = readFileSync(join(wb, dir, 'cos_ci_wasm.js'), 'utf8');
    if (dir === 'node') {
      // One copy of the wasm in the package: Node reads the browsers' (the same bytes; build.sh
      // checks wasm-bindgen emitted one file for both).
      const from = 'const wasmPath = `${__dirname}/cos_ci_wasm_bg.wasm`;';
      if (!source.includes(from)) throw new Error('the nodejs glue no longer reads ' + from);
      source = source.replace(from, 'const wasmPath = `${__dirname}/../web/cos_ci_wasm_bg.wasm`;');
    }
    writeFileSync(glue, bulkStringPass(source, bulkFrom));
  } catch (e) {
    console.error(`js/build.mjs: target/pkg-build/${dir}/cos_ci_wasm.js: ${e.message}`);
    process.exit(3);
  }
  // The default entry, and the thin one (cos-ci-wasm/core: no client, transports, credentials).
  for (const [entry, out] of [['index.js', file], ['thin.js', file.replace('index', 'core')]]) {
    await build({
      ...common,
      entryPoints: [join(here, 'src', entry)],
      outfile: join(pkg, 'dist', dir, out),
      format,
      platform,
      plugins: [runtime(loader, glue)],
    });
  }
}
// Node ESM: the web glue (an ES module; initSync) with the Node loader for modules. A second
// instance beside the CommonJS one when a program both imports and requires the package:
// CiError's instanceof holds across the two (errors.js).
const nodeEsmGlue = join(wb, 'web', 'cos_ci_wasm.node-esm.js');
{
  // The web glue's default location (next to the module) does not exist in dist/node, and a
  // server bundler would try to emit it: the Node loader always passes the bytes.
  const source = readFileSync(join(wb, 'web', 'cos_ci_wasm.bulk.js'), 'utf8');
  const from = "module_or_path = new URL('cos_ci_wasm_bg.wasm', import.meta.url);";
  if (!source.includes(from)) {
    console.error('js/build.mjs: the web glue no longer has ' + from);
    process.exit(3);
  }
  writeFileSync(nodeEsmGlue, source.replace(from, 'throw new Error("cos-ci-wasm: no default .wasm location in Node");'));
}
for (const [entry, out] of [['index.js', 'index.mjs'], ['thin.js', 'core.mjs']]) {
  await build({
    ...common,
    entryPoints: [join(here, 'src', entry)],
    outfile: join(pkg, 'dist', 'node', out),
    format: 'esm',
    platform: 'node',
    plugins: [runtime('loader-node-esm.js', nodeEsmGlue)],
  });
}

// Mini-programs: one minified CommonJS file (no bundler runs after us there) for
// WeChat's JS engines (JavaScriptCore without JIT on iOS): ES2017.
const wxGlue = join(wb, 'mp', 'cos_ci_wasm.wx.js');
try {
  writeFileSync(wxGlue, adaptGlueForWx(readFileSync(join(wb, 'mp', 'cos_ci_wasm.js'), 'utf8')));
} catch (e) {
  console.error(`js/build.mjs: target/pkg-build/mp/cos_ci_wasm.js: ${e.message}`);
  process.exit(3);
}
const mpOut = join(pkg, 'miniprogram_dist', 'index.js');
await build({
  ...common,
  entryPoints: [join(here, 'src', 'index.js')],
  outfile: mpOut,
  format: 'cjs',
  platform: 'neutral',
  target: 'es2017',
  minify: true,
  plugins: [runtime('loader-wx.js', wxGlue)],
});
{
  const out = readFileSync(mpOut, 'utf8');
  for (const banned of [/import\.meta/, /(?<![\w$])WebAssembly\b/, /\bText(En|De)coder\b/, /\brequire\(/, /\bnew URL\(/]) {
    if (banned.test(out)) {
      console.error(`js/build.mjs: the mini-program bundle contains ${banned}, which WeChat mini-programs lack`);
      process.exit(3);
    }
  }
}
writeFileSync(
  join(pkg, 'miniprogram_dist', 'cos_ci_wasm_bg.wasm.br'),
  brotliCompressSync(readFileSync(mpWasmFile), {
    params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_LGWIN]: 20, [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_GENERIC },
  }),
);

copyFileSync(wasmFile, join(pkg, 'dist', 'web', 'cos_ci_wasm_bg.wasm'));

const names = Object.keys(createRequire(import.meta.url)(join(pkg, 'dist', 'node', 'index.cjs'))).sort();

const template = JSON.parse(readFileSync(join(root, 'pkg-template', 'package.json'), 'utf8'));
template.version = version;
writeFileSync(join(pkg, 'package.json'), JSON.stringify(template, null, 2) + '\n');
// The declarations: the hand-written part, then the part generated from the operation table.
const dts =
  readFileSync(join(root, 'pkg-template', 'index.d.ts'), 'utf8') + '\n' + readFileSync(join(root, 'pkg-template', 'operations.d.ts'), 'utf8');
writeFileSync(join(pkg, 'index.d.ts'), dts);
// The same declarations for require() (a .d.ts in a "type": "module" package is read as ESM).
writeFileSync(join(pkg, 'index.d.cts'), dts);
// The thin entry's declarations: a generated re-export of its part of the above.
const coreDts = readFileSync(join(root, 'pkg-template', 'core.d.ts'), 'utf8');
writeFileSync(join(pkg, 'core.d.ts'), coreDts);
writeFileSync(join(pkg, 'core.d.cts'), coreDts.replace("from './index.js'", "from './index.cjs'"));
copyFileSync(join(root, 'README.md'), join(pkg, 'README.md'));
// Everything the README links to, so that its links work inside the package too.
mkdirSync(join(pkg, 'docs'), { recursive: true });
for (const f of readdirSync(join(root, 'docs'))) {
  if (f.endsWith('.md')) copyFileSync(join(root, 'docs', f), join(pkg, 'docs', f));
}
for (const f of ['SECURITY.md', 'CONTRIBUTING.md']) copyFileSync(join(root, f), join(pkg, f));
copyFileSync(join(root, 'LICENSE'), join(pkg, 'LICENSE'));
copyFileSync(join(root, 'CHANGELOG.md'), join(pkg, 'CHANGELOG.md'));
console.log(`pkg/: cos-ci-wasm ${version} (exports: ${names.join(', ')})`);
