// The pure layer: one builder and one parser per operation, and getAuthorization —
// the wasm exports wrapped so that every failure is a CiError and the clock is read
// here (the Rust signer never reads one).

import { CiError, fromWasmError } from './errors.js';

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

/**
 * A parameter object as JSON text for the wasm — one string crossing per call. What JSON
 * cannot carry faithfully is refused here, naming the field: NaN and ±Infinity (JSON would
 * turn them into null), BigInt, functions and symbols. `undefined` is absent, as before.
 * Cycles and absurd depth are refused too (the wasm also bounds depth at 32).
 */
export function toJson(value, what) {
  if (value === undefined || value === null) return 'null';
  const paths = new Map(); // holder object → its dotted path
  let text;
  try {
    text = JSON.stringify(value, function (key, v) {
      const base = paths.get(this); // undefined: the root (its holder is JSON.stringify's wrapper)
      const path = base === undefined ? what : Array.isArray(this) ? `${base}[${key}]` : base === '' ? key : `${base}.${key}`;
      const t = typeof v;
      if (t === 'object' && v !== null) {
        paths.set(v, base === undefined ? '' : path); // fields are named from the root, as the wasm names them
      } else if (t === 'number') {
        if (!Number.isFinite(v)) throw new CiError('InvalidArgument', `${path} must be a finite number (got ${v})`, { field: path });
      } else if (t === 'bigint' || t === 'function' || t === 'symbol') {
        throw new CiError('InvalidArgument', `${path} must be plain data, not a ${t}`, { field: path });
      }
      return v;
    });
  } catch (e) {
    if (e instanceof CiError) throw e;
    throw new CiError('InvalidArgument', `${what} ${PLAIN_DATA}`, { field: what, cause: e });
  }
  return text === undefined ? 'null' : text;
}

/**
 * A transport's response for the wasm parser: `[json, body]`. Only what the parser reads
 * goes into the JSON; a string body (the normal case) goes beside it as its own string, so
 * it is never escaped into JSON and read back out. Anything else (no body, or a body of the
 * wrong type for the parser to name) stays in the JSON.
 */
function responseArgs(response) {
  if (response === null || typeof response !== 'object') return [JSON.stringify(response === undefined ? null : response), ''];
  const { statusCode, status, body } = response;
  const headers = numbersAsText(response.headers);
  const beside = typeof body === 'string';
  try {
    return [JSON.stringify(beside ? { statusCode, status, headers } : { statusCode, status, headers, body }), beside ? body : ''];
  } catch (e) {
    throw new CiError('InvalidResponse', 'the transport gave a response that is not plain data: ' + e.message, { field: 'response', cause: e });
  }
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
const packable = (v) => typeof v === 'string' && !UNPACKABLE.test(v);
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
 * instances such as axios's headers included); NaN and ±Infinity are left for toJson to refuse.
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

/** The packed options for getAuthorizationPacked, or undefined for the JSON path. */
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
  return (
    SecretId + '\0' + SecretKey + '\0' + (absent(Method) ? 'get' : Method) + '\0' + opt(Pathname) + '\0' + opt(Key) + '\0' +
    opt(KeyTime) + '\0' + opt(StartTime) + '\0' + opt(Expires) + '\0' + query + '\0' + headers
  );
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
  const core = {
    getAuthorization(options) {
      let opts = options;
      let startTime;
      if (opts && typeof opts === 'object' && opts.KeyTime == null && opts.StartTime == null) {
        startTime = seconds(Date.now() + (Number(opts.SystemClockOffset) || 0)) - 1;
      }
      const packed = packOptions(opts, startTime);
      if (packed !== undefined) return call(wasm.getAuthorizationPacked, [packed]);
      if (startTime !== undefined) opts = { ...opts, StartTime: startTime };
      if (opts !== null && typeof opts === 'object' && !Array.isArray(opts)) {
        const Query = numbersAsText(opts.Query);
        const Headers = numbersAsText(opts.Headers);
        if (Query !== opts.Query || Headers !== opts.Headers) opts = { ...opts, Query, Headers };
      }
      return call(wasm.getAuthorization, [toJson(opts, 'options')]);
    },
  };
  for (const name of [
    'DescribeDocProcessQueues',
    'UpdateDocProcessQueue',
    'DescribeAiProcessQueues',
    'UpdateAiProcessQueue',
    'CreateDocProcessJobs',
    'DescribeDocProcessJob',
    'DescribeDocProcessJobs',
  ]) {
    const build = wasm['build' + name];
    const parse = wasm['parse' + name];
    core['build' + name] = (config, params, signing) =>
      JSON.parse(call(build, [toJson(config, 'config'), toJson(params, 'params'), toJson(withKeyTime(signing), 'signing')]));
    core['parse' + name] = (response) => JSON.parse(call(parse, responseArgs(response)));
  }
  return core;
}
