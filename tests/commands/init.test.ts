import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { runCli } from '../helpers/cli.ts';

const CITY = ['--title', 'Boise Tech', '--url', 'https://boise.example', '--timezone', 'America/Boise'];

const emptyFolder = () => mkdtempSync(join(tmpdir(), 'spokane-tech-init-'));

describe('spokane-tech init', () => {
  it('writes a starter sources.yaml that check, an offline fetch and build all accept', async () => {
    const dir = emptyFolder();
    expect((await runCli(['init', ...CITY], { cwd: dir })).code).toBe(0);
    expect(readdirSync(dir)).toEqual(['sources.yaml']);

    const check = await runCli(['check'], { cwd: dir });
    expect(check).toMatchObject({ code: 0, stdout: 'sources.yaml: ok (0 groups, 0 sources)\n' });
    expect((await runCli(['fetch'], { cwd: dir })).code).toBe(0);
    const build = await runCli(['build'], { cwd: dir });
    expect(build.code).toBe(0);
    expect(readFileSync(join(dir, '_site', 'index.html'), 'utf8')).toContain('Boise Tech');
  });

  it('gives the site the title, address and zone asked for, and every example group works once uncommented, a group with no feed among them', async () => {
    const dir = emptyFolder();
    await runCli(['init', 'boise', '--title', 'Tech: "Boise" & more', '--url', 'https://you.github.io/boise-tech', '--timezone', 'America/Boise'], { cwd: dir });
    const path = join(dir, 'boise', 'sources.yaml');
    const starter = readFileSync(path, 'utf8');
    const uncommented = starter.replace(/^(groups:\n)([\s\S]*)$/m, (_, head: string, rest: string) => head + rest.replace(/^#/gm, ''));
    writeFileSync(path, uncommented);

    const loaded = loadConfig(path);
    expect(loaded.ok && loaded.config.site).toMatchObject({ title: 'Tech: "Boise" & more', url: 'https://you.github.io/boise-tech', timezone: 'America/Boise' });
    expect(loaded.ok && loaded.config.groups.map((g) => g.sources[0]?.type)).toEqual(['meetup', 'eventbrite', 'luma', 'ical', 'jsonld', undefined]);
    expect(loaded.ok && loaded.config.groups.at(-1)).toMatchObject({ id: 'example-chamber', homepage: 'https://chamber.example.org/', sources: [] });
  });

  it('never overwrites a sources.yaml unless told to with --force', async () => {
    const dir = emptyFolder();
    writeFileSync(join(dir, 'sources.yaml'), 'mine\n');
    const refused = await runCli(['init', ...CITY], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/sources\.yaml exists already; nothing was written \(--force replaces it\)/);
    expect(readFileSync(join(dir, 'sources.yaml'), 'utf8')).toBe('mine\n');

    expect((await runCli(['init', ...CITY, '--force'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, 'sources.yaml'), 'utf8')).toContain('title: Boise Tech');
  });

  it.each([
    [['--title', ' ', '--url', 'https://boise.example', '--timezone', 'America/Boise'], /--title: give the site a title/],
    [['--title', 'Boise Tech', '--url', 'boise.example', '--timezone', 'America/Boise'], /--url: "boise\.example" is not an http\(s\) URL/],
    [['--title', 'Boise Tech', '--url', 'https://boise.example', '--timezone', 'Mountain'], /--timezone: "Mountain" is not a known time zone/],
    [['--title', 'Boise Tech'], /required option '--url <url>' not specified/],
  ])('exits 2 and writes nothing for %j', async (args, message) => {
    const dir = emptyFolder();
    const result = await runCli(['init', ...args], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(existsSync(join(dir, 'sources.yaml'))).toBe(false);
  });
});
