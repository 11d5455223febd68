// The thin entry, cos-ci-wasm/core, from the installed tarball (ESM and CJS): exactly the pure
// layer's exports, and the same descriptors, signatures, results and errors as the default entry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUCKET, REGION, KEYS } from './helpers/emulator.mjs';

export function run(thin, full, label) {
  const names = Object.keys(thin).sort();
  test(`${label}: exports only the pure layer`, () => {
    const operations = full.OPERATIONS.map((op) => op.name);
    const expected = ['CiError', 'OPERATIONS', 'getAuthorization', 'getDocPreviewUrl', 'init', 'parseDocProcessJobNotification', 'requestUrl', ...operations.map((n) => 'build' + n), ...operations.map((n) => 'parse' + n)].sort();
    assert.deepEqual(names, expected);
    for (const absent of ['CiClient', 'fetchTransport', 'wxRequestTransport', 'cosRequestTransport']) assert.equal(thin[absent], undefined);
  });

  test(`${label}: the same descriptors, signatures and results as the default entry`, async () => {
    await thin.init();
    const config = { Bucket: BUCKET, Region: REGION };
    const signing = { ...KEYS, KeyTime: '1700000000;1700000900' };
    const params = {
      DescribeDocProcessQueues: { State: 'Active' },
      UpdateDocProcessQueue: { QueueId: 'p1', Name: 'q', State: 'Active', NotifyConfig: { State: 'Off' } },
      DescribeAiProcessQueues: {},
      UpdateAiProcessQueue: { QueueId: 'p1', Name: 'q', State: 'Paused' },
      CreateDocProcessJobs: { Input: { Object: 'a.docx' }, Operation: { Output: { ...config, Object: 'o/${Number}.png' } } },
      DescribeDocProcessJob: { JobId: 'd1' },
      DescribeDocProcessJobs: { QueueId: 'p1' },
      DocPreview: { Key: 'docs/a b.docx', Page: 2 },
    };
    for (const { name, host } of thin.OPERATIONS) {
      const d = thin['build' + name](config, params[name], signing);
      assert.deepEqual(d, full['build' + name](config, params[name], signing), name);
      assert.ok(thin.requestUrl(d).startsWith(`https://examplebucket-1250000000.${host}.ap-guangzhou.myqcloud.com/`), name);
    }
    assert.equal(thin.getDocPreviewUrl(config, params.DocPreview, signing), full.getDocPreviewUrl(config, params.DocPreview, signing));
    const auth = { ...KEYS, Method: 'GET', Key: 'docqueue', KeyTime: '1700000000;1700000900' };
    assert.equal(thin.getAuthorization(auth), full.getAuthorization(auth));
    const body = '<Response><RequestId>r</RequestId><JobsDetail><JobId>d1</JobId><State>Success</State></JobsDetail></Response>';
    assert.deepEqual(thin.parseDescribeDocProcessJob({ statusCode: 200, headers: {}, body }), full.parseDescribeDocProcessJob({ statusCode: 200, headers: {}, body }));
    assert.throws(() => thin.buildDescribeDocProcessJobs(config, { QueueId: 'a/b' }), (e) => e instanceof thin.CiError && e.code === 'InvalidArgument' && e.field === 'QueueId');
    assert.throws(() => thin.parseDescribeDocProcessJob({ statusCode: 200, body: '<Response>' }), (e) => e instanceof thin.CiError && e.code === 'InvalidXml');
  });
}
