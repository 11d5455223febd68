// CiClient: one method per operation, credentials, clock-skew correction, timeouts,
// AbortSignal, safe retries (retry.js), pagination and waiting for jobs — over any transport.

import { CiError, didYouMean, messageOf } from './errors.js';
import { OPERATIONS } from './table.js';
import { credentialsFrom, hostOf } from './credentials.js';
import { asBytes, keyTimeAt } from './core.js';
import { lowerHeaders } from './transports.js';
import { DEFAULT_RETRY, afterFailure, ambiguousOutcome, backoffDelay, retryAfterMs, retryPolicy } from './retry.js';

const DEFAULT_TIMEOUT_MS = 30000;
const TOKEN_HEADER = 'x-ci-security-token';

/** AbortController where the runtime has one; a minimal stand-in where it has not (mini-programs). */
function createAbortController() {
  if (typeof AbortController === 'function') return new AbortController();
  const listeners = [];
  const signal = {
    aborted: false,
    reason: undefined,
    onabort: null,
    addEventListener(type, fn) {
      if (type === 'abort') listeners.push(fn);
    },
    removeEventListener(type, fn) {
      const i = listeners.indexOf(fn);
      if (i >= 0) listeners.splice(i, 1);
    },
  };
  return {
    signal,
    abort(reason) {
      if (signal.aborted) return;
      signal.aborted = true;
      signal.reason = reason;
      if (typeof signal.onabort === 'function') signal.onabort();
      for (const fn of listeners.slice()) fn();
    },
  };
}

function abortErrorFrom(signal) {
  const reason = signal.reason;
  if (reason instanceof CiError) return reason;
  return new CiError('AbortError', 'the operation was aborted', { cause: reason });
}

function checkSignal(signal, field) {
  if (signal === undefined || signal === null) return;
  if (typeof signal !== 'object' || typeof signal.addEventListener !== 'function' || !('aborted' in signal)) {
    throw new CiError('InvalidArgument', field + ' must be an AbortSignal', { field });
  }
}

/** `options` (undefined: `{}`) as an object of only these names; `what` is one of them in errors. */
function knownOptions(options, names, what) {
  const opts = options === undefined ? {} : options;
  if (typeof opts !== 'object' || opts === null) {
    throw new CiError('InvalidArgument', 'options must be an object ({ ' + names.join(', ') + ' })', { field: 'options' });
  }
  for (const k of Object.keys(opts)) {
    if (!names.includes(k) && opts[k] !== undefined) {
      throw new CiError('InvalidArgument', 'is not ' + what + (didYouMean(k, names) || ' (' + names.join(', ') + ')'), { field: 'options.' + k });
    }
  }
  return opts;
}

/** Presigning lifetime: whole seconds from 1 to 7 days. */
function checkExpires(expires, field) {
  if (expires !== undefined && !(Number.isInteger(expires) && expires > 0 && expires <= 7 * 24 * 3600)) {
    throw new CiError('InvalidArgument', 'Expires must be whole seconds from 1 to 604800', { field });
  }
}

function checkTimeout(timeout, field) {
  if (timeout === undefined) return;
  // setTimeout fires at once for more than 2^31-1 ms.
  if (typeof timeout !== 'number' || !(timeout >= 0) || timeout > 2147483647) {
    throw new CiError('InvalidArgument', field + ' must be a number of milliseconds from 0 (none) to 2147483647', { field });
  }
}

/**
 * Runs `work(signal)` under a deadline and the caller's signal: resolves or rejects
 * with what `work` gives, or rejects with CiError('TimeoutError') / ('AbortError') —
 * whichever comes first — and always clears its timer and listener. `attempt` marks the
 * TimeoutError as one attempt's (which a retry may follow), not the call's.
 */
function underDeadline(work, { signal, timeout, attempt }) {
  if (signal && signal.aborted) return Promise.reject(abortErrorFrom(signal));
  const controller = createAbortController();
  let timer;
  let onAbort;
  const stopped = new Promise((_, reject) => {
    onAbort = () => {
      controller.abort(abortErrorFrom(signal));
      reject(abortErrorFrom(signal));
    };
    if (signal) signal.addEventListener('abort', onAbort);
    if (timeout > 0) {
      timer = setTimeout(() => {
        const e = new CiError('TimeoutError', (attempt ? 'the attempt' : 'the operation') + ' timed out after ' + timeout + ' ms');
        if (attempt) Object.defineProperty(e, 'attempt', { value: true });
        controller.abort(e);
        reject(e);
      }, timeout);
    }
  });
  const done = () => {
    if (timer !== undefined) clearTimeout(timer);
    if (signal) signal.removeEventListener('abort', onAbort);
  };
  stopped.catch(() => {});
  return Promise.race([Promise.resolve().then(() => work(controller.signal)), stopped]).then(
    (v) => {
      done();
      return v;
    },
    (e) => {
      done();
      throw e;
    },
  );
}

/** A sleep that ends early (rejecting) when `signal` aborts. */
function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal && signal.aborted) return reject(abortErrorFrom(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortErrorFrom(signal));
    };
    const timer = setTimeout(() => {
      if (signal) signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    if (signal) signal.addEventListener('abort', onAbort);
  });
}

/**
 * Server times a clock correction may adopt: from 2024-01-01 to 2100-01-01 (UTC). Anything
 * else is not the service's clock (a forged or broken answer: `<ServerTime>0</ServerTime>`, a
 * `Date` of 1970) and is ignored, so that no answer can set an offset under which a key
 * time cannot be signed. The window also holds every time the signer can sign.
 */
export const SERVER_TIME_WINDOW = Object.freeze([Date.UTC(2024, 0, 1), Date.UTC(2100, 0, 1)]);

/**
 * The service's clock in ms, from `<ServerTime>` (Unix seconds) or else the `Date` header,
 * the first that parses and lies in SERVER_TIME_WINDOW; undefined if neither does.
 */
export function serverTimeMs(error, headers) {
  const candidates = [error.serverTime, headers && headers.date];
  for (const c of candidates) {
    if (typeof c !== 'string' || c === '' || c.length > 64) continue;
    const n = /^\d+$/.test(c) ? Number(c) * 1000 : Date.parse(c);
    if (n >= SERVER_TIME_WINDOW[0] && n < SERVER_TIME_WINDOW[1]) return n;
  }
  return undefined;
}

/** Whatever a transport rejected with, as a CiError (an unknown failure may have sent the request). */
function transportFailure(e, signal) {
  if (e instanceof CiError) return e;
  if (signal && signal.aborted) return abortErrorFrom(signal);
  return new CiError('NetworkError', 'the transport failed: ' + messageOf(e), { cause: e });
}

/** A paginator's parameters: an object (or nothing), copied once. */
function pageParams(params) {
  if (params !== undefined && params !== null && (typeof params !== 'object' || Array.isArray(params))) {
    throw new CiError('InvalidArgument', 'params must be an object', { field: 'params' });
  }
  return copyParams(params);
}

/** An unexpected failure (a bug, in this package or around it) as a CiError. */
function internalError(e) {
  return new CiError('InternalError', 'cos-ci-wasm internal error: ' + messageOf(e) + ' (please report it)', { cause: e });
}

/** A transport's answer with lower-cased header names; anything unreadable is InvalidResponse. */
/**
 * The page of a successful answer of bytes (DocPreview's), or undefined for an error status
 * (whose body the parser reads as text). A 2xx body that is not bytes is InvalidResponse.
 */
function pageOf(response) {
  if (!response || typeof response !== 'object') return undefined;
  const status = response.statusCode != null ? response.statusCode : response.status;
  if (!(status >= 200 && status < 300)) return undefined;
  const bytes = asBytes(response.body);
  if (bytes === undefined) {
    throw new CiError('InvalidResponse', 'the transport gave ' + (typeof response.body === 'string' ? 'text' : typeof response.body) + ' for an answer of bytes (a custom transport must honour send(request, { binary: true }) with a Uint8Array or ArrayBuffer body)', {
      field: 'body',
      statusCode: status,
    });
  }
  return bytes;
}

function normalizeAnswer(answer) {
  if (!answer || typeof answer !== 'object') return answer;
  try {
    return { ...answer, headers: lowerHeaders(answer.headers) };
  } catch (e) {
    throw new CiError('InvalidResponse', 'the transport gave an answer that could not be read: ' + messageOf(e), { field: 'response', cause: e });
  }
}

/** A shallow copy of call parameters (so that they are read once); a getter that throws is InvalidArgument. */
function copyParams(params) {
  if (params === undefined || params === null || typeof params !== 'object' || Array.isArray(params)) return params;
  try {
    return { ...params };
  } catch (e) {
    throw new CiError('InvalidArgument', 'params could not be read: ' + messageOf(e), { field: 'params', cause: e });
  }
}

function isClockError(e) {
  return (
    e instanceof CiError &&
    e.code === 'ServiceError' &&
    (e.serviceCode === 'RequestTimeTooSkewed' ||
      (e.serviceCode === 'AccessDenied' && /request has expired/i.test(e.serviceMessage || '')))
  );
}

/** The service refused the temporary keys themselves (expired or revoked): new keys may help. */
function isCredentialError(e) {
  return (
    e instanceof CiError &&
    e.code === 'ServiceError' &&
    (['ExpiredToken', 'InvalidAccessKeyId', 'InvalidToken', 'TokenExpired'].includes(e.serviceCode) ||
      (e.serviceCode === 'AccessDenied' && /token/i.test(e.serviceMessage || '')))
  );
}

function requestIdOf(headers, output) {
  return (headers && (headers['x-ci-request-id'] || headers['x-cos-request-id'])) || (output && output.RequestId);
}


/** Reads and checks CiClient options into `client` (the constructor's body). */
function configure(client, options) {
  if (!options || typeof options !== 'object') {
    throw new CiError('InvalidArgument', 'CiClient options must be an object', { field: 'options' });
  }
  const known = [
    'Bucket', 'Region', 'Protocol', 'Endpoint', 'transport', 'SecretId', 'SecretKey', 'SecurityToken',
    'getCredentials', 'getAuthorization', 'timeout', 'attemptTimeout', 'retry', 'SystemClockOffset',
    'CorrectClockSkew', 'Expires',
  ];
  for (const k of Object.keys(options)) {
    if (!known.includes(k) && options[k] !== undefined) {
      throw new CiError('InvalidArgument', 'is not a CiClient option' + didYouMean(k, known), { field: k });
    }
  }
  for (const f of ['Bucket', 'Region']) {
    if (typeof options[f] !== 'string' || options[f] === '') {
      throw new CiError('MissingArgument', f + ' is required', { field: f });
    }
  }
  const given = options.transport;
  if (!given || typeof given !== 'object' || typeof given.send !== 'function') {
    throw new CiError(
      'MissingArgument',
      'transport is required: fetchTransport(), wxRequestTransport(wx) or cosRequestTransport(cos)',
      { field: 'transport' },
    );
  }
  // Read once: a transport's flags cannot change (or throw) in the middle of a call.
  const t = {
    name: String(given.name || 'transport'),
    signsRequests: Boolean(given.signsRequests),
    retriesInternally: Boolean(given.retriesInternally),
    send: given.send.bind(given),
  };
  checkTimeout(options.timeout, 'timeout');
  checkTimeout(options.attemptTimeout, 'attemptTimeout');
  const retry = retryPolicy(options.retry, DEFAULT_RETRY, 'retry');
  if (options.SystemClockOffset !== undefined && !Number.isFinite(options.SystemClockOffset)) {
    throw new CiError('InvalidArgument', 'SystemClockOffset must be a number of milliseconds', {
      field: 'SystemClockOffset',
    });
  }
  checkExpires(options.Expires, 'Expires');
  const credentials = credentialsFrom(options, options.timeout === undefined || options.timeout === 0 ? DEFAULT_TIMEOUT_MS : options.timeout);
  if (t.signsRequests && credentials.kind !== 'none') {
    throw new CiError(
      'InvalidArgument',
      'this transport signs requests itself (' + t.name + '): give the credentials to the SDK instance, not to CiClient',
      { field: 'credentials' },
    );
  }
  if (!t.signsRequests && credentials.kind === 'none') {
    throw new CiError(
      'MissingArgument',
      'credentials are required with this transport: SecretId/SecretKey (servers only), getCredentials (STS) or getAuthorization',
      { field: 'credentials' },
    );
  }
  client.config = { Bucket: options.Bucket, Region: options.Region };
  if (options.Protocol !== undefined) client.config.Protocol = options.Protocol;
  if (options.Endpoint !== undefined) client.config.Endpoint = options.Endpoint;
  Object.defineProperty(client, '_credentials', { value: credentials });
  client.transport = given;
  Object.defineProperty(client, '_transport', { value: t });
  client.timeout = options.timeout === undefined ? DEFAULT_TIMEOUT_MS : options.timeout;
  client.attemptTimeout = options.attemptTimeout || 0;
  // cos.request retries by itself (up to 3 more times, POSTs included): no second layer.
  client.retry = t.retriesInternally ? { ...retry, maxAttempts: 1 } : retry;
  client.systemClockOffset = options.SystemClockOffset || 0;
  client.correctClockSkew = options.CorrectClockSkew !== false;
  client.expires = options.Expires || 900;
}

export function createClientClass(core, ready, isLoaded = () => false) {
  class CiClient {
    /**
     * @param {object} options Bucket, Region, Protocol?, Endpoint?, transport,
     *   SecretId/SecretKey/SecurityToken | getCredentials | getAuthorization,
     *   timeout?, SystemClockOffset?, CorrectClockSkew?, Expires?
     */
    constructor(options) {
      try {
        configure(this, options);
      } catch (e) {
        if (e instanceof CiError) throw e;
        throw new CiError('InvalidArgument', 'CiClient options could not be read: ' + messageOf(e), { field: 'options', cause: e });
      }
      // Bucket, Region, Protocol and Endpoint by the crate's rules, at once when the wasm is
      // there (Node; mini-programs after init; browsers after init): a Bucket without its
      // APPID fails here, not at the first call. Before init in a browser, the first call checks.
      if (isLoaded()) core.buildDescribeDocProcessQueues(this.config, {});
    }

    /** Date.now() corrected by the clock offset learned from the service. */
    now() {
      return Date.now() + this.systemClockOffset;
    }


    /**
     * The request of one attempt: `unsigned` (built once per call) signed now — or as it is
     * for self-signing transports. `used.keys` is set to the temporary keys that signed it
     * (for `invalidate`). Only the signature is computed per attempt: the parameters were
     * read, checked and written once.
     */
    async _descriptor(unsigned, used, signal, tokenHeader = TOKEN_HEADER) {
      const c = this._credentials;
      if (c.kind === 'none') return unsigned;
      if (c.kind === 'authorization') {
        const { authorization, token } = await c.authorize(unsigned, {
          Bucket: this.config.Bucket,
          Region: this.config.Region,
          SystemClockOffset: this.systemClockOffset,
        });
        const headers = { ...unsigned.Headers };
        if (token) headers[tokenHeader] = token;
        headers.Authorization = authorization;
        return { ...unsigned, Headers: headers };
      }
      const now = this.now();
      const keys = await c.keys(now, signal);
      used.keys = keys;
      // What the builder's own signing signs: the descriptor's headers, the token header
      // and the host (js/test/unit/core.test.mjs checks they give the same Authorization).
      const headers = { ...unsigned.Headers };
      if (keys.SecurityToken) headers[tokenHeader] = keys.SecurityToken;
      const authorization = core.getAuthorization({
        SecretId: keys.SecretId,
        SecretKey: keys.SecretKey,
        Method: unsigned.Method,
        Key: unsigned.Key,
        Query: unsigned.Query,
        Headers: { ...headers, Host: hostOf(unsigned.Url) },
        KeyTime: keyTimeAt(now, this.expires, keys.ExpiredTime),
      });
      headers.Authorization = authorization;
      return { ...unsigned, Headers: headers };
    }

    /**
     * One attempt's transport call, under `attemptTimeout` when set. Rejects only with a
     * CiError: anything else a transport throws or rejects with is a NetworkError that may
     * have sent the request.
     */
    _send(request, signal, attemptTimeout, timeout, binary) {
      const send = (s, t) =>
        new Promise((resolve) => resolve(this._transport.send(request, binary ? { signal: s, timeout: t, binary } : { signal: s, timeout: t }))).catch((e) => {
          throw transportFailure(e, s);
        });
      if (!(attemptTimeout > 0)) return send(signal, timeout);
      return underDeadline((s) => send(s, attemptTimeout), { signal, timeout: attemptTimeout, attempt: true });
    }

    /** The call options, checked: `{ signal, timeout, attemptTimeout, policy }`. */
    _callOptions(options) {
      const { signal, timeout, attemptTimeout, retry } = knownOptions(options, ['signal', 'timeout', 'attemptTimeout', 'retry'], 'a call option');
      checkSignal(signal, 'signal');
      checkTimeout(timeout, 'timeout');
      checkTimeout(attemptTimeout, 'attemptTimeout');
      return {
        signal,
        timeout: timeout === undefined ? this.timeout : timeout,
        attemptTimeout: attemptTimeout === undefined ? this.attemptTimeout : attemptTimeout,
        policy: this._transport.retriesInternally ? this.retry : retryPolicy(retry, this.retry, 'retry'),
      };
    }

    async _call(op, callParams, options) {
      const { name, idempotent } = op;
      // DocPreview's answer is the page itself (bytes), and it goes to the COS host.
      const binary = op.answer === 'bytes';
      const tokenHeader = 'x-' + op.host + '-security-token';
      let params, signal, timeout, attemptTimeout, policy;
      try {
        params = copyParams(callParams);
        ({ signal, timeout, attemptTimeout, policy } = this._callOptions(options));
      } catch (e) {
        if (e instanceof CiError) throw e;
        throw new CiError('InvalidArgument', 'call options could not be read: ' + messageOf(e), { field: 'options', cause: e });
      }
      const startedAt = Date.now();
      // For CreateDocProcessJobs: a request is with the transport and no answer has come yet.
      let inFlight = false;
      let sentAt;
      let attempts = 0;
      const work = async (signal) => {
        await ready(); // loading the .wasm (browsers) counts against the deadline too
        // Read, checked and written once: bad input fails here, before any credentials are fetched.
        const unsigned = core['build' + name](this.config, params);
        let retries = 0; // transient failures retried; corrections below do not count
        let corrected = false;
        let refreshed = false;
        for (;;) {
          attempts++;
          let sent = false;
          let response;
          const used = {};
          try {
            const request = await this._descriptor(unsigned, used, signal, tokenHeader);
            if (signal.aborted) throw abortErrorFrom(signal);
            sent = true;
            inFlight = true;
            // Only the last request sent can have made a job: earlier ones were refused or never left.
            sentAt = this.now();
            const answer = await this._send(request, signal, attemptTimeout, timeout, binary);
            if (signal.aborted) throw abortErrorFrom(signal);
            response = normalizeAnswer(answer);
            // The parser leaves a success's page out (its headers are the answer).
            const page = binary ? pageOf(response) : undefined;
            const output = core['parse' + name](response);
            if (binary) output.Body = page;
            inFlight = false;
            Object.defineProperty(output, '$metadata', {
              value: { httpStatusCode: response.statusCode != null ? response.statusCode : response.status, requestId: requestIdOf(response.headers, output), attempts },
              enumerable: false,
            });
            return output;
          } catch (thrown) {
            if (signal.aborted) throw abortErrorFrom(signal); // the call's deadline or the caller's signal
            // Nothing but a CiError goes on; an unexpected failure after sending may have sent it.
            const e = thrown instanceof CiError ? thrown : sent ? transportFailure(thrown) : internalError(thrown);
            const headers = response && response.headers;
            // Refused before any processing: safe to send again, CreateDocProcessJobs included.
            if (!corrected && this.correctClockSkew && !this._transport.signsRequests && isClockError(e)) {
              const server = serverTimeMs(e, headers);
              const keys = used.keys;
              if (server !== undefined && keys && keys.ExpiredTime * 1000 <= server) {
                // The keys had expired by the service's clock: that is not this clock's fault.
                this._credentials.invalidate(keys);
                if (keys.fetchedAt >= startedAt) {
                  throw new CiError(
                    'CredentialsError',
                    'getCredentials() returned keys that had already expired: ExpiredTime ' + keys.ExpiredTime +
                      ' is ' + Math.ceil(server / 1000 - keys.ExpiredTime) + " s before the service's time",
                    { field: 'ExpiredTime', cause: e },
                  );
                }
              }
              if (server !== undefined) {
                this.systemClockOffset = server - Date.now();
                corrected = true;
                inFlight = false;
                continue;
              }
            }
            if (!refreshed && this._credentials.kind === 'sts' && isCredentialError(e)) {
              this._credentials.invalidate(used.keys);
              refreshed = true;
              inFlight = false;
              continue;
            }
            const verdict = afterFailure(e, { idempotent, sent });
            if (verdict === 'ambiguous') throw this._ambiguous(e, params, sentAt, headers);
            if (verdict === 'retry' && retries + 1 < policy.maxAttempts) {
              retries++;
              inFlight = false;
              await sleep(backoffDelay(retries, policy, Math.random, retryAfterMs(headers, this.now())), signal);
              continue;
            }
            throw e;
          }
        }
      };
      let error;
      try {
        return await underDeadline(work, { signal, timeout });
      } catch (e) {
        error = e instanceof CiError ? e : internalError(e);
        // The deadline or the caller's signal ended a CreateDocProcessJobs that was on its way.
        if (!idempotent && inFlight && e instanceof CiError && (e.code === 'TimeoutError' || e.code === 'AbortError')) {
          error = this._ambiguous(e, params, sentAt);
        }
      }
      // A failure of the connection or of the clock names the operation it ended
      // (`DescribeDocProcessQueues: fetch failed for GET https://…/docqueue: ECONNREFUSED`).
      if (error instanceof CiError && (error.code === 'NetworkError' || error.code === 'TimeoutError') && !error.message.startsWith(name + ': ')) {
        error.message = name + ': ' + error.message;
      }
      // How many attempts a failed call made (not on a CredentialsError: a refresh's error is shared).
      if (error instanceof CiError && error.code !== 'CredentialsError' && !Object.prototype.hasOwnProperty.call(error, 'attempts')) {
        Object.defineProperty(error, 'attempts', { value: attempts, enumerable: false, configurable: true });
      }
      throw error;
    }

    /**
     * AmbiguousOutcome for a CreateDocProcessJobs sent at `sentAt` by this client's clock. A
     * transport that signs itself corrects its own clock, unseen here: then the service's
     * `Date`, when an answer came, or a day's margin.
     */
    _ambiguous(cause, params, sentAt, headers) {
      let at = sentAt;
      if (this._transport.signsRequests) {
        const server = headers && headers.date ? Date.parse(headers.date) : NaN;
        at = Number.isFinite(server) ? server : sentAt - 24 * 3600 * 1000;
      }
      return ambiguousOutcome(cause, params, at);
    }

    /** Pages of `op` following `NextToken` until it is empty, an empty page or a token seen before. */
    async *_pagesByToken(op, list, callParams, options) {
      const params = pageParams(callParams);
      let token = params && params.NextToken;
      const seen = new Set(token ? [token] : []);
      for (;;) {
        const page = await this._call(op, { ...params, NextToken: token }, options);
        yield page;
        if (!page.NextToken || page[list].length === 0 || seen.has(page.NextToken)) return;
        token = page.NextToken;
        seen.add(token);
      }
    }

    /** Pages of `op` by `PageNumber` until `TotalCount` items were seen (or an empty page). */
    async *_pagesByNumber(op, list, callParams, options) {
      const params = pageParams(callParams);
      let pageNumber = (params && params.PageNumber) || 1;
      const first = pageNumber;
      let seen = 0;
      for (;;) {
        const page = await this._call(op, { ...params, PageNumber: pageNumber }, options);
        yield page;
        seen += page[list].length;
        const pageSize = page.PageSize || (params && params.PageSize) || 10;
        const total = page.TotalCount === undefined ? 0 : page.TotalCount;
        if (page[list].length === 0 || (first - 1) * pageSize + seen >= total) return;
        pageNumber++;
      }
    }

    /**
     * Checks a job-finished notification against the service (notifications are unsigned): reads
     * the job it names with DescribeDocProcessJob and resolves with the job as the service
     * reports it now, when its state is the one the notification claims. Rejects with CiError
     * JobNotFound for a job that does not exist, NotificationMismatch (field JobsDetail.State)
     * when the states differ, or what the call itself may reject with.
     * @param {object} notification what parseDocProcessJobNotification gave, or its input
     * @param {{ signal?: AbortSignal, timeout?: number }} [options]
     */
    async confirmDocProcessJobNotification(notification, options) {
      const parsed =
        notification && typeof notification === 'object' && Array.isArray(notification.JobsDetail) && typeof notification.EventName === 'string'
          ? notification
          : core.parseDocProcessJobNotification(notification);
      const claimed = parsed.JobsDetail[0];
      if (!claimed || typeof claimed.JobId !== 'string' || typeof claimed.State !== 'string') {
        throw new CiError('InvalidResponse', 'is missing: a notification is about one job', { field: 'Response.JobsDetail' });
      }
      const out = await this.describeDocProcessJob({ JobId: claimed.JobId }, options);
      const job = out.JobsDetail.find((j) => j.JobId === claimed.JobId);
      if (!job) {
        throw new CiError('JobNotFound', 'job ' + claimed.JobId + ' named by the notification does not exist', { jobId: claimed.JobId, requestId: out.RequestId });
      }
      if (job.State !== claimed.State) {
        throw new CiError(
          'NotificationMismatch',
          'the notification says ' + claimed.State + ', the service says ' + job.State + ' for job ' + claimed.JobId,
          { field: 'JobsDetail.State', jobId: claimed.JobId, requestId: out.RequestId },
        );
      }
      return job;
    }

    /**
     * A presigned URL for one page of a document (DocPreview), usable as it is — e.g. as an
     * `<img src>` — signed with this client's credentials: its keys (SecretId/SecretKey, or
     * getCredentials' temporary keys and their token) for `Expires` seconds (default the
     * client's; never past the keys' ExpiredTime), or its getAuthorization callback, which
     * signs `GET /<Key>` with the preview's query and host and so decides the key time.
     * @param {object} params DocPreview's parameters
     * @param {{ Expires?: number, signal?: AbortSignal }} [options]
     */
    async getDocPreviewUrl(params, options) {
      let p, expires, signal;
      try {
        p = copyParams(params);
        ({ Expires: expires, signal } = knownOptions(options, ['Expires', 'signal'], 'an option of getDocPreviewUrl'));
        checkExpires(expires, 'options.Expires');
        checkSignal(signal, 'signal');
      } catch (e) {
        if (e instanceof CiError) throw e;
        throw new CiError('InvalidArgument', 'options could not be read: ' + messageOf(e), { field: 'options', cause: e });
      }
      await ready();
      const unsigned = core.buildDocPreview(this.config, p); // bad parameters fail before any credentials are fetched
      const c = this._credentials;
      if (c.kind === 'none') {
        throw new CiError(
          'InvalidArgument',
          "this client's transport signs its own requests (cos.request) with credentials CiClient never sees, so it cannot presign: use that SDK's getObjectUrl({ Sign: true, Query }), or give CiClient credentials",
          { field: 'transport' },
        );
      }
      if (c.kind === 'authorization') {
        const { authorization, token } = await c.authorize(unsigned, {
          Bucket: this.config.Bucket,
          Region: this.config.Region,
          SystemClockOffset: this.systemClockOffset,
        });
        return core.getDocPreviewUrl(this.config, p, token ? { Authorization: authorization, SecurityToken: token } : { Authorization: authorization });
      }
      const now = this.now();
      const keys = await c.keys(now, signal);
      const signing = { SecretId: keys.SecretId, SecretKey: keys.SecretKey, KeyTime: keyTimeAt(now, expires || this.expires, keys.ExpiredTime) };
      if (keys.SecurityToken) signing.SecurityToken = keys.SecurityToken;
      return core.getDocPreviewUrl(this.config, p, signing);
    }

    /**
     * Polls DescribeDocProcessJob until the job ends: resolves with the job on Success,
     * rejects with CiError JobFailed (Failed), JobCancelled (Cancel), JobNotFound,
     * TimeoutError or AbortError.
     * @param {string} jobId
     * @param {{ interval?: number, timeout?: number, signal?: AbortSignal }} [options]
     */
    async waitForDocProcessJob(jobId, options) {
      if (typeof jobId !== 'string' || jobId === '') {
        throw new CiError('MissingArgument', 'is required', { field: 'JobId' });
      }
      let signal, interval, timeout;
      try {
        ({ signal, interval, timeout } = options || {});
        checkSignal(signal, 'signal');
        checkTimeout(timeout, 'timeout');
        checkTimeout(interval, 'interval');
      } catch (e) {
        if (e instanceof CiError) throw e;
        throw new CiError('InvalidArgument', 'options could not be read: ' + messageOf(e), { field: 'options', cause: e });
      }
      if (interval === undefined) interval = 2000;
      if (timeout === undefined) timeout = 10 * 60 * 1000;
      return underDeadline(async (signal) => {
        for (;;) {
          const out = await this.describeDocProcessJob({ JobId: jobId }, { signal, timeout: this.timeout });
          if (out.NonExistJobIds.includes(jobId)) {
            throw new CiError('JobNotFound', 'job ' + jobId + ' does not exist', { jobId, requestId: out.RequestId });
          }
          const job = out.JobsDetail.find((j) => j.JobId === jobId);
          if (!job) {
            // An answer about other jobs (or none) says nothing about this one.
            throw new CiError('InvalidResponse', 'the DescribeDocProcessJob answer holds neither job ' + jobId + ' nor it in NonExistJobIds', {
              field: 'JobsDetail',
              jobId,
              requestId: out.RequestId,
            });
          }
          if (job.State === 'Success') return job;
          if (job.State === 'Failed') {
            throw new CiError('JobFailed', 'job ' + jobId + ' failed: ' + (job.Code || '') + (job.Message ? ' ' + job.Message : ''), {
              jobId,
              serviceCode: job.Code,
              serviceMessage: job.Message,
              requestId: out.RequestId,
            });
          }
          if (job.State === 'Cancel') {
            throw new CiError('JobCancelled', 'job ' + jobId + ' was cancelled', { jobId, requestId: out.RequestId });
          }
          await sleep(interval, signal);
        }
      }, { signal, timeout });
    }
  }
  // One method per operation of the table, and a paginator where it pages.
  for (const op of OPERATIONS) {
    CiClient.prototype[op.method] = function (params, options) {
      return this._call(op, params, options);
    };
    if (op.pages) {
      const pages = op.pages.by === 'NextToken' ? '_pagesByToken' : '_pagesByNumber';
      CiClient.prototype['paginate' + op.name] = function (params, options) {
        return this[pages](op, op.pages.list, params, options);
      };
    }
  }
  return CiClient;
}
