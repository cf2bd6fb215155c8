import Eleventy from '@11ty/eleventy';
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventView } from './view/event.ts';
import type { SiteView } from './view/index.ts';
import { startSearchIndex, type SearchIndex } from './search.ts';
import { timed } from './timings.ts';

/** The package root: templates and the Eleventy config ship with the tool, not with the data. */
const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface RenderOptions {
  /** Build the Pagefind search index (default true). The site works without it. */
  search?: boolean;
  /** Event pages rendered per run of Eleventy (default EVENT_PAGES_PER_RUN). */
  eventPagesPerRun?: number;
}

/**
 * Eleventy keeps every page of a run in memory until the run ends (about 40 kB an event page),
 * so a large site's event pages are rendered this many at a time, each batch in a run of its own.
 */
export const EVENT_PAGES_PER_RUN = 3000;

export interface RenderResult {
  /** Whether the search index was built; without it the search page says search is unavailable. */
  search: boolean;
}

/** The project's one Eleventy config. */
const ELEVENTY_CONFIG = join(PACKAGE_ROOT, 'eleventy.config.js');

/**
 * Render the site into `outDir`. Eleventy writes into a fresh folder beside it, the extra files
 * (feeds, JSON) and the search index are added there, and that folder then replaces the old
 * site in one rename, so a failed build leaves the previous site in place.
 */
export async function renderSite(
  view: SiteView,
  outDir: string,
  writeExtras: (dir: string) => void,
  options: RenderOptions = {},
): Promise<RenderResult> {
  const target = resolve(outDir);
  const staging = `${target}.building`;
  // Runs after the first write into folders of their own, so that each can be handed to the
  // search index whole while the next renders; their pages join the staging folder at the end.
  const runsDir = `${target}.building-runs`;
  for (const dir of [staging, runsDir]) rmSync(dir, { recursive: true, force: true });

  const searchIndex = options.search === false ? null : startSearchIndex();
  let search = false;
  try {
    const runOutputs = await timed('eleventy', () => renderRuns(view, staging, runsDir, options, searchIndex));
    writeExtras(staging);
    if (searchIndex) search = await timed('search', () => searchIndex.write(staging));
    for (const dir of runOutputs) moveInto(dir, staging);
  } catch (error) {
    await searchIndex?.discard();
    for (const dir of [staging, runsDir]) rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  rmSync(runsDir, { recursive: true, force: true });

  const previous = `${target}.previous`;
  rmSync(previous, { recursive: true, force: true });
  if (existsSync(target)) renameSync(target, previous);
  renameSync(staging, target);
  rmSync(previous, { recursive: true, force: true });
  return { search };
}

/** Run Eleventy once per batch of event pages; returns the folders of the runs after the first. */
async function renderRuns(
  view: SiteView,
  staging: string,
  runsDir: string,
  options: RenderOptions,
  searchIndex: SearchIndex | null,
): Promise<string[]> {
  const previousCwd = process.cwd();
  // Eleventy resolves its input, includes and passthrough paths from the working directory.
  process.chdir(PACKAGE_ROOT);
  const runOutputs: string[] = [];
  try {
    // The first run renders every page but most event pages; later runs render the rest.
    for (const [run, eventPages] of eventPageRuns(view, options.eventPagesPerRun ?? EVENT_PAGES_PER_RUN).entries()) {
      const output = run === 0 ? staging : join(runsDir, String(run));
      const eleventy = eleventyFor({ ...view, eventPages }, output, { eventPagesOnly: run > 0 });
      await eleventy.write();
      if (run > 0) runOutputs.push(output);
      searchIndex?.addFolder(output);
    }
  } finally {
    process.chdir(previousCwd);
  }
  return runOutputs;
}

/**
 * Eleventy over the site's templates with the view as their data (see eleventy.config.js), the
 * event pages of this run among them. `eventPagesOnly` makes a run that renders those alone.
 */
function eleventyFor(view: SiteView & { eventPages: EventView[] }, output: string, run: { eventPagesOnly: boolean }, runMode: 'build' | 'serve' = 'build'): Eleventy {
  return new Eleventy('site', output, {
    quietMode: true,
    runMode,
    configPath: ELEVENTY_CONFIG,
    pathPrefix: view.site.pathPrefix,
    config(eleventyConfig) {
      eleventyConfig.addGlobalData('view', view);
      eleventyConfig.addGlobalData('run', run);
      // quietMode does not reach the benchmarks of the config's own plugins (created before it
      // applies); on a big site HtmlBase's "Benchmark … Transform" note would land on stderr.
      (eleventyConfig as { benchmarks?: { config?: { setIsVerbose?(v: boolean): void } } }).benchmarks?.config?.setIsVerbose?.(false);
    },
  });
}

/**
 * For working on the templates: render the whole site into `outDir` once, write the extra
 * files, then serve it on localhost under its path prefix, rendering again on every change to a
 * template, style or script. The view stays as it was computed; a new fetch needs a new serve.
 */
export async function serveSite(view: SiteView, outDir: string, writeExtras: (dir: string) => void, port: number): Promise<() => Promise<void>> {
  const previousCwd = process.cwd();
  const target = resolve(outDir);
  process.chdir(PACKAGE_ROOT);
  try {
    const eleventy = eleventyFor({ ...view, eventPages: view.events }, target, { eventPagesOnly: false }, 'serve');
    await eleventy.watch();
    writeExtras(target);
    await eleventy.serve(port);
    return () => eleventy.stopWatch();
  } finally {
    process.chdir(previousCwd);
  }
}

/** Move everything in `from` into `to`, merging folders that both have; `from` is left empty. */
function moveInto(from: string, to: string): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const destination = join(to, entry.name);
    if (entry.isDirectory() && existsSync(destination)) moveInto(source, destination);
    else renameSync(source, destination);
  }
}

/**
 * The event pages of each run of Eleventy. A site with no more events than fit in one run is
 * rendered in one run. Otherwise the first run, which renders every other page (the lists,
 * groups and months that list all the events), has only the newly announced events, whose pages
 * the Atom feed quotes; the rest follow, `perRun` at a time.
 */
export function eventPageRuns(view: Pick<SiteView, 'events' | 'newlyAnnounced'>, perRun: number): EventView[][] {
  if (view.events.length <= perRun) return [view.events];
  const announced = new Set(view.newlyAnnounced.map((e) => e.id));
  const runs = [view.events.filter((e) => announced.has(e.id))];
  const others = view.events.filter((e) => !announced.has(e.id));
  for (let i = 0; i < others.length; i += perRun) runs.push(others.slice(i, i + perRun));
  return runs;
}
