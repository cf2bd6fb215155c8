import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isHttpUrl } from '../config/fields.ts';
import { writeFileAtomic } from '../fsutil.ts';
import { starterConfig } from '../init/starter.ts';
import { ianaZone } from '../time-reading.ts';
import { EXIT, UsageError, type ExitCode } from './shared.ts';

export interface InitOptions {
  dir: string;
  title: string;
  url: string;
  timezone: string;
  force?: boolean;
}

/** `spokane-tech init`: a starter sources.yaml for another city; never overwrites one without --force. */
export default function init(options: InitOptions): ExitCode {
  const title = options.title.trim();
  if (title === '') throw new UsageError('--title: give the site a title, like "Boise Tech"');
  if (!isHttpUrl(options.url)) throw new UsageError(`--url: "${options.url}" is not an http(s) URL (the address the site will be published at)`);
  const timezone = ianaZone(options.timezone);
  if (timezone === null) throw new UsageError(`--timezone: "${options.timezone}" is not a known time zone (an IANA name like America/Boise)`);

  const path = join(options.dir, 'sources.yaml');
  if (existsSync(path) && !options.force) throw new UsageError(`${resolve(path)} exists already; nothing was written (--force replaces it)`);
  mkdirSync(options.dir, { recursive: true });
  writeFileAtomic(path, starterConfig({ title, url: options.url, timezone }));
  console.log(`wrote ${path}: add your first group under groups:, then run spokane-tech check`);
  return EXIT.ok;
}
