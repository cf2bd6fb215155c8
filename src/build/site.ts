import Eleventy from '@11ty/eleventy';
import { register } from 'tsx/esm/api';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SiteView } from './view.ts';
import { buildSearchIndex } from './search.ts';

/** The package root: templates and the Eleventy config ship with the tool, not with the data. */
const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface RenderOptions {
  /** Build the Pagefind search index (default true). The site works without it. */
  search?: boolean;
}

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
    const eleventy = new Eleventy('site', staging, {
      quietMode: true,
      configPath: join(PACKAGE_ROOT, 'eleventy.config.js'),
      pathPrefix: view.site.pathPrefix,
      config(eleventyConfig) {
        eleventyConfig.addGlobalData('view', view);
        // quietMode does not reach the benchmarks of the config's own plugins (created before it
        // applies); on a big site HtmlBase's "Benchmark … Transform" note would land on stderr.
        (eleventyConfig as { benchmarks?: { config?: { setIsVerbose?(v: boolean): void } } }).benchmarks?.config?.setIsVerbose?.(false);
      },
    });
    await eleventy.write();
  } finally {
    process.chdir(previousCwd);
  }
  writeExtras(staging);
  const search = options.search === false ? false : await buildSearchIndex(staging);

  const previous = `${target}.previous`;
  rmSync(previous, { recursive: true, force: true });
  if (existsSync(target)) renameSync(target, previous);
  renameSync(staging, target);
  rmSync(previous, { recursive: true, force: true });
  return { search };
}
