// CiError: the one error type of the package. Every failure — bad input found
// before sending, a transport failure, a timeout, an abort, an error from the
// service, a response that does not parse — is a CiError with a stable `code`.

const DETAIL_FIELDS = [
  'field',
  'statusCode',
  'requestId',
  'serviceCode',
  'serviceMessage',
  'resource',
  'traceId',
  'serverTime',
  'jobId',
  'checkWith',
  'requestSent',
];

/** Marks a CiError of any copy of the package (ESM and CommonJS builds in one program). */
const BRAND = Symbol.for('cos-ci-wasm.CiError');

export class CiError extends Error {
  /** `instanceof CiError` holds for the errors of every copy of this package in the program. */
  static [Symbol.hasInstance](value) {
    // A subclass keeps the ordinary rule: a CiError is not an instance of it.
    if (this !== CiError) return Function.prototype[Symbol.hasInstance].call(this, value);
    if (value === null || typeof value !== 'object') return false;
    try {
      return value[BRAND] === true;
    } catch {
      return false; // a hostile value (a Proxy whose every read throws) is no CiError
    }
  }

  /**
   * @param {string} code stable code, e.g. 'InvalidArgument', 'ServiceError', 'TimeoutError'
   * @param {string} message
   * @param {object} [details] field, statusCode, requestId, serviceCode, serviceMessage,
   *   resource, traceId, serverTime, jobId, checkWith (AmbiguousOutcome), requestSent (NetworkError), cause
   */
  constructor(code, message, details) {
    super(withField(message, details && details.field));
    Object.defineProperty(this, BRAND, { value: true });
    this.name = 'CiError';
    this.code = code;
    this.field = undefined;
    this.statusCode = undefined;
    this.requestId = undefined;
    if (details) {
      for (const k of DETAIL_FIELDS) {
        if (details[k] !== undefined && details[k] !== null) this[k] = details[k];
      }
      if (details.cause !== undefined) {
        Object.defineProperty(this, 'cause', { value: details.cause, writable: true, configurable: true });
      }
    }
  }
}

/**
 * A message starts with the field it is about, as the crate writes its own (`Error::message`):
 * `State: must be one of All, Active, Paused (got "Running")`. A message that already names
 * the field first (`maxAttempts must be …`) gets the colon; a field that is not a plain path
 * is quoted there.
 */
function withField(message, field) {
  if (typeof field !== 'string' || field === '') return message;
  const shown = field.length <= 128 && /^[A-Za-z0-9._\-[\]$]+$/.test(field) ? field : JSON.stringify(field.slice(0, 64));
  if (message.startsWith(shown + ': ')) return message;
  return shown + ': ' + (message.startsWith(field + ' ') ? message.slice(field.length + 1) : message);
}

/**
 * ` (did you mean X?)` for the name in `known` that `key` most likely meant — one that differs
 * in letter case, else the nearest within a few edits (as the crate's value.rs `closest`) —
 * or ''.
 */
export function didYouMean(key, known) {
  const lower = key.toLowerCase();
  let best = known.find((n) => n.toLowerCase() === lower);
  if (best === undefined && key.length <= 64) {
    const allowed = key.length <= 5 ? 1 : key.length <= 11 ? 2 : 3;
    let bestDistance = allowed + 1;
    for (const n of known) {
      const d = editDistance(lower, n.toLowerCase());
      if (d < bestDistance) [best, bestDistance] = [n, d];
    }
  }
  return best === undefined ? '' : ' (did you mean ' + best + '?)';
}

/** Optimal-string-alignment distance (insertions, deletions, substitutions, swaps of neighbours). */
function editDistance(a, b) {
  const d = [];
  for (let i = 0; i <= a.length; i++) {
    d.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        d[i][j] = j;
        continue;
      }
      let v = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2][j - 2] + 1);
      d[i][j] = v;
    }
  }
  return d[a.length][b.length];
}

/** Turns whatever a wasm export threw into a CiError. */
export function fromWasmError(e) {
  if (e instanceof CiError) return e;
  if (e && e.name === 'CiError' && typeof e.code === 'string') {
    const details = {};
    for (const k of DETAIL_FIELDS) if (k !== 'field') details[k] = e[k];
    // The crate's message already starts with the field (rendered by Error::message).
    const error = new CiError(e.code, e.message, details);
    if (typeof e.field === 'string') error.field = e.field;
    return error;
  }
  // A trap (`RuntimeError: unreachable`) would mean a bug in the Rust core:
  // none is reachable by design, but it must still reach the caller as a CiError.
  return new CiError('InternalError', 'cos-ci-wasm internal error: ' + messageOf(e) + ' (please report it)', { cause: e });
}

/**
 * A thrown value's message, read without trusting it (a getter may throw, a Proxy may
 * trap, String() may throw): never throws, at most 500 characters.
 */
export function messageOf(e) {
  let text;
  try {
    text = e !== null && typeof e === 'object' && typeof e.message === 'string' ? e.message : String(e);
  } catch {
    text = 'an unreadable error';
  }
  return text.length > 500 ? text.slice(0, 500) + '…' : text;
}
