// The thin entry's types (tsc --noEmit against the installed package, ESM and CJS): the pure
// layer's values and every type, and nothing of the client.
import {
  buildCreateDocProcessJobs, parseDescribeDocProcessJobs, getAuthorization, init, requestUrl, CiError, OPERATIONS,
  type RequestDescriptor, type CreateDocProcessJobsInput, type DescribeDocProcessJobsOutput, type Parsed,
} from 'cos-ci-wasm/core';
import * as thin from 'cos-ci-wasm/core';

export async function thinExamples(): Promise<void> {
  await init();
  const params: CreateDocProcessJobsInput = {
    Input: { Object: 'a.docx' },
    Operation: { Output: { Bucket: 'examplebucket-1250000000', Region: 'ap-guangzhou', Object: 'o/${Number}.png' } },
  };
  const d: RequestDescriptor = buildCreateDocProcessJobs({ Bucket: 'examplebucket-1250000000', Region: 'ap-guangzhou' }, params, {
    SecretId: 'AKIDEXAMPLE', SecretKey: 'secretEXAMPLE', KeyTime: '1700000000;1700000900',
  });
  const url: string = requestUrl(d);
  const out: Parsed<DescribeDocProcessJobsOutput> = parseDescribeDocProcessJobs({ status: 200, body: '<Response/>' });
  const auth: string = getAuthorization({ SecretId: 'a', SecretKey: 'b', Method: 'GET', Key: 'docqueue' });
  const names: string[] = OPERATIONS.map((op) => op.name);
  try {
    void [url, out, auth, names];
  } catch (e) {
    if (e instanceof CiError) void e.field;
  }
  // @ts-expect-error the client is not in the thin entry
  void thin.CiClient;
  // @ts-expect-error nor are the transports
  void thin.fetchTransport;
}
