import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as cheerio from 'cheerio';
import { calendarEvents, type CalendarEvent } from '../helpers/calendar.ts';

// Reading a built site back: its files, its pages parsed, its feeds parsed.

/** Every file under `dir`, as site paths (`events/x/index.html`), leaving out Pagefind's bundle. */
export function siteFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) {
        if (relative(dir, path) !== 'pagefind') walk(path);
      } else out.push(relative(dir, path).split('\\').join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** A week's digest as an e-mail: a document for mail clients, not a page of the site. */
const EMAIL_DIGEST = /^week\/[^/]+\/digest\.html$/;

/** The site's pages: every HTML file but the weeks' e-mail digests (see emailDigests). */
export function htmlPages(dir: string): string[] {
  return siteFiles(dir).filter((f) => f.endsWith('.html') && !EMAIL_DIGEST.test(f));
}

/** The weeks' digests as e-mails, `week/<yyyy>-W<ww>/digest.html`. */
export function emailDigests(dir: string): string[] {
  return siteFiles(dir).filter((f) => EMAIL_DIGEST.test(f));
}

export function read(dir: string, path: string): string {
  return readFileSync(join(dir, path), 'utf8');
}

export function page(dir: string, path: string): cheerio.CheerioAPI {
  return cheerio.load(read(dir, path));
}

export function feedEvents(dir: string, path: string): CalendarEvent[] {
  return calendarEvents(read(dir, path));
}

export function summaries(dir: string, path: string): string[] {
  return feedEvents(dir, path)
    .map((e) => e.summary)
    .sort();
}

export function jsonLdOf(dir: string, path: string): Record<string, unknown>[] {
  const $ = page(dir, path);
  return $('script[type="application/ld+json"]')
    .toArray()
    .map((el) => JSON.parse($(el).text()) as Record<string, unknown>);
}

/** The file a root-relative link points at, or null when nothing is there. */
export function resolveLink(dir: string, prefix: string, href: string): string | null {
  const path = decodeURI(href.split('#')[0]!.split('?')[0]!);
  if (!path.startsWith(prefix)) return null;
  const inside = path.slice(prefix.length);
  const candidates = inside === '' || inside.endsWith('/') ? [join(inside, 'index.html')] : [inside, join(inside, 'index.html')];
  return candidates.find((c) => existsSync(join(dir, c)) && statSync(join(dir, c)).isFile()) ?? null;
}
