// Secrets never leak: SecretKey, TmpSecretKey and SecurityToken appear in no error message,
// String(error), util.inspect (hidden fields and causes included), JSON, descriptor field
// other than the token header, URL, request the transport sees, or console output — across
// bad input, service errors, timeouts, network errors, credential failures and successes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { startEmulator, BUCKET, REGION } from './helpers/emulator.mjs';

const SECRET_KEY = 'skSECRETvalue0123456789abcdef';
const TMP_SECRET_KEY = 'tmpSECRETvalue9876543210fedcba';
const TOKEN = 'tokSECRETvalue-0a1b2c3d4e5f6g7h';
const SECRETS = [SECRET_KEY, TMP_SECRET_KEY, TOKEN];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Every way a value can be shown, causes included. */
function renderings(value) {
  const out = [String(value), inspect(value, { depth: 10, showHidden: true, getters: true })];
  try {
    out.push(JSON.stringify(value));
  } catch {}
  if (value && typeof value === 'object') {
    out.push(JSON.stringify(Object.getOwnPropertyNames(value).map((k) => [k, String(value[k])])));
    if (value.cause) out.push(...renderings(value.cause));
  }
  return out;
}

function assertNoSecret(what, value, secrets = SECRETS) {
  for (const text of renderings(value)) {
    for (const s of secrets) assert.ok(!text.includes(s), `${what} shows a secret (${s.slice(0, 6)}…): ${text.slice(0, 300)}`);
  }
}

export function run(lib) {
  const { CiClient, CiError, fetchTransport, getAuthorization, buildDescribeDocProcessJobs, buildCreateDocProcessJobs } = lib;
  let emu;
  const printed = [];
  const saved = {};
  before(async () => {
    emu = await startEmulator();
    for (const k of ['log', 'info', 'warn', 'error', 'debug', 'trace']) {
      saved[k] = console[k];
      console[k] = (...args) => {
        printed.push(args.map((a) => (typeof a === 'string' ? a : inspect(a, { depth: 10 }))).join(' '));
        saved[k].apply(console, args);
      };
    }
  });
  after(async () => {
    Object.assign(console, saved);
    await emu.stop();
  });

  /** A fetch that records what would go over the wire. */
  const wire = [];
  const recordingFetch = (url, init) => {
    wire.push({ url: String(url), headers: { ...init.headers }, body: init.body });
    return fetch(url, init);
  };
  const base = () => ({ Bucket: BUCKET, Region: REGION, Endpoint: emu.url, retry: { maxAttempts: 2, baseDelay: 1, maxDelay: 5 } });
  const sts = (key) => async () => ({
    TmpSecretId: 'AKIDTMPEXAMPLE', TmpSecretKey: key, SecurityToken: TOKEN,
    ExpiredTime: Math.floor(Date.now() / 1000) + 3600,
  });
  const clients = () => [
    new CiClient({ ...base(), transport: fetchTransport(recordingFetch), SecretId: 'AKIDEXAMPLE', SecretKey: SECRET_KEY, SecurityToken: TOKEN }),
    new CiClient({ ...base(), transport: fetchTransport(recordingFetch), getCredentials: sts(TMP_SECRET_KEY) }),
  ];

  test('errors of every kind show no secret', async () => {
    const errors = [];
    const collect = (p) => p.then(() => assert.fail('resolved'), (e) => errors.push(e));
    for (const ci of clients()) {
      assertNoSecret('the client', ci);
      await collect(ci.describeDocProcessQueues({ State: 'nope' })); // bad input
      await collect(ci.describeDocProcessQueues()); // 403: the emulator does not know these keys
      await emu.control('faults?failNext=2&status=503');
      await collect(ci.describeAiProcessQueues()); // 5xx after retries
      await emu.control('faults?slowNext=1&slowMs=300');
      await collect(ci.describeAiProcessQueues({}, { timeout: 50 })); // timeout
      await emu.control('faults?slowNext=1&slowMs=300');
      const before = errors.length;
      await collect(ci.createDocProcessJobs({ Input: { Object: 'a.docx' }, Operation: { Output: { Bucket: BUCKET, Region: REGION, Object: 'o/${Number}.jpg' } } }, { attemptTimeout: 50 }));
      assert.equal(errors[before].code, 'AmbiguousOutcome', errors[before].message);
      await sleep(300);
    }
    const dead = new CiClient({ ...base(), Endpoint: 'http://127.0.0.1:1', transport: fetchTransport(), SecretId: 'AKIDEXAMPLE', SecretKey: SECRET_KEY });
    await collect(dead.describeAiProcessQueues()); // network error
    // Credentials that fail, each model.
    await collect(new CiClient({ ...base(), transport: fetchTransport(), getCredentials: async () => { throw new Error('sts down'); } }).describeAiProcessQueues());
    await collect(new CiClient({ ...base(), transport: fetchTransport(), getCredentials: async () => ({ TmpSecretId: 'a', TmpSecretKey: TMP_SECRET_KEY }) }).describeAiProcessQueues());
    await collect(new CiClient({ ...base(), transport: fetchTransport(), getCredentials: async () => ({ TmpSecretId: 'a b', TmpSecretKey: TMP_SECRET_KEY, SecurityToken: TOKEN + '\n', ExpiredTime: 4e9 }) }).describeAiProcessQueues());
    await collect(new CiClient({ ...base(), transport: fetchTransport(), getAuthorization: async () => ({ Authorization: 'q-sign-algorithm=sha1&q-ak=a&q-sign-time=1;2&q-key-time=1;2&q-url-param-list=&q-signature=x', SecurityToken: TOKEN + '\r\n' }) }).describeAiProcessQueues());
    for (const f of [
      // Refused by the constructor (static keys are checked as options).
      () => new CiClient({ ...base(), transport: fetchTransport(), SecretId: 'AKIDEXAMPLE', SecretKey: SECRET_KEY, SecurityToken: TOKEN + '\r\nx: y' }),
      () => new CiClient({ ...base(), transport: fetchTransport(), SecretId: '', SecretKey: SECRET_KEY }),
      () => new CiClient({ ...base(), transport: fetchTransport(), SecretId: 'AKIDEXAMPLE', SecretKey: SECRET_KEY, getCredentials: sts(TMP_SECRET_KEY) }),
      () => getAuthorization({ SecretId: 'AKIDEXAMPLE', SecretKey: SECRET_KEY, KeyTime: 'soon' }),
      () => getAuthorization({ SecretId: 'AKID EXAMPLE', SecretKey: SECRET_KEY }),
      () => getAuthorization({ SecretId: 'AKIDEXAMPLE', SecretKey: SECRET_KEY, Headers: { 'x-cos-meta': 'a\nb' } }),
      () => buildDescribeDocProcessJobs({ Bucket: BUCKET, Region: REGION }, { QueueId: 'p1' }, { SecretId: 'AKIDEXAMPLE', SecretKey: SECRET_KEY, SecurityToken: TOKEN + '\0', KeyTime: '1;2' }),
      () => buildDescribeDocProcessJobs({ Bucket: BUCKET, Region: REGION }, { QueueId: 'p1' }, { SecretId: 'AKIDEXAMPLE', SecretKey: SECRET_KEY, KeyTime: '2;1' }),
      () => buildCreateDocProcessJobs({ Bucket: BUCKET, Region: REGION }, { Input: { Object: 'a' }, Operation: { Output: { Bucket: BUCKET, Region: REGION, Object: 'o/${Number}.jpg' }, DocProcess: { DocPassword: SECRET_KEY + '\0' } } }),
    ]) {
      try {
        f();
        assert.fail('did not throw');
      } catch (e) {
        errors.push(e);
      }
    }
    assert.ok(errors.length >= 20, errors.length + ' errors');
    for (const e of errors) {
      assert.ok(e instanceof CiError, String(e));
      assertNoSecret(`CiError ${e.code}`, e);
    }
  });

  test('descriptors and requests carry the token only in its header, and no key at all', async () => {
    const d = buildDescribeDocProcessJobs({ Bucket: BUCKET, Region: REGION }, { QueueId: 'p1' }, {
      SecretId: 'AKIDEXAMPLE', SecretKey: SECRET_KEY, SecurityToken: TOKEN,
    });
    assert.equal(d.Headers['x-ci-security-token'], TOKEN);
    const { 'x-ci-security-token': _token, ...otherHeaders } = d.Headers;
    assertNoSecret('a descriptor without its token header', { ...d, Headers: otherHeaders });
    const auth = getAuthorization({ SecretId: 'AKIDEXAMPLE', SecretKey: SECRET_KEY, Method: 'GET', Key: 'docqueue' });
    assertNoSecret('an Authorization', auth);
    wire.length = 0;
    emu.control('faults?failNext=0');
    const ok = new CiClient({ ...base(), transport: fetchTransport(recordingFetch), getCredentials: async () => JSON.parse(await emu.control('sts?seconds=600')) });
    const out = await ok.describeDocProcessQueues();
    assertNoSecret('an output', out);
    assert.ok(wire.length > 0);
    for (const r of wire) {
      const token = r.headers['x-ci-security-token'];
      assert.ok(token && !r.url.includes(token), 'the token goes in its header, never the URL');
      const { 'x-ci-security-token': _t, ...rest } = r.headers;
      assert.ok(!JSON.stringify(rest).includes(token) && !String(r.body || '').includes(token));
    }
  });

  test('nothing printed to the console holds a secret', () => {
    for (const line of printed) for (const s of SECRETS) assert.ok(!line.includes(s), 'console: ' + line.slice(0, 200));
  });
}
