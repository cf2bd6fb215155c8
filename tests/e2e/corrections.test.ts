import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import { runCli } from '../helpers/cli.ts';
import { calendarEvents } from '../helpers/calendar.ts';

// Corrections in sources.yaml through the real CLI: they apply at every build, survive
// re-fetches, and one that names no event is reported by check and fetch.

const day = (n: number) => Temporal.Now.plainDateISO('America/Los_Angeles').add({ days: n }).toString();
let dir: string;
const feed = () =>
  calendarEvents(readFileSync(join(dir, '_site', 'calendar.ics'), 'utf8'));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'spokane-tech-corrections-'));
  mkdirSync(join(dir, 'data', 'manual'), { recursive: true });
  writeFileSync(
    join(dir, 'data', 'manual', 'gsi.yaml'),
    `events:\n  - id: jobs-fair\n    title: Tech Job Fair\n    start: ${day(3)}T17:00\n    venue: Convention Center\n  - id: mixer\n    title: Chamber Mixer\n    start: ${day(4)}T17:00\n`,
  );
  writeFileSync(
    join(dir, 'sources.yaml'),
    `site:
  title: T
  url: https://t.example
  timezone: America/Los_Angeles
groups:
  - id: gsi
    name: Greater Spokane Inc
    sources:
      - type: manual
        path: data/manual/gsi.yaml
corrections:
  - event: gsi/jobs-fair
    reason: The room moved after the flyer went out
    venue: Spokane Public Library
    address: 906 W Main Ave, Spokane, WA
  - event: gsi/mixer
    reason: Not a tech event
    hide: true
  - event: https://www.meetup.com/nobody/events/1/
    reason: A typo
    title: Never applied
`,
  );
});

describe('corrections in sources.yaml', () => {
  it('change what the feeds say and hide what should not be listed, and fetch reports the one that names no event', async () => {
    const fetched = await runCli(['fetch'], { cwd: dir });
    expect(fetched.code).toBe(0);
    expect(fetched.stdout).toContain('sources.yaml:19:12: warning: the correction of https://www.meetup.com/nobody/events/1/ names no event (stale)');
    const built = await runCli(['build'], { cwd: dir });
    expect(built.code).toBe(0);
    expect(built.stderr).toContain('sources.yaml:19:12: warning:');
    const events = feed();
    expect(events.map((e) => e.summary)).toEqual(['Tech Job Fair']);
    expect(events[0]!.location).toBe('Spokane Public Library, 906 W Main Ave, Spokane, WA');
  });

  it('show on the corrected event page as corrected by the maintainers, with the reason', () => {
    const slug = readdirSync(join(dir, '_site', 'events')).find((name) => name.includes('job-fair'))!;
    const page = cheerio.load(readFileSync(join(dir, '_site', 'events', slug, 'index.html'), 'utf8'));
    expect(page('.correction').text().replace(/\s+/g, ' ').trim()).toBe(
      'Corrected by the maintainers (place): The room moved after the flyer went out',
    );
    expect(page('address').text()).toContain('Spokane Public Library');
  });

  it('survive a re-fetch', async () => {
    expect((await runCli(['fetch'], { cwd: dir })).code).toBe(0);
    expect((await runCli(['build'], { cwd: dir })).code).toBe(0);
    expect(feed()[0]!.location).toBe('Spokane Public Library, 906 W Main Ave, Spokane, WA');
  });

  it('that name no event are reported by check, at their line, without failing it', async () => {
    const checked = await runCli(['check'], { cwd: dir });
    expect(checked.code).toBe(0);
    expect(checked.stdout.split('\n')).toContain(
      "sources.yaml:19:12: warning: the correction of https://www.meetup.com/nobody/events/1/ names no event (stale): remove it, or give the event's link as its source has it",
    );
  });
});
