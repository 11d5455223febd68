// Assembles the npm package in ../pkg from ../pkg-template, the wasm-bindgen output
// in ../target/pkg-build (made by scripts/build.sh) and the shim in ./src.
//
//   pkg/
//     package.json            pkg-template/package.json + the crate's version
//     README.md, LICENSE, index.d.ts
//     dist/web/index.js       ESM for browsers and bundlers (glue + shim), loads ./cos_ci_wasm_bg.wasm
//     dist/node/index.cjs     CommonJS for Node (glue + shim), reads ./cos_ci_wasm_bg.wasm
//     dist/node/index.mjs     ESM for Node: re-exports index.cjs (one instance, one CiError class)
import { build } from 'esbuild';
import { readFileSync, writeFileSync, mkdirSync, rmSync, copyFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const wb = join(root, 'target', 'pkg-build');
const pkg = join(root, 'pkg');
const wasmFile = join(wb, 'cos_ci_wasm_bg.wasm');
for (const f of [wasmFile, join(wb, 'web', 'cos_ci_wasm.js'), join(wb, 'node', 'cos_ci_wasm.js')]) {
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

/** Resolves the two virtual modules of src/index.js to one runtime's loader and glue. */
function runtime(loader, glue) {
  return {
    name: 'runtime',
    setup(b) {
      b.onResolve({ filter: /^virtual:loader$/ }, () => ({ path: join(here, 'src', loader) }));
      b.onResolve({ filter: /^virtual:glue$/ }, () => ({ path: glue }));
    },
  };
}

const banner = `/* cos-ci-wasm ${version} — Tencent Cloud COS CI asynchronous processing. MIT. */`;
const common = { bundle: true, target: 'es2020', logLevel: 'warning', legalComments: 'none', banner: { js: banner } };

// One bundle per runtime: the same shim with that runtime's loader and wasm-bindgen glue.
for (const [dir, file, format, platform, loader] of [
  ['web', 'index.js', 'esm', 'browser', 'loader-web.js'],
  ['node', 'index.cjs', 'cjs', 'node', 'loader-node.js'],
]) {
  await build({
    ...common,
    entryPoints: [join(here, 'src', 'index.js')],
    outfile: join(pkg, 'dist', dir, file),
    format,
    platform,
    plugins: [runtime(loader, join(wb, dir, 'cos_ci_wasm.js'))],
  });
}
copyFileSync(wasmFile, join(pkg, 'dist', 'web', 'cos_ci_wasm_bg.wasm'));
copyFileSync(wasmFile, join(pkg, 'dist', 'node', 'cos_ci_wasm_bg.wasm'));

// Node ESM: the same instance as require() — named re-exports of the CJS build.
const names = Object.keys(createRequire(import.meta.url)(join(pkg, 'dist', 'node', 'index.cjs'))).sort();
writeFileSync(
  join(pkg, 'dist', 'node', 'index.mjs'),
  `${banner}\nimport cjs from './index.cjs';\nexport const { ${names.join(', ')} } = cjs;\n`,
);

const template = JSON.parse(readFileSync(join(root, 'pkg-template', 'package.json'), 'utf8'));
template.version = version;
writeFileSync(join(pkg, 'package.json'), JSON.stringify(template, null, 2) + '\n');
copyFileSync(join(root, 'pkg-template', 'index.d.ts'), join(pkg, 'index.d.ts'));
// The same declarations for require() (a .d.ts in a "type": "module" package is read as ESM).
copyFileSync(join(root, 'pkg-template', 'index.d.ts'), join(pkg, 'index.d.cts'));
copyFileSync(join(root, 'README.md'), join(pkg, 'README.md'));
copyFileSync(join(root, 'LICENSE'), join(pkg, 'LICENSE'));
console.log(`pkg/: cos-ci-wasm ${version} (exports: ${names.join(', ')})`);
