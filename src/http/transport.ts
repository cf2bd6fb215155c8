import type { IncomingHttpHeaders } from 'node:http';
import { request, type Dispatcher } from 'undici';
import { HostUnreachable, SourceFailure } from '../errors.ts';
import { readBody } from './body.ts';
import { seconds, type Deadline } from './deadline.ts';
import type { Attempt } from './retry.ts';

export interface Timeouts {
  /** To open the TCP (and TLS) connection. */
  connectMs: number;
  /** From sending the request to having all response headers. */
  headersMs: number;
  /** The longest silence while the body arrives. */
  bodyMs: number;
  /** One whole request, body included: a body that trickles in never trips bodyMs. */
  requestMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = { connectMs: 10_000, headersMs: 30_000, bodyMs: 30_000, requestMs: 60_000 };

/** One request and what came back. */
export interface Exchange {
  url: URL;
  status: number;
  headers: Headers;
  /** Decompressed; empty unless the status is 2xx (error pages are not worth the bytes), or `keepErrorBody` asked for it. */
  body: Buffer;
  wireBytes: number;
}

export interface ExchangeOptions {
  dispatcher: Dispatcher;
  headers: Record<string, string>;
  timeouts: Timeouts;
  maxBodyBytes: number;
  deadline: Deadline;
  /** GET unless said; a POST carries `body`. */
  method?: 'GET' | 'POST';
  body?: Buffer;
  /** Read the body of an error answer too: an API says there why it refused. */
  keepErrorBody?: boolean;
}

export async function exchange(url: URL, options: ExchangeOptions): Promise<Attempt<Exchange>> {
  const { timeouts } = options;
  const ownTimeout = AbortSignal.timeout(timeouts.requestMs);
  try {
    const response = await request(url, {
      method: options.method ?? 'GET',
      body: options.body,
      headers: options.headers,
      dispatcher: options.dispatcher,
      signal: AbortSignal.any([options.deadline.signal, ownTimeout]),
      headersTimeout: timeouts.headersMs,
      bodyTimeout: timeouts.bodyMs,
    });
    const headers = toHeaders(response.headers);
    const exchanged = { url, status: response.statusCode, headers, body: Buffer.alloc(0), wireBytes: 0 };
    if ((response.statusCode < 200 || response.statusCode >= 300) && !options.keepErrorBody) {
      // Reading what is left (up to undici's small limit) lets the connection be reused.
      await response.body.dump().catch(() => {});
      return { ok: true, value: exchanged };
    }
    const read = await readBody(response.body, headers.get('content-encoding'), options.maxBodyBytes, url.href);
    return { ok: true, value: { ...exchanged, ...read } };
  } catch (error) {
    if (error instanceof SourceFailure) return { ok: false, failure: error, transient: false };
    if (options.deadline.signal.aborted) return { ok: false, failure: options.deadline.failure(url.href), transient: false };
    if (ownTimeout.aborted) {
      const failure = new SourceFailure('timeout', `no complete answer from ${url.href} within ${seconds(timeouts.requestMs)}`);
      return { ok: false, failure, transient: false };
    }
    return transportFailure(error, url, timeouts);
  }
}

/**
 * Why a host could not be reached, by the system's error code; the second word says whether the
 * next try may go better (a refused connection may be a restart; a name that does not resolve
 * will not resolve in a second).
 */
const UNREACHABLE: Record<string, { reason: string; transient: boolean }> = {
  ENOTFOUND: { reason: 'DNS lookup failed', transient: false },
  EAI_AGAIN: { reason: 'DNS lookup failed (the resolver did not answer)', transient: true },
  ECONNREFUSED: { reason: 'connection refused', transient: true },
  EHOSTUNREACH: { reason: 'no route to the host', transient: true },
  ENETUNREACH: { reason: 'the network is unreachable', transient: true },
};

/** A server that is slow once is likely slow again: timeouts are not retried, broken connections are. */
function transportFailure(error: unknown, url: URL, timeouts: Timeouts): Attempt<never> {
  const { code, message } = systemError(error);
  const detail = code && !message.includes(code) ? `${message} (${code})` : message;
  const unreachable = (reason: string, kind: 'network' | 'timeout', transient: boolean) => ({
    ok: false as const,
    failure: new HostUnreachable(url.host, reason, kind, detail, url.href),
    transient,
  });
  const timeout = (text: string) => ({ ok: false as const, failure: new SourceFailure('timeout', text), transient: false });
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return unreachable(`no connection within ${seconds(timeouts.connectMs)}`, 'timeout', false);
    case 'UND_ERR_HEADERS_TIMEOUT':
      return timeout(`${url.href} sent no response headers within ${seconds(timeouts.headersMs)}`);
    case 'UND_ERR_BODY_TIMEOUT':
      return timeout(`${url.href} stopped sending its body for more than ${seconds(timeouts.bodyMs)}`);
  }
  const known = code === undefined ? undefined : UNREACHABLE[code];
  if (known) return unreachable(known.reason, 'network', known.transient);
  return { ok: false, failure: new SourceFailure('network', `could not fetch ${url.href}: ${detail}`), transient: true };
}

/**
 * The code and message of a failed connection. Trying each address of a host in turn, Node reports
 * every attempt in an AggregateError whose first error says what happened.
 */
function systemError(error: unknown): { code?: string; message: string } {
  const { code, message, errors } = error as { code?: string; message?: string; errors?: unknown[] };
  if (code === undefined && Array.isArray(errors) && errors.length > 0) return systemError(errors[0]);
  return { code, message: message || String(error) };
}

export function statusFailure(url: URL, status: number): SourceFailure {
  // The shape adapters already quote in their warnings and messages.
  return new SourceFailure('http', `HTTP ${status} from ${url.href}`, status);
}

function toHeaders(raw: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
  }
  return headers;
}
