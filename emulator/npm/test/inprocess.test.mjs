// The in-process emulator in Node (from the packed tarballs, installed side by side).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as emulator from 'cos-ci-emulator';
import * as lib from 'cos-ci-wasm';
import { scenario } from './scenario.mjs';

test('createEmulator: the seven operations, a job to its notification, a preview, faults, keys — in process', async () => {
  const checked = await scenario(emulator, lib);
  assert.deepEqual(checked, ['queues', 'jobs', 'notifications', 'preview', 'faults', 'temporary keys', 'requests']);
});

test('startEmulator: the same emulator over HTTP on 127.0.0.1, and its transport', async () => {
  const emu = await emulator.startEmulator({ jobStartMs: 10, jobRunMs: 10 });
  try {
    assert.match(emu.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    const overHttp = new lib.CiClient({ Bucket: emu.bucket, Region: emu.region, Endpoint: emu.endpoint, ...emu.credentials, transport: lib.fetchTransport() });
    const inProcess = new lib.CiClient({ Bucket: emu.bucket, Region: emu.region, ...emu.credentials, transport: emu.transport });
    const { QueueList } = await overHttp.describeDocProcessQueues();
    const created = await inProcess.createDocProcessJobs({
      QueueId: QueueList[0].QueueId,
      Input: { Object: 'a.docx' },
      Operation: { DocProcess: {}, Output: { Region: emu.region, Bucket: emu.bucket, Object: 'out/a-${Number}.jpg' } },
    });
    // One emulator: the job made in process finishes on its own and is seen over HTTP.
    const job = await overHttp.waitForDocProcessJob(created.JobsDetail[0].JobId, { interval: 20, timeout: 5000 });
    assert.equal(job.State, 'Success');
    assert.deepEqual(emu.requests.slice(0, 2).map((r) => r.operation), ['DescribeDocProcessQueues', 'CreateDocProcessJobs']);
    assert.ok(emu.requests[0].url.startsWith(emu.endpoint + '/docqueue'));
  } finally {
    await emu.close();
  }
});

test('startEmulator: jobs advanced over HTTP record their notification; control calls are not requests', async () => {
  const emu = await emulator.startEmulator({ manualJobs: true, deliverNotifications: false });
  try {
    const ci = new lib.CiClient({ Bucket: emu.bucket, Region: emu.region, Endpoint: emu.endpoint, ...emu.credentials, transport: lib.fetchTransport() });
    const { QueueList } = await ci.describeDocProcessQueues();
    const queue = QueueList[0];
    await ci.updateDocProcessQueue({ QueueId: queue.QueueId, Name: queue.Name, State: 'Active', NotifyConfig: { State: 'On', Event: 'TaskFinish', Type: 'Url', Url: 'https://cb.example.com/ci' } });
    const output = { Region: emu.region, Bucket: emu.bucket, Object: 'out/${Number}.jpg' };
    await ci.createDocProcessJobs({ QueueId: queue.QueueId, Input: { Object: 'a.docx' }, Operation: { DocProcess: {}, Output: output } });
    for (let i = 0; i < 2; i++) assert.equal((await fetch(emu.endpoint + '/-/emulator/advance', { method: 'POST' })).status, 200);
    assert.equal(emu.notifications.length, 1);
    assert.equal(emu.notifications[0].url, 'https://cb.example.com/ci');
    assert.deepEqual(emu.requests.map((r) => r.operation), ['DescribeDocProcessQueues', 'UpdateDocProcessQueue', 'CreateDocProcessJobs']);
  } finally {
    await emu.close();
  }
});

test('objects: other keys do not exist — a preview is 404 NoSuchKey, a job ends Failed', async () => {
  const emu = await emulator.createEmulator({ objects: ['docs/a.docx'], manualJobs: true });
  const ci = new lib.CiClient({ Bucket: emu.bucket, Region: emu.region, ...emu.credentials, transport: emu.transport });
  assert.equal((await ci.docPreview({ Key: 'docs/a.docx' })).TotalPage, 5);
  await assert.rejects(ci.docPreview({ Key: 'docs/b.docx' }), (e) => e instanceof lib.CiError && e.code === 'ServiceError' && e.statusCode === 404 && e.serviceCode === 'NoSuchKey');
  const { QueueList } = await ci.describeDocProcessQueues();
  const output = { Region: emu.region, Bucket: emu.bucket, Object: 'out/${Number}.jpg' };
  const { JobsDetail } = await ci.createDocProcessJobs({ QueueId: QueueList[0].QueueId, Input: { Object: 'docs/b.docx' }, Operation: { DocProcess: {}, Output: output } });
  await emu.advance();
  await emu.advance();
  const [job] = (await ci.describeDocProcessJob({ JobId: JobsDetail[0].JobId })).JobsDetail;
  assert.deepEqual([job.State, job.Code], ['Failed', 'NoSuchKey']);
  await emu.close();
});

test('options are checked: an unknown option, a bad value', async () => {
  await assert.rejects(emulator.createEmulator({ buckets: ['x'] }), /cos-ci-emulator: buckets is not an option/);
  await assert.rejects(emulator.createEmulator({ bucket: 'nobucket' }), /cos-ci-emulator: --bucket: /);
  await assert.rejects(emulator.createEmulator({ pages: 0 }), /--pages and --sheets must be at least 1/);
});
