import { createHash } from 'node:crypto';

/** What we learned about a URL the last time its source was stored successfully. */
export interface StoredValidators {
  etag: string | null;
  lastModified: string | null;
  contentHash: string | null;
}

/** Read-only on purpose: the client never saves validators; the engine does, with the events. */
export interface ValidatorStore {
  get(url: string): StoredValidators | undefined;
}

/** Validators of a document fetched in this session, to save once its source is stored. */
export interface PendingValidators {
  url: string;
  etag: string | null;
  lastModified: string | null;
  contentHash: string;
}

/**
 * The document is the one whose events we already hold: nothing to parse or write. Not a
 * SourceFailure, since nothing went wrong.
 */
export class NotModified extends Error {
  constructor(
    readonly url: string,
    /** `304`: the server said so; `same-content`: it sent the same content again. */
    readonly reason: '304' | 'same-content',
  ) {
    super(reason === '304' ? `${url} answered 304 Not Modified` : `${url} sent the same content as last time`);
    this.name = 'NotModified';
  }
}

export function conditionalHeaders(stored: StoredValidators | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (stored?.etag) headers['if-none-match'] = stored.etag;
  if (stored?.lastModified) headers['if-modified-since'] = stored.lastModified;
  return headers;
}

/** Sniffed rather than read from Content-Type: feeds come as text/plain or octet-stream too. */
const ICALENDAR_START = /^(?:\u00EF\u00BB\u00BF)?\s*BEGIN:VCALENDAR/; // the BOM as latin1 reads it

/**
 * A hash of what a document says, for servers that send no validators. iCalendar's DTSTAMP is the
 * time the feed was generated, new on every request (Meetup's feeds), so it is left out.
 */
export function documentHash(body: Buffer): string {
  // latin1 maps bytes one to one, so this never rewrites anything it does not drop.
  const text = body.toString('latin1');
  const hashed = ICALENDAR_START.test(text) ? withoutVolatileLines(text) : text;
  return createHash('sha256').update(hashed, 'latin1').digest('hex');
}

function withoutVolatileLines(calendar: string): string {
  return calendar
    .replace(/\r?\n[ \t]/g, '') // unfold, so a folded DTSTAMP goes as a whole
    .split(/\r?\n/)
    .filter((line) => !/^DTSTAMP[;:]/i.test(line))
    .join('\n');
}
