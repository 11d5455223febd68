// Seeds the fuzz corpora from the test fixtures: fuzz/corpus/<target>/seed-*.
// Run by `make fuzz` / `make fuzz-smoke` before the fuzzers; cargo fuzz then adds
// what it finds to the same folders (not committed: see fuzz/README.md).
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OPERATIONS, XML, CONFIG } from '../bench/cases.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '..', 'tests', 'fixtures');
const ORDER = [
  'DescribeDocProcessQueues', 'UpdateDocProcessQueue', 'DescribeAiProcessQueues', 'UpdateAiProcessQueue',
  'CreateDocProcessJobs', 'DescribeDocProcessJob', 'DescribeDocProcessJobs',
];
const STATUS_INDEX = { 200: 0, 204: 3, 400: 4, 403: 5, 404: 6, 503: 7 };

function writeAll(target, seeds) {
  const dir = join(here, 'corpus', target);
  mkdirSync(dir, { recursive: true });
  seeds.forEach((bytes, i) => writeFileSync(join(dir, 'seed-' + String(i).padStart(4, '0')), bytes));
  return seeds.length;
}
const frame = (a, b, text) => Buffer.concat([Buffer.from([a, b]), Buffer.from(text, 'utf8')]);

// parse_response: every response body of the fixtures, for every operation.
const bodies = new Set(Object.values(XML));
for (const v of JSON.parse(readFileSync(join(fixtures, 'xml-python.json'), 'utf8'))) bodies.add(JSON.stringify([v.xml, v.http_status]));
/** Every string in a parsed capture that is an XML document (the bodies the SDKs received). */
function xmlStrings(value, out) {
  if (typeof value === 'string') {
    if (/^\s*<(\?xml|Response|Error)\b/.test(value)) out.add(value);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) xmlStrings(v, out);
  }
  return out;
}
for (const dir of ['python', 'js']) {
  for (const f of readdirSync(join(fixtures, 'captures', dir))) {
    xmlStrings(JSON.parse(readFileSync(join(fixtures, 'captures', dir, f), 'utf8')), bodies);
  }
}
const parseSeeds = [];
for (const b of bodies) {
  const [xml, status] = b.startsWith('[') ? JSON.parse(b) : [b, 200];
  for (let op = 0; op < 7; op++) parseSeeds.push(frame(op, STATUS_INDEX[status] ?? 0, xml));
}

// sign: the signing vectors, framed as fuzz_targets/sign.rs reads them.
const signSeeds = JSON.parse(readFileSync(join(fixtures, 'sign.json'), 'utf8')).map((c) => {
  const lines = (o, sep) => Object.entries(o || {}).map(([k, v]) => k + sep + v).join('\n');
  const options = { SecretId: c.secret_id, SecretKey: c.secret_key, Method: c.method, Pathname: c.path, Query: c.query, Headers: c.headers, KeyTime: c.key_time };
  return Buffer.from([c.method, c.path, lines(c.query, '='), lines(c.headers, ':'), '', c.secret_id, c.secret_key, c.key_time, 'ph', JSON.stringify(options)].join('\0'));
});

// build_request: the operations' parameters of the benchmarks, signed and not, and with other configs.
const buildSeeds = [];
ORDER.forEach((name, op) => {
  const params = JSON.stringify(OPERATIONS[name]);
  buildSeeds.push(frame(op, 0, params), frame(op, 1, params));
  for (const config of [{ ...CONFIG, Protocol: 'http' }, { ...CONFIG, Endpoint: '127.0.0.1:8080', Protocol: 'http' }]) {
    buildSeeds.push(frame(op, 1, JSON.stringify(config) + '\0' + params));
  }
});

console.log(
  'seeded parse_response %d, sign %d, build_request %d',
  writeAll('parse_response', parseSeeds), writeAll('sign', signSeeds), writeAll('build_request', buildSeeds),
);
