import { Agent, type Dispatcher } from 'undici';
import { ACCEPT } from './accept.ts';
import { ACCEPT_ENCODING, decodeText } from './body.ts';
import { deadlineAfter } from './deadline.ts';
import { fetchFollowing, type FetcherSettings, type Scope, type SessionStats } from './fetcher.ts';
import { postJson, type ApiAnswer, type PostOptions } from './post.ts';
import { HostLimiter, resolvePoliteness, type PolitenessOptions } from './host-limiter.ts';
import { httpUrl } from './redirects.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.ts';
import { RobotsGate } from './robots.ts';
import { DEFAULT_TIMEOUTS, statusFailure, type Exchange, type Timeouts } from './transport.ts';
import {
  NotModified,
  conditionalHeaders,
  documentHash,
  type PendingValidators,
  type ValidatorStore,
} from './conditional.ts';

export { DEFAULT_POLITENESS, resolvePoliteness, type HostPolicy, type Politeness, type PolitenessOptions } from './host-limiter.ts';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.ts';
export { DEFAULT_TIMEOUTS, type Timeouts } from './transport.ts';
export { NotModified, type PendingValidators, type StoredValidators, type ValidatorStore } from './conditional.ts';
export type { SessionStats } from './fetcher.ts';
export type { ApiAnswer, PostOptions } from './post.ts';

/** Its product token (`spokane-tech`) is the name robots.txt rules address us by. */
export const USER_AGENT =
  'spokane-tech/0.1 (+https://github.com/spokane-tech/spokane-tech; events calendar for Spokane tech groups)';

export interface HttpResponse {
  /** The final URL, after redirects. */
  url: string;
  status: number;
  headers: Headers;
  /** Decompressed. */
  body: Buffer;
  /** The body in the charset its Content-Type declares (else UTF-8); invalid bytes become U+FFFD. */
  text(): string;
}

export interface GetOptions {
  accept?: string;
  /** Extra request headers (an API's Authorization, …); they cannot replace user-agent, accept or accept-encoding. */
  headers?: Record<string, string>;
  /**
   * The source's primary document: send the stored validators, throw NotModified when it did not
   * change, and keep its new validators pending. Only a session does this; `client.get` ignores it.
   */
  conditional?: boolean;
}

export interface HttpClient {
  get(url: string, options?: GetOptions): Promise<HttpResponse>;
}

export interface SessionOptions {
  /** Every request of the session fails with a 'timeout' once this much time has passed. */
  deadlineMs?: number;
  validators?: ValidatorStore;
}

/** The requests made for one source. */
export interface HttpSession extends HttpClient {
  /** Validators of conditional documents answered 200: save them with the source's events, never before. */
  pendingValidators(): PendingValidators[];
  stats(): SessionStats;
}

export interface PoliteHttpClient extends HttpClient {
  session(options?: SessionOptions): HttpSession;
  /** A JSON POST to an API, within the same limits; any answer is returned (see post.ts). */
  post(url: string, options: PostOptions): Promise<ApiAnswer>;
  /** Closes the connections the client opened (not those of a dispatcher it was given). */
  close(): Promise<void>;
}

export interface HttpClientOptions extends PolitenessOptions {
  userAgent?: string;
  /** After decompression. */
  maxBodyBytes?: number;
  maxRedirects?: number;
  timeouts?: Partial<Timeouts>;
  retry?: Partial<RetryPolicy>;
  /** Obey robots.txt (the default). Off only where no robots.txt can be served, like a MockAgent. */
  robots?: boolean;
  /** An undici dispatcher (a MockAgent in tests); connect timeouts are then its own. */
  dispatcher?: Dispatcher;
}

const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
const DEFAULT_MAX_REDIRECTS = 5;
const OUR_HEADERS = new Set(['user-agent', 'accept', 'accept-encoding']);

/** The one HTTP client: every request of a run goes through here, so its limits hold across sources. */
export function createHttpClient(options: HttpClientOptions = {}): PoliteHttpClient {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const dispatcher = options.dispatcher ?? new Agent({ connect: { timeout: timeouts.connectMs } });
  const settings: FetcherSettings = {
    dispatcher,
    limiter: new HostLimiter(resolvePoliteness(options)),
    timeouts,
    retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    maxRedirects: options.maxRedirects ?? DEFAULT_MAX_REDIRECTS,
  };
  const userAgent = options.userAgent ?? USER_AGENT;

  // robots.txt is shared by every source on a host, so no one source's deadline may cut it short.
  const robotsScope: Scope = { deadline: deadlineAfter(undefined), stats: newStats(), robots: null };
  const robots =
    options.robots === false
      ? null
      : new RobotsGate({
          fetchText: async (url) => {
            const answer = await fetchFollowing(new URL(url), requestHeaders(userAgent, { accept: ACCEPT.text }), robotsScope, settings);
            if (!isSuccess(answer.status)) throw statusFailure(answer.url, answer.status);
            return decodeText(answer.body, answer.headers.get('content-type'));
          },
          onCrawlDelay: (host, delayMs) => settings.limiter.respectCrawlDelay(host, delayMs),
        });

  const session = (sessionOptions: SessionOptions = {}): HttpSession => {
    const scope: Scope = { deadline: deadlineAfter(sessionOptions.deadlineMs), stats: newStats(), robots };
    const pending = new Map<string, PendingValidators>();
    return {
      async get(url, getOptions = {}) {
        const target = httpUrl(url, 'not fetched');
        const stored = getOptions.conditional ? sessionOptions.validators?.get(url) : undefined;
        const headers = { ...requestHeaders(userAgent, getOptions), ...conditionalHeaders(stored) };
        const answer = await fetchFollowing(target, headers, scope, settings);
        if (answer.status === 304 && getOptions.conditional) throw new NotModified(url, '304');
        if (!isSuccess(answer.status)) throw statusFailure(answer.url, answer.status);
        if (getOptions.conditional) {
          const validators = validatorsOf(url, answer);
          // Pending even when unchanged: saving them is safe then, and keeps validators a server just started sending.
          pending.set(url, validators);
          if (stored?.contentHash === validators.contentHash) throw new NotModified(url, 'same-content');
        }
        return toResponse(answer);
      },
      pendingValidators: () => [...pending.values()],
      stats: () => ({ ...scope.stats }),
    };
  };

  const unscoped = session();
  return {
    get: (url, getOptions) => unscoped.get(url, { ...getOptions, conditional: false }),
    session,
    post: (url, postOptions) => postJson(url, postOptions, settings, userAgent),
    close: async () => {
      if (dispatcher !== options.dispatcher) await dispatcher.close();
    },
  };
}

function validatorsOf(url: string, answer: Exchange): PendingValidators {
  return {
    url,
    etag: answer.headers.get('etag'),
    lastModified: answer.headers.get('last-modified'),
    contentHash: documentHash(answer.body),
  };
}

function requestHeaders(userAgent: string, { accept = '*/*', headers = {} }: GetOptions): Record<string, string> {
  const extra = Object.entries(headers)
    .map(([name, value]) => [name.toLowerCase(), value] as const)
    .filter(([name]) => !OUR_HEADERS.has(name));
  return { ...Object.fromEntries(extra), 'user-agent': userAgent, accept, 'accept-encoding': ACCEPT_ENCODING };
}

function toResponse(answer: Exchange): HttpResponse {
  let text: string | undefined;
  return {
    url: answer.url.href,
    status: answer.status,
    headers: answer.headers,
    body: answer.body,
    text: () => (text ??= decodeText(answer.body, answer.headers.get('content-type'))),
  };
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

function newStats(): SessionStats {
  return { requests: 0, retries: 0, bytesReceived: 0, wireBytes: 0 };
}
