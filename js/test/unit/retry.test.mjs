// The retry rules (js/src/retry.js) and the fetch transport's bounded read, without the
// package or a server: the backoff stays within its bounds, which failures are retried for
// idempotent operations and which end CreateDocProcessJobs as AmbiguousOutcome, and a body
// past 4 MiB is refused without being read in full.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RETRY, afterFailure, ambiguousOutcome, backoffDelay, retryAfterMs, retryPolicy } from '../../src/retry.js';
import { fetchTransport } from '../../src/transports.js';
import { MAX_RESPONSE_BYTES } from '../../src/core.js';
import { CiError } from '../../src/errors.js';

test('backoff: full jitter under a capped exponential, at least Retry-After, never past maxDelay', () => {
  const p = { maxAttempts: 5, baseDelay: 100, maxDelay: 1000 };
  for (const [attempt, ceiling] of [[1, 100], [2, 200], [3, 400], [4, 800], [5, 1000], [9, 1000]]) {
    assert.equal(backoffDelay(attempt, p, () => 0), 0);
    assert.equal(backoffDelay(attempt, p, () => 0.999999), ceiling - 1);
    for (let i = 0; i < 200; i++) {
      const d = backoffDelay(attempt, p);
      assert.ok(d >= 0 && d < ceiling, `${attempt}: ${d}`);
    }
  }
  assert.equal(backoffDelay(1, p, () => 0, 700), 700, 'Retry-After is honoured');
  assert.equal(backoffDelay(1, p, () => 0, 60000), 1000, 'but capped');
  assert.equal(retryAfterMs({ 'retry-after': '3' }, 0), 3000);
  assert.equal(retryAfterMs({ 'retry-after': new Date(10000).toUTCString() }, 4000), 6000);
  assert.equal(retryAfterMs({ 'retry-after': 'soon' }, 0), 0);
  assert.equal(retryAfterMs({}, 0), 0);
});

test('policy: defaults, overrides, and each bad value named', () => {
  assert.deepEqual(retryPolicy(undefined, DEFAULT_RETRY, 'retry'), { maxAttempts: 3, baseDelay: 100, maxDelay: 5000 });
  assert.deepEqual(retryPolicy({ maxAttempts: 1 }, DEFAULT_RETRY, 'retry'), { maxAttempts: 1, baseDelay: 100, maxDelay: 5000 });
  for (const [value, field] of [
    [null, 'retry'], [[], 'retry'], [{ maxAttempts: 0 }, 'retry.maxAttempts'], [{ maxAttempts: 2.5 }, 'retry.maxAttempts'],
    [{ baseDelay: NaN }, 'retry.baseDelay'], [{ maxDelay: 1e9 }, 'retry.maxDelay'], [{ baseDelay: 10, maxDelay: 5 }, 'retry.maxDelay'],
    [{ tries: 2 }, 'retry.tries'],
  ]) {
    assert.throws(() => retryPolicy(value, DEFAULT_RETRY, 'retry'), (e) => e.code === 'InvalidArgument' && e.field === field);
  }
});

test('what is retried, and what ends CreateDocProcessJobs as ambiguous', () => {
  const err = (code, extra = {}) => new CiError(code, code, extra);
  const attemptTimeout = err('TimeoutError');
  Object.defineProperty(attemptTimeout, 'attempt', { value: true });
  const cases = [
    // [error, idempotent verdict, create verdict (sent)]
    [err('ServiceError', { statusCode: 503 }), 'retry', 'ambiguous'],
    [err('ServiceError', { statusCode: 500 }), 'retry', 'ambiguous'],
    [err('ServiceError', { statusCode: 429 }), 'retry', 'ambiguous'],
    [err('ServiceError', { statusCode: 403 }), 'fail', 'fail'],
    [err('ServiceError', { statusCode: 404 }), 'fail', 'fail'],
    [err('ServiceError', { statusCode: 200 }), 'fail', 'fail'],
    [err('NetworkError'), 'retry', 'ambiguous'],
    [err('NetworkError', { requestSent: false }), 'retry', 'retry'],
    [attemptTimeout, 'retry', 'ambiguous'],
    [err('TimeoutError'), 'fail', 'ambiguous'],
    [err('AbortError'), 'fail', 'ambiguous'],
    [err('InvalidXml'), 'retry', 'ambiguous'],
    [err('InvalidResponse'), 'fail', 'ambiguous'],
    [err('LimitExceeded'), 'fail', 'ambiguous'],
    [err('InvalidArgument'), 'fail', 'fail'],
    [err('CredentialsError'), 'fail', 'fail'],
    [new Error('a transport bug'), 'fail', 'fail'],
  ];
  for (const [e, idem, create] of cases) {
    assert.equal(afterFailure(e, { idempotent: true, sent: true }), idem, `${e.code} ${e.statusCode} (idempotent)`);
    assert.equal(afterFailure(e, { idempotent: false, sent: true }), create, `${e.code} ${e.statusCode} (create)`);
    assert.equal(afterFailure(e, { idempotent: false, sent: false }), 'fail', 'not sent: never ambiguous');
  }
});

test('AmbiguousOutcome says how to check, with ready parameters', () => {
  const cause = new CiError('ServiceError', 'ServiceUnavailable: busy', { statusCode: 503, requestId: 'r1' });
  const at = Date.UTC(2026, 10, 21, 8, 0, 30);
  const e = ambiguousOutcome(cause, { QueueId: 'p1', Input: { Object: 'a.docx' } }, at);
  assert.equal(e.code, 'AmbiguousOutcome');
  assert.equal(e.cause, cause);
  assert.equal(e.statusCode, 503);
  assert.equal(e.requestId, 'r1');
  assert.deepEqual(e.checkWith, { Tag: 'DocProcess', OrderByTime: 'Desc', Size: 100, StartCreationTime: '2026-11-21T07:59:30+0000', QueueId: 'p1' });
  assert.match(e.message, /every page .*paginateDescribeDocProcessJobs\(error\.checkWith\)/);
  assert.match(e.message, /"a\.docx"/);
  const noQueue = ambiguousOutcome(cause, { Input: { Object: 'b' } }, at);
  assert.equal(noQueue.checkWith.QueueId, undefined);
  assert.match(noQueue.message, /describeDocProcessQueues/);
});

test('fetch: a body past 4 MiB is refused (announced or streamed); an error answer is cut, not refused', async () => {
  const big = 'x'.repeat(MAX_RESPONSE_BYTES + 1);
  const request = { Method: 'GET', Url: 'https://b-1250000000.ci.ap-guangzhou.myqcloud.com/docqueue', Query: {}, Headers: {} };
  const send = (response) => fetchTransport(async () => response).send(request, {});
  await assert.rejects(send(new Response(big, { status: 200, headers: { 'content-length': String(big.length), 'x-ci-request-id': 'r9' } })), (e) =>
    e.code === 'LimitExceeded' && e.statusCode === 200 && e.requestId === 'r9');
  // Streamed without a length: reading stops at the bound, long before the stream ends.
  let pulled = 0;
  const endless = new ReadableStream({
    pull(c) {
      pulled++;
      c.enqueue(new Uint8Array(64 * 1024).fill(0x61));
    },
  });
  await assert.rejects(send(new Response(endless, { status: 200 })), (e) => e.code === 'LimitExceeded');
  assert.ok(pulled <= MAX_RESPONSE_BYTES / (64 * 1024) + 3, `${pulled} chunks pulled`);
  const proxyError = await send(new Response(big, { status: 502 }));
  assert.equal(proxyError.statusCode, 502);
  assert.equal(proxyError.body.length, 64 * 1024);
  const fine = await send(new Response('<Response/>', { status: 200 }));
  assert.equal(fine.body, '<Response/>');
  // A character split across chunks decodes whole.
  const bytes = new TextEncoder().encode('<R>' + '中文'.repeat(5) + '</R>');
  const split = new ReadableStream({
    start(c) {
      for (let i = 0; i < bytes.length; i += 2) c.enqueue(bytes.subarray(i, i + 2)); // every 3-byte char is cut
      c.close();
    },
  });
  assert.equal((await send(new Response(split, { status: 200 }))).body, '<R>' + '中文'.repeat(5) + '</R>');
});
