import Eleventy from '@11ty/eleventy';
import { register } from 'tsx/esm/api';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventView, SiteView } from './view.ts';
import { buildSearchIndex } from './search.ts';
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

/**
 * Eleventy loads its config, and the config loads the filters, with Node's own import(); the
 * filters use this package's TypeScript modules. The CLI runs under tsx already; any other host
 * (a test runner, a script) gets tsx's loader here, once.
 */
let typescriptLoader: (() => Promise<void>) | null = null;
function ensureTypeScriptLoader(): void {
  typescriptLoader ??= register();
}

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
  rmSync(staging, { recursive: true, force: true });

  ensureTypeScriptLoader();
  const previousCwd = process.cwd();
  // Eleventy resolves its input, includes and passthrough paths from the working directory.
  process.chdir(PACKAGE_ROOT);
  try {
    await timed('eleventy', async () => {
      // The first run renders every page but most event pages; later runs render the rest.
      for (const [run, eventPages] of eventPageRuns(view, options.eventPagesPerRun ?? EVENT_PAGES_PER_RUN).entries()) {
        const eleventy = new Eleventy('site', staging, {
          quietMode: true,
          configPath: join(PACKAGE_ROOT, run === 0 ? 'eleventy.config.js' : 'eleventy.event-pages.config.js'),
          pathPrefix: view.site.pathPrefix,
          config(eleventyConfig) {
            eleventyConfig.addGlobalData('view', { ...view, eventPages });
            // quietMode does not reach the benchmarks of the config's own plugins (created before it
            // applies); on a big site HtmlBase's "Benchmark … Transform" note would land on stderr.
            (eleventyConfig as { benchmarks?: { config?: { setIsVerbose?(v: boolean): void } } }).benchmarks?.config?.setIsVerbose?.(false);
          },
        });
        await eleventy.write();
      }
    });
  } finally {
    process.chdir(previousCwd);
  }
  writeExtras(staging);
  const search = options.search === false ? false : await timed('search', () => buildSearchIndex(staging));

  const previous = `${target}.previous`;
  rmSync(previous, { recursive: true, force: true });
  if (existsSync(target)) renameSync(target, previous);
  renameSync(staging, target);
  rmSync(previous, { recursive: true, force: true });
  return { search };
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
