// Transports: how a descriptor travels. Each is `{ name, signsRequests, send }`:
// `send(request, { signal, timeout })` resolves to `{ statusCode, headers, body }`
// for any HTTP answer (errors included — the parser reads them) and rejects with
// a CiError only when there is no answer (network failure, timeout, abort).

import { CiError } from './errors.js';

/** `k=v&k=v`, encodeURIComponent on both (the service decodes; what was signed is the decoded form). */
export function queryString(query) {
  const parts = [];
  for (const name of Object.keys(query || {})) {
    parts.push(encodeURIComponent(name) + '=' + encodeURIComponent(query[name]));
  }
  return parts.join('&');
}

/** The full URL of a descriptor: `Url` plus its query string. */
export function requestUrl(request) {
  const qs = queryString(request.Query);
  return qs ? request.Url + '?' + qs : request.Url;
}

/** Lower-cased header names; array values joined (the client applies it to every transport's result). */
export function lowerHeaders(headers) {
  const out = {};
  if (!headers) return out;
  for (const name of Object.keys(headers)) {
    const v = headers[name];
    out[name.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  return out;
}

/** Headers minus the ones a runtime sets itself and refuses from scripts (still signed: they are sent as given). */
function sendableHeaders(headers, drop) {
  const out = {};
  for (const name of Object.keys(headers || {})) {
    if (!drop.includes(name.toLowerCase())) out[name] = headers[name];
  }
  return out;
}

function networkError(message, cause, requestSent) {
  return new CiError('NetworkError', message, { cause, requestSent });
}

/** Node's codes for a connection that was never made: the request cannot have been sent. */
const NOT_SENT = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT'];

function neverSent(e) {
  const c = e && e.cause;
  return Boolean(c && (NOT_SENT.includes(c.code) || (Array.isArray(c.errors) && c.errors.length > 0 && c.errors.every((x) => NOT_SENT.includes(x && x.code)))));
}

/** Longest response body read, in bytes: the Rust parser's bound (xml::MAX_RESPONSE_BYTES). */
export const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
/** What is kept of an oversized error answer: enough for its text, with its status. */
const ERROR_PREFIX_BYTES = 64 * 1024;

/**
 * The body as text, reading no more than MAX_RESPONSE_BYTES: a success answer past the bound
 * is CiError LimitExceeded (refused from Content-Length before reading when it is announced);
 * an error answer is cut to its first 64 KB (its status and text are what matter).
 */
async function readBounded(res) {
  const ok = res.status >= 200 && res.status < 300;
  const tooLarge = (n) =>
    new CiError('LimitExceeded', 'the response body is ' + (n === undefined ? 'more than' : n + ' bytes, more than') + ' the ' + MAX_RESPONSE_BYTES + ' bytes accepted', {
      statusCode: res.status,
      requestId: res.headers.get('x-ci-request-id') || res.headers.get('x-cos-request-id') || undefined,
    });
  const announced = Number(res.headers.get('content-length'));
  if (ok && announced > MAX_RESPONSE_BYTES) {
    if (res.body && typeof res.body.cancel === 'function') res.body.cancel().catch(() => {});
    throw tooLarge(announced);
  }
  if (!res.body || typeof res.body.getReader !== 'function' || typeof Blob !== 'function') {
    const text = await res.text(); // no stream to count: bounded after the fact
    if (ok && text.length > MAX_RESPONSE_BYTES) throw tooLarge();
    return text;
  }
  const reader = res.body.getReader();
  const limit = ok ? MAX_RESPONSE_BYTES : ERROR_PREFIX_BYTES;
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value: chunk } = await reader.read();
    if (done) break;
    const value = chunk instanceof Uint8Array ? chunk : new Uint8Array(chunk);
    total += value.byteLength;
    if (total > limit) {
      reader.cancel().catch(() => {});
      if (ok) throw tooLarge();
      chunks.push(value.subarray(0, value.byteLength - (total - limit)));
      break;
    }
    chunks.push(value);
  }
  // UTF-8 decoding as res.text() does it (a cut error text may end in U+FFFD).
  return new Blob(chunks).text();
}

/**
 * Sends with the Fetch API (browsers, Node ≥ 18, workers).
 * @param {typeof fetch} [fetchImpl] defaults to `globalThis.fetch`
 */
export function fetchTransport(fetchImpl) {
  const f = fetchImpl || (typeof fetch === 'function' ? fetch : undefined);
  if (typeof f !== 'function') {
    throw new CiError('InvalidArgument', 'fetchTransport: no fetch function (pass one: fetchTransport(myFetch))', {
      field: 'fetch',
    });
  }
  return {
    name: 'fetch',
    signsRequests: false,
    async send(request, { signal } = {}) {
      let res;
      try {
        res = await f(requestUrl(request), {
          method: request.Method,
          headers: sendableHeaders(request.Headers, ['host', 'content-length']),
          body: request.Body,
          signal,
          redirect: 'manual',
          credentials: 'omit',
        });
      } catch (e) {
        if (signal && signal.aborted) throw signal.reason !== undefined ? signal.reason : e;
        const detail = e && e.cause && e.cause.code ? ' (' + e.cause.code + ')' : '';
        throw networkError('fetch failed: ' + (e && e.message ? e.message : String(e)) + detail, e, neverSent(e) ? false : undefined);
      }
      if (res.type === 'opaqueredirect' || res.status === 0) {
        throw networkError('fetch got ' + (res.type === 'opaqueredirect' ? 'a redirect' : 'no readable response (CORS?)') + ' for ' + request.Method + ' ' + request.Url);
      }
      let body;
      try {
        body = await readBounded(res);
      } catch (e) {
        if (e instanceof CiError) throw e;
        if (signal && signal.aborted) throw signal.reason !== undefined ? signal.reason : e;
        throw networkError('reading the response body failed: ' + (e && e.message ? e.message : String(e)), e);
      }
      const headers = {};
      res.headers.forEach((value, name) => {
        headers[name] = value;
      });
      return { statusCode: res.status, headers, body };
    },
  };
}

/**
 * Sends with WeChat's `wx.request` (mini-programs): text data type, `header`, `statusCode`.
 * @param {object} wx the `wx` global
 */
export function wxRequestTransport(wx) {
  if (!wx || typeof wx.request !== 'function') {
    throw new CiError('InvalidArgument', 'wxRequestTransport(wx): wx.request is not a function', { field: 'wx' });
  }
  return {
    name: 'wx.request',
    signsRequests: false,
    send(request, { signal, timeout } = {}) {
      return new Promise((resolve, reject) => {
        let task;
        const onAbort = () => {
          if (task && typeof task.abort === 'function') task.abort();
        };
        const options = {
          url: requestUrl(request),
          method: request.Method,
          header: sendableHeaders(request.Headers, ['host', 'content-length']),
          dataType: 'text',
          responseType: 'text',
          success(res) {
            if (signal) signal.removeEventListener('abort', onAbort);
            const data = res.data;
            resolve({
              statusCode: res.statusCode,
              headers: res.header || {},
              body: typeof data === 'string' ? data : data === undefined || data === null ? '' : String(data),
            });
          },
          fail(err) {
            if (signal) signal.removeEventListener('abort', onAbort);
            const msg = err && err.errMsg ? err.errMsg : String(err);
            reject(networkError('wx.request failed: ' + msg, err));
          },
        };
        if (request.Body !== undefined) options.data = request.Body;
        if (timeout) options.timeout = timeout;
        if (signal) signal.addEventListener('abort', onAbort);
        try {
          task = wx.request(options);
        } catch (e) {
          if (signal) signal.removeEventListener('abort', onAbort);
          reject(networkError('wx.request threw: ' + (e && e.message ? e.message : String(e)), e));
        }
      });
    },
  };
}

function xmlEscape(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An error object of the COS SDKs back to the XML body the service sent (the SDKs keep only its fields). */
function errorBody(error) {
  if (typeof error === 'string') return error;
  if (!error || typeof error !== 'object') return '';
  let xml = '<Error>';
  for (const k of Object.keys(error)) {
    const v = error[k];
    if (/^[A-Za-z][A-Za-z0-9]*$/.test(k) && (typeof v === 'string' || typeof v === 'number')) {
      xml += '<' + k + '>' + xmlEscape(v) + '</' + k + '>';
    }
  }
  return xml + '</Error>';
}

/**
 * Sends through `cos.request` of a cos-js-sdk-v5, cos-wx-sdk-v5 or cos-nodejs-sdk-v5
 * instance, as Tencent's mini-program examples do. The SDK signs with its own
 * credentials (and adds its token header); `RawBody: true` hands our parser the XML.
 * @param {object} cos an SDK instance
 */
export function cosRequestTransport(cos) {
  if (!cos || typeof cos.request !== 'function') {
    throw new CiError('InvalidArgument', 'cosRequestTransport(cos): cos.request is not a function', { field: 'cos' });
  }
  return {
    name: 'cos.request',
    signsRequests: true,
    // The SDK retries 5xx answers and timeouts itself (up to three more times, POSTs
    // included): CiClient adds no retries of its own over it.
    retriesInternally: true,
    send(request) {
      return new Promise((resolve, reject) => {
        const params = {
          Method: request.Method,
          Url: request.Url,
          Key: request.Key,
          Query: request.Query,
          Headers: sendableHeaders(request.Headers, ['content-type', 'content-length', 'authorization']),
          RawBody: true,
        };
        if (request.Body !== undefined) params.Body = request.Body;
        if (request.ContentType !== undefined) params.ContentType = request.ContentType;
        cos.request(params, (err, data) => {
          if (err) {
            const statusCode = err.statusCode;
            if (typeof statusCode === 'number' && statusCode > 0) {
              // A non-XML error body (a proxy's "Bad Gateway") leaves only the message.
              const body = errorBody(err.error) || (typeof err.message === 'string' ? err.message : '');
              resolve({ statusCode, headers: err.headers || {}, body });
            } else {
              const msg = err.message || (typeof err.error === 'string' ? err.error : '') || 'no response';
              reject(networkError('cos.request failed: ' + msg, err));
            }
            return;
          }
          if (!data || typeof data.statusCode !== 'number') {
            reject(networkError('cos.request gave neither an error nor a response'));
            return;
          }
          const body = data.Body !== undefined && data.Body !== null ? data.Body : '';
          resolve({
            statusCode: data.statusCode,
            headers: data.headers || {},
            body: typeof body === 'string' ? body : body.toString('utf8'),
          });
        });
      });
    },
  };
}
