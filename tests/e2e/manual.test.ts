import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import { runCli } from '../helpers/cli.ts';
import { calendarEvents } from '../helpers/calendar.ts';

// A group with no feed, its events kept in the repository, through the real CLI: they are added,
// changed, cancelled and deleted by editing the file, and the store, the pages and the feeds
// treat them as they treat fetched events.

const ZONE = 'America/Los_Angeles';
const today = Temporal.Now.plainDateISO(ZONE);
/** A local day `n` days from today, `YYYY-MM-DD`. */
const day = (n: number) => today.add({ days: n }).toString();

let dir: string;
const write = (events: string) => writeFileSync(join(dir, 'data', 'manual', 'gsi.yaml'), `events:\n${events}`);
const readSite = (path: string) => readFileSync(join(dir, '_site', path), 'utf8');
const feed = () => calendarEvents(readSite('groups/gsi/calendar.ics'));
const fetchAndBuild = async () => {
  const fetched = await runCli(['fetch'], { cwd: dir });
  expect(fetched.code, fetched.stderr).toBe(0);
  const built = await runCli(['build'], { cwd: dir });
  expect(built.code, built.stderr).toBe(0);
  return fetched;
};

const fair = (start: string, extra = '') => `  - id: jobs-fair\n    title: Tech Jobs Fair\n    start: ${start}\n    venue: Convention Center\n${extra}`;
const retreat = `  - id: code-retreat\n    title: Code Retreat\n    start: ${day(10)}\n    end: ${day(11)}\n`;
const webinar = `  - id: webinar\n    title: Security Webinar\n    start: ${day(5)}T12:00-05:00\n    online: https://meet.example/webinar\n`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'spokane-tech-manual-e2e-'));
  mkdirSync(join(dir, 'data', 'manual'), { recursive: true });
  writeFileSync(
    join(dir, 'sources.yaml'),
    `site:\n  title: T\n  url: https://t.example\n  timezone: ${ZONE}\ngroups:\n  - id: gsi\n    name: Greater Spokane Inc\n    homepage: https://greaterspokane.example/\n    sources:\n      - type: manual\n        path: data/manual/gsi.yaml\n`,
  );
});

describe('events kept in the repository', () => {
  it('are listed like fetched ones: a local time in the site’s zone, a time with its offset, an all-day event', async () => {
    write(fair(`${day(3)}T17:00`) + retreat + webinar);
    const fetched = await fetchAndBuild();
    expect(fetched.stdout).toMatch(/gsi\s+manual\s+ok\s+3\s+3\s+0\s+0/);
    const events = feed();
    const jobs = events.find((e) => e.summary === 'Tech Jobs Fair')!;
    expect(jobs.start.toISOString()).toBe(Temporal.PlainDateTime.from(`${day(3)}T17:00`).toZonedDateTime(ZONE).toInstant().toString().replace('Z', '.000Z'));
    expect(events.find((e) => e.summary === 'Security Webinar')!.start.toISOString()).toBe(new Date(`${day(5)}T17:00:00Z`).toISOString());
    const retreatEvent = events.find((e) => e.summary === 'Code Retreat')!;
    expect(retreatEvent.datetype).toBe('date');
    expect(readSite('index.html')).toContain('Tech Jobs Fair');
  });

  it('reach subscribers when a time is edited: the feed raises the event’s SEQUENCE, the page says the time changed', async () => {
    const before = feed().find((e) => e.summary === 'Tech Jobs Fair')!;
    write(fair(`${day(4)}T18:00`) + retreat + webinar);
    const fetched = await fetchAndBuild();
    expect(fetched.stdout).toMatch(/gsi\s+manual\s+ok\s+3\s+0\s+1\s+0/);
    const after = feed().find((e) => e.summary === 'Tech Jobs Fair')!;
    expect(after.uid).toBe(before.uid);
    expect(Number(after.sequence)).toBe(Number(before.sequence) + 1);
    expect(readSite('groups/gsi/index.html')).toContain('Time changed');
  });

  it('are cancelled by saying so, and stay listed, marked, until they are past', async () => {
    write(fair(`${day(4)}T18:00`, '    status: cancelled\n') + retreat + webinar);
    await fetchAndBuild();
    expect(feed().find((e) => e.summary === 'Tech Jobs Fair')!.status).toBe('CANCELLED');
  });

  it('are removed by deleting them from the file, as a source that stopped listing them', async () => {
    write(fair(`${day(4)}T18:00`, '    status: cancelled\n') + retreat);
    const first = await fetchAndBuild();
    expect(first.stdout).toMatch(/gsi\s+manual\s+ok\s+2\s+0\s+0\s+1/);
    await fetchAndBuild();
    expect(feed().map((e) => e.summary)).not.toContain('Security Webinar');
  });

  it('refuse a time the clocks skip, and leave the store and the site as they were', async () => {
    const before = readSite('groups/gsi/calendar.ics');
    const springForward = Temporal.PlainDate.from({ year: today.year + 1, month: 3, day: 8 });
    const gap = `${springForward.add({ days: (7 - springForward.dayOfWeek) % 7 }).toString()}T02:30`;
    write(fair(gap) + retreat);
    const result = await runCli(['fetch'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`data/manual/gsi.yaml:4:12: start ${gap} does not exist in ${ZONE}`);
    expect((await runCli(['build'], { cwd: dir })).code).toBe(2);
    expect(readSite('groups/gsi/calendar.ics')).toBe(before);
  });
});
