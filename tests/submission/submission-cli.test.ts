import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { loadManualEvents } from '../../src/config/manual-events.ts';
import { runCli } from '../helpers/cli.ts';

// `spokane-tech submission` on "Submit an event" issues as GitHub renders them: an accepted one is
// written into the repository (and passes check); a refused one says what to fix and writes nothing.

const ZONE = 'America/Los_Angeles';
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'submissions');
const SOURCES = `# Our groups. Comments like this one stay when a submission is added.
site:
  title: Spokane Tech
  url: https://spokanetech.example
  timezone: ${ZONE}

groups:
  - id: python-spokane
    name: Spokane Python User Group
    tags: [python]
    sources:
      - type: meetup
        url: https://www.meetup.com/python-spokane/

  # Events kept in data/manual/.
  - id: greater-spokane-inc
    name: Greater Spokane Inc
    homepage: https://greaterspokane.org/
    sources:
      - type: manual
        path: data/manual/greater-spokane-inc.yaml
`;
const GSI_FILE = '# Greater Spokane Inc has no feed.\nevents:\n';

let dir: string;
const read = (path: string) => readFileSync(join(dir, path), 'utf8');
const gsiEvents = () => {
  const loaded = loadManualEvents(join(dir, 'data', 'manual', 'greater-spokane-inc.yaml'), ZONE);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  return loaded.events;
};
const submit = (fixture: string, ...args: string[]) => runCli(['submission', '--issue-body', join(FIXTURES, fixture), ...args], { cwd: dir });
const repositoryFiles = () => ({ sources: read('sources.yaml'), manual: readdirSync(join(dir, 'data', 'manual')).map((f) => `${f}:${read(join('data', 'manual', f))}`) });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'spokane-tech-submission-'));
  mkdirSync(join(dir, 'data', 'manual'), { recursive: true });
  writeFileSync(join(dir, 'sources.yaml'), SOURCES);
  writeFileSync(join(dir, 'data', 'manual', 'greater-spokane-inc.yaml'), GSI_FILE);
});

describe('an accepted submission', () => {
  it('adds the event to its group’s file with every field given, the file’s comments kept, and check passes', async () => {
    const result = await submit('complete.md');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('`data/manual/greater-spokane-inc.yaml`, id `2027-02-11-tech-jobs-fair`');
    expect(read('data/manual/greater-spokane-inc.yaml')).toMatch(/^# Greater Spokane Inc has no feed\.\nevents:\n {2}- id: 2027-02-11-tech-jobs-fair\n/);
    const [event] = gsiEvents();
    expect(event).toEqual({
      id: '2027-02-11-tech-jobs-fair',
      title: 'Tech Jobs Fair',
      times: { allDay: false, start: '2027-02-12T01:00:00Z', end: '2027-02-12T04:00:00Z', endEstimated: false },
      venue: 'Spokane Convention Center',
      address: '334 W Spokane Falls Blvd, Spokane, WA 99201',
      url: 'https://greaterspokane.org/events/jobs-fair',
      description: 'Meet employers hiring in **tech**: software, IT and data.\n\nBring a résumé; students welcome.',
      status: 'scheduled',
      tags: [],
    });
    expect(read('sources.yaml')).toBe(SOURCES);
    expect((await runCli(['check'], { cwd: dir })).code).toBe(0);
  });

  it('with the optional fields left empty has only what was given, its group found whatever the case', async () => {
    expect((await submit('optional-fields-empty.md')).code).toBe(0);
    expect(gsiEvents()).toEqual([
      { id: '2027-03-04-founders-breakfast', title: 'Founders Breakfast', times: expect.objectContaining({ start: '2027-03-04T15:30:00Z', endEstimated: true }), status: 'scheduled', tags: [] },
    ]);
  });

  it('of an all-day event keeps its days, and one online keeps its offset and link (written from Windows)', async () => {
    expect((await submit('all-day.md')).code).toBe(0);
    expect((await submit('online-with-offset-crlf.md')).code).toBe(0);
    const [camp, webinar] = gsiEvents();
    expect(camp!.times).toEqual({ allDay: true, start: '2027-04-17', end: '2027-04-19', endEstimated: false });
    expect(webinar!.times.start).toBe('2027-02-16T17:00:00Z');
    expect(webinar!.online).toBe('https://meet.example/security-webinar');
    expect(read('data/manual/greater-spokane-inc.yaml')).not.toContain('\r');
  });

  it('for a group not listed adds the group to sources.yaml with a file of its own, the other groups as they were', async () => {
    const result = await submit('unknown-group.md');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('is a new group: `sources.yaml` lists it as `palouse-hardware-hackers`');
    expect(read('sources.yaml')).toBe(
      `${SOURCES}\n  - id: palouse-hardware-hackers\n    name: Palouse Hardware Hackers\n    sources:\n      - type: manual\n        path: data/manual/palouse-hardware-hackers.yaml\n`,
    );
    expect(read('data/manual/palouse-hardware-hackers.yaml')).toContain('- id: 2027-05-08-soldering-101\n    title: Soldering 101\n');
    const config = loadConfig(join(dir, 'sources.yaml'));
    expect(config.ok && config.config.groups.map((g) => g.id)).toEqual(['python-spokane', 'greater-spokane-inc', 'palouse-hardware-hackers']);
  });

  it('goes under the group a maintainer names with --group instead', async () => {
    expect((await submit('unknown-group.md', '--group', 'greater-spokane-inc')).code).toBe(0);
    expect(gsiEvents().map((e) => e.id)).toEqual(['2027-05-08-soldering-101']);
    expect(read('sources.yaml')).toBe(SOURCES);
  });

  it('for a listed group with only a feed gives the group a manual source', async () => {
    const body = readFileSync(join(FIXTURES, 'complete.md'), 'utf8').replace('Greater Spokane Inc', 'Spokane Python User Group');
    writeFileSync(join(dir, 'python.md'), body);
    const result = await runCli(['submission', '--issue-body', 'python.md'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(read('sources.yaml')).toContain(
      '        url: https://www.meetup.com/python-spokane/\n      - type: manual\n        path: data/manual/python-spokane.yaml\n\n  # Events kept in data/manual/.',
    );
    expect(read('data/manual/python-spokane.yaml')).toContain('title: Tech Jobs Fair');
    expect((await runCli(['check'], { cwd: dir })).code).toBe(0);
  });

  it('of hostile text is written as the same text, never as YAML or Markdown of its own', async () => {
    const result = await submit('hostile.md');
    expect(result.code, result.stderr).toBe(0);
    const [event] = gsiEvents();
    expect(event!.title).toBe('@everyone `free` <script>alert(1)</script> ![x](https://evil.example/t.png) &anchor *alias: - [link](javascript:alert(1))');
    expect(event!.venue).toBe('"Quoted" venue: with a colon - and # not a comment');
    expect(event!.address).toBe('{{ site.title }} {% include "x" %}');
    expect(event!.description).toContain('```yaml\nevents:\n  - id: injected\n```');
    expect(gsiEvents()).toHaveLength(1);
    // The pull request's description shows the title in a code span: no mention, image or link.
    expect(result.stdout).toMatch(/^Adds `@everyone 'free' <script>alert\(1\)<\/script> !\[x\]\(https:\/\/evil\.example\/t\.png\) &anc…` \(`2027-02-20T18:00`\)/);
    expect(result.stdout).toContain('id `2027-02-20-everyone-free-script-alert-1-script-x-https-evil-example-t`');
  });

  it('a second time is refused: the event is in the calendar already', async () => {
    expect((await submit('complete.md')).code).toBe(0);
    const before = repositoryFiles();
    const again = await submit('complete.md');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('- **Title**: this event is in the calendar already (`data/manual/greater-spokane-inc.yaml`, id `2027-02-11-tech-jobs-fair`)');
    expect(repositoryFiles()).toEqual(before);
  });

  it('of another event with the same title on the same day gets an id of its own', async () => {
    expect((await submit('complete.md')).code).toBe(0);
    const evening = readFileSync(join(FIXTURES, 'complete.md'), 'utf8').replace('2027-02-11 17:00', '2027-02-11 19:00').replace('2027-02-11 20:00', '2027-02-11 21:00');
    writeFileSync(join(dir, 'evening.md'), evening);
    expect((await runCli(['submission', '--issue-body', 'evening.md'], { cwd: dir })).code).toBe(0);
    expect(gsiEvents().map((e) => e.id)).toEqual(['2027-02-11-tech-jobs-fair', '2027-02-11-tech-jobs-fair-2']);
  });
});

describe('a submission that does not validate', () => {
  const refused = [
    ['bad-times.md', ['- **Start**: `next Tuesday at 6pm` is not a day (2027-02-11)', '- **End**: `2027-02-11 25:00` is not a day']],
    ['clocks-skip.md', [`- **Start**: \`2027-03-14 02:30\` does not exist in ${ZONE}: the clocks skip that hour`]],
    ['ends-before-start.md', ['- **End**: must come after start']],
    ['venue-too-long.md', ['- **Venue**: is 305 characters long; at most 300, please']],
    [
      'required-left-empty.md',
      [
        '- **Group**: is missing',
        '- **Title**: is missing',
        '- **Start**: is missing',
        '- **Online link**: `meet.example/room` is not a web address',
        '- **Link**: `javascript:alert(document.cookie)` is not a web address',
      ],
    ],
  ] as const;

  it.each(refused)('%s: exit 2, what to fix in Markdown for the issue, nothing written', async (fixture, problems) => {
    const before = repositoryFiles();
    const result = await submit(fixture);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^This submission cannot be added yet:\n\n/);
    for (const problem of problems) expect(result.stderr).toContain(problem);
    expect(result.stderr).toContain('Edit the issue to fix');
    expect(repositoryFiles()).toEqual(before);
  });

  it('is never a stack trace, even for a body that is not the form at all', async () => {
    writeFileSync(join(dir, 'chat.md'), 'Please add our meetup, it is on Tuesdays!');
    const result = await runCli(['submission', '--issue-body', 'chat.md'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('- **Group**: is missing');
    expect(result.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });
});

describe('bad usage', () => {
  it('a --group that is not an id, a body file that is not there, or a broken sources.yaml: exit 2, nothing written', async () => {
    const before = repositoryFiles();
    const badGroup = await submit('complete.md', '--group', 'Greater Spokane');
    expect(badGroup.code).toBe(2);
    expect(badGroup.stderr).toContain('--group: "Greater Spokane" is not a group id');
    const missing = await runCli(['submission', '--issue-body', 'nope.md'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--issue-body: cannot read nope.md');
    expect(repositoryFiles()).toEqual(before);

    writeFileSync(join(dir, 'sources.yaml'), SOURCES.replace('timezone:', 'tiemzone:'));
    const broken = await submit('complete.md');
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('sources.yaml:5:3');
    expect(existsSync(join(dir, 'data', 'manual', 'greater-spokane-inc.yaml')) && read('data/manual/greater-spokane-inc.yaml')).toBe(GSI_FILE);
  });
});
