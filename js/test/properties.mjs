// Property-based tests of the public JS API (fast-check), in the spirit of the cargo-fuzz
// targets but at the level users call: arbitrary parameters, options, responses and
// transport behaviour (answers of any status, header and body; rejections with anything;
// synchronous throws; answers that never come; getters that throw). Properties:
//  - every call settles, only with a result or a CiError — no raw exception, no trap;
//  - the wasm's memory stays bounded;
//  - no timer is left running once a call has settled;
//  - CreateDocProcessJobs is never reported failed when its request may have been
//    processed (it is AmbiguousOutcome then), and is never sent again after that.
// `make test` runs a short run (PROPERTY_RUNS, default 100 per property); a long run is
// recorded in fuzz/README.md (PROPERTY_RUNS=5000).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BUCKET, REGION, KEYS } from './helpers/emulator.mjs';
import { wasmMemoryBytes } from './helpers/wasm-memory.mjs';

const RUNS = Number(process.env.PROPERTY_RUNS || 100);
// A failure prints its seed and path: PROPERTY_SEED=… PROPERTY_PATH=… replays it.
const SEED = process.env.PROPERTY_SEED === undefined ? undefined : Number(process.env.PROPERTY_SEED);
const PATH = process.env.PROPERTY_PATH;
const MB = 1024 * 1024;
const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
const tick = () => new Promise((r) => setImmediate(r));

const OPS = [
  ['DescribeDocProcessQueues', 'describeDocProcessQueues'],
  ['UpdateDocProcessQueue', 'updateDocProcessQueue'],
  ['DescribeAiProcessQueues', 'describeAiProcessQueues'],
  ['UpdateAiProcessQueue', 'updateAiProcessQueue'],
  ['CreateDocProcessJobs', 'createDocProcessJobs'],
  ['DescribeDocProcessJob', 'describeDocProcessJob'],
  ['DescribeDocProcessJobs', 'describeDocProcessJobs'],
];
const Q = 'p4a17eeea29334bf499b7e20e2fbfd99d';
const GOOD_PARAMS = {
  DescribeDocProcessQueues: {},
  UpdateDocProcessQueue: { QueueId: Q, Name: 'q', State: 'Active', NotifyConfig: { State: 'Off' } },
  DescribeAiProcessQueues: {},
  UpdateAiProcessQueue: { QueueId: Q, Name: 'q', State: 'Paused', NotifyConfig: { State: 'Off' } },
  CreateDocProcessJobs: { Input: { Object: 'a.docx' }, Operation: { Output: { Bucket: BUCKET, Region: REGION, Object: 'o/${Number}.jpg' } } },
  DescribeDocProcessJob: { JobId: 'd' + '1'.repeat(32) },
  DescribeDocProcessJobs: { QueueId: Q },
};
const JOB = `<JobsDetail><Code>Success</Code><CreationTime>2022-06-27T15:23:10+0800</CreationTime><EndTime>2022-06-27T15:23:11+0800</EndTime><JobId>d${'1'.repeat(32)}</JobId><QueueId>${Q}</QueueId><State>Success</State><Tag>DocProcess</Tag><Input><Object>a.docx</Object></Input><Operation><Output><Bucket>${BUCKET}</Bucket><Object>o/\${Number}.jpg</Object><Region>${REGION}</Region></Output></Operation></JobsDetail>`;
const QUEUE = `<QueueList><QueueId>${Q}</QueueId><Name>q</Name><State>Active</State></QueueList>`;
/** Plausible success bodies, per operation, for the arbitraries to mutate. */
const GOOD_BODIES = [
  `<Response><RequestId>r</RequestId><TotalCount>1</TotalCount><PageNumber>1</PageNumber><PageSize>10</PageSize>${QUEUE}</Response>`,
  `<Response><RequestId>r</RequestId><Queue><QueueId>${Q}</QueueId><Name>q</Name><State>Active</State></Queue></Response>`,
  `<Response><RequestId>r</RequestId>${JOB}</Response>`,
  '<Response><RequestId>r</RequestId></Response>',
  '<Error><Code>RequestTimeTooSkewed</Code><Message>m</Message><ServerTime>1999999999</ServerTime></Error>',
  '<Error><Code>InternalError</Code><Message>m</Message></Error>',
  '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>',
  '<Error><Code>ExpiredToken</Code></Error>',
];

// --- arbitraries -------------------------------------------------------------------------

/** Strings that matter here: short text, XML-ish text, odd Unicode, and now and then a long one. */
const text = fc.oneof(
  { weight: 6, arbitrary: fc.string({ maxLength: 40, unit: 'binary' }) },
  { weight: 3, arbitrary: fc.constantFrom('', ' ', 'Active', 'Paused', 'DocProcess', 'a.docx', Q, '\uD800', '\uDC00x', '€', '\u2028', '\0', 'x\r\ny', '%', '${Number}') },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 40000 }).map((n) => 'x'.repeat(n)) },
);
/** Values anywhere in parameters: plain data, numbers of every kind, and what JSON cannot carry. */
const value = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    fc.integer(),
    fc.constantFrom(NaN, Infinity, -0, 1.5, 2 ** 53, -1, 0, true, false, null, undefined),
    fc.constantFrom(10n, Symbol('s'), () => 1),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(text, fc.constantFrom('QueueId', 'State', 'Input', 'Object', 'NextToken', '__proto__')), tie('v'), { maxKeys: 5 }),
  ),
})).v;
/** An object whose property `key` throws when read. */
const withThrowingGetter = (o, key) => Object.defineProperty({ ...o }, key, { get() { throw new Error('getter'); }, enumerable: true });
/** Parameters: good ones mutated field by field, arbitrary values, or hostile objects. */
const params = (name) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.dictionary(fc.constantFrom(...Object.keys(GOOD_PARAMS[name]), 'Tag', 'QueueId', 'NextToken', 'Size', 'State', 'Extra'), value, { maxKeys: 4 }).map((d) => ({ ...GOOD_PARAMS[name], ...d })) },
    { weight: 2, arbitrary: fc.constant(GOOD_PARAMS[name]) },
    { weight: 2, arbitrary: value },
    { weight: 1, arbitrary: fc.constantFrom(...Object.keys(GOOD_PARAMS[name]), 'x').map((k) => withThrowingGetter(GOOD_PARAMS[name], k)) },
  );
const status = fc.oneof(fc.constantFrom(200, 204, 301, 307, 400, 403, 404, 409, 429, 500, 502, 503), fc.integer({ min: -1, max: 1000 }), fc.constantFrom(undefined, '200', 200.5, NaN));
const headers = fc.oneof(
  fc.dictionary(fc.constantFrom('date', 'retry-after', 'x-ci-request-id', 'content-type', 'x-other', 'Date'), fc.oneof(text, fc.integer(), fc.constantFrom('Thu, 01 Jan 1970 00:00:00 GMT', '5', '0', 'Fri, 27 Nov 2026 12:00:00 GMT')), { maxKeys: 4 }),
  fc.constantFrom(undefined, null, [], 'x'),
);
/** A body: a good one, a good one cut or damaged, XML-ish noise, or any value. */
const body = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...GOOD_BODIES) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...GOOD_BODIES), fc.nat(), text).map(([b, at, s]) => b.slice(0, at % (b.length + 1)) + s + b.slice(at % (b.length + 1))) },
  { weight: 1, arbitrary: fc.constantFrom(undefined, null, 5, {}, [], '') },
);
const answer = fc.record({ statusCode: status, headers, body }, { requiredKeys: [] });

/**
 * What the fake transport does on one attempt. `processed`: whether a real service could
 * have acted on the request (for CreateDocProcessJobs: a job may exist).
 */
const behaviour = fc.oneof(
  { weight: 5, arbitrary: answer.map((a) => ({ kind: 'answer', answer: a })) },
  { weight: 1, arbitrary: fc.tuple(answer, fc.integer({ min: 1, max: 40 })).map(([a, ms]) => ({ kind: 'late', answer: a, ms })) },
  { weight: 1, arbitrary: fc.constantFrom(new Error('ECONNRESET'), null, undefined, 'text', 42, { code: 'ECONNREFUSED' }).map((e) => ({ kind: 'reject', e })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'refused' }) }, // a CiError NetworkError, requestSent: false
  { weight: 1, arbitrary: fc.constant({ kind: 'throw' }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'hang' }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'getter' }) },
);

/**
 * Whether the service could have processed a request that got this behaviour: anything but
 * a refused connection, a 4xx answer (429 aside), an `<Error>` document in a 2xx answer, or
 * an error whose code says the request was refused before processing (clock, credentials).
 */
function mayHaveProcessed(b) {
  if (b.kind === 'refused') return false;
  if (b.kind !== 'answer' && b.kind !== 'late') return true;
  const s = b.answer.statusCode;
  if (Number.isInteger(s) && s >= 400 && s < 500 && s !== 429) return false;
  const text = typeof b.answer.body === 'string' ? b.answer.body : '';
  // The service's codes for a request refused before any processing (time, credentials), whatever the status.
  if (/<Code>(ExpiredToken|RequestTimeTooSkewed|InvalidAccessKeyId|InvalidToken|TokenExpired|AccessDenied)<\/Code>/.test(text)) return false;
  return !(/^<Error>/.test(text) && Number.isInteger(s) && s >= 200 && s < 300);
}

/** A definite answer from the service: the request was refused, whatever it was. */
const definite = (e) => e.code === 'ServiceError' && e.statusCode < 500 && e.statusCode !== 429;

export function run(lib) {
  const { CiClient, CiError, getAuthorization } = lib;
  const isCiError = (e) => e instanceof CiError && typeof e.code === 'string' && typeof e.message === 'string';
  const cfg = { Bucket: BUCKET, Region: REGION };
  let startMemory;

  before(() => {
    startMemory = wasmMemoryBytes();
  });
  after(() => {
    assert.ok(wasmMemoryBytes() <= 16 * MB, `wasm memory ${wasmMemoryBytes()} B (from ${startMemory} B)`);
  });

  const settle = (fn) => {
    try {
      return { ok: true, value: fn() };
    } catch (e) {
      return { ok: false, e };
    }
  };
  const opts = { numRuns: RUNS, seed: SEED, path: PATH, endOnFailure: true, includeErrorInReport: true };

  test('builders: a descriptor or a CiError, for any parameters, config and signing options', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...OPS).chain(([name]) => fc.tuple(fc.constant(name), params(name))),
        fc.oneof(fc.constant(cfg), fc.dictionary(fc.constantFrom('Bucket', 'Region', 'Endpoint', 'Protocol'), value).map((d) => ({ ...cfg, ...d }))),
        fc.oneof(fc.constant(undefined), fc.constant({ ...KEYS, KeyTime: '1700000000;1700000900' }), fc.dictionary(fc.constantFrom('SecretId', 'SecretKey', 'SecurityToken', 'KeyTime', 'StartTime', 'Expires'), value).map((d) => ({ ...KEYS, ...d }))),
        ([name, p], config, signing) => {
          const r = settle(() => lib['build' + name](config, p, signing));
          if (!r.ok) assert.ok(isCiError(r.e), String(r.e));
          else assert.equal(typeof r.value.Url, 'string');
        },
      ),
      opts,
    );
  });

  test('parsers: a result or a CiError, for any response', () => {
    fc.assert(
      fc.property(fc.constantFrom(...OPS), fc.oneof({ weight: 9, arbitrary: answer }, { weight: 1, arbitrary: value }), ([name], response) => {
        const r = settle(() => lib['parse' + name](response));
        if (!r.ok) assert.ok(isCiError(r.e), String(r.e));
      }),
      opts,
    );
  });

  test('getAuthorization: a string or a CiError, for any options', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.dictionary(fc.constantFrom('SecretId', 'SecretKey', 'Method', 'Key', 'Pathname', 'Query', 'Headers', 'KeyTime', 'StartTime', 'Expires', 'SystemClockOffset', 'Other'), value, { maxKeys: 6 }).map((d) => ({ ...KEYS, ...d })),
          value,
        ),
        (o) => {
          const r = settle(() => getAuthorization(o));
          if (!r.ok) assert.ok(isCiError(r.e), String(r.e));
          else assert.match(r.value, /^q-sign-algorithm=sha1&/);
        },
      ),
      opts,
    );
  });

  test('CiClient over any transport behaviour: settles with a result or a CiError; no timer left; a create that may have run is AmbiguousOutcome', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...OPS).chain(([name, method]) => fc.tuple(fc.constant(name), fc.constant(method), fc.oneof({ weight: 3, arbitrary: fc.constant(GOOD_PARAMS[name]) }, { weight: 1, arbitrary: params(name) }))),
        fc.array(behaviour, { minLength: 1, maxLength: 5 }),
        fc.record({ timeout: fc.integer({ min: 50, max: 300 }), attemptTimeout: fc.constantFrom(undefined, 0, 20, 100) }, { requiredKeys: ['timeout'] }),
        fc.constantFrom('static', 'sts'),
        async ([name, method, p], behaviours, callOptions, credentials) => {
          const baseline = timers();
          const seen = [];
          const transport = {
            name: 'property',
            send(request, { signal } = {}) {
              const b = behaviours[Math.min(seen.length, behaviours.length - 1)];
              seen.push(b);
              switch (b.kind) {
                case 'answer':
                  return Promise.resolve(b.answer);
                case 'late':
                  return new Promise((resolve, reject) => {
                    const t = setTimeout(() => resolve(b.answer), b.ms);
                    if (signal) signal.addEventListener('abort', () => (clearTimeout(t), reject(signal.reason)), { once: true });
                  });
                case 'reject':
                  return Promise.reject(b.e);
                case 'refused':
                  return Promise.reject(new CiError('NetworkError', 'refused', { requestSent: false }));
                case 'throw':
                  throw new TypeError('sync');
                case 'hang':
                  return new Promise(() => {});
                default:
                  return Promise.resolve(withThrowingGetter({ statusCode: 200 }, 'body'));
              }
            },
          };
          const auth =
            credentials === 'static'
              ? { ...KEYS }
              : { getCredentials: async () => ({ TmpSecretId: 'AKIDTMP', TmpSecretKey: 'k', SecurityToken: 'tok', ExpiredTime: Math.floor(Date.now() / 1000) + 3600 }) };
          const ci = new CiClient({ ...cfg, transport, ...auth, retry: { maxAttempts: 3, baseDelay: 1, maxDelay: 5 } });
          let outcome;
          try {
            outcome = { ok: true, value: await ci[method](p, callOptions) };
          } catch (e) {
            outcome = { ok: false, e };
          }
          await tick();
          assert.ok(timers() <= baseline, `a timer outlived the call (${timers()} > ${baseline})`);
          if (!outcome.ok) assert.ok(isCiError(outcome.e), 'not a CiError: ' + String(outcome.e));
          if (name === 'CreateDocProcessJobs') {
            const processed = seen.filter(mayHaveProcessed);
            const trail = () => JSON.stringify(seen.map((b) => b.kind + (b.answer ? ' ' + String(b.answer.statusCode) + ' ' + String(b.answer.body).slice(0, 60) : '')));
            assert.ok(processed.length <= 1, 'never sent again once it may have been processed: ' + trail());
            if (processed.length === 1) {
              assert.equal(processed[0], seen[seen.length - 1], 'the request that may have been processed is the last one sent');
              if (!outcome.ok) assert.ok(outcome.e.code === 'AmbiguousOutcome' || definite(outcome.e), outcome.e.code + ': ' + outcome.e.message);
            }
          }
        },
      ),
      opts,
    );
  });
}
