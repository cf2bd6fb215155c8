import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, readConfigOrThrow } from '../../src/config/load.ts';
import { formatProblem } from '../../src/config/positions.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'config');

function fixture(name: string): string {
  return join(FIXTURES, name);
}

/** What `spokane-tech check` would print for a fixture, with the file named as in the fixture dir. */
function problemsIn(name: string): string[] {
  const result = loadConfig(fixture(name));
  if (result.ok) throw new Error(`expected ${name} to be invalid, but it loaded`);
  return result.problems.map((problem) => formatProblem({ ...problem, file: name }));
}

const VALID_HEAD = `site:
  title: Spokane Tech
  url: https://spokanetech.example
  timezone: America/Los_Angeles
groups:
  - id: python-spokane
    name: Spokane Python User Group
    sources:
      - type: meetup
        url: https://www.meetup.com/python-spokane/
`;

function writeConfig(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'config-')), 'sources.yaml');
  writeFileSync(path, text);
  return path;
}

describe('a valid sources.yaml', () => {
  it('loads every group and gives a group without tags an empty tag list', () => {
    const result = loadConfig(fixture('valid.yaml'));

    expect(result).toEqual({
      ok: true,
      config: {
        site: { title: 'Spokane Tech', url: 'https://spokanetech.example', timezone: 'America/Los_Angeles' },
        groups: [
          {
            id: 'python-spokane',
            name: 'Spokane Python User Group',
            homepage: 'https://www.meetup.com/python-spokane/',
            tags: ['python'],
            sources: [{ type: 'meetup', url: 'https://www.meetup.com/python-spokane/' }],
          },
          {
            id: 'inland-nw-devs',
            name: 'Inland Northwest Developers',
            tags: [],
            sources: [{ type: 'ical', url: 'http://127.0.0.1:8080/calendar.ics' }],
          },
        ],
        duplicates: { merge: [], split: [] },
        fetch: {},
        announce: { discord: null, mastodon: null, bluesky: null, digestDay: 'monday', firstRunWindowDays: 2, maxPostsPerRun: 10 },
        corrections: [],
      },
    });
  });

  it('reads the channels to announce on, with the defaults for what is left out', () => {
    const result = loadConfig(writeConfig(`${VALID_HEAD}announce:
  discord:
  mastodon:
    server: https://fosstodon.org
  bluesky:
    handle: '@spokanetech.bsky.social'
  digest_day: friday
`));
    expect(result.ok && result.config.announce).toEqual({
      discord: { username: undefined, avatarUrl: undefined },
      mastodon: { server: 'https://fosstodon.org', visibility: 'public' },
      bluesky: { handle: 'spokanetech.bsky.social', service: 'https://bsky.social' },
      digestDay: 'friday',
      firstRunWindowDays: 2,
      maxPostsPerRun: 10,
    });
  });

  it('takes the repository the site is built from, and refuses an address that is not one', () => {
    const site = (repository: string) => loadConfig(writeConfig(VALID_HEAD.replace('  timezone: America/Los_Angeles\n', `  timezone: America/Los_Angeles\n  repository: ${repository}\n`)));
    const good = site('https://github.com/spokane-tech/spokane-tech');
    expect(good.ok && good.config.site.repository).toBe('https://github.com/spokane-tech/spokane-tech');
    for (const bad of ['https://github.com/spokane-tech', 'https://github.com/spokane-tech/spokane-tech/issues/new', 'http://github.com/a/b', 'git@github.com:a/b.git']) {
      const result = site(bad);
      expect(!result.ok && result.problems.map((p) => p.message).join()).toMatch(/site\.repository .* (must be a repository's address|must be an http\(s\) URL)/);
    }
  });

  it('says what is wrong with an announce section, and where', () => {
    const result = loadConfig(writeConfig(`${VALID_HEAD}announce:
  mastodon:
    sever: https://fosstodon.org
  bluesky:
    handle: not a handle
  digest_day: someday
`));
    expect(!result.ok && result.problems.map(formatProblem)).toEqual([
      expect.stringMatching(/:\d+:5: unknown key "sever" in announce\.mastodon; did you mean "server"\?/),
      expect.stringMatching(/:\d+:13: announce\.bluesky\.handle "not a handle" is not a Bluesky handle/),
      expect.stringMatching(/:\d+:15: announce\.digest_day must be a day of the week \(monday, .*\), not text "someday"/),
    ]);
  });

  it('reads duplicate overrides as pairs of event URLs', () => {
    const result = loadConfig(writeConfig(`${VALID_HEAD}duplicates:
  merge:
    - [https://www.meetup.com/python-spokane/events/1/, https://lu.ma/py-night]
  split:
    - [https://a.example/1, https://b.example/2]
`));
    expect(result.ok && result.config.duplicates).toEqual({
      merge: [['https://www.meetup.com/python-spokane/events/1/', 'https://lu.ma/py-night']],
      split: [['https://a.example/1', 'https://b.example/2']],
    });
  });

  it('reads politeness settings for the fetch engine, per host', () => {
    const result = loadConfig(writeConfig(`${VALID_HEAD}fetch:
  concurrency: 4
  deadline_seconds: 300
  hosts:
    default: { concurrency: 2, min_interval_ms: 500 }
    www.meetup.com: { min_interval_ms: 3000 }
`));
    expect(result.ok && result.config.fetch).toEqual({
      concurrency: 4,
      deadlineSeconds: 300,
      hosts: { default: { concurrency: 2, minIntervalMs: 500 }, 'www.meetup.com': { minIntervalMs: 3000 } },
    });
  });

  it('points at a host concurrency that is not a positive whole number', () => {
    const result = loadConfig(writeConfig(`${VALID_HEAD}fetch:
  hosts:
    www.meetup.com: { concurrency: 0 }
`));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toMatchObject({ line: 13, message: 'concurrency must be at least 1' });
  });

  it('points at a duplicate override that is not a pair of URLs', () => {
    const result = loadConfig(writeConfig(`${VALID_HEAD}duplicates:
  merge:
    - [https://www.meetup.com/python-spokane/events/1/]
`));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toMatchObject({ line: 13, message: expect.stringContaining('pair of event URLs') });
  });

  it('accepts keys it does not know at every level', () => {
    const result = loadConfig(fixture('extra-keys.yaml'));

    expect(result.ok).toBe(true);
  });

  it('is returned as is by readConfigOrThrow', () => {
    const config = readConfigOrThrow(fixture('valid.yaml'));

    expect(config.groups.map((group) => group.id)).toEqual(['python-spokane', 'inland-nw-devs']);
  });
});

describe('a broken sources.yaml', () => {
  it('points at a group id that is not lowercase letters, digits and hyphens', () => {
    expect(problemsIn('bad-group-id.yaml')).toEqual([
      'bad-group-id.yaml:6:9: group id "Python_Spokane" must be lowercase letters, digits and hyphens ([a-z0-9-]+)',
    ]);
  });

  it('points at the second of two groups sharing an id and names the line of the first', () => {
    expect(problemsIn('duplicate-group-id.yaml')).toEqual([
      'duplicate-group-id.yaml:11:9: duplicate group id "python-spokane" (first defined at line 6)',
    ]);
  });

  it('lists the allowed source types when a type is misspelt', () => {
    expect(problemsIn('unknown-source-type.yaml')).toEqual([
      'unknown-source-type.yaml:9:15: unknown source type "meetupp"; expected one of meetup, eventbrite, luma, ical, jsonld, manual',
    ]);
  });

  it('points at the source when its url is missing', () => {
    expect(problemsIn('missing-source-url.yaml')).toEqual(['missing-source-url.yaml:9:9: source url is missing']);
  });

  it('treats an empty "url:" as a missing url and points at the key', () => {
    expect(problemsIn('empty-source-url.yaml')).toEqual(['empty-source-url.yaml:10:9: source url is missing']);
  });

  it('rejects a source url that is not http(s)', () => {
    expect(problemsIn('ftp-source-url.yaml')).toEqual([
      'ftp-source-url.yaml:10:14: source url "ftp://x" must be an http(s) URL (absolute, like https://example.com/)',
    ]);
  });

  it('rejects a time zone that is not an IANA name', () => {
    expect(problemsIn('bad-timezone.yaml')).toEqual([
      'bad-timezone.yaml:4:13: "America/Spokane" is not a known time zone (IANA name like America/Los_Angeles)',
    ]);
  });

  it('points at site when site.url is missing and says what the url is for', () => {
    expect(problemsIn('missing-site-url.yaml')).toEqual([
      'missing-site-url.yaml:2:3: site.url is missing (the absolute base URL for feeds and links)',
    ]);
  });


  it('says tags must be a list when given a single word', () => {
    expect(problemsIn('tags-not-list.yaml')).toEqual([
      'tags-not-list.yaml:8:11: tags must be a list like [python, data], not text "python"',
    ]);
  });

  it('reports every problem in one run, ordered by line', () => {
    expect(problemsIn('many-problems.yaml')).toEqual([
      'many-problems.yaml:3:8: site.url "spokanetech.example" must be an http(s) URL (absolute, like https://example.com/)',
      'many-problems.yaml:4:13: "America/Spokane" is not a known time zone (IANA name like America/Los_Angeles)',
      'many-problems.yaml:6:9: group id "Python_Spokane" must be lowercase letters, digits and hyphens ([a-z0-9-]+)',
      'many-problems.yaml:9:15: unknown source type "meetupp"; expected one of meetup, eventbrite, luma, ical, jsonld, manual',
      'many-problems.yaml:11:5: group name is missing',
      'many-problems.yaml:13:9: source url is missing',
    ]);
  });
});

describe('a group with no source', () => {
  it('is listed with its homepage, whether it says `sources: []` or says nothing of sources', () => {
    for (const name of ['no-sources.yaml', 'missing-sources.yaml']) {
      const result = loadConfig(fixture(name));
      expect(result.ok && result.config.groups[0]!.sources, name).toEqual([]);
    }
  });
});

describe('a sources.yaml that is not a config at all', () => {
  it('says which file was not found', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'spokane-tech-config-')), 'sources.yaml');

    const result = loadConfig(path);

    expect(result).toEqual({
      ok: false,
      problems: [{ file: path, line: 1, column: 1, message: `config file not found: ${path}` }],
    });
  });

  it('reports invalid YAML with the parser’s own line and column', () => {
    expect(problemsIn('invalid-yaml.yaml')).toEqual([
      'invalid-yaml.yaml:9:5: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });

  it('reports every YAML error, not only the first', () => {
    expect(problemsIn('two-yaml-errors.yaml')).toEqual([
      'two-yaml-errors.yaml:5:3: Map keys must be unique',
      'two-yaml-errors.yaml:10:5: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });

  it('points at an alias whose anchor is never defined', () => {
    expect(problemsIn('unknown-anchor.yaml')).toEqual([
      'unknown-anchor.yaml:8:14: Unresolved alias (the anchor must be set before the alias): python-sources',
    ]);
  });

  it('explains that an empty file is empty', () => {
    expect(problemsIn('empty.yaml')).toEqual([
      'empty.yaml:1:1: config file is empty; expected a mapping with site: and groups:',
    ]);
  });

  it('explains that the top level must be a mapping when it is a list', () => {
    expect(problemsIn('list-at-top.yaml')).toEqual([
      'list-at-top.yaml:1:1: config must be a mapping with site: and groups: at the top level, not a list',
    ]);
  });
});

describe('readConfigOrThrow on a broken config', () => {
  it('throws a ConfigError carrying every problem, each on its own line of the message', () => {
    const path = fixture('many-problems.yaml');

    let thrown: unknown;
    try {
      readConfigOrThrow(path);
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(ConfigError);
    const error = thrown as ConfigError;
    expect(error.problems).toHaveLength(6);
    expect(error.message.split('\n')).toEqual(error.problems.map(formatProblem));
  });
});
