import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.ts';
import { startServer } from '../helpers/server.ts';

// EVENTBRITE_TOKEN is a private credential. Whatever Eventbrite's API answers (a refusal, an
// error page that echoes the request back, a redirect to another host, garbage, a good answer),
// the token appears in no log line, no error, no stored row, no exported file, no page and no
// response kept for a maintainer; and it is sent to Eventbrite's host only.

const TOKEN = 'EBTOKEN-7f3a9c1d5e8b2046';
const ORGANIZER = '31415926';

let api: Awaited<ReturnType<typeof startServer>>;
let elsewhere: Awaited<ReturnType<typeof startServer>>;
let dir: string;
const runs: { what: string; result: CliResult }[] = [];
/** Authorization headers that reached a host other than the API's. */
const leakedToOtherHost: string[] = [];

type Answer = (request: IncomingMessage, response: ServerResponse) => void;
let answer: Answer;

const paths = () => ({
  config: join(dir, 'sources.yaml'),
  db: join(dir, 'store', 'spokane-tech.db'),
  data: join(dir, 'data'),
  out: join(dir, 'site'),
  failures: join(dir, 'failures'),
});

/** Answers that put the request's own Authorization header in the body, as some debug pages do. */
const echo = (status: number, contentType: string): Answer => (request, response) => {
  response.writeHead(status, { 'content-type': contentType }).end(`You sent: authorization=${request.headers.authorization ?? 'none'}`);
};

const json = (body: unknown): Answer => (request, response) => {
  if (request.headers.authorization !== `Bearer ${TOKEN}`) {
    response.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"INVALID_AUTH"}');
    return;
  }
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};

function goodAnswer(): Answer {
  const start = new Date(Date.now() + 5 * 86_400_000);
  start.setUTCHours(17, 0, 0, 0);
  const end = new Date(start.getTime() + 3 * 3_600_000);
  const utc = (d: Date) => d.toISOString().replace('.000Z', 'Z');
  const events = {
    events: [
      {
        id: '777001',
        name: { text: 'Security Summit', html: 'Security Summit' },
        url: api.url('/e/security-summit-tickets-777001'),
        start: { timezone: 'America/Los_Angeles', utc: utc(start), local: utc(start).slice(0, 19) },
        end: { timezone: 'America/Los_Angeles', utc: utc(end), local: utc(end).slice(0, 19) },
        status: 'live',
        online_event: false,
        summary: 'Talks about keeping secrets.',
        venue: { name: 'Hemmingson Center', address: { localized_address_display: '702 E Desmet Ave, Spokane, WA' } },
      },
    ],
    pagination: { has_more_items: false },
  };
  return (request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === `/eb/v3/organizers/${ORGANIZER}/events/`) return json(events)(request, response);
    return json({ id: ORGANIZER, name: 'INCH360', website_url: 'https://inch360.example' })(request, response);
  };
}

async function fetchWith(what: string, token: string, respond: Answer): Promise<CliResult> {
  answer = respond;
  const p = paths();
  const result = await runCli(['fetch', '--config', p.config, '--db', p.db, '--data', p.data, '--failures-dir', p.failures], {
    env: { EVENTBRITE_TOKEN: token, EVENTBRITE_API_URL: api.url('/eb/v3') },
  });
  runs.push({ what, result });
  return result;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'spokane-tech-secrets-'));
  api = await startServer();
  elsewhere = await startServer();
  const route = (request: IncomingMessage, response: ServerResponse) => answer(request, response);
  api.route(`/eb/v3/organizers/${ORGANIZER}/events/`, route);
  api.route(`/eb/v3/organizers/${ORGANIZER}/`, route);
  // "localhost" is another origin than 127.0.0.1, as another host would be.
  elsewhere.route('/collect', (request, response) => {
    if (request.headers.authorization) leakedToOtherHost.push(request.headers.authorization);
    response.writeHead(404).end();
  });
  writeFileSync(
    paths().config,
    `site:
  title: Spokane Tech
  url: https://spokanetech.example
  timezone: America/Los_Angeles
groups:
  - id: inch360
    name: INCH360
    sources:
      - type: eventbrite
        url: ${api.url(`/o/inch360-${ORGANIZER}`)}
`,
  );

  await fetchWith('refused token (401)', TOKEN, (_request, response) => {
    response.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"INVALID_AUTH","error_description":"The OAuth token you provided was invalid."}');
  });
  await fetchWith('server error echoing the request', TOKEN, echo(500, 'text/plain'));
  await fetchWith('a non-JSON page echoing the request', TOKEN, echo(200, 'text/html'));
  await fetchWith('JSON echoing the request', TOKEN, (request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ note: request.headers.authorization }));
  });
  await fetchWith('redirect to another host', TOKEN, (_request, response) => {
    response.writeHead(302, { location: elsewhere.url('/collect').replace('127.0.0.1', 'localhost') }).end();
  });
  await fetchWith('token with a line break', `${TOKEN}\nX-Injected: 1`, goodAnswer());
  await fetchWith('good answer', TOKEN, goodAnswer());
  const p = paths();
  const build = await runCli(['build', '--config', p.config, '--db', p.db, '--data', p.data, '--out', p.out]);
  runs.push({ what: 'build', result: build });
}, 240_000);

afterAll(async () => {
  await api?.close();
  await elsewhere?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function everyFile(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? everyFile(path) : [path];
  });
}

describe('EVENTBRITE_TOKEN', () => {
  it('was used: the good answer was read and built into the site', () => {
    const good = runs.find((r) => r.what === 'good answer')!.result;
    expect(good.code).toBe(0);
    const events = JSON.parse(readFileSync(join(paths().out, 'events.json'), 'utf8')) as { title: string }[];
    expect(events.map((e) => e.title)).toEqual(['Security Summit']);
  });

  it('makes every bad answer a failure that says what went wrong, without the token', () => {
    const failed = runs.filter((r) => r.what !== 'good answer' && r.what !== 'build');
    for (const { what, result } of failed) expect(result.code, what).toBe(1);
    const refused = runs.find((r) => r.what === 'refused token (401)')!.result;
    expect(refused.stdout + refused.stderr).toMatch(/Eventbrite refused the EVENTBRITE_TOKEN/);
    const broken = runs.find((r) => r.what === 'token with a line break')!.result;
    expect(broken.stdout + broken.stderr).toMatch(/EVENTBRITE_TOKEN contains spaces or control characters/);
  });

  it('appears in no output of any run, failing or not', () => {
    for (const { what, result } of runs) {
      expect(result.stdout, `${what}: stdout`).not.toContain(TOKEN);
      expect(result.stderr, `${what}: stderr`).not.toContain(TOKEN);
    }
  });

  it('appears nowhere in the store, its run log included', () => {
    const files = everyFile(join(dir, 'store'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(readFileSync(file).includes(TOKEN), file).toBe(false);
  });

  it('appears in no file of the export, the site or the kept responses', () => {
    const files = [...everyFile(paths().data), ...everyFile(paths().out), ...everyFile(paths().failures)];
    expect(files.some((f) => f.endsWith('events.json'))).toBe(true);
    for (const file of files) expect(readFileSync(file).includes(TOKEN), file).toBe(false);
  });

  it('keeps the response that broke the adapter for a maintainer, the token in it blotted out', () => {
    const kept = everyFile(paths().failures);
    expect(kept.map((f) => f.slice(paths().failures.length + 1))).toEqual(['inch360--eventbrite.txt']);
    expect(readFileSync(kept[0]!, 'utf8')).toBe(`{"note":"Bearer ${'*'.repeat(TOKEN.length)}"}`);
  });

  it('is never sent to another host, even when the API redirects there', () => {
    expect(leakedToOtherHost).toEqual([]);
  });
});
