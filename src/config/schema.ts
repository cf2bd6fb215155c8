import { z } from 'zod';
import { isWindowsReservedName } from '../fsutil.ts';
import { isValidTimeZone } from '../time-reading.ts';
import { isAbsolute } from 'node:path';
import { SOURCE_TYPES, type FetchedSourceType } from '../types.ts';
import type { ManualEvent } from './manual-events.ts';
import { announceSchema } from './announce-schema.ts';
import { correctionsSchema, correctionTimes } from './corrections-schema.ts';
import { describe, httpUrl, isHttpUrl, mapping, nonEmptyText, optionalHttpUrl, optionalText, requiredText, wholeNumber } from './fields.ts';

// What sources.yaml may say, and what each part means once read. The types the rest of the
// program uses (Config, GroupConfig, …) are what this schema produces, so the two never drift.

const TZ_HINT = ' (IANA name like America/Los_Angeles)';

const allowedTypes = SOURCE_TYPES.join(', ');

/**
 * A source is read from a `url`, except a `manual` one: a `path` to a YAML file of events in the
 * repository, relative to sources.yaml. Everywhere else (the store's keys, the health page) a
 * manual source is known by `manual:<path>`, as a fetched one is by its URL.
 */
const sourceSchema = mapping('source (type, and url or path)', {
  type: z.enum(SOURCE_TYPES, {
    error: (issue) =>
      issue.input == null
        ? `source type is missing; expected one of ${allowedTypes}`
        : `unknown source type ${JSON.stringify(issue.input)}; expected one of ${allowedTypes}`,
  }),
  url: optionalText('source url'),
  path: optionalText('source path'),
}).transform((source, context): ParsedSource => {
  const problem = (key: 'url' | 'path', message: string) => {
    context.addIssue({ code: 'custom', path: [key], message });
    return z.NEVER;
  };
  if (source.type === 'manual') {
    if (source.url !== undefined) return problem('url', 'a manual source has a path to its events file, not a url');
    if (source.path === undefined) return problem('path', `source path is missing; a manual source names its events file, relative to sources.yaml (like ${MANUAL_PATH_EXAMPLE})`);
    if (!isRepositoryPath(source.path)) return problem('path', `source path "${source.path}" must be a file inside the repository, relative to sources.yaml (like ${MANUAL_PATH_EXAMPLE})`);
    return { type: 'manual', path: source.path, url: `manual:${source.path}` };
  }
  if (source.path !== undefined) return problem('path', `a ${source.type} source has a url, not a path`);
  if (source.url === undefined) return problem('url', 'source url is missing');
  if (!isHttpUrl(source.url)) return problem('url', `source url "${source.url}" must be an http(s) URL (absolute, like https://example.com/)`);
  return { type: source.type, url: source.url };
});

const MANUAL_PATH_EXAMPLE = 'data/manual/<group-id>.yaml';

/** Relative, inside the folder of sources.yaml, a YAML file. */
function isRepositoryPath(path: string): boolean {
  const parts = path.split(/[\\/]/);
  return !isAbsolute(path) && !/^[a-z]:/i.test(path) && !parts.includes('..') && /\.ya?ml$/i.test(path);
}

/** A source as sources.yaml gives it. */
type ParsedSource = { type: FetchedSourceType; url: string } | { type: 'manual'; path: string; url: string };

const groupSchema = mapping('group (id, name and sources)', {
  id: requiredText('group id')
    .refine((id) => /^[a-z0-9-]+$/.test(id), {
      error: (issue) => `group id "${String(issue.input)}" must be lowercase letters, digits and hyphens ([a-z0-9-]+)`,
    })
    .refine((id) => !isWindowsReservedName(id), {
      error: (issue) =>
        `group id "${String(issue.input)}" is a reserved file name on Windows (con, prn, aux, nul, com1-9, lpt1-9), ` +
        'and the site has a folder per group id; pick another',
      abort: true,
    }),
  name: nonEmptyText('group name'),
  homepage: optionalHttpUrl('group homepage'),
  description: optionalText('group description'),
  tags: z
    .array(z.string({ error: (issue) => `each tag must be text, not ${describe(issue.input)}` }), {
      error: (issue) => `tags must be a list like [python, data], not ${describe(issue.input)}`,
    })
    .nullish()
    .transform((tags) => tags ?? []),
  // A group with no source at all is listed with its homepage.
  sources: z
    .array(sourceSchema, { error: (issue) => `sources must be a list of sources (type and url), not ${describe(issue.input)}` })
    .nullish()
    .transform((sources) => sources ?? []),
});

const siteSchema = mapping('site (title, url and timezone)', {
  title: nonEmptyText('site.title'),
  url: httpUrl('site.url', ' (the absolute base URL for feeds and links)'),
  timezone: requiredText('site.timezone', TZ_HINT).refine(isValidTimeZone, {
    error: (issue) => `"${String(issue.input)}" is not a known time zone${TZ_HINT}`,
  }),
  description: optionalText('site.description'),
  /** The GitHub repository the site is built from: "add your group", "submit an event" and "report a problem" open issues there. */
  repository: optionalHttpUrl('site.repository').refine((url) => url === undefined || isRepositoryUrl(url), {
    error: (issue) => `site.repository "${String(issue.input)}" must be a repository's address, like https://github.com/owner/name`,
  }),
});

function isRepositoryUrl(url: string): boolean {
  // What is no URL at all has its own problem already.
  if (!URL.canParse(url)) return true;
  const { protocol, pathname, search, hash } = new URL(url);
  return protocol === 'https:' && /^\/[\w.-]+\/[\w.-]+\/?$/.test(pathname) && search === '' && hash === '';
}

const eventUrlPair = z
  .array(httpUrl('event url'), { error: 'each entry must be a pair of event URLs, like [https://…, https://…]' })
  .length(2, { error: 'each entry must be a pair of event URLs, like [https://…, https://…]' })
  .transform((pair) => pair as [string, string]);

/** Manual corrections to the automatic matching of one event listed by two sources. */
const duplicatesSchema = mapping('duplicates (merge and split)', {
  merge: z.array(eventUrlPair, { error: 'duplicates.merge must be a list of URL pairs' }).nullish().transform((v) => v ?? []),
  split: z.array(eventUrlPair, { error: 'duplicates.split must be a list of URL pairs' }).nullish().transform((v) => v ?? []),
})
  .nullish()
  .transform((v) => v ?? { merge: [], split: [] });

const hostPolicySchema = mapping('host settings (concurrency, min_interval_ms)', {
  concurrency: wholeNumber('concurrency', 1).optional(),
  min_interval_ms: wholeNumber('min_interval_ms', 0).optional(),
}).transform(({ concurrency, min_interval_ms }): HostSettings => ({
  ...(concurrency === undefined ? {} : { concurrency }),
  ...(min_interval_ms === undefined ? {} : { minIntervalMs: min_interval_ms }),
}));

/** How politely the fetch engine treats each host; every key optional, defaults in src/http. */
const fetchSchema = mapping('fetch (concurrency, deadline_seconds, hosts)', {
  concurrency: wholeNumber('fetch.concurrency', 1).optional(),
  deadline_seconds: wholeNumber('fetch.deadline_seconds', 1).optional(),
  hosts: z.record(z.string(), hostPolicySchema, { error: 'fetch.hosts must map host names to settings' }).optional(),
})
  .nullish()
  .transform(
    (v): FetchSettings => ({
      ...(v?.concurrency === undefined ? {} : { concurrency: v.concurrency }),
      ...(v?.deadline_seconds === undefined ? {} : { deadlineSeconds: v.deadline_seconds }),
      ...(v?.hosts === undefined ? {} : { hosts: v.hosts }),
    }),
  );

export const configSchema = mapping('config (site and groups)', {
  site: siteSchema,
  fetch: fetchSchema,
  duplicates: duplicatesSchema,
  announce: announceSchema,
  corrections: correctionsSchema,
  // A new city starts with none (`groups:` and nothing under it yet).
  groups: z
    .array(groupSchema, {
      error: (issue) =>
        issue.input === undefined
          ? 'groups is missing; list the groups to fetch'
          : `groups must be a list of groups, not ${describe(issue.input)}`,
    })
    .nullable()
    .transform((groups) => groups ?? []),
}).transform((config, context) => ({ ...config, corrections: correctionTimes(config.corrections, config.site.timezone, context) }));

/** What sources.yaml says, as read. */
export type ConfigFile = z.output<typeof configSchema>;

/** A manual source with the events its file holds (read by load.ts, checked like sources.yaml). */
export type ManualSourceConfig = Extract<ParsedSource, { type: 'manual' }> & { events: ManualEvent[] };
export type SourceConfig = Exclude<ParsedSource, { type: 'manual' }> | ManualSourceConfig;
export type GroupConfig = Omit<ConfigFile['groups'][number], 'sources'> & { sources: SourceConfig[] };

/** The config the program runs on: sources.yaml with every manual source's events. */
export type Config = Omit<ConfigFile, 'groups'> & { groups: GroupConfig[] };
export type SiteConfig = Config['site'];

/** Politeness of the fetch engine; what is left out takes the defaults in src/http. */
export interface FetchSettings {
  /** Requests in flight at once, all hosts together. */
  concurrency?: number;
  /** A source still unfinished after this long fails with a timeout. */
  deadlineSeconds?: number;
  /** Per host (`www.meetup.com`, or `default` for every other host). */
  hosts?: Record<string, HostSettings>;
}

export interface HostSettings {
  concurrency?: number;
  minIntervalMs?: number;
}
