// What every shell of the npm emulator shares around the core (Rust, emulator/src/service.rs,
// compiled to wasm; loaded by load-embedded.js or load-wx.js).
/**
 * A core for a command line, started now. With `trace` (a function taking one
 * JSON-able record), everything the core is given and gives back is recorded:
 * `{ args, start }`, then `{ receive, id, method, target, headers, body }`,
 * `{ respond, id, reply }` and `{ tick, moved, callbacks }` (ticks that moved a job).
 * The native core replays such traces and must answer the same
 * (emulator/tests/differential.rs).
 */
export function openCore(Core, args, trace) {
  const start = Date.now();
  const core = new Core(args, start);
  if (!trace) return core;
  trace({ args, start });
  const receive = core.receive.bind(core);
  const respond = core.respond.bind(core);
  const tick = core.tick.bind(core);
  let seq = 0;
  core.receive = (method, target, headers, body, now) => {
    const pending = receive(method, target, headers, body, now);
    pending.traceId = ++seq;
    trace({ receive: now, id: pending.traceId, method, target, headers, body: body === undefined ? null : Array.from(body) });
    return pending;
  };
  core.respond = (pending, now) => {
    const a = respond(pending, now);
    const reply = { status: a.status, headers: a.headers, body: Array.from(a.body), cut: a.cut ?? null, delayMs: a.delayMs, callbacks: a.callbacks, operation: a.operation ?? null };
    trace({ respond: now, id: pending.traceId, reply });
    return a;
  };
  core.tick = (now) => {
    const t = tick(now);
    if (t.moved > 0) trace({ tick: now, moved: t.moved, callbacks: t.callbacks });
    return t;
  };
  return core;
}

/**
 * Carries out a pending request: the core's answer as plain values (each read once: every
 * read of a wasm getter copies), headers as an object, notifications as a list; the wasm
 * objects freed.
 */
export function respond(core, pending, now) {
  const a = core.respond(pending, now);
  pending.free();
  const answer = {
    status: a.status,
    headers: headerObject(a.headers),
    body: a.body,
    cut: a.cut,
    delayMs: a.delayMs,
    notifications: notificationList(a.callbacks),
    operation: a.operation,
  };
  a.free();
  return answer;
}

/** `[name, value, …]` → `{ name: value }` (names as the core wrote them: lower case). */
export function headerObject(flat) {
  const out = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[flat[i]] = flat[i + 1];
  return out;
}

/** `[url, contentType, body, …]` → `[{ url, contentType, body }]`. */
export function notificationList(flat) {
  const out = [];
  for (let i = 0; i + 2 < flat.length; i += 3) out.push({ url: flat[i], contentType: flat[i + 1], body: flat[i + 2] });
  return out;
}

/** Resolves after `ms`; rejects with the signal's reason if it aborts first. */
export function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal && signal.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      if (signal) signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal.reason);
    };
    if (signal) signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** The job ticker: every 10 ms, the core's tick; its notifications to `notify`. Returns a stop function. */
export function startTicker(core, notify) {
  if (core.manualJobs) return () => {};
  const timer = setInterval(() => {
    const t = core.tick(Date.now());
    const callbacks = t.callbacks;
    t.free();
    notify(notificationList(callbacks));
  }, 10);
  if (typeof timer.unref === 'function') timer.unref();
  return () => clearInterval(timer);
}
