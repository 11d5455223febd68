// The package's declarations stand alone: tsc --strict with lib ES2020, no DOM lib and no
// @types/node (`types: []`, skipLibCheck false) over js/test/types/standalone.ts, in the
// installed ESM and CommonJS test projects; and, the way a WeChat mini-program TypeScript
// project has it, with miniprogram-api-typings' global `wx` (standalone-miniprogram.ts).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const js = join(here, '..', '..');
const tsc = join(js, 'node_modules', '.bin', 'tsc');
const typings = join(js, 'node_modules', 'miniprogram-api-typings');

const runs = [
  ['esm', 'standalone.ts', []],
  ['cjs', 'standalone.ts', []],
  ['cjs', 'standalone-miniprogram.ts', [typings]],
];
for (const [kind, file, typeRoots] of runs) {
  const dir = join(js, '.pkgtest', kind, 'standalone-types');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(here, file), join(dir, file));
  const files = [file, ...typeRoots.map((t) => join(t, 'index.d.ts'))];
  const compilerOptions = {
    target: 'es2020',
    module: 'nodenext',
    moduleResolution: 'nodenext',
    lib: ['es2020'],
    types: [],
    strict: true,
    noEmit: true,
    skipLibCheck: false,
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files }, null, 2));
  const run = spawnSync(tsc, ['-p', join(dir, 'tsconfig.json')], { stdio: 'inherit' });
  const what = `${file} (${kind}, lib es2020, no DOM, no @types/node${typeRoots.length ? ', miniprogram-api-typings' : ''})`;
  if (run.status !== 0) {
    console.error(`types stand alone: ${what}: tsc failed`);
    process.exit(1);
  }
  console.log(`types stand alone: ${what}: tsc --strict passed`);
}
