// Type-checked with lib ES2020 only — no DOM lib, no @types/node (`types: []`), skipLibCheck
// false: the situation of a mini-program TypeScript project. The package's declarations must
// stand alone there (js/test/types/standalone-check.mjs).
import {
  CiClient, CiError, wxRequestTransport, buildDescribeDocProcessQueues, getAuthorization, init,
  type JobDetail, type Transport,
} from 'cos-ci-wasm';

declare const wxLike: Parameters<typeof wxRequestTransport>[0];

const ci = new CiClient({
  Bucket: 'examplebucket-1250000000',
  Region: 'ap-guangzhou',
  transport: wxRequestTransport(wxLike),
  getCredentials: async () => ({ TmpSecretId: 'a', TmpSecretKey: 'b', SecurityToken: 'c', ExpiredTime: 1 }),
});

// A transport of one's own: the signal it is given can be listened to.
const custom: Transport = {
  name: 'custom',
  async send(request, { signal }) {
    signal.addEventListener('abort', () => {});
    return { statusCode: 200, headers: {}, body: request.Url };
  },
};

async function run(): Promise<string> {
  await init('/miniprogram_npm/cos-ci-wasm/cos_ci_wasm_bg.wasm.br');
  const { JobsDetail } = await ci.describeDocProcessJobs({ QueueId: 'p1' });
  const job: JobDetail | undefined = JobsDetail[0];
  const d = buildDescribeDocProcessQueues({ Bucket: 'b-1', Region: 'r' }, {});
  const auth: string = getAuthorization({ SecretId: 'a', SecretKey: 'b', Method: 'GET', Pathname: '/' });
  void custom;
  return (job ? job.JobId + job.State : '') + d.Url + auth;
}

void run().catch((e: unknown) => {
  if (e instanceof CiError) void e.code;
});
