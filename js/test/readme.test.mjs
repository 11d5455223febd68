// The README's examples, run: every ```js block marked `<!-- readme-test: esm|cjs -->` is
// written into the temporary ESM/CJS project (where 'cos-ci-wasm' is the installed tarball)
// and run against the emulator — requests for the real CI host are routed to it (Host kept,
// so signatures are checked as signed), the example's STS endpoint is answered locally,
// and a `wx` global (for cos-wx-sdk-v5) routes the same way.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startEmulator, TMP_KEYS } from './helpers/emulator.mjs';
import { routedFetch } from './helpers/routed-fetch.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const readme = readFileSync(join(here, '..', '..', 'README.md'), 'utf8');
const projects = join(here, '..', '.pkgtest');
const require = createRequire(import.meta.url);
const { makeWx } = require('./helpers/wx-shim.cjs');

const blocks = [...readme.matchAll(/<!-- readme-test: (esm|cjs) -->\n```js\n([\s\S]*?)```/g)].map((m, i) => ({
  kind: m[1],
  code: m[2],
  index: i + 1,
}));

let emu;
before(async () => {
  emu = await startEmulator(['--job-start-ms', '20', '--job-run-ms', '20']);
  const routed = routedFetch(emu.url);
  const now = () => Math.floor(Date.now() / 1000);
  globalThis.fetch = async (url, init) => {
    if (String(url).startsWith('https://your-server.example.com/sts')) {
      return Response.json({ ...TMP_KEYS, StartTime: now() - 5, ExpiredTime: now() + 1800 });
    }
    return routed(url, init);
  };
  globalThis.wx = makeWx({ route: emu.url });
  if (!('window' in globalThis)) globalThis.window = undefined; // cos-wx-sdk-v5's UMD wrapper reads `window`
});
after(() => emu.stop());

test('the README has runnable examples', () => {
  assert.ok(blocks.length >= 3, `found ${blocks.length}`);
});

for (const block of blocks) {
  test(`README example ${block.index} (${block.kind})`, async () => {
    const file = join(projects, block.kind, `readme-${block.index}.${block.kind === 'esm' ? 'mjs' : 'cjs'}`);
    writeFileSync(file, block.code);
    const logged = [];
    const log = console.log;
    console.log = (...args) => logged.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
    try {
      if (block.kind === 'esm') await import(pathToFileURL(file).href);
      else await createRequire(file)(file);
    } finally {
      console.log = log;
    }
    const out = logged.join('\n');
    assert.ok(out.length > 0, 'the example printed something');
    for (const [, sig] of block.code.matchAll(/q-signature=([0-9a-f]{40})/g)) assert.ok(out.includes(sig), `prints ${sig}: ${out}`);
    for (const [, tail] of block.code.matchAll(/Url: '([^']+)'/g)) if (tail.startsWith('https://')) assert.ok(out.includes(tail), `prints ${tail}`);
  });
}
