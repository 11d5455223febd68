// When a failed attempt is tried again, and when it must not be.
//
// Describe* and Update* are idempotent: sending them twice changes nothing that sending
// them once would not. They are retried on 5xx answers, network errors, attempt timeouts
// and damaged (not well-formed) response bodies, with capped exponential backoff and full
// jitter, up to `maxAttempts` attempts in all, within the call's timeout and AbortSignal.
//
// CreateDocProcessJobs is not idempotent: a second POST makes a second job. Once its
// request may have reached the service, a failure without a definite answer (network
// error, timeout, abort, 5xx, an unreadable 2xx body) ends the call with CiError
// `AmbiguousOutcome`, which says how to find out whether the job exists. It is retried
// only when the transport knows the request never left (connection refused), and after
// answers that prove nothing was done (clock skew, expired credentials: refused before
// any processing).

import { CiError, didYouMean, messageOf } from './errors.js';

export const DEFAULT_RETRY = Object.freeze({ maxAttempts: 3, baseDelay: 100, maxDelay: 5000 });
const MAX_ATTEMPTS = 10;
const MAX_DELAY = 60000;

/** Checks and completes a `retry` option (`{ maxAttempts?, baseDelay?, maxDelay? }`). */
export function retryPolicy(value, base, field) {
  if (value === undefined) return base;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new CiError('InvalidArgument', field + ' must be an object { maxAttempts?, baseDelay?, maxDelay? }', { field });
  }
  for (const k of Object.keys(value)) {
    if (!(k in DEFAULT_RETRY) && value[k] !== undefined) {
      const hint = didYouMean(k, Object.keys(DEFAULT_RETRY));
      throw new CiError('InvalidArgument', 'is not a ' + field + ' option' + (hint || ' (maxAttempts, baseDelay, maxDelay)'), {
        field: field + '.' + k,
      });
    }
  }
  const out = { ...base };
  if (value.maxAttempts !== undefined) {
    const n = value.maxAttempts;
    if (!Number.isInteger(n) || n < 1 || n > MAX_ATTEMPTS) {
      throw new CiError('InvalidArgument', field + '.maxAttempts must be a whole number from 1 (no retries) to ' + MAX_ATTEMPTS, {
        field: field + '.maxAttempts',
      });
    }
    out.maxAttempts = n;
  }
  for (const k of ['baseDelay', 'maxDelay']) {
    if (value[k] === undefined) continue;
    const ms = value[k];
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0 || ms > MAX_DELAY) {
      throw new CiError('InvalidArgument', field + '.' + k + ' must be milliseconds from 0 to ' + MAX_DELAY, { field: field + '.' + k });
    }
    out[k] = ms;
  }
  if (out.maxDelay < out.baseDelay) {
    throw new CiError('InvalidArgument', field + '.maxDelay must not be less than baseDelay', { field: field + '.maxDelay' });
  }
  return out;
}

/**
 * The pause before retry number `attempt` (from 1): full jitter over a capped exponential,
 * `random() * min(maxDelay, baseDelay * 2^(attempt-1))`, and never less than a `Retry-After`
 * the service asked for — but never more than maxDelay either.
 */
export function backoffDelay(attempt, policy, random = Math.random, retryAfterMs = 0) {
  const ceiling = Math.min(policy.maxDelay, policy.baseDelay * 2 ** (attempt - 1));
  const jittered = Math.floor(random() * ceiling);
  return Math.min(policy.maxDelay, Math.max(jittered, retryAfterMs || 0));
}

/** `Retry-After` in ms (seconds or an HTTP date), or 0. */
export function retryAfterMs(headers, nowMs) {
  const v = headers && headers['retry-after'];
  if (typeof v !== 'string' || v === '') return 0;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  return Number.isFinite(t) ? Math.max(0, t - nowMs) : 0;
}

/** Errors that say nothing about the request except that no good answer came. */
function isTransient(e) {
  if (!(e instanceof CiError)) return false;
  switch (e.code) {
    case 'NetworkError':
    case 'InvalidXml': // a body cut short or damaged on the way
      return true;
    case 'TimeoutError':
      return e.attempt === true; // one attempt's deadline, not the call's
    case 'ServiceError':
      return e.statusCode >= 500 || e.statusCode === 429;
    default:
      return false;
  }
}

/**
 * What to do after attempt `e` failed: 'retry', 'ambiguous' (CreateDocProcessJobs only) or 'fail'.
 * @param {{ idempotent: boolean, sent: boolean }} how `sent`: the request was handed to the transport
 */
export function afterFailure(e, { idempotent, sent }) {
  if (idempotent) return isTransient(e) ? 'retry' : 'fail';
  if (!sent) return 'fail';
  if (e instanceof CiError && e.code === 'NetworkError' && e.requestSent === false) return 'retry';
  if (isTransient(e)) return 'ambiguous';
  if (e instanceof CiError && (e.code === 'TimeoutError' || e.code === 'AbortError')) return 'ambiguous';
  // A 2xx whose body could not be read in full: the job was most likely created.
  if (e instanceof CiError && (e.code === 'InvalidResponse' || e.code === 'LimitExceeded')) return 'ambiguous';
  return 'fail';
}

/** `%Y-%m-%dT%H:%M:%S+0000` (the API's time format), for a StartCreationTime. */
function ciTime(ms) {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');
}

/**
 * CiError `AmbiguousOutcome` for a CreateDocProcessJobs whose outcome is unknown. `checkWith`
 * holds DescribeDocProcessJobs parameters that list every job the call could have created.
 */
export function ambiguousOutcome(cause, params, sentAtMs) {
  let queueId;
  let object;
  try {
    queueId = params && typeof params.QueueId === 'string' && params.QueueId !== '' ? params.QueueId : undefined;
    object = params && params.Input && typeof params.Input.Object === 'string' ? params.Input.Object : undefined;
  } catch {
    // Parameters that cannot be read again: the advice goes without them.
  }
  const checkWith = { Tag: 'DocProcess', OrderByTime: 'Desc', Size: 100, StartCreationTime: ciTime(sentAtMs - 60000) };
  if (queueId) checkWith.QueueId = queueId;
  const where = queueId
    ? 'paginateDescribeDocProcessJobs(error.checkWith)'
    : "paginateDescribeDocProcessJobs({ ...error.checkWith, QueueId }) with the bucket's doc-preview queue (describeDocProcessQueues)";
  const why = messageOf(cause);
  return new CiError(
    'AmbiguousOutcome',
    'CreateDocProcessJobs may or may not have created the job (' + why + '). It was not retried, so that no ' +
      'duplicate job is made. To find out, go through every page of the jobs created since the call: ' + where +
      (object ? ', and look for Input.Object ' + JSON.stringify(object) : '') + '.',
    {
      cause,
      checkWith,
      statusCode: cause && cause.statusCode,
      requestId: cause && cause.requestId,
    },
  );
}
