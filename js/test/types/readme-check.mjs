// The README's examples type-check under `strict: true`: every ```js block marked
// `<!-- readme-test: esm|cjs -->` and every ```ts block marked `<!-- readme-test: ts -->` (the ones js/test/readme.test.mjs runs) is written into the
// installed ESM/CommonJS test project and checked by tsc with checkJs against the package's
// index.d.ts / index.d.cts. Mini-program blocks run in readme.test.mjs only (their `wx`
// globals come from miniprogram-api-typings, which issue "first hour" brings in).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const js = join(here, '..', '..');
const readme = readFileSync(join(js, '..', 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/<!-- readme-test: (esm|cjs|ts) -->\n```(?:js|ts)\n([\s\S]*?)```/g)];
if (blocks.length < 3) throw new Error(`expected the README's esm and cjs examples, found ${blocks.length}`);

const tsc = join(js, 'node_modules', '.bin', 'tsc');
for (const kind of ['esm', 'cjs']) {
  const dir = join(js, '.pkgtest', kind, 'readme-types');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = [];
  let examples = 0;
  blocks.forEach(([, k, code], i) => {
    // TypeScript examples are ES modules: checked as .mts in the ESM project.
    if (k !== kind && !(k === 'ts' && kind === 'esm')) return;
    const file = `readme-${i + 1}.${k === 'ts' ? 'mts' : kind === 'esm' ? 'mjs' : 'cjs'}`;
    writeFileSync(join(dir, file), code);
    files.push(file);
    examples++;
  });
  if (files.length === 0) continue;
  // cos-wx-sdk-v5 ships no types (cos-js-sdk-v5 does): declare the part the examples use.
  writeFileSync(
    join(dir, 'cos-wx-sdk-v5.d.cts'),
    `declare module 'cos-wx-sdk-v5' {
  interface Options {
    getAuthorization(options: object, callback: (auth: { TmpSecretId: string; TmpSecretKey: string; SecurityToken: string; StartTime: number; ExpiredTime: number }) => void): void;
  }
  class COS {
    constructor(options: Options);
    request(params: object, callback: (err: unknown, data: unknown) => void): void;
  }
  export = COS;
}
`,
  );
  files.push('cos-wx-sdk-v5.d.cts');
  const compilerOptions = {
    target: 'es2022',
    module: 'nodenext',
    moduleResolution: 'nodenext',
    lib: ['es2022', 'dom'],
    types: ['node'],
    allowJs: true,
    checkJs: true,
    strict: true,
    noEmit: true,
    skipLibCheck: false,
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files }, null, 2));
  const run = spawnSync(tsc, ['-p', join(dir, 'tsconfig.json')], { stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(`README examples (${kind}): tsc --strict --checkJs failed (files in ${dir})`);
    process.exit(1);
  }
  console.log(`README examples (${kind}, ${examples}): tsc --strict --checkJs passed`);
}
