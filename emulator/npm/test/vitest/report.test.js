// The package README's example, as a vitest user writes it: createEmulator in the test
// process, CiClient through emu.transport, assertions on what arrived.
import { test, expect } from 'vitest';
import { createEmulator } from 'cos-ci-emulator';
import { CiClient, CiError } from 'cos-ci-wasm';

test('a report is converted to page images', async () => {
  const emu = await createEmulator({ manualJobs: true, pages: 3 });
  const ci = new CiClient({ Bucket: emu.bucket, Region: emu.region, ...emu.credentials, transport: emu.transport });

  const { QueueList } = await ci.describeDocProcessQueues();
  const { JobsDetail } = await ci.createDocProcessJobs({
    QueueId: QueueList[0].QueueId,
    Input: { Object: 'reports/q3.docx' },
    Operation: { DocProcess: { TgtType: 'png' }, Output: { Region: emu.region, Bucket: emu.bucket, Object: 'pages/q3-${Number}.png' } },
  });
  await emu.advance();
  await emu.advance();
  const [job] = (await ci.describeDocProcessJob({ JobId: JobsDetail[0].JobId })).JobsDetail;
  expect(job.State).toBe('Success');
  expect(job.Operation.DocProcessResult.PageInfo).toHaveLength(3);
  expect(emu.requests.map((r) => r.operation)).toEqual(['DescribeDocProcessQueues', 'CreateDocProcessJobs', 'DescribeDocProcessJob']);
  await emu.close();
});

test('an injected 503 is retried; a second one with retries off is a ServiceError', async () => {
  const emu = await createEmulator();
  const ci = new CiClient({ Bucket: emu.bucket, Region: emu.region, ...emu.credentials, transport: emu.transport });
  await emu.faults({ failNext: 1 });
  await expect(ci.describeAiProcessQueues()).resolves.toHaveProperty('QueueList');
  await emu.faults({ failNext: 1 });
  await expect(ci.describeAiProcessQueues({}, { retry: { maxAttempts: 1 } })).rejects.toSatisfy(
    (e) => e instanceof CiError && e.code === 'ServiceError' && e.statusCode === 503,
  );
  expect(emu.requests.map((r) => r.status)).toEqual([503, 200, 503]);
  await emu.close();
});
