// Fault injection against the emulator (real HTTP on 127.0.0.1), through the installed
// package: 500/503 bursts, responses slower than the timeout, a connection closed
// mid-response, a truncated body, a wrong Content-Type and an HTML page, a skewed server
// clock, STS keys expiring mid-run and a failing refresh. Every call ends in a correct result
// or a typed CiError; CreateDocProcessJobs never makes a duplicate job; no unhandled
// rejection; no timer left running. scripts/js-tests.sh runs it once, from the ESM project.
import { describe, test, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { startEmulator, BUCKET, REGION, KEYS } from './helpers/emulator.mjs';

const require = createRequire(import.meta.url);
const { makeWx } = require('./helpers/wx-shim.cjs');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const FAST_RETRY = { maxAttempts: 3, baseDelay: 10, maxDelay: 50 };

/** Wraps a transport, counting what reaches it. */
function spy(transport) {
  const sent = [];
  return { sent, transport: { ...transport, send: (req, o) => (sent.push(req), transport.send(req, o)) } };
}

/** Active timers of this process (node:test's own are counted in the baseline). */
const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

export function run(lib) {
  const { CiClient, CiError, fetchTransport, wxRequestTransport } = lib;
  let emu;
  const unhandled = [];
  const onUnhandled = (e) => unhandled.push(e);
  const base = () => ({ Bucket: BUCKET, Region: REGION, Endpoint: emu.url });
  let baseline;

  before(async () => {
    process.on('unhandledRejection', onUnhandled);
    emu = await startEmulator(['--manual-jobs']);
  });
  after(async () => {
    await emu.stop();
    process.off('unhandledRejection', onUnhandled);
  });
  beforeEach(() => {
    baseline = timers();
  });
  afterEach(async () => {
    await emu.control('faults?failNext=0&status=503&retryAfter=0&delayMs=0&slowNext=0&skew=0&truncateNext=0&closeNext=0&htmlNext=0&contentTypeNext=0');
    await sleep(20); // let settled promises' callbacks run
    assert.deepEqual(unhandled, [], 'no unhandled rejection');
    assert.ok(timers() <= baseline, `no timer left running (${timers()} active, ${baseline} before the test)`);
  });

  const client = (extra = {}) => {
    const s = spy(extra.transport || fetchTransport());
    const ci = new CiClient({ ...base(), ...KEYS, retry: FAST_RETRY, ...extra, transport: s.transport });
    return { ci, sent: s.sent };
  };

  /** A job for a fresh object, and how to find every job made for it. */
  let seq = 0;
  const jobParams = () => {
    const object = `reliability/${Date.now()}-${++seq}.docx`;
    return {
      Input: { Object: object },
      Operation: { Output: { Bucket: BUCKET, Region: REGION, Object: `out/${seq}/\${Number}.jpg` } },
    };
  };
  async function jobsFor(ci, object, checkWith) {
    const found = [];
    const params = checkWith || { Tag: 'DocProcess' };
    const queueId = params.QueueId || (await ci.describeDocProcessQueues()).QueueList[0].QueueId;
    for await (const page of ci.paginateDescribeDocProcessJobs({ ...params, QueueId: queueId, Size: 100 })) {
      found.push(...page.JobsDetail.filter((j) => j.Input && j.Input.Object === object));
    }
    return found;
  }
  const isAmbiguous = (causeCode) => (e) =>
    e instanceof CiError &&
    e.code === 'AmbiguousOutcome' &&
    e.cause instanceof CiError &&
    e.cause.code === causeCode &&
    /may or may not have created the job/.test(e.message) &&
    e.checkWith && e.checkWith.Tag === 'DocProcess' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/.test(e.checkWith.StartCreationTime);

  describe('5xx bursts', () => {
    test('Describe* and Update* are retried with backoff up to maxAttempts, then fail typed', async () => {
      for (const status of [500, 503]) {
        const { ci, sent } = client();
        await emu.control(`faults?failNext=2&status=${status}`);
        const out = await ci.describeDocProcessQueues();
        assert.equal(out.$metadata.attempts, 3);
        assert.equal(sent.length, 3);
        await emu.control(`faults?failNext=3&status=${status}`);
        await assert.rejects(ci.describeAiProcessQueues(), (e) => e.code === 'ServiceError' && e.statusCode === status && e.attempts === 3);
        await emu.control(`faults?failNext=1&status=${status}`);
        const q = out.QueueList[0];
        const upd = await ci.updateDocProcessQueue({ QueueId: q.QueueId, Name: q.Name, State: 'Active', NotifyConfig: { State: 'Off' } });
        assert.equal(upd.$metadata.attempts, 2);
      }
    });

    test('maxAttempts: 1 turns retries off, per client and per call', async () => {
      const { ci, sent } = client({ retry: { maxAttempts: 1 } });
      await emu.control('faults?failNext=1&status=503');
      await assert.rejects(ci.describeAiProcessQueues(), (e) => e.statusCode === 503);
      assert.equal(sent.length, 1);
      const other = client();
      await emu.control('faults?failNext=1&status=503');
      await assert.rejects(other.ci.describeAiProcessQueues({}, { retry: { maxAttempts: 1 } }), (e) => e.statusCode === 503);
      assert.equal(other.sent.length, 1);
    });

    test('4xx answers are not retried', async () => {
      const { ci, sent } = client({ SecretKey: 'wrong' });
      await assert.rejects(ci.describeAiProcessQueues(), (e) => e.statusCode === 403);
      assert.equal(sent.length, 1);
    });

    test('CreateDocProcessJobs after a 503: AmbiguousOutcome, one request, no job made twice', async () => {
      const { ci, sent } = client();
      const params = jobParams();
      await emu.control('faults?failNext=1&status=503');
      const e = await ci.createDocProcessJobs(params).then(() => assert.fail('resolved'), (e) => e);
      assert.ok(isAmbiguous('ServiceError')(e), e.message);
      assert.equal(e.statusCode, 503);
      assert.match(e.message, /paginateDescribeDocProcessJobs/);
      assert.match(e.message, new RegExp(params.Input.Object.replace(/[./]/g, '\\$&')));
      assert.equal(sent.length, 1, 'not retried');
      // The check the error describes: here the 503 came before the job was made.
      assert.equal((await jobsFor(ci, params.Input.Object, e.checkWith)).length, 0);
      const ok = await ci.createDocProcessJobs(params);
      assert.equal((await jobsFor(ci, params.Input.Object)).length, 1);
      assert.equal(ok.JobsDetail[0].Input.Object, params.Input.Object);
    });
  });

  describe('slow responses and timeouts', () => {
    test('an attempt slower than attemptTimeout is retried; the call still ends within its timeout', async () => {
      const { ci, sent } = client({ attemptTimeout: 150 });
      await emu.control('faults?slowNext=1&slowMs=600');
      const out = await ci.describeAiProcessQueues();
      assert.equal(out.$metadata.attempts, 2);
      assert.equal(sent.length, 2);
      await emu.control('faults?slowNext=5&slowMs=3000');
      const t0 = Date.now();
      await assert.rejects(ci.describeAiProcessQueues({}, { timeout: 400 }), (e) => e.code === 'TimeoutError' && !e.attempt && e.attempts >= 1 && e.message === 'DescribeAiProcessQueues: the operation timed out after 400 ms');
      assert.ok(Date.now() - t0 < 2500, 'the overall timeout bounds the retries (each answer would take 3 s)');
      await emu.control('faults?slowNext=0');
      await sleep(3100); // the emulator finishes the slow ones
    });

    test('wx.request: the attempt timeout is handed to wx.request and retried', async () => {
      const { ci } = client({ transport: wxRequestTransport(makeWx()), attemptTimeout: 150 });
      await emu.control('faults?slowNext=1&slowMs=600');
      assert.equal((await ci.describeDocProcessQueues()).$metadata.attempts, 2);
      await sleep(500);
    });

    test('CreateDocProcessJobs past its attempt timeout: AmbiguousOutcome, and exactly one job exists', async () => {
      const { ci, sent } = client({ attemptTimeout: 150 });
      const params = jobParams();
      await emu.control('faults?slowNext=1&slowMs=400');
      await assert.rejects(ci.createDocProcessJobs(params), isAmbiguous('TimeoutError'));
      assert.equal(sent.length, 1);
      await sleep(500);
      assert.equal((await jobsFor(ci, params.Input.Object)).length, 1, 'the slow request made the job, once');
    });

    test('CreateDocProcessJobs past the call timeout or aborted after sending: AmbiguousOutcome', async () => {
      const { ci } = client();
      const p1 = jobParams();
      await emu.control('faults?slowNext=1&slowMs=400');
      await assert.rejects(ci.createDocProcessJobs(p1, { timeout: 150 }), isAmbiguous('TimeoutError'));
      const p2 = jobParams();
      await emu.control('faults?slowNext=1&slowMs=400');
      const ac = new AbortController();
      const base2 = fetchTransport();
      const abortingAfterSend = { ...base2, send: (req, o) => (setTimeout(() => ac.abort(), 50), base2.send(req, o)) };
      const c2 = client({ transport: abortingAfterSend });
      await assert.rejects(c2.ci.createDocProcessJobs(p2, { signal: ac.signal }), isAmbiguous('AbortError'));
      // Aborted before anything was sent: a plain AbortError, nothing made.
      const p3 = jobParams();
      await assert.rejects(ci.createDocProcessJobs(p3, { signal: AbortSignal.abort() }), (e) => e.code === 'AbortError');
      await sleep(500);
      assert.equal((await jobsFor(ci, p1.Input.Object)).length, 1);
      assert.equal((await jobsFor(ci, p2.Input.Object)).length, 1);
      assert.equal((await jobsFor(ci, p3.Input.Object)).length, 0);
    });

    test('an abort during the backoff pause ends the call at once', async () => {
      // Retry-After: 5 makes the pause exactly 5 s (maxDelay), so the abort lands inside it.
      const { ci, sent } = client({ retry: { maxAttempts: 5, baseDelay: 10, maxDelay: 5000 } });
      await emu.control('faults?failNext=5&status=503&retryAfter=5');
      const ac = new AbortController();
      const t0 = Date.now();
      const call = ci.describeAiProcessQueues({}, { signal: ac.signal });
      while (sent.length === 0) await sleep(5);
      await sleep(300); // the 503 has come back; the pause has begun
      ac.abort();
      await assert.rejects(call, (e) => e.code === 'AbortError' && e.attempts === 1);
      assert.ok(Date.now() - t0 < 3000, 'ended inside the 5 s pause');
      assert.equal(sent.length, 1);
      assert.ok(timers() <= baseline, 'the pause timer is cleared at once, not left to fire');
    });

    test('connection refused: retried, and safe for CreateDocProcessJobs (never sent)', async () => {
      const closed = await new Promise((resolve) => {
        const srv = createServer().listen(0, '127.0.0.1', () => {
          const { port } = srv.address();
          srv.close(() => resolve(port));
        });
      });
      const dead = (extra) => client({ ...extra, Endpoint: 'http://127.0.0.1:' + closed });
      const { ci, sent } = dead();
      await assert.rejects(ci.describeAiProcessQueues(), (e) => e.code === 'NetworkError' && e.requestSent === false && e.attempts === 3);
      // The message names the operation and where it went, once: not "fetch failed: fetch failed".
      await assert.rejects(ci.describeAiProcessQueues(), (e) => {
        assert.match(e.message, new RegExp('^DescribeAiProcessQueues: .*127\\.0\\.0\\.1:' + closed + '/ai_queue.*ECONNREFUSED'));
        assert.doesNotMatch(e.message, /failed.*failed/);
        return true;
      });
      assert.equal(sent.length, 6);
      const c = dead();
      await assert.rejects(c.ci.createDocProcessJobs(jobParams()), (e) => e.code === 'NetworkError' && e.requestSent === false);
      assert.equal(c.sent.length, 3, 'a request that never left may be sent again');
    });
  });

  describe('damaged responses', () => {
    for (const [fault, what] of [['closeNext', 'a connection closed mid-response'], ['truncateNext', 'a truncated body']]) {
      test(`${what}: Describe* retried; CreateDocProcessJobs AmbiguousOutcome with one job`, async () => {
        for (const transport of [fetchTransport(), wxRequestTransport(makeWx())]) {
          const { ci, sent } = client({ transport });
          await emu.control(`faults?${fault}=1`);
          const out = await ci.describeDocProcessQueues();
          assert.equal(out.$metadata.attempts, 2);
          assert.equal(sent.length, 2);
          const params = jobParams();
          await emu.control(`faults?${fault}=1`);
          const e = await ci.createDocProcessJobs(params).then(() => assert.fail('resolved'), (e) => e);
          assert.equal(e.code, 'AmbiguousOutcome', e.message);
          assert.ok(['NetworkError', 'InvalidXml'].includes(e.cause.code), e.cause.message);
          const jobs = await jobsFor(ci, params.Input.Object, e.checkWith);
          assert.equal(jobs.length, 1, 'the job was made (the answer was lost), once');
        }
      });
    }

    test('a wrong Content-Type does not matter: the body is what is read', async () => {
      const { ci } = client();
      await emu.control('faults?contentTypeNext=1&contentType=text/plain');
      assert.equal((await ci.describeDocProcessQueues()).$metadata.attempts, 1);
      await emu.control('faults?contentTypeNext=1&contentType=application/json');
      const job = await ci.createDocProcessJobs(jobParams());
      assert.equal(job.$metadata.attempts, 1);
    });

    test('an HTML page with 200 (a captive portal): InvalidXml, retried, never a half-read result', async () => {
      const { ci } = client();
      await emu.control('faults?htmlNext=1');
      assert.equal((await ci.describeDocProcessQueues()).$metadata.attempts, 2);
      await emu.control('faults?htmlNext=3');
      await assert.rejects(ci.describeDocProcessQueues(), (e) => e.code === 'InvalidXml' && /DOCTYPE/.test(e.message) && e.attempts === 3);
      await emu.control('faults?htmlNext=1');
      await assert.rejects(ci.createDocProcessJobs(jobParams()), isAmbiguous('InvalidXml'));
    });
  });

  describe('clock and credentials', () => {
    test('a skewed server clock: corrected once, CreateDocProcessJobs included, one job', async () => {
      const { ci, sent } = client();
      await emu.control('faults?skew=3600');
      const params = jobParams();
      const out = await ci.createDocProcessJobs(params);
      assert.equal(out.$metadata.attempts, 2);
      assert.equal(sent.length, 2);
      assert.ok(Math.abs(ci.systemClockOffset - 3600000) < 5000);
      assert.equal((await jobsFor(ci, params.Input.Object)).length, 1);
    });

    /** getCredentials over the emulator's STS: keys valid for `seconds`; `claim` is what ExpiredTime says. */
    const sts = (seconds, claim) => {
      const calls = [];
      const getCredentials = async () => {
        const keys = JSON.parse(await emu.control('sts?seconds=' + seconds));
        calls.push(keys);
        return claim ? { ...keys, ExpiredTime: claim(keys) } : keys;
      };
      return { calls, getCredentials };
    };

    test('STS keys expiring mid-run are refreshed ahead of ExpiredTime, and reused until then', async () => {
      // Keys that live 30 s but say they expire in 62 s: reused while more than 60 s remain (2 s),
      // then replaced ahead of their expiry — every call succeeds, few refreshes happen.
      const { calls, getCredentials } = sts(30, () => Math.floor(Date.now() / 1000) + 62);
      const { ci } = client({ SecretId: undefined, SecretKey: undefined, getCredentials });
      const t0 = Date.now();
      let n = 0;
      while (Date.now() - t0 < 4500) {
        await ci.describeDocProcessQueues();
        n++;
        await sleep(100);
      }
      assert.ok(n >= 5, `${n} calls`);
      assert.ok(calls.length >= 2 && calls.length <= 4, `${calls.length} refreshes for ${n} calls over 4.5 s`);
    });

    test('keys the service has expired although ExpiredTime says otherwise: dropped, refreshed once, retried', async () => {
      const { calls, getCredentials } = sts(3, () => Math.floor(Date.now() / 1000) + 3600);
      const { ci, sent } = client({ SecretId: undefined, SecretKey: undefined, getCredentials });
      await ci.describeDocProcessQueues();
      await sleep(3100);
      const params = jobParams();
      const out = await ci.createDocProcessJobs(params);
      assert.equal(out.$metadata.attempts, 2);
      assert.equal(calls.length, 2);
      assert.equal(sent.length, 3);
      assert.equal((await jobsFor(ci, params.Input.Object)).length, 1);
      // Refreshed keys that are refused again: the ServiceError, after one refresh only.
      // The same keys on every refresh (an STS proxy that caches them past their expiry).
      const stale = sts(3, () => Math.floor(Date.now() / 1000) + 3600);
      let fixed;
      const c2 = client({ SecretId: undefined, SecretKey: undefined, getCredentials: async () => fixed || (fixed = await stale.getCredentials()) });
      await c2.ci.describeAiProcessQueues();
      await sleep(3100);
      await assert.rejects(c2.ci.describeAiProcessQueues(), (e) => e.code === 'ServiceError' && e.serviceCode === 'ExpiredToken');
      assert.equal(stale.calls.length, 1);
      assert.equal(c2.sent.length, 3, 'one call before expiry; then one refresh and one retry, no more');
    });

    test('a refresh that fails: CredentialsError, nothing sent; one that hangs: bounded, no timer left', async () => {
      let fail = false;
      const { getCredentials } = sts(3);
      const { ci, sent } = client({
        SecretId: undefined, SecretKey: undefined,
        getCredentials: () => (fail ? Promise.reject(new Error('sts is down')) : getCredentials()),
      });
      await ci.describeDocProcessQueues();
      const before = sent.length;
      fail = true;
      await sleep(3100); // the cached keys expire
      await assert.rejects(ci.describeDocProcessQueues(), (e) => e.code === 'CredentialsError' && e.cause.message === 'sts is down');
      assert.equal(sent.length, before, 'nothing sent without keys');
      const hung = client({ SecretId: undefined, SecretKey: undefined, timeout: 150, getCredentials: () => new Promise(() => {}) });
      await assert.rejects(hung.ci.describeDocProcessQueues(), (e) => e.code === 'TimeoutError' || e.code === 'CredentialsError');
      assert.equal(hung.sent.length, 0);
      await sleep(200); // the refresh's own deadline (the client's timeout) fires and is cleared
    });
  });

  describe('many calls under mixed faults', () => {
    test('every call settles with a result or a typed CiError; no job is made twice', async () => {
      const { ci } = client({ attemptTimeout: 300 });
      const made = [];
      const faults = ['failNext=1&status=503', 'closeNext=1', 'truncateNext=1', 'slowNext=1&slowMs=500', 'htmlNext=1', 'failNext=1&status=500'];
      const calls = [];
      // Settled at once, so that a call failing while the loop still runs is never unhandled.
      const settle = (p) => p.then((value) => ({ status: 'fulfilled', value }), (reason) => ({ status: 'rejected', reason }));
      for (let i = 0; i < 30; i++) {
        if (i % 3 === 0) await emu.control('faults?' + faults[(i / 3) % faults.length]);
        if (i % 5 === 4) {
          const params = jobParams();
          made.push(params.Input.Object);
          calls.push(settle(ci.createDocProcessJobs(params)));
        } else {
          calls.push(settle(i % 2 ? ci.describeDocProcessQueues() : ci.describeAiProcessQueues()));
        }
      }
      const results = await Promise.all(calls);
      for (const r of results) {
        if (r.status === 'rejected') assert.ok(r.reason instanceof CiError, String(r.reason));
      }
      await sleep(700);
      for (const object of made) {
        assert.ok((await jobsFor(ci, object)).length <= 1, object + ' made at most once');
      }
    });
  });
}
