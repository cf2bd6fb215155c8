import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateStore } from './generate-store.ts';

// `npm run bench:build [-- --sizes 1000,10000 --runs 3 --keep]`: for each size, a generated store
// (not timed), then `spokane-tech build` on it as a child process (wall time, peak RSS, and the
// phases it reports with SPOKANE_TECH_TIMINGS=1), and the floor: plain Eleventy 3 rendering one
// minimal Nunjucks page per event from a paginated template, run the same way. With several
// runs, every figure is the median.

const BIN = join(import.meta.dirname, '..', 'bin', 'spokane-tech.js');
// Eleventy's own command line (its package exports no package.json; its main module is src/Eleventy.js).
const ELEVENTY = join(dirname(fileURLToPath(import.meta.resolve('@11ty/eleventy'))), '..', 'cmd.cjs');

interface Run {
  wallMs: number;
  maxRssKb: number;
  phases: Record<string, number>;
}

interface Row {
  events: number;
  build: Run;
  floor: Run;
}

function options() {
  const args = process.argv.slice(2);
  const value = (name: string) => {
    const at = args.indexOf(name);
    return at === -1 ? undefined : args[at + 1];
  };
  return {
    sizes: (value('--sizes') ?? '1000,5000,10000,20000').split(',').map(Number),
    runs: Number(value('--runs') ?? 1),
    keep: args.includes('--keep'),
  };
}

async function main() {
  const { sizes, runs, keep } = options();
  const root = mkdtempSync(join(tmpdir(), 'bench-build-'));
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
            [BIN, 'build', '--config', store.config, '--db', store.db, '--data', join(dir, 'data'), '--out', join(dir, 'site')],
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
  const started = performance.now();
  const stderr = await new Promise<string>((resolve, reject) => {
    execFile(
      '/usr/bin/time',
      ['-f', 'maxrss=%M', process.execPath, ...args],
      { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, SPOKANE_TECH_TIMINGS: '1' } },
      (error, _stdout, stderr) => (error ? reject(new Error(`${args[0]} failed: ${stderr}`)) : resolve(stderr)),
    );
  });
  const wallMs = performance.now() - started;
  const phases: Record<string, number> = {};
  for (const [, phase, seconds] of stderr.matchAll(/^timing: (\S+) ([\d.]+) s\b/gm)) phases[phase!] = Number(seconds) * 1000;
  return { wallMs, maxRssKb: Number(/maxrss=(\d+)/.exec(stderr)?.[1] ?? NaN), phases };
}

function medianRun(runs: Run[]): Run {
  const names = [...new Set(runs.flatMap((r) => Object.keys(r.phases)))];
  return {
    wallMs: median(runs.map((r) => r.wallMs)),
    maxRssKb: median(runs.map((r) => r.maxRssKb)),
    phases: Object.fromEntries(names.map((name) => [name, median(runs.map((r) => r.phases[name] ?? 0))])),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function report(rows: Row[], runs: number): void {
  const phaseNames = ['load', 'export', 'view', 'eleventy', 'feeds', 'data', 'search'];
  console.log(`build benchmark${runs > 1 ? ` (median of ${runs} runs)` : ''}: spokane-tech build vs the floor (plain Eleventy, one minimal Nunjucks page per event)`);
  const table = [
    ['events', 'build', 'floor', 'ratio', 'build/event', 'floor/event', 'build RSS', 'floor RSS', 'feeds'],
    ...rows.map((r) => [
      String(r.events),
      seconds(r.build.wallMs),
      seconds(r.floor.wallMs),
      `${(r.build.wallMs / r.floor.wallMs).toFixed(2)}×`,
      `${(r.build.wallMs / r.events).toFixed(2)} ms`,
      `${(r.floor.wallMs / r.events).toFixed(2)} ms`,
      megabytes(r.build.maxRssKb),
      megabytes(r.floor.maxRssKb),
      seconds(r.build.phases.feeds ?? NaN),
    ]),
  ];
  printTable(table);
  console.log('\nbuild phases (SPOKANE_TECH_TIMINGS=1)');
  printTable([['events', ...phaseNames], ...rows.map((r) => [String(r.events), ...phaseNames.map((p) => seconds(r.build.phases[p] ?? NaN))])]);

  const first = rows[0];
  const last = rows.at(-1);
  if (first && last && first !== last) {
    const perEvent = (run: Run, events: number) => run.wallMs / events;
    console.log(
      `\ntime per event at ${last.events} vs ${first.events}: build ${(perEvent(last.build, last.events) / perEvent(first.build, first.events)).toFixed(2)}×, ` +
        `floor ${(perEvent(last.floor, last.events) / perEvent(first.floor, first.events)).toFixed(2)}×`,
    );
  }
}

function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)) + 2);
  for (const row of rows) console.log(`  ${row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('')}`);
}

const seconds = (ms: number) => (Number.isNaN(ms) ? '–' : `${(ms / 1000).toFixed(2)} s`);
const megabytes = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

await main();
