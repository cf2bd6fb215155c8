import { z } from 'zod';
import { isWindowsReservedName } from '../fsutil.ts';
import { isValidTimeZone } from '../time.ts';
import { SOURCE_TYPES } from '../types.ts';
import { announceSchema } from './announce-schema.ts';
import { describe, httpUrl, mapping, nonEmptyText, optionalHttpUrl, optionalText, requiredText, wholeNumber } from './fields.ts';

// What sources.yaml may say, and what each part means once read. The types the rest of the
// program uses (Config, GroupConfig, …) are what this schema produces, so the two never drift.

const TZ_HINT = ' (IANA name like America/Los_Angeles)';

const allowedTypes = SOURCE_TYPES.join(', ');

const sourceSchema = mapping('source (type and url)', {
  type: z.enum(SOURCE_TYPES, {
    error: (issue) =>
      issue.input == null
        ? `source type is missing; expected one of ${allowedTypes}`
        : `unknown source type ${JSON.stringify(issue.input)}; expected one of ${allowedTypes}`,
  }),
  url: httpUrl('source url'),
});

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
  sources: z
    .array(sourceSchema, {
      error: (issue) =>
        issue.input == null
          ? 'sources is missing; every group needs at least one source (type and url)'
          : `sources must be a list of sources (type and url), not ${describe(issue.input)}`,
    })
    .min(1, { error: 'sources is empty; every group needs at least one source (type and url)' }),
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

export const configSchema = z.looseObject({
  site: siteSchema,
  fetch: fetchSchema,
  duplicates: duplicatesSchema,
  announce: announceSchema,
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
});

export type Config = z.output<typeof configSchema>;
export type SiteConfig = Config['site'];
export type GroupConfig = Config['groups'][number];
export type SourceConfig = GroupConfig['sources'][number];

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
