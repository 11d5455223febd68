// Assembles the npm package cos-ci-emulator in ../../pkg-emulator from this folder
// (package.json, README.md, index.d.ts, src/) and the wasm that
// scripts/build-emulator.sh made in ../../target/emulator-build:
//
//   pkg-emulator/
//     package.json        ./package.json + the emulator crate's version
//     README.md, LICENSE, index.d.ts
//     dist/node.mjs       createEmulator, startEmulator (node:http)
//     dist/browser.mjs    createEmulator (no sockets)
//     dist/bin.mjs        npx cos-ci-emulator
//     dist/chunk-*.mjs    what they share: the wasm (base64) and its glue, the core's JS side
//     miniprogram_dist/   WeChat mini-programs ("miniprogram" field): index.js (CommonJS,
//       index.js          createEmulator) and the MVP wasm, brotli, for WXWebAssembly
//       emulator.wasm.br
import { readFileSync, writeFileSync, mkdirSync, rmSync, copyFileSync, existsSync } from 'node:fs';
import { brotliCompressSync, constants as zlib } from 'node:zlib';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const { build } = createRequire(join(root, 'js', 'package.json'))('esbuild');
const wb = join(root, 'target', 'emulator-build');
const out = join(root, 'pkg-emulator');
for (const f of ['emulator.wasm', 'cos_ci_emulator_wasm.js', 'mp/emulator.wasm', 'mp/cos_ci_emulator_wasm.js']) {
  if (!existsSync(join(wb, f))) {
    console.error('missing ' + join(wb, f) + ': run scripts/build-emulator.sh (make build)');
    process.exit(2);
  }
}
const version = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(root, 'emulator', 'Cargo.toml'), 'utf8'))[1];

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'dist'), { recursive: true });

const wasmBase64 = readFileSync(join(wb, 'emulator.wasm')).toString('base64');
const virtual = {
  name: 'virtual',
  setup(b) {
    b.onResolve({ filter: /^virtual:glue$/ }, () => ({ path: join(wb, 'cos_ci_emulator_wasm.js') }));
    b.onResolve({ filter: /^virtual:load$/ }, () => ({ path: join(here, 'src', 'load-embedded.js') }));
    b.onResolve({ filter: /^virtual:text$/ }, () => ({ path: join(here, 'src', 'text.js') }));
    b.onResolve({ filter: /^virtual:wasm$/ }, () => ({ path: 'wasm', namespace: 'virtual' }));
    b.onLoad({ filter: /.*/, namespace: 'virtual' }, () => ({ contents: 'export const wasmBase64 = ' + JSON.stringify(wasmBase64) + ';', loader: 'js' }));
  },
};
await build({
  entryPoints: { node: join(here, 'src', 'node.js'), browser: join(here, 'src', 'browser.js'), bin: join(here, 'src', 'bin.js') },
  outdir: join(out, 'dist'),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  external: ['node:*'],
  legalComments: 'none',
  logLevel: 'warning',
  banner: { js: `/* cos-ci-emulator ${version} — a local Tencent Cloud CI emulator. MIT. */` },
  plugins: [virtual],
});

// The mini-program build: the adapted glue (as cos-ci-wasm's), js/src/utf8.js for the codecs.
const { adaptGlueForWx } = await import(join(root, 'js', 'adapt-glue.mjs'));
const wxGlue = join(wb, 'mp', 'cos_ci_emulator_wasm.wx.js');
writeFileSync(wxGlue, adaptGlueForWx(readFileSync(join(wb, 'mp', 'cos_ci_emulator_wasm.js'), 'utf8')));
const utf8 = join(root, 'js', 'src', 'utf8.js');
mkdirSync(join(out, 'miniprogram_dist'), { recursive: true });
await build({
  entryPoints: [join(here, 'src', 'miniprogram.js')],
  outfile: join(out, 'miniprogram_dist', 'index.js'),
  bundle: true,
  format: 'cjs',
  platform: 'neutral',
  target: 'es2020',
  legalComments: 'none',
  logLevel: 'warning',
  banner: { js: `/* cos-ci-emulator ${version} — a local Tencent Cloud CI emulator (mini-programs). MIT. */` },
  plugins: [
    {
      name: 'wx',
      setup(b) {
        b.onResolve({ filter: /^virtual:glue$/ }, () => ({ path: wxGlue }));
        b.onResolve({ filter: /^virtual:load$/ }, () => ({ path: join(here, 'src', 'load-wx.js') }));
        b.onResolve({ filter: /^virtual:(text|utf8)$/ }, () => ({ path: utf8 }));
      },
    },
  ],
});
const mpOut = readFileSync(join(out, 'miniprogram_dist', 'index.js'), 'utf8');
for (const banned of [/import\.meta/, /(?<![\w$])WebAssembly\b/, /globalThis\.Text(En|De)coder/, /\brequire\(/, /\bnew URL\(/, /\batob\(/]) {
  if (banned.test(mpOut)) {
    console.error('emulator/npm/build.mjs: miniprogram_dist/index.js uses ' + banned + ', which mini-programs do not have');
    process.exit(1);
  }
}
writeFileSync(
  join(out, 'miniprogram_dist', 'emulator.wasm.br'),
  brotliCompressSync(readFileSync(join(wb, 'mp', 'emulator.wasm')), { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }),
);

const manifest = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));
manifest.version = version;
writeFileSync(join(out, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
for (const f of ['README.md', 'index.d.ts']) copyFileSync(join(here, f), join(out, f));
copyFileSync(join(root, 'LICENSE'), join(out, 'LICENSE'));
