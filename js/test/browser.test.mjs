// Headless Chromium (playwright-core driving Debian's /usr/bin/chromium): a page that
// imports the ESM build of the packed package performs all seven operations with fetch
// against the emulator, which checks each signature against what the browser really sent —
// every way it is tested: the package as is (bare specifier via an import map), a webpack 5
// production build, a Vite production build, the Vite 5, 7 and 8 dev servers — none configured
// for wasm — and esbuild and Rollup bundles, which copy no .wasm (their error, then the
// documented fix).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startEmulator } from './helpers/emulator.mjs';
import { serveFile } from './helpers/serve-file.mjs';
import { mkdirSync, rmSync, copyFileSync, writeFileSync } from 'node:fs';
import webpack from 'webpack';
import { build as esbuild } from 'esbuild';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { build as viteBuild } from 'vite';
import * as vite5 from 'vite5';
import * as vite7 from 'vite';
import * as vite8 from 'vite8';

const here = dirname(fileURLToPath(import.meta.url));
const project = join(here, '..', '.pkgtest', 'esm');
const pkgDir = process.env.PKG_DIR || join(project, 'node_modules', 'cos-ci-wasm');
const apps = join(project, 'bundled');

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
    const dist = {
      webpack: 'webpack-dist', vite: 'vite-dist', esbuild: 'esbuild-dist', 'esbuild-fixed': 'esbuild-fixed-dist',
      rollup: 'rollup-dist', 'rollup-fixed': 'rollup-fixed-dist',
    }[path.split('/')[1]];
    const root = path.startsWith('/pkg/') ? pkgDir : dist ? join(apps, dist) : null;
    if (path === '/page.js') file = join(here, 'browser', 'page.js');
    else if (root) file = normalize(join(root, path.slice(path.indexOf('/', 1) + 1) || 'index.html'));
    if (root && file && !file.startsWith(root)) file = null;
    await serveFile(res, file);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  await buildBundles();
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

/** Loads the page and gives what it reported (`window.__result`), with the console and the user agent. */
async function pageResult(url, timeout = 30000) {
  const page = await browser.newPage();
  const logs = [];
  page.on('console', (m) => logs.push(m.type() + ': ' + m.text()));
  page.on('pageerror', (e) => logs.push('pageerror: ' + e.message));
  await page.goto(url + (url.includes('?') ? '&' : '?') + 'emu=' + encodeURIComponent(emu.url));
  await page.waitForFunction(() => window.__result !== undefined, null, { timeout });
  const result = await page.evaluate(() => window.__result);
  const userAgent = await page.evaluate(() => navigator.userAgent);
  await page.close();
  return { result, logs, userAgent };
}

/** A Vite dev server (of `vite`, one major version) over `root` (pre-bundling on, as by default), serving `html` there. */
async function withViteDev(vite, root, html, run, plugins = []) {
  writeFileSync(join(root, 'vite-dev.html'), html);
  const dev = await vite.createServer({
    root,
    configFile: false,
    logLevel: 'warn',
    server: { host: '127.0.0.1', port: 0 },
    optimizeDeps: { force: true },
    plugins,
  });
  await dev.listen();
  try {
    return await run(dev.resolvedUrls.local[0] + 'vite-dev.html');
  } finally {
    await dev.close();
  }
}

async function runPage(url) {
  const { result, logs, userAgent } = await pageResult(url, 20000);
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
    'img:120x160:8',
    'tampered:refused:expired:refused',
    'docPreview:Sheet2:2:image/jpeg:true',
    'error:true:ServiceError:403:SignatureDoesNotMatch:true',
    'invalid:InvalidArgument:PageSize',
  ]);
  assert.match(userAgent, /HeadlessChrome/);
}

/** The same page bundled by webpack 5 and by Vite, each with its defaults (no wasm configuration). */
async function buildBundles() {
  rmSync(apps, { recursive: true, force: true });
  mkdirSync(apps, { recursive: true });
  copyFileSync(join(here, 'browser', 'page.js'), join(apps, 'page.js'));
  writeFileSync(join(apps, 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="./page.js"></script>\n');
  await new Promise((resolve, reject) =>
    webpack(
      { mode: 'production', context: apps, entry: './page.js', output: { path: join(apps, 'webpack-dist'), filename: 'main.js', publicPath: 'auto' }, target: 'web' },
      (err, stats) => (err || stats.hasErrors() ? reject(err || new Error(stats.toString('errors-only'))) : resolve()),
    ),
  );
  writeFileSync(join(apps, 'webpack-dist', 'index.html'), '<!doctype html><meta charset="utf-8"><script src="main.js"></script>\n');
  await viteBuild({ root: apps, base: './', logLevel: 'warn', configFile: false, build: { outDir: join(apps, 'vite-dist'), emptyOutDir: true } });
  // esbuild with its defaults: it leaves `new URL('cos_ci_wasm_bg.wasm', import.meta.url)` as it
  // is and copies no .wasm; then the same bundle with the documented one-line fix (the .wasm
  // served next to it).
  const bundlers = {
    esbuild: (outfile) =>
      esbuild({ entryPoints: [join(apps, 'page.js')], bundle: true, format: 'esm', platform: 'browser', outfile, logLevel: 'warning' }),
    // Rollup with @rollup/plugin-node-resolve (browser exports), likewise: no .wasm copied.
    rollup: async (file) => {
      const bundle = await rollup({ input: join(apps, 'page.js'), plugins: [nodeResolve({ browser: true })], logLevel: 'silent' });
      await bundle.write({ file, format: 'es' });
      await bundle.close();
    },
  };
  for (const [name, bundle] of Object.entries(bundlers)) {
    for (const [dir, copyWasm] of [[name + '-dist', false], [name + '-fixed-dist', true]]) {
      await bundle(join(apps, dir, 'main.js'));
      writeFileSync(join(apps, dir, 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="main.js"></script>\n');
      if (copyWasm) copyFileSync(join(pkgDir, 'dist', 'web', 'cos_ci_wasm_bg.wasm'), join(apps, dir, 'cos_ci_wasm_bg.wasm'));
    }
  }
}

test('Chromium: the ESM build as published, via an import map', () => runPage(origin + '/'));
test('Chromium: a webpack 5 production build of the page', () => runPage(origin + '/webpack/'));
test('Chromium: a Vite production build of the page', () => runPage(origin + '/vite/'));

// esbuild and Rollup copy no .wasm: the first call names the URL it fetched and the fix; with
// the fix, it works.
for (const [name, tool] of [['esbuild', 'an esbuild'], ['rollup', 'a Rollup']]) {
  test(`Chromium: ${tool} bundle with its defaults: NotInitialized naming the URL and the fix`, async () => {
    const { result, logs } = await pageResult(`${origin}/${name}/`);
    assert.equal(result.ok, false, logs.join('\n'));
    assert.equal(result.code, 'NotInitialized', result.error);
    assert.match(result.error, new RegExp(`loading the cos-ci-wasm \\.wasm from http://127\\.0\\.0\\.1:\\d+/${name}/cos_ci_wasm_bg\\.wasm failed`));
    assert.match(result.error, /serve node_modules\/cos-ci-wasm\/dist\/web\/cos_ci_wasm_bg\.wasm next to the bundle, or pass its URL to init\(url\)/);
  });
  test(`Chromium: the ${name} bundle with the .wasm served next to it`, () => runPage(`${origin}/${name}-fixed/`));
}

// Vite's dev server pre-bundles cos-ci-wasm into node_modules/.vite/deps/, away from its .wasm
// (vitejs/vite#8427; Vite 5 and 7): the loader then reads the package's own copy under
// /node_modules/. Vite 8 finds the .wasm by itself.
const DEV_PAGE = '<!doctype html><meta charset="utf-8"><script type="module" src="/bundled/page.js"></script>\n';
for (const vite of [vite5, vite7, vite8]) {
  test(`Chromium: the Vite ${vite.version} dev server, no configuration`, () => withViteDev(vite, project, DEV_PAGE, runPage));
}

// Where the package's copy is not served either (a layout where /node_modules/cos-ci-wasm/ is
// not the package, simulated by a middleware answering 404 there), the error names both URLs
// and the one-line fix.
const hidePackage = {
  name: 'hide-the-package-copy',
  configureServer(server) {
    server.middlewares.use((req, res, next) => {
      if (!req.url.startsWith('/node_modules/cos-ci-wasm/')) return next();
      res.statusCode = 404;
      res.end();
    });
  },
};
test(`Chromium: the Vite ${vite7.version} dev server where the .wasm cannot be found: NotInitialized naming the URLs and the fix`, () =>
  withViteDev(
    vite7,
    project,
    DEV_PAGE,
    async (url) => {
      const { result, logs } = await pageResult(url);
      assert.equal(result.ok, false, logs.join('\n'));
      assert.equal(result.code, 'NotInitialized', result.error);
      assert.match(result.error, /loading the cos-ci-wasm \.wasm from http:\/\/127\.0\.0\.1:\d+\/node_modules\/\.vite\/deps\/cos_ci_wasm_bg\.wasm/);
      assert.match(result.error, /\(and http:\/\/127\.0\.0\.1:\d+\/node_modules\/cos-ci-wasm\/dist\/web\/cos_ci_wasm_bg\.wasm\)/);
      assert.match(result.error, /optimizeDeps: \{ exclude: \['cos-ci-wasm'\] \}/);
    },
    [hidePackage],
  ));
