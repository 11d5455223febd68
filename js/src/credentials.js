// Credentials for transports that do not sign themselves (fetch, wx.request):
//  - static keys { SecretId, SecretKey, SecurityToken? } — servers and Node only;
//  - getCredentials() → STS temporary keys, cached and refreshed ahead of ExpiredTime,
//    one refresh shared by concurrent calls;
//  - getAuthorization(request) → an Authorization string made by the user's server.

import { CiError } from './errors.js';

/** Temporary keys are refreshed when fewer than this many seconds remain. */
export const REFRESH_AHEAD_SECONDS = 60;

function credentialsError(message, cause) {
  return new CiError('CredentialsError', message, cause === undefined ? undefined : { cause });
}

function isSeconds(v) {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 && v < 1e11;
}

/** Checks what getCredentials() returned; never quotes a secret. */
function readTemporaryKeys(c) {
  if (!c || typeof c !== 'object') throw credentialsError('getCredentials() must resolve to an object');
  const id = c.TmpSecretId;
  const key = c.TmpSecretKey;
  const token = c.SecurityToken !== undefined ? c.SecurityToken : c.XCosSecurityToken;
  if (typeof id !== 'string' || id === '') throw credentialsError('getCredentials(): TmpSecretId must be a non-empty string');
  if (typeof key !== 'string' || key === '') throw credentialsError('getCredentials(): TmpSecretKey must be a non-empty string');
  if (typeof token !== 'string' || token === '') throw credentialsError('getCredentials(): SecurityToken must be a non-empty string');
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
 * client); a failed refresh falls back to cached keys that are still valid.
 * `invalidate(keys)` drops the cached keys if they are still `keys` (the service refused them).
 * @returns {{ keys: (nowMs: number) => Promise<object>, invalidate: () => void }}
 */
function stsCache(getCredentials, timeoutMs) {
  let cached;
  let pending;
  const stillValid = (nowMs) => cached && cached.ExpiredTime - Math.floor(nowMs / 1000) > 5;
  const invalidate = (used) => {
    // Only the keys the service refused: a concurrent call may have fetched newer ones.
    if (used === undefined || cached === used) cached = undefined;
  };
  const keys = (nowMs) => {
    if (cached && cached.ExpiredTime - Math.floor(nowMs / 1000) > REFRESH_AHEAD_SECONDS) return Promise.resolve(cached);
    if (!pending) {
      pending = new Promise((resolve, reject) => {
        const timer =
          timeoutMs > 0
            ? setTimeout(() => reject(credentialsError('getCredentials() did not settle within ' + timeoutMs + ' ms')), timeoutMs)
            : undefined;
        Promise.resolve()
          .then(() => getCredentials())
          .then(
            (c) => {
              clearTimeout(timer);
              resolve(c);
            },
            (e) => {
              clearTimeout(timer);
              reject(e);
            },
          );
      }).then(
        (c) => {
          pending = undefined;
          cached = readTemporaryKeys(c);
          return cached;
        },
        (e) => {
          pending = undefined;
          if (stillValid(nowMs)) return cached;
          if (e instanceof CiError) throw e;
          throw credentialsError('getCredentials() failed: ' + (e && e.message ? e.message : String(e)), e);
        },
      );
    }
    return pending;
  };
  return { keys, invalidate };
}

/** The options cos-js-sdk-v5 passes to its getAuthorization callback, and the check of what comes back. */
function authorizationCallback(getAuthorization) {
  return async (request, context) => {
    const hostMatch = /^[a-z]+:\/\/([^/:?#]+)/i.exec(request.Url);
    const headers = { ...request.Headers };
    if (hostMatch) headers.Host = hostMatch[1];
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
      throw credentialsError('getAuthorization() failed: ' + (e && e.message ? e.message : String(e)), e);
    }
    const auth = typeof answer === 'string' ? answer : answer && answer.Authorization;
    const token = answer && typeof answer === 'object' ? answer.SecurityToken || answer.XCosSecurityToken : undefined;
    if (
      typeof auth !== 'string' ||
      /\s/.test(auth) ||
      !['q-sign-algorithm=', 'q-ak=', 'q-sign-time=', 'q-key-time=', 'q-url-param-list=', 'q-signature='].every((p) =>
        auth.includes(p),
      )
    ) {
      throw credentialsError(
        'getAuthorization() must resolve to an Authorization string (q-sign-algorithm=sha1&q-ak=…) or { Authorization, SecurityToken? }',
      );
    }
    if (token !== undefined && (typeof token !== 'string' || /[\r\n\0]/.test(token))) {
      throw credentialsError('getAuthorization(): SecurityToken must be a string without CR, LF or NUL');
    }
    return { authorization: auth, token };
  };
}
