import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postcss from 'postcss';
import { cachedText, filesUnder } from './cache.js';

// The site's one stylesheet, assets/site.css, written before the pages: Bootstrap's, trimmed to
// the rules whose selectors the templates and scripts name (about 7 kB gzipped instead of 31 kB),
// then the site's own rules (site/styles/site.css) without their comments. One file, so a page
// waits for one stylesheet before it first paints. Classes the site builds at run time
// (face-…, activity-…) are its own, in site/styles/site.css, untrimmed.
//
// The colour mode follows the system's in CSS alone: Bootstrap's dark rules, written for
// `[data-bs-theme=dark]`, apply to the whole page under `@media (prefers-color-scheme: dark)`.
// No page needs a script (or waits for one) to get its colours, with JavaScript on or off.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DARK = '[data-bs-theme=dark]';
const DARK_MEDIA = '(prefers-color-scheme: dark)';

/** Bootstrap's CSS with every rule for `[data-bs-theme=dark]` (and its descendants) moved under the dark media query. */
/**
 * @param {string} css
 * @returns {string}
 */
export function followSystemColourMode(css) {
  const root = postcss.parse(css);
  root.walkRules((rule) => {
    // Only rules whose every selector starts with the dark attribute alone (`[data-bs-theme=dark]`,
    // `[data-bs-theme=dark] .form-select`): `:root` keeps their specificity and the page's.
    if (!rule.selectors.every((s) => s === DARK || s.startsWith(`${DARK} `))) return;
    const media = postcss.atRule({ name: 'media', params: DARK_MEDIA });
    rule.replaceWith(media);
    rule.selectors = rule.selectors.map((s) => `:root${s.slice(DARK.length)}`);
    media.append(rule);
  });
  return root.toString();
}

const BOOTSTRAP_CSS = join(ROOT, 'node_modules/bootstrap/dist/css/bootstrap.min.css');
const SITE_CSS = join(ROOT, 'site/styles/site.css');

export async function trimmedBootstrap() {
  const { PurgeCSS } = await import('purgecss');
  const bootstrap = await readFile(BOOTSTRAP_CSS, 'utf8');
  const [result] = await new PurgeCSS().purge({
    content: [join(ROOT, 'site/**/*.njk'), join(ROOT, 'site/assets/*.js')],
    css: [{ raw: followSystemColourMode(bootstrap) }],
    keyframes: true,
    fontFace: true,
  });
  return result?.css ?? '';
}

/** Trimmed Bootstrap, then the site's own rules (which override it), comments left out. */
export async function siteStylesheet() {
  const own = postcss.parse(await readFile(SITE_CSS, 'utf8'));
  own.walkComments((comment) => {
    comment.remove();
  });
  return `${await trimmedBootstrap()}\n${own.toString().replace(/\n{2,}/g, '\n')}`;
}

/** @param {import('@11ty/eleventy').UserConfig} eleventyConfig */
export default function (eleventyConfig) {
  eleventyConfig.on('eleventy.before', async ({ directories }) => {
    const assets = join(directories.output, 'assets');
    await mkdir(assets, { recursive: true });
    // The same every build until a template, a script, Bootstrap or this file changes: kept in
    // node_modules/.cache, it costs a build nothing after the first.
    const css = await cachedText({
      cacheDir: join(ROOT, 'node_modules/.cache/spokane-tech'),
      name: 'site.css',
      inputs: [
        ...filesUnder(join(ROOT, 'site'), ['.njk']),
        ...filesUnder(join(ROOT, 'site/assets'), ['.js']),
        BOOTSTRAP_CSS,
        SITE_CSS,
        fileURLToPath(import.meta.url),
        join(ROOT, 'node_modules/purgecss/package.json'),
        join(ROOT, 'node_modules/postcss/package.json'),
      ],
      make: siteStylesheet,
    });
    await writeFile(join(assets, 'site.css'), css);
  });
}
