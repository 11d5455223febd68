// The numbers quoted to users come from the committed bench/RESULTS.md: every number of the
// table in docs/benchmarks.md (its first column, which names the case, aside) and the payload
// sizes in the README's status line must be in RESULTS.md — so a new `make bench` whose
// results are not carried over fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const results = readFileSync(join(repo, 'bench', 'RESULTS.md'), 'utf8');
const tokens = new Set(results.match(/\d[\d,]*(?:\.\d+)?/g));

test('the benchmark table quotes RESULTS.md', () => {
  const doc = readFileSync(join(repo, 'docs', 'benchmarks.md'), 'utf8');
  const start = doc.indexOf('| | cos-ci-wasm | cos-js-sdk-v5 | cos-nodejs-sdk-v5 |');
  assert.ok(start >= 0, 'the table is in docs/benchmarks.md');
  const rows = doc.slice(start).split('\n\n')[0].split('\n').slice(2);
  let checked = 0;
  for (const row of rows) {
    const cells = row.split('|').slice(2).join('|');
    for (const n of cells.match(/\d[\d,]*(?:\.\d+)?/g) || []) {
      if (n === '5') continue; // cos-wx-sdk-v5, cos-js-sdk-v5: names, not numbers
      checked++;
      assert.ok(tokens.has(n), `docs/benchmarks.md quotes ${n} (${row.split('|')[1].trim()}), which bench/RESULTS.md does not have`);
    }
  }
  assert.ok(checked >= 30, `${checked} numbers checked`);
});

test("the README's payload sizes are RESULTS.md's", () => {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const kb = [...readme.matchAll(/(\d+\.\d) KB brotli for browsers,\s+(\d+\.\d) KB for mini-programs/g)];
  assert.equal(kb.length, 1, 'the status line quotes both payloads');
  const bytes = (label) => Number(new RegExp('\\| ' + label + '[^|]*\\| ([\\d,]+) B \\|').exec(results)[1].replace(/,/g, ''));
  // Rounded to 0.1 KB (1 KB = 1,000 B here).
  for (const [quoted, label] of [[kb[0][1], 'browser payload'], [kb[0][2], 'mini-program payload']]) {
    assert.ok(Math.abs(Number(quoted) * 1000 - bytes(label)) <= 50, `README: ${quoted} KB for the ${label}, RESULTS.md: ${bytes(label)} B`);
  }
});
