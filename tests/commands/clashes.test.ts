import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Temporal } from 'temporal-polyfill';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/db.ts';
import { readSnapshot, writeSnapshot } from '../../src/store/snapshot.ts';
import { loadConfig } from '../../src/config/load.ts';
import { ZONE } from '../helpers/builders.ts';
import { runCli } from '../helpers/cli.ts';
import { writePlanSeed, type SeedDays } from '../helpers/plan-seed.ts';

// `spokane-tech clashes` on a seeded store, as an organizer and the nightly job run it.

let dir: string;
let days: SeedDays;
const clashes = (...args: string[]) => runCli(['clashes', ...args], { cwd: dir });

/** "Tue, Dec 8" for a local day, as the table writes it. */
const dayLabel = (day: string) => Temporal.PlainDate.from(day).toLocaleString('en-US', { weekday: 'short', month: 'short', day: 'numeric' });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'spokane-tech-clashes-'));
  days = writePlanSeed(dir, Temporal.Now.plainDateISO(ZONE).toString(), new Date());
});

interface JsonSide {
  kind: string;
  groupId: string;
  title: string;
}
interface JsonReport {
  from: string;
  days: number;
  clashes: { day: string; tags: string[]; first: JsonSide; second: JsonSide }[];
}

describe('spokane-tech clashes', () => {
  it('prints each clash between groups of a tag as a table: the day, both sides with their times and groups, the tags they share', async () => {
    const result = await clashes('--days', '90');
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^Clashes between groups of a tag in the next 90 days \(.+\), times in Pacific Time:$/);
    expect(lines[2]).toMatch(/^date\s+time\s+what\s+group\s+shared tags$/);
    expect(lines.slice(3, 9).map((line) => line.replace(/\s{2,}/g, ' | '))).toEqual([
      `${dayLabel(days.pythonNext)} | 6:00 PM – 8:00 PM | Python Night | Spokane Python User Group | python`,
      ' | 7:00 PM – 9:00 PM | Pandas Workshop | Spokane Data Science',
      `${dayLabel(days.conference)} | all day | DevOps Days Spokane | Spokane DevOps | cloud`,
      ' | 5:30 PM – 7:30 PM | AWS Community Night | AWS Spokane',
      `${dayLabel(days.pythonUsual)} | 6:00 PM – 8:00 PM | usually meets on the second Tuesday of the month, 6 PM | Spokane Python User Group | python`,
      ' | 6:30 PM – 8:00 PM | Data Viz Night | Spokane Data Science',
    ]);
    expect(lines.slice(9)).toEqual(['', '3 clashes', '']);
  });

  it('looks 60 days ahead unless told otherwise, and never at events already over', async () => {
    const { stdout } = await clashes('--json');
    const report = JSON.parse(stdout) as JsonReport;
    expect(report.days).toBe(60);
    expect(report.from).toBe(Temporal.Now.plainDateISO(ZONE).toString());
    const within = [days.pythonNext, days.conference, days.pythonUsual].filter((day) => day <= Temporal.PlainDate.from(report.from).add({ days: 59 }).toString());
    expect(report.clashes.map((c) => c.day)).toEqual(within);
  });

  it('gives scripts the same clashes as JSON: each side an event or a usual night, its group, the shared tags', async () => {
    const result = await clashes('--days', '90', '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.clashes.map((c) => [c.day, c.first.kind, c.first.groupId, c.second.kind, c.second.groupId, c.tags])).toEqual([
      [days.pythonNext, 'event', 'python-spokane', 'event', 'spokane-data', ['python']],
      [days.conference, 'event', 'spokane-devops', 'event', 'aws-spokane', ['cloud']],
      [days.pythonUsual, 'usual', 'python-spokane', 'event', 'spokane-data', ['python']],
    ]);
    expect(report.clashes[0]!.first).toMatchObject({ title: 'Python Night', page: expect.stringMatching(/^https:\/\/spokanetech\.example\/events\/[a-z0-9-]+\/$/) });
    expect(report.clashes[2]!.first).toMatchObject({ page: null, confidence: 1 });
  });

  it('adds the clashes to the GitHub job summary as a Markdown table, event titles escaped', async () => {
    const summary = join(dir, 'summary.md');
    const result = await runCli(['clashes', '--days', '90'], { cwd: dir, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(result.code).toBe(0);
    const markdown = readFileSync(summary, 'utf8');
    expect(markdown).toMatch(/^### Clashes\n\nIn the next 90 days \(.+\), times in Pacific Time:\n\n\| Date \| First \| Second \| Shared tags \|\n\|---\|---\|---\|---\|\n/);
    expect(markdown).toContain(`| ${dayLabel(days.pythonNext)} | 6:00 PM – 8:00 PM [Python Night](https://spokanetech.example/events/`);
    expect(markdown).toContain('Spokane DevOps | 5:30 PM – 7:30 PM [AWS Community Night]');
    expect(markdown).toContain('usually meets on the second Tuesday of the month, 6 PM · Spokane Python User Group |');
  });

  it('says there are none, and exits 0, when no two groups of a tag are on at once', async () => {
    const result = await clashes('--days', '1');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/none: no two groups of a tag are on at once\.\n$/);
  });

  it('rebuilds a missing store from the snapshot in data/ first, and finds the same clashes', async () => {
    const before = (await clashes('--days', '90', '--json')).stdout;
    const other = mkdtempSync(join(tmpdir(), 'spokane-tech-clashes-restore-'));
    const db = openStore(join(dir, 'data', 'spokane-tech.db'));
    const loaded = loadConfig(join(dir, 'sources.yaml'));
    if (!loaded.ok) throw new Error('bad seed');
    writeSnapshot(other, readSnapshot(db, loaded.config));
    db.close();
    const result = await clashes('--days', '90', '--json', '--db', join(other, 'store.db'), '--data', other);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`restored ${join(other, 'store.db')} from the snapshot in ${other}`);
    expect(existsSync(join(other, 'store.db'))).toBe(true);
    expect(result.stdout).toBe(before);
  });

  it('refuses a number of days that is not a whole number from 1 to 366, with exit 2', async () => {
    for (const bad of ['0', '-3', '2.5', 'soon', '367']) {
      const result = await clashes('--days', bad);
      expect(result.code, bad).toBe(2);
      expect(result.stderr).toContain('expected a whole number of days from 1 to 366');
    }
  });

  it('refuses an invalid config with exit 2, before it opens or creates a store', async () => {
    const broken = mkdtempSync(join(tmpdir(), 'spokane-tech-clashes-bad-'));
    const result = await runCli(['clashes', '--config', join(broken, 'missing.yaml'), '--db', join(broken, 'store.db')], { cwd: broken });
    expect(result.code).toBe(2);
    expect(existsSync(join(broken, 'store.db'))).toBe(false);
  });
});
