// Compiled with `tsc --noEmit` against the installed package (make test): the types
// accept what the README shows and reject what the runtime rejects.
import {
  CiClient, CiError, fetchTransport, cosRequestTransport, wxRequestTransport, getAuthorization,
  buildCreateDocProcessJobs, parseDescribeDocProcessJobs, parseDocProcessJobNotification, init,
  type RequestDescriptor, type Transport, type JobDetail, type JobState, type DescribeQueuesOutput, type CiErrorCode,
} from 'cos-ci-wasm';

declare const cos: { request(params: Record<string, unknown>, cb: (err: any, data: any) => void): void };
declare const wx: Parameters<typeof wxRequestTransport>[0];

async function examples(): Promise<void> {
  const ci = new CiClient({
    Bucket: 'examplebucket-1250000000',
    Region: 'ap-guangzhou',
    transport: fetchTransport(),
    getCredentials: async () => ({ TmpSecretId: 'a', TmpSecretKey: 'b', SecurityToken: 'c', ExpiredTime: 1700000000 }),
  });
  // The STS SDK's result as it comes.
  new CiClient({
    Bucket: 'b-1', Region: 'r', transport: fetchTransport(),
    getCredentials: async () => ({ credentials: { tmpSecretId: 'a', tmpSecretKey: 'b', sessionToken: 'c' }, startTime: 1, expiredTime: 2 }),
  });
  const out: DescribeQueuesOutput = await ci.describeDocProcessQueues({ State: 'Active' });
  const total: number | undefined = out.TotalCount;
  // Members the service always returns are typed present (the parser refuses answers without them).
  const ids: string[] = out.QueueList.map((q) => q.QueueId);
  const requestId: string | undefined = out.$metadata.requestId;

  await ci.updateDocProcessQueue({
    QueueId: 'p1', Name: 'n', State: 'Paused',
    NotifyConfig: { State: 'On', Type: 'Url', Url: 'https://e.com', Event: ['TaskFinish', 'WorkflowFinish'] },
  });
  const created = await ci.createDocProcessJobs({
    Input: { Object: 'a.docx' },
    Operation: { DocProcess: { TgtType: 'png', EndPage: -1 }, Output: { Bucket: 'b-1', Region: 'r', Object: '${Number}.png' } },
  });
  const job: JobDetail = await ci.waitForDocProcessJob(created.JobsDetail[0].JobId, { interval: 1000, timeout: 60000 });
  // Enumerated result texts narrow to their literals; the service may add values later.
  const state: JobState | (string & {}) = job.State;
  if (job.State === 'Success') void state;
  // @ts-expect-error not a JobState, and no string literal compares equal to one by accident
  const wrong: JobState = job.State;
  void wrong;
  // @ts-expect-error Operation may be absent
  void job.Operation.Output;
  const pages: number | undefined = job.Operation?.DocProcessResult?.PageInfo[0]?.PageNo;
  for await (const page of ci.paginateDescribeDocProcessJobs({ QueueId: 'p1', Size: 100 })) {
    const next: string | undefined = page.NextToken;
    void next;
  }
  // A notification, parsed, then checked against the service.
  const notification = parseDocProcessJobNotification('<Response>…</Response>');
  const confirmed: JobDetail = await ci.confirmDocProcessJobNotification(notification, { timeout: 5000 });
  void confirmed;
  const ac = new AbortController();
  await ci.describeDocProcessJob({ JobId: 'd1' }, { signal: ac.signal, timeout: 5000 });

  // cos.request, as in Tencent's mini-program examples: the SDK signs.
  const viaCos = new CiClient({ Bucket: 'b-1', Region: 'r', transport: cosRequestTransport(cos) });
  await viaCos.describeAiProcessQueues();
  new CiClient({ Bucket: 'b-1', Region: 'r', transport: wxRequestTransport(wx), getAuthorization: async (r) => r.Method + r.Pathname });
  new CiClient({ Bucket: 'b-1', Region: 'r', transport: fetchTransport(), SecretId: 'id', SecretKey: 'key' });

  await init();
  const d: RequestDescriptor = buildCreateDocProcessJobs(
    { Bucket: 'b-1', Region: 'r' },
    { Input: { Object: 'a' }, Operation: { Output: { Bucket: 'b-1', Region: 'r', Object: 'o' } } },
  );
  const body: string | undefined = d.Body;
  const parsed = parseDescribeDocProcessJobs({ statusCode: 200, headers: {}, body: '<Response/>' });
  const list: JobDetail[] = parsed.JobsDetail;
  const auth: string = getAuthorization({ SecretId: 'a', SecretKey: 'b', Method: 'GET', Key: 'docqueue', KeyTime: '1;2' });

  const custom: Transport = { name: 'mine', send: async (r) => ({ statusCode: 200, headers: {}, body: r.Url }) };
  void custom;
  try {
    await ci.describeAiProcessQueues();
  } catch (e) {
    if (e instanceof CiError) {
      const code: CiErrorCode = e.code;
      const fields: [string | undefined, number | undefined, string | undefined] = [e.field, e.statusCode, e.requestId];
      void code, fields;
    }
  }
  // Retries and the ambiguous outcome of CreateDocProcessJobs.
  const retrying = new CiClient({
    Bucket: 'b-1', Region: 'r', transport: fetchTransport(), SecretId: 'id', SecretKey: 'k',
    timeout: 10000, attemptTimeout: 2000, retry: { maxAttempts: 4, baseDelay: 50, maxDelay: 1000 },
  });
  try {
    await retrying.createDocProcessJobs(
      { QueueId: 'p1', Input: { Object: 'a.docx' }, Operation: { Output: { Bucket: 'b', Region: 'r', Object: 'o/${Number}.jpg' } } },
      { attemptTimeout: 5000, retry: { maxAttempts: 1 } },
    );
  } catch (e) {
    if (e instanceof CiError && e.code === 'AmbiguousOutcome' && e.checkWith) {
      const made = await retrying.describeDocProcessJobs({ ...e.checkWith, QueueId: e.checkWith.QueueId ?? 'p1' });
      void made;
    }
    if (e instanceof CiError && e.code === 'NetworkError' && e.requestSent === false) void e.attempts;
  }

  // What the runtime refuses, the types refuse too.
  // @ts-expect-error State is 'All' | 'Active' | 'Paused'
  await ci.describeDocProcessQueues({ State: 'active' });
  // @ts-expect-error PageSize is a number
  await ci.describeDocProcessQueues({ PageSize: '10' });
  // @ts-expect-error QueueId is required
  await ci.describeDocProcessJobs({ Size: 10 });
  // @ts-expect-error TgtType is png | jpg | pdf
  await ci.createDocProcessJobs({ Input: { Object: 'a' }, Operation: { DocProcess: { TgtType: 'gif' }, Output: { Bucket: 'b', Region: 'r', Object: 'o' } } });
  // @ts-expect-error two credentials models at once
  new CiClient({ Bucket: 'b-1', Region: 'r', transport: fetchTransport(), SecretId: 'id', SecretKey: 'k', getCredentials: async () => ({ TmpSecretId: 'a', TmpSecretKey: 'b', SecurityToken: 'c', ExpiredTime: 1 }) });
  // @ts-expect-error maxAttempts is a number
  new CiClient({ Bucket: 'b-1', Region: 'r', transport: fetchTransport(), SecretId: 'id', SecretKey: 'k', retry: { maxAttempts: '3' } });
  // @ts-expect-error a transport is required
  new CiClient({ Bucket: 'b-1', Region: 'r' });
  void total, ids, requestId, pages, body, list, auth;
}
void examples;
