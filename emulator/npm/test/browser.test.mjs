// The in-process emulator in headless Chromium: a page imports cos-ci-emulator (its browser
// entry) and cos-ci-wasm from the installed tarballs through an import map, and runs the
// scenario Node runs (scenario.mjs) — no server but the one serving the files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, 'node_modules');
const repo = join(here, '..', '..');
const { chromium } = createRequire(join(repo, 'js', 'package.json'))('playwright-core');
const { serveFile } = await import(join(repo, 'js', 'test', 'helpers', 'serve-file.mjs'));

let server, origin, browser;

before(async () => {
  server = http.createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end(`<!doctype html><meta charset="utf-8"><title>cos-ci-emulator</title>
<script type="importmap">{"imports":{"cos-ci-wasm":"/m/cos-ci-wasm/dist/web/index.js","cos-ci-emulator":"/m/cos-ci-emulator/dist/browser.mjs"}}</script>
<script type="module">
import * as emulator from 'cos-ci-emulator';
import * as lib from 'cos-ci-wasm';
import { scenario } from '/scenario.mjs';
scenario(emulator, lib).then((checked) => { window.result = { checked }; }, (e) => { window.result = { error: String(e && e.stack || e) }; });
</script>`);
    }
    let file = path === '/scenario.mjs' ? join(here, 'scenario.mjs') : path.startsWith('/m/') ? normalize(join(modules, path.slice(3))) : null;
    if (file && path.startsWith('/m/') && !file.startsWith(modules)) file = null;
    await serveFile(res, file);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  origin = 'http://127.0.0.1:' + server.address().port;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.close();
});

test('createEmulator in headless Chromium: the same scenario as in Node, in the page', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(origin + '/');
  await page.waitForFunction(() => window.result !== undefined, null, { timeout: 30000 });
  const result = await page.evaluate(() => window.result);
  assert.equal(result.error, undefined, result.error);
  assert.deepEqual(result.checked, ['queues', 'jobs', 'notifications', 'preview', 'faults', 'temporary keys', 'requests']);
  assert.deepEqual(errors, []);
  await page.close();
});
