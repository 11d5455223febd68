// The Node shell of the npm emulator: the core behind `node:http`, as the native
// binary (emulator/src/main.rs) serves it — the same waits, broken connections,
// job ticker and notification delivery.
import http from 'node:http';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { headerObject, respond, sleep } from './core.js';

/** Largest request body the core accepts (emulator/src/service.rs MAX_BODY). */
const MAX_BODY = 1 << 20;

let traces = 0;

/**
 * The trace writer `openCore` takes, when COS_CI_EMULATOR_TRACE names a folder
 * (contributors' differential test): one JSON Lines file per core. A trace holds
 * everything the core saw, keys and minted secrets included: it is a test artefact.
 */
export function traceWriter() {
  const dir = process.env.COS_CI_EMULATOR_TRACE;
  if (!dir) return undefined;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, process.pid + '-' + ++traces + '.jsonl');
  return (record) => appendFileSync(file, JSON.stringify(record) + '\n');
}

/** POSTs one TaskFinish notification (http:// only, 5 s timeout; the answer is ignored). */
export function deliver(n, log) {
  let url;
  try {
    url = new URL(n.url);
  } catch {
    url = undefined;
  }
  if (!url || url.protocol !== 'http:') {
    log('callback to ' + n.url + ' failed: only http:// callback URLs can be delivered by the emulator');
    return;
  }
  const body = Buffer.from(n.body);
  const req = http.request(
    url,
    {
      method: 'POST',
      headers: { 'Content-Type': n.contentType, 'Content-Length': body.length, Connection: 'close', 'User-Agent': 'cos-ci-emulator' },
      timeout: 5000,
    },
    (res) => res.resume(),
  );
  req.on('timeout', () => {
    log('callback to ' + n.url + ' timed out');
    req.destroy();
  });
  req.on('error', (e) => {
    if (!req.destroyed || e.code !== 'ECONNRESET') log('callback to ' + n.url + ' failed: ' + e.message);
  });
  req.end(body);
}

/** A header value Node sends as it is (Latin-1 without control characters but tab). */
const sendable = (v) => !/[^\t\x20-\x7e\x80-\xff]/.test(v);

/**
 * Serves `core` on `host:port` (0: a free port). `notify(list)` gets the notifications the
 * control endpoint's advance produced (the job ticker is the caller's); `record(entry)` sees
 * every request but preflights and control calls. Resolves to `{ server, port, stop() }` once
 * listening; rejects when it cannot bind.
 */
export function serve(core, { host, port, log, notify, record }) {
  const sockets = new Set();
  async function answer(req, res) {
    const chunks = [];
    let size = 0;
    for await (const c of req) {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    }
    const body = size > MAX_BODY ? undefined : new Uint8Array(Buffer.concat(chunks));
    const headers = req.rawHeaders.map((h, i) => (i % 2 ? h : h.toLowerCase()));
    const pending = core.receive(req.method, req.url, headers, body, Date.now());
    if (pending.delayMs > 0) {
      await sleep(pending.delayMs);
      // The client gave up during the delay: as with the native server, the request is not carried out.
      if (req.socket.destroyed) return pending.free();
    }
    const { status, headers: replyHeaders, body: bytes, cut, delayMs, notifications, operation } = respond(core, pending, Date.now());
    const control = req.url.startsWith('/-/emulator/');
    if (record && !control && req.method !== 'OPTIONS') {
      record({ method: req.method, url: 'http://' + (req.headers.host || host) + req.url, headers: headerObject(headers), body, status, operation });
    }
    notify(notifications);
    if (delayMs > 0) await sleep(delayMs);
    if (res.destroyed) return;
    res.sendDate = false;
    res.statusCode = status;
    for (const name of Object.keys(replyHeaders)) {
      const v = replyHeaders[name];
      // A Content-Type fault with a value HTTP cannot carry: text/plain, as the native server sends.
      if (sendable(v)) res.setHeader(name, v);
      else if (name === 'content-type') res.setHeader(name, 'text/plain');
    }
    if (cut === undefined) {
      res.setHeader('content-length', bytes.length);
      res.end(bytes);
      return;
    }
    // The truncate and close faults: the whole length announced, part of it sent, then the connection closed.
    res.setHeader('content-length', Math.max(bytes.length, 1));
    res.flushHeaders();
    if (cut > 0) res.write(bytes.subarray(0, cut));
    setTimeout(() => res.socket && res.socket.destroy(), 50);
  }
  const server = http.createServer((req, res) => {
    answer(req, res).catch((e) => {
      // A client that went away mid-body, or a bug: never an unhandled rejection.
      if (req.destroyed || req.socket.destroyed) return;
      log('answering ' + req.method + ' ' + req.url.slice(0, 200) + ' failed: ' + (e && e.message));
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader('content-type', 'text/plain');
        res.end('cos-ci-emulator: internal error');
      } else {
        res.destroy();
      }
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const stop = () =>
        new Promise((done) => {
          server.close(() => done());
          for (const s of sockets) s.destroy();
        });
      resolve({ server, port: server.address().port, stop });
    });
  });
}
