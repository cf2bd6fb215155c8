import { SourceFailure } from '../errors.ts';

export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** Credentials meant for one host (an API token) must not follow a redirect to another. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

/** Refuses anything but an http(s) URL, so a source can never make us read a file or run a script. */
export function httpUrl(url: string, context: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SourceFailure('network', `${context}: "${url}" is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new SourceFailure('network', `${context}: refusing to fetch a ${parsed.protocol} URL (${url}); only http and https are fetched`);
  }
  return parsed;
}

/**
 * Where a redirect leads. `chain` holds every URL visited so far, the first request's included;
 * the new URL is added to it.
 */
export function redirectTarget(chain: string[], status: number, location: string | null, maxRedirects: number): URL {
  const from = chain.at(-1)!;
  if (location === null) {
    throw new SourceFailure('http', `${from} answered ${status} (a redirect) without saying where to`, status);
  }
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw new SourceFailure('http', `${from} redirected to "${location}", which is not a URL`, status);
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw new SourceFailure('http', `${from} redirected to ${next.protocol} URL ${location}; only http(s) redirects are followed`, status);
  }
  if (chain.includes(next.href)) {
    throw new SourceFailure('http', `redirect loop: ${[...chain, next.href].join(' → ')}`, status);
  }
  if (chain.length > maxRedirects) {
    throw new SourceFailure('http', `${chain[0]} redirected more than ${maxRedirects} times (${chain.join(' → ')} → …)`, status);
  }
  chain.push(next.href);
  return next;
}

export function headersForHop(headers: Record<string, string>, from: URL, to: URL): Record<string, string> {
  if (from.origin === to.origin) return headers;
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !CREDENTIAL_HEADERS.includes(name)));
}
