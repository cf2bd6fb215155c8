import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { openStore } from '../src/store/db.ts';
import { applyEvents, syncConfig } from '../src/store/events.ts';
import type { SourceEvent } from '../src/types.ts';
import { loadConfig } from '../src/config/load.ts';

// A realistic store for the build benchmark: not copies of one event, but groups with their own
// rhythm (weekly, monthly, one-offs), two years of past events, online, hybrid, cancelled, all-day
// and multi-day events, and long unicode descriptions. Seeded, so every run builds the same store.
// About a third of the groups hold a recurring series (one iCalendar UID, an instance a week or a
// month, same title, time and place, as a feed's RRULE expands to), the rest one-off events.

const GROUPS = 300;
const TAGS = 40;
const PAST_DAYS = 730;
const FUTURE_DAYS = 180;

export interface GeneratedStore {
  config: string;
  db: string;
  events: number;
}

export function generateStore(dir: string, eventCount: number, now = new Date()): GeneratedStore {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const random = mulberry32(eventCount);
  const tags = Array.from({ length: TAGS }, (_, i) => `${TOPICS[i % TOPICS.length]}${i >= TOPICS.length ? `-${i}` : ''}`);
  // Written as a maintainer writes sources.yaml, and read back through the schema as the
  // commands will read it.
  const written = {
    site: { title: 'Inland Northwest Tech', url: 'https://bench.example', timezone: 'America/Los_Angeles' },
    groups: Array.from({ length: GROUPS }, (_, i) => ({
      id: `group-${i}`,
      name: `${CITIES[i % CITIES.length]} ${TOPICS[i % TOPICS.length]} ${['Meetup', 'User Group', 'Guild', 'Club', 'Collective'][i % 5]} ${i}`,
      homepage: `https://groups.example/${i}/`,
      tags: pick(random, tags, 1 + Math.floor(random() * 3)),
      sources: [{ type: 'ical', url: `https://feeds.example/${i}.ics` }],
    })),
  };
  const configPath = join(dir, 'sources.yaml');
  writeFileSync(configPath, stringify(written));
  const loaded = loadConfig(configPath);
  if (!loaded.ok) throw new Error(`the generated ${configPath} is refused: ${loaded.problems.map((p) => p.message).join('; ')}`);
  const { config } = loaded;

  const dbPath = join(dir, 'store.db');
  const db = openStore(dbPath);
  const sources = syncConfig(db, config);
  const perGroup = distribute(eventCount, GROUPS, random);
  sources.forEach((source, g) => {
    const series = random() < 0.35 ? { cadenceDays: random() < 0.6 ? 7 : 28, title: SERIES[g % SERIES.length]!, hour: [1, 2, 16][g % 3]! } : null;
    const events = Array.from({ length: perGroup[g]! }, (_, k) =>
      series ? makeInstance(random, g, k, perGroup[g]!, now, series) : makeEvent(random, g, k, perGroup[g]!, now),
    );
    db.transaction(() => applyEvents(db, source, events, { now, timezone: config.site.timezone }))();
  });
  db.close();
  return { config: configPath, db: dbPath, events: eventCount };
}

function makeEvent(random: () => number, group: number, k: number, count: number, now: Date): SourceEvent {
  // A group's events spread over its own span of the two years back and six months ahead.
  const span = PAST_DAYS + FUTURE_DAYS;
  const day = Math.floor(((k + random() * 0.8) / count) * span) - PAST_DAYS;
  const start = new Date(now.getTime() + day * 86_400_000);
  start.setUTCHours([1, 2, 16, 17, 18][Math.floor(random() * 5)]!, random() < 0.5 ? 0 : 30, 0, 0);
  const kind = random();
  const allDay = kind < 0.03;
  const multiDay = kind >= 0.03 && kind < 0.05;
  const attendance = kind < 0.25 ? 'online' : kind < 0.35 ? 'hybrid' : 'in_person';
  const title = `${random() < 0.3 ? '🚀 ' : ''}${TITLES[Math.floor(random() * TITLES.length)]} #${k + 1}${random() < 0.1 ? ' — スポケーン勉強会 · Ñandú' : ''}`;
  const date = start.toISOString().slice(0, 10);
  return {
    sourceEventId: `g${group}-e${k}`,
    title,
    start: allDay ? date : iso(start),
    end: allDay ? addDays(date, multiDay ? 2 : 1) : iso(new Date(start.getTime() + (multiDay ? 50 : 2) * 3_600_000)),
    allDay,
    endEstimated: random() < 0.1,
    timezone: 'America/Los_Angeles',
    status: random() < 0.05 ? 'cancelled' : 'scheduled',
    attendance,
    venue: attendance === 'online' ? null : { name: `Venue ${group % 37}`, address: `${100 + (group % 900)} W Main Ave, Spokane, WA 99201`, lat: 47.65 + random() / 100, lon: -117.42 - random() / 100 },
    onlineUrl: attendance === 'in_person' ? null : `https://meet.example/${group}-${k}`,
    url: `https://events.example/${group}/${k}/`,
    descriptionHtml: description(random),
    imageUrl: random() < 0.5 ? `https://img.example/${group}.png` : null,
    topics: [],
  };
}

/** One instance of a group's recurring series: the same title, time and place each time. */
function makeInstance(
  random: () => number,
  group: number,
  k: number,
  count: number,
  now: Date,
  series: { cadenceDays: number; title: string; hour: number },
): SourceEvent {
  // The series runs up to six months ahead; a group with more instances than fit meets more often.
  const every = Math.min(series.cadenceDays, (PAST_DAYS + FUTURE_DAYS) / count);
  const start = new Date(now.getTime() + Math.floor(FUTURE_DAYS - (count - 1 - k) * every) * 86_400_000);
  start.setUTCHours(series.hour, 0, 0, 0);
  const attendance = group % 4 === 0 ? 'hybrid' : 'in_person';
  return {
    sourceEventId: `series-${group}@feeds.example#${iso(start)}`,
    title: series.title,
    start: iso(start),
    end: iso(new Date(start.getTime() + 2 * 3_600_000)),
    allDay: false,
    endEstimated: false,
    timezone: 'America/Los_Angeles',
    status: random() < 0.03 ? 'cancelled' : 'scheduled',
    attendance,
    venue: { name: `Venue ${group % 37}`, address: `${100 + (group % 900)} W Main Ave, Spokane, WA 99201`, lat: 47.65 + (group % 10) / 1000, lon: -117.42 - (group % 7) / 1000 },
    onlineUrl: attendance === 'hybrid' ? `https://meet.example/${group}` : null,
    url: `https://events.example/${group}/series/${iso(start).slice(0, 10)}/`,
    descriptionHtml: description(random),
    imageUrl: `https://img.example/${group}.png`,
    topics: [],
  };
}

function description(random: () => number): string {
  const paragraphs = 1 + Math.floor(random() * 6);
  return Array.from({ length: paragraphs }, (_, i) =>
    i === 1
      ? '<ul><li>Talks</li><li>Pizza &amp; drinks</li><li><a href="https://example.com/rsvp" rel="nofollow ugc">RSVP</a></li></ul>'
      : `<p>${LOREM.slice(0, 120 + Math.floor(random() * (LOREM.length - 120)))}</p>`,
  ).join('\n');
}

function distribute(total: number, buckets: number, random: () => number): number[] {
  const weights = Array.from({ length: buckets }, () => 0.2 + random() * random() * 4);
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.floor((w / sum) * total));
  for (let i = 0, left = total - counts.reduce((a, b) => a + b, 0); left > 0; i = (i + 1) % buckets, left--) counts[i]! += 1;
  return counts;
}

function pick<T>(random: () => number, from: T[], n: number): T[] {
  const chosen = new Set<T>();
  while (chosen.size < n) chosen.add(from[Math.floor(random() * from.length)]!);
  return [...chosen];
}

function iso(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A small seeded PRNG: the same store on every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOPICS = ['python', 'rust', 'go', 'dotnet', 'devops', 'ux', 'security', 'wordpress', 'startups', 'data', 'ai', 'cloud', 'javascript', 'java', 'mobile', 'gamedev', 'hardware', 'blockchain', 'design', 'product'];
const CITIES = ['Spokane', 'Coeur d’Alene', 'Pullman', 'Moscow', 'Spokane Valley', 'Liberty Lake', 'Cheney', 'Sandpoint'];
const SERIES = ['Weekly hack night', 'Coffee & code', 'Monthly meetup', 'Study group', 'Office hours', 'Lunch & learn'];
const TITLES = ['Monthly meetup', 'Lightning talks', 'Hack night', 'Coffee & code', 'Workshop: testing in practice', 'Career panel', 'Intro to async', 'Study group', 'Demo day', 'Office hours', 'Security roundtable', 'Design critique'];
const LOREM =
  'Join us for an evening of talks and conversation. Newcomers are welcome: bring a laptop if you want to follow along, or just come to listen and meet people. Ünïcödé is welcome too — 日本語、한국어, русский, العربية. We will cover the basics first, then dig into the details, and end with open questions over snacks. Parking is behind the building; the entrance is on the north side.';
