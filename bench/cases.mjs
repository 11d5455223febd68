// What is measured, the same in Node and in the browser. `ours` is the cos-ci-wasm module
// (loaded and initialised); `anchors` maps a name to an official SDK's COS class.
//
// (a) sign: one Authorization for a typical GET — COS.getAuthorization with the inputs of
//     shared/reference/js-sdks.md §3 (three signed headers, two query parameters), the key
//     time taken from the clock on every call by every signer; and the same with a new key
//     time on every call (no signer can reuse a SignKey).
// (b) build: a complete signed request for each operation. Ours: build<Op>(config, params,
//     signing) — validation, the XML body, the URL and the signature, as a descriptor.
//     The official SDKs have no builder; the work their cos.request does before sending is
//     COS.util.json2xml of the body (when there is one), the URL, and COS.getAuthorization
//     over the same method, path, query and headers — that is what is timed for them.
// (c) parse: the 686-byte queue reply of the Python XML vectors, a 10-job and a 100-job
//     DescribeDocProcessJobs reply (one PageInfo per job). Ours: parse<Op> into typed
//     values; theirs: COS.util.xml2json (what cos.request returns as data).

export const CONFIG = { Bucket: 'examplebucket-1250000000', Region: 'ap-guangzhou' };
export const HOST = 'examplebucket-1250000000.ci.ap-guangzhou.myqcloud.com';
export const KEYS = { SecretId: 'AKIDEXAMPLE', SecretKey: 'secretEXAMPLE' };
const TOKEN = 'tokenEXAMPLE';

export const SIGN = {
  ...KEYS,
  Method: 'GET',
  Key: 'doc_jobs',
  Query: { queueId: 'p4a17eeea29334bf499b7e20e2fbfd99d', tag: 'DocProcess' },
  Headers: { Host: HOST, 'x-ci-security-token': TOKEN, 'Cache-Control': 'no-cache' },
};

// The queue reply of tests/fixtures/xml-python.json "describe-doc-queue-brief-example".
export const QUEUE_XML =
  '<Response><RequestId>NjJmNDczY2RfOTBmYTUwNjRfNTA4ZV85</RequestId><TotalCount>1</TotalCount><PageNumber>1</PageNumber><PageSize>10</PageSize><QueueList><QueueId>p4a17eeea29334bf499b7e20e2fbfd99d</QueueId><Name>My-Queue-ai</Name><State>Active</State><NotifyConfig><Url>http://callback.demo.com</Url><Event>TaskFinish,WorkflowFinish</Event><Type>Url</Type><State>On</State><ResultFormat>JSON</ResultFormat></NotifyConfig><MaxSize>10000</MaxSize><MaxConcurrent>10</MaxConcurrent><UpdateTime>2022-08-09T16:40:00+0800</UpdateTime><CreateTime>2022-08-09T16:40:00+0800</CreateTime><BucketId>examplebucket-1250000000</BucketId><Category>DocProcessing</Category></QueueList><NonExistPIDs/></Response>';

// One job of "list-doc-jobs-one-empty-nexttoken", repeated with distinct ids.
function job(i) {
  const id = 'd' + String(i).padStart(32, '0');
  return `<JobsDetail><Code>Success</Code><Message/><JobId>${id}</JobId><Tag>DocProcess</Tag><State>Success</State><CreationTime>2022-08-09T16:40:00+0800</CreationTime><QueueId>p4a17eeea29334bf499b7e20e2fbfd99d</QueueId><Input><Object>docs/report-${i}.pptx</Object></Input><Operation><DocProcess><TgtType>jpg</TgtType><Quality>100</Quality><PageRanges>1,3</PageRanges></DocProcess><Output><Region>ap-chongqing</Region><Bucket>examplebucket-1250000000</Bucket><Object>/test_doc/normal/abc_\${Number}.jpg</Object></Output><DocProcessResult><FailPageCount>0</FailPageCount><SuccPageCount>1</SuccPageCount><TaskId>${id}</TaskId><TgtType>jpg</TgtType><TotalPageCount>1</TotalPageCount><TotalSheetCount>1</TotalSheetCount><PageInfo><PageNo>1</PageNo><TgtUri>test_doc/normal/abc_1.jpg</TgtUri><XSheetPics>1</XSheetPics><PicIndex>1</PicIndex><PicNum>1</PicNum></PageInfo></DocProcessResult></Operation></JobsDetail>`;
}

export function jobsXml(n) {
  let s = '<Response>';
  for (let i = 0; i < n; i++) s += job(i);
  return s + '<NextToken>NDAwMDAwMDAwMA==</NextToken></Response>';
}

export const XML = { queue: QUEUE_XML, jobs10: jobsXml(10), jobs100: jobsXml(100) };

const QUEUE_ID = 'p4a17eeea29334bf499b7e20e2fbfd99d';
export const OPERATIONS = {
  DescribeDocProcessQueues: { QueueIds: [QUEUE_ID], State: 'Active', PageNumber: 1, PageSize: 10 },
  UpdateDocProcessQueue: {
    QueueId: QUEUE_ID, Name: 'doc-queue', State: 'Active',
    NotifyConfig: { State: 'On', Type: 'Url', Url: 'https://callback.example.com/ci', Event: 'TaskFinish', ResultFormat: 'JSON' },
  },
  DescribeAiProcessQueues: { State: 'All' },
  UpdateAiProcessQueue: { QueueId: 'pa27b2bd96bef43b7a5fe3b4d7e1c8a9f', Name: 'ai-queue', State: 'Paused', NotifyConfig: { State: 'Off' } },
  CreateDocProcessJobs: {
    QueueId: QUEUE_ID,
    Input: { Object: 'docs/季度报告.docx' },
    Operation: {
      DocProcess: { TgtType: 'png', StartPage: 1, EndPage: -1, ImageParams: 'imageMogr2/thumbnail/!50p' },
      Output: { Bucket: CONFIG.Bucket, Region: CONFIG.Region, Object: 'preview/报告_${Number}.png' },
    },
  },
  DescribeDocProcessJob: { JobId: 'd3aa1e1e1e1e511ed9a2e52ed2f7b1a1d' },
  DescribeDocProcessJobs: { QueueId: QUEUE_ID, States: ['Success'], Size: 50, OrderByTime: 'Desc' },
};

const signing = { ...KEYS, SecurityToken: TOKEN };

function queryString(query) {
  return Object.keys(query)
    .map((k) => encodeURIComponent(k) + '=' + encodeURIComponent(query[k]))
    .join('&');
}

/** An official SDK's pre-send work for the request ours describes (see (b) above). */
function anchorBuild(COS, d) {
  // The body as the JS object a cos.request user passes to json2xml.
  const bodyObject = d.Body === undefined ? undefined : COS.util.xml2json(d.Body);
  const key = d.Key;
  const query = d.Query;
  return () => {
    const headers = { Host: HOST, 'x-ci-security-token': TOKEN };
    let body;
    if (bodyObject) {
      body = COS.util.json2xml(bodyObject);
      headers['Content-Type'] = 'application/xml';
    }
    const url = 'https://' + HOST + '/' + key + (Object.keys(query).length ? '?' + queryString(query) : '');
    const Authorization = COS.getAuthorization({ ...KEYS, Method: d.Method, Key: key, Query: query, Headers: headers });
    return { url, body, Authorization };
  };
}

/**
 * The groups of cases. Each group is measured together (interleaved); ratios are only
 * taken within a group.
 */
export function groups(ours, anchors) {
  const out = [];
  out.push({
    id: 'sign',
    title: '(a) sign a typical GET',
    cases: [
      { name: 'cos-ci-wasm', fn: () => ours.getAuthorization(SIGN) },
      ...Object.entries(anchors).map(([name, COS]) => ({ name, fn: () => COS.getAuthorization(SIGN) })),
    ],
  });
  // The same GET with a new key time on every call, so that no signer can reuse its
  // SignKey (cos-ci-wasm keeps the last one: src/sign/signature.rs) — the worst case.
  const freshKeyTime = () => {
    let start = 1700000000;
    return () => {
      start += 1;
      return { ...SIGN, KeyTime: start + ';' + (start + 900) };
    };
  };
  out.push({
    id: 'sign-new-key',
    title: '(a) sign it with a new key time every call',
    cases: [
      { name: 'cos-ci-wasm', fn: ((next) => () => ours.getAuthorization(next()))(freshKeyTime()) },
      ...Object.entries(anchors).map(([name, COS]) => ({ name, fn: ((next) => () => COS.getAuthorization(next()))(freshKeyTime()) })),
    ],
  });
  for (const [op, params] of Object.entries(OPERATIONS)) {
    const build = ours['build' + op];
    const unsigned = build(CONFIG, params);
    out.push({
      id: 'build-' + op,
      title: '(b) build signed ' + op,
      cases: [
        { name: 'cos-ci-wasm', fn: () => build(CONFIG, params, signing) },
        ...Object.entries(anchors).map(([name, COS]) => ({ name, fn: anchorBuild(COS, unsigned) })),
      ],
    });
  }
  for (const [id, parse, xml] of [
    ['parse-queue', 'parseDescribeDocProcessQueues', XML.queue],
    ['parse-jobs10', 'parseDescribeDocProcessJobs', XML.jobs10],
    ['parse-jobs100', 'parseDescribeDocProcessJobs', XML.jobs100],
  ]) {
    const response = { statusCode: 200, headers: { 'x-ci-request-id': 'r1' }, body: xml };
    out.push({
      id,
      title: `(c) parse ${id.slice(6)} (${xml.length} B)`,
      bytes: xml.length,
      cases: [
        { name: 'cos-ci-wasm', fn: () => ours[parse](response) },
        ...Object.entries(anchors).map(([name, COS]) => ({ name, fn: () => COS.util.xml2json(xml) })),
      ],
    });
  }
  return out;
}

/**
 * Checks that every case does the work it is timed for (the same signature for the same
 * key time, complete parses); throws otherwise. Runs in smoke mode too.
 */
export function check(ours, anchors) {
  const fixed = { ...SIGN, KeyTime: '1700000000;1700000900' };
  const want = ours.getAuthorization(fixed);
  for (const [name, COS] of Object.entries(anchors)) {
    const got = COS.getAuthorization(fixed);
    if (got !== want) throw new Error(`${name} signs the benchmark GET differently:\n  ${got}\n  ${want}`);
  }
  const jobs = ours.parseDescribeDocProcessJobs({ statusCode: 200, headers: {}, body: XML.jobs100 });
  if (jobs.JobsDetail.length !== 100 || jobs.JobsDetail[99].Operation.DocProcessResult.PageInfo[0].PageNo !== 1) {
    throw new Error('cos-ci-wasm parsed the 100-job list incompletely');
  }
  for (const [name, COS] of Object.entries(anchors)) {
    const r = COS.util.xml2json(XML.jobs100);
    if (r.Response.JobsDetail.length !== 100) throw new Error(name + ' parsed the 100-job list incompletely');
  }
  for (const [op, params] of Object.entries(OPERATIONS)) {
    const d = ours['build' + op](CONFIG, params, signing);
    if (!/^q-sign-algorithm=sha1&q-ak=AKIDEXAMPLE&/.test(d.Headers.Authorization)) throw new Error(op + ' was not signed');
  }
}
