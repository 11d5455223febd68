// The pure layer: one builder and one parser per operation, and getAuthorization —
// the wasm exports wrapped so that every failure is a CiError and the clock is read
// here (the Rust signer never reads one).

import { CiError, fromWasmError, messageOf } from './errors.js';
import { OPERATIONS } from './table.js';
import { utf8Decoder } from './text.js';

/** DocPreview's index in the table (the wasm's `build` takes it). */
const DOC_PREVIEW = OPERATIONS.findIndex((op) => op.name === 'DocPreview');

/** Bytes as a Uint8Array (from any realm: a vm context, an iframe), else undefined. */
export function asBytes(data) {
  if (data === null || typeof data !== 'object') return undefined;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return Object.prototype.toString.call(data) === '[object ArrayBuffer]' ? new Uint8Array(data) : undefined;
}

/** The start of an error answer's bytes as text (decoded leniently: it may be cut inside a character). */
export function errorText(bytes) {
  return utf8Decoder(false).decode(bytes.subarray(0, ERROR_PREFIX_CHARS));
}

/**
 * An answer of bytes (DocPreview's) as its parser reads it: a success's body (the page) left
 * out — its headers are the answer — and an error's bytes as text. Anything else as it is.
 */
function withoutPage(response) {
  try {
    const bytes = response !== null && typeof response === 'object' ? asBytes(response.body) : undefined;
    if (bytes === undefined) return response;
    const status = response.statusCode != null ? response.statusCode : response.status;
    const ok = status >= 200 && status < 300;
    return { ...response, body: ok ? '' : errorText(bytes) };
  } catch {
    return response; // read again (and refused, naming what) by responseArgs
  }
}

/** Unix seconds from a millisecond clock reading. */
function seconds(ms) {
  return Math.floor(ms / 1000);
}

/**
 * A key time `start;end` starting one second before `nowMs` (as cos-js-sdk-v5 does,
 * against clock jitter) and lasting `expires` seconds (default 900), never past
 * `notAfter` (Unix seconds, e.g. the ExpiredTime of temporary keys).
 */
export function keyTimeAt(nowMs, expires, notAfter) {
  const start = seconds(nowMs) - 1;
  let end = start + (expires === undefined ? 900 : expires);
  if (notAfter !== undefined && end > notAfter) end = notAfter;
  if (end < start) end = start;
  return start + ';' + end;
}

/** Completes signing options with a key time from the clock when none is given. */
function withKeyTime(signing) {
  if (signing === undefined || signing === null) return undefined;
  if (typeof signing !== 'object') {
    throw new CiError('InvalidArgument', 'signing must be an object (got ' + typeof signing + ')', { field: 'signing' });
  }
  if (signing.KeyTime != null || signing.StartTime != null) return signing;
  const { KeyTime, StartTime, ...rest } = signing;
  return { ...rest, StartTime: seconds(Date.now()) - 1 }; // Expires (default 900) applies

}

const PLAIN_DATA = 'must be plain data (objects, arrays, strings, numbers, booleans) nested at most 32 levels deep, without cycles';

// Input bounds, checked here before anything is copied into the wasm (whose memory, once
// grown, never shrinks). Generous: the longest documented value (a COS object key) is 850
// bytes, an STS token about 2 KB, a whole CreateDocProcessJobs request under 8 KB.
/** Longest string (or object key) in parameters, options or signing input, in UTF-16 code units. */
export const MAX_STRING_CHARS = 16384;
/** Most characters of one argument (config, params, signing, getAuthorization options) as JSON. */
export const MAX_ARGUMENT_CHARS = 262144;
/** Longest response body, in UTF-8 bytes: the Rust parser's bound (xml::MAX_RESPONSE_BYTES). */
export const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
/** What is kept of a longer error answer's body (non-2xx): its status and the start of its text matter. */
export const ERROR_PREFIX_CHARS = 65536;
/** Most characters of a response's headers as JSON. */
const MAX_HEADER_CHARS = 262144;

// A surrogate without its other half: JSON would carry it as an escape that the wasm refuses.
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why string `s` (a value or an object key) cannot cross, or undefined. */
function stringProblem(s) {
  if (s.length > MAX_STRING_CHARS) return `must be at most ${MAX_STRING_CHARS} characters (got ${s.length})`;
  if (LONE_SURROGATE.test(s)) return 'must be well-formed Unicode (it holds a lone surrogate)';
  return undefined;
}

/** Deepest nesting of an argument (the wasm's bound too; the deepest documented parameter is 3). */
const MAX_DEPTH = 32;

/** A text for the packed encoding: NUL ends it, so NUL and `\x01` are escaped by `\x01`. */
function packText(s) {
  return /[\0\x01]/.test(s) ? s.replace(/\x01/g, '\x011').replace(/\0/g, '\x010') : s;
}

/**
 * An argument in the packed encoding the wasm reads (src/bindings/value.rs, `from_packed`) —
 * one string crossing per argument, no JSON parser or float parsing in the wasm: `z` null,
 * `t`/`f`, `s`text NUL, `n`number NUL (as `String(n)` writes it), `a`…`]`, `o`(`k`key NUL value)…`}`.
 * It reads the value as JSON.stringify would (own enumerable properties, `toJSON`, boxed
 * primitives unwrapped, `undefined` properties left out and `undefined` array items null),
 * and refuses here, naming the field, what JSON would change or drop: NaN and ±Infinity,
 * BigInt, functions and symbols, lone surrogates; and cycles, nesting past 32 levels, strings
 * and keys past MAX_STRING_CHARS, arguments past MAX_ARGUMENT_CHARS. A getter, `toJSON` or
 * Proxy trap that throws is an InvalidArgument for `what`. `bounded: false` (responses) skips
 * the input bounds and the surrogate check.
 */
export function pack(value, what, bounded = true) {
  const out = [];
  let size = 0;
  const stack = [];
  const emit = (s) => {
    size += s.length;
    if (bounded && size > MAX_ARGUMENT_CHARS) {
      throw new CiError('InvalidArgument', `${what} must be at most ${MAX_ARGUMENT_CHARS} characters when sent (got more)`, { field: what });
    }
    out.push(s);
  };
  const text = (s, path) => {
    if (bounded) {
      const problem = stringProblem(s);
      if (problem) throw new CiError('InvalidArgument', `${path} ${problem}`, { field: path });
    }
    return packText(s);
  };
  const walk = (v, key, path, depth) => {
    if (v !== null && typeof v === 'object' && typeof v.toJSON === 'function') v = v.toJSON(key);
    if (v instanceof Number || v instanceof String || v instanceof Boolean) v = v.valueOf();
    const t = typeof v;
    if (v === null || v === undefined) return emit('z');
    if (t === 'string') return emit('s' + text(v, path) + '\0');
    if (t === 'boolean') return emit(v ? 't' : 'f');
    if (t === 'number') {
      if (!Number.isFinite(v)) throw new CiError('InvalidArgument', `${path} must be a finite number (got ${v})`, { field: path });
      return emit('n' + String(v) + '\0');
    }
    if (t !== 'object') throw new CiError('InvalidArgument', `${path} must be plain data, not a ${t}`, { field: path });
    if (depth >= MAX_DEPTH || stack.includes(v)) throw new CiError('InvalidArgument', `${what} ${PLAIN_DATA}`, { field: what });
    stack.push(v);
    const prefix = depth === 0 ? '' : path;
    if (Array.isArray(v)) {
      emit('a');
      for (let i = 0; i < v.length; i++) walk(v[i], String(i), `${depth === 0 ? what : prefix}[${i}]`, depth + 1);
      emit(']');
    } else {
      emit('o');
      for (const k of Object.keys(v)) {
        const item = v[k];
        const t2 = typeof item;
        if (item === undefined) continue;
        const p = prefix === '' ? k : `${prefix}.${k}`;
        if (bounded) {
          const problem = stringProblem(k);
          if (problem) {
            const field = k.length > 256 ? what : p;
            throw new CiError('InvalidArgument', `${field}: a parameter name ${problem}`, { field });
          }
        }
        if (t2 === 'function' || t2 === 'symbol') throw new CiError('InvalidArgument', `${p} must be plain data, not a ${t2}`, { field: p });
        emit('k' + packText(k) + '\0');
        walk(item, k, p, depth + 1);
      }
      emit('}');
    }
    stack.pop();
  };
  try {
    walk(value, '', what, 0);
  } catch (e) {
    if (e instanceof CiError) throw e;
    // A getter, toJSON or Proxy trap that threw (or a stack exhausted by depth).
    const structural = e instanceof RangeError;
    throw new CiError('InvalidArgument', `${what} ${structural ? PLAIN_DATA : 'could not be read: ' + messageOf(e)}`, { field: what, cause: e });
  }
  return out.join('');
}

/**
 * `{ statusCode, status, headers }` packed directly when it is what transports give (integer
 * statuses, a flat object of string and integer header values) — every parse crosses one, so
 * this skips the general walk; undefined for anything else (`pack` then says what is wrong).
 */
function packHead(statusCode, status, headers) {
  const int = (v) => (v === undefined ? '' : Number.isSafeInteger(v) ? 'n' + v + '\0' : null);
  const a = int(statusCode);
  const b = int(status);
  if (a === null || b === null) return undefined;
  let out = 'o' + (a ? 'kstatusCode\0' + a : '') + (b ? 'kstatus\0' + b : '');
  if (headers === undefined) return out + '}';
  if (headers === null || typeof headers !== 'object' || Array.isArray(headers) || typeof headers.toJSON === 'function') return undefined;
  out += 'kheaders\0o';
  for (const name of Object.keys(headers)) {
    const v = headers[name];
    if (typeof v === 'string') out += 'k' + packText(name) + '\0s' + packText(v) + '\0';
    else if (Number.isSafeInteger(v)) out += 'k' + packText(name) + '\0n' + v + '\0';
    else if (v !== undefined) return undefined;
  }
  return out + '}}';
}

/** UTF-8 length of `s`, counted up to just past `limit`. */
function utf8Length(s, limit) {
  let n = 0;
  for (let i = 0; i < s.length && n <= limit; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * A transport's response for the wasm parser: `[json, body]`. Only what the parser reads
 * goes into the JSON; a string body (the normal case) goes beside it as its own string, so
 * it is never escaped into JSON and read back out. Anything else (no body, or a body of the
 * wrong type for the parser to name) stays in the JSON. Bounded before anything crosses: a
 * success body past MAX_RESPONSE_BYTES is LimitExceeded, an error body is cut to its first
 * ERROR_PREFIX_CHARS, headers past MAX_HEADER_CHARS are LimitExceeded. A 3xx answer is a
 * NetworkError (redirects are never followed, in any runtime).
 */
function responseArgs(response) {
  // Not an object: the parser names what it got (JSON cannot carry a BigInt, a function or a symbol).
  if (response === null || typeof response !== 'object') {
    // Not an object: the parser names what it got (a BigInt, a function or a symbol crosses as null).
    const t = typeof response;
    return [t === 'number' || t === 'string' || t === 'boolean' ? pack(response, 'response', false) : 'z', ''];
  }
  let statusCode, status, headers, body;
  try {
    ({ statusCode, status, body } = response);
    headers = numbersAsText(response.headers);
  } catch (e) {
    throw new CiError('InvalidResponse', 'the response could not be read: ' + messageOf(e), { field: 'response', cause: e });
  }
  const code = statusCode !== undefined && statusCode !== null ? statusCode : status; // as the parser reads it
  const requestId = () => {
    try {
      const id = headers && typeof headers === 'object' ? headers['x-ci-request-id'] || headers['x-cos-request-id'] : undefined;
      return typeof id === 'string' && id.length <= 256 ? id : undefined;
    } catch {
      return undefined;
    }
  };
  if (Number.isInteger(code) && code >= 300 && code < 400) {
    throw new CiError('NetworkError', `the answer was a redirect (HTTP ${code}), which is never followed: check Endpoint, Bucket and Region`, {
      statusCode: code,
      requestId: requestId(),
      requestSent: true,
    });
  }
  const ok = Number.isInteger(code) && code >= 200 && code < 300;
  if (typeof body === 'string') {
    if (!ok && body.length > ERROR_PREFIX_CHARS) body = body.slice(0, ERROR_PREFIX_CHARS);
    if (ok && body.length * 3 > MAX_RESPONSE_BYTES) {
      const n = utf8Length(body, MAX_RESPONSE_BYTES);
      if (n > MAX_RESPONSE_BYTES) {
        throw new CiError('LimitExceeded', `the response body is more than the ${MAX_RESPONSE_BYTES} bytes accepted`, {
          field: 'body',
          statusCode: code,
          requestId: requestId(),
        });
      }
    }
  }
  const beside = typeof body === 'string';
  // Any other body is the wrong type: only its type matters to the parser's error.
  if (!beside && body !== null && typeof body === 'object') body = Array.isArray(body) ? [] : {};
  let json;
  try {
    json = beside ? packHead(statusCode, status, headers) : undefined;
    if (json === undefined) json = pack(beside ? { statusCode, status, headers } : { statusCode, status, headers, body }, 'response', false);
  } catch (e) {
    throw new CiError('InvalidResponse', 'the transport gave a response that is not plain data: ' + messageOf(e), { field: 'response', cause: e });
  }
  if (json !== undefined && json.length > MAX_HEADER_CHARS + (beside ? 0 : MAX_RESPONSE_BYTES)) {
    throw new CiError('LimitExceeded', `the response is more than ${MAX_HEADER_CHARS} characters as JSON, besides its body`, {
      field: 'headers',
      statusCode: code,
    });
  }
  return [json, beside ? body : ''];
}

// getAuthorization's fast path: options that are plain strings and numbers are packed into
// one NUL-separated string (src/bindings/mod.rs: get_authorization_packed), which the wasm
// reads without a JSON parse or a value tree. Anything else — another option, another type,
// a NUL anywhere — takes the JSON path, which names the field in its error.
const MAX_START_TIME = 4294967295 * 4;
const MAX_EXPIRES = 10 * 365 * 24 * 3600;

function isPlainObject(v) {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

// Not packed: NUL (the separator) and any surrogate — JSON carries a lone surrogate as an
// escape the wasm refuses, while a packed string would reach it as U+FFFD. (Strings with
// paired surrogates, such as emoji, simply take the JSON path.)
const UNPACKABLE = /[\0\uD800-\uDFFF]/;
/** A packable string. */
const packable = (v) => typeof v === 'string' && v.length <= MAX_STRING_CHARS && !UNPACKABLE.test(v);
const absent = (v) => v === undefined || v === null;
const optional = (v) => absent(v) || packable(v);
const integerIn = (v, min, max) => Number.isSafeInteger(v) && v >= min && v <= max;

/** `count\0name\0value…` of a Query/Headers object of strings and finite numbers, or undefined. */
function packPairs(obj) {
  if (absent(obj)) return '0';
  if (!isPlainObject(obj)) return undefined;
  const names = Object.keys(obj);
  let out = String(names.length);
  for (const name of names) {
    const v = obj[name];
    let text;
    if (typeof v === 'string') text = v;
    else if (Number.isFinite(v)) text = String(v);
    else return undefined;
    if (!packable(name) || !packable(text)) return undefined;
    out += '\0' + name + '\0' + text;
  }
  return out;
}

const isTextNumber = (v) => typeof v === 'number' && Number.isFinite(v) && !Number.isSafeInteger(v);

/**
 * A Query/Headers object (or a response's headers) with its finite numbers other than safe
 * integers replaced by the text `String(n)` gives — what a JS transport sends and
 * cos-js-sdk-v5 signs (the wasm has no float formatting, and Rust would write `1e21`
 * differently). Like JSON.stringify, it reads own enumerable properties of any object (class
 * instances such as axios's headers included); NaN and ±Infinity are left for pack to refuse.
 * Anything else, and an object without such numbers, is returned as it is.
 */
function numbersAsText(obj) {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj) || typeof obj.toJSON === 'function') return obj;
  const names = Object.keys(obj);
  if (!names.some((name) => isTextNumber(obj[name]))) return obj;
  const out = {};
  for (const name of names) {
    const v = obj[name];
    // defineProperty: an own `__proto__` key stays a key.
    Object.defineProperty(out, name, { value: isTextNumber(v) ? String(v) : v, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** The flat options for getAuthorization's fast path (`wasm.getAuthorization(true, …)`), or undefined for the packed tree. */
function packOptions(options, startTime) {
  if (!isPlainObject(options)) return undefined;
  let SecretId, SecretKey, Method, Key, Pathname, Query, Headers, KeyTime, StartTime, Expires, offset;
  // Own enumerable properties only, as JSON.stringify sees them.
  for (const name of Object.keys(options)) {
    const v = options[name];
    switch (name) {
      case 'SecretId': SecretId = v; break;
      case 'SecretKey': SecretKey = v; break;
      case 'Method': Method = v; break;
      case 'Key': Key = v; break;
      case 'Pathname': Pathname = v; break;
      case 'Query': Query = v; break;
      case 'Headers': Headers = v; break;
      case 'KeyTime': KeyTime = v; break;
      case 'StartTime': StartTime = v; break;
      case 'Expires': Expires = v; break;
      case 'SystemClockOffset': offset = v; break; // ignored by the signer, but JSON must be able to carry it
      default: return undefined;
    }
  }
  if (startTime !== undefined) StartTime = startTime;
  if (!(optional(offset) || Number.isFinite(offset))) return undefined;
  if (!packable(SecretId) || !packable(SecretKey)) return undefined;
  if (!optional(Method) || !optional(Key) || !optional(Pathname) || !optional(KeyTime) || KeyTime === '') return undefined;
  if (!(absent(StartTime) || integerIn(StartTime, 0, MAX_START_TIME))) return undefined;
  if (!(absent(Expires) || integerIn(Expires, 1, MAX_EXPIRES))) return undefined;
  const query = packPairs(Query);
  const headers = query === undefined ? undefined : packPairs(Headers);
  if (headers === undefined) return undefined;
  const opt = (v) => (absent(v) ? '' : String(v));
  const packed =
    SecretId + '\0' + SecretKey + '\0' + (absent(Method) ? 'get' : Method) + '\0' + opt(Pathname) + '\0' + opt(Key) + '\0' +
    opt(KeyTime) + '\0' + opt(StartTime) + '\0' + opt(Expires) + '\0' + query + '\0' + headers;
  // Too long: the JSON path names the bound.
  return packed.length <= MAX_ARGUMENT_CHARS ? packed : undefined;
}

/**
 * @param {object} wasm the wasm-bindgen exports
 * @param {() => void} ready throws a CiError('NotInitialized') while the wasm is not loaded
 */
export function makeCore(wasm, ready) {
  const call = (fn, args) => {
    ready();
    try {
      return fn.apply(undefined, args);
    } catch (e) {
      throw fromWasmError(e);
    }
  };
  /** `fn`, throwing only CiError: anything else thrown while reading the caller's objects is `code` for `field`. */
  const guarded = (fn, code, field) =>
    function () {
      try {
        return fn.apply(undefined, arguments);
      } catch (e) {
        if (e instanceof CiError) throw e;
        throw new CiError(code, field + ' could not be read: ' + messageOf(e), { field, cause: e });
      }
    };
  const core = {
    getAuthorization: guarded(function getAuthorization(options) {
      let opts = options;
      let startTime;
      if (opts && typeof opts === 'object' && opts.KeyTime == null && opts.StartTime == null) {
        startTime = seconds(Date.now() + (Number(opts.SystemClockOffset) || 0)) - 1;
      }
      const packed = packOptions(opts, startTime);
      if (packed !== undefined) return call(wasm.getAuthorization, [true, packed]);
      if (startTime !== undefined) opts = { ...opts, StartTime: startTime };
      if (opts !== null && typeof opts === 'object' && !Array.isArray(opts)) {
        const Query = numbersAsText(opts.Query);
        const Headers = numbersAsText(opts.Headers);
        if (Query !== opts.Query || Headers !== opts.Headers) opts = { ...opts, Query, Headers };
      }
      return call(wasm.getAuthorization, [false, pack(opts, 'options')]);
    }, 'InvalidArgument', 'options'),
  };
  /**
   * A job-finished notification as the service POSTs it to a queue's callback Url: its body as
   * text (XML, or JSON with ResultFormat JSON), the JSON already parsed, or `{ body, headers? }`
   * as a server framework hands a request over. Bounded and strict like every parser.
   */
  core.parseDocProcessJobNotification = guarded(function parseDocProcessJobNotification(input) {
    let body = input !== null && typeof input === 'object' && !Array.isArray(input) && 'body' in input ? input.body : input;
    if (typeof body === 'string') {
      if (body.length * 3 > MAX_RESPONSE_BYTES && utf8Length(body, MAX_RESPONSE_BYTES) > MAX_RESPONSE_BYTES) {
        throw new CiError('LimitExceeded', `the notification body is more than the ${MAX_RESPONSE_BYTES} bytes accepted`, { field: 'body' });
      }
      if (/^\s*</.test(body)) return JSON.parse(call(wasm.parseNotification, [true, body]));
      try {
        body = JSON.parse(body);
      } catch (e) {
        throw new CiError('InvalidResponse', 'is neither XML nor JSON: ' + messageOf(e), { field: 'body', cause: e });
      }
    }
    if (body === null || typeof body !== 'object') {
      throw new CiError('InvalidResponse', "must be the notification's body: XML or JSON text, or the parsed JSON (got " + (body === null ? 'null' : typeof body) + ')', {
        field: 'body',
      });
    }
    return JSON.parse(call(wasm.parseNotification, [false, pack(body, 'body', false)]));
  }, 'InvalidResponse', 'body');
  /**
   * A presigned DocPreview URL (usable as an `<img src>`): the signature in its query, and
   * the token of temporary keys. `signing` is required: keys, whose key time defaults to
   * now − 1 s for `Expires` (default 900) seconds; or `{ Authorization, SecurityToken? }`
   * that a server made for this request (`GET /<Key>`, its query, `Host`).
   */
  core.getDocPreviewUrl = (config, params, signing) => {
    if (signing === undefined || signing === null) {
      throw new CiError('MissingArgument', 'signing: credentials (SecretId, SecretKey, SecurityToken?) are required to presign a URL', {
        field: 'signing',
      });
    }
    // A server's Authorization says its own key time.
    const made = typeof signing === 'object' && 'Authorization' in signing;
    const args = [DOC_PREVIEW, true, pack(config, 'config'), pack(params, 'params'), pack(made ? signing : guarded(withKeyTime, 'InvalidArgument', 'signing')(signing), 'signing')];
    return JSON.parse(call(wasm.build, args));
  };
  // The wasm's build and parse take the operation's index in the table (OPERATIONS' order).
  OPERATIONS.forEach(({ name, answer }, op) => {
    core['build' + name] = (config, params, signing) => {
      const args = [op, false, pack(config, 'config'), pack(params, 'params'), pack(guarded(withKeyTime, 'InvalidArgument', 'signing')(signing), 'signing')];
      return JSON.parse(call(wasm.build, args));
    };
    const read = answer === 'bytes' ? withoutPage : (response) => response;
    core['parse' + name] = (response) => JSON.parse(call(wasm.parse, [op, ...responseArgs(read(response))]));
  });
  return core;
}
