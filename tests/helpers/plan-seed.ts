import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load.ts';
import { openStore } from '../../src/store/db.ts';
import { applyEvents, syncConfig } from '../../src/store/events.ts';
import { addDays, addMinutes, addMonths, instantAt } from '../../src/time.ts';
import type { ListedSnapshot } from '../../src/publish/view/index.ts';
import type { ListedEvent, SourceEvent } from '../../src/types.ts';
import { listedEvent, sourceEvent, storedGroup, ZONE } from './builders.ts';
import { everyWeek, monthly } from './histories.ts';

// Six Spokane groups and half a year of their events, around a given local day: what the plan
// page and `spokane-tech clashes` are tested and shown on. Python meets on second Tuesdays,
// Coffee & Code every Thursday morning, Rust on last Wednesdays; the rest meet when they can.
// Ahead, three clashes (Python and Data overlap on Python's next night; a DevOps conference
// and an AWS evening, both cloud; Data on the night Python usually meets), and two near misses
// that are none (Rust beside Python: no tag shared; Data ending as Python starts).

export const SEED_GROUPS = [
  { id: 'python-spokane', name: 'Spokane Python User Group', tags: ['python'] },
  { id: 'spokane-data', name: 'Spokane Data Science', tags: ['python', 'data'] },
  { id: 'coffee-code', name: 'Coffee & Code', tags: ['python', 'javascript'] },
  { id: 'inland-rust', name: 'Inland NW Rust', tags: ['rust'] },
  { id: 'spokane-devops', name: 'Spokane DevOps', tags: ['devops', 'cloud'] },
  { id: 'aws-spokane', name: 'AWS Spokane', tags: ['cloud'] },
] as const;

/** The days the seed's clashes and near misses fall on. */
export interface SeedDays {
  /** Python's next second Tuesday, at least two days off: listed, and Data's workshop overlaps it. */
  pythonNext: string;
  /** The second Tuesday after: not listed by Python, and Data's evening falls on it. */
  pythonUsual: string;
  /** Friday after Python's night: DevOps Days (two days, all day) and AWS's evening. */
  conference: string;
  /** Thursday after Python's night: Data ends at 6 PM, Python's study hall starts then. */
  adjacent: string;
}

export interface Seed {
  days: SeedDays;
  events: { groupId: string; event: SourceEvent }[];
}

export function planSeed(today: string): Seed {
  const month = today.slice(0, 7);
  const [from, to] = [addMonths(month, -6), addMonths(month, 2)];
  const secondTuesdays = monthly(2, 2, from, to);
  const pythonNext = secondTuesdays.find((day) => day >= addDays(today, 2))!;
  const days: SeedDays = {
    pythonNext,
    pythonUsual: secondTuesdays[secondTuesdays.indexOf(pythonNext) + 1]!,
    conference: addDays(pythonNext, 3),
    adjacent: addDays(pythonNext, 2),
  };
  const events: Seed['events'] = [];
  const add = (groupId: string, title: string, day: string, time: string, minutes: number) => {
    const start = instantAt(day, time, ZONE);
    events.push({ groupId, event: at(`${groupId}-${day}-${time}`, title, start, addMinutes(start, minutes)) });
  };

  for (const day of secondTuesdays.filter((d) => d <= pythonNext)) add('python-spokane', 'Python Night', day, '18:00', 120);
  add('python-spokane', 'Python Study Hall', days.adjacent, '18:00', 90);
  for (const day of everyWeek(4, `${from}-01`, addDays(today, 14))) add('coffee-code', 'Coffee & Code', day, '07:30', 90);
  for (const day of monthly(3, -1, from, month).filter((d) => d < today)) add('inland-rust', 'Rust Hack Night', day, '18:30', 120);
  add('inland-rust', 'Rust Hack Night', pythonNext, '18:00', 120);
  add('spokane-data', 'Pandas Workshop', pythonNext, '19:00', 120);
  add('spokane-data', 'Notebook Clinic', days.adjacent, '16:00', 120);
  add('spokane-data', 'Data Viz Night', days.pythonUsual, '18:30', 90);
  add('aws-spokane', 'AWS Community Night', days.conference, '17:30', 120);
  events.push({
    groupId: 'spokane-devops',
    event: { ...at('devops-days', 'DevOps Days Spokane', days.conference, addDays(days.conference, 2)), allDay: true },
  });
  return { days, events };
}

/** The seed as the site's view reads it, without a store: each event listed once, as a fetch would leave it; `extra` events added. */
export function planSeedSnapshot(today: string, extra: ListedEvent[] = []): { snapshot: ListedSnapshot; days: SeedDays } {
  const { days, events } = planSeed(today);
  const listed = events.map(({ groupId, event }) =>
    listedEvent({ ...event, id: `ical:${event.sourceEventId}`, slug: event.sourceEventId, groupId, sourceType: 'ical', sourceUrl: `https://${groupId}.example/feed.ics` }),
  );
  return {
    days,
    snapshot: {
      events: [...listed, ...extra].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0)),
      groups: SEED_GROUPS.map((g) => storedGroup({ id: g.id, name: g.name, tags: [...g.tags], homepage: `https://${g.id}.example/` })),
      sources: [],
    },
  };
}

/** sources.yaml and a store holding the seed, in `dir`, as a fetch at `now` would leave them. */
export function writePlanSeed(dir: string, today: string, now: Date): SeedDays {
  mkdirSync(join(dir, 'data'), { recursive: true });
  const groups = SEED_GROUPS.map(
    (g) => `  - id: ${g.id}\n    name: ${g.name}\n    tags: [${g.tags.join(', ')}]\n    sources:\n      - type: ical\n        url: https://${g.id}.example/feed.ics\n`,
  );
  writeFileSync(join(dir, 'sources.yaml'), `site:\n  title: Spokane Tech\n  url: https://spokanetech.example\n  timezone: ${ZONE}\ngroups:\n${groups.join('')}`);
  const loaded = loadConfig(join(dir, 'sources.yaml'));
  if (!loaded.ok) throw new Error('the seed’s sources.yaml is not valid');
  const { days, events } = planSeed(today);
  const db = openStore(join(dir, 'data', 'spokane-tech.db'));
  try {
    for (const source of syncConfig(db, loaded.config)) {
      const own = events.filter((e) => e.groupId === source.groupId).map((e) => e.event);
      db.transaction(() => applyEvents(db, source, own, { now, timezone: ZONE }))();
    }
  } finally {
    db.close();
  }
  return days;
}

function at(id: string, title: string, start: string, end: string): SourceEvent {
  return sourceEvent({ sourceEventId: id, title, start, end, url: `https://events.example/${id}`, descriptionHtml: `<p>${title}.</p>` });
}
