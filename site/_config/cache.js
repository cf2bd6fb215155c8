import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Some build steps give the same output every build until the files they read change (trimming
// Bootstrap to the templates takes about two seconds). Their output is kept in a cache folder,
// named by a hash of everything it was made from, and made again only when one of those changed.

/**
 * @typedef {object} CachedStep
 * @property {string} cacheDir
 * @property {string} name Names the step's output in the cache folder.
 * @property {string[]} inputs Every file the output depends on.
 * @property {() => Promise<string>} make
 */

/**
 * The text `make` returns, from the cache when the same inputs (paths and contents) made it
 * before. A cache that cannot be read or written only means making the text every time.
 * @param {CachedStep} step
 * @returns {Promise<string>}
 */
export async function cachedText({ cacheDir, name, inputs, make }) {
  const hash = createHash('sha256');
  for (const file of inputs) hash.update(file).update('\0').update(readFileSync(file)).update('\0');
  const file = join(cacheDir, `${name}-${hash.digest('hex').slice(0, 16)}`);
  try {
    return readFileSync(file, 'utf8');
  } catch {
    // Not made from these inputs yet.
  }
  const text = await make();
  try {
    mkdirSync(cacheDir, { recursive: true });
    // Versions made from inputs that have since changed are never read again.
    for (const old of readdirSync(cacheDir).filter((f) => f.startsWith(`${name}-`))) rmSync(join(cacheDir, old), { force: true });
    // Written beside and renamed, so a build running at the same time never reads half of it.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, text);
    renameSync(partial, file);
  } catch {
    // A read-only install: the text is made again next time.
  }
  return text;
}

/**
 * Every file under `dir` whose name ends with one of `extensions`, in a stable order.
 * @param {string} dir
 * @param {string[]} extensions
 * @returns {string[]}
 */
export function filesUnder(dir, extensions) {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => extensions.some((ext) => file.endsWith(ext)))
    .map((file) => join(dir, file))
    .sort();
}
