// make demo: the main job, end to end in Node with the built package (pkg/), or with the
// package named by COS_CI_WASM_MODULE (make demo-npm: the one installed from npm).
//
//   node js/demo.mjs <emulator-url>       against the local emulator (scripts/demo.sh starts it)
//   COS_SECRET_ID=… COS_SECRET_KEY=… [COS_SECURITY_TOKEN=…] COS_BUCKET=… COS_REGION=… \
//   COS_DEMO_OBJECT=<a document in the bucket> node js/demo.mjs
//                                         against the real service
//
// Describes both queues, pauses and resumes the doc-preview queue, sets the AI queue's
// callback, submits a doc-preview job, waits for it and pages through the queue's jobs —
// printing each request descriptor (Authorization shortened, token hidden) and each typed result.
import { pathToFileURL } from 'node:url';

const entry = process.env.COS_CI_WASM_MODULE ? pathToFileURL(process.env.COS_CI_WASM_MODULE).href : '../pkg/dist/node/index.mjs';
const { CiClient, CiError, fetchTransport } = await import(entry);

const emulator = process.argv[2];
const env = process.env;
const real = !emulator;
if (real && !(env.COS_SECRET_ID && env.COS_SECRET_KEY && env.COS_BUCKET && env.COS_REGION)) {
  console.error('usage: node js/demo.mjs <emulator-url>, or set COS_SECRET_ID, COS_SECRET_KEY, COS_BUCKET, COS_REGION');
  process.exit(2);
}
const Bucket = real ? env.COS_BUCKET : 'examplebucket-1250000000';
const Region = real ? env.COS_REGION : 'ap-guangzhou';

/** A transport that prints each descriptor before handing it to fetch. */
function printing(inner) {
  return {
    name: 'printing ' + inner.name,
    signsRequests: inner.signsRequests,
    send(request, options) {
      const headers = { ...request.Headers };
      if (headers.Authorization) headers.Authorization = headers.Authorization.replace(/q-signature=(\w{8})\w+/, 'q-signature=$1…').replace(/&q-url-param-list=[^&]*/, '&…');
      if (headers['x-ci-security-token']) headers['x-ci-security-token'] = '(token hidden)';
      console.log('  → ' + JSON.stringify({ ...request, Headers: headers }));
      return inner.send(request, options);
    },
  };
}

const ci = new CiClient({
  Bucket,
  Region,
  ...(real ? {} : { Endpoint: emulator }),
  transport: printing(fetchTransport()),
  SecretId: real ? env.COS_SECRET_ID : 'AKIDEXAMPLE',
  SecretKey: real ? env.COS_SECRET_KEY : 'secretEXAMPLE',
  ...(real && env.COS_SECURITY_TOKEN ? { SecurityToken: env.COS_SECURITY_TOKEN } : {}),
});

async function step(title, fn) {
  console.log('\n' + title);
  const out = await fn();
  console.log('  ← ' + JSON.stringify(out));
  return out;
}

try {
  console.log(`cos-ci-wasm demo: bucket ${Bucket} in ${Region} (${real ? 'the real service' : 'emulator ' + emulator})`);
  const docQueues = await step('DescribeDocProcessQueues', () => ci.describeDocProcessQueues());
  const aiQueues = await step('DescribeAiProcessQueues', () => ci.describeAiProcessQueues());
  const docQueue = docQueues.QueueList[0];
  const aiQueue = aiQueues.QueueList[0];
  if (!docQueue) throw new Error('the bucket has no doc-preview queue (enable document preview first)');
  const notify = docQueue.NotifyConfig && docQueue.NotifyConfig.State === 'On'
    ? { State: 'On', Type: docQueue.NotifyConfig.Type, Url: docQueue.NotifyConfig.Url, Event: docQueue.NotifyConfig.Event, ResultFormat: docQueue.NotifyConfig.ResultFormat }
    : { State: 'Off' };
  await step('UpdateDocProcessQueue: pause', () =>
    ci.updateDocProcessQueue({ QueueId: docQueue.QueueId, Name: docQueue.Name, State: 'Paused', NotifyConfig: notify }));
  await step('UpdateDocProcessQueue: resume', () =>
    ci.updateDocProcessQueue({ QueueId: docQueue.QueueId, Name: docQueue.Name, State: 'Active', NotifyConfig: notify }));
  if (aiQueue) {
    await step("UpdateAiProcessQueue: the AI queue's callback", () =>
      ci.updateAiProcessQueue({
        QueueId: aiQueue.QueueId, Name: aiQueue.Name, State: 'Active',
        NotifyConfig: { State: 'On', Type: 'Url', Url: env.COS_DEMO_CALLBACK || 'https://callback.example.com/ci', Event: 'TaskFinish', ResultFormat: 'JSON' },
      }));
  }
  const object = env.COS_DEMO_OBJECT || 'demo/季度报告.docx';
  const created = await step('CreateDocProcessJobs', () =>
    ci.createDocProcessJobs({
      QueueId: docQueue.QueueId,
      Input: { Object: object },
      Operation: { DocProcess: { TgtType: 'jpg', StartPage: 1, EndPage: -1 }, Output: { Bucket, Region, Object: 'demo-preview/page_${Number}.jpg' } },
    }));
  const jobId = created.JobsDetail[0].JobId;
  await step('DescribeDocProcessJob', () => ci.describeDocProcessJob({ JobId: jobId }));
  await step('waitForDocProcessJob (polls DescribeDocProcessJob)', () =>
    ci.waitForDocProcessJob(jobId, { interval: real ? 3000 : 150, timeout: real ? 10 * 60 * 1000 : 10000 }));
  console.log('\npaginateDescribeDocProcessJobs (DescribeDocProcessJobs, Size 5, following NextToken)');
  let n = 0;
  for await (const page of ci.paginateDescribeDocProcessJobs({ QueueId: docQueue.QueueId, Size: 5 })) {
    n++;
    console.log(`  ← page ${n}: ${page.JobsDetail.length} job(s): ${page.JobsDetail.map((j) => j.JobId + ' ' + j.State).join(', ')}`);
    if (n >= 10) break;
  }
  console.log('\ndemo: done');
} catch (e) {
  if (e instanceof CiError) {
    console.error(`\ndemo failed: CiError ${e.code}${e.field ? ' (' + e.field + ')' : ''}: ${e.message}` +
      (e.statusCode ? ` [HTTP ${e.statusCode}${e.requestId ? ', request id ' + e.requestId : ''}]` : ''));
  } else {
    console.error('\ndemo failed:', e);
  }
  process.exit(1);
}
