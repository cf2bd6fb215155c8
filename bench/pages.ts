import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { generateStore } from './generate-store.ts';

// `npm run bench:pages [-- --events 1000 --runs 3]`: a site built by `spokane-tech build` from a
// generated store, served gzipped on loopback, and for its home page, an upcoming event's page and
// this month's calendar: the bytes sent for the page and everything it loads from the site
// (gzip, as GitHub Pages sends it), the number of requests, and in headless Chromium with the CPU
// slowed down 4×, Largest Contentful Paint and Total Blocking Time (the time long tasks spend
// over 50 ms). Every figure is the median of the runs, each in a fresh browser context.

const BIN = join(import.meta.dirname, '..', 'bin', 'spokane-tech.js');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CPU_SLOWDOWN = 4;
const TARGETS = { bytes: 60 * 1024, requests: 6, lcpMs: 1000, tbtMs: 50 };

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
};

interface Measure {
  bytes: number;
  rawBytes: number;
  requests: number;
  lcpMs: number;
  tbtMs: number;
  longestTaskMs: number;
  resources: string[];
}

function options() {
  const args = process.argv.slice(2);
  const value = (name: string) => {
    const at = args.indexOf(name);
    return at === -1 ? undefined : args[at + 1];
  };
  return { events: Number(value('--events') ?? 1000), runs: Number(value('--runs') ?? 3) };
}

async function main() {
  const { events, runs } = options();
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`no Chromium at ${CHROMIUM_PATH} (set CHROMIUM_PATH)`);
  const dir = mkdtempSync(join(tmpdir(), 'bench-pages-'));
  const siteDir = join(dir, 'site');
  let server: Server | undefined;
  let browser: Browser | undefined;
  try {
    process.stderr.write(`building a site of ${events} events… `);
    const store = generateStore(join(dir, 'store'), events);
    await run([BIN, 'build', '--config', store.config, '--db', store.db, '--data', join(dir, 'data'), '--out', siteDir]);
    process.stderr.write('done\n');

    server = await serve(siteDir);
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const pages = pagesToMeasure(siteDir);
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });

    console.log(`page benchmark: a site of ${events} events, served gzipped on loopback; Chromium with the CPU ${CPU_SLOWDOWN}× slower; median of ${runs} cold loads`);
    const rows = [['page', 'path', 'gzip bytes', 'raw bytes', 'requests', 'LCP', 'TBT', 'longest task', 'targets']];
    for (const [name, path] of Object.entries(pages)) {
      const measures: Measure[] = [];
      for (let i = 0; i < runs; i++) measures.push(await measure(browser, `${origin}${path}`, origin));
      const m = medians(measures);
      const missed = [
        m.bytes >= TARGETS.bytes && 'bytes',
        m.requests > TARGETS.requests && 'requests',
        m.lcpMs >= TARGETS.lcpMs && 'LCP',
        m.tbtMs > TARGETS.tbtMs && 'TBT',
      ].filter(Boolean);
      rows.push([
        name,
        path,
        `${(m.bytes / 1024).toFixed(1)} KB`,
        `${(m.rawBytes / 1024).toFixed(1)} KB`,
        String(m.requests),
        `${Math.round(m.lcpMs)} ms`,
        `${Math.round(m.tbtMs)} ms`,
        `${Math.round(m.longestTaskMs)} ms`,
        missed.length ? `missed: ${missed.join(', ')}` : 'all met',
      ]);
      console.error(`  ${name}: ${measures[0]!.resources.join(', ')}`);
    }
    printTable(rows);
    console.log(`targets: under ${TARGETS.bytes / 1024} KB gzip in all, at most ${TARGETS.requests} requests, LCP under ${TARGETS.lcpMs} ms, TBT at most ${TARGETS.tbtMs} ms`);
  } finally {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The home page, the page of the next upcoming event that is not cancelled, and this month. */
function pagesToMeasure(siteDir: string): Record<string, string> {
  const events = JSON.parse(readFileSync(join(siteDir, 'events.json'), 'utf8')) as { page: string; ics: string | null; status: string }[];
  const upcoming = events.find((e) => e.ics !== null && e.status !== 'cancelled') ?? events[0];
  if (!upcoming) throw new Error('the generated site has no events');
  const month = new Date().toISOString().slice(0, 7);
  return { home: '/', event: new URL(upcoming.page).pathname, month: `/calendar/${month}/` };
}

async function measure(browser: Browser, url: string, origin: string): Promise<Measure> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    const perf = { lcp: 0, tasks: [] as number[] };
    (window as unknown as { __perf: typeof perf }).__perf = perf;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) perf.lcp = entry.startTime;
    }).observe({ type: 'largest-contentful-paint', buffered: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) perf.tasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  const urls = new Map<string, string>();
  const transferred = new Map<string, number>();
  cdp.on('Network.responseReceived', (event) => urls.set(event.requestId, event.response.url));
  cdp.on('Network.loadingFinished', (event) => transferred.set(event.requestId, event.encodedDataLength));
  await page.goto(url, { waitUntil: 'load' });
  // LCP is final once the page is idle; late requests (the favicon) are counted too.
  await page.waitForTimeout(1500);
  const perf = await page.evaluate(() => (window as unknown as { __perf: { lcp: number; tasks: number[] } }).__perf);
  await context.close();

  const resources = [...urls].filter(([, u]) => u.startsWith(origin));
  const paths = resources.map(([, u]) => new URL(u).pathname);
  return {
    // encodedDataLength counts the response as it came over the wire: headers and gzipped body.
    bytes: resources.reduce((sum, [id]) => sum + (transferred.get(id) ?? 0), 0),
    rawBytes: paths.reduce((sum, path) => sum + rawSize(path), 0),
    requests: resources.length,
    lcpMs: perf.lcp,
    tbtMs: perf.tasks.reduce((sum, d) => sum + Math.max(0, d - 50), 0),
    longestTaskMs: Math.max(0, ...perf.tasks),
    resources: paths,
  };
}

let siteRoot = '';
function rawSize(path: string): number {
  const file = fileOf(path);
  return file ? statSync(file).size : 0;
}

function fileOf(pathname: string): string | null {
  const file = normalize(join(siteRoot, decodeURIComponent(pathname)));
  if (!file.startsWith(siteRoot + sep) && file !== siteRoot) return null;
  if (existsSync(file) && statSync(file).isDirectory()) return existsSync(join(file, 'index.html')) ? join(file, 'index.html') : null;
  return existsSync(file) ? file : null;
}

/** The built site on loopback, gzipped when the browser asks for it, as GitHub Pages does. */
async function serve(dir: string): Promise<Server> {
  siteRoot = dir;
  const server = createServer((request, response) => {
    const file = fileOf(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    if (!file) return void response.writeHead(404).end();
    const body = readFileSync(file);
    const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    });
    response.end(gzip ? gzipSync(body) : body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

function medians(measures: Measure[]): Measure {
  const median = (pick: (m: Measure) => number) => {
    const values = measures.map(pick).sort((a, b) => a - b);
    const mid = Math.floor(values.length / 2);
    return values.length % 2 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
  };
  return {
    bytes: median((m) => m.bytes),
    rawBytes: median((m) => m.rawBytes),
    requests: median((m) => m.requests),
    lcpMs: median((m) => m.lcpMs),
    tbtMs: median((m) => m.tbtMs),
    longestTaskMs: median((m) => m.longestTaskMs),
    resources: measures[0]!.resources,
  };
}

function run(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) =>
      error ? reject(new Error(`${args.join(' ')} failed: ${stderr}`)) : resolve(),
    );
  });
}

function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)) + 2);
  for (const row of rows) console.log(`  ${row.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('')}`);
}

await main();
