// The mini-program entry of the packed package (miniprogram_dist/, installed from the
// tarball by scripts/js-tests.sh) in a simulated WeChat mini-program runtime
// (helpers/miniprogram-sim.mjs): no WebAssembly, TextEncoder/TextDecoder, fetch or URL;
// WXWebAssembly.instantiate(path) only; CommonJS confined to the code package; wx.request
// over real HTTP to the emulator, which checks every signature from the wire.
//
// The same page code (miniprogram/page.js) also runs in plain Node against the package's
// Node entry, and the two must give results of the same shape and the same errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdirSync, cpSync, copyFileSync, writeFileSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import { brotliCompressSync, constants as zlib } from 'node:zlib';
import { createMiniProgram, buildCodePackage } from './helpers/miniprogram-sim.mjs';
import { startEmulator, BUCKET, REGION, TMP_KEYS } from './helpers/emulator.mjs';
import { signVectors } from './helpers/sign-vectors.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const require = createRequire(import.meta.url);
const { makeWx } = require('./helpers/wx-shim.cjs');
const installed = join(here, '..', '.pkgtest', 'cjs', 'node_modules', 'cos-ci-wasm');
const rawGlue = join(repo, 'target', 'pkg-build', 'mp', 'cos_ci_wasm.js');
const fixtures = join(repo, 'tests', 'fixtures');

const nowSeconds = () => Math.floor(Date.now() / 1000);
const sts = () => ({ ...TMP_KEYS, StartTime: nowSeconds() - 10, ExpiredTime: nowSeconds() + 3600 });
/** Cross-realm values as plain host data. */
const plain = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

let emu; // the simulator's requests go here
let nodeEmu; // and Node's here: the same sequence of calls meets the same state
let root; // the simulated code package
let sim;
let page; // page.js inside the simulator
let nodePage; // the same page.js in Node, with the Node entry
let wx;

/** The code package with the page. */
function codePackage() {
  const dir = buildCodePackage(installed);
  mkdirSync(join(dir, 'pages', 'index'), { recursive: true });
  copyFileSync(join(here, 'miniprogram', 'page.js'), join(dir, 'pages', 'index', 'index.js'));
  return dir;
}

before(async () => {
  assert.ok(existsSync(installed), 'run scripts/js-tests.sh: it installs the packed tarball into js/.pkgtest/cjs');
  emu = await startEmulator(['--job-start-ms', '20', '--job-run-ms', '20']);
  nodeEmu = await startEmulator(['--job-start-ms', '20', '--job-run-ms', '20']);
  root = codePackage();
  // Requests keep their URL (the default https://<bucket>.ci.<region>.myqcloud.com endpoint)
  // and Host; the wx object delivers them to the emulator.
  wx = makeWx({ route: emu.url });
  sim = createMiniProgram({ root, wx });
  page = sim.require('./pages/index/index.js');

  // The same page in Node: the Node entry, a wx global, cos-wx-sdk-v5 as in the suite.
  globalThis.wx = makeWx({ route: nodeEmu.url });
  if (!('window' in globalThis)) globalThis.window = undefined;
  const nodePageFile = join(installed, '..', '..', 'mp-page.cjs');
  copyFileSync(join(here, 'miniprogram', 'page.js'), nodePageFile);
  nodePage = require(nodePageFile);
});

after(async () => {
  await emu.stop();
  await nodeEmu.stop();
  rmSync(root, { recursive: true, force: true });
});

const options = (via) => ({ Bucket: BUCKET, Region: REGION, via, getSts: async () => sts() });

test('the simulator is a mini-program: no WebAssembly, TextEncoder, TextDecoder, fetch or URL; WXWebAssembly takes paths only', async () => {
  assert.deepEqual(sim.globals(), {
    WebAssembly: 'undefined',
    WXWebAssembly: 'object',
    TextEncoder: 'undefined',
    TextDecoder: 'undefined',
    fetch: 'undefined',
    URL: 'undefined',
    AbortController: 'undefined',
    XMLHttpRequest: 'undefined',
    Buffer: 'undefined',
    process: 'undefined',
    require: 'undefined',
    module: 'undefined',
    wx: 'object',
  });
  const WXWA = sim.context.WXWebAssembly;
  const bytes = readFileSync(join(root, 'miniprogram_npm', 'cos-ci-wasm', 'cos_ci_wasm_bg.wasm.br'));
  await assert.rejects(WXWA.instantiate(bytes, {}), TypeError);
  await assert.rejects(WXWA.instantiate('/pages/index/index.js', {}), /only \.wasm or \.wasm\.br/);
  await assert.rejects(WXWA.instantiate('/../../etc/passwd.wasm', {}), /no such file/);
  assert.throws(() => sim.require('node:fs', join(root, 'pages', 'index', 'index.js')), /module "node:fs" is not defined/);
  assert.throws(() => sim.require('fs', join(root, 'pages', 'index', 'index.js')), /module "fs" is not defined/);
});

test('the simulator bites: the un-adapted wasm-bindgen glue and the Node build do not load in it', () => {
  const dir = join(root, 'miniprogram_npm');
  // wasm-bindgen's --target web output as is: ES module syntax.
  mkdirSync(join(dir, 'raw-glue'), { recursive: true });
  copyFileSync(rawGlue, join(dir, 'raw-glue', 'index.js'));
  assert.throws(() => sim.require('raw-glue'), (e) => e.name === 'SyntaxError' && /export/.test(e.message));
  // The same glue made CommonJS, but without the UTF-8 polyfill.
  mkdirSync(join(dir, 'cjs-glue'), { recursive: true });
  writeFileSync(join(dir, 'cjs-glue', 'index.js'), transformSync(readFileSync(rawGlue, 'utf8'), { format: 'cjs' }).code);
  assert.throws(() => sim.require('cjs-glue'), (e) => e.name === 'ReferenceError' && /TextDecoder is not defined/.test(e.message));
  // The package's Node entry (it reads the .wasm with node:fs and WebAssembly).
  mkdirSync(join(dir, 'node-entry'), { recursive: true });
  cpSync(join(installed, 'dist', 'node'), join(dir, 'node-entry'), { recursive: true });
  copyFileSync(join(dir, 'node-entry', 'index.cjs'), join(dir, 'node-entry', 'index.js'));
  assert.throws(() => sim.require('node-entry'), (e) => e.name === 'ReferenceError' && e.message === 'TextDecoder is not defined');
  // …and with the text codecs given, its Node-only loading (__dirname, fs, WebAssembly) stops it.
  const withCodecs = createMiniProgram({ root, wx: makeWx() });
  withCodecs.context.TextDecoder = TextDecoder;
  withCodecs.context.TextEncoder = TextEncoder;
  assert.throws(() => withCodecs.require('node-entry'), (e) => e.name === 'ReferenceError' && /^(__dirname|WebAssembly) is not defined$/.test(e.message));
});

test('before init(path): typed NotInitialized errors; a wrong path fails and a right one then works', async () => {
  const fresh = createMiniProgram({ root, wx: makeWx() }).require('./pages/index/index.js');
  const e1 = plain(await fresh.attempt(() => fresh.ci.buildDescribeAiProcessQueues({ Bucket: BUCKET, Region: REGION }, {}))).error;
  assert.equal(e1.isCiError, true);
  assert.equal(e1.code, 'NotInitialized');
  assert.match(e1.message, /await init/);
  const viaClient = plain(await fresh.attempt(() => fresh.client(options('wx.request')).describeAiProcessQueues()));
  assert.equal(viaClient.error.code, 'NotInitialized');
  assert.match(viaClient.error.message, /init\(path\) needs the code-package path of cos_ci_wasm_bg\.wasm\.br/);
  const noPath = plain(await fresh.attempt(() => fresh.ci.init()));
  assert.equal(noPath.error.code, 'NotInitialized');
  assert.equal(noPath.error.field, 'path');
  const wrong = plain(await fresh.attempt(() => fresh.ci.init('/miniprogram_npm/cos-ci-wasm/missing.wasm.br')));
  assert.equal(wrong.error.code, 'NotInitialized');
  assert.match(wrong.error.message, /no such file in the code package/);
  assert.equal(plain(await fresh.attempt(() => fresh.ci.init(fresh.WASM_PATH))).ok, true);
  assert.equal(fresh.ci.buildDescribeAiProcessQueues({ Bucket: BUCKET, Region: REGION }, {}).Method, 'GET');
  // The path without the leading '/' reaches the same file (a fresh runtime: init loads once).
  const other = createMiniProgram({ root, wx: makeWx() }).require('./pages/index/index.js');
  assert.equal(plain(await other.attempt(() => other.ci.init(other.WASM_PATH.slice(1)))).ok, true);
  assert.equal(other.ci.buildDescribeAiProcessQueues({ Bucket: BUCKET, Region: REGION }, {}).Method, 'GET');
});

test('without WXWebAssembly (base library < 2.13): init rejects with a CiError naming the base library', async () => {
  const old = createMiniProgram({ root, wx: makeWx(), WXWebAssembly: false }).require('./pages/index/index.js');
  const r = plain(await old.attempt(() => old.ci.init(old.WASM_PATH)));
  assert.equal(r.error.isCiError, true);
  assert.equal(r.error.code, 'NotInitialized');
  assert.match(r.error.message, /WXWebAssembly is not available.*base library 2\.14\.0/);
});

test('base library 2.13 (WXWebAssembly without .wasm.br): init rejects with NotInitialized', async () => {
  const old = createMiniProgram({ root, wx: makeWx(), brotli: false }).require('./pages/index/index.js');
  const r = plain(await old.attempt(() => old.ci.init(old.WASM_PATH)));
  assert.equal(r.error.isCiError, true);
  assert.equal(r.error.code, 'NotInitialized');
  assert.match(r.error.message, /\.wasm\.br needs base library 2\.14\.0/);
});

test('docs/miniprogram.md quotes the mini-program payload sizes of this build (within 2%)', () => {
  const readme = readFileSync(join(repo, 'docs', 'miniprogram.md'), 'utf8');
  const row = (label) => {
    const m = new RegExp('^\\| ' + label.replace(/[.*()]/g, (c) => '\\' + c) + '[^|]*\\| ([\\d,]+) B \\| ([\\d,]+) B \\|', 'm').exec(readme);
    assert.ok(m, 'docs/miniprogram.md row ' + label);
    return [Number(m[1].replace(/,/g, '')), Number(m[2].replace(/,/g, ''))];
  };
  const js = readFileSync(join(installed, 'miniprogram_dist', 'index.js'));
  const br = readFileSync(join(installed, 'miniprogram_dist', 'cos_ci_wasm_bg.wasm.br'));
  const jsBr = brotliCompressSync(js, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const near = (a, b, what) => assert.ok(Math.abs(a - b) <= b * 0.02, `${what}: docs/miniprogram.md ${a}, measured ${b} — update its table`);
  const [jsRaw, jsBrotli] = row('cos-ci-wasm `miniprogram_dist/index.js`');
  near(jsRaw, js.length, 'index.js');
  near(jsBrotli, jsBr, 'index.js brotli');
  const [wasmRaw] = row('cos-ci-wasm `cos_ci_wasm_bg.wasm.br`');
  near(wasmRaw, br.length, '.wasm.br');
});

test('the pure layer in the mini-program equals Node: 90 sign vectors, 23 XML vectors, the builders, a preview URL, a notification', async () => {
  await page.ci.init(page.WASM_PATH);
  const node = nodePage.ci;
  const mp = page.ci;

  const vectors = signVectors();
  assert.ok(vectors.length >= 90);
  for (const { name, opts, expected } of vectors) {
    assert.equal(mp.getAuthorization(opts), expected, name);
  }

  const parsers = {
    ci_get_doc_queue: 'parseDescribeDocProcessQueues',
    ci_get_ai_queue: 'parseDescribeAiProcessQueues',
    ci_update_doc_queue: 'parseUpdateDocProcessQueue',
    ci_update_ai_queue: 'parseUpdateAiProcessQueue',
    ci_create_doc_job: 'parseCreateDocProcessJobs',
    ci_get_doc_job: 'parseDescribeDocProcessJob',
    ci_list_doc_jobs: 'parseDescribeDocProcessJobs',
  };
  const xmlCases = JSON.parse(readFileSync(join(fixtures, 'xml-python.json'), 'utf8'));
  let results = 0;
  let errors = 0;
  for (const c of xmlCases) {
    const response = { statusCode: c.http_status || 200, headers: { 'x-ci-request-id': 'hdr-req-id' }, body: c.xml };
    const want = await nodePage.attempt(() => node[parsers[c.sdk_method]](response));
    const got = plain(await page.attempt(() => mp[parsers[c.sdk_method]](response)));
    assert.deepEqual(got, plain(want), c.name);
    if (got.ok) results++;
    else errors++;
  }
  assert.ok(results >= 15 && errors >= 4, `${results} results, ${errors} errors`);

  const config = { Bucket: BUCKET, Region: REGION };
  const signing = { ...TMP_KEYS, SecretId: TMP_KEYS.TmpSecretId, SecretKey: TMP_KEYS.TmpSecretKey, KeyTime: '1700000000;1700000900' };
  delete signing.TmpSecretId;
  delete signing.TmpSecretKey;
  const builds = {
    buildDescribeDocProcessQueues: { QueueIds: ['p1', 'p2'], State: 'Paused', PageNumber: 2, PageSize: 50 },
    buildUpdateDocProcessQueue: { QueueId: 'p1', Name: '队列 & "q"', State: 'Active', NotifyConfig: { State: 'Off' } },
    buildDescribeAiProcessQueues: { State: 'All' },
    buildUpdateAiProcessQueue: { QueueId: 'p2', Name: 'ai', State: 'Paused', NotifyConfig: { State: 'On', Type: 'Url', Url: 'https://cb.example.com/x', Event: 'TaskFinish', ResultFormat: 'XML' } },
    buildCreateDocProcessJobs: {
      Input: { Object: '文档/😀 报告.pptx' },
      Operation: { DocProcess: { TgtType: 'jpg', SheetId: 0, StartPage: 3, EndPage: 5, DocPassword: 'secret-pw' }, Output: { Bucket: BUCKET, Region: REGION, Object: 'out/${Number}.jpg' } },
    },
    buildDescribeDocProcessJob: { JobId: 'd1234567890abcdef1234567890abcdef' },
    buildDescribeDocProcessJobs: { QueueId: 'p1', OrderByTime: 'Asc', Size: 7, States: ['Success', 'Failed'], NextToken: 'tok' },
    buildDocPreview: { Key: '文档/季度 报告.docx', Page: 2, DstType: 'png', ImageParams: 'imageMogr2/thumbnail/!50p' },
  };
  for (const [name, params] of Object.entries(builds)) {
    assert.deepEqual(plain(mp[name](config, params, signing)), plain(node[name](config, params, signing)), name);
    const bad = plain(await page.attempt(() => mp[name](config, { ...params, Bogus: 1 }, signing)));
    assert.deepEqual(bad, plain(await nodePage.attempt(() => node[name](config, { ...params, Bogus: 1 }, signing))), name);
    assert.equal(bad.error.code, 'InvalidArgument');
  }

  // A presigned preview URL (temporary keys) and a job-finished notification, as in Node.
  const preview = { Key: 'docs/a b.docx', Page: 3, DstType: 'jpg' };
  assert.equal(mp.getDocPreviewUrl(config, preview, signing), node.getDocPreviewUrl(config, preview, signing));
  assert.match(mp.getDocPreviewUrl(config, preview, signing), /&x-cos-security-token=tokenEXAMPLE&ci-process=doc-preview&page=3&dstType=jpg$/);
  const notification = '<Response><EventName>TaskFinish</EventName><JobsDetail><JobId>d1</JobId><State>Success</State><Operation><DocProcessResult><TotalPageCount>2</TotalPageCount></DocProcessResult></Operation></JobsDetail></Response>';
  assert.deepEqual(plain(mp.parseDocProcessJobNotification(notification)), plain(node.parseDocProcessJobNotification(notification)));
  assert.equal(mp.parseDocProcessJobNotification(notification).JobsDetail[0].Operation.DocProcessResult.TotalPageCount, 2);
});

/** A result with what differs between two emulators (ids, times, request ids) masked. */
function masked(v) {
  if (Array.isArray(v)) return v.map(masked);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, /^(JobId|TaskId|RequestId|QueueId)$|Time$/.test(k) && typeof x === 'string' ? `<${k}>` : masked(x)]));
  }
  return v;
}

/** The shape of a value: its type, object keys and the distinct shapes of array elements. */
function shape(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return [...new Set(v.map((x) => JSON.stringify(shape(x))))].sort().map((s) => JSON.parse(s));
  if (typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, shape(v[k])]));
  return typeof v;
}

for (const via of ['wx.request', 'cos-wx-sdk-v5']) {
  test(`the seven operations through ${via === 'wx.request' ? 'wxRequestTransport(wx) + getCredentials (STS)' : 'cosRequestTransport of a real cos-wx-sdk-v5@1.8.0 (STS)'}: the same results as in Node`, async () => {
    await page.ci.init(page.WASM_PATH);
    const before = wx.calls.length;
    const got = plain(await page.sevenOperations(options(via)));
    assert.ok(wx.calls.length - before >= 7, 'the requests went through the simulator`s wx.request');
    const want = plain(await nodePage.sevenOperations(options(via)));
    for (const [op, r] of Object.entries(got)) {
      assert.equal(r.ok, true, `${op}: ${JSON.stringify(r.error)}`);
      assert.deepEqual(shape(r.value), shape(want[op].value), op);
      assert.deepEqual(masked(r.value), masked(want[op].value), op);
      if (op === 'waitForDocProcessJob') continue; // a job, not a response
      assert.equal(r.metadata.httpStatusCode, 200, op);
      assert.ok(r.metadata.requestId, op);
    }
    assert.equal(got.UpdateAiProcessQueue.value.Queue[0].Name, 'ai & "queue" 队列');
    assert.equal(got.CreateDocProcessJobs.value.JobsDetail[0].Input.Object, '文档/报告 1.docx');
    assert.equal(got.waitForDocProcessJob.value.State, 'Success');
    assert.equal(typeof got.waitForDocProcessJob.value.Operation.DocProcessResult.PageInfo[0].PageNo, 'number');
    // Signed with the temporary keys, the token sent in its header.
    const last = wx.calls[wx.calls.length - 1];
    assert.ok(wx.calls.slice(before).every((c) => /q-ak=AKIDTMPEXAMPLE/.test(c.header.Authorization || c.header.authorization)));
    assert.ok(wx.calls.slice(before).every((c) => (c.header['x-ci-security-token'] || c.header['x-cos-security-token']) === TMP_KEYS.SecurityToken), JSON.stringify(last.header));
  });

  test(`errors through ${via}: the same CiErrors as in Node, and bad input never reaches wx.request`, async () => {
    await page.ci.init(page.WASM_PATH);
    const got = plain(await page.errors(options(via)));
    const want = plain(await nodePage.errors(options(via)));
    assert.equal(got.sentAfterBadInput, 0);
    for (const [field, r] of Object.entries(got.bad)) {
      assert.equal(r.ok, false, field);
      assert.equal(r.error.isCiError, true, field);
      assert.equal(r.error.field, field);
      assert.deepEqual(r.error, want.bad[field].error, field);
    }
    const e = got.noSuchBucket.error;
    assert.equal(e.isCiError, true);
    assert.equal(e.code, 'ServiceError');
    assert.equal(e.statusCode, 404);
    assert.equal(e.serviceCode, 'NoSuchBucket');
    assert.ok(e.requestId);
    const n = want.noSuchBucket.error;
    assert.deepEqual({ ...e, requestId: 0 }, { ...n, requestId: 0 });
  });
}
