import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { parse, stringify } from 'yaml';
import { generateStore } from './generate-store.ts';
import { median, optionValue, printTable } from './shared.ts';

// `npm run bench:pages [-- --events 1000 --runs 3]`: a site built by `spokane-tech build` from a
// generated store, served gzipped on loopback, and for its home page, the next upcoming event's
// page, the busiest group's page, the current month's calendar, this week's digest and the plan of
// the next 120 nights: the bytes sent for the page
// and everything it loads before images (gzip, as GitHub Pages sends it), the number of those
// requests (every one the page makes but images, favicon included, and any off the site), the
// images apart (the events' and groups' pictures, which live on the platforms' hosts: answered
// here from memory with a 23 kB PNG, so that they load and count for LCP as real ones would),
// and in headless Chromium with the CPU slowed down 4×:
// - Largest Contentful Paint, as the page itself observes it;
// - Total Blocking Time from a performance trace of the page's main thread, as Lighthouse counts
//   it: of every task, the part after its first 50 ms, between First Contentful Paint and the end
//   of the observation (the load event plus 1.5 s, later than the page's time to interactive, so
//   never less than Lighthouse's figure). The trace sees every task (parsing, style, layout,
//   paint, scripts); the page's own Long Tasks observer misses most of them;
// - the longest main-thread task in that same window.
// Every figure is the median of the runs, each a cold load in a fresh browser context.

const BIN = join(import.meta.dirname, '..', 'dist', 'bin.js');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CPU_SLOWDOWN = 4;
const TARGETS = { bytes: 60 * 1024, requests: 6, lcpMs: 1000, tbtMs: 50, longestTaskMs: 50 };
/** What the generated store's pictures are answered with (bench/generate-store.ts puts them at img.example). */
const IMAGE_HOST = 'img.example';
const IMAGE = readFileSync(join(import.meta.dirname, '..', 'site', 'assets', 'social.png'));

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
  images: number;
  imageBytes: number;
  lcpMs: number;
  tbtMs: number;
  longestTaskMs: number;
  resources: string[];
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { data?: { documentLoaderURL?: string; isLoadingMainFrame?: boolean } };
}

function options() {
  const events = Number(optionValue('--events') ?? 1000);
  const runs = Number(optionValue('--runs') ?? 3);
  if (!Number.isInteger(events) || events < 1 || !Number.isInteger(runs) || runs < 1) {
    throw new Error('usage: npm run bench:pages [-- --events N --runs N] (positive whole numbers)');
  }
  return { events, runs };
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
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });

    console.log(`page benchmark: a site of ${events} events, served gzipped on loopback; Chromium at 1280×800 with the CPU ${CPU_SLOWDOWN}× slower; median of ${runs} cold loads`);
    console.log(`load average before measuring: ${loadavg().map((l) => l.toFixed(2)).join(', ')} (the figures are only as quiet as the machine)`);
    const rows = [['page', 'path', 'gzip bytes', 'raw bytes', 'requests', 'images', 'LCP', 'TBT', 'longest task', 'targets']];
    for (const [name, path] of Object.entries(pages)) {
      const measures: Measure[] = [];
      for (let i = 0; i < runs; i++) measures.push(await measure(browser, `${origin}${path}`, origin, siteDir));
      const m = medians(measures);
      const missed = [
        m.bytes >= TARGETS.bytes && 'bytes',
        m.requests > TARGETS.requests && 'requests',
        m.lcpMs >= TARGETS.lcpMs && 'LCP',
        m.tbtMs > TARGETS.tbtMs && 'TBT',
        m.longestTaskMs > TARGETS.longestTaskMs && 'longest task',
      ].filter(Boolean);
      rows.push([
        name,
        path,
        `${(m.bytes / 1024).toFixed(1)} KB`,
        `${(m.rawBytes / 1024).toFixed(1)} KB`,
        String(m.requests),
        `${m.images} (${(m.imageBytes / 1024).toFixed(0)} KB)`,
        `${Math.round(m.lcpMs)} ms`,
        `${Math.round(m.tbtMs)} ms`,
        `${Math.round(m.longestTaskMs)} ms`,
        missed.length ? `missed: ${missed.join(', ')}` : 'all met',
      ]);
      const each = (pick: (m: Measure) => number) => measures.map((x) => Math.round(pick(x))).join(', ');
      console.error(`  ${name}: ${measures[0]!.resources.join(', ')}`);
      console.error(`    each run: LCP ${each((x) => x.lcpMs)} ms; TBT ${each((x) => x.tbtMs)} ms; longest task ${each((x) => x.longestTaskMs)} ms`);
    }
    printTable(rows, 2);
    console.log(
      `targets, before images: under ${TARGETS.bytes / 1024} KB gzip in all, at most ${TARGETS.requests} requests; LCP under ${TARGETS.lcpMs} ms, TBT and the longest task at most ${TARGETS.tbtMs} ms`,
    );
    console.log('TBT: the part of every main-thread task after its first 50 ms, from First Contentful Paint to 1.5 s after load (from a trace); longest task: in that window');
  } finally {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The home page, the page of the next upcoming event that is not cancelled, the busiest group's page, this month, and the plan. */
function pagesToMeasure(siteDir: string): Record<string, string> {
  const events = JSON.parse(readFileSync(join(siteDir, 'events.json'), 'utf8')) as { page: string; ics: string | null; status: string }[];
  // events.json runs oldest first; only upcoming events have their own .ics.
  const upcoming = events.find((e) => e.ics !== null && e.status !== 'cancelled');
  if (!upcoming) throw new Error('the generated site has no upcoming event');
  const groups = JSON.parse(readFileSync(join(siteDir, 'groups.json'), 'utf8')) as { page: string; upcomingCount: number }[];
  const busiest = groups.reduce((a, b) => (b.upcomingCount > a.upcomingCount ? b : a));
  // The month the site itself calls current (its Calendar link, in the site's time zone), not
  // the month in UTC, which differs for a few hours at every month's end.
  const month = /<a class="nav-link" href="([^"]+)"[^>]*>Calendar<\/a>/.exec(readFileSync(join(siteDir, 'index.html'), 'utf8'))?.[1];
  if (!month) throw new Error('the home page has no Calendar link');
  // This week's digest, as the home page links it: every event of the week on one page.
  const week = /href="([^"]*\/week\/\d{4}-W\d{2}\/)"/.exec(readFileSync(join(siteDir, 'index.html'), 'utf8'))?.[1];
  if (!week) throw new Error('the home page has no link to this week’s digest');
  return { home: '/', event: new URL(upcoming.page).pathname, group: new URL(busiest.page).pathname, month, week, plan: '/plan/' };
}

async function measure(browser: Browser, url: string, origin: string, siteDir: string): Promise<Measure> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    const perf = { lcp: 0 };
    (window as unknown as { __perf: typeof perf }).__perf = perf;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) perf.lcp = entry.startTime;
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  });
  await context.route(`https://${IMAGE_HOST}/**`, (route) => route.fulfill({ status: 200, contentType: 'image/png', body: IMAGE }));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  // Every request the page makes, answered or not; the bytes of those that finished. Images apart.
  const requested = new Map<string, string>();
  const imageRequests = new Set<string>();
  const transferred = new Map<string, number>();
  cdp.on('Network.requestWillBeSent', (event) => {
    if (event.request.url.startsWith('data:')) return;
    if (event.type === 'Image') imageRequests.add(event.requestId);
    else requested.set(event.requestId, event.request.url);
  });
  cdp.on('Network.loadingFinished', (event) => transferred.set(event.requestId, event.encodedDataLength));
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'loading'] });
  const response = await page.goto(url, { waitUntil: 'load' });
  if (response?.status() !== 200) throw new Error(`${url} answered ${response?.status()}`);
  // LCP is final once the page is idle; late requests (the favicon) are counted too.
  await page.waitForTimeout(1500);
  const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
  const perf = await page.evaluate(() => ({
    lcp: (window as unknown as { __perf: { lcp: number } }).__perf.lcp,
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0,
  }));
  const finalUrl = page.url();
  await context.close();

  const tasks = mainThreadTasks(trace.traceEvents, finalUrl);
  const windowEnd = Math.max(...tasks.map((t) => t.end), perf.fcp);
  const blocking = tasks.map((t) => Math.max(0, Math.min(t.end, windowEnd) - Math.max(t.start + 50, perf.fcp)));
  const inWindow = tasks.filter((t) => t.end > perf.fcp).map((t) => t.end - Math.max(t.start, perf.fcp));

  const urls = [...requested];
  const local = urls.filter(([, u]) => u.startsWith(`${origin}/`));
  const paths = local.map(([, u]) => new URL(u).pathname);
  return {
    // encodedDataLength counts the response as it came over the wire: headers and gzipped body.
    bytes: local.reduce((sum, [id]) => sum + (transferred.get(id) ?? 0), 0),
    rawBytes: paths.reduce((sum, path) => sum + rawSize(siteDir, path), 0),
    requests: urls.length,
    images: imageRequests.size,
    // Answered from memory, they cross no network: their size is what a real one would weigh.
    imageBytes: imageRequests.size * IMAGE.length,
    lcpMs: perf.lcp,
    tbtMs: blocking.reduce((sum, ms) => sum + ms, 0),
    longestTaskMs: Math.max(0, ...inWindow),
    resources: [...paths, ...urls.filter(([, u]) => !u.startsWith(`${origin}/`)).map(([, u]) => `${u} (off the site)`)],
  };
}

/**
 * The top-level tasks of the renderer main thread that loaded `url`, in milliseconds from its
 * navigation start (the origin of the page's own performance timeline).
 */
function mainThreadTasks(events: TraceEvent[], url: string): { start: number; end: number }[] {
  const navigation = events.find((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL === url && e.args.data.isLoadingMainFrame);
  if (!navigation) throw new Error(`no navigation to ${url} in the trace`);
  const runs = events
    .filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.pid === navigation.pid && e.tid === navigation.tid && e.ts + (e.dur ?? 0) > navigation.ts)
    .sort((a, b) => a.ts - b.ts);
  const tasks: { start: number; end: number }[] = [];
  for (const e of runs) {
    const start = (e.ts - navigation.ts) / 1000;
    const end = start + (e.dur ?? 0) / 1000;
    const last = tasks.at(-1);
    if (last && start < last.end) continue; // nested inside the task before
    tasks.push({ start, end });
  }
  if (tasks.length === 0) throw new Error(`no main-thread task for ${url} in the trace`);
  return tasks;
}

function rawSize(siteDir: string, path: string): number {
  const file = fileOf(siteDir, path);
  return file ? statSync(file).size : 0;
}

function fileOf(siteDir: string, pathname: string): string | null {
  const file = normalize(join(siteDir, decodeURIComponent(pathname)));
  if (!file.startsWith(siteDir + sep) && file !== siteDir) return null;
  if (existsSync(file) && statSync(file).isDirectory()) return existsSync(join(file, 'index.html')) ? join(file, 'index.html') : null;
  return existsSync(file) ? file : null;
}

/** The built site on loopback, gzipped when the browser asks for it, as GitHub Pages does. */
async function serve(dir: string): Promise<Server> {
  const server = createServer((request, response) => {
    const file = fileOf(dir, new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
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
  const of = (pick: (m: Measure) => number) => median(measures.map(pick));
  return {
    bytes: of((m) => m.bytes),
    rawBytes: of((m) => m.rawBytes),
    requests: of((m) => m.requests),
    images: of((m) => m.images),
    imageBytes: of((m) => m.imageBytes),
    lcpMs: of((m) => m.lcpMs),
    tbtMs: of((m) => m.tbtMs),
    longestTaskMs: of((m) => m.longestTaskMs),
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

await main();
