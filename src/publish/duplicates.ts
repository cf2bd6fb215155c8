import type { StoredEvent, ListedEvent } from '../types.ts';
import type { Config } from '../config/schema.ts';
import { appendTo } from '../maps.ts';
import { byStartThenId, compareText } from './order.ts';
import { foldAccentsAndCase } from './text-folding.ts';

/** Two listings of one event start within this much of each other (time zones guessed, rounding). */
const START_TOLERANCE_MS = 30 * 60 * 1000;

/**
 * The same event listed by two sources (a Luma calendar re-listing a Meetup event, two groups
 * co-hosting) is shown once. Listings match on the event URL first, then on normalised title
 * and start time; `duplicates` in sources.yaml merges or splits pairs by hand. The listing seen
 * first stays the event (its UID and slug are what subscribers already have); the others become
 * "also listed on".
 */
export function mergeDuplicates(events: StoredEvent[], overrides: Config['duplicates']): ListedEvent[] {
  // A source never lists one event twice: a merged event holds at most one listing per source,
  // even when two of a source's events (a series sharing one link) both match a third listing.
  const sets = new DisjointSets(events.map((e) => `${e.groupId} ${e.sourceType} ${e.sourceUrl}`));
  const split = new Set(overrides.split.map(([a, b]) => pairKey(normalizeUrl(a), normalizeUrl(b))));
  const urls = events.map((e) => (e.url ? normalizeUrl(e.url) : null));
  const join = (i: number, j: number) => {
    if (urls[i] && urls[j] && split.has(pairKey(urls[i]!, urls[j]!))) return;
    sets.union(i, j);
  };

  joinOnKey(urls, join);
  joinOnTitleAndTime(events, join);
  for (const [a, b] of overrides.merge) {
    const i = urls.indexOf(normalizeUrl(a));
    const j = urls.indexOf(normalizeUrl(b));
    if (i !== -1 && j !== -1) sets.union(i, j);
  }

  const clusters = new Map<number, number[]>();
  events.forEach((_, i) => appendTo(clusters, sets.find(i), i));
  const listed = [...clusters.values()].map((members) => {
    const [primary, ...others] = members.map((i) => events[i]!).sort(firstSeenFirst);
    return {
      ...primary!,
      alsoListedOn: others.map((e) => ({ groupId: e.groupId, sourceType: e.sourceType, url: e.url })),
      correction: null,
    };
  });
  return listed.sort(byStartThenId);
}

function joinOnKey(keys: (string | null)[], join: (i: number, j: number) => void): void {
  const firstWith = new Map<string, number>();
  keys.forEach((key, i) => {
    if (key === null) return;
    const first = firstWith.get(key);
    if (first === undefined) firstWith.set(key, i);
    else join(first, i);
  });
}

/** Same normalised title, starts within the tolerance: sorted by start, only neighbours compare. */
function joinOnTitleAndTime(events: StoredEvent[], join: (i: number, j: number) => void): void {
  const byTitle = new Map<string, number[]>();
  events.forEach((event, i) => {
    const title = normalizeTitle(event.title);
    if (title) appendTo(byTitle, title, i);
  });
  for (const indexes of byTitle.values()) {
    const sorted = indexes.sort((a, b) => startMs(events[a]!) - startMs(events[b]!));
    for (let k = 1; k < sorted.length; k++) {
      const [i, j] = [sorted[k - 1]!, sorted[k]!];
      if (events[i]!.allDay === events[j]!.allDay && startMs(events[j]!) - startMs(events[i]!) <= START_TOLERANCE_MS) join(i, j);
    }
  }
}

function startMs(event: StoredEvent): number {
  return Date.parse(event.allDay ? `${event.start}T00:00:00Z` : event.start);
}

function firstSeenFirst(a: StoredEvent, b: StoredEvent): number {
  return compareText(a.firstSeen, b.firstSeen) || compareText(a.id, b.id);
}

export function normalizeTitle(title: string): string {
  return foldAccentsAndCase(title)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Scheme, `www.`, case of the host, query, fragment and a trailing slash do not make another event. */
export function normalizeUrl(value: string): string {
  try {
    const url = new URL(value);
    const host = url.hostname.toLowerCase().replace(/^www\./, '');
    return `${host}${url.pathname.replace(/\/+$/, '')}`.toLowerCase();
  } catch {
    return value.trim().toLowerCase();
  }
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a} ${b}` : `${b} ${a}`;
}

/** Union-find whose sets never hold two members with the same label. */
class DisjointSets {
  private readonly parent: number[];
  private readonly labels: Set<string>[];
  constructor(labels: string[]) {
    this.parent = labels.map((_, i) => i);
    this.labels = labels.map((label) => new Set([label]));
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]!]!;
      i = this.parent[i]!;
    }
    return i;
  }
  union(a: number, b: number): void {
    const [rootA, rootB] = [this.find(a), this.find(b)];
    if (rootA === rootB) return;
    const [labelsA, labelsB] = [this.labels[rootA]!, this.labels[rootB]!];
    if ([...labelsB].some((label) => labelsA.has(label))) return;
    this.parent[rootB] = rootA;
    for (const label of labelsB) labelsA.add(label);
  }
}
