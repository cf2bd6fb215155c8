import { createHash } from 'node:crypto';
import type { SourceEvent } from '../types.ts';
import { localDay } from '../time.ts';

/** The event's id across runs: derived from its source and the source's own id, nothing else. */
export function stableEventId(sourceKey: string, sourceEventId: string): string {
  return sha256(`${sourceKey}\u0000${sourceEventId}`).slice(0, 20);
}

export function sourceKey(groupId: string, type: string, url: string): string {
  return `${groupId}\u0000${type}\u0000${url}`;
}

/**
 * A readable URL segment: date, title words, and a piece of the stable id so that two events
 * with the same title and date never collide. Only [a-z0-9-] survive, so it cannot leave
 * the output folder.
 */
export function eventSlug(
  event: Pick<SourceEvent, 'title' | 'start' | 'allDay'>,
  id: string,
  zone: string,
  idChars = 6,
): string {
  const words = event.title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  const date = event.allDay ? event.start : localDay(event.start, zone);
  return [date, words || 'event', id.slice(0, idChars)].join('-');
}

/** A fingerprint of everything the source said about the event, independent of key order. */
export function contentHash(event: SourceEvent): string {
  return sha256(canonicalJson(event));
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
