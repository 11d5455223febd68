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
      if (opts && typeof opts === 'object' && opts.KeyTime == null && opts.StartTime == null) {
        opts = { ...opts, StartTime: seconds(Date.now() + (Number(opts.SystemClockOffset) || 0)) - 1 };
      }
      return call(wasm.getAuthorization, [opts]);
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
    core['build' + name] = (config, params, signing) => call(build, [config, params, withKeyTime(signing)]);
    core['parse' + name] = (response) => call(parse, [response]);
  }
  return core;
}
