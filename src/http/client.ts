import { fetch, type Dispatcher, type Response } from 'undici';
import { SourceFailure } from '../errors.ts';

export const USER_AGENT =
  'spokane-tech/0.1 (+https://github.com/spokane-tech/spokane-tech; events calendar for Spokane tech groups)';

export interface HttpResponse {
  /** The final URL, after redirects. */
  url: string;
  status: number;
  headers: Headers;
  body: Buffer;
  /** The body decoded as UTF-8; invalid sequences become U+FFFD rather than failing. */
  text(): string;
}

export interface GetOptions {
  accept?: string;
  /** Extra request headers (an API's Authorization, …); they cannot replace user-agent or accept. */
  headers?: Record<string, string>;
}

export interface HttpClient {
  get(url: string, options?: GetOptions): Promise<HttpResponse>;
}

export interface HttpClientOptions {
  timeoutMs?: number;
  maxBodyBytes?: number;
  userAgent?: string;
  /** An undici dispatcher (a MockAgent in tests). */
  dispatcher?: Dispatcher;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

/** The one HTTP client: every adapter request goes through here. */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const userAgent = options.userAgent ?? USER_AGENT;

  return {
    async get(url, { accept = '*/*', headers = {} } = {}) {
      const protocol = new URL(url).protocol;
      if (protocol !== 'http:' && protocol !== 'https:') {
        throw new SourceFailure('network', `refusing to fetch a ${protocol} URL: ${url}`);
      }
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        const response = await fetch(url, {
          headers: { ...headers, 'user-agent': userAgent, accept },
          redirect: 'follow',
          signal,
          dispatcher: options.dispatcher,
        });
        if (!response.ok) {
          await response.body?.cancel();
          throw new SourceFailure('http', `HTTP ${response.status} from ${url}`, response.status);
        }
        const body = await readCapped(response.body, maxBodyBytes, url);
        return {
          url: response.url || url,
          status: response.status,
          headers: response.headers as unknown as Headers,
          body,
          text: () => new TextDecoder('utf-8', { fatal: false }).decode(body),
        };
      } catch (error) {
        throw asSourceFailure(error, url, timeoutMs);
      }
    },
  };
}

async function readCapped(
  stream: Response['body'],
  maxBytes: number,
  url: string,
): Promise<Buffer> {
  if (!stream) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of stream) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      await stream.cancel().catch(() => {});
      throw new SourceFailure('too_large', `response from ${url} is larger than ${maxBytes} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function asSourceFailure(error: unknown, url: string, timeoutMs: number): SourceFailure {
  if (error instanceof SourceFailure) return error;
  const err = error as Error & { cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') {
    return new SourceFailure('timeout', `no complete answer from ${url} within ${timeoutMs} ms`);
  }
  const detail = err.cause?.code ?? err.cause?.message ?? err.message;
  return new SourceFailure('network', `could not fetch ${url}: ${detail}`);
}
