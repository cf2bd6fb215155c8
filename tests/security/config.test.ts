import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.ts';
import { closestKey } from '../../src/config/hints.ts';
import { loadConfig } from '../../src/config/load.ts';
import { formatProblem } from '../../src/config/positions.ts';
import { MAX_YAML_BYTES as MAX_CONFIG_BYTES } from '../../src/config/yaml-file.ts';
import { runCli } from '../helpers/cli.ts';

// A sources.yaml edited in a hurry in a pull request: every way it can be broken gives exit 2
// through the real CLI (`check` and `fetch`), a message that says what to change and where, and
// touches nothing on disk. The fixtures are in tests/fixtures/config/; the huge and deeply nested
// files are generated here rather than committed.

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'config');
const scratch = mkdtempSync(join(tmpdir(), 'spokane-tech-bad-config-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const VALID = readFileSync(join(FIXTURES, 'valid.yaml'), 'utf8');

/** Files made here: too big or too deep to commit, or (the BOM) easier to see spelled out. */
function generated(name: string, content: string | Buffer): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

function hugeConfig(): string {
  const group = (i: number) => `  - id: group-${i}\n    name: Group ${i}\n    sources:\n      - type: ical\n        url: https://g${i}.example/calendar.ics\n`;
  let text = VALID.slice(0, VALID.indexOf('groups:')) + 'groups:\n';
  for (let i = 0; text.length < 5 * 1024 * 1024; i += 1) text += group(i);
  return text;
}

/** Every broken config, with the one problem (or the first of several) a maintainer must read. */
const BROKEN: { name: string; path: () => string; problem: RegExp }[] = [
  // From tests/fixtures/config, shared with tests/config.test.ts
  { name: 'bad-group-id.yaml', problem: /:6:9: group id "Python_Spokane" must be lowercase letters, digits and hyphens/ },
  { name: 'bad-timezone.yaml', problem: /:4:13: "America\/Spokane" is not a known time zone \(IANA name like America\/Los_Angeles\)/ },
  { name: 'duplicate-group-id.yaml', problem: /:11:9: duplicate group id "python-spokane" \(first defined at line 6\)/ },
  { name: 'empty-source-url.yaml', problem: /:10:9: source url is missing/ },
  { name: 'empty.yaml', problem: /:1:1: config file is empty; expected a mapping with site: and groups:/ },
  { name: 'ftp-source-url.yaml', problem: /:10:14: source url "ftp:\/\/x" must be an http\(s\) URL/ },
  { name: 'invalid-yaml.yaml', problem: /:9:5: Flow sequence in block collection must be sufficiently indented and end with a \]/ },
  { name: 'list-at-top.yaml', problem: /:1:1: config must be a mapping with site: and groups: at the top level, not a list/ },
  { name: 'many-problems.yaml', problem: /:3:8: site\.url "spokanetech\.example" must be an http\(s\) URL/ },
  { name: 'missing-site-url.yaml', problem: /:2:3: site\.url is missing \(the absolute base URL for feeds and links\)/ },
  { name: 'missing-source-url.yaml', problem: /:9:9: source url is missing/ },
  { name: 'tags-not-list.yaml', problem: /:8:11: tags must be a list like \[python, data\], not text "python"/ },
  { name: 'two-yaml-errors.yaml', problem: /:5:3: Map keys must be unique/ },
  { name: 'unknown-anchor.yaml', problem: /:8:14: Unresolved alias \(the anchor must be set before the alias\): python-sources/ },
  { name: 'unknown-source-type.yaml', problem: /:9:15: unknown source type "meetupp"; expected one of meetup, eventbrite, luma, ical, jsonld, manual/ },
  // New here
  { name: 'misspelt-top-key.yaml', problem: /:5:1: unknown key "grups" in the top level; did you mean "groups"\?/ },
  { name: 'misspelt-site-key.yaml', problem: /:4:3: unknown key "timezon" in site; did you mean "timezone"\?/ },
  { name: 'misspelt-group-key.yaml', problem: /:8:5: unknown key "sorces" in group 1; did you mean "sources"\?/ },
  { name: 'misspelt-source-key.yaml', problem: /:9:9: unknown key "tpye" in source 1 of group 1; did you mean "type"\?/ },
  { name: 'tab-indented.yaml', problem: /:2:1: indented with a tab \(and 7 more lines\); YAML indents with spaces only, so replace the tabs with spaces/ },
  { name: 'alias-bomb.yaml', problem: /:3:8: too many aliases: expanding the \*references to &anchors would make this config enormous/ },
  { name: 'reserved-group-id.yaml', problem: /:6:9: group id "con" is a reserved file name on Windows/ },
  { name: 'path-group-id.yaml', problem: /:6:9: group id "\.\.\/\.\.\/outside" must be lowercase letters, digits and hyphens/ },
  { name: 'javascript-homepage.yaml', problem: /:8:15: group homepage "javascript:alert\(document\.cookie\)" must be an http\(s\) URL/ },
  { name: 'wrong-types.yaml', problem: /:7:11: group name must be text, not number 42/ },
  { name: 'site-not-mapping.yaml', problem: /:1:7: site \(title, url and timezone\) must be a mapping, not text "Spokane Tech"/ },
  { name: 'duplicate-key.yaml', problem: /:11:1: Map keys must be unique/ },
  { name: 'binary.yaml', problem: /:1:1: config file is not text \(binary data, or not UTF-8\)/ },
  // The fetch section's politeness settings, whose typos would silently leave the defaults on
  { name: 'fetch-concurency.yaml', problem: /:6:3: unknown key "concurency" in fetch; did you mean "concurrency"\?/ },
  { name: 'fetch-deadline.yaml', problem: /:6:3: unknown key "deadline" in fetch; did you mean "deadline_seconds"\?/ },
  { name: 'fetch-host.yaml', problem: /:6:3: unknown key "host" in fetch; did you mean "hosts"\?/ },
  { name: 'fetch-min-interval.yaml', problem: /:9:7: unknown key "min_interval" in fetch\.hosts "www\.meetup\.com"; did you mean "min_interval_ms"\?/ },
  { name: 'fetch-host-concurency.yaml', problem: /:8:7: unknown key "concurency" in fetch\.hosts "default"; did you mean "concurrency"\?/ },
].map((c) => ({ ...c, path: () => join(FIXTURES, c.name) }));

const GENERATED: typeof BROKEN = [
  {
    name: 'huge.yaml',
    path: () => generated('huge.yaml', hugeConfig()),
    problem: /:1:1: config file .*huge\.yaml is 5\.0 MB; a sources\.yaml is at most 1\.0 MB \(is this the right file\?\)/,
  },
  {
    name: 'deeply-nested.yaml',
    path: () => generated('deeply-nested.yaml', `${VALID}extra: ${'['.repeat(200_000).slice(0, MAX_CONFIG_BYTES - VALID.length - 20)}\n`),
    problem: /nested too deeply to read; a sources\.yaml needs only a few levels of indentation/,
  },
];

const ALL = [...BROKEN, ...GENERATED];

function cliArgs(command: 'check' | 'fetch', config: string, work: string): string[] {
  return command === 'check'
    ? ['check', '--config', config]
    : ['fetch', '--config', config, '--db', join(work, 'data', 'store.db'), '--data', join(work, 'data')];
}

interface Outcome {
  code: number;
  stderr: string;
  /** What the run left in its (empty) working folder. */
  written: string[];
}

/** The CLI's own entry point (what the installed command calls), in this process: fast enough to try every file. */
async function inProcess(command: 'check' | 'fetch', config: string): Promise<Outcome> {
  const work = mkdtempSync(join(scratch, 'run-'));
  const stderr: string[] = [];
  const error = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void stderr.push(args.join(' ')));
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const cwd = process.cwd();
  process.chdir(work);
  try {
    const code = await main(['node', 'spokane-tech', ...cliArgs(command, config, work)]);
    return { code, stderr: stderr.join('\n'), written: readdirSync(work) };
  } finally {
    process.chdir(cwd);
    error.mockRestore();
    log.mockRestore();
  }
}

function problemsWith(what: string, result: Outcome, problem: RegExp): string[] {
  const failures: string[] = [];
  if (result.code !== 2) failures.push(`${what}: exit ${result.code}`);
  if (!problem.test(result.stderr)) failures.push(`${what}: stderr lacks ${problem}: ${result.stderr.slice(0, 300)}`);
  if (/\n\s+at /.test(result.stderr)) failures.push(`${what}: a stack trace`);
  if (!/nothing was written/.test(result.stderr)) failures.push(`${what}: does not say nothing was written`);
  if (result.written.length > 0) failures.push(`${what}: wrote ${result.written.join(', ')}`);
  return failures;
}

describe('a broken sources.yaml', () => {
  it(`is tested in ${ALL.length} forms, at least 25`, () => {
    expect(ALL.length).toBeGreaterThanOrEqual(25);
  });

  for (const broken of ALL) {
    it(`${broken.name}: says what is wrong and where, quickly`, () => {
      const started = performance.now();
      const result = loadConfig(broken.path());
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(formatProblem(result.problems[0]!)).toMatch(broken.problem);
    });
  }

  it('gives exit 2 from `check` and `fetch` for every one, with the message, no stack trace, and nothing written', async () => {
    const failures: string[] = [];
    for (const broken of ALL) {
      for (const command of ['check', 'fetch'] as const) {
        const result = await inProcess(command, broken.path());
        failures.push(...problemsWith(`${command} ${broken.name}`, result, broken.problem));
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('gives exit 2 through the installed command too, a process of its own', async () => {
    const failures: string[] = [];
    const chosen = ALL.filter((b) => ['tab-indented.yaml', 'alias-bomb.yaml', 'huge.yaml', 'misspelt-group-key.yaml'].includes(b.name));
    const runs = chosen.flatMap((broken) =>
      (['check', 'fetch'] as const).map(async (command) => {
        const work = mkdtempSync(join(scratch, 'run-'));
        const result = await runCli(cliArgs(command, broken.path(), work), { cwd: work });
        failures.push(...problemsWith(`${command} ${broken.name}`, { ...result, written: readdirSync(work) }, broken.problem));
      }),
    );
    await Promise.all(runs);
    expect(failures).toEqual([]);
  }, 120_000);
});

describe('a sources.yaml that is fine as it is', () => {
  it('loads with a byte-order mark at its start, as some Windows editors write it', () => {
    const withBom = loadConfig(join(FIXTURES, 'with-bom.yaml'));
    expect(readFileSync(join(FIXTURES, 'with-bom.yaml')).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(withBom).toEqual(loadConfig(join(FIXTURES, 'valid.yaml')).ok ? expect.objectContaining({ ok: true }) : null);
    expect(withBom.ok && withBom.config.site.title).toBe('Spokane Tech');
  });

  it('points at the right column on the first line despite a byte-order mark', () => {
    const path = generated('bom-broken.yaml', `\uFEFFsite: Spokane Tech\n${VALID.slice(VALID.indexOf('groups:'))}`);
    const result = loadConfig(path);
    expect(!result.ok && formatProblem(result.problems[0]!)).toMatch(/:1:7: site \(title, url and timezone\) must be a mapping/);
  });

  it('keeps unknown keys that are no misspelling of a known one (notes, settings for other tools)', () => {
    const result = loadConfig(join(FIXTURES, 'close-but-unknown-keys.yaml'));
    expect(result.ok).toBe(true);
    expect(loadConfig(join(FIXTURES, 'extra-keys.yaml')).ok).toBe(true);
  });

  it('accepts a config with no groups yet, as a new city starts (`groups: []` or `groups:` alone)', () => {
    const empty = loadConfig(join(FIXTURES, 'empty-groups.yaml'));
    expect(empty.ok && empty.config.groups).toEqual([]);
    const bare = loadConfig(generated('bare-groups.yaml', VALID.slice(0, VALID.indexOf('groups:')) + 'groups:\n# none yet\n'));
    expect(bare.ok && bare.config.groups).toEqual([]);
  });

  it('loads a file just under the size limit', () => {
    let text = VALID;
    while (text.length < MAX_CONFIG_BYTES - 2_000) text += `# ${'padding '.repeat(100)}\n`;
    expect(loadConfig(generated('big-but-fine.yaml', text)).ok).toBe(true);
  });

  it('passes `check` with exit 0', async () => {
    const result = await runCli(['check', '--config', join(FIXTURES, 'with-bom.yaml')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/ok \(1 groups, 1 sources\)/);
  });
});

describe('which unknown keys count as misspellings', () => {
  const GROUP_KEYS = ['id', 'name', 'homepage', 'description', 'tags', 'sources'];

  it('suggests the known key one or two edits away, swaps counting as one', () => {
    expect(closestKey('sorces', GROUP_KEYS)).toBe('sources');
    expect(closestKey('source', GROUP_KEYS)).toBe('sources');
    expect(closestKey('home_page', GROUP_KEYS)).toBe('homepage');
    expect(closestKey('descripton', GROUP_KEYS)).toBe('description');
    expect(closestKey('tag', GROUP_KEYS)).toBe('tags');
    expect(closestKey('nmae', GROUP_KEYS)).toBe('name');
    expect(closestKey('Name', GROUP_KEYS)).toBe('name');
    expect(closestKey('ID', GROUP_KEYS)).toBe('id');
  });

  it('leaves alone keys that are not close, short keys needing a closer match', () => {
    expect(closestKey('note', GROUP_KEYS)).toBeNull();
    expect(closestKey('logo', GROUP_KEYS)).toBeNull();
    expect(closestKey('by', GROUP_KEYS)).toBeNull();
    expect(closestKey('contact', GROUP_KEYS)).toBeNull();
    expect(closestKey('name', GROUP_KEYS)).toBeNull();
  });

  it('does not also say "sources is missing" when the misspelt key explains it', () => {
    const result = loadConfig(join(FIXTURES, 'misspelt-group-key.yaml'));
    expect(!result.ok && result.problems.map((p) => p.message)).toEqual(['unknown key "sorces" in group 1; did you mean "sources"?']);
  });
});

describe('the alias bomb', () => {
  it('is refused in well under a second and without growing memory', () => {
    const before = process.memoryUsage().heapUsed;
    const started = performance.now();
    const result = loadConfig(join(FIXTURES, 'alias-bomb.yaml'));
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(50 * 1024 * 1024);
    expect(result.ok).toBe(false);
  });
});

describe('nothing on disk', () => {
  it('creates no database for a broken config even where the store’s folder exists', async () => {
    const work = mkdtempSync(join(scratch, 'db-'));
    const db = join(work, 'store.db');
    const result = await runCli(['fetch', '--config', join(FIXTURES, 'misspelt-site-key.yaml'), '--db', db, '--data', join(work, 'data')]);
    expect(result.code).toBe(2);
    expect(existsSync(db)).toBe(false);
    expect(readdirSync(work)).toEqual([]);
  });
});
