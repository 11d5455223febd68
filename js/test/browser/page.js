// Runs in headless Chromium: the ESM build of the packed package, all seven operations and a
// presigned document preview as an <img>,
// with fetch against the emulator (another origin: CORS, preflights for the signed headers).
import { CiClient, fetchTransport, CiError, init, buildDescribeAiProcessQueues, getDocPreviewUrl } from 'cos-ci-wasm';

const q = new URLSearchParams(location.search);
const Endpoint = q.get('emu');
const Bucket = 'examplebucket-1250000000';
const Region = 'ap-guangzhou';
const now = () => Math.floor(Date.now() / 1000);

async function main() {
  const steps = [];
  const ci = new CiClient({
    Bucket, Region, Endpoint, transport: fetchTransport(),
    getCredentials: async () => ({
      TmpSecretId: 'AKIDTMPEXAMPLE', TmpSecretKey: 'tmpsecretEXAMPLE', SecurityToken: 'tokenEXAMPLE',
      StartTime: now() - 5, ExpiredTime: now() + 1800,
    }),
  });
  const docQueue = (await ci.describeDocProcessQueues({ State: 'Active' })).QueueList[0];
  steps.push('describeDocProcessQueues');
  const aiQueue = (await ci.describeAiProcessQueues()).QueueList[0];
  steps.push('describeAiProcessQueues');
  const paused = await ci.updateDocProcessQueue({ QueueId: docQueue.QueueId, Name: docQueue.Name, State: 'Paused', NotifyConfig: { State: 'Off' } });
  await ci.updateDocProcessQueue({ QueueId: docQueue.QueueId, Name: docQueue.Name, State: 'Active', NotifyConfig: { State: 'Off' } });
  steps.push('updateDocProcessQueue:' + paused.Queue[0].State);
  const ai = await ci.updateAiProcessQueue({
    QueueId: aiQueue.QueueId, Name: '浏览器 queue', State: 'Active',
    NotifyConfig: { State: 'On', Type: 'Url', Url: 'https://callback.example.com/ci', Event: ['TaskFinish'], ResultFormat: 'XML' },
  });
  steps.push('updateAiProcessQueue:' + ai.Queue[0].Name);
  const job = (await ci.createDocProcessJobs({
    Input: { Object: '浏览器/文档 1.docx' },
    Operation: { DocProcess: { TgtType: 'jpg' }, Output: { Bucket, Region, Object: 'out/页_${Number}.jpg' } },
  })).JobsDetail[0];
  steps.push('createDocProcessJobs:' + job.State);
  const one = await ci.describeDocProcessJob({ JobId: job.JobId });
  steps.push('describeDocProcessJob:' + one.JobsDetail[0].Input.Object);
  const list = await ci.describeDocProcessJobs({ QueueId: docQueue.QueueId, States: ['All'] });
  steps.push('describeDocProcessJobs:' + list.JobsDetail.some((j) => j.JobId === job.JobId));
  const done = await ci.waitForDocProcessJob(job.JobId, { interval: 20, timeout: 5000 });
  steps.push('waitForDocProcessJob:' + done.State + ':' + typeof done.Operation.DocProcessResult.TotalPageCount);
  // A presigned preview as an <img src> (no headers, no CORS), and the page's bytes through fetch.
  const img = new Image();
  img.src = await ci.getDocPreviewUrl({ Key: '浏览器/文档 1.docx', Page: 2, DstType: 'png' }, { Expires: 300 });
  await img.decode();
  const jpg = new Image();
  jpg.src = await ci.getDocPreviewUrl({ Key: 'docs/a.pptx' });
  await jpg.decode();
  steps.push('img:' + img.naturalWidth + 'x' + img.naturalHeight + ':' + jpg.naturalWidth);
  // The same URL tampered with (another page) or expired is refused: the image does not decode.
  const refused = async (src) => {
    const bad = new Image();
    bad.src = src;
    return bad.decode().then(() => 'decoded', () => 'refused');
  };
  await init();
  const keys = { SecretId: 'AKIDTMPEXAMPLE', SecretKey: 'tmpsecretEXAMPLE', SecurityToken: 'tokenEXAMPLE' };
  const expired = getDocPreviewUrl({ Bucket, Region, Endpoint }, { Key: 'docs/a.pptx' }, { ...keys, KeyTime: now() - 600 + ';' + (now() - 300) });
  steps.push('tampered:' + (await refused(img.src.replace('&page=2', '&page=3'))) + ':expired:' + (await refused(expired)));
  const sheet = await ci.docPreview({ Key: 'sheets/q3.xlsx', Sheet: 2 });
  steps.push('docPreview:' + sheet.SheetName + ':' + sheet.TotalSheet + ':' + sheet.ContentType + ':' + (sheet.Body instanceof Uint8Array && sheet.Body[0] === 0xff));

  const wrong = new CiClient({ Bucket, Region, Endpoint, transport: fetchTransport(), SecretId: 'AKIDEXAMPLE', SecretKey: 'wrong' });
  try {
    await wrong.describeAiProcessQueues();
    steps.push('wrong key accepted!');
  } catch (e) {
    steps.push('error:' + (e instanceof CiError) + ':' + e.code + ':' + e.statusCode + ':' + e.serviceCode + ':' + !!e.requestId);
  }
  await init();
  try {
    buildDescribeAiProcessQueues({ Bucket, Region }, { PageSize: -1 });
  } catch (e) {
    steps.push('invalid:' + e.code + ':' + e.field);
  }
  return steps;
}

main().then(
  (steps) => { window.__result = { ok: true, steps }; },
  (e) => { window.__result = { ok: false, error: String(e && e.stack || e), code: e && e.code }; },
);
