// The programmatic emulator for test suites: the core in this process, driven
// through its own control endpoints (the ones `POST /-/emulator/…` serves).
import { openCore, headerObject, respond, sleep, startTicker } from './core.js';
import { loadCore } from 'virtual:load';
import { TextEncoder, TextDecoder } from 'virtual:text';
import { OPTIONS, FAULTS } from './options.generated.js';
import { requestUrl } from '../../../js/src/url.js';

const OWN = ['deliverNotifications', 'wasmPath'];

function fail(message) {
  return new Error('cos-ci-emulator: ' + message);
}

/** The command line an options object stands for (OPTIONS: generated from the core's table). */
export function argsOf(options = {}) {
  if (options === null || typeof options !== 'object') throw fail('options must be an object');
  const args = [];
  for (const key of Object.keys(options)) {
    const v = options[key];
    if (v === undefined || OWN.includes(key)) continue;
    const o = Object.prototype.hasOwnProperty.call(OPTIONS, key) ? OPTIONS[key] : undefined;
    if (!o) throw fail(key + ' is not an option (' + Object.keys(OPTIONS).concat(OWN).join(', ') + ')');
    if (o.takes === 'switch') {
      if (typeof v !== 'boolean') throw fail(key + ' must be true or false');
      if (v) args.push(o.flag);
    } else if (o.takes === 'texts') {
      for (const t of Array.isArray(v) ? v : [v]) args.push(o.flag, String(t));
    } else if (o.takes === 'credentials') {
      if (!Array.isArray(v) || v.length === 0) throw fail(key + ' must be a non-empty array of { SecretId, SecretKey, SecurityToken? }');
      for (const c of v) {
        if (!c || typeof c.SecretId !== 'string' || typeof c.SecretKey !== 'string') {
          throw fail(key + ' must be a non-empty array of { SecretId, SecretKey, SecurityToken? }');
        }
        args.push(o.flag, [c.SecretId, c.SecretKey].concat(c.SecurityToken ? [c.SecurityToken] : []).join(':'));
      }
    } else {
      args.push(o.flag, String(v));
    }
  }
  return args;
}

/** The core's first keys (configured, else its defaults), as CiClient options. */
function credentialsOf(core) {
  const [SecretId, SecretKey, SecurityToken] = core.credentials;
  return SecurityToken ? { SecretId, SecretKey, SecurityToken } : { SecretId, SecretKey };
}

/** `{ href, host, target }` of an http(s) URL (no URL class: mini-programs have none). */
function splitUrl(href) {
  const m = /^https?:\/\/([^/?#]+)([^?#]*)(\?[^#]*)?/i.exec(href);
  if (!m) throw fail('the transport takes http(s) URLs (got ' + JSON.stringify(String(href).slice(0, 100)) + ')');
  return { href, host: m[1].toLowerCase(), target: (m[2] || '/') + (m[3] || '') };
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The emulator object around a core, and the function that takes its notifications (records
 * them; `deliver` POSTs them, in Node, or is undefined).
 */
export function makeEmulator(core, deliver) {
  const requests = [];
  const notifications = [];
  const notify = (list) => {
    for (const n of list) {
      notifications.push(n);
      if (deliver) deliver(n);
    }
  };
  let stopTicker = startTicker(core, notify);

  /** One request through the core with no waiting (control endpoints). */
  function control(path) {
    const pending = core.receive('POST', path, [], new Uint8Array(0), Date.now());
    const { status, body, notifications } = respond(core, pending, Date.now());
    const text = decoder.decode(body);
    notify(notifications);
    if (status !== 200) throw fail(path + ' answered ' + status + ': ' + text);
    return text;
  }

  const transport = {
    name: 'cos-ci-emulator',
    signsRequests: false,
    async send(request, { signal, binary } = {}) {
      if (signal && signal.aborted) throw signal.reason;
      const url = splitUrl(requestUrl(request));
      // What fetch sends: Host from the URL, the descriptor's headers, Content-Length of the body.
      const headers = ['host', url.host];
      for (const name of Object.keys(request.Headers || {})) {
        const lower = name.toLowerCase();
        if (lower !== 'host' && lower !== 'content-length') headers.push(lower, String(request.Headers[name]));
      }
      const given = request.Body !== undefined && request.Body !== null;
      const body = !given ? new Uint8Array(0) : typeof request.Body === 'string' ? encoder.encode(request.Body) : new Uint8Array(request.Body);
      // As fetch: a string body with no Content-Type is text/plain; POST and PUT always carry a length.
      if (given && typeof request.Body === 'string' && !headers.some((h, i) => i % 2 === 0 && h === 'content-type')) headers.push('content-type', 'text/plain;charset=UTF-8');
      if (given || request.Method === 'POST' || request.Method === 'PUT') headers.push('content-length', String(body.length));
      const pending = core.receive(request.Method, url.target, headers, body, Date.now());
      try {
        if (pending.delayMs > 0) await sleep(pending.delayMs, signal);
      } catch (e) {
        pending.free();
        throw e;
      }
      const { status, headers: out, body: bytes, cut, delayMs, notifications, operation } = respond(core, pending, Date.now());
      requests.push({ method: request.Method, url: url.href, headers: headerObject(headers), body: decoder.decode(body), status, operation });
      notify(notifications);
      if (delayMs > 0) await sleep(delayMs, signal);
      if (cut !== undefined) throw fail('the connection closed mid-response (injected fault)');
      out['content-length'] = String(bytes.length);
      const ok = status >= 200 && status < 300;
      return { statusCode: status, headers: out, body: binary && ok ? bytes : decoder.decode(bytes) };
    },
  };

  const emu = {
    bucket: core.bucket,
    region: core.region,
    credentials: credentialsOf(core),
    transport,
    requests,
    notifications,
    /** Temporary keys valid for `seconds` (default 1800), in the shape `getCredentials` returns. */
    async mintTemporaryKeys({ seconds } = {}) {
      return JSON.parse(control('/-/emulator/sts' + (seconds === undefined ? '' : '?seconds=' + encodeURIComponent(seconds))));
    },
    /** Moves every movable job one step (Submitted → Running → Success/Failed); resolves to how many moved. */
    async advance() {
      return Number(/<Jobs>(\d+)<\/Jobs>/.exec(control('/-/emulator/advance'))[1]);
    },
    /** Sets faults for the next requests (FAULTS: generated from the core's table), all or none. */
    async faults(f = {}) {
      const q = [];
      for (const k of Object.keys(f)) {
        if (!FAULTS.includes(k)) throw fail(k + ' is not a fault (' + FAULTS.join(', ') + ')');
        if (f[k] !== undefined) q.push(encodeURIComponent(k) + '=' + encodeURIComponent(f[k]));
      }
      control('/-/emulator/faults?' + q.join('&'));
    },
    /** Runs the emulator's clock `seconds` ahead of this machine's (negative: behind). */
    async skewClock(seconds) {
      return emu.faults({ skew: seconds });
    },
    async close() {
      stopTicker();
      stopTicker = () => {};
    },
  };
  return { emu, notify };
}

/**
 * An emulator in this process, with no sockets: `emu.transport` is a CiClient transport.
 * Works in Node and in browsers.
 */
export async function createEmulator(options = {}) {
  return makeEmulator(await coreFor(argsOf(options), undefined, options.wasmPath), undefined).emu;
}

/** A core for a command line; `trace` as openCore takes it; `wasmPath` for mini-programs. */
export async function coreFor(args, trace, wasmPath) {
  const { Core } = await loadCore(wasmPath);
  try {
    return openCore(Core, args, trace);
  } catch (e) {
    throw fail(e.message);
  }
}
