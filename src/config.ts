import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import { z } from 'zod';
import { isValidTimeZone } from './time.ts';
import { SOURCE_TYPES, type Config } from './types.ts';

/** One thing wrong with the config, at a place the maintainer can jump to (1-based). */
export type ConfigProblem = { file: string; line: number; column: number; message: string };

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: ConfigProblem[] };

export function formatProblem(p: ConfigProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.message}`;
}

/** Thrown by readConfigOrThrow; its message already lists every problem, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ConfigError';
  }
}

/** Reads and validates a config file. User mistakes come back as problems, all of them at once. */
export function loadConfig(path: string): ConfigResult {
  const read = readText(path);
  if (typeof read !== 'string') return { ok: false, problems: [read] };

  const lineCounter = new LineCounter();
  // prettyErrors off: the message stays one clean line and we add the position ourselves.
  const doc = parseDocument(read, { lineCounter, prettyErrors: false });
  const at: ProblemAt = (offset, message) => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: path, line, column: col, message };
  };

  // A document with syntax errors is only partly built; checking its schema would add noise.
  if (doc.errors.length > 0) return { ok: false, problems: doc.errors.map((e) => at(e.pos[0], e.message)) };
  const raw = toData(doc, at);
  if (!raw.ok) return { ok: false, problems: [raw.problem] };
  if (!isMap(doc.contents)) return { ok: false, problems: [at(0, notAMapping(raw.data))] };

  const parsed = configSchema.safeParse(raw.data);
  const problems = [
    ...(parsed.error?.issues ?? []).map((issue) => at(offsetOf(doc, issue.path), issue.message)),
    ...duplicateGroupIds(doc, raw.data, at),
  ].sort((a, b) => a.line - b.line || a.column - b.column);

  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  return { ok: true, config: parsed.data };
}

/** For callers that cannot go on without a config (the CLI catches ConfigError and exits 2). */
export function readConfigOrThrow(path: string): Config {
  const result = loadConfig(path);
  if (!result.ok) throw new ConfigError(result.problems);
  return result.config;
}

// ---- Reading ----

type ProblemAt = (offset: number, message: string) => ConfigProblem;

function readText(path: string): string | ConfigProblem {
  const problem = (message: string): ConfigProblem => ({ file: path, line: 1, column: 1, message });
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return problem(`config file not found: ${resolve(path)}`);
    if (code === 'EISDIR') return problem(`config file ${resolve(path)} is a directory, not a YAML file`);
    return problem(`cannot read config file ${resolve(path)}: ${(error as Error).message}`);
  }
}

/** toJS throws on aliases it cannot expand (an unknown anchor, an alias bomb); report, don't crash. */
function toData(doc: Document, at: ProblemAt): { ok: true; data: unknown } | { ok: false; problem: ConfigProblem } {
  try {
    return { ok: true, data: doc.toJS() };
  } catch (error) {
    return { ok: false, problem: at(unresolvedAliasOffset(doc), (error as Error).message) };
  }
}

function unresolvedAliasOffset(doc: Document): number {
  let offset = 0;
  visit(doc, {
    Alias(_, alias) {
      if (alias.resolve(doc) || !alias.range) return undefined;
      offset = alias.range[0];
      return visit.BREAK;
    },
  });
  return offset;
}

function notAMapping(value: unknown): string {
  if (value == null) return 'config file is empty; expected a mapping with site: and groups:';
  return `config must be a mapping with site: and groups: at the top level, not ${describe(value)}`;
}

// ---- Schema ----

const TZ_HINT = ' (IANA name like America/Los_Angeles)';

/** How a wrong value reads in a message: what the maintainer actually wrote. */
function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `text "${value}"`;
  return `${typeof value} ${String(value)}`;
}

/** A required string. `key:` with no value parses to null, so null reads as missing too. */
function requiredText(what: string, missingHint = '') {
  return z.string({
    error: (issue) =>
      issue.input == null ? `${what} is missing${missingHint}` : `${what} must be text, not ${describe(issue.input)}`,
  });
}

function nonEmptyText(what: string) {
  return requiredText(what).refine((s) => s.trim() !== '', { error: `${what} is empty` });
}

/** An optional string; an empty `key:` counts as not given rather than as an error. */
function optionalText(what: string) {
  return z
    .string({ error: (issue) => `${what} must be text, not ${describe(issue.input)}` })
    .nullish()
    .transform((value) => value ?? undefined);
}

function isHttpUrl(text: string): boolean {
  // The WHATWG parser accepts "http:host" too; the config should spell the scheme out in full.
  if (!/^https?:\/\//i.test(text)) return false;
  try {
    return new URL(text).host !== '';
  } catch {
    return false;
  }
}

function httpUrl(what: string, missingHint = '') {
  return requiredText(what, missingHint).refine(isHttpUrl, {
    error: (issue) => `${what} "${String(issue.input)}" must be an http(s) URL (absolute, like https://example.com/)`,
  });
}

function optionalHttpUrl(what: string) {
  return optionalText(what).refine((value) => value === undefined || isHttpUrl(value), {
    error: (issue) => `${what} "${String(issue.input)}" must be an http(s) URL (absolute, like https://example.com/)`,
  });
}

/** A mapping whose wrong-type message says what was expected; unknown keys are kept, never rejected. */
function mapping<Shape extends z.ZodRawShape>(what: string, shape: Shape) {
  return z.looseObject(shape, {
    error: (issue) =>
      issue.input == null ? `${what} is missing` : `${what} must be a mapping, not ${describe(issue.input)}`,
  });
}

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
  id: requiredText('group id').refine((id) => /^[a-z0-9-]+$/.test(id), {
    error: (issue) => `group id "${String(issue.input)}" must be lowercase letters, digits and hyphens ([a-z0-9-]+)`,
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
});

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

function wholeNumber(what: string, min: number) {
  return z
    .number({ error: (issue) => `${what} must be a whole number, not ${describe(issue.input)}` })
    .int({ error: `${what} must be a whole number` })
    .min(min, { error: `${what} must be at least ${min}` });
}

const hostPolicySchema = mapping('host settings (concurrency, min_interval_ms)', {
  concurrency: wholeNumber('concurrency', 1).optional(),
  min_interval_ms: wholeNumber('min_interval_ms', 0).optional(),
}).transform(({ concurrency, min_interval_ms }) => ({
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
  .transform((v) => ({
    ...(v?.concurrency === undefined ? {} : { concurrency: v.concurrency }),
    ...(v?.deadline_seconds === undefined ? {} : { deadlineSeconds: v.deadline_seconds }),
    ...(v?.hosts === undefined ? {} : { hosts: v.hosts }),
  }));

const configSchema = z.looseObject({
  site: siteSchema,
  fetch: fetchSchema,
  duplicates: duplicatesSchema,
  groups: z
    .array(groupSchema, {
      error: (issue) =>
        issue.input == null
          ? 'groups is missing; list the groups to fetch'
          : `groups must be a list of groups, not ${describe(issue.input)}`,
    })
    .min(1, { error: 'groups is empty; list at least one group' }),
});

// ---- Positions ----

/**
 * Where the node at `path` starts. A missing key points at the mapping that lacks it, and an
 * empty `key:` at its key, since an empty value has no text of its own to point at.
 */
function offsetOf(doc: Document, path: readonly PropertyKey[]): number {
  let node: Node | null = doc.contents;
  let offset = node?.range?.[0] ?? 0;
  for (const segment of path) {
    const child = childAt(node, segment);
    if (!child) break;
    node = child.value;
    offset = child.offset;
  }
  return offset;
}

function childAt(node: Node | null, segment: PropertyKey): { value: Node; offset: number } | undefined {
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment];
    return isNode(item) && item.range ? { value: item, offset: item.range[0] } : undefined;
  }
  if (!isMap(node)) return undefined;
  const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === segment);
  if (!pair || !isScalar(pair.key) || !pair.key.range) return undefined;
  const value = pair.value;
  if (isNode(value) && value.range && !(isScalar(value) && value.source === '')) {
    return { value, offset: value.range[0] };
  }
  return { value: pair.key, offset: pair.key.range[0] };
}

/** Ids are used in URLs, so a second group with the same id would overwrite the first's pages. */
function duplicateGroupIds(doc: Document, raw: unknown, at: ProblemAt): ConfigProblem[] {
  const groups = (raw as { groups?: unknown }).groups;
  if (!Array.isArray(groups)) return [];
  const firstLine = new Map<string, number>();
  const duplicates: ConfigProblem[] = [];
  groups.forEach((group: unknown, index) => {
    const id = (group as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') return;
    const here = at(offsetOf(doc, ['groups', index, 'id']), `duplicate group id "${id}"`);
    const first = firstLine.get(id);
    if (first === undefined) firstLine.set(id, here.line);
    else duplicates.push({ ...here, message: `${here.message} (first defined at line ${first})` });
  });
  return duplicates;
}
