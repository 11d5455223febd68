// The Node shell of the npm emulator: the core behind `node:http`, as the native
// binary (emulator/src/main.rs) serves it — the same waits, broken connections,
// job ticker and notification delivery.
import http from 'node:http';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { headerObject, notificationList, sleep } from './core.js';

/** Largest request body the core accepts (emulator/src/service.rs MAX_BODY). */
const MAX_BODY = 1 << 20;

let traces = 0;

/**
 * The trace writer `openCore` takes, when COS_CI_EMULATOR_TRACE names a folder
 * (contributors' differential test): one JSON Lines file per core.
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

/**
 * Serves `core` on `host:port` (0: a free port). `record(entry)` sees every request.
 * Resolves to `{ server, port, stop() }` once listening; rejects when it cannot bind.
 */
export function serve(core, { host, port, manualJobs, log, record }) {
  const sockets = new Set();
  const server = http.createServer(async (req, res) => {
    const chunks = [];
    let size = 0;
    for await (const c of req) {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    }
    const body = size > MAX_BODY ? undefined : new Uint8Array(Buffer.concat(chunks));
    const pending = core.receive(req.method, req.url, req.rawHeaders.map((h, i) => (i % 2 ? h : h.toLowerCase())), body, Date.now());
    if (pending.delayMs > 0) {
      await sleep(pending.delayMs);
      // The client gave up during the delay: as with the native server, the request is not carried out.
      if (req.socket.destroyed) return pending.free();
    }
    const a = core.respond(pending, Date.now());
    pending.free();
    if (record) record({ method: req.method, url: 'http://' + (req.headers.host || host) + req.url, headers: headerObject(req.rawHeaders.map((h, i) => (i % 2 ? h : h.toLowerCase()))), body, status: a.status, operation: a.operation });
    for (const n of notificationList(a.callbacks)) deliver(n, log);
    if (a.delayMs > 0) await sleep(a.delayMs);
    if (res.destroyed) return;
    const headers = headerObject(a.headers);
    const bytes = a.body;
    res.sendDate = false;
    res.statusCode = a.status;
    for (const name of Object.keys(headers)) res.setHeader(name, headers[name]);
    if (a.cut === undefined) {
      res.setHeader('content-length', bytes.length);
      res.end(bytes);
      return;
    }
    // The truncate and close faults: the whole length announced, part of it sent, then the connection closed.
    res.setHeader('content-length', Math.max(bytes.length, 1));
    res.flushHeaders();
    if (a.cut > 0) res.write(bytes.subarray(0, a.cut));
    setTimeout(() => res.socket && res.socket.destroy(), 50);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  let ticker;
  if (!manualJobs) {
    ticker = setInterval(() => {
      const t = core.tick(Date.now());
      const callbacks = t.callbacks;
      t.free();
      for (const n of notificationList(callbacks)) deliver(n, log);
    }, 10);
  }
  return new Promise((resolve, reject) => {
    server.once('error', (e) => {
      if (ticker) clearInterval(ticker);
      reject(e);
    });
    server.listen(port, host, () => {
      const stop = () =>
        new Promise((done) => {
          if (ticker) clearInterval(ticker);
          server.close(() => done());
          for (const s of sockets) s.destroy();
        });
      resolve({ server, port: server.address().port, stop, ticker });
    });
  });
}
