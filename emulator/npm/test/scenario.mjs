// The in-process emulator with CiClient, no sockets: the seven operations, a job run
// step by step to its TaskFinish notification, a preview page, faults, clock skew,
// temporary keys and the recorded requests. The same module runs in Node
// (inprocess.test.mjs) and in headless Chromium (browser.test.mjs); it throws on the
// first difference and returns what it checked.
function check(ok, what, got) {
  if (!ok) throw new Error('failed: ' + what + (got === undefined ? '' : ' (got ' + JSON.stringify(got) + ')'));
}

export async function scenario({ createEmulator }, { CiClient, CiError, parseDocProcessJobNotification }) {
  const checked = [];
  const emu = await createEmulator({ manualJobs: true, pages: 3 });
  try {
    const ci = new CiClient({ Bucket: emu.bucket, Region: emu.region, ...emu.credentials, transport: emu.transport });

    // Queues.
    const docQueues = await ci.describeDocProcessQueues();
    const queue = docQueues.QueueList[0];
    check(docQueues.TotalCount === 1 && queue.State === 'Active', 'describeDocProcessQueues', docQueues);
    const aiQueues = await ci.describeAiProcessQueues();
    check(aiQueues.QueueList[0].Category === 'AIProcess', 'describeAiProcessQueues', aiQueues);
    const notify = { State: 'On', Event: 'TaskFinish', ResultFormat: 'XML', Type: 'Url', Url: 'https://cb.example.com/ci' };
    const updated = await ci.updateDocProcessQueue({ QueueId: queue.QueueId, Name: 'renamed', State: 'Active', NotifyConfig: notify });
    check(updated.Queue[0].Name === 'renamed' && updated.Queue[0].NotifyConfig.Url === notify.Url, 'updateDocProcessQueue', updated);
    const ai = await ci.updateAiProcessQueue({ QueueId: aiQueues.QueueList[0].QueueId, Name: 'ai', State: 'Paused' });
    check(ai.Queue[0].State === 'Paused', 'updateAiProcessQueue', ai);
    checked.push('queues');

    // A job, moved by hand to its end, and its notification.
    const created = await ci.createDocProcessJobs({
      QueueId: queue.QueueId,
      Input: { Object: 'docs/report.docx' },
      Operation: { DocProcess: { TgtType: 'png' }, Output: { Region: emu.region, Bucket: emu.bucket, Object: 'preview/report-${Number}.png' } },
    });
    const jobId = created.JobsDetail[0].JobId;
    check((await ci.describeDocProcessJob({ JobId: jobId })).JobsDetail[0].State === 'Submitted', 'a new job is Submitted');
    check((await emu.advance()) === 1, 'advance moves the job');
    check((await ci.describeDocProcessJob({ JobId: jobId })).JobsDetail[0].State === 'Running', 'then Running');
    check(emu.notifications.length === 0, 'no notification before the job ends');
    await emu.advance();
    const done = (await ci.describeDocProcessJob({ JobId: jobId })).JobsDetail[0];
    check(done.State === 'Success' && done.Operation.DocProcessResult.PageInfo.length === 3, 'then Success, 3 pages', done);
    const listed = await ci.describeDocProcessJobs({ QueueId: queue.QueueId });
    check(listed.JobsDetail.some((j) => j.JobId === jobId), 'describeDocProcessJobs lists it', listed);
    check(emu.notifications.length === 1 && emu.notifications[0].url === notify.Url, 'one TaskFinish notification', emu.notifications);
    const n = parseDocProcessJobNotification(emu.notifications[0].body);
    check(n.EventName === 'TaskFinish' && n.JobsDetail[0].JobId === jobId && n.JobsDetail[0].State === 'Success', 'the notification parses to the job', n);
    checked.push('jobs', 'notifications');

    // A preview page: bytes and the documented headers.
    const page = await ci.docPreview({ Key: 'docs/report.docx', Page: 2, DstType: 'png' });
    check(page.Body instanceof Uint8Array && page.Body[1] === 0x50 && page.TotalPage === 3, 'docPreview: a PNG of 3 pages', page.TotalPage);
    checked.push('preview');

    // Bad input never reaches the emulator.
    const before = emu.requests.length;
    let refused;
    try {
      await ci.describeDocProcessQueues({ State: 'Running' });
    } catch (e) {
      refused = e;
    }
    check(refused instanceof CiError && refused.field === 'State' && emu.requests.length === before, 'bad input is refused before sending', refused && refused.message);

    // Faults: one 503, retried; a clock an hour ahead, corrected.
    await emu.faults({ failNext: 1 });
    await ci.describeDocProcessQueues();
    const last2 = emu.requests.slice(-2);
    check(last2[0].status === 503 && last2[1].status === 200, 'a 503 then the retry', last2.map((r) => r.status));
    await emu.skewClock(3600);
    await ci.describeAiProcessQueues();
    const skewed = emu.requests.slice(-2);
    check(skewed[0].status === 403 && skewed[1].status === 200, 'RequestTimeTooSkewed, then corrected', skewed.map((r) => r.status));
    await emu.skewClock(0);
    checked.push('faults');

    // Temporary keys minted by the emulator.
    const keys = await emu.mintTemporaryKeys({ seconds: 600 });
    const sts = new CiClient({ Bucket: emu.bucket, Region: emu.region, getCredentials: async () => keys, transport: emu.transport });
    check((await sts.describeDocProcessQueues()).TotalCount === 1, 'temporary keys work');
    check(emu.requests.at(-1).headers['x-ci-security-token'] === keys.SecurityToken, 'with their token');
    checked.push('temporary keys');

    // What arrived, for assertions.
    const ops = emu.requests.filter((r) => r.status === 200).map((r) => r.operation);
    for (const op of ['DescribeDocProcessQueues', 'DescribeAiProcessQueues', 'UpdateDocProcessQueue', 'UpdateAiProcessQueue', 'CreateDocProcessJobs', 'DescribeDocProcessJob', 'DescribeDocProcessJobs', 'DocPreview']) {
      check(ops.includes(op), 'recorded ' + op, ops);
    }
    checked.push('requests');
  } finally {
    await emu.close();
  }
  return checked;
}
