// Reliability round 2: what an adversarial review broke, one describe() per finding, run
// through the installed tarball against the emulator and small hostile HTTP servers on
// 127.0.0.1 (each a few lines: forge one answer, then pass the rest to the emulator).
// scripts/js-tests.sh imports ./helpers/wasm-memory.mjs before the package, so that the
// wasm's linear memory can be read; the bound tests run first, while it is still small.
import { describe, test, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { startEmulator, BUCKET, REGION, KEYS } from './helpers/emulator.mjs';
import { wasmMemoryBytes } from './helpers/wasm-memory.mjs';

const require = createRequire(import.meta.url);
const { makeWx } = require('./helpers/wx-shim.cjs');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const MB = 1024 * 1024;
const FAST_RETRY = { maxAttempts: 3, baseDelay: 5, maxDelay: 20 };
const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
const xmlError = (code, extra = '') => `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>m</Message>${extra}<RequestId>forged</RequestId></Error>`;

/**
 * A server on 127.0.0.1 that answers with `forge(req, body)` when it returns an answer
 * `{ status, headers?, body }`, and passes the request to `target` (the emulator) otherwise.
 */
function hostile(target, forge) {
  const seen = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      seen.push({ method: req.method, url: req.url, headers: req.headers });
      const forged = forge(req, body.toString('utf8'), seen.length);
      if (forged) {
        res.writeHead(forged.status, forged.headers || { 'content-type': 'application/xml' });
        return res.end(forged.body);
      }
      const headers = { ...req.headers };
      delete headers.connection;
      delete headers['content-length'];
      const answer = await fetch(target + req.url, { method: req.method, headers, body: body.length ? body : undefined });
      const out = {};
      answer.headers.forEach((v, k) => {
        if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(k)) out[k] = v;
      });
      res.writeHead(answer.status, out);
      res.end(Buffer.from(await answer.arrayBuffer()));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        seen,
        close: () => new Promise((r) => server.close(() => r())),
      }),
    ),
  );
}

export function run(lib) {
  const {
    CiClient, CiError, fetchTransport, wxRequestTransport, cosRequestTransport, getAuthorization,
    buildDescribeDocProcessJobs, parseDescribeDocProcessQueues, parseCreateDocProcessJobs, parseDescribeDocProcessJob,
    buildUpdateDocProcessQueue,
  } = lib;
  let emu;
  const unhandled = [];
  const onUnhandled = (e) => unhandled.push(e);
  let baseline;
  const cfg = { Bucket: BUCKET, Region: REGION };
  const signing = { ...KEYS, KeyTime: '1700000000;1700000900' };
  const isCi = (code, field) => (e) => {
    assert.ok(e instanceof CiError, 'a CiError: ' + e);
    assert.equal(e.code, code, e.message);
    if (field !== undefined) assert.equal(e.field, field, e.message);
    return true;
  };
  const client = (extra = {}) => new CiClient({ Bucket: BUCKET, Region: REGION, Endpoint: emu.url, transport: fetchTransport(), ...KEYS, retry: FAST_RETRY, ...extra });
  const counting = (transport) => {
    const sent = [];
    return { sent, transport: { ...transport, send: (req, o) => (sent.push(req), transport.send(req, o)) } };
  };

  before(async () => {
    process.on('unhandledRejection', onUnhandled);
    emu = await startEmulator(['--job-start-ms', '20', '--job-run-ms', '20']);
  });
  after(async () => {
    await emu.stop();
    process.off('unhandledRejection', onUnhandled);
  });
  beforeEach(() => {
    baseline = timers();
  });
  afterEach(async () => {
    await sleep(20);
    assert.deepEqual(unhandled, [], 'no unhandled rejection');
    assert.ok(timers() <= baseline, `no timer left running (${timers()} active, ${baseline} before the test)`);
  });

  // Item 2: bounds are checked in JS, before anything is copied into the wasm.
  describe('2. input and body sizes are bounded before they reach the wasm', () => {
    const underBound = () => assert.ok(wasmMemoryBytes() < 16 * MB, `wasm memory ${wasmMemoryBytes()} B`);

    test('huge parameters: a typed error naming the field, and the wasm memory stays small', () => {
      underBound();
      const before = wasmMemoryBytes();
      assert.throws(() => buildDescribeDocProcessJobs(cfg, { QueueId: 'q', NextToken: '中'.repeat(1e7) }, signing), isCi('InvalidArgument', 'NextToken'));
      assert.throws(() => buildDescribeDocProcessJobs(cfg, { QueueId: 'q', NextToken: '中'.repeat(8e7) }, signing), isCi('InvalidArgument', 'NextToken'));
      assert.throws(() => buildDescribeDocProcessJobs(cfg, { QueueId: 'q', ['k'.repeat(1e6)]: 1 }, signing), isCi('InvalidArgument', 'params'));
      assert.throws(() => buildDescribeDocProcessJobs(cfg, { QueueId: 'q', Extra: Array.from({ length: 5000 }, () => 'a'.repeat(100)) }, signing), isCi('InvalidArgument', 'params'));
      assert.throws(() => buildDescribeDocProcessJobs({ ...cfg, Endpoint: 'x'.repeat(1e6) }, { QueueId: 'q' }, signing), isCi('InvalidArgument', 'Endpoint'));
      assert.throws(() => buildDescribeDocProcessJobs(cfg, { QueueId: 'q' }, { ...signing, SecurityToken: 't'.repeat(1e7) }), isCi('InvalidArgument', 'SecurityToken'));
      assert.throws(() => getAuthorization({ ...KEYS, Headers: { 'x-cos-meta-a': 'v'.repeat(1e7) } }), isCi('InvalidArgument', 'Headers.x-cos-meta-a'));
      assert.throws(() => getAuthorization({ ...KEYS, Query: Object.fromEntries(Array.from({ length: 30000 }, (_, i) => ['q' + i, 'v'.repeat(10)])) }), isCi('InvalidArgument', 'options'));
      assert.equal(wasmMemoryBytes(), before, 'nothing was copied into the wasm');
      underBound();
    });

    test('huge bodies and headers given to a parser', () => {
      const before = wasmMemoryBytes();
      assert.throws(() => parseDescribeDocProcessQueues({ statusCode: 200, headers: {}, body: 'x'.repeat(1e8) }), isCi('LimitExceeded', 'body'));
      // 1.5 M characters, but 4.5 MB of UTF-8: counted as bytes.
      assert.throws(() => parseDescribeDocProcessQueues({ statusCode: 200, headers: {}, body: '中'.repeat(1.5e6) }), isCi('LimitExceeded', 'body'));
      assert.throws(() => parseDescribeDocProcessQueues({ statusCode: 200, headers: { 'x-a': 'a'.repeat(1e6) }, body: '<Response/>' }), isCi('LimitExceeded', 'headers'));
      assert.equal(wasmMemoryBytes(), before, 'nothing was copied into the wasm');
      // An error answer's body is cut to its start: the status and the service's code still come through.
      const e = (() => {
        try {
          parseDescribeDocProcessQueues({ statusCode: 503, headers: {}, body: xmlError('SlowDown') + ' '.repeat(1e8) });
        } catch (err) {
          return err;
        }
      })();
      assert.ok(isCi('ServiceError')(e) && e.statusCode === 503, e.message);
      underBound();
    });

    test('a 100 MB answer from a whole-body transport (wx.request, cos.request): LimitExceeded, memory bounded', async () => {
      const big = await hostile(emu.url, () => ({ status: 200, body: '<Response>' + 'x'.repeat(100 * MB) + '</Response>' }));
      try {
        const wx = client({ transport: wxRequestTransport(makeWx()), Endpoint: big.url });
        await assert.rejects(wx.describeDocProcessQueues(), isCi('LimitExceeded', 'body'));
        const CosNode = require('cos-nodejs-sdk-v5');
        const viaCos = new CiClient({ Bucket: BUCKET, Region: REGION, Endpoint: big.url, transport: cosRequestTransport(new CosNode({ ...KEYS })) });
        await assert.rejects(viaCos.describeDocProcessQueues(), isCi('LimitExceeded', 'body'));
        await assert.rejects(client({ Endpoint: big.url }).describeDocProcessQueues(), isCi('LimitExceeded'));
      } finally {
        await big.close();
      }
      underBound();
    });
  });

  describe('1. a forged clock answer cannot wedge the client', () => {
    for (const [what, forged] of [
      ['<ServerTime>000000000</ServerTime> and a 1970 Date', { body: xmlError('RequestTimeTooSkewed', '<ServerTime>000000000</ServerTime>'), date: 'Thu, 01 Jan 1970 00:00:00 GMT' }],
      ['a 1970 Date header alone', { body: xmlError('RequestTimeTooSkewed'), date: 'Thu, 01 Jan 1970 00:00:00 GMT' }],
      ['a server time in the year 5138', { body: xmlError('RequestTimeTooSkewed', '<ServerTime>99999999999</ServerTime>'), date: 'garbage' }],
      ['an expired-request answer dated 1999', { body: xmlError('AccessDenied').replace('<Message>m</Message>', '<Message>Request has expired</Message>'), date: 'Fri, 01 Jan 1999 00:00:00 GMT' }],
    ]) {
      test(`${what}: ignored, nothing adopted, the next call reaches the service`, async () => {
        const server = await hostile(emu.url, (_req, _body, n) => (n === 1 ? { status: 403, headers: { 'content-type': 'application/xml', date: forged.date }, body: forged.body } : undefined));
        try {
          const ci = client({ Endpoint: server.url });
          await assert.rejects(ci.describeDocProcessQueues(), (e) => isCi('ServiceError')(e) && e.statusCode === 403);
          assert.equal(ci.systemClockOffset, 0, 'no offset adopted');
          const out = await ci.describeDocProcessQueues();
          assert.ok(Array.isArray(out.QueueList));
          assert.equal(server.seen.length, 2);
        } finally {
          await server.close();
        }
      });
    }

    test('a plausible but wrong server time is adopted, and the next answer from the service corrects it again', async () => {
      const wrong = Math.floor(Date.now() / 1000) - 400 * 24 * 3600; // 400 days ago: inside the window
      const server = await hostile(emu.url, (_req, _body, n) =>
        n === 1 ? { status: 403, body: xmlError('RequestTimeTooSkewed', `<ServerTime>${wrong}</ServerTime>`) } : undefined,
      );
      try {
        const ci = client({ Endpoint: server.url });
        // The forged answer is adopted and the request sent again: the emulator refuses its
        // key time (RequestTimeTooSkewed, its own time) — a second correction is not made in
        // the same call, so this call fails …
        await assert.rejects(ci.describeDocProcessQueues(), (e) => isCi('ServiceError')(e) && e.serviceCode === 'RequestTimeTooSkewed');
        assert.ok(ci.systemClockOffset < -300 * 24 * 3600 * 1000, `${ci.systemClockOffset}`);
        // … and the next call corrects the clock from the service's answer and succeeds.
        const out = await ci.describeDocProcessQueues();
        assert.equal(out.$metadata.attempts, 2);
        assert.ok(Math.abs(ci.systemClockOffset) < 5000, `${ci.systemClockOffset}`);
      } finally {
        await server.close();
      }
    });
  });

  describe('3. only CiError escapes', () => {
    const raw = (fn) => ({ name: 'raw', send: fn });
    test('a transport rejecting with a plain Error: NetworkError, retried; AmbiguousOutcome for a create', async () => {
      const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
      let calls = 0;
      const ci = client({ transport: raw(async () => { calls++; throw reset; }) });
      await assert.rejects(ci.describeDocProcessQueues(), (e) => isCi('NetworkError')(e) && e.cause === reset && e.attempts === 3);
      assert.equal(calls, 3);
      calls = 0;
      const job = { Input: { Object: 'a.docx' }, Operation: { Output: { ...cfg, Object: 'o/${Number}.jpg' } } };
      await assert.rejects(ci.createDocProcessJobs(job), (e) => isCi('AmbiguousOutcome')(e) && e.cause.code === 'NetworkError');
      assert.equal(calls, 1);
      // Thrown synchronously, or a non-Error value.
      await assert.rejects(client({ transport: raw(() => { throw 'boom'; }) }).describeAiProcessQueues(), isCi('NetworkError'));
      await assert.rejects(client({ transport: raw(() => Promise.reject(null)) }).describeAiProcessQueues(), isCi('NetworkError'));
    });

    test('throwing getters and proxies anywhere the package reads the caller’s objects', async () => {
      const boom = { get() { throw new Error('getter'); } };
      const throwing = (o, key) => Object.defineProperty({ ...o }, key, { ...boom, enumerable: true });
      const trap = new Proxy({}, { ownKeys() { throw new Error('trap'); }, get() { throw new Error('trap'); } });
      const base = { Bucket: BUCKET, Region: REGION, transport: fetchTransport(), ...KEYS };
      assert.throws(() => new CiClient(throwing(base, 'Bucket')), isCi('InvalidArgument', 'options'));
      assert.throws(() => new CiClient(trap), isCi('InvalidArgument', 'options'));
      assert.throws(() => new CiClient({ ...base, transport: throwing(fetchTransport(), 'name') }), isCi('InvalidArgument', 'options'));
      assert.throws(() => getAuthorization(throwing(KEYS, 'Method')), isCi('InvalidArgument', 'options'));
      assert.throws(() => getAuthorization({ ...KEYS, Query: trap }), isCi('InvalidArgument'));
      assert.throws(() => buildDescribeDocProcessJobs(cfg, throwing({ QueueId: 'q' }, 'NextToken'), signing), isCi('InvalidArgument', 'params'));
      assert.throws(() => buildDescribeDocProcessJobs(cfg, { QueueId: 'q' }, throwing(signing, 'KeyTime')), isCi('InvalidArgument', 'signing'));
      assert.throws(() => parseDescribeDocProcessQueues(throwing({ statusCode: 200 }, 'headers')), isCi('InvalidResponse', 'response'));
      assert.throws(() => parseDescribeDocProcessQueues(throwing({ headers: {} }, 'statusCode')), isCi('InvalidResponse', 'response'));
      assert.throws(() => parseDescribeDocProcessQueues(trap), isCi('InvalidResponse'));
      const ci = client();
      await assert.rejects(ci.describeDocProcessQueues(throwing({}, 'State')), isCi('InvalidArgument', 'params'));
      await assert.rejects(ci.describeDocProcessQueues({}, throwing({}, 'timeout')), isCi('InvalidArgument', 'options'));
      await assert.rejects(ci.describeDocProcessQueues(trap), isCi('InvalidArgument'));
      await assert.rejects(ci.paginateDescribeDocProcessJobs(throwing({ QueueId: 'q' }, 'NextToken')).next(), isCi('InvalidArgument', 'params'));
      await assert.rejects(ci.paginateDescribeDocProcessJobs('abc').next(), isCi('InvalidArgument', 'params'));
      await assert.rejects(ci.waitForDocProcessJob('j', throwing({}, 'interval')), isCi('InvalidArgument', 'options'));
      // Transport answers that throw when read: InvalidResponse (a create that may have run: AmbiguousOutcome).
      const answering = (answer) => client({ transport: { name: 'odd', send: async () => answer() } });
      await assert.rejects(answering(() => throwing({ statusCode: 200, body: '<Response/>' }, 'headers')).describeDocProcessQueues(), isCi('InvalidResponse'));
      const unprintable = { toString() { throw new Error('no text'); } };
      await assert.rejects(answering(() => ({ statusCode: 200, headers: { a: unprintable }, body: '' })).describeDocProcessQueues(), isCi('InvalidResponse'));
      // (A Proxy that traps every read already fails as the transport's promise resolves: a NetworkError.)
      await assert.rejects(answering(() => trap).describeDocProcessQueues(), isCi('NetworkError'));
      const job = { Input: { Object: 'a.docx' }, Operation: { Output: { ...cfg, Object: 'o/${Number}.jpg' } } };
      await assert.rejects(answering(() => throwing({ statusCode: 200 }, 'body')).createDocProcessJobs(job), isCi('AmbiguousOutcome'));
      // getCredentials and getAuthorization that throw non-Errors.
      await assert.rejects(client({ SecretId: undefined, SecretKey: undefined, getCredentials: () => { throw undefined; } }).describeDocProcessQueues(), isCi('CredentialsError'));
      await assert.rejects(client({ SecretId: undefined, SecretKey: undefined, getAuthorization: () => { throw trap; } }).describeDocProcessQueues(), isCi('CredentialsError'));
    });
  });

  describe('4. header values fetch refuses are refused before sending', () => {
    const BAD_TOKENS = ['tok€n', 'tok\u2028en', 'tok\u00e9n', ' token', 'token ', 'tok\x7fen'];
    test('a static SecurityToken: refused by the constructor, naming it', () => {
      for (const t of BAD_TOKENS) assert.throws(() => client({ SecurityToken: t }), isCi('InvalidArgument', 'SecurityToken'), JSON.stringify(t));
    });

    test('from getCredentials: CredentialsError, nothing sent, not cached', async () => {
      for (const t of BAD_TOKENS) {
        let asked = 0;
        const { sent, transport } = counting(fetchTransport());
        const ci = client({ SecretId: undefined, SecretKey: undefined, transport, getCredentials: async () => (asked++, { TmpSecretId: 'AKIDTMPEXAMPLE', TmpSecretKey: 'k', SecurityToken: t, ExpiredTime: Math.floor(Date.now() / 1000) + 3600 }) });
        await assert.rejects(ci.describeDocProcessQueues(), isCi('CredentialsError', 'SecurityToken'));
        await assert.rejects(ci.describeDocProcessQueues(), isCi('CredentialsError', 'SecurityToken'));
        assert.equal(asked, 2, 'asked again: unusable keys are not cached');
        assert.equal(sent.length, 0);
      }
    });

    test('from getAuthorization (token or Authorization): CredentialsError, nothing sent', async () => {
      const good = 'q-sign-algorithm=sha1&q-ak=a&q-sign-time=1;2&q-key-time=1;2&q-header-list=&q-url-param-list=&q-signature=x';
      for (const answer of [...BAD_TOKENS.map((t) => ({ Authorization: good, SecurityToken: t })), good.replace('q-ak=a', 'q-ak=€'), good + '\u2028']) {
        const { sent, transport } = counting(fetchTransport());
        const ci = client({ SecretId: undefined, SecretKey: undefined, transport, getAuthorization: async () => answer });
        await assert.rejects(ci.describeDocProcessQueues(), isCi('CredentialsError'));
        assert.equal(sent.length, 0);
      }
    });

    test('fetchTransport refuses an unsendable header itself: requestSent false, fetch never called', async () => {
      let called = 0;
      const t = fetchTransport(async () => { called++; throw new Error('no'); });
      await assert.rejects(t.send({ Method: 'GET', Url: 'http://127.0.0.1:1/x', Headers: { 'x-a': 'é€' } }), (e) => isCi('InvalidArgument', 'Headers')(e) && e.requestSent === false);
      assert.equal(called, 0);
    });
  });

  describe('5. the signed host is exactly what goes on the wire', () => {
    test('endpoint forms that URL parsers rewrite are refused', () => {
      for (const endpoint of ['http://[::1]:9000', 'http://127.1:9000', 'http://0x7f.0.0.1:9000', 'http://2130706433', 'http://127.000.0.1:9000', 'http://ci.example.com.:80', 'http://ＣＩ.example.com', 'http://c%69.example.com']) {
        assert.throws(() => buildDescribeDocProcessJobs({ ...cfg, Endpoint: endpoint }, { QueueId: 'q' }, signing), isCi('InvalidArgument', 'Endpoint'), endpoint);
      }
    });

    test('a token with surrounding spaces is refused by the builders too', () => {
      for (const t of [' tok', 'tok ', 'tok\t']) {
        assert.throws(() => buildDescribeDocProcessJobs(cfg, { QueueId: 'q' }, { ...signing, SecurityToken: t }), isCi('InvalidArgument', 'SecurityToken'));
      }
    });
  });

  describe('6. the XML reader enforces well-formedness', () => {
    const ok200 = (body) => ({ statusCode: 200, headers: {}, body });
    test('the documents of the report, and a capped message', () => {
      for (const body of [
        '<Response><TotalCount a="<">5</TotalCount></Response>',
        '<Response><RequestId>a ]]> b</RequestId></Response>',
        '<Response a="&undefined;"/>',
        '<Response><TotalCount\u00A0>5</TotalCount\u00A0></Response>',
      ]) {
        assert.throws(() => parseDescribeDocProcessQueues(ok200(body)), isCi('InvalidXml'), body);
      }
      const tag = 'T'.repeat(1e6);
      const e = (() => {
        try {
          parseDescribeDocProcessQueues(ok200(`<Response><${tag}>1</${tag}x></Response>`));
        } catch (err) {
          return err;
        }
      })();
      assert.ok(isCi('InvalidXml')(e));
      assert.ok(e.message.length < 1000, `message of ${e.message.length} characters`);
    });

    test('invalid UTF-8 on the wire is InvalidXml, not U+FFFD (fetch, cos.request)', async () => {
      const bytes = Buffer.from([0x3c, 0x52, 0x65, 0x73, 0x70, 0x6f, 0x6e, 0x73, 0x65, 0x3e, 0xff, 0xfe, 0xc3, 0x28, 0x3c, 0x2f, 0x52, 0x65, 0x73, 0x70, 0x6f, 0x6e, 0x73, 0x65, 0x3e]);
      const server = await hostile(emu.url, () => ({ status: 200, body: bytes }));
      try {
        await assert.rejects(client({ Endpoint: server.url, retry: { maxAttempts: 1 } }).describeDocProcessQueues(), isCi('InvalidXml'));
        const CosNode = require('cos-nodejs-sdk-v5');
        const viaCos = new CiClient({ Bucket: BUCKET, Region: REGION, Endpoint: server.url, transport: cosRequestTransport(new CosNode({ ...KEYS })) });
        await assert.rejects(viaCos.describeDocProcessQueues(), isCi('InvalidXml'));
      } finally {
        await server.close();
      }
    });
  });

  describe('7. the callback-URL filter sees hosts as URL parsers do', () => {
    test('loopback, private and link-local hosts in every spelling are refused', () => {
      const hosts = [
        '１２７．０．０．１', '%31%32%37.0.0.1', 'ⓛⓞⓒⓐⓛⓗⓞⓢⓣ', '127.1', '0x7f000001', '2130706433', '017700000001', '0177.0.0.1', '127.0.0.01',
        '10.0.0.1', '0xa.0.0.1', '192.168.1.1', '192.168.257', '172.16.0.1', '169.254.169.254', '0251.0376.0251.0376', '0.0.0.0', '0',
        'localhost', 'LOCALHOST', 'localhost.', 'a.localhost', '[::1]', '[::ffff:127.0.0.1]', '[::ffff:7f00:1]', '[fe80::1]', '[fc00::1]', '[::]',
        'user@10.0.0.1', 'ex%61mple.com', 'éxample.com',
      ];
      for (const host of hosts) {
        const Url = `http://${host}/cb`;
        assert.throws(
          () => buildUpdateDocProcessQueue(cfg, { QueueId: 'p1', Name: 'q', State: 'Active', NotifyConfig: { State: 'On', Type: 'Url', Url, Event: 'TaskFinish' } }, signing),
          isCi('InvalidArgument', 'NotifyConfig.Url'),
          Url,
        );
      }
      // Public hosts still pass.
      for (const Url of ['https://cb.example.com/ci', 'http://8.8.8.8/x', 'https://a-b.example.com:8443/p?q=1']) {
        buildUpdateDocProcessQueue(cfg, { QueueId: 'p1', Name: 'q', State: 'Active', NotifyConfig: { State: 'On', Type: 'Url', Url, Event: 'TaskFinish' } }, signing);
      }
    });
  });

  describe('8. no SDK timer outlives its call', () => {
    test('a getCredentials that never settles, under a short call timeout', async () => {
      const ci = client({ SecretId: undefined, SecretKey: undefined, getCredentials: () => new Promise(() => {}) });
      const t0 = Date.now();
      await assert.rejects(ci.describeDocProcessQueues({}, { timeout: 100 }), isCi('TimeoutError'));
      assert.ok(Date.now() - t0 < 1000);
      // afterEach: no timer left running (the 30 s refresh deadline is cleared with its last waiter).
    });
  });

  describe('9. errors of the right kind and field', () => {
    test('unusable STS keys: CredentialsError, never cached', async () => {
      for (const [keys, field] of [
        [{ TmpSecretId: 'AKID TMP', TmpSecretKey: 'k', SecurityToken: 't' }, 'TmpSecretId'],
        [{ TmpSecretId: 'AKIDTMP', TmpSecretKey: 'k', SecurityToken: 't\nx' }, 'SecurityToken'],
        [{ TmpSecretId: 'AKIDTMP', TmpSecretKey: 'k', SecurityToken: 't\uD800' }, 'SecurityToken'],
        [{ TmpSecretId: 'AKIDTMP', TmpSecretKey: 'k\uDC00', SecurityToken: 't' }, 'TmpSecretKey'],
      ]) {
        let asked = 0;
        const ci = client({ SecretId: undefined, SecretKey: undefined, getCredentials: async () => (asked++, { ...keys, ExpiredTime: Math.floor(Date.now() / 1000) + 3600 }) });
        await assert.rejects(ci.describeDocProcessQueues(), isCi('CredentialsError', field));
        await assert.rejects(ci.describeDocProcessQueues(), isCi('CredentialsError', field));
        assert.equal(asked, 2);
      }
    });

    test('a lone surrogate in a parameter names the field', async () => {
      assert.throws(() => buildDescribeDocProcessJobs(cfg, { QueueId: 'q', NextToken: '\uD800' }, signing), isCi('InvalidArgument', 'NextToken'));
      await assert.rejects(client().describeDocProcessJob({ JobId: '\uD800' }), isCi('InvalidArgument', 'JobId'));
      await assert.rejects(client().createDocProcessJobs({ Input: { Object: 'a\uDC00.docx' }, Operation: { Output: { ...cfg, Object: 'o' } } }), isCi('InvalidArgument', 'Input.Object'));
    });

    test('keys that had expired when getCredentials returned them: CredentialsError, the clock untouched', async () => {
      const issued = JSON.parse(await emu.control('sts?seconds=600'));
      const ci = client({ SecretId: undefined, SecretKey: undefined, getCredentials: async () => ({ ...issued, ExpiredTime: Math.floor(Date.now() / 1000) - 63 }) });
      await assert.rejects(ci.describeDocProcessQueues(), isCi('CredentialsError', 'ExpiredTime'));
      assert.equal(ci.systemClockOffset, 0);
    });
  });

  describe('10. wrong answers are errors', () => {
    test('waitForDocProcessJob: an answer about another job is InvalidResponse, never that job', async () => {
      const made = await client().createDocProcessJobs({ Input: { Object: 'hostile/a.docx' }, Operation: { Output: { ...cfg, Object: 'o/${Number}.jpg' } } });
      const id = made.JobsDetail[0].JobId;
      const other = 'd' + '0'.repeat(32);
      // A transport that hands back the service's answer about another job.
      const rewriting = {
        name: 'rewriting',
        send: async (req, o) => {
          const answer = await fetchTransport().send(req, o);
          return { ...answer, body: answer.body.split(id).join(other) };
        },
      };
      await assert.rejects(client({ transport: rewriting }).waitForDocProcessJob(id, { interval: 10, timeout: 5000 }), isCi('InvalidResponse', 'JobsDetail'));
    });

    test('a create answered 200 with no job: AmbiguousOutcome (InvalidResponse), and the parser refuses it', async () => {
      assert.throws(() => parseCreateDocProcessJobs({ statusCode: 200, headers: {}, body: '<Response><RequestId>r</RequestId></Response>' }), isCi('InvalidResponse', 'JobsDetail'));
      const server = await hostile(emu.url, () => ({ status: 200, body: '<Response/>' }));
      try {
        const e = await client({ Endpoint: server.url }).createDocProcessJobs({ Input: { Object: 'a.docx' }, Operation: { Output: { ...cfg, Object: 'o/${Number}.jpg' } } }).then(() => assert.fail('resolved'), (x) => x);
        assert.ok(isCi('AmbiguousOutcome')(e) && e.cause.code === 'InvalidResponse', e.message);
      } finally {
        await server.close();
      }
    });

    test('a redirect is a NetworkError in every transport and in the parsers', async () => {
      const server = await hostile(emu.url, () => ({ status: 307, headers: { location: 'http://127.0.0.1:1/elsewhere' }, body: '' }));
      try {
        for (const transport of [fetchTransport(), wxRequestTransport(makeWx())]) {
          await assert.rejects(client({ Endpoint: server.url, transport }).describeDocProcessQueues(), (e) => isCi('NetworkError')(e) && e.statusCode === 307 && e.attempts === 3);
          const e = await client({ Endpoint: server.url, transport }).createDocProcessJobs({ Input: { Object: 'a.docx' }, Operation: { Output: { ...cfg, Object: 'o/${Number}.jpg' } } }).then(() => assert.fail('resolved'), (x) => x);
          assert.ok(isCi('AmbiguousOutcome')(e) && e.cause.code === 'NetworkError', e.message);
        }
        assert.throws(() => parseDescribeDocProcessJob({ statusCode: 302, headers: {}, body: '' }), (e) => isCi('NetworkError')(e) && e.statusCode === 302);
        // A null statusCode beside a status: the status is what the parser reads (found in review).
        assert.throws(() => parseDescribeDocProcessJob({ statusCode: null, status: 302, headers: {}, body: '' }), (e) => isCi('NetworkError')(e) && e.statusCode === 302);
      } finally {
        await server.close();
      }
    });
  });

  describe('11. cosRequestTransport: a refused connection is never ambiguous', () => {
    test('cos-nodejs-sdk-v5 with the server down: NetworkError requestSent false, not AmbiguousOutcome', async () => {
      const CosNode = require('cos-nodejs-sdk-v5');
      const ci = new CiClient({ Bucket: BUCKET, Region: REGION, Endpoint: 'http://127.0.0.1:1', transport: cosRequestTransport(new CosNode({ ...KEYS })) });
      const e = await ci.createDocProcessJobs({ Input: { Object: 'a.docx' }, Operation: { Output: { ...cfg, Object: 'o/${Number}.jpg' } } }).then(() => assert.fail('resolved'), (x) => x);
      assert.ok(isCi('NetworkError')(e), e.message);
      assert.equal(e.requestSent, false);
      assert.match(e.message, /ECONNREFUSED/);
      assert.match(e.message, /POST http:\/\/127\.0\.0\.1:1\/doc_jobs/);
    });
  });

  describe('12. the emulator refuses a token it never issued', () => {
    test('permanent keys with a made-up token: 403', async () => {
      await assert.rejects(client({ SecurityToken: 'tokenEXAMPLE-not-issued' }).describeDocProcessQueues(), (e) => isCi('ServiceError')(e) && e.statusCode === 403);
    });
  });
}
