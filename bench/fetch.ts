import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolvePoliteness } from '../src/http/client.ts';

// `npm run bench:fetch`: 200 iCal sources spread over 8 loopback hosts, each answer delayed
// 100 ms, fetched with the default politeness through the real CLI. Prints the wall time against
// the ideal the limits allow, peak RSS and bytes; then a second run with nothing changed.

const SOURCES = 200;
const HOSTS = 8;
const LATENCY_MS = 100;
const BIN = join(import.meta.dirname, '..', 'dist', 'bin.js');

interface Summary {
  elapsedMs: number;
  results: { outcome: string; new: number; changed: number; missing: number; requests: number; bytes: number }[];
}

async function main() {
  const servers = await startHosts();
  const dir = mkdtempSync(join(tmpdir(), 'bench-fetch-'));
  try {
    const config = join(dir, 'sources.yaml');
    writeFileSync(config, configText(servers.map((s) => s.host)));
    const args = ['fetch', '--config', config, '--db', join(dir, 'store.db'), '--data', join(dir, 'data'), '--json'];

    const ideal = idealMs();
    const first = await timedRun(args);
    const second = await timedRun(args);
    const firstTotals = totals(first.summary);
    const secondTotals = totals(second.summary);
    const rows = [
      ['', 'first run', 'second run (nothing changed)'],
      ['wall time', `${ms(first.wallMs)}`, `${ms(second.wallMs)}`],
      ['ideal wall time', `${ms(ideal)}`, ''],
      ['ratio to ideal', `${(first.wallMs / ideal).toFixed(2)}×`, ''],
      ['fetch phase (no start-up)', `${ms(first.summary.elapsedMs)}`, `${ms(second.summary.elapsedMs)}`],
      ['its ratio to ideal', `${(first.summary.elapsedMs / ideal).toFixed(2)}×`, ''],
      ['peak RSS (fetch process)', `${mb(first.maxRssKb)}`, `${mb(second.maxRssKb)}`],
      ['requests', `${firstTotals.requests}`, `${secondTotals.requests}`],
      ['bytes received', `${firstTotals.bytes}`, `${secondTotals.bytes}`],
      ['sources parsed', `${firstTotals.parsed}`, `${secondTotals.parsed}`],
      ['event rows written', `${firstTotals.rowsWritten}`, `${secondTotals.rowsWritten}`],
    ];
    console.log(`fetch benchmark: ${SOURCES} sources over ${HOSTS} loopback hosts, ${LATENCY_MS} ms per answer, default politeness`);
    for (const row of rows) console.log(`  ${row[0]!.padEnd(26)}${row[1]!.padEnd(14)}${row[2]}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await Promise.all(servers.map((s) => new Promise((resolve) => s.server.close(resolve))));
  }
}

/** Per host: requests × max(latency, interval) ÷ its slots; the run: the slowest host, or the global bound. */
function idealMs(): number {
  const politeness = resolvePoliteness();
  const { concurrency, minIntervalMs } = politeness.hosts.default;
  // Each host also answers one robots.txt request.
  const perHostRequests = SOURCES / HOSTS + 1;
  const hostBound = (perHostRequests * Math.max(LATENCY_MS, minIntervalMs)) / concurrency;
  const globalBound = ((SOURCES + HOSTS) * LATENCY_MS) / politeness.concurrency;
  return Math.max(hostBound, globalBound);
}

function configText(hosts: string[]): string {
  const groups = Array.from({ length: SOURCES }, (_, i) => `  - id: group-${i}
    name: Group ${i}
    sources:
      - type: ical
        url: http://${hosts[i % HOSTS]}/feeds/${i}.ics`);
  return `site:\n  title: Bench\n  url: https://bench.example\n  timezone: America/Los_Angeles\ngroups:\n${groups.join('\n')}\n`;
}

async function startHosts(): Promise<{ host: string; server: Server }[]> {
  const now = Date.now();
  return Promise.all(
    Array.from({ length: HOSTS }, async (_, i) => {
      const server = createServer((request, response) => {
        setTimeout(() => {
          if (request.url === '/robots.txt') return void response.writeHead(404).end();
          response.writeHead(200, { 'content-type': 'text/calendar' }).end(feed(request.url ?? '', now));
        }, LATENCY_MS);
      });
      await new Promise<void>((resolve) => server.listen(0, `127.0.0.${i + 2}`, resolve));
      return { host: `127.0.0.${i + 2}:${(server.address() as AddressInfo).port}`, server };
    }),
  );
}

function feed(path: string, now: number): string {
  const stamp = (t: number) => new Date(t).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const events = [1, 2, 3].map((k) => {
    const start = now - (now % 86_400_000) + k * 7 * 86_400_000 + 2 * 3_600_000;
    return ['BEGIN:VEVENT', `UID:${path}-${k}`, `DTSTAMP:${stamp(Date.now())}`, `DTSTART:${stamp(start)}`, `DTEND:${stamp(start + 7_200_000)}`, `SUMMARY:Meetup ${k} of ${path}`, 'END:VEVENT'];
  });
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//bench//EN', ...events.flat(), 'END:VCALENDAR', ''].join('\r\n');
}

async function timedRun(args: string[]): Promise<{ wallMs: number; maxRssKb: number; summary: Summary }> {
  const started = performance.now();
  const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
    execFile('/usr/bin/time', ['-f', 'maxrss=%M', process.execPath, BIN, ...args], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && error.code !== 0) reject(new Error(`fetch failed: ${stderr}`));
      else resolve({ stdout, stderr });
    });
  });
  const wallMs = performance.now() - started;
  const maxRssKb = Number(/maxrss=(\d+)/.exec(stderr)?.[1] ?? NaN);
  return { wallMs, maxRssKb, summary: JSON.parse(stdout) as Summary };
}

function totals(summary: Summary) {
  return {
    requests: summary.results.reduce((n, r) => n + r.requests, 0),
    bytes: summary.results.reduce((n, r) => n + r.bytes, 0),
    parsed: summary.results.filter((r) => r.outcome !== 'not_modified').length,
    rowsWritten: summary.results.reduce((n, r) => n + r.new + r.changed, 0),
  };
}

const ms = (value: number) => `${(value / 1000).toFixed(2)} s`;
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

await main();
