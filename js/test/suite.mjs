// The package's behaviour, run against the packed tarball installed into a temporary
// ESM project and a temporary CommonJS project (scripts/js-tests.sh generates the two
// entry files that import/require 'cos-ci-wasm' and call run()). The emulator checks
// every signature from the wire.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { startEmulator, BUCKET, REGION, KEYS, TMP_KEYS } from './helpers/emulator.mjs';
import { routedFetch } from './helpers/routed-fetch.mjs';
import { signVectors } from './helpers/sign-vectors.mjs';

const require = createRequire(import.meta.url);
const { XMLHttpRequest } = require('./helpers/xhr-shim.cjs');
const { makeWx } = require('./helpers/wx-shim.cjs');

/** The official SDKs, loaded once: cos-js-sdk-v5 with an XMLHttpRequest shim, cos-wx-sdk-v5 with a wx global. */
function loadSdks() {
  globalThis.XMLHttpRequest = XMLHttpRequest;
  const quiet = console.warn;
  console.warn = () => {}; // cos-js-sdk-v5 warns that it is not meant for Node
  const CosJs = require('cos-js-sdk-v5');
  console.warn = quiet;
  globalThis.wx = makeWx();
  if (!('window' in globalThis)) globalThis.window = undefined; // the wx dist's UMD wrapper reads `window`
  const CosWx = require('cos-wx-sdk-v5');
  const CosNode = require('cos-nodejs-sdk-v5');
  return { CosJs, CosWx, CosNode };
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

export function run(lib, label) {
  const {
    CiClient, CiError, fetchTransport, wxRequestTransport, cosRequestTransport, getAuthorization,
    buildDescribeDocProcessQueues, parseDescribeDocProcessQueues, init,
  } = lib;
  const sdks = loadSdks();
  let emu;
  const base = () => ({ Bucket: BUCKET, Region: REGION, Endpoint: emu.url });
  const stsCredentials = () => ({ ...TMP_KEYS, StartTime: nowSeconds() - 10, ExpiredTime: nowSeconds() + 3600 });

  before(async () => {
    emu = await startEmulator(['--job-start-ms', '20', '--job-run-ms', '20']);
  });
  after(() => emu.stop());

  /** Each way of sending, as a fresh client. */
  const transports = {
    'fetch + SecretId/SecretKey': () => new CiClient({ ...base(), transport: fetchTransport(), ...KEYS }),
    'fetch + getCredentials (STS)': () =>
      new CiClient({ ...base(), transport: fetchTransport(), getCredentials: async () => stsCredentials() }),
    'fetch + getAuthorization (server-side signing)': () =>
      new CiClient({
        ...base(),
        transport: fetchTransport(),
        // What a user's server does: sign with the package's own getAuthorization.
        getAuthorization: async (req) => getAuthorization({ ...req, ...KEYS }),
      }),
    'default endpoint via fetch (Host signed and checked)': () =>
      new CiClient({ Bucket: BUCKET, Region: REGION, transport: fetchTransport(routedFetch(emu.url)), ...KEYS }),
    // qcloud-cos-sts-sdk's getCredential() result, returned as it comes.
    'fetch + getCredentials (as the STS SDK gives them)': () =>
      new CiClient({
        ...base(),
        transport: fetchTransport(),
        getCredentials: async () => ({
          credentials: { tmpSecretId: TMP_KEYS.TmpSecretId, tmpSecretKey: TMP_KEYS.TmpSecretKey, sessionToken: TMP_KEYS.SecurityToken },
          startTime: nowSeconds() - 10,
          expiredTime: nowSeconds() + 3600,
          requestId: 'sts-request-id',
        }),
      }),
    'wx.request + getCredentials (STS)': () =>
      new CiClient({ ...base(), transport: wxRequestTransport(makeWx()), getCredentials: () => stsCredentials() }),
    'cos.request of cos-nodejs-sdk-v5': () =>
      new CiClient({ ...base(), transport: cosRequestTransport(new sdks.CosNode({ ...KEYS })) }),
    'cos.request of cos-js-sdk-v5 (STS via its getAuthorization)': () =>
      new CiClient({
        ...base(),
        transport: cosRequestTransport(
          new sdks.CosJs({ getAuthorization: (_opts, cb) => cb(stsCredentials()) }),
        ),
      }),
    'cos.request of cos-wx-sdk-v5': () =>
      new CiClient({ ...base(), transport: cosRequestTransport(new sdks.CosWx({ ...KEYS })) }),
  };

  for (const [name, make] of Object.entries(transports)) {
    test(`${label}: docPreview and getDocPreviewUrl through ${name}`, async () => {
      const ci = make();
      const page = await ci.docPreview({ Key: 'docs/季度 报告.docx', Page: 2, DstType: 'png' });
      assert.ok(page.Body instanceof Uint8Array, typeof page.Body);
      assert.deepEqual([...page.Body.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      assert.deepEqual([page.TotalPage, page.ContentType, page.$metadata.httpStatusCode], [5, 'image/png', 200]);
      const sheet = await ci.docPreview({ Key: 'sheets/q3.xlsx', Sheet: 2 });
      assert.deepEqual([sheet.TotalPage, sheet.TotalSheet, sheet.SheetName, sheet.ContentType], [5, 2, 'Sheet2', 'image/jpeg']);
      assert.deepEqual([...sheet.Body.subarray(0, 2)], [0xff, 0xd8]);
      // The error's <Error> body is read whatever the transport gave (cos.request: bytes).
      await assert.rejects(ci.docPreview({ Key: 'docs/a.docx', Page: 6 }), (e) => e instanceof CiError && e.code === 'ServiceError' && e.statusCode === 404 && e.serviceCode === 'InvalidArgument' && /page 6/.test(e.serviceMessage));
      await assert.rejects(ci.docPreview({ Key: '/docs/a.docx' }), (e) => e.code === 'InvalidArgument' && e.field === 'Key' && e.attempts === 0);
      if (ci.transport.signsRequests) {
        await assert.rejects(ci.getDocPreviewUrl({ Key: 'docs/a.docx' }), (e) => e.code === 'InvalidArgument' && e.field === 'transport');
        return;
      }
      const url = await ci.getDocPreviewUrl({ Key: 'docs/季度 报告.docx', Page: 3, DstType: 'png' }, { Expires: 120 });
      assert.ok(!url.includes(KEYS.SecretKey) && !url.includes(TMP_KEYS.TmpSecretKey), url);
      // What a browser's <img src> does: a plain GET of the URL, no headers.
      const res = await routedFetch(emu.url)(url.replace(/^https:\/\/[^/]+/, (origin) => (origin.includes('myqcloud.com') ? origin : emu.url)));
      assert.equal(res.status, 200, await res.clone().text());
      assert.deepEqual([res.headers.get('content-type'), res.headers.get('x-total-page')], ['image/png', '5']);
      const [start, end] = new URL(url).searchParams.get('q-key-time').split(';').map(Number);
      if (!/getAuthorization/.test(name)) assert.ok(end - start <= 120, url);
    });

    test(`${label}: the seven operations through ${name}`, async () => {
      const ci = make();
      const docQueues = await ci.describeDocProcessQueues({ State: 'All' });
      assert.equal(docQueues.TotalCount, 1);
      assert.ok(Array.isArray(docQueues.QueueList) && Array.isArray(docQueues.NonExistPIDs));
      const docQueue = docQueues.QueueList[0];
      assert.equal(typeof docQueue.MaxSize, 'number');
      assert.equal(docQueues.$metadata.httpStatusCode, 200);
      assert.ok(docQueues.$metadata.requestId);

      const aiQueues = await ci.describeAiProcessQueues();
      assert.equal(aiQueues.QueueList.length, 1);
      const aiQueue = aiQueues.QueueList[0];

      const paused = await ci.updateDocProcessQueue({
        QueueId: docQueue.QueueId, Name: docQueue.Name, State: 'Paused', NotifyConfig: { State: 'Off' },
      });
      assert.equal(paused.Queue[0].State, 'Paused');
      const resumed = await ci.updateDocProcessQueue({
        QueueId: docQueue.QueueId, Name: docQueue.Name, State: 'Active', NotifyConfig: { State: 'Off' },
      });
      assert.equal(resumed.Queue[0].State, 'Active');

      const ai = await ci.updateAiProcessQueue({
        QueueId: aiQueue.QueueId, Name: 'ai & "queue"', State: 'Active',
        NotifyConfig: { State: 'On', Type: 'Url', Url: 'https://callback.example.com/ci?a=1&b=2', Event: 'TaskFinish', ResultFormat: 'JSON' },
      });
      assert.equal(ai.Queue[0].Name, 'ai & "queue"');
      assert.equal(ai.Queue[0].NotifyConfig.Url, 'https://callback.example.com/ci?a=1&b=2');

      const created = await ci.createDocProcessJobs({
        Input: { Object: '文档/报告 1.docx' },
        Operation: {
          DocProcess: { TgtType: 'png', StartPage: 1, EndPage: -1 },
          Output: { Bucket: BUCKET, Region: REGION, Object: 'preview/报告_${Number}.png' },
        },
      });
      const job = created.JobsDetail[0];
      assert.equal(job.State, 'Submitted');
      assert.equal(job.Input.Object, '文档/报告 1.docx');

      const one = await ci.describeDocProcessJob({ JobId: job.JobId });
      assert.equal(one.JobsDetail[0].JobId, job.JobId);
      assert.deepEqual(one.NonExistJobIds, []);

      const list = await ci.describeDocProcessJobs({ QueueId: docQueue.QueueId, Size: 100 });
      assert.ok(list.JobsDetail.some((j) => j.JobId === job.JobId));

      const done = await ci.waitForDocProcessJob(job.JobId, { interval: 20, timeout: 5000 });
      assert.equal(done.State, 'Success');
      const pages = done.Operation.DocProcessResult.PageInfo;
      assert.ok(Array.isArray(pages) && pages.length > 0);
      assert.equal(typeof pages[0].PageNo, 'number');
    });
  }

  describe(`${label}: errors`, () => {
    test('bad input is a CiError naming the field, and nothing is sent', async () => {
      let sent = 0;
      const counting = fetchTransport(async (...args) => {
        sent++;
        return fetch(...args);
      });
      const ci = new CiClient({ ...base(), transport: counting, ...KEYS });
      const cases = [
        [() => ci.describeDocProcessQueues({ State: 'active' }), 'InvalidArgument', 'State'],
        [() => ci.describeDocProcessQueues({ PageSize: '10' }), 'InvalidArgument', 'PageSize'],
        [() => ci.describeDocProcessQueues({ queueIds: 'x' }), 'InvalidArgument', 'queueIds'],
        [() => ci.updateDocProcessQueue({ QueueId: '../p1', Name: 'n', State: 'Active', NotifyConfig: {} }), 'InvalidArgument', 'QueueId'],
        [() => ci.updateAiProcessQueue({ QueueId: 'p1', Name: '</Name><State>Paused</State>', State: 'Active' }), 'InvalidArgument', 'Name'],
        [() => ci.describeDocProcessJob({}), 'MissingArgument', 'JobId'],
        [() => ci.describeDocProcessJobs({ QueueId: 'p1', Size: 1.5 }), 'InvalidArgument', 'Size'],
        [() => ci.createDocProcessJobs({ Input: { Object: 'a.docx' }, Operation: { Output: { Bucket: BUCKET, Region: REGION, Object: 'no-placeholder.png' } } }), 'InvalidArgument', 'Operation.Output.Object'],
      ];
      for (const [call, code, field] of cases) {
        await assert.rejects(call(), (e) => e instanceof CiError && e.code === code && e.field === field, `${code} ${field}`);
      }
      assert.equal(sent, 0, 'nothing reached the transport');
      const d = lib.buildUpdateAiProcessQueue(base(), { QueueId: 'p1', Name: 'R&D', State: 'Active' });
      assert.ok(d.Body.includes('<Name>R&amp;D</Name>'));
      assert.throws(() => new CiClient({ ...base(), transport: fetchTransport() }), (e) => e.code === 'MissingArgument' && e.field === 'credentials');
      assert.throws(() => new CiClient({ ...base(), transport: fetchTransport(), ...KEYS, timeOut: 5 }), (e) => e.field === 'timeOut' && /did you mean timeout/.test(e.message));
      // "Did you mean" beyond letter case: the nearest name within a few edits, for options and parameters.
      const says = (field, message) => (e) => e instanceof CiError && e.field === field && e.message === message;
      assert.throws(() => new CiClient({ ...base(), transport: fetchTransport(), ...KEYS, Regin: 'x' }), says('Regin', 'Regin: is not a CiClient option (did you mean Region?)'));
      const hinted = new CiClient({ ...base(), transport: fetchTransport(), ...KEYS });
      await assert.rejects(hinted.describeDocProcessQueues({}, { timout: 5 }), says('options.timout', 'options.timout: is not a call option (did you mean timeout?)'));
      await assert.rejects(hinted.describeDocProcessQueues({}, { retry: { maxAttempt: 2 } }), says('retry.maxAttempt', 'retry.maxAttempt: is not a retry option (did you mean maxAttempts?)'));
      await assert.rejects(hinted.describeDocProcessQueues({ Stat: 'Active' }), says('Stat', 'Stat: is not a parameter here (did you mean State?)'));
      await assert.rejects(hinted.describeDocProcessQueues({ Nope: 1 }), says('Nope', 'Nope: is not a parameter here'));
      // Bucket and Region by the crate's rules in the constructor (the wasm is loaded in Node).
      assert.throws(() => new CiClient({ ...KEYS, Bucket: 'examplebucket', Region: 'ap-guangzhou', transport: fetchTransport() }), (e) =>
        e instanceof CiError && e.code === 'InvalidArgument' && e.field === 'Bucket' && /^Bucket: must be <BucketName>-<APPID>/.test(e.message));
      assert.throws(() => new CiClient({ ...KEYS, Bucket: 'examplebucket-1250000000', Region: 'ap guangzhou', transport: fetchTransport() }), (e) =>
        e instanceof CiError && e.field === 'Region');
      assert.throws(() => new CiClient({ ...base(), transport: cosRequestTransport(new sdks.CosNode(KEYS)), ...KEYS }), (e) => e.field === 'credentials');
    });

    test('403, 404, 5xx and a 200 carrying <Error> are ServiceErrors with status, code and request id', async () => {
      const wrong = new CiClient({ ...base(), transport: fetchTransport(), SecretId: KEYS.SecretId, SecretKey: 'wrong' });
      await assert.rejects(wrong.describeDocProcessQueues(), (e) =>
        e instanceof CiError && e.code === 'ServiceError' && e.statusCode === 403 && e.serviceCode === 'SignatureDoesNotMatch' && !!e.requestId);
      const missing = new CiClient({ Bucket: 'missing-1250000000', Region: REGION, transport: fetchTransport(routedFetch(emu.url)), ...KEYS });
      await assert.rejects(missing.describeAiProcessQueues(), (e) => e.statusCode === 404 && e.serviceCode === 'NoSuchBucket');
      const ci = new CiClient({ ...base(), transport: fetchTransport(), ...KEYS });
      await emu.control('faults?failNext=1&status=500');
      await assert.rejects(ci.describeAiProcessQueues({}, { retry: { maxAttempts: 1 } }), (e) => e.code === 'ServiceError' && e.statusCode === 500 && e.serviceCode === 'InternalError');
      await emu.control('faults?failNext=1&status=200');
      await assert.rejects(ci.describeAiProcessQueues({}, { retry: { maxAttempts: 1 } }), (e) => e.code === 'ServiceError' && e.statusCode === 200 && e.serviceCode === 'InternalError');
      await assert.rejects(ci.describeDocProcessJobs({ QueueId: 'p0000000000000000000000000000000', StartCreationTime: 'yesterday' }), (e) => e.code === 'InvalidArgument' || (e.statusCode === 400 && e.serviceCode === 'InvalidArgument'));
    });

    test('the same errors through cos.request of each SDK', async () => {
      const sdkClients = [
        new sdks.CosNode({ SecretId: KEYS.SecretId, SecretKey: 'wrong' }),
        new sdks.CosJs({ SecretId: KEYS.SecretId, SecretKey: 'wrong' }),
        new sdks.CosWx({ SecretId: KEYS.SecretId, SecretKey: 'wrong' }),
      ];
      for (const cos of sdkClients) {
        const ci = new CiClient({ ...base(), transport: cosRequestTransport(cos) });
        await assert.rejects(ci.describeDocProcessQueues(), (e) =>
          e instanceof CiError && e.code === 'ServiceError' && e.statusCode === 403 && e.serviceCode === 'SignatureDoesNotMatch' && !!e.requestId);
      }
    });

    test('network failures, timeouts and aborts; no timer is left running', async () => {
      const dead = new CiClient({ ...base(), Endpoint: 'http://127.0.0.1:1', transport: fetchTransport(), ...KEYS });
      await assert.rejects(dead.describeAiProcessQueues(), (e) => e.code === 'NetworkError' && e.cause !== undefined);
      const ci = new CiClient({ ...base(), transport: fetchTransport(), ...KEYS });
      await emu.control('faults?delayMs=300');
      try {
        await assert.rejects(ci.describeAiProcessQueues({}, { timeout: 50 }), (e) => e.code === 'TimeoutError');
        const ac = new AbortController();
        setTimeout(() => ac.abort(), 30);
        await assert.rejects(ci.describeAiProcessQueues({}, { signal: ac.signal }), (e) => e.code === 'AbortError');
        await assert.rejects(ci.describeAiProcessQueues({}, { signal: AbortSignal.abort() }), (e) => e.code === 'AbortError');
        const wxci = new CiClient({ ...base(), transport: wxRequestTransport(makeWx()), ...KEYS });
        await assert.rejects(wxci.describeAiProcessQueues({}, { timeout: 50 }), (e) => e.code === 'TimeoutError');
      } finally {
        await emu.control('faults?delayMs=0');
      }
    });
  });

  describe(`${label}: credentials and clock`, () => {
    test('STS keys are cached, refreshed ahead of ExpiredTime, one refresh shared by concurrent calls', async () => {
      let calls = 0;
      const ci = new CiClient({
        ...base(),
        transport: fetchTransport(),
        getCredentials: async () => {
          calls++;
          await new Promise((r) => setTimeout(r, 30));
          return { ...TMP_KEYS, ExpiredTime: nowSeconds() + 3600 };
        },
      });
      await Promise.all([ci.describeAiProcessQueues(), ci.describeDocProcessQueues(), ci.describeAiProcessQueues()]);
      assert.equal(calls, 1, 'one refresh for three concurrent calls');
      await ci.describeAiProcessQueues();
      assert.equal(calls, 1, 'cached');
      const soon = new CiClient({ ...base(), transport: fetchTransport(), getCredentials: async () => { calls++; return { ...TMP_KEYS, ExpiredTime: nowSeconds() + 30 }; } });
      const before = calls;
      await soon.describeAiProcessQueues();
      await soon.describeAiProcessQueues();
      assert.equal(calls - before, 2, 'keys within 60 s of expiry are refreshed');
      const failing = new CiClient({ ...base(), transport: fetchTransport(), getCredentials: async () => { throw new Error('sts down'); } });
      await assert.rejects(failing.describeAiProcessQueues(), (e) => e.code === 'CredentialsError' && e.cause.message === 'sts down');
      const malformed = new CiClient({ ...base(), transport: fetchTransport(), getCredentials: async () => ({ TmpSecretId: 'a', TmpSecretKey: 'b' }) });
      await assert.rejects(malformed.describeAiProcessQueues(), (e) => e.code === 'CredentialsError' && /SecurityToken/.test(e.message));
      // A getCredentials that never settles fails after the client's timeout and does not wedge the client.
      let hang = true;
      const flaky = new CiClient({
        ...base(), transport: fetchTransport(), timeout: 100,
        getCredentials: () => (hang ? new Promise(() => {}) : { ...TMP_KEYS, ExpiredTime: nowSeconds() + 3600 }),
      });
      await assert.rejects(flaky.describeAiProcessQueues(), (e) => e.code === 'TimeoutError' || e.code === 'CredentialsError');
      await new Promise((r) => setTimeout(r, 120));
      hang = false;
      assert.equal((await flaky.describeAiProcessQueues()).QueueList.length, 1);
      const badAuth = new CiClient({ ...base(), transport: fetchTransport(), getAuthorization: async () => 'not a signature' });
      await assert.rejects(badAuth.describeAiProcessQueues(), (e) => e.code === 'CredentialsError');
    });

    test('a skewed server clock is corrected and the call retried once', async () => {
      const ci = new CiClient({ ...base(), transport: fetchTransport(), ...KEYS });
      await emu.control('faults?skew=3600');
      try {
        const out = await ci.describeAiProcessQueues();
        assert.equal(out.$metadata.attempts, 2);
        assert.ok(Math.abs(ci.systemClockOffset - 3600 * 1000) < 5000, String(ci.systemClockOffset));
        const again = await ci.describeAiProcessQueues();
        assert.equal(again.$metadata.attempts, 1, 'the corrected offset is kept');
        const off = new CiClient({ ...base(), transport: fetchTransport(), ...KEYS, CorrectClockSkew: false });
        await assert.rejects(off.describeAiProcessQueues(), (e) => e.serviceCode === 'RequestTimeTooSkewed' && !!e.serverTime);
      } finally {
        await emu.control('faults?skew=0');
      }
    });
  });

  describe(`${label}: helpers`, () => {
    test('signing an unsigned descriptor (what CiClient does per attempt) gives the builder\'s signed descriptor', () => {
      const cfg = { Bucket: BUCKET, Region: REGION };
      const keys = { SecretId: 'AKIDEXAMPLE', SecretKey: 'secretEXAMPLE' };
      const KeyTime = '1700000000;1700000900';
      const params = {
        DescribeDocProcessQueues: { State: 'Active', QueueIds: ['a b', 'c+d'] },
        UpdateDocProcessQueue: { QueueId: 'p1', Name: 'q', State: 'Active', NotifyConfig: { State: 'Off' } },
        DescribeAiProcessQueues: {},
        UpdateAiProcessQueue: { QueueId: 'p 1', Name: '中', State: 'Paused' },
        CreateDocProcessJobs: { Input: { Object: 'a 中.docx' }, Operation: { Output: { ...cfg, Object: 'o/${Number}.png' } } },
        DescribeDocProcessJob: { JobId: 'd1 x' },
        DescribeDocProcessJobs: { QueueId: 'p1', NextToken: 'a/b c', States: ['Success', 'Failed'] },
        DocPreview: { Key: 'dir/文 档.docx', Page: 3, ImageParams: 'imageMogr2/thumbnail/!50p' },
      };
      const hostOf = Object.fromEntries(lib.OPERATIONS.map((op) => [op.name, op.host]));
      let n = 0;
      for (const [name, p] of Object.entries(params)) {
        for (const SecurityToken of [undefined, 'tok EN']) {
          for (const Endpoint of [undefined, 'http://127.0.0.1:8080', 'ci.Example.com']) {
            const config = Endpoint ? { ...cfg, Endpoint } : cfg;
            const signed = lib['build' + name](config, p, { ...keys, SecurityToken, KeyTime });
            const unsigned = lib['build' + name](config, p);
            const headers = { ...unsigned.Headers };
            if (SecurityToken) headers[`x-${hostOf[name]}-security-token`] = SecurityToken;
            const host = /^[a-z]+:\/\/([^/:?#]+)/i.exec(unsigned.Url)[1].toLowerCase();
            headers.Authorization = getAuthorization({ ...keys, Method: unsigned.Method, Key: unsigned.Key, Query: unsigned.Query, Headers: { ...headers, Host: host }, KeyTime });
            assert.deepEqual({ ...unsigned, Headers: headers }, signed, `${name} ${SecurityToken} ${Endpoint}`);
            n++;
          }
        }
      }
      assert.equal(n, 48);
    });

    test('getDocPreviewUrl: the presigned URLs of cos-python-sdk-v5 and the signatures of cos-nodejs-sdk-v5 (tests/fixtures/presign)', () => {
      const fixture = JSON.parse(readFileSync(new URL('../../tests/fixtures/presign/presign.json', import.meta.url), 'utf8'));
      const config = { Bucket: fixture.bucket, Region: fixture.region };
      const signature = (u) => /[?&]q-signature=([0-9a-f]{40})/.exec(u)[1];
      assert.equal(fixture.cases.length, 6);
      for (const c of fixture.cases) {
        const url = lib.getDocPreviewUrl(config, c.params, { ...c.credentials, KeyTime: c.start + ';' + (c.start + c.expires) });
        if (c.python_url) assert.equal(url, c.python_url.replaceAll('+', '%20'), c.name);
        assert.equal(signature(url), signature(c.node_url), c.name);
        assert.ok(!url.includes(c.credentials.SecretKey), c.name);
        if (c.credentials.SecurityToken) assert.equal(new URL(url).searchParams.get('x-cos-security-token'), c.credentials.SecurityToken, c.name);
        // What the URL asks for is the request the builder describes.
        const d = lib.buildDocPreview(config, c.params);
        assert.equal(url.split('?')[0], d.Url, c.name);
        for (const [k, v] of Object.entries(d.Query)) assert.equal(new URL(url).searchParams.get(k), v, c.name);
      }
      // parseDocPreview takes the page's bytes as fetch gives them (a success: the headers are
      // the answer; an error: its <Error> body).
      const png = new Uint8Array([0x89, 0x50]);
      assert.deepEqual({ ...lib.parseDocPreview({ status: 200, headers: { 'x-total-page': '7', 'content-type': 'image/png' }, body: png }) }, { TotalPage: 7, ContentType: 'image/png' });
      const xmlError = new TextEncoder().encode('<Error><Code>NoSuchKey</Code><Message>gone</Message><RequestId>r1</RequestId></Error>');
      assert.throws(() => lib.parseDocPreview({ statusCode: 404, headers: {}, body: xmlError.buffer }), (e) => e.code === 'ServiceError' && e.serviceCode === 'NoSuchKey' && e.requestId === 'r1');
      // Default key time: now − 1 s for Expires (default 900) seconds.
      const before = nowSeconds() - 1;
      const url = new URL(lib.getDocPreviewUrl(config, { Key: 'a.docx' }, { SecretId: 'AKIDEXAMPLE', SecretKey: 'secretEXAMPLE', Expires: 60 }));
      const [start, end] = url.searchParams.get('q-key-time').split(';').map(Number);
      assert.ok(start >= before && start <= nowSeconds(), String(start));
      assert.equal(end - start, 60);
      for (const [signing, field] of [[undefined, 'signing'], [{ SecretId: 'AKIDEXAMPLE' }, 'SecretKey'], [{ SecretId: 'AKIDEXAMPLE', SecretKey: 's', KeyTime: '2;1' }, 'KeyTime']]) {
        assert.throws(() => lib.getDocPreviewUrl(config, { Key: 'a.docx' }, signing), (e) => e instanceof CiError && e.field === field, String(field));
      }
      assert.throws(() => lib.getDocPreviewUrl(config, { Key: 'a/../b.docx' }, { SecretId: 'AKIDEXAMPLE', SecretKey: 's' }), (e) => e.code === 'InvalidArgument' && e.field === 'Key' && /'\.\.' segment/.test(e.message));
    });

    test('getAuthorization: the 90 signing vectors and its errors are the same by the packed fast path and the JSON path', () => {
      const vectors = signVectors();
      assert.ok(vectors.length >= 90);
      const both = (opts) => [getAuthorization(opts), getAuthorization({ ...opts, Scope: [] })]; // Scope: ignored, but not packable
      for (const { name, opts, expected } of vectors) {
        assert.deepEqual(both(opts), [expected, expected], name);
      }
      const ok = { SecretId: 'AKIDEXAMPLE', SecretKey: 'secretEXAMPLE', KeyTime: '1700000000;1700000900' };
      for (const bad of [
        { ...ok, Method: '' }, { ...ok, Method: 'G T' }, { ...ok, KeyTime: '2;1' }, { ...ok, KeyTime: 'x' },
        { ...ok, StartTime: 5 }, { ...ok, Expires: 60 }, { ...ok, SecretId: '' }, { ...ok, SecretId: 'a b' }, { ...ok, SecretKey: '' },
        { ...ok, Headers: { 'x-cos-a': 'a\r\nb' } }, { ...ok, KeyTime: '1700000000' }, { ...ok, SecretKey: 'secretEXAMPLE\uD800' },
      ]) {
        const errors = [bad, { ...bad, Scope: [] }].map((opts) => {
          try {
            getAuthorization(opts);
          } catch (e) {
            return [e.name, e.code, e.field, e.message];
          }
          return 'no error';
        });
        assert.equal(errors[0][0], 'CiError', JSON.stringify(bad));
        assert.deepEqual(errors[0], errors[1], JSON.stringify(bad));
        assert.ok(!errors[0][3].includes('secretEXAMPLE'));
      }
    });

    test('getAuthorization signs numbers as cos-js-sdk-v5 does: as the text String(n) gives', () => {
      const opts = {
        SecretId: 'AKIDEXAMPLE', SecretKey: 'secretEXAMPLE', KeyTime: '1700000000;1700000900', Method: 'GET', Key: 'doc_jobs',
        Query: { a: 1.5, b: 1e21, c: 2 ** 60, d: 7, e: 1e-7 }, Headers: { 'x-cos-n': 0.1, Host: 'h.example.com' },
      };
      const theirs = sdks.CosJs.getAuthorization(opts);
      assert.equal(getAuthorization(opts), theirs); // packed
      assert.equal(getAuthorization({ ...opts, Scope: [] }), theirs); // JSON
    });

    test('paginateDescribeDocProcessJobs yields every job exactly once; queue pages end at TotalCount', async () => {
      const ci = new CiClient({ ...base(), transport: fetchTransport(), ...KEYS });
      const queue = (await ci.describeDocProcessQueues()).QueueList[0];
      const ids = new Set();
      for (let i = 0; i < 23; i++) {
        const out = await ci.createDocProcessJobs({
          QueueId: queue.QueueId,
          Input: { Object: `page/${i}.pdf` },
          Operation: { Output: { Bucket: BUCKET, Region: REGION, Object: `out/${i}/${'${Number}'}.jpg` } },
        });
        ids.add(out.JobsDetail[0].JobId);
      }
      const seen = [];
      let pages = 0;
      for await (const page of ci.paginateDescribeDocProcessJobs({ QueueId: queue.QueueId, Size: 10, OrderByTime: 'Asc' })) {
        pages++;
        for (const j of page.JobsDetail) seen.push(j.JobId);
      }
      assert.ok(pages >= 3);
      assert.equal(new Set(seen).size, seen.length, 'no job twice');
      for (const id of ids) assert.ok(seen.includes(id), 'every job');
      const queuePages = [];
      for await (const page of ci.paginateDescribeAiProcessQueues({ PageSize: 1 })) queuePages.push(page);
      assert.equal(queuePages.length, 1);
    });

    test('waitForDocProcessJob rejects with JobFailed, TimeoutError and AbortError', async () => {
      const ci = new CiClient({ ...base(), transport: fetchTransport(), ...KEYS });
      const job = (await ci.createDocProcessJobs({
        Input: { Object: 'this-will-fail.docx' },
        Operation: { Output: { Bucket: BUCKET, Region: REGION, Object: 'f/${Number}.jpg' } },
      })).JobsDetail[0];
      await assert.rejects(ci.waitForDocProcessJob(job.JobId, { interval: 20 }), (e) =>
        e.code === 'JobFailed' && e.jobId === job.JobId && !!e.serviceCode);
      const queue = (await ci.describeDocProcessQueues()).QueueList[0];
      await ci.updateDocProcessQueue({ QueueId: queue.QueueId, Name: queue.Name, State: 'Paused', NotifyConfig: { State: 'Off' } });
      try {
        const held = (await ci.createDocProcessJobs({
          Input: { Object: 'held.docx' },
          Operation: { Output: { Bucket: BUCKET, Region: REGION, Object: 'h/${Number}.jpg' } },
        })).JobsDetail[0];
        await assert.rejects(ci.waitForDocProcessJob(held.JobId, { interval: 20, timeout: 100 }), (e) => e.code === 'TimeoutError');
        const ac = new AbortController();
        setTimeout(() => ac.abort(), 50);
        await assert.rejects(ci.waitForDocProcessJob(held.JobId, { interval: 20, signal: ac.signal }), (e) => e.code === 'AbortError');
      } finally {
        await ci.updateDocProcessQueue({ QueueId: queue.QueueId, Name: queue.Name, State: 'Active', NotifyConfig: { State: 'Off' } });
      }
    });

    test('the pure layer: descriptor in, raw response out', async () => {
      await init();
      const d = buildDescribeDocProcessQueues(base(), { State: 'Active' }, { ...KEYS });
      assert.deepEqual(Object.keys(d), ['Method', 'Url', 'Key', 'Query', 'Headers']);
      const long = buildDescribeDocProcessQueues(base(), {}, { ...KEYS, Expires: 3600 });
      const [start, end] = /q-key-time=(\d+);(\d+)/.exec(long.Headers.Authorization).slice(1).map(Number);
      assert.equal(end - start, 3600);
      const res = await fetch(lib.requestUrl(d), { headers: d.Headers });
      const out = parseDescribeDocProcessQueues({ status: res.status, headers: Object.fromEntries(res.headers), body: await res.text() });
      assert.equal(out.QueueList.length, 1);
      assert.throws(() => parseDescribeDocProcessQueues({ statusCode: 200, body: '<Response><TotalCount>x</TotalCount></Response>' }), (e) => e.code === 'InvalidResponse');
      assert.throws(() => parseDescribeDocProcessQueues({ statusCode: 200, body: '<Response><A>' }), (e) => e.code === 'InvalidXml');
      // The parser's bounds cross the boundary as their own code.
      for (const body of ['<Response>' + '<a/>'.repeat(100000) + '</Response>', '<Response>' + '<a>'.repeat(65), '<R>' + ' '.repeat(4 * 1024 * 1024) + '</R>']) {
        assert.throws(() => parseDescribeDocProcessQueues({ statusCode: 200, body }), (e) => e instanceof CiError && e.code === 'LimitExceeded');
      }
      assert.throws(() => parseDescribeDocProcessQueues({ statusCode: 200, body: '<!DOCTYPE r [<!ENTITY a "b">]><Response>&a;</Response>' }), (e) => e.code === 'InvalidXml' && /DOCTYPE/.test(e.message));
      // A trap inside the wasm (a bug) still reaches the caller as a CiError.
      assert.ok(lib.CiError === CiError);
    });
  });
}
