// Timing, the same in Node and in the browser: warm each case up, size its batches to
// about `batchMs`, then run `reps` repetitions interleaved across the cases (the starting
// case rotates each repetition) and report the median per-call time with min and max.
// Comparisons are only ever made between cases measured together by one call.

let sink; // results are kept here so no call can be optimised away

export function keep(v) {
  sink = v;
}

export function sunk() {
  return sink;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Calls `fn` for about `ms` and returns how many calls fit into `batchMs`. */
function calibrate(fn, ms, batchMs) {
  let calls = 0;
  const t0 = performance.now();
  let t = t0;
  do {
    sink = fn();
    calls++;
    t = performance.now();
  } while (t - t0 < ms);
  const perCall = (t - t0) / calls;
  return Math.max(1, Math.round(batchMs / perCall));
}

/**
 * @param {{ name: string, fn: () => unknown }[]} cases
 * @param {{ reps: number, warmupMs: number, batchMs: number }} knobs
 * @returns {{ name: string, us: number, min: number, max: number, batch: number, reps: number }[]} µs per call
 */
export function measure(cases, { reps, warmupMs, batchMs }) {
  const batch = cases.map((c) => calibrate(c.fn, warmupMs, batchMs));
  const samples = cases.map(() => []);
  for (let r = 0; r < reps; r++) {
    for (let k = 0; k < cases.length; k++) {
      const i = (k + r) % cases.length;
      const fn = cases[i].fn;
      const n = batch[i];
      const t0 = performance.now();
      for (let j = 0; j < n; j++) sink = fn();
      samples[i].push(((performance.now() - t0) * 1000) / n);
    }
  }
  return cases.map((c, i) => ({
    name: c.name,
    us: median(samples[i]),
    min: Math.min(...samples[i]),
    max: Math.max(...samples[i]),
    batch: batch[i],
    reps,
  }));
}
