// Next.js (app router) with the packed package, built the two ways Next.js builds (Turbopack,
// its default, and webpack), started with `next start`, and driven by headless Chromium against
// the emulator: a client component calling fetch with STS keys and showing a presigned preview
// as an <img>; route handlers signing for the browser (getAuthorization) and handing out STS
// keys; the package imported during server rendering (no window or navigator there) and in
// route handlers; and the job-finished notification recipes of docs/notifications.md — the
// Next.js route handler and the Node http server, copied out of the page — receiving the
// emulator's real notifications.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startEmulator, BUCKET, REGION, KEYS } from './helpers/emulator.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const fixture = join(here, 'nextjs');
const project = join(here, '..', '.pkgtest', 'next');
const tarball = process.env.PKG_TARBALL;

/** The code blocks of docs/notifications.md marked `<!-- recipe: <file> -->`. */
function recipes() {
  const doc = readFileSync(join(repo, 'docs', 'notifications.md'), 'utf8');
  return [...doc.matchAll(/<!-- recipe: (\S+) -->\n```js\n([\s\S]*?)```/g)].map((m) => ({ file: m[1], code: m[2] }));
}

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/** Spawns `cmd` in its own process group (stop() ends the group), collecting its output. */
function start(cmd, args, env) {
  const child = spawn(cmd, args, {
    cwd: project,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.output = '';
  const collect = (d) => (child.output += d);
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  child.stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  return child;
}

/** Resolves when `child`'s output matches `pattern` (within `ms`). */
function outputMatches(child, pattern, ms = 15000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${pattern} in:\n${child.output}`)), ms);
    const check = () => {
      if (pattern.test(child.output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    check();
  });
}

let emu;
let browser;
let lib;
let nextVersion;

before(async () => {
  assert.ok(tarball && existsSync(tarball), 'PKG_TARBALL: the packed cos-ci-wasm');
  rmSync(join(project, 'app'), { recursive: true, force: true });
  mkdirSync(project, { recursive: true });
  for (const f of ['package.json', 'package-lock.json', 'next.config.mjs', 'app']) cpSync(join(fixture, f), join(project, f), { recursive: true });
  for (const { file, code } of recipes()) {
    mkdirSync(dirname(join(project, file)), { recursive: true });
    writeFileSync(join(project, file), code);
  }
  // The pinned lock, from npm's cache when it has it; a stalled registry fetch fails within minutes.
  const npm = ['--no-audit', '--no-fund', '--loglevel=error', '--prefer-offline', '--fetch-timeout=60000', '--fetch-retries=4'];
  const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8'));
  const installed = join(project, 'node_modules', 'next', 'package.json');
  if (!existsSync(installed) || JSON.parse(readFileSync(installed, 'utf8')).version !== lock.packages['node_modules/next'].version) {
    execFileSync('npm', ['ci', ...npm], { cwd: project, stdio: 'inherit', timeout: 10 * 60 * 1000 });
  }
  execFileSync('npm', ['install', '--no-save', ...npm, tarball], { cwd: project, stdio: 'inherit', timeout: 5 * 60 * 1000 });
  nextVersion = JSON.parse(readFileSync(join(project, 'node_modules', 'next', 'package.json'), 'utf8')).version;
  lib = createRequire(join(project, 'package.json'))('cos-ci-wasm');
  emu = await startEmulator(['--allow-local-callbacks', '--job-start-ms', '20', '--job-run-ms', '20']);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking'],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (emu) await emu.stop();
});

const serverEnv = () => ({ COS_BUCKET: BUCKET, COS_REGION: REGION, CI_ENDPOINT: emu.url, COS_SECRET_ID: KEYS.SecretId, COS_SECRET_KEY: KEYS.SecretKey });

/**
 * Points the doc-preview queue's callbacks at `url` (a loopback URL: the client refuses it, as the
 * service does; the emulator takes it with --allow-local-callbacks), runs a job, and gives its id.
 */
async function runJobNotifying(url) {
  const config = { Bucket: BUCKET, Region: REGION, Endpoint: emu.url };
  const ci = new lib.CiClient({ ...config, transport: lib.fetchTransport(), ...KEYS });
  const queue = (await ci.describeDocProcessQueues()).QueueList[0];
  const placeholder = 'https://callback.example.com/placeholder';
  const d = lib.buildUpdateDocProcessQueue(config, {
    QueueId: queue.QueueId, Name: queue.Name, State: 'Active',
    NotifyConfig: { State: 'On', Type: 'Url', Event: 'TaskFinish', ResultFormat: 'XML', Url: placeholder },
  });
  const body = d.Body.replace(placeholder, url);
  const headers = { 'Content-Type': d.Headers['Content-Type'], 'Content-Length': String(Buffer.byteLength(body)), Host: new URL(d.Url).host };
  const Authorization = lib.getAuthorization({ ...KEYS, Method: d.Method, Key: d.Key, Query: d.Query, Headers: headers });
  const res = await fetch(lib.requestUrl(d), { method: d.Method, headers: { 'Content-Type': headers['Content-Type'], Authorization }, body });
  assert.equal(res.status, 200, await res.text());
  const { JobsDetail } = await ci.createDocProcessJobs({
    QueueId: queue.QueueId,
    Input: { Object: 'docs/report.docx' },
    Operation: { DocProcess: { TgtType: 'png' }, Output: { Bucket: BUCKET, Region: REGION, Object: 'out/${Number}.png' } },
  });
  await ci.waitForDocProcessJob(JobsDetail[0].JobId, { interval: 20, timeout: 10000 });
  return JobsDetail[0].JobId;
}

for (const bundler of ['turbopack', 'webpack']) {
  test(`Next.js (${bundler}): client component with STS keys and a preview <img>, route handlers signing and receiving notifications`, async () => {
    const distDir = '.next-' + bundler;
    const buildEnv = { NEXT_DIST_DIR: distDir, NEXT_PUBLIC_CI_ENDPOINT: emu.url };
    execFileSync('node', [join('node_modules', 'next', 'dist', 'bin', 'next'), 'build', ...(bundler === 'webpack' ? ['--webpack'] : [])], {
      cwd: project, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...buildEnv }, stdio: ['ignore', 'pipe', 'inherit'],
    });
    const port = await freePort();
    const child = start('node', [join('node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(port), '-H', '127.0.0.1'], { ...buildEnv, ...serverEnv() });
    try {
      await outputMatches(child, /Ready in/, 30000);
      const origin = `http://127.0.0.1:${port}`;
      // Server rendering imported the package (the page is a client component): no window there.
      const html = await (await fetch(origin + '/')).text();
      assert.match(html, /id="state">loading</);
      const page = await browser.newPage();
      const logs = [];
      page.on('console', (m) => logs.push(m.type() + ': ' + m.text()));
      page.on('pageerror', (e) => logs.push('pageerror: ' + e.message));
      await page.goto(origin + '/');
      await page.waitForFunction(() => document.querySelector('#state').textContent !== 'loading', null, { timeout: 30000 });
      assert.equal(await page.textContent('#state'), 'queues:1:1', logs.join('\n'));
      await page.waitForFunction(() => { const i = document.querySelector('#page'); return i && i.complete && i.naturalWidth > 0; }, null, { timeout: 15000 });
      assert.equal(await page.evaluate(() => document.querySelector('#page').naturalWidth), 120);
      await page.close();

      // The notification recipe: the emulator's TaskFinish arrives, the route confirms the job.
      const jobId = await runJobNotifying(origin + '/api/ci-callback');
      await outputMatches(child, new RegExp(`job ${jobId} Success`));
      const forged = await fetch(origin + '/api/ci-callback', {
        method: 'POST',
        body: '<Response><EventName>TaskFinish</EventName><JobsDetail><JobId>dforged</JobId><State>Success</State></JobsDetail></Response>',
      });
      assert.equal(forged.status, 409);
      assert.match(await forged.text(), /^JobNotFound:/);
      const garbage = await fetch(origin + '/api/ci-callback', { method: 'POST', body: 'not a notification' });
      assert.equal(garbage.status, 400);
    } finally {
      child.stop();
    }
    assert.ok(nextVersion);
  });
}

test('the Node http recipe of docs/notifications.md receives the emulator\'s notification', async () => {
  const port = await freePort();
  const env = { ...serverEnv(), PORT: String(port), CALLBACK_SECRET: 's3cret' };
  const child = start('node', ['node-server.mjs'], env);
  try {
    await new Promise((r) => setTimeout(r, 500)); // listening
    const jobId = await runJobNotifying(`http://127.0.0.1:${port}/ci-callback/s3cret`);
    await outputMatches(child, new RegExp(`job ${jobId} Success`));
    const wrongPath = await fetch(`http://127.0.0.1:${port}/ci-callback/guess`, { method: 'POST', body: '' });
    assert.equal(wrongPath.status, 404);
  } finally {
    child.stop();
  }
});
