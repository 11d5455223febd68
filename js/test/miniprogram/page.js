// Page code of the simulated mini-program (copied to pages/index/index.js of the code
// package by js/test/miniprogram.test.mjs). It runs inside the simulator: CommonJS,
// `wx` and WXWebAssembly only. Results go back to the test as JSON.
const ci = require('cos-ci-wasm');
const COS = require('cos-wx-sdk-v5');

const WASM_PATH = '/miniprogram_npm/cos-ci-wasm/cos_ci_wasm_bg.wasm.br';

function errorJson(e) {
  return {
    isCiError: e instanceof ci.CiError,
    isError: e instanceof Error,
    name: e && e.name,
    code: e && e.code,
    field: e && e.field,
    statusCode: e && e.statusCode,
    requestId: e && e.requestId,
    serviceCode: e && e.serviceCode,
    message: e && e.message,
  };
}

/** Runs fn; its result or its error as JSON-able data. */
async function attempt(fn) {
  try {
    const value = await fn();
    return { ok: true, value: value === undefined ? null : JSON.parse(JSON.stringify(value)), metadata: value && value.$metadata };
  } catch (e) {
    return { ok: false, error: errorJson(e) };
  }
}

/** A client over wx.request with STS credentials from `getSts` (the user's server), or over cos-wx-sdk-v5. */
function client(opts) {
  const base = { Bucket: opts.Bucket, Region: opts.Region, Endpoint: opts.Endpoint };
  if (opts.via === 'wx.request') {
    return new ci.CiClient(Object.assign(base, { transport: ci.wxRequestTransport(wx), getCredentials: opts.getSts }));
  }
  const cos = new COS({
    getAuthorization(_options, callback) {
      Promise.resolve(opts.getSts()).then(callback);
    },
  });
  return new ci.CiClient(Object.assign(base, { transport: ci.cosRequestTransport(cos) }));
}

/** The seven operations in the order a user would call them; every result (or error) as data. */
async function sevenOperations(opts) {
  const c = client(opts);
  const out = {};
  out.DescribeDocProcessQueues = await attempt(() => c.describeDocProcessQueues({ State: 'All' }));
  out.DescribeAiProcessQueues = await attempt(() => c.describeAiProcessQueues());
  const docQueue = out.DescribeDocProcessQueues.value.QueueList[0];
  const aiQueue = out.DescribeAiProcessQueues.value.QueueList[0];
  out.UpdateDocProcessQueue = await attempt(() =>
    c.updateDocProcessQueue({ QueueId: docQueue.QueueId, Name: docQueue.Name, State: 'Active', NotifyConfig: { State: 'Off' } }),
  );
  out.UpdateAiProcessQueue = await attempt(() =>
    c.updateAiProcessQueue({
      QueueId: aiQueue.QueueId,
      Name: 'ai & "queue" 队列',
      State: 'Active',
      NotifyConfig: { State: 'On', Type: 'Url', Url: 'https://callback.example.com/ci?a=1&b=2', Event: 'TaskFinish', ResultFormat: 'JSON' },
    }),
  );
  out.CreateDocProcessJobs = await attempt(() =>
    c.createDocProcessJobs({
      Input: { Object: '文档/报告 1.docx' },
      Operation: {
        DocProcess: { TgtType: 'png', StartPage: 1, EndPage: -1 },
        Output: { Bucket: opts.Bucket, Region: opts.Region, Object: 'preview/报告_${Number}.png' },
      },
    }),
  );
  const jobId = out.CreateDocProcessJobs.value.JobsDetail[0].JobId;
  out.DescribeDocProcessJob = await attempt(() => c.describeDocProcessJob({ JobId: jobId }));
  out.DescribeDocProcessJobs = await attempt(() => c.describeDocProcessJobs({ QueueId: docQueue.QueueId, Size: 100 }));
  out.waitForDocProcessJob = await attempt(() => c.waitForDocProcessJob(jobId, { interval: 20, timeout: 5000 }));
  return out;
}

/** Calls that must fail, each as error data. */
async function errors(opts) {
  const c = client(opts);
  const missing = client(Object.assign({}, opts, { Bucket: 'missing-1250000000' }));
  const sent = wx.calls ? wx.calls.length : 0;
  const bad = {
    State: await attempt(() => c.describeDocProcessQueues({ State: 'active' })),
    QueueId: await attempt(() => c.updateDocProcessQueue({ QueueId: '../p1', Name: 'n', State: 'Active', NotifyConfig: {} })),
    JobId: await attempt(() => c.describeDocProcessJob({})),
    Size: await attempt(() => c.describeDocProcessJobs({ QueueId: 'p1', Size: 1.5 })),
  };
  const sentAfterBadInput = (wx.calls ? wx.calls.length : 0) - sent;
  return {
    bad,
    sentAfterBadInput,
    noSuchBucket: await attempt(() => missing.describeAiProcessQueues()),
  };
}

module.exports = { ci, COS, WASM_PATH, attempt, client, sevenOperations, errors };
