// Type definitions for cos-ci-wasm.
// Tencent Cloud COS Cloud Infinite (数据万象) asynchronous processing: doc-preview and
// AI content-recognition queues, doc-preview jobs.

// ---------------------------------------------------------------------------------------
// Platform types, without requiring the DOM lib or @types/node: where the project has them
// (lib "dom", @types/node), these are exactly the global types; where it has not (a
// mini-program project with only ES2020 and miniprogram-api-typings), the structural stand-in.

/** The prototype type of global `K` (`AbortSignal`, `URL`, …) when the project declares it, else `Fallback`. */
type GlobalInstance<K extends string, Fallback> = typeof globalThis extends { [P in K]: { prototype: infer T } } ? T : Fallback;

/** An `AbortSignal` (the global type where the project has one). */
export type AbortSignalLike = GlobalInstance<
  'AbortSignal',
  {
    readonly aborted: boolean;
    readonly reason?: unknown;
    addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
    removeEventListener(type: 'abort', listener: () => void): void;
  }
>;

/** The Fetch API's `fetch` (the global function type where the project has one). */
export type FetchLike = typeof globalThis extends { fetch: infer F } ? F : (input: string, init?: object) => Promise<unknown>;

/** What `init` may load the wasm from, besides a URL string or a code-package path. */
export type WasmSource =
  | GlobalInstance<'URL', never>
  | GlobalInstance<'Request', never>
  | GlobalInstance<'Response', never>
  | ArrayBuffer
  | ArrayBufferView
  | (typeof globalThis extends { WebAssembly: { Module: { prototype: infer M } } } ? M : never);

// ---------------------------------------------------------------------------------------
// Configuration

/** Where requests go. */
export interface ClientConfig {
  /** `<BucketName>-<APPID>`, e.g. `examplebucket-1250000000`. */
  Bucket: string;
  /** e.g. `ap-guangzhou`. */
  Region: string;
  /** Scheme of the default endpoint `<Bucket>.ci.<Region>.myqcloud.com` (default `https`). */
  Protocol?: 'https' | 'http' | 'https:' | 'http:';
  /** Custom base URL `[http[s]://]host[:port]` used instead of the default endpoint. */
  Endpoint?: string;
}

/** Permanent keys — for servers and Node only; never ship them to a browser or mini-program. */
export interface StaticCredentials {
  SecretId: string;
  SecretKey: string;
  /** With temporary keys given statically. */
  SecurityToken?: string;
}

/** What qcloud-cos-sts-sdk's `getCredential()` gives: `getCredentials` may return it as it comes. */
export interface StsCredentialResult {
  credentials: { tmpSecretId: string; tmpSecretKey: string; sessionToken: string };
  /** Unix seconds. */
  startTime?: number;
  /** Unix seconds. */
  expiredTime: number;
}

/** What `getCredentials()` resolves to: the temporary keys of STS (as qcloud-cos-sts-sdk returns them, flattened). */
export interface TemporaryCredentials {
  TmpSecretId: string;
  TmpSecretKey: string;
  SecurityToken: string;
  /** Unix seconds. */
  StartTime?: number;
  /** Unix seconds; the keys are refreshed 60 s before. */
  ExpiredTime: number;
}

/** What `getAuthorization(options)` is given — the options cos-js-sdk-v5 passes its own callback. */
export interface AuthorizationRequest {
  Bucket: string;
  Region: string;
  Method: HttpMethod;
  /** The path without its leading `/`, e.g. `docqueue`. */
  Key: string;
  /** `'/' + Key`. */
  Pathname: string;
  Query: Record<string, string>;
  /** The request's headers, with `Host`. */
  Headers: Record<string, string>;
  /** Milliseconds the client adds to `Date.now()` (learned from clock-skew errors). */
  SystemClockOffset: number;
}

/** What a user's server returns to authorize one request. */
export type AuthorizationAnswer = string | { Authorization: string; SecurityToken?: string };

interface ClientOptionsBase extends ClientConfig {
  /** How requests travel: `fetchTransport()`, `wxRequestTransport(wx)`, `cosRequestTransport(cos)` or your own. */
  transport: Transport;
  /** Milliseconds per call, including credentials, retries and their pauses (default 30000; 0 = none). */
  timeout?: number;
  /** Milliseconds per attempt (default 0: only `timeout`); an attempt past it may be retried. */
  attemptTimeout?: number;
  /** Retries of idempotent operations (default `{ maxAttempts: 3, baseDelay: 100, maxDelay: 5000 }`). */
  retry?: RetryOptions;
  /** Milliseconds added to `Date.now()` for key times (default 0; corrected from the service on clock-skew errors). */
  SystemClockOffset?: number;
  /** Retry once with a corrected clock on `RequestTimeTooSkewed` / expired-request `AccessDenied` (default true). */
  CorrectClockSkew?: boolean;
  /** Signature lifetime in seconds (default 900). */
  Expires?: number;
}

/** Options of `new CiClient(...)`: a config, a transport and (unless the transport signs) one credentials model. */
export type CiClientOptions =
  | (ClientOptionsBase & StaticCredentials & { getCredentials?: never; getAuthorization?: never })
  | (ClientOptionsBase & {
      /** STS temporary keys: cached, refreshed ahead of `ExpiredTime`, one refresh shared by concurrent calls. */
      getCredentials: () => Promise<TemporaryCredentials | StsCredentialResult> | TemporaryCredentials | StsCredentialResult;
      SecretId?: never;
      SecretKey?: never;
      getAuthorization?: never;
    })
  | (ClientOptionsBase & {
      /** An Authorization made by your server for each request. */
      getAuthorization: (request: AuthorizationRequest) => Promise<AuthorizationAnswer> | AuthorizationAnswer;
      SecretId?: never;
      SecretKey?: never;
      getCredentials?: never;
    })
  | (ClientOptionsBase & { SecretId?: never; SecretKey?: never; getCredentials?: never; getAuthorization?: never });

/** Per-call options. */
export interface CallOptions {
  /** Aborts the call: it rejects with `CiError` code `AbortError` (or the signal's CiError reason). */
  signal?: AbortSignalLike;
  /** Milliseconds for this call (overrides the client's `timeout`; 0 = none). */
  timeout?: number;
  /** Milliseconds per attempt (overrides the client's `attemptTimeout`). */
  attemptTimeout?: number;
  /** Overrides the client's `retry` for this call. */
  retry?: RetryOptions;
}

// ---------------------------------------------------------------------------------------
// Descriptors, raw responses, transports

export type HttpMethod = 'GET' | 'PUT' | 'POST';

/** One request, in the shape `cos.request` takes. */
export interface RequestDescriptor {
  Method: HttpMethod;
  /** `https://<Bucket>.ci.<Region>.myqcloud.com/<path>` — without the query string. */
  Url: string;
  /** The path without its leading `/` (what `cos.request` signs as `'/' + Key`). */
  Key: string;
  /** Query parameters in sending order (values decoded). */
  Query: Record<string, string>;
  /** Headers to send: `Content-Type`/`Content-Length` with a body; when signed, `Authorization` and, for temporary keys, `x-ci-security-token`. */
  Headers: Record<string, string>;
  /** The XML body (PUT/POST). */
  Body?: string;
  /** `application/xml` with a body. */
  ContentType?: string;
}

/** A response as a transport hands it to a parser. */
export interface RawResponse {
  /** HTTP status (`status` is accepted too). */
  statusCode: number;
  /** Header names in any case. */
  headers?: Record<string, string>;
  /** The body as text. */
  body: string;
}

/** Signing inputs for the pure builders. */
export interface SigningOptions extends StaticCredentials {
  /** `"start;end"` in Unix seconds. Default: `StartTime` = now − 1 s. */
  KeyTime?: string;
  /** Unix seconds (instead of `KeyTime`). */
  StartTime?: number;
  /** Seconds after `StartTime` (default 900). */
  Expires?: number;
}

export interface Transport {
  /** Shown in errors. */
  readonly name?: string;
  /** True when the transport signs requests itself (cos.request): CiClient then takes no credentials. */
  readonly signsRequests?: boolean;
  /** True when the transport retries by itself (cos.request): CiClient then adds no retries. */
  readonly retriesInternally?: boolean;
  /**
   * Sends one request. Resolves with any HTTP answer (error statuses included); rejects with a
   * `CiError` (`NetworkError`, or the signal's reason) only when there is no answer.
   */
  send(
    request: RequestDescriptor,
    options: {
      signal: AbortSignalLike;
      timeout: number;
      /**
       * Set for an answer of bytes (DocPreview's page): a 2xx answer's `body` must then be a
       * `Uint8Array` or `ArrayBuffer`, as it arrived (an error's may stay text).
       */
      binary?: true;
    },
  ): Promise<RawResponse | (Omit<RawResponse, 'body'> & { body: Uint8Array | ArrayBuffer })>;
}

/** Sends with the Fetch API (browsers, Node ≥ 18). */
export function fetchTransport(fetchImpl?: FetchLike): Transport;

/** The parts of WeChat's `wx` this package uses. */
export interface WxLike {
  request(options: {
    url: string;
    method: HttpMethod;
    header: Record<string, string>;
    data?: string;
    dataType: 'text';
    responseType: 'text';
    timeout?: number;
    success(res: { statusCode: number; header: Record<string, string>; data: unknown }): void;
    fail(err: { errMsg: string }): void;
  }): { abort?(): void } | void;
}

/** Sends with WeChat's `wx.request` (text data type, `header`, `statusCode`). */
export function wxRequestTransport(wx: WxLike): Transport;

/** The part of a cos-js-sdk-v5 / cos-wx-sdk-v5 / cos-nodejs-sdk-v5 instance this package uses. */
export interface CosLike {
  request(params: Record<string, unknown>, callback: (err: any, data: any) => void): unknown;
}

/** Sends through `cos.request` of an official COS SDK instance, which signs with its own credentials. */
export function cosRequestTransport(cos: CosLike): Transport;

/** `Url` plus the query string (`encodeURIComponent`). */
export function requestUrl(request: RequestDescriptor): string;

// ---------------------------------------------------------------------------------------
// Errors

/** Codes from input validation and response parsing (the Rust core). */
export type CoreErrorCode =
  | 'InvalidArgument'
  | 'MissingArgument'
  | 'InvalidXml'
  | 'InvalidResponse'
  /** The response passed a parsing bound: 4 MiB, 100,000 elements or 64 levels of nesting. */
  | 'LimitExceeded'
  | 'ServiceError'
  | 'InternalError';

/** Codes from the JS layer. */
export type ClientErrorCode =
  | 'NetworkError'
  | 'TimeoutError'
  | 'AbortError'
  /** CreateDocProcessJobs may or may not have made the job: see `checkWith` (never retried). */
  | 'AmbiguousOutcome'
  | 'CredentialsError'
  | 'NotInitialized'
  | 'JobFailed'
  | 'JobCancelled'
  | 'JobNotFound'
  /** confirmDocProcessJobNotification: the service reports the job in another state than the notification. */
  | 'NotificationMismatch';

export type CiErrorCode = CoreErrorCode | ClientErrorCode;

/** The one error type: every failure of every call. */
export class CiError extends Error {
  constructor(code: CiErrorCode, message: string, details?: Partial<Omit<CiError, 'code' | 'message' | 'name'>>);
  readonly name: 'CiError';
  /** Stable code. `ServiceError`: the service refused — see `serviceCode`. */
  code: CiErrorCode;
  /** The parameter concerned (`Operation.DocProcess.TgtType`), for input errors. */
  field?: string;
  /** HTTP status, for service errors. */
  statusCode?: number;
  /** The service's request id (`<RequestId>` or `x-ci-request-id`). */
  requestId?: string;
  /** The service's `<Code>`, e.g. `AccessDenied`, `SignatureDoesNotMatch`; a failed job's `Code`. */
  serviceCode?: string;
  /** The service's `<Message>`; a failed job's `Message`. */
  serviceMessage?: string;
  /** `<Resource>` (COS-style errors). */
  resource?: string;
  /** `<TraceId>` (COS-style errors). */
  traceId?: string;
  /** `<ServerTime>` of clock-skew errors. */
  serverTime?: string;
  /** The job concerned (`waitForDocProcessJob`). */
  jobId?: string;
  /**
   * `AmbiguousOutcome`: DescribeDocProcessJobs parameters whose pages list every job the call
   * could have made (`StartCreationTime` a minute before it was sent; `QueueId` when the call
   * named one) — go through all of them with `paginateDescribeDocProcessJobs`.
   */
  checkWith?: DescribeDocProcessJobsCheck;
  /** `NetworkError`: `false` when the transport knows the request never left (connection refused). */
  requestSent?: false;
  /** Attempts made, when a call failed after retries. */
  readonly attempts?: number;
  cause?: unknown;
}

/** What `CiError.checkWith` holds; add `QueueId` when it is missing. */
export interface DescribeDocProcessJobsCheck {
  Tag: 'DocProcess';
  OrderByTime: 'Desc';
  Size: 100;
  StartCreationTime: string;
  QueueId?: string;
}

/**
 * Retries of Describe* and Update* on 5xx answers, network errors, attempt timeouts and damaged
 * bodies: capped exponential backoff with full jitter. CreateDocProcessJobs is never retried once
 * its request may have reached the service (it ends in `AmbiguousOutcome`).
 */
export interface RetryOptions {
  /** Attempts in all, 1 (no retries) to 10; default 3. */
  maxAttempts?: number;
  /** Milliseconds; the n-th pause is random in [0, min(maxDelay, baseDelay·2^(n-1))); default 100. */
  baseDelay?: number;
  /** Milliseconds, at most 60000; default 5000. A `Retry-After` is honoured up to this, not beyond. */
  maxDelay?: number;
}

// ---------------------------------------------------------------------------------------
// Results: their metadata here; the members of each answer are generated from its schema (below).

export interface ResponseMetadata {
  httpStatusCode: number;
  requestId?: string;
  /** 1, or 2 after a clock-skew correction. */
  attempts: number;
}

/** What every result has besides the answer's members (generated below, in the results section). */
interface Output {
  /** Non-enumerable. */
  readonly $metadata: ResponseMetadata;
}

/** What the pure parsers return (no `$metadata`). */
export type Parsed<T> = Omit<T, '$metadata'>;

// ---------------------------------------------------------------------------------------
// The client

export interface WaitOptions {
  /** Milliseconds between polls (default 2000). */
  interval?: number;
  /** Milliseconds in all (default 600000; 0 = none). */
  timeout?: number;
  signal?: AbortSignalLike;
}

export class CiClient {
  constructor(options: CiClientOptions);
  readonly config: ClientConfig;
  readonly transport: Transport;
  /** Milliseconds added to `Date.now()`; corrected from the service on clock-skew errors. */
  systemClockOffset: number;
  /** `Date.now()` + `systemClockOffset`. */
  now(): number;

  // One method per operation, and paginators: the generated `interface CiClient` below.

  /**
   * Polls until the job ends: resolves with it on `Success`; rejects with `CiError`
   * `JobFailed`, `JobCancelled`, `JobNotFound`, `TimeoutError` or `AbortError`.
   */
  waitForDocProcessJob(jobId: string, options?: WaitOptions): Promise<JobDetail>;

  /**
   * Checks a job-finished notification against the service (notifications are unsigned): the
   * job it names as DescribeDocProcessJob reports it now, when its state is the one claimed.
   * Rejects with `CiError` `JobNotFound`, `NotificationMismatch` (`field`
   * `JobsDetail.State`), or what the call may reject with.
   */
  confirmDocProcessJobNotification(
    notification: DocProcessJobNotification | Parameters<typeof parseDocProcessJobNotification>[0],
    options?: Pick<CallOptions, 'signal' | 'timeout'>,
  ): Promise<JobDetail>;

  /**
   * A presigned URL for one page of a document (usable as an `<img src>`), signed with this
   * client's credentials: its keys for `Expires` seconds (default the client's `Expires`; never
   * past temporary keys' `ExpiredTime`), or its `getAuthorization` callback, which is asked to
   * sign `GET /<Key>` with the preview's query and `Host`. Rejects with `InvalidArgument`
   * (`field` `transport`) for a client whose transport signs (`cos.request`).
   */
  getDocPreviewUrl(params: DocPreviewInput, options?: { Expires?: number; signal?: AbortSignalLike }): Promise<string>;
}

// ---------------------------------------------------------------------------------------
// The pure layer

/**
 * Loads the wasm.
 * - Browsers: optional before CiClient calls (they load it themselves); required before the
 *   synchronous builders, parsers and getAuthorization. Default: the .wasm next to the module.
 * - Node: resolves at once.
 * - WeChat mini-programs: required before anything else, with the code-package path of
 *   `cos_ci_wasm_bg.wasm.br`, e.g. `'/miniprogram_npm/cos-ci-wasm/cos_ci_wasm_bg.wasm.br'`.
 *   Rejects with `CiError` `NotInitialized` when WXWebAssembly is missing (base library
 *   < 2.14.0) or the file is not in the code package.
 */
export function init(input?: string | WasmSource): Promise<void>;

/**
 * Reads a job-finished notification — what the service POSTs to a queue's callback `Url` when
 * `NotifyConfig` has `State: 'On'`, `Type: 'Url'` — from its body as text (XML, or JSON with
 * `ResultFormat: 'JSON'`), the JSON already parsed, or `{ body, headers? }`. The job has the
 * shape DescribeDocProcessJob gives. Throws `CiError` (`InvalidXml`, `InvalidResponse`,
 * `LimitExceeded`) for anything else. The service signs no notification: check the job again
 * with `describeDocProcessJob` before acting on it.
 */
export function parseDocProcessJobNotification(
  notification: string | object | { body: string | object; headers?: Record<string, string> },
): DocProcessJobNotification;

/** Options of cos-js-sdk-v5's `COS.getAuthorization`. */
export interface GetAuthorizationOptions {
  SecretId: string;
  SecretKey: string;
  /** Default `get`. */
  Method?: string;
  /** The path signed when non-empty; else `Key`; a leading `/` is added when missing. */
  Pathname?: string;
  Key?: string;
  Query?: Record<string, string | number | boolean | null | undefined>;
  /** Include `Host` to sign it (or give Bucket and Region). */
  Headers?: Record<string, string | number | boolean | null | undefined>;
  /** `"start;end"`; else `StartTime` (+ `Expires`, default 900); else from `Date.now()`. */
  KeyTime?: string;
  StartTime?: number;
  Expires?: number;
  /** With `Region` and no `Host` header: sign the CI host `<Bucket>.ci.<Region>.myqcloud.com`. */
  Bucket?: string;
  Region?: string;
  /** Default true. */
  ForceSignHost?: boolean;
  /** Accepted (ms added to the clock when no key time is given). */
  SystemClockOffset?: number;
  /** Accepted and ignored (cos-js-sdk-v5 passes it). */
  Scope?: unknown;
  /** Accepted and ignored. */
  UseRawKey?: boolean;
}

/** The `Authorization` value for a request, under this package's signing policy. */
export function getAuthorization(options: GetAuthorizationOptions): string;

/**
 * A presigned URL for one page of a document (DocPreview, `GET /<Key>?ci-process=doc-preview…`
 * on the bucket's COS host), usable as it is — e.g. as an `<img src>`. The query carries the
 * signature (`q-sign-algorithm=sha1&q-ak=…&q-signature=…`, covering the host and every preview
 * parameter) and, for temporary keys, `x-cos-security-token`; never the SecretKey. Anyone who
 * holds the URL can fetch that page until the key time ends: keep `Expires` short.
 * With keys, `signing.KeyTime` defaults to now − 1 s for `Expires` (default 900) seconds.
 */
export function getDocPreviewUrl(
  config: ClientConfig,
  params: DocPreviewInput,
  signing: SigningOptions | PresignedBy,
): string;

/**
 * An `Authorization` a server made for the preview's request (`GET /<Key>` with its query, `Host`
 * signed — what `getAuthorization` gives for `buildDocPreview(config, params)`), and the token of
 * the temporary keys it signed with. The server decides the key time.
 */
export interface PresignedBy {
  Authorization: string;
  SecurityToken?: string;
}

/** What a parser takes: a transport's answer, or a fetch-like `{ status, headers, body }`. */
export type AnyRawResponse = RawResponse | { status: number; headers?: Record<string, string>; body: string };

/** An answer of bytes (DocPreview's page) as a transport or `fetch` gives it. */
export type BinaryRawResponse =
  | (Omit<RawResponse, 'body'> & { body: Uint8Array | ArrayBuffer })
  | { status: number; headers?: Record<string, string>; body: Uint8Array | ArrayBuffer };
