// The README's examples, run: every ```js block marked `<!-- readme-test: esm|cjs -->` is
// written into the temporary ESM/CJS project (where 'cos-ci-wasm' is the installed tarball),
// and every `miniprogram` block into a page of a code package run in the simulated
// mini-program runtime (helpers/miniprogram-sim.mjs), against the emulator — requests for the real CI host are routed to it (Host kept,
// so signatures are checked as signed), the example's STS endpoint is answered locally,
// and a `wx` global (for cos-wx-sdk-v5) routes the same way.
import { test, before, after } from 'node:test';
import { transformSync } from 'esbuild';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startEmulator, TMP_KEYS } from './helpers/emulator.mjs';
import { routedFetch } from './helpers/routed-fetch.mjs';
import { createMiniProgram, buildCodePackage } from './helpers/miniprogram-sim.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const readme = readFileSync(join(here, '..', '..', 'README.md'), 'utf8');
const projects = join(here, '..', '.pkgtest');
const require = createRequire(import.meta.url);
const { makeWx } = require('./helpers/wx-shim.cjs');

// `ts` blocks are TypeScript for ESM: esbuild strips the types (tsc checks them: readme-check.mjs).
const blocks = [...readme.matchAll(/<!-- readme-test: (esm|cjs|miniprogram|ts) -->\n```(?:js|ts)\n([\s\S]*?)```/g)].map((m, i) => ({
  kind: m[1],
  code: m[2],
  index: i + 1,
}));

const STS_URL = 'https://your-server.example.com/sts';
const now = () => Math.floor(Date.now() / 1000);
// What qcloud-cos-sts-sdk's getCredential() gives (the fetch example returns it as it comes).
const stsAnswer = () => ({
  credentials: { tmpSecretId: TMP_KEYS.TmpSecretId, tmpSecretKey: TMP_KEYS.TmpSecretKey, sessionToken: TMP_KEYS.SecurityToken },
  startTime: now() - 5,
  expiredTime: now() + 1800,
});

let emu;
let codePackage; // for the mini-program examples
before(async () => {
  emu = await startEmulator(['--job-start-ms', '20', '--job-run-ms', '20']);
  const routed = routedFetch(emu.url);
  globalThis.fetch = async (url, init) => {
    if (String(url).startsWith(STS_URL)) return Response.json(stsAnswer());
    return routed(url, init);
  };
  globalThis.wx = makeWx({ route: emu.url });
  if (!('window' in globalThis)) globalThis.window = undefined; // cos-wx-sdk-v5's UMD wrapper reads `window`
  codePackage = buildCodePackage(join(projects, 'cjs', 'node_modules', 'cos-ci-wasm'));
});
after(async () => {
  await emu.stop();
  rmSync(codePackage, { recursive: true, force: true });
});

/** Runs a mini-program example as a page of the simulated code package. */
async function runInMiniProgram(block) {
  const dir = join(codePackage, 'pages', `readme-${block.index}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.js'), block.code);
  const wx = makeWx({
    route: emu.url,
    // wx.request parses JSON replies (dataType 'json', the default).
    intercept: (opt) => (opt.url.startsWith(STS_URL) ? { statusCode: 200, header: {}, data: stsAnswer() } : undefined),
  });
  await createMiniProgram({ root: codePackage, wx }).require(`./pages/readme-${block.index}/index.js`);
}

test('the README has runnable examples', () => {
  assert.ok(blocks.length >= 3, `found ${blocks.length}`);
  for (const kind of ['esm', 'cjs', 'miniprogram', 'ts']) assert.ok(blocks.some((b) => b.kind === kind), `a ${kind} example`);
});

for (const block of blocks) {
  test(`README example ${block.index} (${block.kind})`, async () => {
    const esm = block.kind === 'esm' || block.kind === 'ts';
    const file = join(projects, esm ? 'esm' : 'cjs', `readme-${block.index}.${esm ? 'mjs' : 'cjs'}`);
    const code = block.kind === 'ts' ? transformSync(block.code, { loader: 'ts', format: 'esm', target: 'es2022' }).code : block.code;
    if (block.kind !== 'miniprogram') writeFileSync(file, code);
    const logged = [];
    const log = console.log;
    console.log = (...args) => logged.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
    try {
      if (block.kind === 'miniprogram') await runInMiniProgram(block);
      else if (esm) await import(pathToFileURL(file).href);
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
