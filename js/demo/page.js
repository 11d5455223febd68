// The demo page (js/demo/serve.mjs serves it with the built package and the local emulator):
// everything a browser app does with cos-ci-wasm, with STS-style temporary keys.
import { CiClient, CiError, fetchTransport, buildDescribeDocProcessJob } from 'cos-ci-wasm';

const Endpoint = new URLSearchParams(location.search).get('emu');
const Bucket = 'examplebucket-1250000000';
const Region = 'ap-guangzhou';
const now = () => Math.floor(Date.now() / 1000);
const $ = (id) => document.getElementById(id);
const cell = (tr, text) => (tr.insertCell().textContent = String(text ?? ''));

async function main() {
  $('endpoint').textContent = Endpoint;
  const ci = new CiClient({
    Bucket, Region, Endpoint, transport: fetchTransport(),
    // A real app fetches these from its server (qcloud-cos-sts-sdk); the emulator's temporary keys:
    getCredentials: async () => ({
      TmpSecretId: 'AKIDTMPEXAMPLE', TmpSecretKey: 'tmpsecretEXAMPLE', SecurityToken: 'tokenEXAMPLE',
      StartTime: now() - 5, ExpiredTime: now() + 1800,
    }),
  });
  const [doc, ai] = await Promise.all([ci.describeDocProcessQueues(), ci.describeAiProcessQueues()]);
  for (const [kind, list] of [['doc-preview', doc.QueueList], ['AI', ai.QueueList]]) {
    for (const q of list) {
      const tr = $('queues').insertRow();
      for (const v of [kind, q.QueueId, q.Name, q.State, q.MaxSize]) cell(tr, v);
    }
  }
  const key = 'reports/quarterly report Q3.docx';
  const { JobsDetail: [job] } = await ci.createDocProcessJobs({
    Input: { Object: key },
    Operation: { DocProcess: { TgtType: 'png', StartPage: 1, EndPage: 3 }, Output: { Bucket, Region, Object: 'preview/q3_${Number}.png' } },
  });
  $('job').textContent = `${job.JobId}: ${job.State} …`;
  const done = await ci.waitForDocProcessJob(job.JobId, { interval: 100, timeout: 10000 });
  const result = done.Operation.DocProcessResult;
  $('job').innerHTML = `<span class="ok">${done.State}</span> — ${done.JobId}, ${result.TotalPageCount} pages of <code>${key}</code>`;
  for (const Page of [1, 2, 3]) {
    const figure = document.createElement('figure');
    const img = new Image();
    img.src = await ci.getDocPreviewUrl({ Key: key, Page, DstType: 'png' }, { Expires: 600 });
    img.width = 120;
    figure.append(img, `page ${Page}`);
    $('pages').append(figure);
    await img.decode();
  }
  const d = buildDescribeDocProcessJob({ Bucket, Region, Endpoint }, { JobId: done.JobId }, {
    SecretId: 'AKIDEXAMPLE', SecretKey: 'secretEXAMPLE', KeyTime: `${now()};${now() + 900}`,
  });
  d.Headers.Authorization = d.Headers.Authorization.replace(/q-signature=(\w{8})\w+/, 'q-signature=$1…');
  $('descriptor').textContent = JSON.stringify(d, null, 2);
}

main().then(
  () => {
    $('status').innerHTML = '<span class="ok">done</span>';
    window.__done = true;
  },
  (e) => {
    $('status').innerHTML = `<span class="err">${e instanceof CiError ? e.code + ': ' : ''}${e.message}</span>`;
    window.__done = e.message || String(e);
  },
);
