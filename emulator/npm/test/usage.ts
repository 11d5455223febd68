// The declarations of cos-ci-emulator under strict, with cos-ci-wasm's CiClient.
import { createEmulator, startEmulator, type Emulator, type EmulatorOptions, type RecordedRequest } from 'cos-ci-emulator';
import { CiClient, fetchTransport } from 'cos-ci-wasm';

const options: EmulatorOptions = { bucket: 'examplebucket-1250000000', region: 'ap-guangzhou', manualJobs: true, pages: 3 };
const emu: Emulator = await createEmulator(options);
const ci = new CiClient({ Bucket: emu.bucket, Region: emu.region, ...emu.credentials, transport: emu.transport });
const { QueueList } = await ci.describeDocProcessQueues();
const moved: number = await emu.advance();
await emu.faults({ failNext: 2, status: 503, retryAfter: 1 });
await emu.skewClock(-600);
const keys = await emu.mintTemporaryKeys({ seconds: 900 });
const sts = new CiClient({ Bucket: emu.bucket, Region: emu.region, getCredentials: async () => keys, transport: emu.transport });
const first: RecordedRequest | undefined = emu.requests[0];
const op: string | undefined = first?.operation;
const note: string | undefined = emu.notifications[0]?.body;
await emu.close();

const served = await startEmulator({ port: 0, jobStartMs: 10 });
const endpoint: string = served.endpoint;
new CiClient({ Bucket: served.bucket, Region: served.region, Endpoint: endpoint, ...served.credentials, transport: fetchTransport() });
await served.close();
void [QueueList, moved, sts, op, note];

// @ts-expect-error not an option
await createEmulator({ buckets: ['x'] });
// @ts-expect-error not a fault
await emu.faults({ failNxt: 1 });
