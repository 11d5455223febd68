// The in-process emulator in the simulated WeChat mini-program runtime (js/test/helpers/
// miniprogram-sim.mjs: no WebAssembly global, only WXWebAssembly with code-package paths; no
// TextEncoder, TextDecoder, URL, fetch or Node built-ins): a code package as DevTools' "build
// npm" leaves it, with both packages' miniprogram_dist/, and a page running the scenario the
// Node and Chromium tests run (scenario.mjs) through emu.transport.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const { buildSync } = createRequire(join(repo, 'js', 'package.json'))('esbuild');
const { createMiniProgram } = await import(join(repo, 'js', 'test', 'helpers', 'miniprogram-sim.mjs'));

test('createEmulator in a mini-program: the scenario through emu.transport, the wasm from the code package', async () => {
  const root = mkdtempSync(join(tmpdir(), 'cos-ci-emulator-mp-'));
  try {
  for (const name of ['cos-ci-wasm', 'cos-ci-emulator']) {
    cpSync(join(here, 'node_modules', name, 'miniprogram_dist'), join(root, 'miniprogram_npm', name), { recursive: true });
  }
  mkdirSync(join(root, 'pages', 'index'), { recursive: true });
  writeFileSync(join(root, 'app.js'), '');
  // The page: the scenario as CommonJS, the packages required as a mini-program requires them.
  writeFileSync(join(root, 'pages', 'index', 'scenario.js'), buildSync({ entryPoints: [join(here, 'scenario.mjs')], bundle: true, format: 'cjs', write: false }).outputFiles[0].text);
  writeFileSync(
    join(root, 'pages', 'index', 'index.js'),
    `const emulator = require('cos-ci-emulator');
const lib = require('cos-ci-wasm');
const { scenario } = require('./scenario.js');
module.exports = { run: () => lib.init('/miniprogram_npm/cos-ci-wasm/cos_ci_wasm_bg.wasm.br').then(() => scenario(emulator, lib)), emulator };
`,
  );
  const sim = createMiniProgram({ root, wx: {} });
  assert.deepEqual(
    Object.fromEntries(Object.entries(sim.globals()).filter(([, t]) => t !== 'undefined')),
    { WXWebAssembly: 'object', wx: 'object' },
    'the simulated runtime has none of the web platform the browser and Node builds use',
  );
  const page = sim.require('./pages/index/index.js');
  const checked = Array.from(await page.run()); // an array of the simulator's realm
  assert.deepEqual(checked, ['queues', 'jobs', 'notifications', 'preview', 'faults', 'temporary keys', 'requests']);
  await assert.rejects(page.emulator.startEmulator(), /startEmulator serves HTTP and needs Node/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
