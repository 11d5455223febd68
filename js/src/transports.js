// Transports: how a descriptor travels. Each is `{ name, signsRequests, send }`:
// `send(request, { signal, timeout })` resolves to `{ statusCode, headers, body }`
// for any HTTP answer (errors included — the parser reads them) and rejects with
// a CiError only when there is no answer (network failure, timeout, abort).

import { CiError, messageOf } from './errors.js';
import { MAX_RESPONSE_BYTES, ERROR_PREFIX_CHARS, asBytes, errorText } from './core.js';
import { utf8Decoder } from './text.js';
import { requestUrl } from './url.js';

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

/** True when error `e` (or its cause, or every error of an AggregateError) says no connection was made. */
function neverSent(e, depth = 0) {
  try {
    if (!e || typeof e !== 'object' || depth > 3) return false;
    if (NOT_SENT.includes(e.code)) return true;
    if (Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every((x) => neverSent(x, depth + 1))) return true;
    return neverSent(e.cause, depth + 1) || neverSent(e.error, depth + 1);
  } catch {
    return false;
  }
}

/** The code of a failed connection (`ECONNREFUSED`), if the error or its cause has one. */
function errorCode(e) {
  try {
    const code = (e && e.cause && e.cause.code) || (e && e.code);
    return typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code) ? code : undefined;
  } catch {
    return undefined;
  }
}

/** What is kept of an oversized error answer: enough for its text, with its status. */
const ERROR_PREFIX_BYTES = ERROR_PREFIX_CHARS;

// Header values fetch sends unchanged: Latin-1 without NUL, CR or LF, and no leading or
// trailing space or tab (fetch would trim them, so what was signed would not be sent).
const sendable = (v) => !/[\0\r\n\u0100-\uFFFF]|^[\t ]|[\t ]$/.test(v);

/** A CiError for the first header `fetch` would refuse or change, or undefined. Before anything is sent. */
function unsendableHeader(headers) {
  for (const name of Object.keys(headers)) {
    const v = String(headers[name]);
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) || !sendable(v)) {
      return new CiError('InvalidArgument', 'header ' + JSON.stringify(name.slice(0, 64)) + ' cannot be sent by fetch as it is (a name must be a token; a value Latin-1 text without CR, LF, NUL or surrounding spaces)', {
        field: 'Headers',
        requestSent: false,
      });
    }
  }
  return undefined;
}

/** Strict UTF-8: a success body that is not valid UTF-8 is not a response (InvalidXml, as a strict XML parser says). */
function decodeUtf8(bytes, status) {
  try {
    return utf8Decoder(true).decode(bytes);
  } catch (e) {
    throw new CiError('InvalidXml', 'the response body is not valid UTF-8', { statusCode: status, cause: e });
  }
}

/**
 * The body as text, reading no more than MAX_RESPONSE_BYTES: a success answer past the bound
 * is CiError LimitExceeded (refused from Content-Length before reading when it is announced);
 * an error answer is cut to its first 64 KB (its status and text are what matter).
 */
async function readBounded(res) {
  const ok = res.status >= 200 && res.status < 300;
  const tooLarge = (n) =>
    new CiError('LimitExceeded', 'the response body is ' + (n === undefined ? 'more than' : n + ' bytes, more than') + ' the ' + MAX_RESPONSE_BYTES + ' bytes accepted', {
      field: 'body',
      statusCode: res.status,
      requestId: res.headers.get('x-ci-request-id') || res.headers.get('x-cos-request-id') || undefined,
    });
  const announced = Number(res.headers.get('content-length'));
  if (ok && announced > MAX_RESPONSE_BYTES) {
    if (res.body && typeof res.body.cancel === 'function') res.body.cancel().catch(() => {});
    throw tooLarge(announced);
  }
  if (!res.body || typeof res.body.getReader !== 'function') {
    // No stream to count: bounded after the fact (core.js bounds it again before the wasm).
    if (!ok) return (await res.text()).slice(0, ERROR_PREFIX_BYTES);
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (bytes.byteLength > MAX_RESPONSE_BYTES) throw tooLarge(bytes.byteLength);
    return decodeUtf8(bytes, res.status);
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
  const all = new Uint8Array(total > limit ? limit : total);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  // An error text is decoded leniently (it may have been cut inside a character); a success body strictly.
  return ok ? decodeUtf8(all, res.status) : utf8Decoder(false).decode(all);
}

/** A binary answer's body: the bytes of a success, the start of an error's text (for its parser). */
function bytesOrErrorText(data, status) {
  const bytes = asBytes(data);
  if (bytes === undefined) return typeof data === 'string' ? data : '';
  return status >= 200 && status < 300 ? bytes : errorText(bytes);
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
    async send(request, { signal, binary } = {}) {
      const sendHeaders = sendableHeaders(request.Headers, ['host', 'content-length']);
      const refused = unsendableHeader(sendHeaders);
      if (refused) throw refused;
      let res;
      try {
        res = await f(requestUrl(request), {
          method: request.Method,
          headers: sendHeaders,
          body: request.Body,
          signal,
          redirect: 'manual',
          credentials: 'omit',
        });
      } catch (e) {
        if (signal && signal.aborted) throw signal.reason !== undefined ? signal.reason : e;
        const code = errorCode(e);
        const where = request.Method + ' ' + String(request.Url).slice(0, 200);
        throw networkError('fetch failed for ' + where + ': ' + (code || messageOf(e)), e, neverSent(e) ? false : undefined);
      }
      if (res.type === 'opaqueredirect' || res.status === 0) {
        throw networkError('fetch got ' + (res.type === 'opaqueredirect' ? 'a redirect' : 'no readable response (CORS?)') + ' for ' + request.Method + ' ' + request.Url);
      }
      let body;
      try {
        // A page of a document preview: its bytes as they are (never bounded or decoded).
        body = binary && res.ok ? new Uint8Array(await res.arrayBuffer()) : await readBounded(res);
      } catch (e) {
        if (e instanceof CiError) throw e;
        if (signal && signal.aborted) throw signal.reason !== undefined ? signal.reason : e;
        throw networkError('reading the response body failed: ' + messageOf(e), e);
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
    send(request, { signal, timeout, binary } = {}) {
      return new Promise((resolve, reject) => {
        let task;
        const onAbort = () => {
          if (task && typeof task.abort === 'function') task.abort();
        };
        const options = {
          url: requestUrl(request),
          method: request.Method,
          header: sendableHeaders(request.Headers, ['host', 'content-length']),
          dataType: binary ? 'other' : 'text',
          responseType: binary ? 'arraybuffer' : 'text',
          success(res) {
            if (signal) signal.removeEventListener('abort', onAbort);
            try {
              const data = res.data;
              resolve({
                statusCode: res.statusCode,
                headers: res.header || {},
                body: binary ? bytesOrErrorText(data, res.statusCode) : typeof data === 'string' ? data : data === undefined || data === null ? '' : String(data),
              });
            } catch (e) {
              reject(new CiError('InvalidResponse', 'wx.request gave an answer that could not be read: ' + messageOf(e), { field: 'response', cause: e }));
            }
          },
          fail(err) {
            if (signal) signal.removeEventListener('abort', onAbort);
            let msg;
            try {
              msg = err && typeof err.errMsg === 'string' ? err.errMsg : messageOf(err);
            } catch {
              msg = messageOf(err);
            }
            reject(networkError('wx.request failed for ' + request.Method + ' ' + String(request.Url).slice(0, 200) + ': ' + msg, err));
          },
        };
        if (request.Body !== undefined) options.data = request.Body;
        if (timeout) options.timeout = timeout;
        if (signal) signal.addEventListener('abort', onAbort);
        try {
          task = wx.request(options);
        } catch (e) {
          if (signal) signal.removeEventListener('abort', onAbort);
          reject(networkError('wx.request threw: ' + messageOf(e), e, false));
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
  // DataType 'arraybuffer' (docPreview): the SDK hands the error body over as bytes.
  const bytes = asBytes(error);
  if (bytes) return errorText(bytes);
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
    send(request, { binary } = {}) {
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
        // cos-js-sdk-v5 and cos-wx-sdk-v5 read it as an ArrayBuffer; cos-nodejs-sdk-v5 gives a Buffer.
        if (binary) params.DataType = 'arraybuffer';
        const answer = (err, data) => {
          if (err) {
            const statusCode = err.statusCode;
            if (typeof statusCode === 'number' && statusCode > 0) {
              // A non-XML error body (a proxy's "Bad Gateway") leaves only the message.
              const body = errorBody(err.error) || (typeof err.message === 'string' ? err.message : '');
              return resolve({ statusCode, headers: err.headers || {}, body });
            }
            // The SDKs keep Node's error code (ECONNREFUSED…) on the error or under .error.
            const code = errorCode(err) || errorCode(err.error);
            const msg = code || messageOf(err.message ? err : typeof err.error === 'string' ? err.error : 'no response');
            return reject(networkError('cos.request failed for ' + request.Method + ' ' + String(request.Url).slice(0, 200) + ': ' + msg, err, neverSent(err) ? false : undefined));
          }
          if (!data || typeof data.statusCode !== 'number') {
            return reject(networkError('cos.request gave neither an error nor a response'));
          }
          const body = data.Body !== undefined && data.Body !== null ? data.Body : '';
          if (binary) return resolve({ statusCode: data.statusCode, headers: data.headers || {}, body: bytesOrErrorText(body, data.statusCode) });
          let text;
          if (typeof body === 'string') text = body;
          else if (body instanceof Uint8Array) {
            // cos-nodejs-sdk-v5 gives a Buffer: decoded strictly for a success (see decodeUtf8).
            const ok = data.statusCode >= 200 && data.statusCode < 300;
            if (ok && body.byteLength > MAX_RESPONSE_BYTES) {
              return reject(new CiError('LimitExceeded', 'the response body is ' + body.byteLength + ' bytes, more than the ' + MAX_RESPONSE_BYTES + ' accepted', { field: 'body', statusCode: data.statusCode }));
            }
            text = ok ? decodeUtf8(body, data.statusCode) : errorText(body);
          } else text = String(body);
          resolve({ statusCode: data.statusCode, headers: data.headers || {}, body: text });
        };
        try {
          cos.request(params, (err, data) => {
            try {
              answer(err, data);
            } catch (e) {
              reject(e instanceof CiError ? e : new CiError('InvalidResponse', 'cos.request gave an answer that could not be read: ' + messageOf(e), { field: 'response', cause: e }));
            }
          });
        } catch (e) {
          reject(networkError('cos.request threw: ' + messageOf(e), e, false));
        }
      });
    },
  };
}
