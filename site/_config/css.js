import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PurgeCSS } from 'purgecss';

// Bootstrap's stylesheet, trimmed to the rules whose selectors the templates and scripts name
// (about 7 kB gzipped instead of 31 kB): written as assets/bootstrap.min.css before the pages.
// Classes the site builds at run time (activity-…, source-…) are its own, in site.css, untrimmed.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export async function trimmedBootstrap() {
  const [result] = await new PurgeCSS().purge({
    content: [join(ROOT, 'site/**/*.njk'), join(ROOT, 'site/assets/*.js')],
    css: [join(ROOT, 'node_modules/bootstrap/dist/css/bootstrap.min.css')],
    keyframes: true,
    fontFace: true,
  });
  return result.css;
}

export default function (eleventyConfig) {
  eleventyConfig.on('eleventy.before', async ({ directories }) => {
    const assets = join(directories.output, 'assets');
    await mkdir(assets, { recursive: true });
    await writeFile(join(assets, 'bootstrap.min.css'), await trimmedBootstrap());
  });
}
