// The bad-input catalogue: invalid inputs across the seven operations, the call options and
// the client options. Each must give a CiError with the expected code and field, and nothing
// may reach the transport (a spy counts every send) or the credentials provider.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUCKET, REGION, KEYS } from './helpers/emulator.mjs';
// Every rule of the operation table broken once (generated from the table in the crate).
import { TABLE_CASES } from './bad-input.generated.mjs';

const Q = 'p4a17eeea29334bf499b7e20e2fbfd99d';
const OUT = { Bucket: BUCKET, Region: REGION, Object: 'out/${Number}.jpg' };
const JOB = { Input: { Object: 'a.docx' }, Operation: { Output: OUT } };
const UPD = { QueueId: Q, Name: 'q', State: 'Active', NotifyConfig: { State: 'Off' } };
const NOTIFY = { State: 'On', Type: 'Url', Url: 'https://cb.example.com/ci', Event: 'TaskFinish' };
const long = (n) => 'x'.repeat(n);
const cyclic = () => {
  const o = { QueueIds: [] };
  o.QueueIds.push(o);
  return o;
};
const deep = () => {
  let o = 'leaf';
  for (let i = 0; i < 40; i++) o = { Input: o };
  return { ...JOB, Input: o };
};
const job = (docProcess) => ({ ...JOB, Operation: { Output: OUT, DocProcess: docProcess } });
const output = (o) => ({ ...JOB, Operation: { Output: { ...OUT, ...o } } });

/** [operation method, params, code, field] */
export const OPERATION_CASES = [
  // DescribeDocProcessQueues
  ['describeDocProcessQueues', 'x', 'InvalidArgument', 'params'],
  ['describeDocProcessQueues', [1], 'InvalidArgument', 'params'],
  ['describeDocProcessQueues', { State: 'active' }, 'InvalidArgument', 'State'],
  ['describeDocProcessQueues', { State: 'Running' }, 'InvalidArgument', 'State'],
  ['describeDocProcessQueues', { State: 1 }, 'InvalidArgument', 'State'],
  ['describeDocProcessQueues', { State: {} }, 'InvalidArgument', 'State'],
  ['describeDocProcessQueues', { PageNumber: 0 }, 'InvalidArgument', 'PageNumber'],
  ['describeDocProcessQueues', { PageNumber: -1 }, 'InvalidArgument', 'PageNumber'],
  ['describeDocProcessQueues', { PageNumber: 1.5 }, 'InvalidArgument', 'PageNumber'],
  ['describeDocProcessQueues', { PageNumber: '1' }, 'InvalidArgument', 'PageNumber'],
  ['describeDocProcessQueues', { PageNumber: 2 ** 53 }, 'InvalidArgument', 'PageNumber'],
  ['describeDocProcessQueues', { PageSize: 0 }, 'InvalidArgument', 'PageSize'],
  ['describeDocProcessQueues', { PageSize: -5 }, 'InvalidArgument', 'PageSize'],
  ['describeDocProcessQueues', { PageSize: NaN }, 'InvalidArgument', 'PageSize'],
  ['describeDocProcessQueues', { PageSize: Infinity }, 'InvalidArgument', 'PageSize'],
  ['describeDocProcessQueues', { PageSize: -Infinity }, 'InvalidArgument', 'PageSize'],
  ['describeDocProcessQueues', { PageSize: 10n }, 'InvalidArgument', 'PageSize'],
  ['describeDocProcessQueues', { PageSize: true }, 'InvalidArgument', 'PageSize'],
  ['describeDocProcessQueues', { pageSize: 10 }, 'InvalidArgument', 'pageSize'],
  ['describeDocProcessQueues', { QueueIDs: [Q] }, 'InvalidArgument', 'QueueIDs'],
  ['describeDocProcessQueues', { QueueIds: 5 }, 'InvalidArgument', 'QueueIds'],
  ['describeDocProcessQueues', { QueueIds: [5] }, 'InvalidArgument', 'QueueIds[0]'],
  ['describeDocProcessQueues', { QueueIds: [Q, null] }, 'InvalidArgument', 'QueueIds[1]'],
  ['describeDocProcessQueues', { QueueIds: ['a/b'] }, 'InvalidArgument', 'QueueIds[0]'],
  ['describeDocProcessQueues', { QueueIds: ['..'] }, 'InvalidArgument', 'QueueIds[0]'],
  ['describeDocProcessQueues', { QueueIds: ['p1\0'] }, 'InvalidArgument', 'QueueIds[0]'],
  ['describeDocProcessQueues', { QueueIds: ['p1\r\nx-cos-acl: public-read'] }, 'InvalidArgument', 'QueueIds[0]'],
  ['describeDocProcessQueues', { State: () => 'All' }, 'InvalidArgument', 'State'],
  ['describeDocProcessQueues', { State: Symbol('All') }, 'InvalidArgument', 'State'],
  ['describeDocProcessQueues', cyclic(), 'InvalidArgument', 'params'],
  // DescribeAiProcessQueues
  ['describeAiProcessQueues', { State: 'Paused ' }, 'InvalidArgument', 'State'],
  ['describeAiProcessQueues', { PageSize: 2 ** 32 }, 'InvalidArgument', 'PageSize'],
  ['describeAiProcessQueues', { PageNumber: -0.5 }, 'InvalidArgument', 'PageNumber'],
  ['describeAiProcessQueues', { QueueIds: [''] }, 'MissingArgument', 'QueueIds[0]'],
  ['describeAiProcessQueues', { Tag: 'DocProcess' }, 'InvalidArgument', 'Tag'],
  ['describeAiProcessQueues', 42, 'InvalidArgument', 'params'],
  // UpdateDocProcessQueue
  ['updateDocProcessQueue', undefined, 'MissingArgument', 'QueueId'],
  ['updateDocProcessQueue', { ...UPD, QueueId: undefined }, 'MissingArgument', 'QueueId'],
  ['updateDocProcessQueue', { ...UPD, QueueId: '' }, 'MissingArgument', 'QueueId'],
  ['updateDocProcessQueue', { ...UPD, QueueId: 7 }, 'InvalidArgument', 'QueueId'],
  ['updateDocProcessQueue', { ...UPD, QueueId: '../p1' }, 'InvalidArgument', 'QueueId'],
  ['updateDocProcessQueue', { ...UPD, QueueId: '..' }, 'InvalidArgument', 'QueueId'],
  ['updateDocProcessQueue', { ...UPD, QueueId: '.' }, 'InvalidArgument', 'QueueId'],
  ['updateDocProcessQueue', { ...UPD, QueueId: 'p1/../../other' }, 'InvalidArgument', 'QueueId'],
  ['updateDocProcessQueue', { ...UPD, QueueId: 'p1\\x' }, 'InvalidArgument', 'QueueId'],
  ['updateDocProcessQueue', { ...UPD, QueueId: 'p1\0' }, 'InvalidArgument', 'QueueId'],
  ['updateDocProcessQueue', { ...UPD, QueueId: 'p1\r\nHost: evil.example.com' }, 'InvalidArgument', 'QueueId'],
  ['updateDocProcessQueue', { ...UPD, Name: undefined }, 'MissingArgument', 'Name'],
  ['updateDocProcessQueue', { ...UPD, Name: '' }, 'MissingArgument', 'Name'],
  ['updateDocProcessQueue', { ...UPD, Name: long(129) }, 'InvalidArgument', 'Name'],
  ['updateDocProcessQueue', { ...UPD, Name: '</Name><State>Paused</State>' }, 'InvalidArgument', 'Name'],
  ['updateDocProcessQueue', { ...UPD, Name: 'q<!--' }, 'InvalidArgument', 'Name'],
  ['updateDocProcessQueue', { ...UPD, Name: 'a\0b' }, 'InvalidArgument', 'Name'],
  ['updateDocProcessQueue', { ...UPD, Name: 'a\u0001b' }, 'InvalidArgument', 'Name'],
  ['updateDocProcessQueue', { ...UPD, Name: 'a\uFFFFb' }, 'InvalidArgument', 'Name'],
  ['updateDocProcessQueue', { ...UPD, Name: ['q'] }, 'InvalidArgument', 'Name'],
  ['updateDocProcessQueue', { ...UPD, State: undefined }, 'MissingArgument', 'State'],
  ['updateDocProcessQueue', { ...UPD, State: 'All' }, 'InvalidArgument', 'State'],
  ['updateDocProcessQueue', { ...UPD, State: 'active' }, 'InvalidArgument', 'State'],
  ['updateDocProcessQueue', { ...UPD, NotifyConfig: undefined }, 'MissingArgument', 'NotifyConfig'],
  ['updateDocProcessQueue', { ...UPD, NotifyConfig: 'On' }, 'InvalidArgument', 'NotifyConfig'],
  ['updateDocProcessQueue', { ...UPD, NotifyConfig: { ...NOTIFY, State: 'on' } }, 'InvalidArgument', 'NotifyConfig.State'],
  ['updateDocProcessQueue', { ...UPD, NotifyConfig: { ...NOTIFY, Url: undefined } }, 'MissingArgument', 'NotifyConfig.Url'],
  ['updateDocProcessQueue', { ...UPD, NotifyConfig: { ...NOTIFY, Url: 'ftp://cb.example.com/' } }, 'InvalidArgument', 'NotifyConfig.Url'],
  ['updateDocProcessQueue', { ...UPD, NotifyConfig: { ...NOTIFY, Url: 'javascript:alert(1)' } }, 'InvalidArgument', 'NotifyConfig.Url'],
  ['updateDocProcessQueue', { ...UPD, NotifyConfig: { ...NOTIFY, Url: 'http://127.0.0.1/cb' } }, 'InvalidArgument', 'NotifyConfig.Url'],
  ['updateDocProcessQueue', { ...UPD, NotifyConfig: { ...NOTIFY, Url: 'http://169.254.169.254/latest/meta-data' } }, 'InvalidArgument', 'NotifyConfig.Url'],
  ['updateDocProcessQueue', { ...UPD, NotifyConfig: { ...NOTIFY, Url: 'http://10.0.0.1/cb' } }, 'InvalidArgument', 'NotifyConfig.Url'],
  ['updateDocProcessQueue', { ...UPD, NotifyConfig: { ...NOTIFY, Url: 'https://cb.example.com/\r\nx' } }, 'InvalidArgument', 'NotifyConfig.Url'],
  ['updateDocProcessQueue', { ...UPD, NotifyConfig: { ...NOTIFY, Url: 'https:///cb' } }, 'InvalidArgument', 'NotifyConfig.Url'],
  ['updateDocProcessQueue', { ...UPD, NotifyConfig: { ...NOTIFY, Type: 'Email' } }, 'InvalidArgument', 'NotifyConfig.Type'],
  ['updateDocProcessQueue', { ...UPD, NotifyConfig: { ...NOTIFY, Event: 'TaskStart' } }, 'InvalidArgument', 'NotifyConfig.Event'],
  ['updateDocProcessQueue', { ...UPD, NotifyConfig: { ...NOTIFY, Event: [] } }, 'MissingArgument', 'NotifyConfig.Event'],
  ['updateDocProcessQueue', { ...UPD, NotifyConfig: { ...NOTIFY, ResultFormat: 'YAML' } }, 'InvalidArgument', 'NotifyConfig.ResultFormat'],
  ['updateDocProcessQueue', { ...UPD, NotifyConfig: { ...NOTIFY, url: 'https://x.example.com' } }, 'InvalidArgument', 'NotifyConfig.url'],
  ['updateDocProcessQueue', { ...UPD, NotifyConfig: { ...NOTIFY, Type: 'TDMQ', Url: undefined, MqMode: 'Stream', MqRegion: 'sh', MqName: 'n' } }, 'InvalidArgument', 'NotifyConfig.MqMode'],
  ['updateDocProcessQueue', { ...UPD, NotifyConfig: { ...NOTIFY, Type: 'TDMQ', Url: undefined, MqMode: 'Queue', MqRegion: 'Mars', MqName: 'n' } }, 'InvalidArgument', 'NotifyConfig.MqRegion'],
  ['updateDocProcessQueue', { ...UPD, Extra: 1 }, 'InvalidArgument', 'Extra'],
  // UpdateAiProcessQueue
  ['updateAiProcessQueue', { ...UPD, QueueId: 'a/b' }, 'InvalidArgument', 'QueueId'],
  ['updateAiProcessQueue', { ...UPD, Name: '名'.repeat(129) }, 'InvalidArgument', 'Name'],
  ['updateAiProcessQueue', { ...UPD, State: 'Paused\n' }, 'InvalidArgument', 'State'],
  ['updateAiProcessQueue', { ...UPD, NotifyConfig: { State: 'Maybe' } }, 'InvalidArgument', 'NotifyConfig.State'],
  ['updateAiProcessQueue', { ...UPD, QueueID: Q, QueueId: undefined }, 'InvalidArgument', 'QueueID'],
  // CreateDocProcessJobs
  ['createDocProcessJobs', undefined, 'MissingArgument', 'Input'],
  ['createDocProcessJobs', { ...JOB, Tag: 'DocConvert' }, 'InvalidArgument', 'Tag'],
  ['createDocProcessJobs', { ...JOB, QueueId: '../q' }, 'InvalidArgument', 'QueueId'],
  ['createDocProcessJobs', { ...JOB, QueueId: 'q\u0000' }, 'InvalidArgument', 'QueueId'],
  ['createDocProcessJobs', { ...JOB, Input: undefined }, 'MissingArgument', 'Input'],
  ['createDocProcessJobs', { ...JOB, Input: 'a.docx' }, 'InvalidArgument', 'Input'],
  ['createDocProcessJobs', { ...JOB, Input: {} }, 'MissingArgument', 'Input.Object'],
  ['createDocProcessJobs', { ...JOB, Input: { Object: '' } }, 'MissingArgument', 'Input.Object'],
  ['createDocProcessJobs', { ...JOB, Input: { Object: 'a\0.docx' } }, 'InvalidArgument', 'Input.Object'],
  ['createDocProcessJobs', { ...JOB, Input: { Object: 'a.docx', Url: 'x' } }, 'InvalidArgument', 'Input.Url'],
  ['createDocProcessJobs', { ...JOB, Operation: undefined }, 'MissingArgument', 'Operation'],
  ['createDocProcessJobs', { ...JOB, Operation: {} }, 'MissingArgument', 'Operation.Output'],
  ['createDocProcessJobs', output({ Bucket: undefined }), 'MissingArgument', 'Operation.Output.Bucket'],
  ['createDocProcessJobs', output({ Bucket: 'Bad_Bucket' }), 'InvalidArgument', 'Operation.Output.Bucket'],
  ['createDocProcessJobs', output({ Bucket: 'examplebucket' }), 'InvalidArgument', 'Operation.Output.Bucket'],
  ['createDocProcessJobs', output({ Region: 'ap guangzhou' }), 'InvalidArgument', 'Operation.Output.Region'],
  ['createDocProcessJobs', output({ Region: 'ap-guangzhou/../x' }), 'InvalidArgument', 'Operation.Output.Region'],
  ['createDocProcessJobs', output({ Object: undefined }), 'MissingArgument', 'Operation.Output.Object'],
  ['createDocProcessJobs', output({ Object: 'no-placeholder.png' }), 'InvalidArgument', 'Operation.Output.Object'],
  ['createDocProcessJobs', output({ Object: 'out/${Number}\0.jpg' }), 'InvalidArgument', 'Operation.Output.Object'],
  ['createDocProcessJobs', job({ TgtType: 'gif' }), 'InvalidArgument', 'Operation.DocProcess.TgtType'],
  ['createDocProcessJobs', job({ TgtType: 'JPG' }), 'InvalidArgument', 'Operation.DocProcess.TgtType'],
  ['createDocProcessJobs', job({ StartPage: 0 }), 'InvalidArgument', 'Operation.DocProcess.StartPage'],
  ['createDocProcessJobs', job({ StartPage: -3 }), 'InvalidArgument', 'Operation.DocProcess.StartPage'],
  ['createDocProcessJobs', job({ StartPage: 1.5 }), 'InvalidArgument', 'Operation.DocProcess.StartPage'],
  ['createDocProcessJobs', job({ EndPage: -2 }), 'InvalidArgument', 'Operation.DocProcess.EndPage'],
  ['createDocProcessJobs', job({ StartPage: 5, EndPage: 2 }), 'InvalidArgument', 'Operation.DocProcess.EndPage'],
  ['createDocProcessJobs', job({ SheetId: -1 }), 'InvalidArgument', 'Operation.DocProcess.SheetId'],
  ['createDocProcessJobs', job({ PaperDirection: -1 }), 'InvalidArgument', 'Operation.DocProcess.PaperDirection'],
  ['createDocProcessJobs', job({ PaperSize: 3 }), 'InvalidArgument', 'Operation.DocProcess.PaperSize'],
  ['createDocProcessJobs', job({ Comments: 2 }), 'InvalidArgument', 'Operation.DocProcess.Comments'],
  ['createDocProcessJobs', job({ PageRanges: '3-1' }), 'InvalidArgument', 'Operation.DocProcess.PageRanges'],
  ['createDocProcessJobs', job({ PageRanges: '0' }), 'InvalidArgument', 'Operation.DocProcess.PageRanges'],
  ['createDocProcessJobs', job({ PageRanges: '1,,2' }), 'InvalidArgument', 'Operation.DocProcess.PageRanges'],
  ['createDocProcessJobs', job({ PageRanges: '1;DROP' }), 'InvalidArgument', 'Operation.DocProcess.PageRanges'],
  ['createDocProcessJobs', job({ Quality: 0 }), 'InvalidArgument', 'Operation.DocProcess.Quality'],
  ['createDocProcessJobs', job({ Quality: 101 }), 'InvalidArgument', 'Operation.DocProcess.Quality'],
  ['createDocProcessJobs', job({ Quality: '100' }), 'InvalidArgument', 'Operation.DocProcess.Quality'],
  ['createDocProcessJobs', job({ Zoom: 9 }), 'InvalidArgument', 'Operation.DocProcess.Zoom'],
  ['createDocProcessJobs', job({ Zoom: 201 }), 'InvalidArgument', 'Operation.DocProcess.Zoom'],
  ['createDocProcessJobs', job({ ImageDpi: 95 }), 'InvalidArgument', 'Operation.DocProcess.ImageDpi'],
  ['createDocProcessJobs', job({ ImageDpi: 601 }), 'InvalidArgument', 'Operation.DocProcess.ImageDpi'],
  ['createDocProcessJobs', job({ PicPagination: 2 }), 'InvalidArgument', 'Operation.DocProcess.PicPagination'],
  ['createDocProcessJobs', job({ DocPassword: 'pw\0' }), 'InvalidArgument', 'Operation.DocProcess.DocPassword'],
  ['createDocProcessJobs', job({ ImageParams: 'a\u0007' }), 'InvalidArgument', 'Operation.DocProcess.ImageParams'],
  ['createDocProcessJobs', job({ Quality: NaN }), 'InvalidArgument', 'Operation.DocProcess.Quality'],
  ['createDocProcessJobs', job({ Unknown: 1 }), 'InvalidArgument', 'Operation.DocProcess.Unknown'],
  ['createDocProcessJobs', job('png'), 'InvalidArgument', 'Operation.DocProcess'],
  ['createDocProcessJobs', deep(), 'InvalidArgument', 'params'],
  // DescribeDocProcessJob
  ['describeDocProcessJob', {}, 'MissingArgument', 'JobId'],
  ['describeDocProcessJob', { JobId: '' }, 'MissingArgument', 'JobId'],
  ['describeDocProcessJob', { JobId: 12 }, 'InvalidArgument', 'JobId'],
  ['describeDocProcessJob', { JobId: '../doc_jobs' }, 'InvalidArgument', 'JobId'],
  ['describeDocProcessJob', { JobId: 'd1/../../docqueue' }, 'InvalidArgument', 'JobId'],
  ['describeDocProcessJob', { JobId: '/' }, 'InvalidArgument', 'JobId'],
  ['describeDocProcessJob', { JobId: 'd1\0' }, 'InvalidArgument', 'JobId'],
  ['describeDocProcessJob', { JobId: 'd1\r\n' }, 'InvalidArgument', 'JobId'],
  ['describeDocProcessJob', { JobId: 'd1', jobId: 'd2' }, 'InvalidArgument', 'jobId'],
  ['describeDocProcessJob', 'd1', 'InvalidArgument', 'params'],
  // DescribeDocProcessJobs
  ['describeDocProcessJobs', {}, 'MissingArgument', 'QueueId'],
  ['describeDocProcessJobs', { QueueId: 'a/b' }, 'InvalidArgument', 'QueueId'],
  ['describeDocProcessJobs', { QueueId: Q, Size: 0 }, 'InvalidArgument', 'Size'],
  ['describeDocProcessJobs', { QueueId: Q, Size: 101 }, 'InvalidArgument', 'Size'],
  ['describeDocProcessJobs', { QueueId: Q, Size: 1.5 }, 'InvalidArgument', 'Size'],
  ['describeDocProcessJobs', { QueueId: Q, OrderByTime: 'desc' }, 'InvalidArgument', 'OrderByTime'],
  ['describeDocProcessJobs', { QueueId: Q, States: ['Done'] }, 'InvalidArgument', 'States'],
  ['describeDocProcessJobs', { QueueId: Q, States: 'Success,Nope' }, 'InvalidArgument', 'States'],
  ['describeDocProcessJobs', { QueueId: Q, Tag: 'Other' }, 'InvalidArgument', 'Tag'],
  ['describeDocProcessJobs', { QueueId: Q, StartCreationTime: 'yesterday' }, 'InvalidArgument', 'StartCreationTime'],
  ['describeDocProcessJobs', { QueueId: Q, StartCreationTime: '2024-13-01T00:00:00+0800' }, 'InvalidArgument', 'StartCreationTime'],
  ['describeDocProcessJobs', { QueueId: Q, EndCreationTime: '2024-01-01 00:00:00' }, 'InvalidArgument', 'EndCreationTime'],
  ['describeDocProcessJobs', { QueueId: Q, NextToken: 7 }, 'InvalidArgument', 'NextToken'],
];

/** [what, client options, code, field] — new CiClient(options) must throw. */
export const CLIENT_CASES = (transport) => [
  ['no options', undefined, 'InvalidArgument', 'options'],
  ['no Bucket', { Region: REGION, transport, ...KEYS }, 'MissingArgument', 'Bucket'],
  ['no Region', { Bucket: BUCKET, transport, ...KEYS }, 'MissingArgument', 'Region'],
  ['no transport', { Bucket: BUCKET, Region: REGION, ...KEYS }, 'MissingArgument', 'transport'],
  ['no credentials', { Bucket: BUCKET, Region: REGION, transport }, 'MissingArgument', 'credentials'],
  ['two credentials models', { Bucket: BUCKET, Region: REGION, transport, ...KEYS, getCredentials: () => ({}) }, 'InvalidArgument', 'credentials'],
  ['SecretKey without SecretId', { Bucket: BUCKET, Region: REGION, transport, SecretKey: 'k' }, 'MissingArgument', 'SecretId'],
  ['getCredentials not a function', { Bucket: BUCKET, Region: REGION, transport, getCredentials: 'sts' }, 'InvalidArgument', 'getCredentials'],
  ['misspelt option', { Bucket: BUCKET, Region: REGION, transport, ...KEYS, region: 'x' }, 'InvalidArgument', 'region'],
  ['timeout negative', { Bucket: BUCKET, Region: REGION, transport, ...KEYS, timeout: -1 }, 'InvalidArgument', 'timeout'],
  ['timeout too large', { Bucket: BUCKET, Region: REGION, transport, ...KEYS, timeout: 2 ** 31 }, 'InvalidArgument', 'timeout'],
  ['attemptTimeout NaN', { Bucket: BUCKET, Region: REGION, transport, ...KEYS, attemptTimeout: NaN }, 'InvalidArgument', 'attemptTimeout'],
  ['retry not an object', { Bucket: BUCKET, Region: REGION, transport, ...KEYS, retry: 3 }, 'InvalidArgument', 'retry'],
  ['retry.maxAttempts 0', { Bucket: BUCKET, Region: REGION, transport, ...KEYS, retry: { maxAttempts: 0 } }, 'InvalidArgument', 'retry.maxAttempts'],
  ['retry.maxAttempts 11', { Bucket: BUCKET, Region: REGION, transport, ...KEYS, retry: { maxAttempts: 11 } }, 'InvalidArgument', 'retry.maxAttempts'],
  ['retry.baseDelay negative', { Bucket: BUCKET, Region: REGION, transport, ...KEYS, retry: { baseDelay: -1 } }, 'InvalidArgument', 'retry.baseDelay'],
  ['retry.maxDelay < baseDelay', { Bucket: BUCKET, Region: REGION, transport, ...KEYS, retry: { baseDelay: 500, maxDelay: 100 } }, 'InvalidArgument', 'retry.maxDelay'],
  ['retry unknown key', { Bucket: BUCKET, Region: REGION, transport, ...KEYS, retry: { attempts: 3 } }, 'InvalidArgument', 'retry.attempts'],
  ['Expires 0', { Bucket: BUCKET, Region: REGION, transport, ...KEYS, Expires: 0 }, 'InvalidArgument', 'Expires'],
  ['SystemClockOffset NaN', { Bucket: BUCKET, Region: REGION, transport, ...KEYS, SystemClockOffset: NaN }, 'InvalidArgument', 'SystemClockOffset'],
  ['SecurityToken not a string', { Bucket: BUCKET, Region: REGION, transport, ...KEYS, SecurityToken: 5 }, 'InvalidArgument', 'SecurityToken'],
];

/** [what, client options, code, field] — accepted by the constructor, refused at the first call before sending. */
export const CONFIG_CASES = [
  ['bad Bucket (no APPID)', { Bucket: 'examplebucket' }, 'InvalidArgument', 'Bucket'],
  ['bad Bucket (upper case)', { Bucket: 'Example-1250000000' }, 'InvalidArgument', 'Bucket'],
  ['bad Bucket (path)', { Bucket: '../x-1250000000' }, 'InvalidArgument', 'Bucket'],
  ['bad Bucket (host injection)', { Bucket: 'a-1250000000.evil.example.com#' }, 'InvalidArgument', 'Bucket'],
  ['bad Region (space)', { Region: 'ap guangzhou' }, 'InvalidArgument', 'Region'],
  ['bad Region (dot)', { Region: 'ap-guangzhou.evil.example.com' }, 'InvalidArgument', 'Region'],
  ['bad Region (CR/LF)', { Region: 'ap-guangzhou\r\nHost: x' }, 'InvalidArgument', 'Region'],
  ['bad Protocol', { Protocol: 'ftp' }, 'InvalidArgument', 'Protocol'],
  ['bad Endpoint (path)', { Endpoint: 'https://ci.example.com/x?y' }, 'InvalidArgument', 'Endpoint'],
  ['bad Endpoint (CR/LF)', { Endpoint: 'ci.example.com\r\nX: y' }, 'InvalidArgument', 'Endpoint'],
  ['SecurityToken with CR/LF', { SecurityToken: 'tok\r\nx-cos-acl: public-read' }, 'InvalidArgument', 'SecurityToken'],
  ['SecretId with a space', { SecretId: 'AKID EXAMPLE' }, 'InvalidArgument', 'SecretId'],
];

/** [what, call options, code, field] */
export const CALL_OPTION_CASES = [
  ['options not an object', 'fast', 'InvalidArgument', 'options'],
  ['unknown call option', { timout: 5 }, 'InvalidArgument', 'options.timout'],
  ['signal not an AbortSignal', { signal: {} }, 'InvalidArgument', 'signal'],
  ['timeout a string', { timeout: '100' }, 'InvalidArgument', 'timeout'],
  ['attemptTimeout negative', { attemptTimeout: -5 }, 'InvalidArgument', 'attemptTimeout'],
  ['retry.maxAttempts 1.5', { retry: { maxAttempts: 1.5 } }, 'InvalidArgument', 'retry.maxAttempts'],
];

export function run(lib) {
  const { CiClient, CiError } = lib;
  let sends = 0;
  let credentialCalls = 0;
  const transport = { name: 'spy', send: async () => { sends++; throw new Error('must not be called'); } };
  const base = { Bucket: BUCKET, Region: REGION, transport };
  const check = (code, field, message) => (e) => {
    assert.ok(e instanceof CiError, 'a CiError: ' + e);
    assert.equal(e.code, code, e.message);
    assert.equal(e.field, field, e.message);
    assert.ok(e.message.length > 10 && !/undefined|\[object/.test(e.message), 'a readable message: ' + e.message);
    // Messages start with the field they are about (quoted when it is not a plain path).
    assert.ok(e.message.startsWith(field + ': ') || e.message.startsWith(JSON.stringify(field) + ': '), 'starts with the field: ' + e.message);
    // The table's cases: the same text as the crate's native Error::message.
    if (message !== undefined) assert.equal(e.message, message);
    return true;
  };

  test('the catalogue holds at least 100 invalid inputs', () => {
    const n = OPERATION_CASES.length + TABLE_CASES.length + CLIENT_CASES(transport).length + CONFIG_CASES.length + CALL_OPTION_CASES.length;
    assert.ok(n >= 100, `${n} cases`);
  });

  for (const [i, [method, params, code, field, message]] of [...OPERATION_CASES, ...TABLE_CASES].entries()) {
    test(`#${i} ${method}: ${code} ${field}`, async () => {
      for (const ci of [
        new CiClient({ ...base, ...KEYS }),
        new CiClient({ ...base, getCredentials: () => { credentialCalls++; return new Promise(() => {}); } }),
      ]) {
        await assert.rejects(ci[method](params), check(code, field, message));
        // Nothing was sent: the error says no attempt was made.
        await assert.rejects(ci[method](params), (e) => e.attempts === 0);
      }
      // The same from the pure builder.
      const build = lib['build' + method[0].toUpperCase() + method.slice(1)];
      assert.throws(() => build({ Bucket: BUCKET, Region: REGION }, params), check(code, field, message));
    });
  }

  for (const [what, options, code, field] of CLIENT_CASES(transport)) {
    test(`client options, ${what}: ${code} ${field}`, () => {
      assert.throws(() => new CiClient(options), check(code, field));
    });
  }

  for (const [what, options, code, field] of CONFIG_CASES) {
    test(`client config, ${what}: ${code} ${field}`, async () => {
      let ci;
      try {
        ci = new CiClient({ ...base, ...KEYS, ...options });
      } catch (e) {
        return check(code, field)(e); // refused at once: as good
      }
      await assert.rejects(ci.describeDocProcessQueues(), check(code, field));
    });
  }

  for (const [what, options, code, field] of CALL_OPTION_CASES) {
    test(`call options, ${what}: ${code} ${field}`, async () => {
      const ci = new CiClient({ ...base, ...KEYS });
      await assert.rejects(ci.describeAiProcessQueues({}, options), check(code, field));
    });
  }

  test('nothing reached the transport or the credentials provider', () => {
    assert.equal(sends, 0);
    assert.equal(credentialCalls, 0);
  });
}
