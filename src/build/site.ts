import Eleventy from '@11ty/eleventy';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SiteView } from './view.ts';

/** The package root: templates and the Eleventy config ship with the tool, not with the data. */
const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Render the site into `outDir`. Eleventy writes into a fresh folder beside it, which then
 * replaces the old site in one rename, so a failed build leaves the previous site in place.
 */
export async function renderSite(view: SiteView, outDir: string, writeExtras: (dir: string) => void): Promise<void> {
  const target = resolve(outDir);
  const staging = `${target}.building`;
  rmSync(staging, { recursive: true, force: true });

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
      },
    });
    await eleventy.write();
  } finally {
    process.chdir(previousCwd);
  }
  writeExtras(staging);

  const previous = `${target}.previous`;
  rmSync(previous, { recursive: true, force: true });
  if (existsSync(target)) renameSync(target, previous);
  renameSync(staging, target);
  rmSync(previous, { recursive: true, force: true });
}
