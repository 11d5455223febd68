// Types of cos-ci-emulator: a local Tencent Cloud CI emulator for tests, in process
// (createEmulator) or over HTTP on 127.0.0.1 (startEmulator, Node).

/** The options of `createEmulator` / `startEmulator`: the flags of `cos-ci-emulator --help`. */
export interface EmulatorOptions {
  /** Buckets served, `<name>-<APPID>` (`--bucket`); the first is the default. Default `examplebucket-1250000000`. */
  bucket?: string | string[];
  /** Region of the buckets (`--region`). Default `ap-guangzhou`. */
  region?: string;
  /**
   * Keys a request must be signed with (`--credentials`). Keys with a `SecurityToken` are
   * temporary: requests must carry it. Default: `AKIDEXAMPLE`/`secretEXAMPLE` and the temporary
   * `AKIDTMPEXAMPLE`/`tmpsecretEXAMPLE`/`tokenEXAMPLE`.
   */
  credentials?: Array<{ SecretId: string; SecretKey: string; SecurityToken?: string }>;
  /** Milliseconds a job stays Submitted before it runs (`--job-start-ms`, default 50). */
  jobStartMs?: number;
  /** Milliseconds a job runs before it ends (`--job-run-ms`, default 100). */
  jobRunMs?: number;
  /** Jobs move only when told: `emu.advance()` (`--manual-jobs`). */
  manualJobs?: boolean;
  /** Jobs whose input object contains this text end Failed (`--fail-input`, default `"fail"`). */
  failInput?: string;
  /**
   * The objects that exist (`--object`). Without it every key is taken to be a document; with
   * it, a preview of another key is 404 `NoSuchKey` and a job whose input is another key ends
   * Failed with `NoSuchKey`.
   */
  objects?: string[];
  /** Pages of every emulated document (`--pages`, default 5). */
  pages?: number;
  /** Sheets of every emulated spreadsheet (`--sheets`, default 2). */
  sheets?: number;
  /** Seconds the emulator's clock runs ahead of this machine's; negative: behind (`--clock-skew`). */
  clockSkew?: number;
  /** Accept loopback and intranet callback URLs, which the service refuses (`--allow-local-callbacks`). */
  allowLocalCallbacks?: boolean;
  /**
   * WeChat mini-programs: the code-package path of the emulator's wasm. Default
   * `/miniprogram_npm/cos-ci-emulator/emulator.wasm.br` (where DevTools' "build npm" puts it).
   */
  wasmPath?: string;
  /** startEmulator: POST TaskFinish notifications to their (http://) URLs. Default true. Always recorded in `emu.notifications`. */
  deliverNotifications?: boolean;
}

/** Faults for the next requests (`POST /-/emulator/faults`). */
export interface Faults {
  /** Answer the next N requests with `status` (default 503). */
  failNext?: number;
  status?: number;
  /** `Retry-After` seconds sent with those failures. */
  retryAfter?: number;
  /** Delay every answer by this many ms, before the request is carried out. */
  delayMs?: number;
  /** Seconds the emulator's clock runs ahead (negative: behind). */
  skew?: number;
  /** Send half of the next N bodies, then close the connection. */
  truncateNext?: number;
  /** Send only the head of the next N answers, then close the connection. */
  closeNext?: number;
  /** Delay the next N answers by `slowMs`, after the request has been carried out. */
  slowNext?: number;
  slowMs?: number;
  /** Answer the next N requests 200 with an HTML sign-in page (a captive portal). */
  htmlNext?: number;
  /** Send the next N answers with Content-Type `contentType`. */
  contentTypeNext?: number;
  contentType?: string;
}

/** A request as the emulator received it. */
export interface RecordedRequest {
  method: string;
  /** The whole URL, query string included. */
  url: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
  /** The status it was answered with. */
  status: number;
  /** The operation it was decoded as (`CreateDocProcessJobs`, …); undefined when it was refused before. */
  operation?: string;
}

/** A TaskFinish notification the emulator sent (or, in process, would send). */
export interface Notification {
  url: string;
  /** `application/xml`, or `application/json` for `ResultFormat: 'JSON'`. */
  contentType: string;
  body: string;
}

/** Temporary keys in the shape cos-ci-wasm's `getCredentials` returns. */
export interface TemporaryKeys {
  TmpSecretId: string;
  TmpSecretKey: string;
  SecurityToken: string;
  /** Unix seconds. */
  StartTime: number;
  ExpiredTime: number;
}

interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

interface Answer<B> {
  statusCode: number;
  headers: Record<string, string>;
  body: B;
}

/** A CiClient transport that hands requests to this emulator in process (no socket). */
export interface EmulatorTransport {
  readonly name: 'cos-ci-emulator';
  readonly signsRequests: false;
  send(
    request: { Method: string; Url: string; Query?: Record<string, string>; Headers?: Record<string, string>; Body?: string },
    options?: { signal?: AbortSignalLike; timeout?: number; binary?: true },
  ): Promise<Answer<string> | Answer<Uint8Array>>;
}

export interface Emulator {
  /** The default bucket. */
  readonly bucket: string;
  readonly region: string;
  /** The first configured keys, ready to spread into `new CiClient({ ... })`. */
  readonly credentials: { SecretId: string; SecretKey: string; SecurityToken?: string };
  /** `transport` for CiClient: requests go to this emulator with no socket, in Node and in browsers. */
  readonly transport: EmulatorTransport;
  /** Every request received, in order (control calls excluded). */
  readonly requests: RecordedRequest[];
  /** Every TaskFinish notification of a job that ended. */
  readonly notifications: Notification[];
  /** Mints temporary keys valid for `seconds` (default 1800); requests signed with them after that get ExpiredToken. */
  mintTemporaryKeys(options?: { seconds?: number }): Promise<TemporaryKeys>;
  /** Moves every movable job one step (Submitted → Running → Success or Failed); resolves to how many moved. */
  advance(): Promise<number>;
  /** Sets faults for the next requests. */
  faults(faults: Faults): Promise<void>;
  /** Runs the emulator's clock `seconds` ahead of this machine's (negative: behind); 0 puts it back. */
  skewClock(seconds: number): Promise<void>;
  /** Stops its job timer (and, from startEmulator, its server). */
  close(): Promise<void>;
}

export interface ServedEmulator extends Emulator {
  /** `http://127.0.0.1:<port>`: for `CiClient({ Endpoint })`, the official SDKs, or curl. */
  readonly endpoint: string;
}

/** An emulator in this process, with no sockets (Node, browsers, test runners). */
export function createEmulator(options?: EmulatorOptions): Promise<Emulator>;

/** An emulator serving HTTP on 127.0.0.1 (Node only; `port` 0 or absent: a free one). */
export function startEmulator(options?: EmulatorOptions & { port?: number }): Promise<ServedEmulator>;
