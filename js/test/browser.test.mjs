// Headless Chromium (playwright-core driving Debian's /usr/bin/chromium): a page that
// imports the ESM build of the packed package (bare specifier via an import map) performs
// all seven operations with fetch against the emulator, which checks each signature
// against what the browser really sent.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startEmulator } from './helpers/emulator.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const pkgDir = process.env.PKG_DIR || join(here, '..', '.pkgtest', 'esm', 'node_modules', 'cos-ci-wasm');
const TYPES = { '.js': 'text/javascript', '.html': 'text/html', '.wasm': 'application/wasm' };

let emu, server, origin, browser;

before(async () => {
  emu = await startEmulator(['--job-start-ms', '20', '--job-run-ms', '20']);
  server = http.createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    let file;
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end(`<!doctype html><meta charset="utf-8"><title>cos-ci-wasm</title>
<script type="importmap">{"imports":{"cos-ci-wasm":"/pkg/dist/web/index.js"}}</script>
<script type="module" src="/page.js"></script>`);
    }
    if (path === '/page.js') file = join(here, 'browser', 'page.js');
    else if (path.startsWith('/pkg/')) file = normalize(join(pkgDir, path.slice(5)));
    if (!file || (path.startsWith('/pkg/') && !file.startsWith(pkgDir))) {
      res.writeHead(404);
      return res.end();
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[file.slice(file.lastIndexOf('.'))] || 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  origin = 'http://127.0.0.1:' + server.address().port;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.close();
  if (emu) await emu.stop();
});

test('Chromium: the ESM build performs the seven operations with fetch; the emulator accepts every signature', async () => {
  const page = await browser.newPage();
  const logs = [];
  page.on('console', (m) => logs.push(m.type() + ': ' + m.text()));
  page.on('pageerror', (e) => logs.push('pageerror: ' + e.message));
  await page.goto(origin + '/?emu=' + encodeURIComponent(emu.url));
  await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 20000 });
  const result = await page.evaluate(() => window.__result);
  assert.ok(result.ok, JSON.stringify(result) + '\n' + logs.join('\n'));
  assert.deepEqual(result.steps, [
    'describeDocProcessQueues',
    'describeAiProcessQueues',
    'updateDocProcessQueue:Paused',
    'updateAiProcessQueue:浏览器 queue',
    'createDocProcessJobs:Submitted',
    'describeDocProcessJob:浏览器/文档 1.docx',
    'describeDocProcessJobs:true',
    'waitForDocProcessJob:Success:number',
    'error:true:ServiceError:403:SignatureDoesNotMatch:true',
    'invalid:InvalidArgument:PageSize',
  ]);
  const ua = await page.evaluate(() => navigator.userAgent);
  assert.match(ua, /HeadlessChrome/);
});
