// cos-nodejs-sdk-v5 as a client of the local emulator, through cos.request as
// Tencent's examples use it (Url + Key + Query/Body/ContentType).
// Usage: node node_sdk.js http://127.0.0.1:<port>   — prints `N passed, M failed`.
'use strict';
const COS = require('cos-nodejs-sdk-v5');

const base = process.argv[2];
const BUCKET = 'examplebucket-1250000000';
let passed = 0;
let failed = 0;

function check(name, cond, detail) {
  if (cond) passed++;
  else {
    failed++;
    console.error('FAIL', name, JSON.stringify(detail));
  }
}

const asList = (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function request(cos, params) {
  return new Promise((resolve) => {
    cos.request({ ...params, Url: `${base}/${params.Key}` }, (err, data) => resolve({ err, data }));
  });
}

async function run(label, cos) {
  let r = await request(cos, { Method: 'GET', Key: 'docqueue', Query: { queueIds: '', state: 'Active', pageNumber: '', pageSize: '' } });
  const queue = r.data && asList(r.data.Response.QueueList)[0];
  check(`${label} describeDocProcessQueues`, !r.err && queue.Category === 'DocProcessing', r.err || r.data);
  const queueId = queue.QueueId;

  r = await request(cos, { Method: 'GET', Key: 'ai_queue', Query: { state: 'Active' } });
  const ai = r.data && asList(r.data.Response.QueueList)[0];
  check(`${label} describeAiProcessQueues`, !r.err && ai.Category === 'AIProcess', r.err || r.data);

  const docBody = COS.util.json2xml({
    Request: { Name: 'doc-queue', QueueID: queueId, State: 'Active', NotifyConfig: { Url: '', Type: 'Url', Event: 'TaskFinish', State: 'Off' } },
  });
  r = await request(cos, { Method: 'PUT', Key: `docqueue/${queueId}`, Body: docBody, ContentType: 'application/xml' });
  check(`${label} updateDocProcessQueue`, !r.err && r.data.Response.Queue.Name === 'doc-queue', r.err || r.data);

  const aiBody = COS.util.json2xml({ Request: { Name: 'my_queue', State: 'Active', NotifyConfig: { State: 'On', Event: 'TaskFinish', Type: 'Url', Url: 'http://example.com' } } });
  r = await request(cos, { Method: 'PUT', Key: `ai_queue/${ai.QueueId}`, Body: aiBody, ContentType: 'application/xml' });
  check(`${label} updateAiProcessQueue`, !r.err && r.data.Response.Queue.NotifyConfig.State === 'On', r.err || r.data);

  const jobBody = COS.util.json2xml({
    Request: {
      Tag: 'DocProcess',
      Input: { Object: '文档.docx' },
      Operation: { DocProcess: { TgtType: 'jpg' }, Output: { Bucket: BUCKET, Region: 'ap-guangzhou', Object: '文档转码_${Number}.jpg' } },
      QueueId: queueId,
    },
  });
  r = await request(cos, { Method: 'POST', Key: 'doc_jobs', Body: jobBody, ContentType: 'application/xml' });
  const created = r.data && r.data.Response.JobsDetail;
  check(`${label} createDocProcessJobs`, !r.err && created.State === 'Submitted', r.err || r.data);
  const jobId = created.JobId;

  const deadline = Date.now() + 10000;
  let job;
  for (;;) {
    r = await request(cos, { Method: 'GET', Key: `doc_jobs/${jobId}` });
    job = r.data && r.data.Response.JobsDetail;
    if (r.err || ['Success', 'Failed'].includes(job.State) || Date.now() > deadline) break;
    await new Promise((res) => setTimeout(res, 50));
  }
  const pages = job && job.Operation.DocProcessResult ? asList(job.Operation.DocProcessResult.PageInfo) : [];
  check(`${label} describeDocProcessJob`, !r.err && job.State === 'Success' && pages.length === 5 && pages[0].TgtUri === '文档转码_1.jpg', r.err || job);

  r = await request(cos, { Method: 'GET', Key: 'doc_jobs', Query: { queueId, tag: 'DocProcess' } });
  check(`${label} describeDocProcessJobs`, !r.err && asList(r.data.Response.JobsDetail).some((j) => j.JobId === jobId), r.err || r.data);
}

async function refused(label, cos) {
  const calls = [
    { Method: 'GET', Key: 'docqueue', Query: { state: 'Active' } },
    { Method: 'PUT', Key: 'docqueue/p0', Body: '<Request><Name>n</Name></Request>', ContentType: 'application/xml' },
    { Method: 'GET', Key: 'ai_queue' },
    { Method: 'PUT', Key: 'ai_queue/p0', Body: '<Request><Name>n</Name></Request>', ContentType: 'application/xml' },
    { Method: 'POST', Key: 'doc_jobs', Body: '<Request><Tag>DocProcess</Tag></Request>', ContentType: 'application/xml' },
    { Method: 'GET', Key: 'doc_jobs/d0' },
    { Method: 'GET', Key: 'doc_jobs', Query: { queueId: 'p0', tag: 'DocProcess' } },
  ];
  for (const call of calls) {
    const r = await request(cos, call);
    check(`${label} ${call.Method} ${call.Key}`, r.err && r.err.statusCode === 403 && r.err.code === 'SignatureDoesNotMatch', r.err || r.data);
  }
}

(async () => {
  await run('permanent', new COS({ SecretId: 'AKIDEXAMPLE', SecretKey: 'secretEXAMPLE' }));
  await run('temporary', new COS({ SecretId: 'AKIDTMPEXAMPLE', SecretKey: 'tmpsecretEXAMPLE', SecurityToken: 'tokenEXAMPLE' }));
  await refused('wrong key', new COS({ SecretId: 'AKIDEXAMPLE', SecretKey: 'not-the-key' }));
  await refused('wrong temporary key', new COS({ SecretId: 'AKIDTMPEXAMPLE', SecretKey: 'not-the-key', SecurityToken: 'tokenEXAMPLE' }));
  console.log(`node cos-nodejs-sdk-v5: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
})();
