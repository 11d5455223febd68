// make bench: cos-ci-wasm side by side with the official JS SDKs, in one run —
// Node (one process, interleaved), headless Chromium (one page, interleaved), cold starts
// (a fresh process / a fresh browser context per sample, interleaved), shipped bytes, and
// the same signing and parsing in native Rust (bench/native.rs) as the ceiling.
// Writes bench/RESULTS.md (smoke mode: target/bench/RESULTS.smoke.md).
//
//   node bench/run.mjs            full run (knobs: BENCH_REPS, BENCH_WARMUP_MS, BENCH_BATCH_MS, BENCH_COLD_REPS)
//   node bench/run.mjs --smoke    every step once, tiny batches: proves the harness works; asserts no timing
import { createRequire } from 'node:module';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, totalmem, platform, arch } from 'node:os';
import { dirname, join, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync, brotliDecompressSync, constants as zlib } from 'node:zlib';
import * as cases from './cases.mjs';
import { measure, median } from './measure.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const js = join(root, 'js');
const pkg = join(root, 'pkg');
const require = createRequire(join(js, 'package.json'));
const smoke = process.argv.includes('--smoke');
const num = (name, full, quick) => (smoke ? quick : Number(process.env[name] || full));
const knobs = {
  reps: num('BENCH_REPS', 15, 1),
  warmupMs: num('BENCH_WARMUP_MS', 500, 2),
  batchMs: num('BENCH_BATCH_MS', 200, 2),
};
const coldReps = num('BENCH_COLD_REPS', 15, 1);
const ANCHORS = ['cos-js-sdk-v5', 'cos-wx-sdk-v5', 'cos-nodejs-sdk-v5'];
/** The floor of a Chromium cold start here: importing a module of one statement in a fresh context. */
const EMPTY = '(floor) an empty module, import()';
const EMPTY_SCRIPT = '(floor) an empty script tag';
/** Our own part of a Chromium cold start: the steps after our module is loaded and the wasm bytes fetched (both untimed). */
const FETCHED = 'cos-ci-wasm: compile + init + first descriptor only';
const BROWSER_ANCHORS = { 'cos-js-sdk-v5': 'dist/cos-js-sdk-v5.min.js', 'cos-wx-sdk-v5': 'dist/cos-wx-sdk-v5.min.js' };

if (!existsSync(join(pkg, 'dist', 'node', 'index.cjs'))) {
  console.error('bench: pkg/ is missing — run make build first');
  process.exit(2);
}
const version = (name) => JSON.parse(readFileSync(join(dirname(require.resolve(name + '/package.json')), 'package.json'), 'utf8')).version;
const ourVersion = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).version;
const log = (...a) => console.error('[bench]', ...a);

// The stubs the official SDKs need to load outside their own runtimes.
const WX_STUB = `{
  request() {}, getFileSystemManager: () => ({}), canIUse: () => true, getSystemInfoSync: () => ({ platform: 'devtools' }),
  getAppBaseInfo: () => ({}), getDeviceInfo: () => ({}), getNetworkType() {}, getStorageSync: () => '', setStorageSync() {}, removeStorageSync() {},
}`;

function loadNodeAnchors() {
  globalThis.wx = (0, eval)('(' + WX_STUB + ')');
  if (!('window' in globalThis)) globalThis.window = undefined; // the wx dist's UMD wrapper reads it
  const warn = console.warn;
  console.warn = () => {}; // cos-js-sdk-v5 warns that it is not meant for Node
  const out = Object.fromEntries(ANCHORS.map((n) => [n, require(n)]));
  console.warn = warn;
  return out;
}

function runGroups(ours, anchors) {
  cases.check(ours, anchors);
  return cases.groups(ours, anchors).map((g) => {
    const results = measure(g.cases, knobs);
    log(g.id, results.map((r) => `${r.name} ${r.us.toFixed(2)}µs`).join(', '));
    return { id: g.id, title: g.title, bytes: g.bytes, results };
  });
}

// ---- Node: throughput --------------------------------------------------------------------
function nodeThroughput() {
  const ours = require(join(pkg, 'dist', 'node', 'index.cjs'));
  return runGroups(ours, loadNodeAnchors());
}

// ---- Node: cold start (a fresh process per sample) ----------------------------------------
const COLD_NODE = {
  'cos-ci-wasm': `const t0 = performance.now();
const m = await import(${JSON.stringify(join(pkg, 'dist', 'node', 'index.mjs'))});
const t1 = performance.now();
m.buildDescribeDocProcessQueues(${JSON.stringify(cases.CONFIG)}, {}, ${JSON.stringify(cases.KEYS)});
const t2 = performance.now();
console.log(JSON.stringify({ total: t2 - t0, parts: { 'import (reads and compiles the wasm)': t1 - t0, 'first descriptor': t2 - t1 } }));`,
};
for (const name of ANCHORS) {
  COLD_NODE[name] = `import { createRequire } from 'node:module';
globalThis.wx = ${WX_STUB}; globalThis.window = undefined; console.warn = () => {};
const t0 = performance.now();
const COS = createRequire(${JSON.stringify(join(js, 'package.json'))})(${JSON.stringify(name)});
const t1 = performance.now();
COS.getAuthorization(${JSON.stringify(cases.SIGN)});
const t2 = performance.now();
console.log(JSON.stringify({ total: t2 - t0, parts: { require: t1 - t0, 'first signature': t2 - t1 } }));`;
}

/** `sample(name)` gives `{ total, parts }` in ms; rows hold the medians (parts: each its own median). */
async function interleavedCold(names, sample) {
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < coldReps; r++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + r) % names.length];
      samples[name].push(await sample(name));
    }
  }
  return names.map((name) => {
    const totals = samples[name].map((s) => s.total);
    const parts = Object.keys(samples[name][0].parts).map((part) => [part, median(samples[name].map((s) => s.parts[part]))]);
    return { name, ms: median(totals), min: Math.min(...totals), max: Math.max(...totals), parts, reps: coldReps };
  });
}

function nodeCold() {
  return interleavedCold(Object.keys(COLD_NODE), (name) => {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', COLD_NODE[name]], { encoding: 'utf8' });
    let out;
    try {
      out = JSON.parse(r.stdout.trim());
    } catch {}
    if (r.status !== 0 || !Number.isFinite(out?.total)) throw new Error(`cold start of ${name} failed: ${r.stderr}`);
    return out;
  });
}

// ---- The emulator: start-up until its first line ---------------------------------------------
const NPX = 'npx cos-ci-emulator --port 0';
const NPX_FLOOR = '(floor) npx of a one-line bin';
const NODE_FLOOR = '(floor) node of a one-line script';

/**
 * The npm emulator (pkg-emulator/, packed and installed into target/bench/emulator with a one-line
 * bin and the cos-ci-wasm tarball beside it) and the native binary (release; debug in smoke mode): each sample starts a fresh
 * process group and times it until the first stdout line, then stops the group (npm exec does not
 * pass SIGTERM on to the command it runs).
 */
async function emulatorStartup() {
  const dir = join(root, 'target', 'bench', 'emulator');
  mkdirSync(join(dir, 'floor'), { recursive: true });
  const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir, join(root, 'pkg-emulator')], { encoding: 'utf8' }).trim().split('\n').pop();
  writeFileSync(join(dir, 'floor', 'package.json'), JSON.stringify({ name: 'one-line', version: '1.0.0', bin: { 'one-line': 'bin.mjs' } }));
  writeFileSync(join(dir, 'floor', 'bin.mjs'), "#!/usr/bin/env node\nconsole.log('listening');\n", { mode: 0o755 });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'bench-emulator', private: true }));
  const ours = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir, pkg], { encoding: 'utf8' }).trim().split('\n').pop();
  execFileSync('npm', ['install', '--silent', '--no-audit', '--no-fund', '--no-save', join(dir, tarball), join(dir, ours), './floor'], { cwd: dir });
  execFileSync('cargo', ['build', '--locked', '--quiet', ...(smoke ? [] : ['--release']), '-p', 'cos-ci-emulator'], { cwd: root });
  const native = join(root, 'target', smoke ? 'debug' : 'release', 'cos-ci-emulator');
  const bin = join(dir, 'node_modules', '.bin', 'cos-ci-emulator');
  const commands = {
    [`native cos-ci-emulator --port 0 (${smoke ? 'debug' : 'release'} build)`]: [native, '--port', '0'],
    [NPX]: ['npx', 'cos-ci-emulator', '--port', '0'],
    'node_modules/.bin/cos-ci-emulator --port 0 (what npx runs)': [bin, '--port', '0'],
    [NPX_FLOOR]: ['npx', 'one-line'],
    [NODE_FLOOR]: [process.execPath, '-e', "console.log('listening')"],
  };
  const { spawn } = await import('node:child_process');
  const firstLine = ([cmd, ...args]) =>
    new Promise((resolve, reject) => {
      const t0 = performance.now();
      const p = spawn(cmd, args, { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'], detached: true });
      let out = '';
      let ms;
      p.stdout.on('data', (d) => {
        out += d;
        if (ms === undefined && out.includes('\n')) {
          ms = performance.now() - t0;
          try {
            process.kill(-p.pid, 'SIGTERM');
          } catch {}
        }
      });
      // Never a hang: a command that prints nothing in 15 s is stopped and is an error.
      const timer = setTimeout(() => {
        try {
          process.kill(-p.pid, 'SIGKILL');
        } catch {}
      }, 15000);
      p.on('error', reject);
      p.on('close', () => {
        clearTimeout(timer);
        if (ms === undefined) reject(new Error(cmd + ' printed no line within 15 s'));
        else resolve({ total: ms, parts: {} });
      });
    });
  return interleavedCold(Object.keys(commands), (name) => firstLine(commands[name]));
}

/**
 * The in-process transport (issue 20): CiClient.describeDocProcessQueues through
 * createEmulator's emu.transport, in a fresh Node process, both packages from their packed
 * tarballs — warmed up, then batches, the median µs per call (sign, send to the core, parse).
 */
function inProcessCall() {
  const dir = join(root, 'target', 'bench', 'emulator'); // installed by emulatorStartup
  const batches = smoke ? 1 : knobs.reps;
  const per = smoke ? 3 : 200;
  const script = `import { createEmulator } from 'cos-ci-emulator';
import { CiClient } from 'cos-ci-wasm';
const emu = await createEmulator({ manualJobs: true });
const ci = new CiClient({ Bucket: emu.bucket, Region: emu.region, ...emu.credentials, transport: emu.transport });
for (let i = 0; i < ${smoke ? 3 : 500}; i++) await ci.describeDocProcessQueues();
const us = [];
for (let b = 0; b < ${batches}; b++) {
  emu.requests.length = 0;
  const t0 = performance.now();
  for (let i = 0; i < ${per}; i++) await ci.describeDocProcessQueues();
  us.push(((performance.now() - t0) * 1000) / ${per});
}
us.sort((a, b) => a - b);
await emu.close();
console.log(JSON.stringify({ us: us[us.length >> 1], min: us[0], max: us[us.length - 1], calls: ${batches * per} }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8', timeout: 120000 });
  if (r.status !== 0) throw new Error('in-process call run failed: ' + (r.error ? r.error.message : r.stderr));
  return JSON.parse(r.stdout.trim());
}

function startupTable(rows) {
  return [
    '| | median | min – max |',
    '|---|---:|---:|',
    ...rows.map((r) => `| ${r.name} | ${f(r.ms)} ms | ${f(r.min)} – ${f(r.max)} ms |`),
  ].join('\n');
}

// ---- Chromium ------------------------------------------------------------------------------
const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };

function serve() {
  const routes = {
    '/blank.html': () => ({ body: '<!doctype html><meta charset="utf-8"><title>bench</title>', type: '.html' }),
    '/empty.mjs': () => ({ body: 'export {};', type: '.mjs' }),
    '/empty.js': () => ({ body: ';', type: '.js' }),
  };
  const server = createServer((req, res) => {
    const url = req.url.split('?')[0];
    let file;
    if (routes[url]) {
      const r = routes[url]();
      res.writeHead(200, { 'content-type': TYPES[r.type] });
      return res.end(r.body);
    }
    if (url.startsWith('/pkg/')) file = join(pkg, url.slice(5));
    else if (url.startsWith('/bench/')) file = join(here, url.slice(7));
    else if (url.startsWith('/anchors/')) {
      const name = url.slice(9).replace(/\.js$/, '');
      if (BROWSER_ANCHORS[name]) file = join(dirname(require.resolve(name + '/package.json')), BROWSER_ANCHORS[name]);
    }
    if (!file || file.includes('..') || !existsSync(file)) {
      res.writeHead(404);
      return res.end();
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** In the page: loads a script by a script tag. */
const LOAD_SCRIPT = `(src) => new Promise((resolve, reject) => {
  const s = document.createElement('script');
  s.src = src;
  s.onload = resolve;
  s.onerror = () => reject(new Error('could not load ' + src));
  document.head.append(s);
})`;

/** In the page: loads an official SDK's browser dist with a script tag; returns its COS. */
const LOAD_ANCHOR = `async (name) => {
  if (name === 'cos-wx-sdk-v5') window.wx = ${WX_STUB};
  delete window.COS;
  await (${LOAD_SCRIPT})('/anchors/' + name + '.js');
  return window.COS;
}`;

async function chromium() {
  const { chromium: pw } = require('playwright-core');
  const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
  const browser = await pw.launch({ executablePath, args: ['--no-sandbox'] });
  const server = await serve();
  const base = `http://127.0.0.1:${server.address().port}`;
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => log('page error:', e.message));
    await page.goto(base + '/blank.html');
    const groups = await page.evaluate(
      async ({ knobs, LOAD_ANCHOR, names }) => {
        const load = (0, eval)(LOAD_ANCHOR);
        const anchors = {};
        for (const n of names) anchors[n] = await load(n);
        const ours = await import('/pkg/dist/web/index.js');
        await ours.init();
        const c = await import('/bench/cases.mjs');
        const m = await import('/bench/measure.mjs');
        c.check(ours, anchors);
        return c.groups(ours, anchors).map((g) => ({ id: g.id, title: g.title, bytes: g.bytes, results: m.measure(g.cases, knobs) }));
      },
      { knobs, LOAD_ANCHOR, names: Object.keys(BROWSER_ANCHORS) },
    );
    for (const g of groups) log('chromium', g.id, g.results.map((r) => `${r.name} ${r.us.toFixed(2)}µs`).join(', '));
    await page.close();

    const cold = await interleavedCold(['cos-ci-wasm', ...Object.keys(BROWSER_ANCHORS), FETCHED, EMPTY, EMPTY_SCRIPT], async (name) => {
      const context = await browser.newContext();
      const p = await context.newPage();
      await p.goto(base + '/blank.html');
      const ms = await p.evaluate(
        async ({ name, EMPTY, EMPTY_SCRIPT, FETCHED, LOAD_SCRIPT, LOAD_ANCHOR, CONFIG, KEYS, SIGN }) => {
          if (name === FETCHED) {
            const m = await import('/pkg/dist/web/index.js');
            const bytes = await (await fetch('/pkg/dist/web/cos_ci_wasm_bg.wasm')).arrayBuffer();
            const t0 = performance.now();
            const module = await WebAssembly.compile(bytes);
            const t1 = performance.now();
            await m.init(module);
            const t2 = performance.now();
            m.buildDescribeDocProcessQueues(CONFIG, {}, KEYS);
            const t3 = performance.now();
            return { total: t3 - t0, parts: { compile: t1 - t0, 'init (instantiate)': t2 - t1, 'first descriptor': t3 - t2 } };
          }
          const t0 = performance.now();
          if (name === 'cos-ci-wasm') {
            const m = await import('/pkg/dist/web/index.js');
            const t1 = performance.now();
            await m.init();
            const t2 = performance.now();
            m.buildDescribeDocProcessQueues(CONFIG, {}, KEYS);
            const t3 = performance.now();
            return { total: t3 - t0, parts: { import: t1 - t0, 'init (fetch + compile the wasm)': t2 - t1, 'first descriptor': t3 - t2 } };
          }
          if (name === EMPTY) {
            await import('/empty.mjs');
            return { total: performance.now() - t0, parts: {} };
          }
          if (name === EMPTY_SCRIPT) {
            await (0, eval)(LOAD_SCRIPT)('/empty.js');
            return { total: performance.now() - t0, parts: {} };
          }
          const COS = await (0, eval)(LOAD_ANCHOR)(name);
          const t1 = performance.now();
          COS.getAuthorization(SIGN);
          const t2 = performance.now();
          return { total: t2 - t0, parts: { 'script tag': t1 - t0, 'first signature': t2 - t1 } };
        },
        { name, EMPTY, EMPTY_SCRIPT, FETCHED, LOAD_SCRIPT, LOAD_ANCHOR, CONFIG: cases.CONFIG, KEYS: cases.KEYS, SIGN: cases.SIGN },
      );
      await context.close();
      return ms;
    });
    return { version: browser.version(), groups, cold };
  } finally {
    server.close();
    await browser.close();
  }
}

// ---- Shipped bytes -------------------------------------------------------------------------
function sizes(buf) {
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_LGWIN]: 24 } }).length,
  };
}

function add(...xs) {
  return xs.reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli }));
}

async function shippedBytes() {
  const { transformSync } = require('esbuild');
  const webJs = readFileSync(join(pkg, 'dist', 'web', 'index.js'));
  const webWasm = readFileSync(join(pkg, 'dist', 'web', 'cos_ci_wasm_bg.wasm'));
  const minified = Buffer.from(transformSync(webJs.toString(), { minify: true, format: 'esm', target: 'es2020' }).code);
  const thinJs = readFileSync(join(pkg, 'dist', 'web', 'core.js'));
  const thinMin = Buffer.from(transformSync(thinJs.toString(), { minify: true, format: 'esm', target: 'es2020' }).code);
  const mpJs = readFileSync(join(pkg, 'miniprogram_dist', 'index.js'));
  const mpBr = readFileSync(join(pkg, 'miniprogram_dist', 'cos_ci_wasm_bg.wasm.br'));
  const mpWasm = brotliDecompressSync(mpBr);
  const anchor = (name, file) => sizes(readFileSync(join(dirname(require.resolve(name + '/package.json')), file)));
  const wasm = sizes(webWasm);
  const mpw = { ...sizes(mpWasm), brotli: mpBr.length }; // shipped as the .br itself
  return {
    browser: [
      { name: 'cos-ci-wasm dist/web/index.js (as shipped, unminified)', ...sizes(webJs) },
      { name: 'cos-ci-wasm dist/web/index.js (minified by the app bundler: esbuild --minify)', ...sizes(minified) },
      { name: 'cos-ci-wasm cos_ci_wasm_bg.wasm', ...wasm },
      { name: '**cos-ci-wasm browser total** (minified JS + wasm)', ...add(sizes(minified), wasm), total: true },
      { name: 'cos-ci-wasm dist/web/core.js, the thin entry cos-ci-wasm/core (minified by the app bundler)', ...sizes(thinMin) },
      { name: '**cos-ci-wasm thin entry total** (minified JS + wasm)', ...add(sizes(thinMin), wasm), thin: true },
      { name: `cos-js-sdk-v5 ${version('cos-js-sdk-v5')} dist/cos-js-sdk-v5.min.js`, ...anchor('cos-js-sdk-v5', 'dist/cos-js-sdk-v5.min.js'), anchor: true },
    ],
    miniprogram: [
      { name: 'cos-ci-wasm miniprogram_dist/index.js (minified)', ...sizes(mpJs) },
      { name: 'cos-ci-wasm cos_ci_wasm_bg.wasm.br (raw = decompressed)', ...mpw },
      { name: '**cos-ci-wasm mini-program total**', ...add(sizes(mpJs), mpw), total: true },
      { name: `cos-wx-sdk-v5 ${version('cos-wx-sdk-v5')} dist/cos-wx-sdk-v5.min.js`, ...anchor('cos-wx-sdk-v5', 'dist/cos-wx-sdk-v5.min.js'), anchor: true },
    ],
  };
}

// ---- Native ----------------------------------------------------------------------------------
function native() {
  mkdirSync(join(root, 'target', 'bench'), { recursive: true });
  const inputs = join(root, 'target', 'bench', 'inputs.json');
  writeFileSync(inputs, JSON.stringify({ ...knobs, sign: cases.SIGN, xml: cases.XML }));
  const out = execFileSync('cargo', ['bench', '--locked', '--quiet', '--bench', 'native'], {
    cwd: root,
    env: { ...process.env, BENCH_INPUTS: inputs },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').pop());
}

// ---- Report ----------------------------------------------------------------------------------
const f = (x, d = 2) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(d));
const ratio = (anchorUs, oursUs) => `${f(anchorUs / oursUs)}×`;
const n = (x) => x.toLocaleString('en-US');

function throughputTable(groups, anchors) {
  const lines = [
    `| | cos-ci-wasm | ${anchors.join(' | ')} | ${anchors.map((a) => 'vs ' + a).join(' | ')} |`,
    `|---|---:|${anchors.map(() => '---:').join('|')}|${anchors.map(() => '---:').join('|')}|`,
  ];
  for (const g of groups) {
    const by = Object.fromEntries(g.results.map((r) => [r.name, r]));
    const ours = by['cos-ci-wasm'];
    const cell = (r) => {
      const mbs = g.bytes ? `, ${f(g.bytes / r.us)} MB/s` : '';
      const perS = g.id.startsWith('sign') ? `, ${n(Math.round(1e6 / r.us))}/s` : '';
      return `${f(r.us)} µs${perS}${mbs}`;
    };
    lines.push(`| ${g.title} | ${cell(ours)} | ${anchors.map((a) => cell(by[a])).join(' | ')} | ${anchors.map((a) => ratio(by[a].us, ours.us)).join(' | ')} |`);
  }
  return lines.join('\n');
}

function coldTable(rows) {
  const ours = rows.find((r) => r.name === 'cos-ci-wasm');
  return [
    '| | median | min – max | vs cos-ci-wasm | where the time goes (median of each step) |',
    '|---|---:|---:|---:|---|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${f(r.ms)} ms | ${f(r.min)} – ${f(r.max)} ms | ${r === ours || [EMPTY, EMPTY_SCRIPT, FETCHED].includes(r.name) ? '' : ratio(r.ms, ours.ms)} | ${r.parts.map(([k, v]) => `${k} ${f(v)} ms`).join(' · ')} |`,
    ),
  ].join('\n');
}

function sizeTable(rows) {
  return [
    '| | raw | gzip -9 | brotli q11 |',
    '|---|---:|---:|---:|',
    ...rows.map((r) => `| ${r.name} | ${n(r.raw)} | ${n(r.gzip)} | ${n(r.brotli)} |`),
  ].join('\n');
}

function oursUs(groups, id) {
  return groups.find((g) => g.id === id).results.find((r) => r.name === 'cos-ci-wasm').us;
}
function anchorUs(groups, id, name) {
  return groups.find((g) => g.id === id).results.find((r) => r.name === name).us;
}

function targets(node, browser, nat, size, memory, startup, inProcess) {
  const rows = [];
  const row = (what, value, ok) => rows.push(`| ${what} | ${value} | ${ok ? 'met' : '**missed**'} |`);
  const b = size.browser.find((r) => r.total).brotli;
  const t = size.browser.find((r) => r.thin).brotli;
  const m = size.miniprogram.find((r) => r.total).brotli;
  const jsSdk = size.browser.find((r) => r.anchor).brotli;
  row(`browser payload ≤ 35 KB brotli (cos-js-sdk-v5.min.js: ${n(jsSdk)} B)`, `${n(b)} B`, b <= 35 * 1024);
  row('thin entry (cos-ci-wasm/core) payload ≤ 25 KB brotli', `${n(t)} B`, t <= 25 * 1024);
  row('mini-program payload ≤ 35 KB brotli', `${n(m)} B`, m <= 35 * 1024);
  for (const [where, r] of [['Chromium', browser], ['Node', node]]) {
    const ours = r.cold.find((c) => c.name === 'cos-ci-wasm').ms;
    const theirs = r.cold.find((c) => c.name === 'cos-js-sdk-v5').ms;
    row(`cold start to the first signed descriptor faster than cos-js-sdk-v5 (${where}: ${f(theirs)} ms)`, `${f(ours)} ms`, ours < theirs);
  }
  for (const [where, r] of [['Node', node], ['Chromium', browser]]) {
    const s = anchorUs(r.groups, 'sign', 'cos-js-sdk-v5') / oursUs(r.groups, 'sign');
    row(`signing ≥ 5× cos-js-sdk-v5 (${where})`, `${f(s)}×`, s >= 5);
  }
  const sNode = anchorUs(node.groups, 'sign', 'cos-nodejs-sdk-v5') / oursUs(node.groups, 'sign');
  row('signing ≥ 1.5× cos-nodejs-sdk-v5 (Node)', `${f(sNode)}×`, sNode >= 1.5);
  for (const [where, r] of [['Node', node], ['Chromium', browser]]) {
    const ratios = r.groups.filter((g) => g.id.startsWith('build-')).map((g) => [g.id.slice(6), anchorUs(r.groups, g.id, 'cos-js-sdk-v5') / oursUs(r.groups, g.id)]);
    const [worst, x] = ratios.reduce((a, c) => (c[1] < a[1] ? c : a));
    row(`every build ≥ 3× cos-js-sdk-v5 (${where}; slowest: ${worst})`, `${f(x)}×`, x >= 3);
  }
  for (const id of ['parse-queue', 'parse-jobs10', 'parse-jobs100']) {
    for (const [where, r] of [['Node', node], ['Chromium', browser]]) {
      const x = anchorUs(r.groups, id, 'cos-js-sdk-v5') / oursUs(r.groups, id);
      row(`${id.slice(6)} parse ≥ 3× cos-js-sdk-v5 xml2json (${where})`, `${f(x)}×`, x >= 3);
    }
  }
  row(`wasm linear memory after ${n(memory.calls)} mixed calls ≤ 2 MB (Node)`, `${n(memory.bytes)} B`, memory.bytes <= 2 * 1024 * 1024);
  const npx = startup.find((r) => r.name === NPX).ms;
  row(`\`${NPX}\` ready (first line) ≤ 300 ms (npx of a one-line bin: ${f(startup.find((r) => r.name === NPX_FLOOR).ms)} ms)`, `${f(npx)} ms`, npx <= 300);
  row('a describe call through the in-process emulator transport ≤ 1 ms median (Node)', `${f(inProcess.us)} µs`, inProcess.us <= 1000);
  return ['| target | this run | |', '|---|---:|---|', ...rows].join('\n');
}

/** The wasm's linear memory after many mixed calls (signing, every builder, every parser), in a fresh Node process. */
function wasmMemory() {
  const calls = smoke ? 700 : 100000;
  const script = `import ${JSON.stringify(join(root, 'js', 'test', 'helpers', 'wasm-memory.mjs'))};
import { wasmMemoryBytes } from ${JSON.stringify(join(root, 'js', 'test', 'helpers', 'wasm-memory.mjs'))};
const lib = await import(${JSON.stringify(join(pkg, 'dist', 'node', 'index.mjs'))});
const cases = await import(${JSON.stringify(join(here, 'cases.mjs'))});
const signing = { ...cases.KEYS, KeyTime: '1700000000;1700000900' };
const ops = Object.entries(cases.OPERATIONS);
const xml = [['parseDescribeDocProcessQueues', cases.XML.queue], ['parseDescribeDocProcessJobs', cases.XML.jobs10], ['parseDescribeDocProcessJobs', cases.XML.jobs100]];
for (let i = 0; i < ${calls}; i++) {
  const k = i % 10;
  if (k < 7) { const [op, p] = ops[k]; lib['build' + op](cases.CONFIG, p, signing); }
  else if (k === 7) lib.getAuthorization({ ...cases.SIGN, KeyTime: '1700000000;1700000900' });
  else { const [fn, body] = xml[(i >> 4) % 3]; lib[fn]({ statusCode: 200, headers: {}, body }); }
}
console.log(JSON.stringify({ calls: ${calls}, bytes: wasmMemoryBytes() }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error('wasm memory run failed: ' + r.stderr);
  return JSON.parse(r.stdout.trim());
}

function nativeTable(node, browser, nat) {
  const lines = ['| | native Rust | wasm in Node | wasm in Chromium | Node ÷ native |', '|---|---:|---:|---:|---:|'];
  for (const id of ['sign', 'parse-queue', 'parse-jobs10', 'parse-jobs100']) {
    const w = oursUs(node.groups, id);
    lines.push(`| ${id} | ${f(nat[id].us)} µs | ${f(w)} µs | ${f(oursUs(browser.groups, id))} µs | ${f(w / nat[id].us)}× |`);
  }
  const w = oursUs(node.groups, 'sign');
  lines.push(
    `| sign, native through the wasm's entry point (packed options read and checked) | ${f(nat['sign-entry'].us)} µs | ${f(w)} µs | ${f(oursUs(browser.groups, 'sign'))} µs | ${f(w / nat['sign-entry'].us)}× |`,
  );
  for (const id of ['parse-queue', 'parse-jobs10', 'parse-jobs100']) {
    const w = oursUs(node.groups, id);
    const e = nat[id + '-entry'].us;
    lines.push(
      `| ${id}, native through the wasm's entry point (JSON in, read by schema into JSON out) | ${f(e)} µs | ${f(w)} µs | ${f(oursUs(browser.groups, id))} µs | ${f(w / e)}× |`,
    );
  }
  return lines.join('\n');
}

const started = new Date();
log(smoke ? 'smoke mode: every step once, no meaningful numbers' : `full run: ${JSON.stringify(knobs)}, cold reps ${coldReps}`);
const nat = native();
log('native', JSON.stringify(Object.fromEntries(Object.entries(nat).map(([k, v]) => [k, v.us.toFixed(2) + 'µs']))));
const node = { groups: nodeThroughput(), cold: await nodeCold() };
log('node cold', node.cold.map((r) => `${r.name} ${r.ms.toFixed(1)}ms`).join(', '));
const browser = await chromium();
log('chromium cold', browser.cold.map((r) => `${r.name} ${r.ms.toFixed(1)}ms`).join(', '));
const size = await shippedBytes();
const memory = wasmMemory();
log('wasm memory', JSON.stringify(memory));
const startup = await emulatorStartup();
const inProcess = inProcessCall();
log('in-process describe', JSON.stringify(inProcess));
log('emulator start-up', startup.map((r) => `${r.name} ${r.ms.toFixed(1)}ms`).join(', '));

const cpu = cpus();
const rustc = execFileSync('rustc', ['--version'], { encoding: 'utf8' }).trim();
const report = `# Benchmark results

${smoke ? '> **Smoke run** (`node bench/run.mjs --smoke`, part of `make test`): every step ran once with tiny batches. These numbers mean nothing; `make bench` writes bench/RESULTS.md.\n\n' : ''}Written by \`make bench\` (\`bench/run.mjs\`) on ${started.toISOString().slice(0, 10)}.
Machine: ${cpu.length} × ${cpu[0].model}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${platform()} ${arch()}; Node ${process.version}; Chromium ${browser.version} (headless); ${rustc}.
Versions: cos-ci-wasm ${ourVersion} (browser/Node wasm: opt-level 3 + \`wasm-opt -O3\`; mini-program wasm: opt-level z + \`-Oz\`), cos-js-sdk-v5 ${version('cos-js-sdk-v5')}, cos-wx-sdk-v5 ${version('cos-wx-sdk-v5')}, cos-nodejs-sdk-v5 ${version('cos-nodejs-sdk-v5')}.
Method: all candidates loaded in one process (Node) or one page (Chromium); each case warmed up for ${knobs.warmupMs} ms, batches sized to ~${knobs.batchMs} ms, ${knobs.reps} repetitions interleaved across candidates (the first candidate rotates); the median µs per call. Ratios are candidate ÷ cos-ci-wasm time (> 1× means cos-ci-wasm is faster), only within one group of one run. Cold starts: ${coldReps} samples each, interleaved, a fresh Node process or a fresh browser context per sample. What each case does: \`bench/cases.mjs\`.

## Targets

${targets(node, browser, nat, size, memory, startup, inProcess)}

## Node (${process.version}, one process)

${throughputTable(node.groups, ANCHORS)}

## Chromium (${browser.version}, one page; the official SDKs' browser dists)

${throughputTable(browser.groups, Object.keys(BROWSER_ANCHORS))}

## Cold start: from import to the first signed request

Ours: \`import()\` of the package → \`init()\` (Chromium: fetch + compile the .wasm from 127.0.0.1) → \`buildDescribeDocProcessQueues\` with keys. Theirs: loading the SDK (\`require\` / a script tag) → \`COS.getAuthorization\`. In Chromium every sample is a fresh browser context, so every file is fetched over HTTP from 127.0.0.1 with no cache; the two "(floor)" rows load a one-statement module by \`import()\` (as ours loads) and a one-statement script by a script tag (as theirs load) under the same conditions — what loading any file costs here. The "compile + init + first descriptor only" row times our steps after the files are in: our module is imported and the wasm bytes fetched first, untimed (so it leaves out evaluating our module), then the wasm is compiled and instantiated and the first descriptor built.

Node:

${coldTable(node.cold)}

Chromium:

${coldTable(browser.cold)}

## The emulator: start-up to its first line

From spawning the command to its first stdout line (\`listening on http://127.0.0.1:<port>\`), ${coldReps} samples each, interleaved, a fresh process each. The npm package (\`cos-ci-emulator\`, the core compiled to wasm behind Node's \`http\`) is installed from its packed tarball; the floors are what \`npx\` and \`node\` cost here before any code of ours runs.

${startupTable(startup)}

A call through the in-process transport (\`createEmulator()\`'s \`emu.transport\`, no socket): \`CiClient.describeDocProcessQueues()\` — the request built and signed, checked and answered by the emulator's core, the answer parsed — in a fresh Node process, after a warm-up: median ${f(inProcess.us)} µs per call (batches of calls, ${f(inProcess.min)} – ${f(inProcess.max)} µs; ${n(inProcess.calls)} calls).

## Native Rust ceiling (the same crate, \`cargo bench --bench native\`, opt-level 3)

${nativeTable(node, browser, nat)}

## Shipped bytes

Browser (what a web app's bundle gains):

${sizeTable(size.browser)}

WeChat mini-program (what the code package gains):

${sizeTable(size.miniprogram)}
`;

const out = smoke ? join(root, 'target', 'bench', 'RESULTS.smoke.md') : join(here, 'RESULTS.md');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, report);
log('wrote ' + out);
