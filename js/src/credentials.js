// Credentials for transports that do not sign themselves (fetch, wx.request):
//  - static keys { SecretId, SecretKey, SecurityToken? } — servers and Node only;
//  - getCredentials() → STS temporary keys, cached and refreshed ahead of ExpiredTime,
//    one refresh shared by concurrent calls;
//  - getAuthorization(request) → an Authorization string made by the user's server.

import { CiError, messageOf } from './errors.js';
import { LONE_SURROGATE } from './core.js';

/** Temporary keys are refreshed when fewer than this many seconds remain. */
export const REFRESH_AHEAD_SECONDS = 60;

function credentialsError(message, cause, field) {
  return new CiError('CredentialsError', message, { cause, field });
}

// What fetch and every HTTP stack send unchanged, so that what is signed is what goes on
// the wire. A SecretId travels in the Authorization header (q-ak=…&): visible ASCII but
// '&'. A SecurityToken is a header value of its own: visible ASCII with inner spaces or
// tabs (fetch trims leading and trailing ones, and refuses anything past U+00FF — which
// the signer would encode as UTF-8 while the wire carried Latin-1). A SecretKey is never
// sent: any well-formed string.
const SECRET_ID = /^[\x21-\x25\x27-\x7e]+$/;
const HEADER_VALUE = /^[\x21-\x7e](?:[\t\x20-\x7e]*[\x21-\x7e])?$/;
/** Longest SecretId, SecretKey or SecurityToken accepted (STS tokens are about 1–2 KB). */
export const MAX_CREDENTIAL_CHARS = 16384;

/**
 * Why `value` cannot be sent as credential `field`, or undefined when it can. Never quotes
 * the value (a secret).
 */
export function credentialProblem(field, value) {
  if (typeof value !== 'string' || value === '') return 'must be a non-empty string';
  if (value.length > MAX_CREDENTIAL_CHARS) return 'must be at most ' + MAX_CREDENTIAL_CHARS + ' characters (got ' + value.length + ')';
  if (field === 'SecretKey') return LONE_SURROGATE.test(value) ? 'must be well-formed Unicode (it holds a lone surrogate)' : undefined;
  if (field === 'SecretId') {
    return SECRET_ID.test(value) ? undefined : "must be visible ASCII characters other than '&' (it travels in the Authorization header)";
  }
  return HEADER_VALUE.test(value)
    ? undefined
    : 'must be visible ASCII characters, with spaces or tabs only inside (it is sent as the x-ci-security-token header, which fetch would refuse or trim otherwise)';
}

function isSeconds(v) {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 && v < 1e11;
}

/** Checks what getCredentials() returned; never quotes a secret. */
function readTemporaryKeys(c) {
  if (!c || typeof c !== 'object') throw credentialsError('getCredentials() must resolve to an object');
  // What qcloud-cos-sts-sdk's getCredential() gives, passed on as it comes:
  // { credentials: { tmpSecretId, tmpSecretKey, sessionToken }, startTime, expiredTime }.
  if (c.TmpSecretId === undefined && c.credentials && typeof c.credentials === 'object') {
    const k = c.credentials;
    c = { TmpSecretId: k.tmpSecretId, TmpSecretKey: k.tmpSecretKey, SecurityToken: k.sessionToken, StartTime: c.startTime, ExpiredTime: c.expiredTime };
  }
  const id = c.TmpSecretId;
  const key = c.TmpSecretKey;
  const token = c.SecurityToken !== undefined ? c.SecurityToken : c.XCosSecurityToken;
  for (const [name, field, value] of [['TmpSecretId', 'SecretId', id], ['TmpSecretKey', 'SecretKey', key], ['SecurityToken', 'SecurityToken', token]]) {
    const problem = credentialProblem(field, value);
    if (problem) throw credentialsError(problem + ' (from getCredentials())', undefined, name);
  }
  if (!isSeconds(c.ExpiredTime)) throw credentialsError('getCredentials(): ExpiredTime must be Unix seconds (an integer)');
  if (c.StartTime !== undefined && !isSeconds(c.StartTime)) {
    throw credentialsError('getCredentials(): StartTime must be Unix seconds (an integer)');
  }
  return { SecretId: id, SecretKey: key, SecurityToken: token, ExpiredTime: c.ExpiredTime };
}

/**
 * Picks the credentials model from client options.
 * Returns `{ kind, sign(descriptorBuilder, nowMs, expires) }` helpers used by the client.
 */
export function credentialsFrom(options, refreshTimeoutMs) {
  const hasStatic = options.SecretId !== undefined || options.SecretKey !== undefined;
  const models = [hasStatic, options.getCredentials !== undefined, options.getAuthorization !== undefined].filter(Boolean);
  if (models.length > 1) {
    throw new CiError(
      'InvalidArgument',
      'give one credentials model: SecretId/SecretKey, getCredentials or getAuthorization',
      { field: 'credentials' },
    );
  }
  if (hasStatic) {
    if (typeof options.SecretId !== 'string' || options.SecretId === '') {
      throw new CiError('MissingArgument', 'SecretId is required with SecretKey', { field: 'SecretId' });
    }
    if (typeof options.SecretKey !== 'string' || options.SecretKey === '') {
      throw new CiError('MissingArgument', 'SecretKey is required with SecretId', { field: 'SecretKey' });
    }
    if (options.SecurityToken !== undefined && typeof options.SecurityToken !== 'string') {
      throw new CiError('InvalidArgument', 'SecurityToken must be a string', { field: 'SecurityToken' });
    }
    for (const field of ['SecretId', 'SecretKey', 'SecurityToken']) {
      const problem = options[field] === undefined ? undefined : credentialProblem(field, options[field]);
      // Static keys are options: refused at once, like any other invalid option.
      if (problem) throw new CiError('InvalidArgument', field + ' ' + problem, { field });
    }
    const keys = { SecretId: options.SecretId, SecretKey: options.SecretKey, SecurityToken: options.SecurityToken };
    return { kind: 'static', keys: () => Promise.resolve(keys) };
  }
  if (options.getCredentials !== undefined) {
    if (typeof options.getCredentials !== 'function') {
      throw new CiError('InvalidArgument', 'getCredentials must be a function', { field: 'getCredentials' });
    }
    const cache = stsCache(options.getCredentials, refreshTimeoutMs);
    return { kind: 'sts', keys: cache.keys, invalidate: cache.invalidate };
  }
  if (options.getAuthorization !== undefined) {
    if (typeof options.getAuthorization !== 'function') {
      throw new CiError('InvalidArgument', 'getAuthorization must be a function', { field: 'getAuthorization' });
    }
    return { kind: 'authorization', authorize: authorizationCallback(options.getAuthorization) };
  }
  return { kind: 'none' };
}

/**
 * A cache over getCredentials(): reused while more than REFRESH_AHEAD_SECONDS remain
 * (by the corrected clock), one pending refresh shared by every caller. A refresh that
 * does not settle within `timeoutMs` fails (so one hung STS call cannot wedge the
 * client); a failed refresh falls back to cached keys that are still valid. A caller
 * whose `signal` aborts stops waiting; when no caller waits any more, the refresh is
 * abandoned and its timer cleared (no timer outlives the calls that started it; keys it
 * brings later are still cached). Keys that cannot be sent are a CredentialsError and
 * are not cached. `invalidate(keys)` drops the cached keys if they are still `keys`
 * (the service refused them).
 * @returns {{ keys: (nowMs: number, signal?: AbortSignal) => Promise<object>, invalidate: (keys?: object) => void }}
 */
function stsCache(getCredentials, timeoutMs) {
  let cached;
  let refresh; // { promise, waiters, timer }
  const stillValid = (nowMs) => cached && cached.ExpiredTime - Math.floor(nowMs / 1000) > 5;
  const invalidate = (used) => {
    // Only the keys the service refused: a concurrent call may have fetched newer ones.
    if (used === undefined || cached === used) cached = undefined;
  };
  const end = (r) => {
    if (r.timer !== undefined) clearTimeout(r.timer);
    r.timer = undefined;
    if (refresh === r) refresh = undefined;
  };
  const start = () => {
    const r = { waiters: 0, timer: undefined };
    r.promise = new Promise((resolve, reject) => {
      if (timeoutMs > 0) {
        r.timer = setTimeout(() => reject(credentialsError('getCredentials() did not settle within ' + timeoutMs + ' ms')), timeoutMs);
      }
      Promise.resolve()
        .then(() => getCredentials())
        .then(resolve, reject);
    }).then(
      (c) => {
        end(r);
        const keys = readTemporaryKeys(c);
        // When they came: keys fetched during a call are that call's to judge (client.js).
        Object.defineProperty(keys, 'fetchedAt', { value: Date.now() });
        cached = keys;
        return keys;
      },
      (e) => {
        end(r);
        throw e;
      },
    );
    r.promise.catch(() => {}); // an abandoned refresh may still fail: nobody is waiting
    return r;
  };
  const keys = (nowMs, signal) => {
    if (cached && cached.ExpiredTime - Math.floor(nowMs / 1000) > REFRESH_AHEAD_SECONDS) return Promise.resolve(cached);
    if (signal && signal.aborted) return Promise.reject(abortReason(signal));
    if (!refresh) refresh = start();
    const r = refresh;
    r.waiters++;
    return new Promise((resolve, reject) => {
      let waiting = true;
      const leave = () => {
        if (!waiting) return false;
        waiting = false;
        if (signal) signal.removeEventListener('abort', onAbort);
        r.waiters--;
        return true;
      };
      const onAbort = () => {
        if (!leave()) return;
        if (r.waiters === 0) end(r);
        reject(abortReason(signal));
      };
      if (signal) signal.addEventListener('abort', onAbort);
      r.promise.then(
        (k) => {
          if (leave()) resolve(k);
        },
        (e) => {
          if (!leave()) return;
          if (stillValid(nowMs)) return resolve(cached);
          if (e instanceof CiError) return reject(e);
          reject(credentialsError('getCredentials() failed: ' + messageOf(e), e));
        },
      );
    });
  };
  return { keys, invalidate };
}

function abortReason(signal) {
  const reason = signal.reason;
  return reason instanceof CiError ? reason : new CiError('AbortError', 'the operation was aborted', { cause: reason });
}

/**
 * The host a descriptor's `Url` is signed with: lower-case, without the port (the endpoint
 * rules admit only ASCII names and dotted-quad addresses, so nothing else needs decoding).
 */
export function hostOf(url) {
  const m = /^[a-z]+:\/\/([^/:?#]+)/i.exec(url);
  return m ? m[1].toLowerCase() : undefined;
}

/** The options cos-js-sdk-v5 passes to its getAuthorization callback, and the check of what comes back. */
function authorizationCallback(getAuthorization) {
  return async (request, context) => {
    const headers = { ...request.Headers };
    const host = hostOf(request.Url);
    if (host) headers.Host = host;
    const options = {
      Bucket: context.Bucket,
      Region: context.Region,
      Method: request.Method,
      Key: request.Key,
      Pathname: '/' + request.Key,
      Query: { ...request.Query },
      Headers: headers,
      SystemClockOffset: context.SystemClockOffset,
    };
    let answer;
    try {
      answer = await getAuthorization(options);
    } catch (e) {
      if (e instanceof CiError) throw e;
      throw credentialsError('getAuthorization() failed: ' + messageOf(e), e);
    }
    const auth = typeof answer === 'string' ? answer : answer && answer.Authorization;
    const token = answer && typeof answer === 'object' ? answer.SecurityToken || answer.XCosSecurityToken : undefined;
    if (
      typeof auth !== 'string' ||
      auth.length > MAX_CREDENTIAL_CHARS ||
      !/^[\x21-\x7e]+$/.test(auth) ||
      !['q-sign-algorithm=', 'q-ak=', 'q-sign-time=', 'q-key-time=', 'q-url-param-list=', 'q-signature='].every((p) =>
        auth.includes(p),
      )
    ) {
      throw credentialsError(
        'getAuthorization() must resolve to an Authorization string (q-sign-algorithm=sha1&q-ak=…) or { Authorization, SecurityToken? }',
      );
    }
    if (token !== undefined && credentialProblem('SecurityToken', token)) {
      throw credentialsError(credentialProblem('SecurityToken', token) + ' (from getAuthorization())', undefined, 'SecurityToken');
    }
    return { authorization: auth, token };
  };
}
