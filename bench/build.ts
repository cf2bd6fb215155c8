import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateStore } from './generate-store.ts';
import { hasFlag, median, optionValue, printTable } from './shared.ts';

// `npm run bench:build [-- --sizes 1000,10000 --runs 3 --keep --profile DIR --dir DIR]`: for each size, a generated store
// (not timed), then `spokane-tech build` on it as a child process (wall time, peak RSS, and the
// phases it reports with SPOKANE_TECH_TIMINGS=1), and the floor: plain Eleventy 3 rendering one
// minimal Nunjucks page per event from a paginated template, run the same way. With several
// runs, every figure is the median.
//
// Peak RSS is `/usr/bin/time -f %M`: the build's own process. Pagefind indexes in a process of
// its own that time does not count, so the peak of the whole tree (the sum of its processes'
// RSS, sampled every 100 ms from /proc) is given beside it.
//
// It works in a temporary folder under --dir (default: the system's). On a machine whose disk is
// shared and slow at times, `--dir /dev/shm` (memory) takes the disk out of the comparison.
//
// With --profile DIR, each build also writes a V8 CPU profile (`node --cpu-prof`) into DIR/<size>/;
// `tsx bench/cpuprofile-top.ts FILE` reads one without DevTools. Profiling slows the build, so
// the figures of a profiled run are not the ones to record.

const BIN = join(import.meta.dirname, '..', 'dist', 'bin.js');
// Eleventy's own command line (its package exports no package.json; its main module is src/Eleventy.js).
const ELEVENTY = join(dirname(fileURLToPath(import.meta.resolve('@11ty/eleventy'))), '..', 'cmd.cjs');

interface Run {
  wallMs: number;
  maxRssKb: number;
  /** The largest sum of RSS over the process and its descendants, sampled. */
  treeRssKb: number;
  phases: Record<string, number>;
}

interface Row {
  events: number;
  build: Run;
  floor: Run;
}

function options() {
  return {
    sizes: (optionValue('--sizes') ?? '1000,5000,10000,20000').split(',').map(Number),
    runs: Number(optionValue('--runs') ?? 1),
    keep: hasFlag('--keep'),
    profile: optionValue('--profile'),
    dir: optionValue('--dir') ?? tmpdir(),
  };
}

async function main() {
  const { sizes, runs, keep, profile, dir: parent } = options();
  const root = mkdtempSync(join(parent, 'bench-build-'));
  const rows: Row[] = [];
  try {
    for (const events of sizes) {
      const dir = join(root, String(events));
      process.stderr.write(`${events} events: generating the store… `);
      const store = generateStore(join(dir, 'store'), events);
      const floorDir = join(dir, 'floor');
      writeFloorProject(floorDir, events);
      const builds: Run[] = [];
      const floors: Run[] = [];
      for (let i = 0; i < runs; i++) {
        process.stderr.write(`build ${i + 1}… `);
        rmSync(join(dir, 'site'), { recursive: true, force: true });
        builds.push(
          await timedRun(
            [
              ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profile, String(events))}`] : []),
              BIN,
              'build',
              ...['--config', store.config, '--db', store.db, '--data', join(dir, 'data'), '--out', join(dir, 'site')],
            ],
            dir,
          ),
        );
        process.stderr.write(`floor ${i + 1}… `);
        rmSync(join(floorDir, '_site'), { recursive: true, force: true });
        floors.push(await timedRun([ELEVENTY, '--quiet', '--input=src', '--output=_site'], floorDir));
      }
      process.stderr.write('done\n');
      rows.push({ events, build: medianRun(builds), floor: medianRun(floors) });
      if (!keep) rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    if (keep) console.log(`kept ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
  report(rows, runs);
}

/** The floor: one paginated Nunjucks template, one small page per event, nothing else. */
function writeFloorProject(dir: string, events: number): void {
  mkdirSync(join(dir, 'src', '_data'), { recursive: true });
  const items = Array.from({ length: events }, (_, i) => ({ slug: `event-${i}`, title: `Event number ${i}` }));
  writeFileSync(join(dir, 'src', '_data', 'items.json'), JSON.stringify(items));
  writeFileSync(
    join(dir, 'src', 'event.njk'),
    [
      '---',
      'pagination:',
      '  data: items',
      '  size: 1',
      '  alias: item',
      'permalink: "events/{{ item.slug }}/"',
      '---',
      '<!DOCTYPE html>',
      '<html lang="en"><head><meta charset="utf-8"><title>{{ item.title }}</title></head>',
      '<body><h1>{{ item.title }}</h1></body></html>',
      '',
    ].join('\n'),
  );
}

async function timedRun(args: string[], cwd: string): Promise<Run> {
  // A build leaves a few hundred megabytes of pages for the kernel to write out; flushed first,
  // they do not slow down whichever run comes next (the floor measured after a build took twice
  // as long as on its own).
  execFileSync('sync');
  const started = performance.now();
  let treeRssKb = 0;
  let sampler: ReturnType<typeof setInterval> | undefined;
  const stderr = await new Promise<string>((resolve, reject) => {
    const child = execFile(
      '/usr/bin/time',
      ['-f', 'maxrss=%M', process.execPath, ...args],
      { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, SPOKANE_TECH_TIMINGS: '1' } },
      (error, _stdout, stderr) => (error ? reject(new Error(`${args.find((a) => !a.startsWith('--'))} failed: ${stderr}`)) : resolve(stderr)),
    );
    sampler = setInterval(() => (treeRssKb = Math.max(treeRssKb, treeRss(child.pid!))), 100);
  }).finally(() => clearInterval(sampler));
  const wallMs = performance.now() - started;
  const phases: Record<string, number> = {};
  for (const [, phase, seconds] of stderr.matchAll(/^timing: (\S+) ([\d.]+) s\b/gm)) phases[phase!] = Number(seconds) * 1000;
  return { wallMs, maxRssKb: Number(/maxrss=(\d+)/.exec(stderr)?.[1] ?? NaN), treeRssKb, phases };
}

/** The RSS (kB) of a process and all its descendants, from /proc (Linux); 0 where it cannot tell. */
function treeRss(pid: number): number {
  let total = 0;
  for (const queue = [pid]; queue.length; ) {
    const next = queue.pop()!;
    try {
      total += Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${next}/status`, 'utf8'))?.[1] ?? 0);
      for (const task of readdirSync(`/proc/${next}/task`)) {
        queue.push(...readFileSync(`/proc/${next}/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number));
      }
    } catch {
      // The process ended while being read.
    }
  }
  return total;
}

function medianRun(runs: Run[]): Run {
  const names = [...new Set(runs.flatMap((r) => Object.keys(r.phases)))];
  return {
    wallMs: median(runs.map((r) => r.wallMs)),
    maxRssKb: median(runs.map((r) => r.maxRssKb)),
    treeRssKb: median(runs.map((r) => r.treeRssKb)),
    phases: Object.fromEntries(names.map((name) => [name, median(runs.map((r) => r.phases[name] ?? 0))])),
  };
}

function report(rows: Row[], runs: number): void {
  const phaseNames = ['load', 'export', 'view', 'eleventy', 'feeds', 'data', 'search'];
  const withoutSearch = (r: Row) => r.build.wallMs - (r.build.phases.search ?? 0);
  console.log(`build benchmark${runs > 1 ? ` (median of ${runs} runs)` : ''}: spokane-tech build vs the floor (plain Eleventy, one minimal Nunjucks page per event)`);
  printTable([
    ['events', 'build', 'floor', 'ratio', 'w/o search', 'ratio', 'build/event', 'floor/event', 'RSS (%M)', 'RSS (tree)', 'floor RSS', 'feeds'],
    ...rows.map((r) => [
      String(r.events),
      seconds(r.build.wallMs),
      seconds(r.floor.wallMs),
      `${(r.build.wallMs / r.floor.wallMs).toFixed(2)}×`,
      seconds(withoutSearch(r)),
      `${(withoutSearch(r) / r.floor.wallMs).toFixed(2)}×`,
      `${(r.build.wallMs / r.events).toFixed(2)} ms`,
      `${(r.floor.wallMs / r.events).toFixed(2)} ms`,
      megabytes(r.build.maxRssKb),
      megabytes(r.build.treeRssKb),
      megabytes(r.floor.maxRssKb),
      seconds(r.build.phases.feeds ?? NaN),
    ]),
  ]);
  // Whatever the phases do not account for: starting Node, loading modules, reading sources.yaml.
  const startUp = (r: Row) => r.build.wallMs - phaseNames.reduce((sum, p) => sum + (r.build.phases[p] ?? 0), 0);
  console.log('\nbuild phases (SPOKANE_TECH_TIMINGS=1; start-up is the rest of the wall time)');
  printTable([
    ['events', 'start-up', ...phaseNames],
    ...rows.map((r) => [String(r.events), seconds(startUp(r)), ...phaseNames.map((p) => seconds(r.build.phases[p] ?? NaN))]),
  ]);

  const first = rows[0];
  const last = rows.at(-1);
  if (first && last && first !== last) {
    const perEvent = (ms: number, events: number) => ms / events;
    const ratio = (pick: (r: Row) => number) => (perEvent(pick(last), last.events) / perEvent(pick(first), first.events)).toFixed(2);
    console.log(
      `\ntime per event at ${last.events} vs ${first.events} events: build ${ratio((r) => r.build.wallMs)}×, ` +
        `without search ${ratio(withoutSearch)}×, floor ${ratio((r) => r.floor.wallMs)}×`,
    );
  }
}

const seconds = (ms: number) => (Number.isNaN(ms) ? '–' : `${(ms / 1000).toFixed(2)} s`);
const megabytes = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

await main();
