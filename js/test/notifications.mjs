// Job-finished notifications end to end: the emulator runs a job on a queue whose NotifyConfig
// points at a local HTTP server, POSTs its TaskFinish notification there (XML, then JSON with
// ResultFormat JSON), and parseDocProcessJobNotification reads what arrived — the job as
// describeDocProcessJob reports it. Then the inputs it must refuse.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startEmulator, BUCKET, REGION, KEYS } from './helpers/emulator.mjs';

export function run(lib) {
  const { CiClient, CiError, fetchTransport, parseDocProcessJobNotification } = lib;
  let emu;
  let server;
  const received = [];
  let arrived = () => {};

  before(async () => {
    emu = await startEmulator(['--allow-local-callbacks', '--job-start-ms', '20', '--job-run-ms', '20']);
    server = http.createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        received.push({ path: req.url, headers: req.headers, body });
        res.end();
        arrived();
      });
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
  });
  after(async () => {
    server.close();
    await emu.stop();
  });

  const next = () => new Promise((resolve) => (arrived = resolve));

  /**
   * UpdateDocProcessQueue with a loopback callback Url, which the client refuses (as the
   * service does) and the emulator takes with --allow-local-callbacks: the descriptor is built
   * with a public placeholder, the Url swapped in the body, and the request signed again.
   */
  async function updateWithLocalCallback(config, params, localUrl) {
    const placeholder = 'https://callback.example.com/placeholder';
    const d = lib.buildUpdateDocProcessQueue(config, { ...params, NotifyConfig: { ...params.NotifyConfig, Url: placeholder } });
    const body = d.Body.replace(placeholder, localUrl);
    const headers = Object.fromEntries(Object.entries(d.Headers).filter(([k]) => k.toLowerCase() !== 'content-length'));
    headers['Content-Length'] = String(Buffer.byteLength(body));
    const signed = { ...headers, Host: new URL(d.Url).host };
    const Authorization = lib.getAuthorization({ ...KEYS, Method: d.Method, Key: d.Key, Query: d.Query, Headers: signed });
    delete headers['Content-Length']; // fetch sets it, to the same value
    const res = await fetch(lib.requestUrl(d), { method: d.Method, headers: { ...headers, Authorization }, body });
    assert.equal(res.status, 200, await res.text());
  }

  test('the emulator\'s TaskFinish notifications, XML and JSON, parse to the job describeDocProcessJob reports', async () => {
    const ci = new CiClient({ Bucket: BUCKET, Region: REGION, Endpoint: emu.url, transport: fetchTransport(), ...KEYS });
    const queue = (await ci.describeDocProcessQueues()).QueueList[0];
    const parsed = {};
    for (const format of ['XML', 'JSON']) {
      const url = `http://127.0.0.1:${server.address().port}/ci/${format}`;
      await updateWithLocalCallback(
        { Bucket: BUCKET, Region: REGION, Endpoint: emu.url },
        { QueueId: queue.QueueId, Name: queue.Name ?? 'q', State: 'Active', NotifyConfig: { State: 'On', Type: 'Url', Event: 'TaskFinish', ResultFormat: format } },
        url,
      );
      const coming = next();
      const { JobsDetail } = await ci.createDocProcessJobs({
        QueueId: queue.QueueId,
        Input: { Object: 'docs/通知 report.docx' },
        Operation: { DocProcess: { TgtType: 'png', StartPage: 1, EndPage: 2 }, Output: { Bucket: BUCKET, Region: REGION, Object: 'out/${Number}.png' } },
      });
      const job = await ci.waitForDocProcessJob(JobsDetail[0].JobId, { interval: 20, timeout: 10000 });
      await coming;
      const arrival = received.at(-1);
      assert.equal(arrival.path, `/ci/${format}`);
      assert.match(arrival.headers['content-type'], format === 'XML' ? /xml/ : /json/);
      const n = parseDocProcessJobNotification({ body: arrival.body, headers: arrival.headers });
      assert.equal(n.EventName, 'TaskFinish');
      assert.equal(n.JobsDetail.length, 1);
      assert.deepEqual(n.JobsDetail[0], (await ci.describeDocProcessJob({ JobId: job.JobId })).JobsDetail[0], 'the job as the service reports it');
      // The same from the text alone, and (JSON) from the object a framework parsed.
      assert.deepEqual(parseDocProcessJobNotification(arrival.body), n);
      if (format === 'JSON') assert.deepEqual(parseDocProcessJobNotification(JSON.parse(arrival.body)), n);
      // Checked against the service: the job as it reports it; a forged state or job is refused.
      assert.deepEqual(await ci.confirmDocProcessJobNotification(n), n.JobsDetail[0]);
      assert.deepEqual(await ci.confirmDocProcessJobNotification(arrival.body), n.JobsDetail[0]);
      const forged = { ...n, JobsDetail: [{ ...n.JobsDetail[0], State: 'Failed' }] };
      await assert.rejects(ci.confirmDocProcessJobNotification(forged), (e) =>
        e instanceof CiError && e.code === 'NotificationMismatch' && e.field === 'JobsDetail.State' && e.jobId === job.JobId);
      const unknown = { ...n, JobsDetail: [{ ...n.JobsDetail[0], JobId: 'd' + '0'.repeat(32) }] };
      await assert.rejects(ci.confirmDocProcessJobNotification(unknown), (e) => e instanceof CiError && e.code === 'JobNotFound');
      parsed[format] = n;
    }
    const shape = (n) => JSON.stringify(n, (k, v) => (/^(JobId|TaskId|CreationTime|StartTime|EndTime)$/.test(k) ? '…' : v));
    assert.equal(shape(parsed.JSON), shape(parsed.XML), 'both forms give the same result');
    assert.equal(parsed.XML.JobsDetail[0].Operation.DocProcessResult.PageInfo.length, 2);
  });

  test('what is not a notification is a CiError naming the body', () => {
    const refused = (input, code, field) =>
      assert.throws(() => parseDocProcessJobNotification(input), (e) => e instanceof CiError && e.code === code && e.field === field, String(input).slice(0, 40));
    refused('', 'InvalidResponse', 'body');
    refused('not json', 'InvalidResponse', 'body');
    refused(42, 'InvalidResponse', 'body');
    refused(null, 'InvalidResponse', 'body');
    refused('<Error><Code>X</Code></Error>', 'InvalidResponse', 'Error');
    refused('<Response><EventName>TaskFinish</EventName></Response>', 'InvalidResponse', 'Response.JobsDetail');
    refused('{"EventName":"TaskFinish","JobsDetail":{"State":"Success"}}', 'InvalidResponse', 'Response.JobsDetail.JobId');
    refused('<Response><EventName>TaskFinish', 'InvalidXml', undefined);
    refused('<R>' + 'x'.repeat(5 * 1024 * 1024) + '</R>', 'LimitExceeded', 'body');
    refused({ body: 7 }, 'InvalidResponse', 'body');
  });
}
